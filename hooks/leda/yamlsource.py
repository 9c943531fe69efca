"""YAML that remembers where things are and refuses what PyYAML lets slip.

``load`` turns a YAML document into plain Python values, except that every mapping
is a ``Mapping`` (a dict that knows the line of each key) and every sequence a
``Sequence`` (a list that knows the line of each item). Duplicate keys, which
PyYAML silently resolves by keeping the last one, are reported as problems, and
yes/no/on/off stay words (only true and false are booleans, as in YAML 1.2).
"""

from __future__ import annotations

from typing import Any

import yaml

from .problems import Problems


class Mapping(dict):
    """A dict with the 1-based line of the mapping and of each of its keys."""

    line: int = 1
    key_lines: dict

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class Sequence(list):
    """A list with the 1-based line of the sequence and of each of its items."""

    line: int = 1
    item_lines: list

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.line


_scalars = yaml.SafeLoader("")
_FAST = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml, when PyYAML has it


def _convert(node: yaml.Node, path: str, problems: Problems, offset: int) -> Any:
    line = node.start_mark.line + 1 + offset
    if isinstance(node, yaml.MappingNode):
        out = Mapping()
        out.line, out.key_lines = line, {}
        for key_node, value_node in node.value:
            key = _convert(key_node, path, problems, offset)
            key_line = key_node.start_mark.line + 1 + offset
            if not isinstance(key, str | int | bool | float) or key is None:
                problems.add(path, key_line, "a key must be a plain word; quote it or rename it")
                continue
            if key == "<<":
                problems.add(path, key_line, "YAML merge keys (<<) are not supported; write it out")
                continue
            if key in out:
                problems.add(
                    path,
                    key_line,
                    f"duplicate key '{key}' (first on line {out.key_lines[key]}); "
                    "remove one of them",
                )
                continue
            out[key] = _convert(value_node, path, problems, offset)
            out.key_lines[key] = key_line
        return out
    if isinstance(node, yaml.SequenceNode):
        out = Sequence()
        out.line, out.item_lines = line, []
        for item in node.value:
            out.append(_convert(item, path, problems, offset))
            out.item_lines.append(item.start_mark.line + 1 + offset)
        return out
    if node.tag == "tag:yaml.org,2002:bool" and node.value.lower() not in ("true", "false"):
        # YAML 1.2, not PyYAML's 1.1: `en: No` is the word "No", not false.
        return node.value
    return _scalars.construct_object(node, deep=True)


def load(text: str, path: str, problems: Problems, offset: int = 0) -> Any:
    """Parse ``text``; problems get ``path`` and lines shifted by ``offset``.

    Returns None (with a problem recorded) when the text is not valid YAML.
    """
    try:
        try:
            node = yaml.compose(text, Loader=_FAST)
        except yaml.MarkedYAMLError:
            # PyYAML's own parser explains syntax errors more clearly than libyaml.
            node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = (mark.line + 1 + offset) if mark else 1 + offset
        column = (mark.column + 1) if mark else 1
        what = err.problem or err.context or "invalid YAML"
        problems.add(
            path,
            line,
            f"YAML syntax error at column {column}: {what}; "
            "check the indentation, the colons and the quotes on this line and the one above",
        )
        return None
    except yaml.YAMLError as err:  # pragma: no cover - PyYAML marks almost everything
        problems.add(path, 1 + offset, f"YAML syntax error: {err}")
        return None
    if node is None:
        return None
    return _convert(node, path, problems, offset)


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """Split a Markdown page into (front matter, body, line where the body starts).

    The front matter is the YAML between a first line ``---`` and the next ``---``.
    """
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        return None, text, 1
    for i in range(1, len(lines)):
        if lines[i].strip() in ("---", "..."):
            return "".join(lines[1:i]), "".join(lines[i + 1 :]), i + 2
    return None, text, 1
