"""The journey's build side: the modules' commitments (loaded and checked by the course
model, hooks/leda/course.py), where they are rendered on the page, and the course's
version on the record (hooks/leda/version.py).

The checks run on the small fixture course, given commitments per test; each message is
asserted whole, as ``path:line: message``.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import LANGUAGES, ROOT, edit
from leda import blocks, pages, version
from leda.course import load_course
from leda.problems import CourseError, Problems

FIXTURE = Path(__file__).parent / "fixtures" / "course"
TRACKS = [{"id": "trust", "title": {"sv": "Leda med tillit", "en": "Leading with trust"}}]
SV = "docs/modules/sample-trust.sv.md"
EN = "docs/modules/sample-trust.en.md"
AFTER = "    objectives: [choose-a-first-step]\nsources:"  # the end of the exercises: no
BEFORE = "\nexercises:\n"


def commitments(*items: tuple[str, str]) -> str:
    return "\ncommitments:\n" + "".join(f"  - id: {i}\n    text: {t}\n" for i, t in items)


SV_ITEMS = [("hand-over-the-rota", "Låt gruppen lägga schemat."), ("ask-why", "Fråga varför.")]
EN_ITEMS = [("hand-over-the-rota", "Let the team draw up the rota."), ("ask-why", "Ask why.")]


@pytest.fixture
def project(tmp_path) -> Path:
    shutil.copytree(FIXTURE, tmp_path, dirs_exist_ok=True)
    return tmp_path


def give(project: Path, sv=SV_ITEMS, en=EN_ITEMS, raw_sv: str | None = None) -> None:
    edit(
        project / SV, BEFORE, (raw_sv if raw_sv is not None else commitments(*sv)) + "exercises:\n"
    )
    edit(project / EN, BEFORE, commitments(*en) + "exercises:\n")


def load(project: Path):
    return load_course(project / "docs", project / "quizzes", TRACKS, LANGUAGES, root=project)


def problems_of(project: Path) -> list[str]:
    with pytest.raises(CourseError) as err:
        load(project)
    return [str(p) for p in err.value.problems]


def test_commitments_load_with_the_same_ids_in_both_languages(project):
    assert load(project).modules["sample-trust"].commitment_ids == []  # optional
    give(project)
    module = load(project).modules["sample-trust"]
    assert module.commitment_ids == ["hand-over-the-rota", "ask-why"]
    sv, en = module.text["sv"].commitments, module.text["en"].commitments
    assert sv[0].text == "Låt gruppen lägga schemat." and sv[0].line == 16
    assert en[1].text == "Ask why." and en[1].line == 18


def test_every_module_of_the_course_suggests_two_or_three(project):
    from conftest import CONFIG

    course = load_course(
        ROOT / "docs", ROOT / "quizzes", CONFIG["extra"]["leda"]["tracks"], LANGUAGES
    )
    for module in course.modules.values():
        assert 2 <= len(module.commitment_ids) <= 3, module.id
        for lang in LANGUAGES:
            assert all(c.text.strip() for c in module.text[lang].commitments)


@pytest.mark.parametrize(
    ("sv", "en", "raw_sv", "expected"),
    [
        (
            SV_ITEMS,
            [EN_ITEMS[1], EN_ITEMS[0]],
            None,
            [
                f"{EN}:15: commitment ids ['ask-why', 'hand-over-the-rota'] differ from "
                f"['hand-over-the-rota', 'ask-why'] in {SV}; use the same ids in the same order "
                "in every language (only `text:` is translated)"
            ],
        ),
        (
            SV_ITEMS[:1],
            EN_ITEMS[:1],
            None,
            [
                f"{SV}:15: `commitments` has 1 items; suggest 2 or 3 things to do next week",
                f"{EN}:15: `commitments` has 1 items; suggest 2 or 3 things to do next week",
            ],
        ),
        (
            [SV_ITEMS[0], SV_ITEMS[0]],
            [EN_ITEMS[0], EN_ITEMS[0]],
            None,
            [
                f"{SV}:18: duplicate commitment id 'hand-over-the-rota' (also on line 16); "
                "give each commitment its own id",
                f"{EN}:18: duplicate commitment id 'hand-over-the-rota' (also on line 16); "
                "give each commitment its own id",
            ],
        ),
        (
            None,
            EN_ITEMS,
            "\ncommitments:\n  - Låt gruppen lägga schemat.\n  - id: ask-why\n    txt: Fråga.\n",
            [
                f"{SV}:16: item 1 of `commitments` is the text 'Låt gruppen lägga schemat.'; write each as "
                "`- id: hand-over-a-decision` with `text: …` on the next line (the id is the same "
                "in every language)",
                f"{SV}:18: unknown key `txt` in commitment 'ask-why'; did you mean `text`?",
                f"{SV}:17: commitment 'ask-why' has no `text:`; add what the learner will do, "
                "in a sentence (like `text: Hand over one decision to your team.`)",
            ],
        ),
    ],
    ids=["ids differ", "too few", "duplicate", "wrong shape"],
)
def test_bad_commitments_are_named_with_path_and_line(project, sv, en, raw_sv, expected):
    give(project, sv=sv, en=en, raw_sv=raw_sv)
    assert sorted(problems_of(project)) == sorted(expected)


def test_the_commitment_goes_at_the_end_of_in_practice():
    body = "## Varför\n\nText.\n\n## I praktiken\n\n- Gör så.\n\n## Övningar\n\n/// exercise | e\nPrompt.\n///\n"
    found = blocks.parse(body, 1, "x.md", Problems())
    place = pages.commitment_place(body, found)
    assert [(b.kind, b.line, b.end) for b in place] == [("commitment", 9, 8)]
    out = blocks.replace(body, found + place, 1, lambda b: f"<{b.kind}>")
    assert out.index("- Gör så.") < out.index("<commitment>") < out.index("## Övningar")
    assert pages.commitment_place("/// exercise | e\nP\n///\n", []) == []  # no heading: none


def test_the_course_version_is_the_checkout_s_commit_or_unknown(tmp_path, monkeypatch):
    head = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
    ).stdout.strip()
    if head:  # a git checkout (not a downloaded copy)
        assert version.commit(ROOT) == head
    assert version.commit(tmp_path) is None  # not a checkout
    (tmp_path / "inner").mkdir()
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    assert version.commit(tmp_path / "inner") is None  # inside another's checkout
    monkeypatch.setenv("PATH", str(tmp_path))  # no git at all
    assert version.commit(ROOT) is None
    assert version.today({"SOURCE_DATE_EPOCH": "1764633600"}) == "2025-12-02"
    assert len(version.today({})) == 10
