"""Small validators for YAML data, each reporting ``path:line: what and how to fix``."""

from __future__ import annotations

import difflib
import re
from typing import Any

from .languages import name as language_name
from .problems import Problems
from .yamlsource import Mapping, Sequence

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

# How to add a missing key, for the messages; {langs} becomes the languages' keys.
HINTS = {
    "questions": "a list of questions (see quizzes/README.md)",
    "options": "a list of options, each with `id`, `text` and `feedback`",
    "prompt": "the question with {langs} texts",
    "text": "the option's text with {langs}",
    "feedback": "why this option is right or wrong, with {langs}",
    "id": "a short id of lower-case letters, digits and hyphens",
    "type": "`single`, `multiple` or `scenario`",
    "exercises": "a list of exercises (id, title, mode, minutes)",
    "objectives": "3–5 things the learner can do afterwards",
    "sources": "the ids of the articles the module draws on, from sources.yml",
}


class Checker:
    """Checks one file's data; every problem goes to ``problems`` with ``path``.

    ``languages`` are those its texts must be written in (the site's, or the one
    language of a page).
    """

    def __init__(self, path: str, problems: Problems, languages: tuple[str, ...]):
        self.path = path
        self.problems = problems
        self.languages = languages

    @property
    def _langs(self) -> str:
        return " and ".join(f"`{lang}:`" for lang in self.languages)

    def add(self, line: int, message: str) -> None:
        self.problems.add(self.path, line, message)

    def mapping(self, value: Any, line: int, what: str) -> Mapping | None:
        if isinstance(value, Mapping):
            return value
        self.add(line, f"{what} must be a mapping of `key: value` lines, not {_kind(value)}")
        return None

    def sequence(self, m: Mapping, key: str, what: str, required: bool = True) -> Sequence | None:
        if key not in m:
            return None  # keys() reports a missing required key
        if m[key] is None:
            if required:
                self.add(m.line_of(key), f"`{key}` in {what} is empty; add a list under `{key}:`")
            return None
        value = m[key]
        if not isinstance(value, Sequence):
            self.add(m.line_of(key), f"`{key}` in {what} must be a list (lines starting with `- `)")
            return None
        if required and not value:
            self.add(m.line_of(key), f"`{key}` in {what} is empty; add at least one item")
        return value

    def keys(self, m: Mapping, what: str, required: tuple = (), optional: tuple = ()) -> None:
        """Report unknown keys (with a guess at the intended one) and missing ones."""
        allowed = set(required) | set(optional)
        for key in m:
            if key not in allowed:
                guess = difflib.get_close_matches(str(key), sorted(allowed), n=1)
                hint = (
                    f"did you mean `{guess[0]}`?"
                    if guess
                    else f"allowed: {', '.join(sorted(allowed))}"
                )
                self.add(m.line_of(key), f"unknown key `{key}` in {what}; {hint}")
        for key in required:
            if key not in m:
                hint = HINTS.get(key, "it").replace("{langs}", self._langs)
                self.add(m.line, f"{what} has no `{key}:`; add {hint}")

    def ident(self, m: Mapping, key: str, what: str) -> str | None:
        value = m.get(key)
        if key not in m:
            return None  # reported by keys()
        if not isinstance(value, str) or not ID_PATTERN.match(value):
            self.add(
                m.line_of(key),
                f"`{key}` in {what} is {value!r}; use lower-case letters, digits and hyphens "
                "(like `trust-pair`)",
            )
            return None
        return value

    def string(self, m: Mapping, key: str, what: str) -> str | None:
        if key not in m:
            return None
        value = m[key]
        if not isinstance(value, str) or not value.strip():
            self.add(m.line_of(key), f"`{key}` in {what} must be a non-empty text")
            return None
        return value.strip()

    def integer(
        self, m: Mapping, key: str, what: str, low: int = 1, high: int = 10_000
    ) -> int | None:
        if key not in m:
            return None
        value = m[key]
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.add(
                m.line_of(key),
                f"`{key}` in {what} must be a whole number from {low} to {high}, not {value!r}",
            )
            return None
        return value

    def boolean(self, m: Mapping, key: str, what: str) -> bool | None:
        if key not in m:
            return None
        value = m[key]
        if not isinstance(value, bool):
            self.add(m.line_of(key), f"`{key}` in {what} must be `true` or `false`, not {value!r}")
            return None
        return value

    def choice(self, m: Mapping, key: str, what: str, choices: tuple[str, ...]) -> str | None:
        if key not in m:
            return None
        value = m[key]
        if value not in choices:
            self.add(
                m.line_of(key),
                f"`{key}` in {what} is {value!r}; use one of: {', '.join(choices)}",
            )
            return None
        return value

    def text(self, m: Mapping, key: str, what: str) -> dict[str, str] | None:
        """A learner-facing text in every language: ``key: {sv: ..., en: ...}``."""
        if key not in m:
            return None  # keys() reports a missing required key
        value = m[key]
        line = m.line_of(key)
        langs = self._langs
        if not isinstance(value, Mapping):
            self.add(line, f"`{key}` in {what} must have a text per language: {langs}")
            return None
        out: dict[str, str] = {}
        for lang in value:
            if lang not in self.languages:
                self.add(
                    value.line_of(lang),
                    f"unknown language `{lang}` in `{key}` of {what}; use {langs}",
                )
        for lang in self.languages:
            text = value.get(lang)
            if lang not in value:
                self.add(line, f"`{key}` in {what} has no `{lang}:` text; add the {_name(lang)}")
            elif not isinstance(text, str) or not text.strip():
                self.add(
                    value.line_of(lang),
                    f"`{key}.{lang}` in {what} is empty; write the {_name(lang)}",
                )
            else:
                out[lang] = text.strip()
        return out if len(out) == len(self.languages) else None


def _name(lang: str) -> str:
    return f"{language_name(lang)} text"


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return f"the text {value!r}"
    return repr(value)
