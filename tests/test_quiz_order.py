"""The options' order, decided by the build, and the quiz cues the build warns about.

The order is checked against its definition computed here (a SHA-256 of the
question id and the option id), so a build that kept the file's order, or used
Python's per-run ``hash()``, fails.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from conftest import LANGUAGES, ROOT, make_project, run_build
from htmlscan import tags
from leda.problems import Problems
from leda.quiz import Option, Quiz, cues, load_quiz, shuffle


def expected_order(question_id: str, option_ids: list[str]) -> list[str]:
    digest = lambda oid: hashlib.sha256(f"{question_id}\n{oid}".encode()).hexdigest()  # noqa: E731
    return sorted(option_ids, key=digest)


def options(*ids: str, right: str = "") -> list[Option]:
    return [
        Option(i, {"sv": i, "en": i}, {"sv": "Ja.", "en": "Yes."}, correct=i == right) for i in ids
    ]


def test_the_order_does_not_depend_on_the_order_in_the_file():
    ids = ["alpha", "beta", "gamma", "delta", "epsilon"]
    orders = {
        tuple(o.id for o in shuffle("trust-meaning", options(*variant)))
        for variant in (ids, ids[::-1], ids[2:] + ids[:2], sorted(ids))
    }
    assert orders == {tuple(expected_order("trust-meaning", ids))}
    assert list(next(iter(orders))) != ids  # really shuffled, not the file's order


def test_the_order_changes_with_the_question_id():
    ids = ["a", "b", "c", "d"]
    order = [o.id for o in shuffle("trust-meaning", options(*ids))]
    other = [o.id for o in shuffle("trust-meanings", options(*ids))]
    assert order == expected_order("trust-meaning", ids)
    assert other == expected_order("trust-meanings", ids)
    assert order != other


def quiz_file(tmp_path: Path, questions: list[tuple[str, str, list[tuple[str, str, str]]]]) -> Quiz:
    """A quiz of ``(id, type, [(option id, sv text, en text), …])``; option ``r…`` is right."""
    lines = ["questions:"]
    for qid, qtype, opts in questions:
        lines += [f"  - id: {qid}", f"    type: {qtype}", "    prompt: {sv: Fråga, en: Question}"]
        lines.append("    options:")
        for oid, sv, en in opts:
            lines.append(f"      - id: {oid}")
            if oid.startswith("r") and qtype != "scenario":
                lines.append("        correct: true")
            lines += [
                f"        text: {{sv: {sv}, en: {en}}}",
                "        feedback: {sv: Ja, en: Yes}",
            ]
    path = tmp_path / "mod.yml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    problems = Problems()
    quiz = load_quiz(path, "quizzes/mod.yml", problems, LANGUAGES)
    assert not problems, problems.report()
    return quiz


def test_right_option_longest_in_more_than_half_is_reported(tmp_path):
    long_right = [("right", "Ett långt rätt svar", "A long right answer"), ("wrong", "Fel", "No")]
    quiz = quiz_file(
        tmp_path,
        [
            ("one", "single", long_right),
            # longest in English only: still a cue
            ("two", "single", [("right", "Kort", "A longer one"), ("wrong", "Längre fel", "No")]),
            # a tie is not "the longest"
            ("three", "single", [("right", "Lika", "Same"), ("wrong", "Lika", "Same")]),
            ("many", "multiple", long_right),  # only single-choice questions count
        ],
    )
    assert [str(p) for p in cues(quiz, LANGUAGES) if "longest" in p.message] == [
        "quizzes/mod.yml:2: the right option is the longest in 2 of 3 single-choice questions: "
        "'one' (line 2), 'two' (line 13); a learner can pass by picking the longest answer, so "
        "make the wrong options as full as the right one (or shorten the right one)"
    ]


def test_right_option_longest_in_half_is_not_reported(tmp_path):
    quiz = quiz_file(
        tmp_path,
        [
            ("one", "single", [("right", "Ett långt rätt svar", "A long one"), ("w", "F", "N")]),
            ("two", "single", [("right", "Kort", "Short"), ("wrong", "Längre fel", "Longer no")]),
        ],
    )
    assert cues(quiz, LANGUAGES) == []


def same_length(qid: str) -> tuple[str, str, list]:
    return (qid, "single", [(o, "Lika lång", "Same size") for o in ("ra", "wb", "wc")])


def right_position(quiz: Quiz, qid: str) -> int:
    question = next(q for q in quiz.questions if q.id == qid)
    return next(i for i, o in enumerate(question.options) if o.correct)


def test_the_right_option_always_in_the_same_place_is_reported(tmp_path):
    # question ids whose right option "ra" lands first after the shuffle, and one that does not
    first = [f"q{n}" for n in range(40) if expected_order(f"q{n}", ["ra", "wb", "wc"])[0] == "ra"]
    other = next(f"q{n}" for n in range(40) if f"q{n}" not in first)
    quiz = quiz_file(tmp_path, [same_length(qid) for qid in first[:3]])
    assert [right_position(quiz, qid) for qid in first[:3]] == [0, 0, 0]
    assert [str(p) for p in cues(quiz, LANGUAGES)] == [
        "quizzes/mod.yml:2: the right option is number 1 (as the build orders them) in all 3 "
        "single-choice questions; a learner can pass by position, so change an option id in one "
        "of them before learners have answered it (the order follows the ids), or add a question"
    ]
    assert cues(quiz_file(tmp_path, [same_length(qid) for qid in first[:2]]), LANGUAGES) == []
    varied = quiz_file(tmp_path, [same_length(qid) for qid in [*first[:3], other]])
    assert cues(varied, LANGUAGES) == []


def test_a_cued_quiz_fails_the_strict_build_with_a_warning(tmp_path):
    project = make_project(tmp_path)
    quiz = project / "quizzes" / "sample-trust.yml"
    text = quiz.read_text(encoding="utf-8")
    quiz.write_text(text.replace("ifred och litar på att allt löser sig", "ifred"), "utf-8")
    build = run_build(project, tmp_path / "site")
    assert build.code != 0
    assert (
        "WARNING -  leda: quizzes/sample-trust.yml:2: the right option is the longest in 1 of 1 "
        "single-choice questions: 'trust-meaning' (line 2)" in build.log
    )
    assert build.log.count("the right option is the longest") == 1  # once, not per language


def quiz_pages(html: str) -> dict[str, list[tuple[str, str]]]:
    """Each question's options as (id, data-correct), in the page's order."""
    found: dict[str, list[tuple[str, str]]] = {}
    for tag in tags(html):
        if tag.name == "li" and "data-question" in tag.attrs:
            current = found.setdefault(tag.attrs["data-question"], [])
        elif tag.name == "li" and "data-option" in tag.attrs:
            current.append((tag.attrs["data-option"], tag.attrs.get("data-correct", "")))
    return found


def test_real_quizzes_show_the_options_in_the_shuffled_order_in_both_languages(real_site):
    import yaml

    moved = 0
    for path in sorted((ROOT / "quizzes").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        sv = quiz_pages(real_site.html(f"modules/{path.stem}/quiz/index.html"))
        en = quiz_pages(real_site.html(f"en/modules/{path.stem}/quiz/index.html"))
        assert sv == en, path.name
        assert list(sv) == [q["id"] for q in data["questions"]], path.name
        for q in data["questions"]:
            in_file = [o["id"] for o in q["options"]]
            assert [oid for oid, _ in sv[q["id"]]] == expected_order(q["id"], in_file), q["id"]
            right = {o["id"] for o in q["options"] if o.get("correct")}
            if q["type"] != "scenario":
                assert {oid for oid, c in sv[q["id"]] if c == "true"} == right, q["id"]
            moved += [oid for oid, _ in sv[q["id"]]] != in_file
    assert moved > 20  # the order is the build's, not the files'
