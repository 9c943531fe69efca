"""Leda's interface text: one ``Strings`` per language, and ``fill`` for its placeholders.

The texts are written in ``overrides/partials/leda/lang/<lang>.html`` (one file per
language, the same keys in each; an organisation can override the files like any
template). Every template reaches them the same way, as ``t``::

    {{ t["quiz.check"] }}
    {{ t["course.minutes"] | fill(n=module.minutes) }}

A key that does not exist stops the build instead of printing nothing, and so
does a placeholder that is not filled in.
"""

from __future__ import annotations

import re

LANG_TEMPLATE = "partials/leda/lang/{lang}.html"

# The texts scripts read (from the page's #leda-strings): the keys without a dot and
# those with one of these prefixes. The rest (the statement, the home page, guides...)
# only templates use, so pages do not carry them. tests/test_strings.py checks that
# every prefix a script names is here.
SCRIPT_PREFIXES = (
    "composer",
    "exercise",
    "groups",
    "gym",
    "ics",
    "journal",
    "journey",
    "module",
    "note",
    "plan",
    "progress",
    "quiz",
    "scorm",
    "search",
    "timer",
)
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


class TextError(Exception):
    """A template asked for interface text that does not exist, or filled it wrongly.

    Not a ``LookupError``: Jinja would turn that into an empty text.
    """


class Strings(dict):
    """The interface text of one language: ``t["key"]``."""

    def __init__(self, lang: str, texts: dict[str, str]):
        super().__init__(texts)
        self.lang = lang

    def __missing__(self, key):
        if key in ("t", "strings"):
            raise TextError(
                f'templates read interface text as t["key"], not t.{key}(...): t is the '
                "language's texts themselves (hooks/leda/strings.py)"
            )
        raise TextError(
            f"unknown interface text {key!r}; add it to every file in "
            f"overrides/{LANG_TEMPLATE.format(lang='*')} (this is {self.lang})"
        )


def load_strings(env, lang: str) -> Strings:
    """``lang``'s texts from its template in the Jinja environment ``env``."""
    return Strings(lang, env.get_template(LANG_TEMPLATE.format(lang=lang)).module.strings)


def for_scripts(strings: dict[str, str]) -> dict[str, str]:
    """The part of a language's texts that scripts read (``SCRIPT_PREFIXES``)."""
    return {
        key: text
        for key, text in strings.items()
        if "." not in key or key.split(".", 1)[0] in SCRIPT_PREFIXES
    }


def fill(text: str, **values) -> str:
    """``text`` with each ``{name}`` replaced by ``values[name]``: every one, exactly."""
    wanted = set(_PLACEHOLDER.findall(str(text)))
    if wanted != set(values):
        raise TextError(
            f"{text!r} has the placeholders {sorted(wanted)} but was given {sorted(values)}"
        )
    return _PLACEHOLDER.sub(lambda m: str(values[m[1]]), str(text))
