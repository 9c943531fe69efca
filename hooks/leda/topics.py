"""The course's topics: a shared vocabulary across modules, exercises and the glossary.

``topics.yml`` (at the project's root) lists the topics, each with an ``id``, a
``name`` and a one-sentence ``description`` in every language and, where the
glossary explains it, the ``glossary`` anchor (the same in every language's
glossary page). Modules name their topics in front matter (``topics: [..]`` right
after ``track:``), and so may each exercise (``topics: [..]`` right after its
``- id:``); hooks/leda/course.py reads those lists and calls ``check_usage``.

The rules, each reported as ``path:line`` with a guess where one is close:

- every topic has an id (lower-case, hyphens), a name and a description in
  every language, and only the known keys; no id twice;
- every module lists its topics; a module or exercise names only topics in
  topics.yml, each once, the same in every language (course.py);
- a topic earns its place when at least two modules list it (``MIN_MODULES``);
  an exercise may name a topic its module does not list;
- a ``glossary`` anchor exists (``{#anchor}``) in every language's glossary page.

``related`` ranks the modules that share topics with a module. Nothing here
knows MkDocs.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import yamlsource
from .checks import ID_PATTERN, Checker
from .problems import Problems

TOPICS_FILE = "topics.yml"
MIN_MODULES = 2  # a topic earns its place when at least this many modules list it
RELATED = 3  # "Related modules" at the end of a module page: at most this many
_TERM = re.compile(r"^#{2,6}\s+(.*?)\s*\{#([A-Za-z0-9_-]+)[^}]*\}\s*$", re.M)


@dataclass
class Topic:
    id: str
    name: dict[str, str]
    description: dict[str, str]
    glossary: str | None = None  # an anchor in glossary.<lang>.md
    line: int = 1  # of its `- id:` in topics.yml
    term: dict[str, str] = field(default_factory=dict)  # the glossary's heading, per language


class Topics(dict):
    """The topics by id, in topics.yml's order; ``declared``: every id written there.

    A topic with a problem is not in the dict but is declared, so the pages that
    name it are not also told that it does not exist.
    """

    def __init__(self, *args, declared=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.declared = set(declared) | set(self)


@dataclass
class Tagged:
    """Where a module or an exercise names its topics, for ``check_usage``."""

    path: str  # the page, like docs/modules/x.sv.md
    line: int  # of its `topics:`
    topics: list[str]
    lines: list[int] = field(default_factory=list)  # of each topic in the list
    module: str = ""  # the module's id
    exercise: str | None = None  # the exercise's id, for an exercise's topics


def guess(word: str, known) -> str:
    """``; did you mean `x`?`` when one of ``known`` is close, else the empty text."""
    found = difflib.get_close_matches(str(word), sorted(known), n=1, cutoff=0.6)
    return f"; did you mean `{found[0]}`?" if found else ""


def load_topics(path: Path, shown: str, languages, problems: Problems) -> Topics:
    """The topics in ``path`` (``shown`` in messages), in the file's order.

    No file: no topics (a course may do without). Every problem goes to ``problems``.
    """
    if not path.exists():
        return Topics()
    data = yamlsource.load(path.read_text(encoding="utf-8"), shown, problems)
    check = Checker(shown, problems, tuple(languages))
    if data is None:
        return Topics()
    if not isinstance(data, yamlsource.Sequence):
        check.add(
            getattr(data, "line", 1),
            "topics.yml is a list of topics, each starting with `- id:` "
            "(then name, description and, optionally, glossary)",
        )
        return Topics()
    out: dict[str, Topic] = {}
    seen: dict[str, int] = {}  # every id, with its line
    for index, raw in enumerate(data):
        what = f"topic {index + 1}"
        entry = check.mapping(raw, data.line_of(index), what)
        if entry is None:
            continue
        tid = check.ident(entry, "id", what)
        if tid:
            what = f"topic '{tid}'"
            if tid in seen:
                check.add(
                    entry.line_of("id"),
                    f"duplicate topic id '{tid}' (also on line {seen[tid]}); "
                    "give each topic its own id or merge the two",
                )
                continue
            seen[tid] = entry.line_of("id")
        check.keys(entry, what, required=("id",), optional=("name", "description", "glossary"))
        for key, hint in (("name", "its name"), ("description", "a one-sentence description")):
            if key not in entry:
                check.add(
                    entry.line,
                    f"{what} has no `{key}:`; add {hint} in every language: "
                    + ", ".join(f"`{lang}:`" for lang in languages),
                )
        name = check.text(entry, "name", what)
        description = check.text(entry, "description", what)
        glossary = entry.get("glossary")
        if glossary is not None and not isinstance(glossary, str):
            check.add(entry.line_of("glossary"), f"`glossary` in {what} is an anchor id, a text")
            glossary = None
        if tid and name and description:
            out[tid] = Topic(tid, name, description, glossary, entry.line_of("id"))
    return Topics(out, declared=seen)


def read_tags(check: Checker, m, what: str) -> tuple[list[str], list[int]] | None:
    """``m``'s ``topics:`` list (ids), with their lines; None when it is malformed."""
    if "topics" not in m:
        return [], []
    items = m["topics"]
    if not isinstance(items, yamlsource.Sequence) or not items:
        check.add(
            m.line_of("topics"),
            f"`topics` in {what} is a list of topic ids from topics.yml, like "
            "`topics: [trust, coaching]`",
        )
        return None
    ids, lines = [], []
    for index, item in enumerate(items):
        line = items.line_of(index)
        if not isinstance(item, str) or not ID_PATTERN.match(item):
            check.add(line, f"item {index + 1} of `topics` in {what} must be a topic id")
            return None
        if item in ids:
            check.add(line, f"topic '{item}' is twice in `topics` of {what}; name it once")
            return None
        ids.append(item)
        lines.append(line)
    return ids, lines


def glossary_terms(docs_dir: Path, lang: str) -> dict[str, str] | None:
    """The terms of ``glossary.<lang>.md`` by anchor (``### Term {#anchor}``).

    None when there is no such page.
    """
    page = docs_dir / f"glossary.{lang}.md"
    if not page.exists():
        return None
    return {anchor: term for term, anchor in _TERM.findall(page.read_text(encoding="utf-8"))}


def check_usage(
    topics: dict[str, Topic],
    tagged: list[Tagged],
    shown: str,
    problems: Problems,
    terms: dict[str, dict[str, str] | None] | None = None,
    exists: bool = True,
    complete: bool = True,
) -> None:
    """Unknown topics, topics fewer than ``MIN_MODULES`` modules list, missing anchors.

    ``tagged``: every module's and exercise's topics (the default language's page);
    ``shown``: topics.yml as messages name it; ``terms``: each language's glossary
    terms by anchor (None: that language has no glossary page). A topic's glossary
    term, when found, is kept in ``topic.term``. ``exists``: is there a topics.yml?
    ``complete``: did every module load? (If not, modules are not counted: a topic
    that only a broken module lists would be reported for nothing.)
    """
    where = f"topics are listed in {shown}" if exists else f"there is no {shown}; create it"
    modules: dict[str, set[str]] = {tid: set() for tid in topics}
    for item in tagged:
        if item.exercise is None and not item.topics:
            problems.add(
                item.path,
                item.line,
                f"module '{item.module}' lists no topics; add `topics: [..]` (ids from "
                f"{shown}) on the line after `track:`",
            )
        whose = f"exercise '{item.exercise}'" if item.exercise else f"module '{item.module}'"
        for tid, line in zip(
            item.topics, item.lines or [item.line] * len(item.topics), strict=True
        ):
            if tid not in getattr(topics, "declared", topics):
                problems.add(
                    item.path,
                    line,
                    f"unknown topic '{tid}' in {whose}{guess(tid, topics)} ({where})",
                )
            elif item.exercise is None and tid in modules:
                modules[tid].add(item.module)
    for tid, used in modules.items() if complete else ():
        if len(used) < MIN_MODULES:
            named = f"only module '{sorted(used)[0]}' lists it" if used else "no module lists it"
            problems.add(
                shown,
                topics[tid].line,
                f"topic '{tid}': {named}; a topic needs at least {MIN_MODULES} modules that "
                "list it in their `topics:` (exercises do not count): add it to another "
                "module or remove the topic",
            )
    for topic in topics.values():
        if topic.glossary is None:
            continue
        for lang, found in (terms or {}).items():
            if found is None:
                problems.add(
                    shown,
                    topic.line,
                    f"topic '{topic.id}' names the glossary term '{topic.glossary}', but there "
                    f"is no docs/glossary.{lang}.md; add the page or remove `glossary:`",
                )
            elif topic.glossary not in found:
                problems.add(
                    shown,
                    topic.line,
                    f"topic '{topic.id}': no glossary term with the anchor "
                    f"'{topic.glossary}' in docs/glossary.{lang}.md{guess(topic.glossary, found)} "
                    "(anchors are written `### Term {#anchor}`)",
                )
            else:
                topic.term[lang] = found[topic.glossary]


def related(modules: list, module, limit: int = RELATED) -> list:
    """The modules sharing most topics with ``module``: by shared topics, then order.

    ``modules`` are the course's in its order (track, then order); a module with no
    shared topic is not related.
    """
    mine = set(module.topics)
    scored = [
        (-len(mine & set(other.topics)), position, other)
        for position, other in enumerate(modules)
        if other.id != module.id and mine & set(other.topics)
    ]
    return [other for *_, other in sorted(scored, key=lambda s: s[:2])[:limit]]


def of_topic(modules: list, topic_id: str) -> tuple[list, list]:
    """The modules listing ``topic_id`` and the exercises naming it, in course order."""
    listed = [m for m in modules if topic_id in m.topics]
    exercises = [e for m in modules for e in m.exercises if topic_id in e.topics]
    return listed, exercises
