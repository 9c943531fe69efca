"""The course as data: tracks, modules (from their front matter) and quizzes.

``load_course`` reads ``docs/`` and ``quizzes/`` straight from disk, checks
everything described in shared/module-anatomy.md and quizzes/README.md, and
returns a ``Course``, or raises ``CourseError`` carrying every problem at once.
It knows nothing about MkDocs, so the tests call it directly.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import blocks, reading, topics, yamlsource
from .checks import ID_PATTERN, Checker, _kind
from .configfiles import ConfigFiles, Report
from .languages import name as language_name
from .problems import CourseError, Problems
from .quiz import Quiz, cues, ids_list, load_quiz

MODES = ("solo", "pair", "group")
MODULE_DIR = "modules"
TRACKS_AT = ("extra", "leda", "tracks")  # where the tracks are set in the configuration


@dataclass
class Track:
    id: str
    title: dict[str, str]


@dataclass
class Exercise:
    id: str
    mode: str
    minutes: int
    title: dict[str, str] = field(default_factory=dict)
    group_size: str | None = None
    prompt: dict[str, str] = field(default_factory=dict)  # Markdown, from the page's block
    module: str = ""  # the id of the module it belongs to
    line: int = 1  # of its `id:` in the default language's page
    topics: list[str] = field(default_factory=list)  # topic ids (topics.yml)
    topic_lines: list[int] = field(default_factory=list, repr=False, compare=False)
    objectives: list[str] = field(default_factory=list)  # ids of the objectives it practises
    objective_lines: list[int] = field(default_factory=list)  # of each, in that page


@dataclass
class Objective:
    """What the learner can do after the module; the id is the same in every language."""

    id: str
    text: str  # Markdown (inline)
    line: int = 1  # of its `id:` in its page


@dataclass
class Commitment:
    """Something to do next week that a module suggests; the id is the same in every language."""

    id: str
    text: str  # plain text (the learner's own commitments are plain text too)
    line: int = 1  # of its `id:` in its page


@dataclass
class Source:
    """An article from sources.yml; modules cite it by ``id``."""

    id: str
    title: str
    author: str | None = None
    publisher: str | None = None
    date: str | None = None
    note: dict[str, str] | None = None


@dataclass
class ModuleText:
    """What differs between a module's languages."""

    lang: str
    path: str
    title: str
    summary: str
    objectives: list[Objective]
    facilitator: str = ""  # Markdown, from the page's `/// facilitator` block
    tagged: list[topics.Tagged] = field(default_factory=list)  # where topics are named
    commitments: list[Commitment] = field(default_factory=list)  # suggestions for next week


@dataclass
class Module:
    id: str
    track: str
    order: int
    minutes: int
    exercises: list[Exercise]
    sources: list[Source] = field(default_factory=list)
    text: dict[str, ModuleText] = field(default_factory=dict)
    quiz: Quiz | None = None
    topics: list[str] = field(default_factory=list)  # topic ids (topics.yml)
    runs: list = field(default_factory=list)  # facilitator runs (plans.Run), from `runs:`

    def exercise(self, exercise_id: str) -> Exercise | None:
        return next((e for e in self.exercises if e.id == exercise_id), None)

    @property
    def objective_ids(self) -> list[str]:
        """The ids of its objectives, in order (the same in every language)."""
        return [o.id for o in next(iter(self.text.values())).objectives] if self.text else []

    @property
    def exercise_minutes(self) -> int:
        """The exercises' minutes, added up."""
        return sum(e.minutes for e in self.exercises)

    @property
    def commitment_ids(self) -> list[str]:
        """The ids of its suggested commitments, in order (the same in every language)."""
        return [c.id for c in next(iter(self.text.values())).commitments] if self.text else []

    @property
    def question_ids(self) -> list[str]:
        """The ids of its quiz's questions, in order (none without a quiz)."""
        return [q.id for q in self.quiz.questions] if self.quiz else []


@dataclass
class Course:
    languages: tuple[str, ...]
    tracks: list[Track]
    modules: dict[str, Module]
    topics: dict[str, topics.Topic] = field(default_factory=topics.Topics)  # topics.yml
    warnings: list = field(default_factory=list)  # Problems that do not stop the build (cues)

    def exercise(self, exercise_id: str) -> Exercise | None:
        """Exercise ids are unique across the course (checked when it loads)."""
        for module in self.modules.values():
            found = module.exercise(exercise_id)
            if found:
                return found
        return None

    def track(self, track_id: str) -> Track | None:
        return next((t for t in self.tracks if t.id == track_id), None)

    def track_modules(self, track_id: str) -> list[Module]:
        found = [m for m in self.modules.values() if m.track == track_id]
        return sorted(found, key=lambda m: (m.order, m.id))

    def ordered_modules(self) -> list[Module]:
        """Every module in the course's order: track by track, then by ``order``."""
        return [m for track in self.tracks for m in self.track_modules(track.id)]

    def topic_modules(self, topic_id: str) -> list[Module]:
        return topics.of_topic(self.ordered_modules(), topic_id)[0]

    def topic_exercises(self, topic_id: str) -> list[Exercise]:
        return topics.of_topic(self.ordered_modules(), topic_id)[1]

    def listed_topics(self) -> list[topics.Topic]:
        """The topics that a module of this course lists, in topics.yml's order.

        Every topic when the whole course is published; those of the published
        modules otherwise. Each has a page (``topics/<id>/``).
        """
        return [t for t in self.topics.values() if self.topic_modules(t.id)]

    def related(self, module: Module) -> list[Module]:
        """The modules sharing most topics with ``module`` (hooks/leda/topics.py)."""
        return topics.related(self.ordered_modules(), module)


def page_language(name: str, languages: tuple[str, ...]) -> tuple[str, str | None]:
    """Split ``about.sv.md`` into (``about.md``, ``sv``)."""
    stem, _, _ = name.rpartition(".md")
    base, dot, lang = stem.rpartition(".")
    if dot and lang in languages:
        return f"{base}.md", lang
    return name, None


def check_translations(docs_dir: Path, root: Path, languages, problems: Problems) -> None:
    """Every page exists in every language: ``X.sv.md`` needs ``X.en.md`` and back."""
    pages: dict[str, set[str]] = {}
    for path in sorted(docs_dir.rglob("*.md")):
        rel = path.relative_to(docs_dir).as_posix()
        norm, lang = page_language(rel, languages)
        shown = _rel(path, root)
        if lang is None:
            names = " or ".join(f"{rel[:-3]}.{x}.md" for x in languages)
            problems.add(shown, 1, f"page has no language in its name; rename it to {names}")
            continue
        pages.setdefault(norm, set()).add(lang)
    for norm, found in sorted(pages.items()):
        have = sorted(found)[0]
        for lang in languages:
            if lang not in found:
                src = _rel(docs_dir / f"{norm[:-3]}.{have}.md", root)
                want = _rel(docs_dir / f"{norm[:-3]}.{lang}.md", root)
                problems.add(
                    src,
                    1,
                    f"missing {language_name(lang)} version; create {want} "
                    "with the same front matter ids",
                )


def load_tracks(
    raw: Any, languages, problems: Problems, files: ConfigFiles | None = None
) -> list[Track]:
    """``extra.leda.tracks``: each track's id and title in every language.

    Problems are reported where the tracks are written (``files``: the built
    configuration and the files it inherits).
    """
    out = Report(files, problems)
    tracks: list[Track] = []
    if not isinstance(raw, list) or not raw:
        out.add(TRACKS_AT, "extra.leda.tracks must list the course's tracks (id and title)")
        return tracks
    for index, item in enumerate(raw):
        at = (*TRACKS_AT, index)
        if (
            not isinstance(item, dict)
            or "id" not in item
            or not isinstance(item.get("title"), dict)
        ):
            out.add(at, f"track {item!r} needs `id:` and `title:` with {' and '.join(languages)}")
            continue
        missing = [lang for lang in languages if not str(item["title"].get(lang, "")).strip()]
        if missing:
            where = (*at, "title", missing[0]) if missing[0] in item["title"] else (*at, "title")
            out.add(where, f"track '{item['id']}' has no title in {', '.join(missing)}")
            continue
        tracks.append(Track(item["id"], {lang: item["title"][lang] for lang in languages}))
    return tracks


def load_sources(path: Path, root: Path, languages, problems: Problems) -> dict[str, Source]:
    """The bibliography: ``id: {title, author, publisher, date, note: {sv, en}}``."""
    shown = _rel(path, root)
    if not path.exists():
        problems.add(shown, 1, "the list of source articles is missing; create it (see README)")
        return {}
    data = yamlsource.load(path.read_text(encoding="utf-8"), shown, problems)
    check = Checker(shown, problems, tuple(languages))
    top = check.mapping(data, getattr(data, "line", 1), "sources.yml")
    out: dict[str, Source] = {}
    for sid, raw in (top or {}).items():
        what = f"source '{sid}'"
        entry = check.mapping(raw, top.line_of(sid), what)
        if entry is None:
            continue
        if not isinstance(sid, str) or not ID_PATTERN.match(sid):
            check.add(top.line_of(sid), f"{what}: ids use lower-case letters, digits and hyphens")
            continue
        check.keys(
            entry, what, required=("title",), optional=("author", "publisher", "date", "note")
        )
        title = check.string(entry, "title", what)
        note = check.text(entry, "note", what)
        values = {k: str(entry[k]).strip() for k in ("author", "publisher", "date") if entry.get(k)}
        if title:
            out[sid] = Source(sid, title, note=note, **values)
    return out


def load_course(
    docs_dir: Path,
    quiz_dir: Path,
    tracks_config: Any,
    languages: tuple[str, ...],
    root: Path | None = None,
    sources_file: Path | None = None,
    config_files: ConfigFiles | None = None,
    topics_file: Path | None = None,
) -> Course:
    """Read and check the whole course; raise ``CourseError`` with every problem.

    ``languages`` are the site's, the default first; ``config_files`` tell where
    ``tracks_config`` is written (without them its problems name mkdocs.yml:1).
    """
    root = root or docs_dir.parent
    problems = Problems()
    check_translations(docs_dir, root, languages, problems)
    tracks = load_tracks(tracks_config, languages, problems, config_files)
    sources = load_sources(sources_file or root / "sources.yml", root, languages, problems)
    topics_path = topics_file or root / topics.TOPICS_FILE
    topics_shown = _rel(topics_path, root)
    course = Course(
        tuple(languages),
        tracks,
        {},
        topics.load_topics(topics_path, topics_shown, languages, problems),
    )
    track_ids = {t.id for t in tracks}

    module_files: dict[str, dict[str, Path]] = {}
    for path in sorted((docs_dir / MODULE_DIR).glob("*.md")):
        norm, lang = page_language(path.name, languages)
        if lang:
            module_files.setdefault(norm[:-3], {})[lang] = path
    for module_id, files in module_files.items():
        module = _load_module(module_id, files, languages, track_ids, sources, root, problems)
        if module:
            course.modules[module_id] = module

    unchecked: set[str] = set()  # modules whose quiz could not be read
    for path in sorted(quiz_dir.glob("*.y*ml")) if quiz_dir.is_dir() else []:
        shown = _rel(path, root)
        if path.suffix != ".yml":
            problems.add(shown, 1, f"quiz files end in .yml; rename it to {path.stem}.yml")
            unchecked.add(path.stem)
            continue
        quiz = load_quiz(path, shown, problems, languages)
        if quiz is None:
            unchecked.add(path.stem)
        files = module_files.get(path.stem, {})
        if len(files) < len(languages):
            want = " and ".join(
                _rel(docs_dir / MODULE_DIR / f"{path.stem}.{lang}.md", root) for lang in languages
            )
            problems.add(
                shown,
                1,
                f"quiz for module '{path.stem}', which does not exist in both languages "
                f"(needs {want}); name the quiz file after an existing module id",
            )
        elif quiz and path.stem in course.modules:
            course.modules[path.stem].quiz = quiz

    seen: dict[str, str] = {}
    for module in course.modules.values():
        for exercise in module.exercises:
            if exercise.id in seen:
                problems.add(
                    module.text[languages[0]].path,
                    exercise.line,
                    f"exercise id '{exercise.id}' is also used in module '{seen[exercise.id]}'; "
                    "exercise ids are unique across the course (links and plans use them)",
                )
            seen.setdefault(exercise.id, module.id)

    first = languages[0]
    tagged = [t for m in course.modules.values() for t in m.text[first].tagged]
    if topics_path.exists() or any(t.topics for t in tagged):
        terms = {lang: topics.glossary_terms(docs_dir, lang) for lang in languages}
        topics.check_usage(
            course.topics,
            tagged,
            topics_shown,
            problems,
            terms,
            exists=topics_path.exists(),
            complete=len(course.modules) == len(module_files),
        )

    for module in course.modules.values():
        if module.id not in unchecked:
            check_objectives(module, problems, languages[0])
        if module.quiz:
            course.warnings.extend(cues(module.quiz, languages))

    if problems:
        raise CourseError(problems)
    return course


def check_objectives(module: Module, problems: Problems, lang: str) -> None:
    """Exercises and questions name objectives of their module; each objective is served.

    Problems name the default language's page (the ids are the same in every
    language, checked when the module loads) and the quiz file.
    """
    text = module.text[lang]
    known = module.objective_ids
    served: set[str] = set()
    named = [
        (text.path, e.objectives, e.objective_lines, f"exercise '{e.id}'") for e in module.exercises
    ]
    if module.quiz:
        named += [
            (module.quiz.path, q.objectives, q.objective_lines, f"question '{q.id}'")
            for q in module.quiz.questions
        ]
    for path, ids, lines, what in named:
        for oid, line in zip(ids, lines, strict=True):
            if oid in known:
                served.add(oid)
                continue
            guess = difflib.get_close_matches(oid, known, n=1)
            hint = f"did you mean '{guess[0]}'?" if guess else f"use one of: {', '.join(known)}"
            problems.add(
                path,
                line,
                f"{what} names objective '{oid}', which module '{module.id}' does not have; {hint}",
            )
    quiz = f"quizzes/{module.id}.yml"
    for objective in text.objectives:
        if objective.id not in served:
            problems.add(
                text.path,
                objective.line,
                f"objective '{objective.id}' is practised by no exercise and assessed by no "
                f"question; add `objectives: [{objective.id}]` to an exercise here or to a "
                f"question in {quiz}, or remove the objective",
            )


def _load_module(module_id, files, languages, track_ids, sources, root, problems) -> Module | None:
    before = len(problems)
    versions: dict[str, tuple[Any, ModuleText, list[Exercise], str]] = {}
    for lang in languages:
        path = files.get(lang)
        if path is None:
            continue  # reported by check_translations
        shown = _rel(path, root)
        loaded = _load_module_file(path, shown, module_id, lang, track_ids, sources, problems)
        if loaded:
            versions[lang] = (*loaded, shown)
    if len(versions) != len(languages) or len(problems) != before:
        return None
    # What is not text must be identical in every language.
    first_lang = languages[0]
    first, _, first_ex, first_path = versions[first_lang]
    first_objectives = [o.id for o in versions[first_lang][1].objectives]
    for lang in languages[1:]:
        meta, text, exercises, shown = versions[lang]
        objective_ids = [o.id for o in text.objectives]
        if objective_ids != first_objectives:
            problems.add(
                shown,
                meta.line_of("objectives"),
                f"objective ids {objective_ids} differ from {first_objectives} in {first_path}; "
                "use the same ids in the same order in every language (only `text:` is translated)",
            )
        commitment_ids = [c.id for c in text.commitments]
        first_commitments = [c.id for c in versions[first_lang][1].commitments]
        if commitment_ids != first_commitments:
            problems.add(
                shown,
                meta.line_of("commitments") if "commitments" in meta else 1,
                f"commitment ids {commitment_ids} differ from {first_commitments} in "
                f"{first_path}; use the same ids in the same order in every language "
                "(only `text:` is translated)",
            )
        for key in ("track", "topics", "minutes", "order", "sources"):
            if meta.get(key) != first.get(key):
                problems.add(
                    shown,
                    meta.line_of(key),
                    f"`{key}` is {meta.get(key)!r} here but {first.get(key)!r} in {first_path}; "
                    "make them the same",
                )
        ids = [e.id for e in exercises]
        first_ids = [e.id for e in first_ex]
        if ids != first_ids:
            problems.add(
                shown,
                meta.line_of("exercises"),
                f"exercise ids {ids} differ from {first_ids} in {first_path}; "
                "use the same ids in the same order in every language",
            )
            continue
        for mine, theirs in zip(exercises, first_ex, strict=True):
            for key in ("mode", "minutes", "group_size", "topics", "objectives"):
                if getattr(mine, key) != getattr(theirs, key):
                    problems.add(
                        shown,
                        meta.line_of("exercises"),
                        f"exercise '{mine.id}' has {key} {getattr(mine, key)!r} here but "
                        f"{getattr(theirs, key)!r} in {first_path}; make them the same",
                    )
    if len(problems) != before:
        return None
    exercises = first_ex
    for lang in languages:
        for exercise, localized in zip(exercises, versions[lang][2], strict=True):
            exercise.title[lang] = localized.title[lang]
            exercise.prompt[lang] = localized.prompt[lang]
            exercise.module = module_id
    return Module(
        id=module_id,
        track=first["track"],
        order=first.get("order", 100),
        minutes=first["minutes"],
        exercises=exercises,
        sources=[sources[sid] for sid in first["sources"]],
        text={lang: versions[lang][1] for lang in languages},
        topics=list(first.get("topics") or []),
    )


def _load_module_file(path, shown, module_id, lang, track_ids, sources, problems):
    text = path.read_text(encoding="utf-8")
    front, body, body_line = yamlsource.split_front_matter(text)
    if front is None:
        problems.add(shown, 1, "a module page starts with front matter between `---` lines")
        return None
    meta = yamlsource.load(front, shown, problems, offset=1)
    check = Checker(shown, problems, (lang,))
    meta = check.mapping(meta, 1, "the front matter")
    if meta is None:
        return None
    what = "the front matter"
    check.keys(
        meta,
        what,
        required=(
            "id",
            "title",
            "summary",
            "track",
            "minutes",
            "objectives",
            "exercises",
            "sources",
        ),
        optional=("order", "topics", "description", "search", "hide", "runs", "commitments"),
    )
    mid = check.ident(meta, "id", what)
    if mid and mid != module_id:
        problems.add(
            shown,
            meta.line_of("id"),
            f"id '{mid}' does not match the file name '{module_id}'; the id is the page's "
            f"address, so rename the file or set `id: {module_id}`",
        )
    title = check.string(meta, "title", what)
    summary = check.string(meta, "summary", what)
    track = meta.get("track")
    if "track" in meta and track not in track_ids:
        problems.add(
            shown,
            meta.line_of("track"),
            f"unknown track {track!r}; use one of: {', '.join(sorted(track_ids))} "
            "(tracks are listed under extra.leda.tracks in mkdocs.yml)",
        )
    check.integer(meta, "minutes", what, 1, 600)
    check.integer(meta, "order", what, 0, 1000)
    objectives = _objectives(check, meta, what, 3, 5)
    commitments = _commitments(check, meta)
    tags = topics.read_tags(check, meta, what)
    exercises = _exercises(check, meta, lang)
    cited = _sources(check, meta, sources)
    found = blocks.parse(body, body_line, shown, problems)
    _check_blocks(check, meta, exercises, found)
    if None in (title, summary, objectives, exercises, cited, tags, commitments):
        return None
    tagged = [topics.Tagged(shown, meta.line_of("topics"), *tags, module=module_id)]
    tagged += [
        topics.Tagged(shown, e.line, e.topics, e.topic_lines, module_id, e.id)
        for e in exercises
        if e.topics
    ]
    for block in found:
        exercise = next((e for e in exercises if e.id == block.arg), None)
        if block.kind == "exercise" and exercise:
            exercise.prompt[lang] = block.body.strip()
    facilitator = next((b.body.strip() for b in found if b.kind == "facilitator"), "")
    words = reading.count_words(reading.without_facilitator(body, body_line, found))
    minutes_line = meta.line_of("minutes")
    reading.check_minutes(shown, minutes_line, meta.get("minutes"), words, lang, problems)
    text = ModuleText(lang, shown, title, summary, objectives, facilitator, tagged, commitments)
    return meta, text, exercises


def _objectives(check: Checker, meta, what, low, high) -> list[Objective] | None:
    """``objectives:``, each ``- id: explain-trust`` and ``text: …`` (ids alike in languages)."""
    key = "objectives"
    items = check.sequence(meta, key, what)
    if items is None:
        return None
    out: list[Objective] = []
    seen: dict[str, int] = {}
    for index, raw in enumerate(items):
        line = items.line_of(index)
        if not isinstance(raw, yamlsource.Mapping):
            check.add(
                line,
                f"item {index + 1} of `objectives` is {_kind(raw)}; write each objective as "
                "`- id: explain-trust` with `text: …` on the next line (the id is the same in "
                "every language)",
            )
            continue
        item_what = f"objective {index + 1}"
        oid = check.ident(raw, "id", item_what)
        if oid:
            item_what = f"objective '{oid}'"
            if oid in seen:
                check.add(
                    raw.line_of("id"),
                    f"duplicate objective id '{oid}' (also on line {seen[oid]}); "
                    "give each objective its own id",
                )
            seen.setdefault(oid, raw.line_of("id"))
        check.keys(raw, item_what, required=("id",), optional=("text",))
        if "text" not in raw:
            check.add(
                line,
                f"{item_what} has no `text:`; add what the learner can do afterwards, "
                "starting with a verb (like `text: describe …`)",
            )
        text = check.string(raw, "text", item_what)
        if oid and text:
            out.append(Objective(oid, text, raw.line_of("id")))
    if items and not low <= len(items) <= high:
        check.add(meta.line_of(key), f"`{key}` has {len(items)} items; write {low} to {high}")
    return out if len(out) == len(items) and len(seen) == len(items) else None


COMMITMENTS = (2, 3)  # how many a module suggests, when it suggests any


def _commitments(check: Checker, meta) -> list[Commitment] | None:
    """``commitments:`` (optional), each ``- id: hand-over-a-decision`` with ``text: …``.

    What the module suggests doing next week, drawn from its "In practice"; the
    learner picks one or writes their own (partials/leda/commitment.html).
    """
    key = "commitments"
    if key not in meta:
        return []
    items = check.sequence(meta, key, "the front matter")
    if items is None:
        return None
    out: list[Commitment] = []
    seen: dict[str, int] = {}
    for index, raw in enumerate(items):
        if not isinstance(raw, yamlsource.Mapping):
            check.add(
                items.line_of(index),
                f"item {index + 1} of `commitments` is {_kind(raw)}; write each as "
                "`- id: hand-over-a-decision` with `text: …` on the next line (the id is the "
                "same in every language)",
            )
            continue
        what = f"commitment {index + 1}"
        cid = check.ident(raw, "id", what)
        if cid:
            what = f"commitment '{cid}'"
            if cid in seen:
                check.add(
                    raw.line_of("id"),
                    f"duplicate commitment id '{cid}' (also on line {seen[cid]}); "
                    "give each commitment its own id",
                )
            seen.setdefault(cid, raw.line_of("id"))
        check.keys(raw, what, required=("id",), optional=("text",))
        if "text" not in raw:
            check.add(
                items.line_of(index),
                f"{what} has no `text:`; add what the learner will do, in a sentence "
                "(like `text: Hand over one decision to your team.`)",
            )
        text = check.string(raw, "text", what)
        if cid and text:
            out.append(Commitment(cid, text, raw.line_of("id")))
    low, high = COMMITMENTS
    if not low <= len(items) <= high:
        check.add(
            meta.line_of(key),
            f"`{key}` has {len(items)} items; suggest {low} or {high} things to do next week",
        )
    return out if len(out) == len(items) and len(seen) == len(items) else None


def _exercises(check: Checker, meta, lang) -> list[Exercise] | None:
    items = check.sequence(meta, "exercises", "the front matter")
    if items is None:
        return None
    out: list[Exercise] = []
    seen: dict[str, int] = {}
    for index, raw in enumerate(items):
        what = f"exercise {index + 1}"
        e = check.mapping(raw, items.line_of(index), what)
        if e is None:
            continue
        eid = check.ident(e, "id", what)
        if eid:
            what = f"exercise '{eid}'"
            if eid in seen:
                check.add(
                    e.line_of("id"),
                    f"duplicate exercise id '{eid}' (also on line {seen[eid]}); "
                    "give each exercise its own id",
                )
            seen.setdefault(eid, e.line_of("id"))
        check.keys(
            e,
            what,
            required=("id", "title", "mode", "minutes"),
            optional=("topics", "group_size", "objectives"),
        )
        title = check.string(e, "title", what)
        objectives, objective_lines = ids_list(check, e, "objectives", what)
        mode = check.choice(e, "mode", what, MODES)
        minutes = check.integer(e, "minutes", what, 1, 240)
        tags = topics.read_tags(check, e, what)
        size = e.get("group_size")
        if mode == "group" and size is None:
            check.add(e.line, f'{what} is group work; add `group_size:` (like 4 or "3–6")')
        if size is not None and not isinstance(size, int | str):
            check.add(e.line_of("group_size"), f"`group_size` in {what} must be a number or range")
        if None not in (eid, title, mode, minutes, tags, objectives):
            group_size = str(size).replace("-", "–") if size is not None else None
            exercise = Exercise(
                eid,
                mode,
                minutes,
                {lang: title},
                group_size,
                line=e.line_of("id"),
                objectives=objectives,
                objective_lines=objective_lines,
            )
            exercise.topics, exercise.topic_lines = tags
            out.append(exercise)
    return out if len(out) == len(items) else None


def _sources(check: Checker, meta, sources: dict[str, Source]) -> list[str] | None:
    """The module's ``sources:``: ids of articles in sources.yml."""
    items = check.sequence(meta, "sources", "the front matter")
    if items is None:
        return None
    ids = []
    for index, sid in enumerate(items):
        if sid not in sources:
            known = ", ".join(sorted(sources)) or "none yet"
            check.add(
                items.line_of(index),
                f"unknown source {sid!r}; add it to sources.yml (title, author, date) "
                f"or use one of: {known}",
            )
        else:
            ids.append(sid)
    return ids if len(ids) == len(items) else None


def _check_blocks(check: Checker, meta, exercises, found) -> None:
    declared = {e.id for e in exercises or []}
    used: dict[str, int] = {}
    facilitator = [b for b in found if b.kind == "facilitator"]
    for block in found:
        if block.kind != "exercise":
            continue
        if not block.arg:
            check.add(block.line, "`/// exercise` needs the exercise id: `/// exercise | my-id`")
        elif exercises is not None and block.arg not in declared:
            check.add(
                block.line,
                f"exercise '{block.arg}' is not in the front matter's `exercises:`; "
                "add it there (id, title, mode, minutes) or fix the id",
            )
        elif block.arg in used:
            check.add(block.line, f"exercise '{block.arg}' is already on line {used[block.arg]}")
        used.setdefault(block.arg, block.line)
        if not block.body.strip():
            check.add(
                block.line, f"exercise '{block.arg}' has no prompt; write it inside the block"
            )
    for exercise in exercises or []:
        if exercise.id not in used:
            check.add(
                meta.line_of("exercises"),
                f"exercise '{exercise.id}' has no `/// exercise | {exercise.id}` block with its "
                "prompt in the page",
            )
    if len(facilitator) != 1:
        where = facilitator[1].line if len(facilitator) > 1 else 1
        check.add(
            where,
            "a module has one `/// facilitator` block (how to run it in a workshop); "
            f"found {len(facilitator)}",
        )


def _rel(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
