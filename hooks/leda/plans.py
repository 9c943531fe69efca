"""Workshop plans: timed agendas built from the course's exercises.

A plan is a page pair ``docs/plans/<id>.sv.md`` / ``.en.md`` whose front matter
lists its blocks::

    minutes: 90
    start: "09:00"
    blocks:
      - kind: intro
        minutes: 10
        title: Välkommen
      - exercise: trust-control-inventory   # an exercise id from any module
        minutes: 15                         # optional: the exercise's own by default
      - kind: break
        minutes: 10

``load_plans`` checks every plan against the course (the blocks add up to the
plan's length, a plan over 90 minutes has a break, every exercise exists) and
``agenda`` gives each block its start and end time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from . import yamlsource
from .checks import Checker
from .course import Course, Exercise, _rel, page_language
from .problems import CourseError, Problems

KINDS = ("intro", "exercise", "discussion", "break", "close")
PLAN_DIR = "plans"
LONG = 90  # minutes; a longer session needs a break
RUNS = (45, 90, 120)  # the lengths of the runs a facilitator guide suggests
_TIME = re.compile(r"^([01]?\d|2[0-3])[:.]([0-5]\d)$")


@dataclass
class Block:
    kind: str
    minutes: int
    title: dict[str, str] = field(default_factory=dict)  # for blocks that are not exercises
    note: dict[str, str] = field(default_factory=dict)
    exercise: Exercise | None = None


@dataclass
class Plan:
    id: str
    minutes: int
    start: str
    blocks: list[Block]
    title: dict[str, str] = field(default_factory=dict)
    summary: dict[str, str] = field(default_factory=dict)

    @property
    def exercises(self) -> list[Exercise]:
        return [b.exercise for b in self.blocks if b.exercise]


@dataclass
class Slot:
    start: str
    end: str
    block: Block


def parse_time(text: str) -> int | None:
    """Minutes after midnight for ``"09:00"`` (or ``9.00``); None if it is not a time."""
    match = _TIME.match(str(text).strip())
    return int(match[1]) * 60 + int(match[2]) if match else None


def clock(minutes: int) -> str:
    minutes %= 24 * 60
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def agenda(blocks: list[Block], start: str) -> list[Slot]:
    """Each block with its start and end time, one after the other from ``start``."""
    now = parse_time(start)
    if now is None:
        raise ValueError(f"not a time of day: {start!r}")
    slots = []
    for block in blocks:
        slots.append(Slot(clock(now), clock(now + block.minutes), block))
        now += block.minutes
    return slots


def load_plans(docs_dir: Path, course: Course, root: Path, languages) -> dict[str, Plan]:
    """Read and check every plan; raise ``CourseError`` with every problem at once."""
    problems = Problems()
    files: dict[str, dict[str, Path]] = {}
    for path in sorted((docs_dir / PLAN_DIR).glob("*.md")):
        norm, lang = page_language(path.name, languages)
        if lang and norm != "index.md":
            files.setdefault(norm[:-3], {})[lang] = path
    plans = {}
    for plan_id, paths in files.items():
        versions = {}
        for lang, path in paths.items():
            version = _load_plan_file(path, _rel(path, root), plan_id, lang, course, problems)
            if version:
                versions[lang] = version
        if len(versions) == len(languages):
            plan = _merge(plan_id, versions, languages, problems)
            if plan:
                plans[plan_id] = plan
    if problems:
        raise CourseError(problems)
    return plans


def _load_plan_file(path, shown, plan_id, lang, course, problems):
    front, _, _ = yamlsource.split_front_matter(path.read_text(encoding="utf-8"))
    if front is None:
        problems.add(shown, 1, "a plan page starts with front matter between `---` lines")
        return None
    before = len(problems)
    meta = yamlsource.load(front, shown, problems, offset=1)
    check = Checker(shown, problems, (lang,))
    meta = check.mapping(meta, 1, "the front matter")
    if meta is None:
        return None
    what = f"plan '{plan_id}'"
    check.keys(
        meta,
        what,
        required=("title", "summary", "minutes", "blocks"),
        optional=("start", "order", "description", "hide", "search", "template"),
    )
    title = check.string(meta, "title", what)
    summary = check.string(meta, "summary", what)
    minutes = check.integer(meta, "minutes", what, 5, 8 * 60)
    start = str(meta.get("start", "09:00"))
    if parse_time(start) is None:
        check.add(
            meta.line_of("start"), f'`start` in {what} is {start!r}; write a time like "09:00"'
        )
    items = check.sequence(meta, "blocks", what)
    blocks: list[Block] = []
    for index, raw in enumerate(items or []):
        block = _block(check, raw, items.line_of(index), index + 1, lang, course)
        if block:
            blocks.append(block)
    if len(problems) != before or None in (title, summary, minutes, items):
        return None
    total = sum(b.minutes for b in blocks)
    if total != minutes:
        check.add(
            meta.line_of("minutes"),
            f"the blocks of {what} add up to {total} minutes but `minutes` says {minutes}; "
            "change a block's minutes or the plan's length",
        )
    if minutes > LONG and not any(b.kind == "break" for b in blocks):
        check.add(
            meta.line_of("blocks"),
            f"{what} runs {minutes} minutes but has no break; add `- kind: break` "
            f"(a session over {LONG} minutes needs one)",
        )
    if len(problems) != before:
        return None
    return _Version(shown, meta, title, summary, minutes, start, blocks)


@dataclass
class _Version:
    """One language's page of a plan."""

    path: str
    meta: yamlsource.Mapping
    title: str
    summary: str
    minutes: int
    start: str
    blocks: list[Block]


def _block(check: Checker, raw, line: int, number: int, lang: str, course: Course) -> Block | None:
    what = f"block {number}"
    b = check.mapping(raw, line, what)
    if b is None:
        return None
    if "exercise" in b:
        check.keys(b, what, required=("exercise",), optional=("minutes", "kind", "note"))
        eid = b["exercise"]
        exercise = course.exercise(eid) if isinstance(eid, str) else None
        if exercise is None:
            check.add(
                b.line_of("exercise"),
                f"exercise {eid!r} in {what} does not exist in both languages: no module has it; "
                "use an id from a module's `exercises:`",
            )
            return None
        if b.get("kind", "exercise") != "exercise":
            check.add(b.line_of("kind"), f"{what} names an exercise, so its kind is `exercise`")
        minutes = check.integer(b, "minutes", what, 1, 240) if "minutes" in b else exercise.minutes
        note = check.string(b, "note", what)
        if minutes is None:
            return None
        return Block("exercise", minutes, note={lang: note} if note else {}, exercise=exercise)
    check.keys(b, what, required=("kind", "minutes"), optional=("title", "note"))
    kind = check.choice(b, "kind", what, tuple(k for k in KINDS if k != "exercise"))
    if b.get("kind") == "exercise":
        check.add(b.line_of("kind"), f"{what}: name the exercise with `exercise: <id>`")
    minutes = check.integer(b, "minutes", what, 1, 240)
    title = check.string(b, "title", what)
    note = check.string(b, "note", what)
    if kind and kind != "break" and "title" not in b:
        check.add(b.line, f"{what} ({kind}) has no `title:`; say what happens in it")
    if kind is None or minutes is None:
        return None
    return Block(kind, minutes, {lang: title} if title else {}, {lang: note} if note else {})


def _merge(plan_id, versions: dict[str, _Version], languages, problems) -> Plan | None:
    def shape(v: _Version):
        blocks = [(b.kind, b.minutes, b.exercise.id if b.exercise else None) for b in v.blocks]
        return v.minutes, v.start, blocks

    first = versions[languages[0]]
    ok = True
    for lang in languages[1:]:
        other = versions[lang]
        if shape(other) != shape(first):
            problems.add(
                other.path,
                other.meta.line_of("blocks"),
                f"plan '{plan_id}' differs from {first.path} in its length, start or blocks; "
                "every language has the same blocks in the same order with the same minutes",
            )
            ok = False
    if not ok:
        return None
    plan = Plan(plan_id, first.minutes, first.start, first.blocks)
    for lang in languages:
        version = versions[lang]
        plan.title[lang], plan.summary[lang] = version.title, version.summary
        for block, other in zip(plan.blocks, version.blocks, strict=True):
            block.title.update(other.title)
            block.note.update(other.note)
    return plan


def suggest(exercises: list[Exercise], length: int) -> list[Block]:
    """A run of a module's exercises in a session of ``length`` minutes.

    An introduction and a close (5 minutes each up to 45 minutes, else 10), a
    15-minute break in sessions over 90 minutes, the exercises in their order as
    long as they fit with at least 5 minutes left for the conversation, and that
    conversation filling what remains.
    """
    edge = 5 if length <= 45 else 10
    pause = 15 if length > LONG else 0
    budget = length - 2 * edge - pause
    chosen: list[Exercise] = []
    for exercise in exercises:
        if sum(e.minutes for e in chosen) + exercise.minutes <= budget - 5:
            chosen.append(exercise)
    blocks = [Block("intro", edge)]
    half = sum(e.minutes for e in chosen) / 2
    done = 0
    for exercise in chosen:
        blocks.append(Block("exercise", exercise.minutes, exercise=exercise))
        done += exercise.minutes
        if pause and done >= half and not any(b.kind == "break" for b in blocks):
            blocks.append(Block("break", pause))
    if pause and not any(b.kind == "break" for b in blocks):
        blocks.append(Block("break", pause))
    blocks.append(Block("discussion", budget - sum(e.minutes for e in chosen)))
    blocks.append(Block("close", edge))
    return blocks
