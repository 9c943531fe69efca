"""Objectives: ids in the front matter, named by exercises and quiz questions, each served.

The checks run on the small fixture course (tests/fixtures/course), edited per test;
each message is asserted whole, as ``path:line: message``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import LANGUAGES, ROOT, edit
from htmlscan import tags
from leda.course import load_course
from leda.problems import CourseError

FIXTURE = Path(__file__).parent / "fixtures" / "course"
TRACKS = [{"id": "trust", "title": {"sv": "Leda med tillit", "en": "Leading with trust"}}]
SV = "docs/modules/sample-trust.sv.md"
EN = "docs/modules/sample-trust.en.md"
QUIZ = "quizzes/sample-trust.yml"
IDS = ["describe-control-and-trust", "choose-a-first-step", "ask-your-manager"]


@pytest.fixture
def project(tmp_path) -> Path:
    shutil.copytree(FIXTURE, tmp_path, dirs_exist_ok=True)
    return tmp_path


def load(project: Path):
    return load_course(project / "docs", project / "quizzes", TRACKS, LANGUAGES, root=project)


def problems_of(project: Path) -> list[str]:
    with pytest.raises(CourseError) as err:
        load(project)
    return [str(p) for p in err.value.problems]


def both(project: Path, old: str, new: str) -> None:
    for page in (SV, EN):
        edit(project / page, old, new)


def test_objectives_load_with_ids_texts_and_what_serves_them(project):
    module = load(project).modules["sample-trust"]
    assert module.objective_ids == IDS
    sv, en = module.text["sv"].objectives, module.text["en"].objectives
    assert [o.id for o in en] == IDS
    assert sv[0].text == "beskriva skillnaden mellan kontroll och tillit" and sv[0].line == 9
    assert en[2].text == "put a question to your own manager" and en[2].line == 13
    assert module.exercise("trust-pair").objectives == ["choose-a-first-step", "ask-your-manager"]
    assert module.exercise("trust-pair").objective_lines == [25, 25]
    questions = {q.id: q for q in module.quiz.questions}
    assert questions["trust-meaning"].objectives == ["describe-control-and-trust"]
    assert questions["trust-levels"].objectives == []  # naming none is allowed


def test_a_duplicated_objective_id_is_refused(project):
    edit(project / SV, "  - id: ask-your-manager\n", "  - id: choose-a-first-step\n")
    assert problems_of(project) == [
        f"{SV}:13: duplicate objective id 'choose-a-first-step' (also on line 11); "
        "give each objective its own id",
    ]


def test_unknown_objectives_are_reported_with_a_guess(project):
    both(project, "objectives: [describe-control-and-trust]\n", "objectives: [describe-control]\n")
    edit(
        project / QUIZ,
        "    objectives: [describe-control-and-trust]\n",
        "    objectives: [ask-your-managr, tea-break]\n",
    )
    assert problems_of(project) == [
        f"{SV}:9: objective 'describe-control-and-trust' is practised by no exercise and "
        "assessed by no question; add `objectives: [describe-control-and-trust]` to an "
        f"exercise here or to a question in {QUIZ}, or remove the objective",
        f"{SV}:20: exercise 'trust-inventory' names objective 'describe-control', which module "
        "'sample-trust' does not have; did you mean 'describe-control-and-trust'?",
        f"{QUIZ}:4: question 'trust-meaning' names objective 'ask-your-managr', which module "
        "'sample-trust' does not have; did you mean 'ask-your-manager'?",
        f"{QUIZ}:4: question 'trust-meaning' names objective 'tea-break', which module "
        "'sample-trust' does not have; use one of: describe-control-and-trust, "
        "choose-a-first-step, ask-your-manager",
    ]


def test_an_objective_served_by_nothing_is_reported_everywhere_at_once(project):
    both(project, "    objectives: [choose-a-first-step, ask-your-manager]\n", "")
    both(project, "    objectives: [choose-a-first-step]\n", "")
    edit(project / QUIZ, "    objectives: [ask-your-manager, choose-a-first-step]\n", "")
    edit(project / QUIZ, "    objectives: [describe-control-and-trust]\n", "")
    assert problems_of(project) == [
        f"{SV}:11: objective 'choose-a-first-step' is practised by no exercise and assessed by "
        "no question; add `objectives: [choose-a-first-step]` to an exercise here or to a "
        f"question in {QUIZ}, or remove the objective",
        f"{SV}:13: objective 'ask-your-manager' is practised by no exercise and assessed by "
        "no question; add `objectives: [ask-your-manager]` to an exercise here or to a "
        f"question in {QUIZ}, or remove the objective",
    ]


def test_a_question_alone_serves_an_objective(project):
    both(project, "    objectives: [choose-a-first-step, ask-your-manager]\n", "")
    both(project, "    objectives: [choose-a-first-step]\n", "")
    module = load(project).modules["sample-trust"]  # the scenario question serves both
    assert all(e.objectives in ([], ["describe-control-and-trust"]) for e in module.exercises)


def test_objective_ids_must_match_between_languages(project):
    edit(project / EN, "  - id: ask-your-manager\n", "  - id: ask-your-boss\n")
    edit(project / EN, "choose-a-first-step, ask-your-manager]", "choose-a-first-step]")
    assert problems_of(project) == [
        f"{EN}:8: objective ids ['describe-control-and-trust', 'choose-a-first-step', "
        "'ask-your-boss'] differ from ['describe-control-and-trust', 'choose-a-first-step', "
        f"'ask-your-manager'] in {SV}; use the same ids in the same order in every language "
        "(only `text:` is translated)",
        f"{EN}:15: exercise 'trust-pair' has objectives ['choose-a-first-step'] here but "
        f"['choose-a-first-step', 'ask-your-manager'] in {SV}; make them the same",
    ]


def test_wrong_shapes_say_how_to_write_them(project):
    edit(
        project / SV,
        "  - id: describe-control-and-trust\n    text: beskriva skillnaden mellan kontroll och tillit\n",
        "  - beskriva skillnaden mellan kontroll och tillit\n",
    )
    edit(project / SV, "    text: välja ett första steg", "    txt: välja ett första steg")
    edit(project / SV, "  - id: ask-your-manager\n", "  - id: Ask Your Manager\n")
    edit(project / EN, "objectives: [describe-control-and-trust]", "objectives: describe")
    edit(project / EN, "objectives: [choose-a-first-step]", "objectives: [Choose]")
    assert problems_of(project) == [
        f"{EN}:20: `objectives` in exercise 'trust-inventory' must be a list (lines starting "
        "with `- `)",
        f"{EN}:31: item 1 of `objectives` in exercise 'trust-group' is 'Choose'; write the "
        "objectives' ids, like `objectives: [explain-trust, choose-a-step]`",
        f"{SV}:9: item 1 of `objectives` is the text 'beskriva skillnaden mellan kontroll och "
        "tillit'; write each objective as `- id: explain-trust` with `text: …` on the next "
        "line (the id is the same in every language)",
        f"{SV}:10: objective 'choose-a-first-step' has no `text:`; add what the learner can "
        "do afterwards, starting with a verb (like `text: describe …`)",
        f"{SV}:11: unknown key `txt` in objective 'choose-a-first-step'; did you mean `text`?",
        f"{SV}:12: `id` in objective 3 is 'Ask Your Manager'; use lower-case letters, digits "
        "and hyphens (like `trust-pair`)",
    ]


def test_module_pages_list_the_objectives_with_their_ids_as_anchors(real_site):
    for lang, prefix in (("sv", ""), ("en", "en/")):
        page = (ROOT / "docs" / "modules" / f"from-control-to-trust.{lang}.md").read_text("utf-8")
        html = real_site.html(f"{prefix}modules/from-control-to-trust/index.html")
        items = [t for t in tags(html) if t.name == "li" and t.inside("leda-objectives")]
        assert [t.attrs.get("id") for t in items] == [
            "objective-explain-trust-is-not-anything-goes",
            "objective-describe-the-exchange",
            "objective-spot-controlling-administration",
            "objective-choose-a-decision-to-hand-over",
        ]
        first = "förklara varför tillit" if lang == "sv" else "explain why trust is neither"
        assert first in page and first in html
