"""Honest time: how long a module takes to read, and whether its stated ``minutes`` allow it.

A module's reading time is counted at build time from the words of its page's
body (the Markdown after the front matter) without the ``/// facilitator`` block,
which learners do not read: prose, headings, lists and the exercises' prompts.
Markup is not counted: link targets, HTML tags, attribute lists (``{#id}``),
block fences (``///``) and Markdown's punctuation. Words are read at ``RATES``
words a minute (a common figure for reading to learn, slower than skimming),
rounded up to whole minutes.

The count is not kept in the course model (which every page sees, so that
``./leda serve`` would render every page again after an edit of one module's
prose): ``page_minutes`` counts the page's Markdown again when the page itself is
rendered (hooks/course.py), for its template.

The exercises' time is separate: the sum of their ``minutes`` in the front matter.
``check_minutes`` stops the build when a module's stated ``minutes`` (its time at
your own pace) is below its reading time in any language.
"""

from __future__ import annotations

import math
import re

from . import blocks
from .problems import Problems

RATES = {"sv": 200, "en": 230}  # words a minute; other languages read at DEFAULT_RATE
DEFAULT_RATE = 200

_FENCE = re.compile(r"^\s*(```|~~~).*?^\s*\1\s*$", re.M | re.S)  # code blocks: not prose
_LINK_TARGET = re.compile(r"\]\([^)]*\)")  # [text](target): the text is read
_ATTRS = re.compile(r"\{[:#.][^}]*\}")  # attribute lists: {#id}, { .md-button }
_TAG = re.compile(r"<[^>]+>")
_BLOCK = re.compile(r"^\s*///.*$", re.M)  # block fences and their ids
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")  # letters or digits, joined by - or '


def count_words(markdown: str) -> int:
    """The words a reader reads in ``markdown`` (see the module's docstring)."""
    text = _FENCE.sub(" ", markdown)
    text = _BLOCK.sub(" ", text)
    text = _LINK_TARGET.sub("]", text)
    text = _ATTRS.sub(" ", text)
    text = _TAG.sub(" ", text)
    return len(_WORD.findall(text))


def rate(lang: str) -> int:
    return RATES.get(lang, DEFAULT_RATE)


def reading_minutes(words: int, lang: str) -> int:
    """Minutes to read ``words`` in ``lang``, rounded up to whole minutes."""
    return math.ceil(words / rate(lang)) if words else 0


def without_facilitator(body: str, body_line: int, blocks) -> str:
    """``body`` (whose first line is ``body_line`` of its file) without facilitator blocks."""
    lines = body.splitlines()
    for block in sorted(blocks, key=lambda b: b.line, reverse=True):
        if block.kind == "facilitator":
            del lines[block.line - body_line : block.end - body_line + 1]
    return "\n".join(lines)


def page_minutes(markdown: str, lang: str) -> int:
    """Minutes to read a module page's Markdown body (as the engine reads it) in ``lang``."""
    found = blocks.parse(markdown, 1, "", Problems())
    return reading_minutes(count_words(without_facilitator(markdown, 1, found)), lang)


def check_minutes(path: str, line: int, minutes, words: int, lang: str, problems: Problems) -> None:
    """A problem at ``path:line`` (the ``minutes:`` line) when ``minutes`` is below reading time."""
    needed = reading_minutes(words, lang)
    if isinstance(minutes, int) and not isinstance(minutes, bool) and minutes < needed:
        problems.add(
            path,
            line,
            f"`minutes: {minutes}` is less than the time it takes to read the page: "
            f"{words} words at {rate(lang)} words a minute is {needed} minutes "
            "(the facilitator section not counted); set `minutes:` to at least "
            f"{needed} in every language, or shorten the text",
        )
