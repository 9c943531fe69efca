"""A tiny HTML reader for the tests: every start tag with its attributes and position."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar


@dataclass
class Tag:
    name: str
    attrs: dict[str, str]
    parents: list[str] = field(default_factory=list)  # names and classes of open ancestors

    def inside(self, cls: str) -> bool:
        return any(cls in p for p in self.parents)


class _Reader(HTMLParser):
    VOID: ClassVar[set[str]] = {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    }

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[Tag] = []
        self.stack: list[str] = []

    def handle_starttag(self, name, attrs):
        values = {k: (v or "") for k, v in attrs}
        self.tags.append(Tag(name, values, list(self.stack)))
        if name not in self.VOID:
            self.stack.append(f"{name}.{values.get('class', '').replace(' ', '.')}")

    def handle_endtag(self, name):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i].split(".")[0] == name:
                del self.stack[i:]
                break


def tags(html: str) -> list[Tag]:
    reader = _Reader()
    reader.feed(html)
    return reader.tags


def pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html"))


class _Scripts(HTMLParser):
    """The text of every inline script a browser runs (not ``src=`` ones, not data blocks)."""

    RUN = ("", "text/javascript", "application/javascript", "module")

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.scripts: list[str] = []
        self._open: list[str] | None = None

    def handle_starttag(self, name, attrs):
        values = {k: (v or "") for k, v in attrs}
        if name == "script" and "src" not in values and values.get("type", "").lower() in self.RUN:
            self._open = []

    def handle_data(self, data):
        if self._open is not None:
            self._open.append(data)  # a script's text, raw (html.parser does not unescape it)

    def handle_endtag(self, name):
        if name == "script" and self._open is not None:
            self.scripts.append("".join(self._open))
            self._open = None


def inline_scripts(html: str) -> list[str]:
    reader = _Scripts()
    reader.feed(html)
    reader.close()
    return reader.scripts
