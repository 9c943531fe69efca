"""The quiz loader and validator, called directly: one good file and many bad ones.

Each bad file must produce exactly the listed problems, as ``path:line: message``.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from conftest import LANGUAGES
from leda.problems import Problems
from leda.quiz import load_quiz

GOOD = """\
questions:
  - id: meaning
    type: single
    prompt:
      sv: Vad betyder tillit?
      en: What does trust mean?
    options:
      - id: a
        correct: true
        text: {sv: Ansvar, en: Responsibility}
        feedback: {sv: Ja., en: Yes.}
      - id: b
        text: {sv: Frihet, en: Freedom}
        feedback: {sv: Nej., en: No.}
"""


def load(tmp_path: Path, text: str):
    path = tmp_path / "mod.yml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    problems = Problems()
    quiz = load_quiz(path, "quizzes/mod.yml", problems, LANGUAGES)
    return quiz, [str(p) for p in problems]


def test_good_file_loads_with_both_languages(tmp_path):
    quiz, problems = load(tmp_path, GOOD)
    assert problems == []
    assert quiz.module == "mod"
    (question,) = quiz.questions
    assert question.id == "meaning" and question.type == "single"
    assert question.prompt == {"sv": "Vad betyder tillit?", "en": "What does trust mean?"}
    # in the build's order (shuffled by the ids; test_quiz_order.py), not the file's
    assert [o.id for o in question.options] == ["b", "a"]
    assert [o.correct for o in question.options] == [False, True]
    assert question.options[0].feedback["en"] == "No."
    assert question.objectives == [] and question.line == 2


def test_every_type_and_optional_field(tmp_path):
    quiz, problems = load(
        tmp_path,
        GOOD
        + """\
    explanation: {sv: Förklaring, en: Explanation}
  - id: many
    type: multiple
    prompt: {sv: Flera, en: Several}
    options:
      - {id: x, correct: true, text: {sv: X, en: X}, feedback: {sv: Ja, en: Yes}}
      - {id: y, correct: true, text: {sv: Y, en: Y}, feedback: {sv: Ja, en: Yes}}
      - {id: z, text: {sv: Z, en: Z}, feedback: {sv: Nej, en: No}}
  - id: what-would-you-do
    type: scenario
    prompt: {sv: Vad gör du, en: What do you do}
    options:
      - {id: talk, text: {sv: Pratar, en: Talk}, feedback: {sv: Öppnar, en: Opens}}
      - {id: wait, text: {sv: Väntar, en: Wait}, feedback: {sv: Stänger, en: Closes}}
""",
    )
    assert problems == []
    assert [q.type for q in quiz.questions] == ["single", "multiple", "scenario"]
    assert quiz.questions[0].explanation == {"sv": "Förklaring", "en": "Explanation"}
    assert quiz.scored_count == 2


BAD = {
    "yaml-syntax": (
        "questions:\n  - id: a\n    type: single\n   prompt: x\n",
        [
            "quizzes/mod.yml:4: YAML syntax error at column 4: expected <block end>, but found "
            "'<block mapping start>'; check the indentation, the colons and the quotes on this "
            "line and the one above"
        ],
    ),
    "yaml-unclosed-quote": (
        'questions:\n  - id: "a\n',
        [
            "quizzes/mod.yml:3: YAML syntax error at column 1: found unexpected end of stream; "
            "check the indentation, the colons and the quotes on this line and the one above"
        ],
    ),
    "empty-file": (
        "",
        ["quizzes/mod.yml:1: the quiz file is empty; add `questions:` (see quizzes/README.md)"],
    ),
    "not-a-mapping": (
        "- just\n- a list\n",
        ["quizzes/mod.yml:1: the quiz file must be a mapping of `key: value` lines, not a list"],
    ),
    "no-questions-key": (
        "intro: {sv: Hej, en: Hi}\n",
        [
            "quizzes/mod.yml:1: the quiz file has no `questions:`; add a list of questions (see quizzes/README.md)"
        ],
    ),
    "duplicate-top-key": (
        GOOD + "questions: []\n",
        ["quizzes/mod.yml:15: duplicate key 'questions' (first on line 1); remove one of them"],
    ),
    "duplicate-key-in-option": (
        GOOD.replace(
            "        feedback: {sv: Nej., en: No.}\n",
            "        feedback: {sv: Nej., en: No.}\n        text: {sv: B, en: B}\n",
        ),
        ["quizzes/mod.yml:15: duplicate key 'text' (first on line 13); remove one of them"],
    ),
    "unknown-key-typo": (
        GOOD.replace("        correct: true\n", "        corect: true\n"),
        [
            "quizzes/mod.yml:7: question 'meaning' is `single` but has 0 right options; mark exactly "
            "one with `correct: true` (or make it `multiple`)",
            "quizzes/mod.yml:9: unknown key `corect` in option 'a' of question 'meaning'; did you mean `correct`?",
        ],
    ),
    "missing-english": (
        GOOD.replace("      en: What does trust mean?\n", ""),
        [
            "quizzes/mod.yml:4: `prompt` in question 'meaning' has no `en:` text; add the English text"
        ],
    ),
    "empty-swedish": (
        GOOD.replace("{sv: Frihet, en: Freedom}", "{sv: '', en: Freedom}"),
        [
            "quizzes/mod.yml:13: `text.sv` in option 'b' of question 'meaning' is empty; write the Swedish text"
        ],
    ),
    "text-not-per-language": (
        GOOD.replace("{sv: Ja., en: Yes.}", "Ja."),
        [
            "quizzes/mod.yml:11: `feedback` in option 'a' of question 'meaning' must have a text per language: `sv:` and `en:`"
        ],
    ),
    "unknown-language": (
        GOOD.replace("{sv: Ja., en: Yes.}", "{sv: Ja., en: Yes., fi: Kyllä.}"),
        [
            "quizzes/mod.yml:11: unknown language `fi` in `feedback` of option 'a' of question 'meaning'; use `sv:` and `en:`"
        ],
    ),
    "duplicate-question-id": (
        GOOD + GOOD.split("questions:\n")[1],
        [
            "quizzes/mod.yml:15: duplicate question id 'meaning' (also on line 2); give each question its own id"
        ],
    ),
    "duplicate-option-id": (
        GOOD.replace("      - id: b\n", "      - id: a\n"),
        [
            "quizzes/mod.yml:12: duplicate option id 'a' in question 'meaning' (also on line 8); give each option its own id"
        ],
    ),
    "bad-id": (
        GOOD.replace("id: meaning", "id: Meaning Of Trust"),
        [
            "quizzes/mod.yml:2: `id` in question 1 is 'Meaning Of Trust'; use lower-case letters, digits and hyphens (like `trust-pair`)"
        ],
    ),
    "unknown-type": (
        GOOD.replace("type: single", "type: truefalse"),
        [
            "quizzes/mod.yml:3: `type` in question 'meaning' is 'truefalse'; use one of: single, multiple, scenario"
        ],
    ),
    "single-with-two-right": (
        GOOD.replace("      - id: b\n", "      - id: b\n        correct: true\n"),
        [
            "quizzes/mod.yml:7: question 'meaning' is `single` but has 2 right options; mark exactly one with `correct: true` (or make it `multiple`)"
        ],
    ),
    "multiple-without-right": (
        GOOD.replace("type: single", "type: multiple").replace("        correct: true\n", ""),
        [
            "quizzes/mod.yml:7: question 'meaning' is `multiple` but has no right option; mark at least one with `correct: true`"
        ],
    ),
    "scenario-without-reasoning": (
        GOOD.replace("type: single", "type: scenario")
        .replace("        correct: true\n", "")
        .replace("        feedback: {sv: Nej., en: No.}\n", ""),
        [
            "quizzes/mod.yml:11: option 'b' of question 'meaning' has no reasoning; add `feedback:` with `sv:` and `en:` that explain what this choice leads to"
        ],
    ),
    "scenario-with-correct": (
        GOOD.replace("type: single", "type: scenario"),
        [
            "quizzes/mod.yml:9: option 'a' of question 'meaning': a `scenario` question has no right answer; remove `correct:`"
        ],
    ),
    "option-without-feedback": (
        GOOD.replace("        feedback: {sv: Nej., en: No.}\n", ""),
        [
            "quizzes/mod.yml:12: option 'b' of question 'meaning' has no `feedback:`; add why this option is right or wrong, with `sv:` and `en:`"
        ],
    ),
    "one-option-only": (
        GOOD.split("      - id: b\n")[0],
        ["quizzes/mod.yml:7: question 'meaning' needs at least two options"],
    ),
    "correct-not-boolean": (
        GOOD.replace("correct: true", "correct: yes please"),
        [
            "quizzes/mod.yml:9: `correct` in option 'a' of question 'meaning' must be `true` or `false`, not 'yes please'"
        ],
    ),
    "options-not-a-list": (
        GOOD.split("    options:\n")[0] + "    options: a, b\n",
        [
            "quizzes/mod.yml:7: `options` in question 'meaning' must be a list (lines starting with `- `)"
        ],
    ),
    "question-missing-prompt": (
        GOOD.replace(
            "    prompt:\n      sv: Vad betyder tillit?\n      en: What does trust mean?\n", ""
        ),
        [
            "quizzes/mod.yml:2: question 'meaning' has no `prompt:`; add the question with `sv:` and `en:` texts"
        ],
    ),
    "yes-no-are-words": (
        GOOD.replace("{sv: Nej., en: No.}", "{sv: Nej, en: No}").replace(
            "correct: true", "correct: yes"
        ),
        [
            "quizzes/mod.yml:9: `correct` in option 'a' of question 'meaning' must be `true` or `false`, not 'yes'"
        ],
    ),
    "unknown-key-in-question": (
        GOOD.replace("  - id: meaning\n", "  - id: meaning\n    hint: <b>x</b>\n"),
        [
            "quizzes/mod.yml:3: unknown key `hint` in question 'meaning'; allowed: explanation, id, objectives, options, prompt, type"
        ],
    ),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_file_is_reported_with_line_and_fix(tmp_path, name):
    text, expected = BAD[name]
    quiz, problems = load(tmp_path, text)
    assert quiz is None
    assert problems == expected


def test_every_problem_is_reported_at_once(tmp_path):
    text = GOOD.replace("type: single", "type: truefalse").replace("en: Freedom", "en: ''")
    text += "    colour: red\n"
    _, problems = load(tmp_path, text)
    assert [p.split(":")[1] for p in problems] == ["3", "13", "15"]
