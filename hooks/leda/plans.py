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

A module's facilitator runs are written the same way, in its front matter
after ``exercises:``, one per length, with the module's own exercises::

    runs:
      - minutes: 45
        blocks:
          - kind: intro
            minutes: 5
            title: Vad kontrollerar du varje vecka?
          - exercise: trust-control-inventory
          - kind: close
            minutes: 5
            title: Ett beslut att lämna över

``load_plans`` checks every plan and every run against the course with the same
code (the blocks add up to the length, a session over 90 minutes has a break,
every exercise exists, every language has the same blocks), all at once;
``agenda`` gives each block its start and end time (``relative`` for a run:
0:00–0:10) and ``composer_query`` writes a plan or run as the composer's address.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from . import yamlsource
from .checks import Checker
from .course import Course, Exercise, _rel, page_language
from .problems import CourseError, Problems

KINDS = ("intro", "exercise", "discussion", "break", "close")
PLAN_DIR = "plans"
LONG = 90  # minutes; a longer session needs a break
RUNS = (45, 90, 120)  # the lengths of the runs every module writes in its front matter
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

    def query(self, lang: str) -> str:
        """The plan in the composer's address (``composer_query``)."""
        return composer_query(self.blocks, lang, self.title[lang], self.start, self.minutes)


@dataclass
class Run:
    """One of a module's facilitator runs (``runs:`` in its front matter)."""

    minutes: int
    blocks: list[Block]

    @property
    def agenda(self) -> list[Slot]:
        """The blocks with times from the start of the session (0:00–0:10)."""
        return agenda(self.blocks, "00:00", relative=True)

    @property
    def exercises(self) -> list[Exercise]:
        return [b.exercise for b in self.blocks if b.exercise]

    def query(self, lang: str, title: str) -> str:
        """The run in the composer's address (``composer_query``), from 09:00."""
        return composer_query(self.blocks, lang, title, "09:00", self.minutes)


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


def since(minutes: int) -> str:
    """Time from the start of a session: ``0:05``, ``1:30``."""
    return f"{minutes // 60}:{minutes % 60:02d}"


def agenda(blocks: list[Block], start: str, relative: bool = False) -> list[Slot]:
    """Each block with its start and end time, one after the other from ``start``.

    ``relative``: times from the start of the session (``0:00–0:10``) instead.
    """
    now = parse_time(start)
    if now is None:
        raise ValueError(f"not a time of day: {start!r}")
    show = since if relative else clock
    slots = []
    for block in blocks:
        slots.append(Slot(show(now), show(now + block.minutes), block))
        now += block.minutes
    return slots


def composer_query(
    blocks: list[Block], lang: str, title: str = "", start: str = "", minutes: int = 0
) -> str:
    """The composer's address for these blocks: ``?title=…&start=…&length=…&items=…``.

    ``items`` lists the blocks, comma-separated: an exercise by its id (``id@20``
    when its minutes are not the exercise's own), any other block as
    ``kind-minutes`` (``break-10``, the composer's first format) followed by
    ``:title`` when it has a title, with ``%`` and ``,`` in the title written as
    ``%25`` and ``%2C`` (the rest of the title is as it is, so a colon in it does
    no harm). docs/assets/leda/composer.js reads and writes the same format.
    """
    items = []
    for block in blocks:
        if block.exercise:
            token = block.exercise.id
            if block.minutes != block.exercise.minutes:
                token += f"@{block.minutes}"
        else:
            token = f"{block.kind}-{block.minutes}"
            if block.title.get(lang):
                token += ":" + block.title[lang].replace("%", "%25").replace(",", "%2C")
        items.append(token)
    params = []
    if title:
        params.append(("title", title))
    if start:
        params.append(("start", start))
    params.append(("length", str(minutes or sum(b.minutes for b in blocks))))
    params.append(("items", ",".join(items)))
    return "?" + "&".join(f"{k}={quote(v, safe=',:@-')}" for k, v in params)


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
    for module in course.modules.values():
        module.runs = load_runs(module, course, root, languages, problems)
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
    blocks = _blocks(check, meta, what, lang, course)
    if len(problems) != before or None in (title, summary, minutes, blocks):
        return None
    _check_length(check, meta, what, minutes, blocks, "plan")
    if len(problems) != before:
        return None
    return _Version(shown, meta, title, summary, minutes, start, blocks)


def _blocks(check: Checker, meta, what: str, lang: str, course: Course, module=None, of=""):
    """The blocks under ``blocks:`` (None when the key is missing or not a list).

    ``module``: a run's blocks, which name that module's exercises; ``of`` says
    where a block is in the messages (" of the 45-minute run").
    """
    items = check.sequence(meta, "blocks", what)
    if items is None:
        return None
    blocks: list[Block] = []
    for index, raw in enumerate(items):
        block = _block(check, raw, items.line_of(index), index + 1, lang, course, module, of)
        if block:
            blocks.append(block)
    return blocks


def _check_length(check: Checker, meta, what: str, minutes: int, blocks, unit: str) -> None:
    """The blocks add up to ``minutes``; a session over ``LONG`` minutes has a break."""
    total = sum(b.minutes for b in blocks)
    if total != minutes:
        check.add(
            meta.line_of("minutes"),
            f"the blocks of {what} add up to {total} minutes but `minutes` says {minutes}; "
            f"change a block's minutes or the {unit}'s length",
        )
    if minutes > LONG and not any(b.kind == "break" for b in blocks):
        check.add(
            meta.line_of("blocks"),
            f"{what} runs {minutes} minutes but has no break; add `- kind: break` "
            f"(a session over {LONG} minutes needs one)",
        )


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


def _block(
    check: Checker, raw, line: int, number: int, lang: str, course: Course, module=None, of=""
) -> Block | None:
    what = f"block {number}{of}"
    b = check.mapping(raw, line, what)
    if b is None:
        return None
    if "exercise" in b:
        check.keys(b, what, required=("exercise",), optional=("minutes", "kind", "note"))
        eid = b["exercise"]
        if module is not None:
            exercise = module.exercise(eid) if isinstance(eid, str) else None
            if exercise is None:
                check.add(
                    b.line_of("exercise"),
                    f"exercise {eid!r} in {what} is not one of this module's exercises; "
                    f"use an id from its `exercises:` ({', '.join(module_ids(module))})",
                )
                return None
        else:
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


def _shape(block: Block) -> tuple:
    """What must be the same in every language: kind, minutes, exercise."""
    return block.kind, block.minutes, block.exercise.id if block.exercise else None


def _merge(plan_id, versions: dict[str, _Version], languages, problems) -> Plan | None:
    def shape(v: _Version):
        return v.minutes, v.start, [_shape(b) for b in v.blocks]

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


def module_ids(module) -> list[str]:
    return [e.id for e in module.exercises]


def load_runs(module, course: Course, root: Path, languages, problems: Problems) -> list[Run]:
    """A module's ``runs:``, checked like plans; every problem goes to ``problems``.

    Each run has ``minutes`` and ``blocks`` (the plans' blocks, with this module's
    exercises); one run per length; every language has the same blocks (only
    titles and notes are translated). No ``runs:`` is no runs.
    """
    versions: dict[str, tuple[str, yamlsource.Mapping, list[Run]]] = {}
    before = len(problems)
    for lang in languages:
        shown = module.text[lang].path
        front, _, _ = yamlsource.split_front_matter((root / shown).read_text(encoding="utf-8"))
        meta = yamlsource.load(front or "", shown, Problems(), offset=1)  # read once already
        check = Checker(shown, problems, (lang,))
        runs = _runs(check, meta, lang, course, module)
        if runs is not None:
            versions[lang] = (shown, meta, runs)
    if len(problems) != before or len(versions) != len(languages):
        return []
    first_path, _, first = versions[languages[0]]

    def shape(runs: list[Run]):
        return [(r.minutes, [_shape(b) for b in r.blocks]) for r in runs]

    for lang in languages[1:]:
        shown, meta, runs = versions[lang]
        if shape(runs) != shape(first):
            problems.add(
                shown,
                meta.line_of("runs"),
                f"the runs of module '{module.id}' differ from {first_path} in their lengths or "
                "blocks; every language has the same runs with the same blocks in the same "
                "order and the same minutes (only `title:` and `note:` are translated)",
            )
    if len(problems) != before:
        return []
    for lang in languages[1:]:
        for run, other in zip(first, versions[lang][2], strict=True):
            for block, theirs in zip(run.blocks, other.blocks, strict=True):
                block.title.update(theirs.title)
                block.note.update(theirs.note)
    return first


def _runs(check: Checker, meta, lang: str, course: Course, module) -> list[Run] | None:
    if not hasattr(meta, "line_of") or "runs" not in meta:
        return []
    items = check.sequence(meta, "runs", "the front matter")
    if items is None:
        return None
    runs: list[Run] = []
    seen: dict[int, int] = {}
    ok = True
    for index, raw in enumerate(items):
        line = items.line_of(index)
        r = check.mapping(raw, line, f"run {index + 1}")
        if r is None:
            ok = False
            continue
        before = len(check.problems)
        check.keys(r, f"run {index + 1}", required=("minutes", "blocks"))
        minutes = check.integer(r, "minutes", f"run {index + 1}", 5, 8 * 60)
        of = f" of the {minutes}-minute run" if minutes else f" of run {index + 1}"
        blocks = _blocks(check, r, f"run {index + 1}", lang, course, module, of)
        if minutes in seen:
            check.add(
                r.line_of("minutes"),
                f"module '{module.id}' has two {minutes}-minute runs (lines {seen[minutes]} and "
                f"{r.line_of('minutes')}); keep one run per length",
            )
        if minutes:
            seen[minutes] = r.line_of("minutes")
        if len(check.problems) != before or minutes is None or blocks is None:
            ok = False
            continue
        _check_length(check, r, f"the {minutes}-minute run", minutes, blocks, "run")
        if len(check.problems) != before:
            ok = False
            continue
        runs.append(Run(minutes, blocks))
    return runs if ok else None
