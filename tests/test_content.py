"""The real course: every module complete in both languages, as module-anatomy.md asks."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from conftest import CONFIG, LANGUAGES
from leda.course import Course, load_course
from leda.yamlsource import split_front_matter

ROOT = Path(__file__).resolve().parent.parent
MODULE_DIR = ROOT / "docs" / "modules"
# Known when the tests are collected, without loading the course (a fixture does).
MODULES = sorted(p.name.split(".")[0] for p in MODULE_DIR.glob(f"*.{LANGUAGES[0]}.md"))


@pytest.fixture(scope="module")
def course() -> Course:
    """The real course, loaded and checked; a problem fails the tests that use it."""
    tracks = CONFIG["extra"]["leda"]["tracks"]
    return load_course(ROOT / "docs", ROOT / "quizzes", tracks, LANGUAGES, root=ROOT)


HEADINGS = {
    "sv": [
        "Varför det spelar roll",
        "Nyckelidéer",
        "I praktiken",
        "Reflektionsövningar",
        "Nyckelpunkter",
    ],
    "en": ["Why it matters", "Key ideas", "In practice", "Reflection exercises", "Key points"],
}


def body(module_id: str, lang: str) -> str:
    text = (ROOT / "docs" / "modules" / f"{module_id}.{lang}.md").read_text(encoding="utf-8")
    return split_front_matter(text)[1]


def words(markdown: str) -> int:
    return len(re.findall(r"[\wåäöÅÄÖé’'-]*[A-Za-zåäöÅÄÖé0-9][\wåäöÅÄÖé’'-]*", markdown))


UPSTREAM = [
    "from-control-to-trust",
    "passionate-leadership",
    "hidden-potential",
    "performance-environments",
    "engagement-and-stress",
    "planning-and-goals",
    "project-starts-and-finishes",
    "reflection-and-silence",
    "peer-learning-groups",
    "leadership-gym",
    "owning-your-coaching",
    "digital-and-personal-service",
    "needs-based-sales",
]


def test_the_course_has_all_thirteen_modules_in_four_tracks(course):
    # An organisation's own modules (./leda new-module) come on top of Leda's thirteen.
    assert set(UPSTREAM) <= set(course.modules) == set(MODULES)
    sizes = {
        t.id: len([m for m in course.track_modules(t.id) if m.id in UPSTREAM])
        for t in course.tracks
    }
    assert sizes == {"trust": 3, "performance": 4, "learning": 4, "customer": 2}


@pytest.mark.parametrize("module_id", MODULES)
def test_module_is_complete(course, module_id):
    module = course.modules[module_id]
    modes = {e.mode for e in module.exercises}
    assert len(module.exercises) >= 3 and "solo" in modes and modes & {"pair", "group"}
    assert module.sources, "every module credits its sources"
    assert 15 <= module.minutes <= 30
    quiz = module.quiz
    assert quiz is not None, "every module has a quiz"
    assert 6 <= len(quiz.questions) <= 10
    assert any(q.type == "scenario" for q in quiz.questions)
    assert quiz.scored_count >= 4
    for lang in ("sv", "en"):
        text = body(module_id, lang)
        count = words(text)
        assert 900 <= count <= 1600, f"{lang}: {count} words"
        positions = [text.find(f"## {h}\n") for h in HEADINGS[lang]]
        assert -1 not in positions and positions == sorted(positions), f"{lang}: anatomy order"
        assert text.count("/// facilitator") == 1


@pytest.fixture(scope="module")
def exercise_ids() -> dict[str, list[str]]:
    """Every exercise id in every module page's front matter, with the pages that have it.

    Read from the files, not through the course loader (which refuses duplicates),
    so the test below states the rule on its own.
    """
    found: dict[str, list[str]] = {}
    for path in sorted(MODULE_DIR.glob("*.md")):
        front = split_front_matter(path.read_text(encoding="utf-8"))[0]
        for exercise in (yaml.safe_load(front) or {}).get("exercises") or []:
            found.setdefault(exercise["id"], []).append(path.name)
    return found


def test_exercise_ids_are_unique_across_the_course(exercise_ids):
    assert len(exercise_ids) >= 3 * len(MODULES)
    shared = {
        eid: pages
        for eid, pages in exercise_ids.items()
        if len({page.split(".")[0] for page in pages}) > 1
    }
    assert shared == {}, "an exercise id is in more than one module"


@pytest.mark.parametrize("module_id", MODULES)
def test_swedish_typography(module_id):
    text = body(module_id, "sv")
    prose = re.sub(r"`[^`]*`|\]\([^)]*\)|\{[^}]*\}", "", text)
    assert '"' not in prose, "Swedish quotes are ”så här”"
    assert not re.search(r"\d \- \d|\w - \w", prose), "a dash – not a hyphen"
    assert not re.search(r"\b\d{4,}\b(?! ?(?:år|kr))", re.sub(r"\b(19|20)\d\d\b", "", prose)), (
        "numbers over 999 are written with a space: 6 000"
    )


def test_glossary_has_the_same_entries_in_both_languages():
    ids = {
        lang: re.findall(
            r"\{#([a-z-]+)\}", (ROOT / "docs" / f"glossary.{lang}.md").read_text("utf-8")
        )
        for lang in ("sv", "en")
    }
    assert ids["sv"] == ids["en"]
    for term in (
        "tillitsbaserad-styrning",
        "medarbetarskap",
        "utvecklande-ledarskap",
        "largrupp",
        "prestationsmiljo",
        "systematiskt-arbetsmiljoarbete",
        "bestallare",
    ):
        assert term in ids["sv"]


def test_modules_link_to_the_glossary():
    linked = [
        m for m in MODULES if "glossary.md#" in body(m, "sv") and "glossary.md#" in body(m, "en")
    ]
    assert len(linked) == len(MODULES)
