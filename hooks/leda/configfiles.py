"""Where a setting is written: the file and line, following ``INHERIT:``.

MkDocs merges the configuration file that is built (``organisation.yml``, say) with
the files it inherits (``mkdocs.yml``) and forgets where each value came from.
``ConfigFiles`` finds the place again, so a problem with a setting is reported as
``organisation.yml:12: ...`` or ``mkdocs.yml:40: ...``, where the author wrote it.
"""

from __future__ import annotations

import difflib
from functools import cached_property
from pathlib import Path

import yaml

from .problems import CourseError, Problems


class ConfigFiles:
    """The configuration file that was built and the files it inherits, child first.

    The files are read the first time a place is asked for (only a problem needs one).
    """

    def __init__(self, config_file: Path, root: Path | None = None):
        self.config_file = Path(config_file)
        self.root = (root or self.config_file.parent).resolve()

    @cached_property
    def files(self) -> list[tuple[str, yaml.Node | None]]:
        files: list[tuple[str, yaml.Node | None]] = []
        path: Path | None = self.config_file.resolve()
        seen: set[Path] = set()
        while path is not None and path not in seen and path.exists():
            seen.add(path)
            try:
                node = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
            except yaml.YAMLError:
                node = None  # MkDocs itself reports a broken file
            files.append((self._shown(path), node))
            inherit = _child(node, "INHERIT")
            value = inherit.value if isinstance(inherit, yaml.ScalarNode) else None
            path = (path.parent / value).resolve() if value else None
        return files

    def _shown(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()

    @property
    def main(self) -> str:
        return self.files[0][0] if self.files else self._shown(self.config_file.resolve())

    def where(self, *keys: str | int) -> tuple[str, int]:
        """File and line of the setting at ``keys`` (or of its nearest written parent)."""
        for depth in range(len(keys), 0, -1):
            for shown, node in self.files:
                found = _find(node, keys[:depth])
                if found is not None:
                    return shown, found.start_mark.line + 1
        return self.main, 1


def _child(node: yaml.Node | None, key: str | int) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == str(key):
                return value_node
    if isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
        return node.value[key]
    return None


def _find(node: yaml.Node | None, keys: tuple) -> yaml.Node | None:
    for key in keys:
        node = _child(node, key)
        if node is None:
            return None
    return node


class Report:
    """Adds problems at the place a setting is written.

    Without ``files`` (a course loaded outside a build, as the tests do) the
    problems go to ``fallback``, line 1.
    """

    def __init__(self, files: ConfigFiles | None, problems: Problems, fallback: str = "mkdocs.yml"):
        self.files = files
        self.problems = problems
        self.fallback = fallback

    def add(self, keys: tuple, message: str) -> None:
        path, line = self.files.where(*keys) if self.files else (self.fallback, 1)
        self.problems.add(path, line, message)

    def unknown_keys(self, raw: dict, allowed: tuple, at: tuple) -> None:
        """A problem for every key of ``raw`` (the setting at ``at``) not in ``allowed``."""
        name = ".".join(str(k) for k in at)
        for key in raw:
            if key not in allowed:
                guess = difflib.get_close_matches(str(key), allowed, n=1)
                hint = f"did you mean `{guess[0]}`?" if guess else f"use {', '.join(allowed)}"
                self.add((*at, key), f"unknown setting `{key}` in {name}; {hint}")


class SettingsError(CourseError):
    """Raised with every problem at once; the hooks turn it into a PluginError."""

    about = "the site's settings"
