"""Leda's blocks in module pages: reflection exercises and the facilitator section.

An author writes::

    /// exercise | trust-inventory
    The prompt, in Markdown.
    ///

    /// facilitator
    How to run the exercises in a workshop.
    ///

``parse`` finds the blocks (with their lines) so they can be checked against the
front matter; hooks/course.py renders each through a template in overrides/.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .problems import Problems

KINDS = ("exercise", "facilitator")
_OPEN = re.compile(r"^///\s*(?P<kind>[\w-]+)\s*(?:\|\s*(?P<arg>.*?))?\s*$")
_CLOSE = re.compile(r"^///\s*$")


@dataclass
class Block:
    kind: str
    arg: str
    line: int  # line of the opening ``///`` in the file
    end: int  # line of the closing ``///``
    body: str


def parse(body: str, first_line: int, path: str, problems: Problems) -> list[Block]:
    """Find every block in ``body``, whose first line is line ``first_line`` of ``path``."""
    blocks: list[Block] = []
    lines = body.splitlines()
    current: tuple[str, str, int, list[str]] | None = None
    for index, text in enumerate(lines):
        lineno = first_line + index
        if current is None:
            match = _OPEN.match(text)
            if match:
                kind, arg = match["kind"], (match["arg"] or "").strip()
                if kind not in KINDS:
                    problems.add(
                        path,
                        lineno,
                        f"unknown block `/// {kind}`; Leda knows `/// exercise | id` "
                        "and `/// facilitator`",
                    )
                current = (kind, arg, lineno, [])
            elif _CLOSE.match(text):
                problems.add(path, lineno, "`///` closes no block; remove it")
        elif _CLOSE.match(text):
            kind, arg, start, content = current
            if kind in KINDS:
                blocks.append(Block(kind, arg, start, lineno, "\n".join(content)))
            current = None
        elif _OPEN.match(text):
            problems.add(
                path,
                lineno,
                f"a block starts inside the `/// {current[0]}` block of line {current[2]}; "
                "close that one with `///` first",
            )
        else:
            current[3].append(text)
    if current is not None:
        problems.add(
            path, current[2], f"the `/// {current[0]}` block is never closed; end it with `///`"
        )
    return blocks


def replace(body: str, blocks: list[Block], first_line: int, render) -> str:
    """Return ``body`` with each block replaced by ``render(block)``."""
    lines = body.splitlines()
    for block in sorted(blocks, key=lambda b: b.line, reverse=True):
        start, end = block.line - first_line, block.end - first_line
        lines[start : end + 1] = ["", render(block), ""]
    return "\n".join(lines)
