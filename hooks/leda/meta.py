"""A page's description as written, escaped into its ``<meta>`` and checked there.

Material writes ``page.meta.description`` into ``content="..."`` unescaped: a ``"``
in the front matter ends the attribute. ``escaped`` makes the text safe for the
template; ``check_description`` reads the built page back and names a page whose
``<meta name="description">`` is not its front matter's text.
"""

from __future__ import annotations

from html.parser import HTMLParser

from markupsafe import Markup, escape


def escaped(text: object) -> Markup:
    """``text`` escaped for an HTML attribute (already escaped text is left as it is)."""
    return escape(text if isinstance(text, Markup) else str(text))


class _Meta(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: dict[str, list[str]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "meta":
            return
        a = dict(attrs)
        key = a.get("name") or a.get("property")
        if key:
            self.found.setdefault(key, []).append(a.get("content") or "")


def meta_tags(html: str) -> dict[str, list[str]]:
    """Every ``<meta name|property=... content=...>`` of ``html``, by name."""
    parser = _Meta()
    parser.feed(html)
    return parser.found


def check_description(html: str, expected: str, where: str) -> list[str]:
    """Problems with the page's description: ``[]`` when it reads ``expected``."""
    found = meta_tags(html).get("description", [])
    if found != [expected]:
        return [
            f'{where}: the page\'s <meta name="description"> reads {found!r}, not the '
            f"front matter's description {expected!r}: a template writes it unescaped"
        ]
    return []
