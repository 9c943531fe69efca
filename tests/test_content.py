"""The real course: every module complete in both languages, as module-anatomy.md asks."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from leda.course import load_course
from leda.yamlsource import split_front_matter
from mkdocs.utils.yaml import yaml_load

ROOT = Path(__file__).resolve().parent.parent
with open(ROOT / "mkdocs.yml", "rb") as config_file:  # MkDocs' loader knows `!ENV`
    CONFIG = yaml_load(config_file)
COURSE = load_course(ROOT / "docs", ROOT / "quizzes", CONFIG["extra"]["leda"]["tracks"], root=ROOT)
MODULES = sorted(COURSE.modules)
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


def test_the_course_has_all_thirteen_modules_in_four_tracks():
    # An organisation's own modules (./leda new-module) come on top of Leda's thirteen.
    assert set(UPSTREAM) <= set(MODULES)
    sizes = {
        t.id: len([m for m in COURSE.track_modules(t.id) if m.id in UPSTREAM])
        for t in COURSE.tracks
    }
    assert sizes == {"trust": 3, "performance": 4, "learning": 4, "customer": 2}


@pytest.mark.parametrize("module_id", MODULES)
def test_module_is_complete(module_id):
    module = COURSE.modules[module_id]
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


def test_exercise_ids_are_unique_across_the_course():
    ids = [e.id for m in COURSE.modules.values() for e in m.exercises]
    assert len(ids) == len(set(ids))


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
