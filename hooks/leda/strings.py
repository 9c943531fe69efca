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

# The texts each script reads from the page's #leda-strings, by key prefix. A page
# carries the texts of the scripts it loads and no others (overrides/main.html names
# them): a module page does not carry the composer's or the timer's. Keys without a dot
# ("locale") are on every page. tests/test_strings.py checks that every key a script
# names, or begins in code ("journey.store." + result), starts with one of its prefixes.
SCRIPT_STRINGS: dict[str, tuple[str, ...]] = {
    "leda.js": ("exercise.copied", "search."),
    "data.js": ("journal.import_",),  # the import's errors, said by the page that imports
    "journal.js": ("note.", "progress."),
    "journey.js": (
        "journey.done",
        "journey.mark_",
        "journey.nav_done",
        "journey.not_done",
        "journey.track_progress",
        "progress.",
    ),
    "followup.js": ("journey.followup_", "journey.nav_done", "journey.store."),
    "commitment.js": (
        "journey.commitment_",
        "journey.ics_description",
        "journey.result.",
        "journey.store.",
    ),
    "ics.js": ("ics.",),
    "quiz.js": ("quiz.",),
    "record.js": ("journey.record_", "journey.store.", "progress.count"),
    "journal-page.js": ("journal.", "journey.journal_", "journey.result.", "note.", "progress."),
    "composer.js": ("composer.", "module.", "plan."),
    "groups.js": ("groups.",),
    "learning-groups.js": ("groups.",),
    "gym.js": ("groups.", "gym.", "ics."),
    "timer.js": ("timer.",),
    "scorm.js": ("scorm.",),
    "scorm-package.js": (),  # written into each SCORM package (scorm.py)
    "search-worker.js": (),
    "file-worker.js": (),
}
# Scripts that load others themselves: a page with the first carries the others' texts.
SCRIPT_LOADS: dict[str, tuple[str, ...]] = {
    "leda.js": ("search-worker.js",),  # as Material's search worker
    "journey.js": ("followup.js", "commitment.js"),
    "commitment.js": ("ics.js",),
}
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


def scripts_with_loads(scripts) -> list[str]:
    """``scripts`` and every script they load themselves (``SCRIPT_LOADS``), in order."""
    out: list[str] = []
    todo = list(scripts)
    while todo:
        name = todo.pop(0)
        if name not in out:
            out.append(name)
            todo.extend(SCRIPT_LOADS.get(name, ()))
    return out


def for_scripts(strings: dict[str, str], scripts) -> dict[str, str]:
    """The texts the page's ``scripts`` read (``SCRIPT_STRINGS``), and the keys without a dot."""
    unknown = [name for name in scripts if name not in SCRIPT_STRINGS]
    if unknown:
        raise TextError(
            f"no texts are declared for the scripts {unknown}: add them to SCRIPT_STRINGS "
            "in hooks/leda/strings.py"
        )
    prefixes = tuple(p for name in scripts_with_loads(scripts) for p in SCRIPT_STRINGS[name])
    return {
        key: text for key, text in strings.items() if "." not in key or key.startswith(prefixes)
    }


def fill(text: str, **values) -> str:
    """``text`` with each ``{name}`` replaced by ``values[name]``: every one, exactly."""
    wanted = set(_PLACEHOLDER.findall(str(text)))
    if wanted != set(values):
        raise TextError(
            f"{text!r} has the placeholders {sorted(wanted)} but was given {sorted(values)}"
        )
    return _PLACEHOLDER.sub(lambda m: str(values[m[1]]), str(text))
