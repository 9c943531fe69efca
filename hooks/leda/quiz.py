"""Quizzes: one YAML file per module in quizzes/, both languages side by side.

The format is documented with a complete example in quizzes/README.md.
``load_quiz`` reads and checks one file and returns a ``Quiz`` (or None when the
file has problems, which go to the shared ``Problems``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import yamlsource
from .checks import Checker
from .problems import Problems

TYPES = ("single", "multiple", "scenario")


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
    options: list[Option]
    explanation: dict[str, str] | None = None

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
        optional=("explanation",),
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
    if None in (qid, qtype, prompt) or not complete:
        return None
    return Question(qid, qtype, prompt, options, explanation)


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
