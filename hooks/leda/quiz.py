"""Quizzes: one YAML file per module in quizzes/, both languages side by side.

The format is documented with a complete example in quizzes/README.md.
``load_quiz`` reads and checks one file and returns a ``Quiz`` (or None when the
file has problems, which go to the shared ``Problems``).

The build decides the order of a question's options (``shuffle``): a fixed
order from a hash of the question's id and each option's id, the same in every
language and every build, whatever order the file lists them in. ``cues`` finds
quizzes whose right answers can be guessed from their length or position.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from . import yamlsource
from .checks import ID_PATTERN, Checker
from .problems import Problem, Problems

TYPES = ("single", "multiple", "scenario")
CUE_MIN_POSITION = 3  # single-choice questions needed before "always the same position" counts


@dataclass
class Option:
    id: str
    text: dict[str, str]
    feedback: dict[str, str]
    correct: bool = False


@dataclass
class Question:
    id: str
    type: str
    prompt: dict[str, str]
    options: list[Option]  # in the build's order (``shuffle``), not the file's
    explanation: dict[str, str] | None = None
    objectives: list[str] = field(default_factory=list)  # ids of the module's objectives
    line: int = 1  # of its `id:` in the quiz file
    objective_lines: list[int] = field(default_factory=list)  # of each of ``objectives``

    @property
    def scored(self) -> bool:
        """Scenario questions have no right answer and do not count in the score."""
        return self.type != "scenario"


@dataclass
class Quiz:
    module: str
    path: str
    questions: list[Question] = field(default_factory=list)
    intro: dict[str, str] | None = None

    @property
    def scored_count(self) -> int:
        return sum(1 for q in self.questions if q.scored)


def load_quiz(path: Path, display: str, problems: Problems, languages) -> Quiz | None:
    """Read the quiz file at ``path`` (named ``display`` in messages), in ``languages``."""
    before = len(problems)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        problems.add(display, 1, f"the file is not UTF-8 text ({err.reason}); save it as UTF-8")
        return None
    data = yamlsource.load(text, display, problems)
    if data is None:
        if len(problems) == before:
            problems.add(
                display, 1, "the quiz file is empty; add `questions:` (see quizzes/README.md)"
            )
        return None
    check = Checker(display, problems, tuple(languages))
    top = check.mapping(data, getattr(data, "line", 1), "the quiz file")
    if top is None:
        return None
    check.keys(top, "the quiz file", required=("questions",), optional=("intro",))
    quiz = Quiz(module=path.stem, path=display, intro=check.text(top, "intro", "the quiz"))
    items = check.sequence(top, "questions", "the quiz file")
    seen: dict[str, int] = {}
    for index, item in enumerate(items or []):
        question = _question(check, item, items.line_of(index), index + 1, seen)
        if question:
            quiz.questions.append(question)
    return quiz if len(problems) == before else None


def _question(check: Checker, item, line: int, number: int, seen: dict) -> Question | None:
    what = f"question {number}"
    q = check.mapping(item, line, what)
    if q is None:
        return None
    qid = check.ident(q, "id", what)
    if qid:
        what = f"question '{qid}'"
        if qid in seen:
            check.add(
                q.line_of("id"),
                f"duplicate question id '{qid}' (also on line {seen[qid]}); "
                "give each question its own id",
            )
        seen.setdefault(qid, q.line_of("id"))
    check.keys(
        q,
        what,
        required=("id", "type", "prompt", "options"),
        optional=("explanation", "objectives"),
    )
    qtype = check.choice(q, "type", what, TYPES)
    prompt = check.text(q, "prompt", what)
    explanation = check.text(q, "explanation", what)
    options: list[Option] = []
    option_lines: dict[str, int] = {}
    items = check.sequence(q, "options", what)
    for index, raw in enumerate(items or []):
        option = _option(check, raw, items.line_of(index), index + 1, what, qtype, option_lines)
        if option:
            options.append(option)
    if items is not None and len(items) < 2:
        check.add(q.line_of("options"), f"{what} needs at least two options")
    right = sum(1 for o in options if o.correct)
    complete = items is not None and len(options) == len(items)
    if complete and qtype == "single" and right != 1:
        check.add(
            q.line_of("options"),
            f"{what} is `single` but has {right} right options; mark exactly one with "
            "`correct: true` (or make it `multiple`)",
        )
    if complete and qtype == "multiple" and right == 0:
        check.add(
            q.line_of("options"),
            f"{what} is `multiple` but has no right option; mark at least one with `correct: true`",
        )
    objectives, objective_lines = ids_list(check, q, "objectives", what)
    if None in (qid, qtype, prompt, objectives) or not complete:
        return None
    return Question(
        qid,
        qtype,
        prompt,
        shuffle(qid, options),
        explanation,
        objectives,
        q.line_of("id"),
        objective_lines,
    )


def ids_list(check: Checker, m, key: str, what: str) -> tuple[list[str] | None, list[int]]:
    """An optional ``key: [id, …]`` (an exercise's or a question's objectives), with lines."""
    if key not in m:
        return [], []
    items = check.sequence(m, key, what)
    if items is None:
        return None, []
    ids, lines = [], []
    for index, item in enumerate(items):
        if not isinstance(item, str) or not ID_PATTERN.match(item):
            check.add(
                items.line_of(index),
                f"item {index + 1} of `{key}` in {what} is {item!r}; write the objectives' ids, "
                "like `objectives: [explain-trust, choose-a-step]`",
            )
            continue
        ids.append(item)
        lines.append(items.line_of(index))
    return (ids, lines) if len(ids) == len(items) else (None, [])


def shuffle_key(question_id: str, option_id: str) -> str:
    """Where an option goes: a stable hash (not Python's ``hash()``, which changes per run)."""
    return hashlib.sha256(f"{question_id}\n{option_id}".encode()).hexdigest()


def shuffle(question_id: str, options: list[Option]) -> list[Option]:
    """The options in the build's order: fixed by the question's id and the options' ids.

    The same in both languages (the ids are), the same in every build, and
    independent of the order the file lists them in; stored answers name option
    ids, so they keep their meaning.
    """
    return sorted(options, key=lambda o: shuffle_key(question_id, o.id))


def cues(quiz: Quiz, languages) -> list[Problem]:
    """Quizzes that a learner could pass without reading the module, as warnings.

    Over its single-choice questions: the right option is the longest (strictly,
    by its text, in any language) in more than half of them, or it stands in the
    same position (in the build's order) in all of them, when there are at least
    ``CUE_MIN_POSITION``.
    """
    single = [q for q in quiz.questions if q.type == "single"]
    if not single:
        return []
    found: list[Problem] = []
    longest = [q for q in single if _right_is_longest(q, languages)]
    if len(longest) * 2 > len(single):
        where = ", ".join(f"'{q.id}' (line {q.line})" for q in longest)
        found.append(
            Problem(
                quiz.path,
                longest[0].line,
                f"the right option is the longest in {len(longest)} of {len(single)} "
                f"single-choice questions: {where}; a learner can pass by picking the longest "
                "answer, so make the wrong options as full as the right one "
                "(or shorten the right one)",
            )
        )
    positions = {_right_position(q) for q in single}
    if len(single) >= CUE_MIN_POSITION and len(positions) == 1:
        n = positions.pop() + 1
        found.append(
            Problem(
                quiz.path,
                single[0].line,
                f"the right option is number {n} (as the build orders them) in all {len(single)} "
                "single-choice questions; a learner can pass by position, so change an option "
                "id in one of them before learners have answered it (the order follows the ids), "
                "or add a question",
            )
        )
    return found


def _right_is_longest(question: Question, languages) -> bool:
    right = next(o for o in question.options if o.correct)
    for lang in languages:
        others = [len(o.text[lang]) for o in question.options if o is not right]
        if len(right.text[lang]) > max(others, default=0):
            return True
    return False


def _right_position(question: Question) -> int:
    return next(i for i, o in enumerate(question.options) if o.correct)


def _option(check, raw, line, number, question, qtype, seen) -> Option | None:
    what = f"option {number} of {question}"
    o = check.mapping(raw, line, what)
    if o is None:
        return None
    oid = check.ident(o, "id", what)
    if oid:
        what = f"option '{oid}' of {question}"
        if oid in seen:
            check.add(
                o.line_of("id"),
                f"duplicate option id '{oid}' in {question} (also on line {seen[oid]}); "
                "give each option its own id",
            )
        seen.setdefault(oid, o.line_of("id"))
    if qtype == "scenario":
        check.keys(o, what, required=("id", "text"), optional=("feedback", "correct"))
        if "correct" in o:
            check.add(
                o.line_of("correct"),
                f"{what}: a `scenario` question has no right answer; remove `correct:`",
            )
        if "feedback" not in o:
            check.add(
                o.line,
                f"{what} has no reasoning; add `feedback:` with `sv:` and `en:` that explain "
                "what this choice leads to",
            )
    else:
        check.keys(o, what, required=("id", "text", "feedback"), optional=("correct",))
    text = check.text(o, "text", what)
    feedback = check.text(o, "feedback", what)
    correct = check.boolean(o, "correct", what) if qtype != "scenario" else False
    if None in (oid, text, feedback) or ("correct" in o and correct is None):
        return None
    return Option(oid, text, feedback, bool(correct))
