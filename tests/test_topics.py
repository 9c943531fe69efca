"""Topics (hooks/leda/topics.py): topics.yml, the modules' and exercises' topics, related modules.

Tiny inputs: a topics.yml written here, and the fixture course (one module,
sample-trust) with a second module copied from it, so a topic can have two.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import LANGUAGES, edit
from leda.course import load_course
from leda.problems import CourseError, Problems
from leda.topics import load_topics, related

FIXTURE = Path(__file__).parent / "fixtures" / "course"
TRACKS = [{"id": "trust", "title": {"sv": "Leda med tillit", "en": "Leading with trust"}}]

TOPICS = """\
- id: trust
  name: {sv: Tillit, en: Trust}
  description:
    sv: Hur du bygger tillit.
    en: How you build trust.
  glossary: tillit
- id: coaching
  name: {sv: Coachning, en: Coaching}
  description: {sv: Hur du coachar., en: How you coach.}
"""
GLOSSARY = {
    "sv": "# Ordlista\n\n### Tillit {#tillit}\n\nText.\n",
    "en": "# Glossary\n\n### Trust {#tillit}\n\nText.\n",
}
SV = "docs/modules/sample-trust.sv.md"
EN = "docs/modules/sample-trust.en.md"
OTHER_SV = "docs/modules/other.sv.md"


def tag(path: Path, module: str, exercises: dict[str, str]) -> None:
    """Module topics after `track:`, each exercise's after its `- id:` line."""
    edit(path, "track: trust\n", f"track: trust\ntopics: [{module}]\n")
    for eid, topics in exercises.items():
        edit(path, f"  - id: {eid}\n", f"  - id: {eid}\n    topics: [{topics}]\n")


@pytest.fixture
def project(tmp_path) -> Path:
    """Two tagged modules (sample-trust, other) that both list trust and coaching."""
    shutil.copytree(FIXTURE, tmp_path, dirs_exist_ok=True)
    docs = tmp_path / "docs"
    for lang in LANGUAGES:
        (docs / f"index.{lang}.md").write_text("# Hi\n", encoding="utf-8")
        (docs / f"glossary.{lang}.md").write_text(GLOSSARY[lang], encoding="utf-8")
        src = docs / "modules" / f"sample-trust.{lang}.md"
        text = src.read_text(encoding="utf-8").replace("id: sample-trust", "id: other")
        text = text.replace("trust-", "other-").replace("order: 1", "order: 2")
        (docs / "modules" / f"other.{lang}.md").write_text(text, encoding="utf-8")
        tag(src, "trust, coaching", {"trust-inventory": "trust", "trust-pair": "coaching, trust"})
        tag(docs / "modules" / f"other.{lang}.md", "coaching, trust", {"other-group": "coaching"})
    (tmp_path / "topics.yml").write_text(TOPICS, encoding="utf-8")
    return tmp_path


def line(project: Path, path: str, text: str) -> int:
    """The number of the first line of ``path`` that contains ``text``."""
    lines = (project / path).read_text(encoding="utf-8").splitlines()
    return next(n for n, found in enumerate(lines, 1) if text in found)


def load(project: Path):
    return load_course(project / "docs", project / "quizzes", TRACKS, LANGUAGES, root=project)


def problems_of(project: Path) -> list[str]:
    with pytest.raises(CourseError) as err:
        load(project)
    return [str(p) for p in err.value.problems]


def test_topics_load_with_the_course(project):
    course = load(project)
    assert list(course.topics) == ["trust", "coaching"]
    trust = course.topics["trust"]
    assert trust.name == {"sv": "Tillit", "en": "Trust"} and trust.line == 1
    assert trust.term == {"sv": "Tillit", "en": "Trust"}  # the glossary's headings
    module = course.modules["sample-trust"]
    assert module.topics == ["trust", "coaching"]
    assert module.exercise("trust-pair").topics == ["coaching", "trust"]
    assert module.exercise("trust-group").topics == []
    assert [m.id for m in course.topic_modules("coaching")] == ["sample-trust", "other"]
    assert [e.id for e in course.topic_exercises("coaching")] == ["trust-pair", "other-group"]
    assert [t.id for t in course.listed_topics()] == ["trust", "coaching"]


def test_a_course_without_topics_needs_no_topics_file(tmp_path):
    shutil.copytree(FIXTURE, tmp_path, dirs_exist_ok=True)
    for lang in LANGUAGES:
        (tmp_path / "docs" / f"index.{lang}.md").write_text("# Hi\n", encoding="utf-8")
    course = load(tmp_path)
    assert course.topics == {} and course.listed_topics() == []


def test_an_unknown_topic_is_reported_where_it_is_named_with_a_guess(project):
    edit(project / SV, "topics: [trust, coaching]", "topics: [trust, coachng]")
    edit(project / EN, "topics: [trust, coaching]", "topics: [trust, coachng]")
    edit(project / SV, "    topics: [coaching, trust]", "    topics: [coaching, feedback]")
    edit(project / EN, "    topics: [coaching, trust]", "    topics: [coaching, feedback]")
    assert problems_of(project) == [
        f"{SV}:6: unknown topic 'coachng' in module 'sample-trust'; did you mean `coaching`? "
        "(topics are listed in topics.yml)",
        f"{SV}:{line(project, SV, 'feedback')}: unknown topic 'feedback' in exercise "
        "'trust-pair' (topics are listed in topics.yml)",
        # and what follows from the first: only one module lists coaching now
        "topics.yml:7: topic 'coaching': only module 'other' lists it; a topic needs at least "
        "2 modules that list it in their `topics:` (exercises do not count): add it to another "
        "module or remove the topic",
    ]


def test_topics_without_a_topics_file_are_unknown(project):
    (project / "topics.yml").unlink()
    found = problems_of(project)
    assert (
        f"{SV}:6: unknown topic 'trust' in module 'sample-trust' (there is no topics.yml; "
        "create it)"
    ) in found
    assert len(found) == 2 * 2 + 4  # two module lists of two, four exercise topics


def test_a_topic_needs_two_modules_and_exercises_do_not_count(project):
    for lang in LANGUAGES:
        edit(project / "docs" / "modules" / f"other.{lang}.md", "[coaching, trust]", "[trust]")
    assert problems_of(project) == [
        "topics.yml:7: topic 'coaching': only module 'sample-trust' lists it; a topic needs at "
        "least 2 modules that list it in their `topics:` (exercises do not count): add it to "
        "another module or remove the topic"
    ]
    for lang in LANGUAGES:
        edit(
            project / "docs" / "modules" / f"sample-trust.{lang}.md", "[trust, coaching]", "[trust]"
        )
    assert "no module lists it" in problems_of(project)[0]


def test_an_exercise_may_name_a_topic_its_module_does_not_list(project):
    for lang in LANGUAGES:
        edit(
            project / "docs" / "modules" / f"other.{lang}.md",
            "[coaching, trust]",
            "[coaching, trust]",
        )
        edit(
            project / "docs" / "modules" / f"other.{lang}.md",
            "    topics: [coaching]",
            "    topics: [trust]",
        )
        edit(
            project / "docs" / "modules" / f"other.{lang}.md",
            "topics: [coaching, trust]",
            "topics: [coaching]",
        )
        edit(
            project / "docs" / "modules" / f"sample-trust.{lang}.md",
            "topics: [trust, coaching]",
            "topics: [trust, coaching]",
        )
    # trust is now listed by one module only: the exercise in `other` does not count.
    assert problems_of(project)[0].startswith(
        "topics.yml:1: topic 'trust': only module 'sample-trust'"
    )


def test_a_module_lists_its_topics(project):
    for lang in LANGUAGES:
        edit(project / "docs" / "modules" / f"other.{lang}.md", "topics: [coaching, trust]\n", "")
    found = problems_of(project)
    assert found[0] == (
        f"{OTHER_SV}:2: module 'other' lists no topics; add `topics: [..]` (ids from topics.yml) "
        "on the line after `track:`"
    )


def test_the_languages_name_the_same_topics(project):
    edit(project / EN, "topics: [trust, coaching]", "topics: [coaching, trust]")
    edit(project / EN, "    topics: [coaching, trust]", "    topics: [coaching]")
    assert problems_of(project) == [
        f"{EN}:6: `topics` is ['coaching', 'trust'] here but ['trust', 'coaching'] in {SV}; "
        "make them the same",
        f"{EN}:{line(project, EN, 'exercises:')}: exercise 'trust-pair' has topics ['coaching'] here but ['coaching', 'trust'] "
        f"in {SV}; make them the same",
    ]


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("topics: trust", "`topics` in the front matter is a list of topic ids from topics.yml"),
        ("topics: []", "`topics` in the front matter is a list of topic ids from topics.yml"),
        ("topics: [trust, trust]", "topic 'trust' is twice in `topics` of the front matter"),
        ("topics: [Trust Me]", "item 1 of `topics` in the front matter must be a topic id"),
        ("topcs: [trust]", "unknown key `topcs` in the front matter; did you mean `topics`?"),
    ],
)
def test_a_wrong_shape_in_front_matter(project, written, message):
    edit(project / SV, "topics: [trust, coaching]", written)
    found = problems_of(project)
    assert found[0].startswith(f"{SV}:6: {message}"), found
    assert len(found) == 1  # a broken module's topics are not counted (no follow-on problems)


def test_every_problem_of_topics_yml_at_once(project):
    (project / "topics.yml").write_text(
        """\
- id: trust
  name: {sv: Tillit}
  description: {sv: Hur du bygger tillit., en: How you build trust.}
  glossary: tilit
- id: coaching
  name: {sv: Coachning, en: Coaching}
  descripton: {sv: Hur du coachar., en: How you coach.}
- id: coaching
  name: {sv: Coachning, en: Coaching}
  description: {sv: Hur du coachar., en: How you coach.}
- id: Bad Id
  name: {sv: X, en: X}
  description: {sv: X., en: X.}
- just a word
""",
        encoding="utf-8",
    )
    # Every problem at once, where it is written; the modules that name the broken
    # topics (trust, coaching) are not also told that those do not exist.
    assert problems_of(project) == [
        "topics.yml:2: `name` in topic 'trust' has no `en:` text; add the English text",
        "topics.yml:5: topic 'coaching' has no `description:`; add a one-sentence description "
        "in every language: `sv:`, `en:`",
        "topics.yml:7: unknown key `descripton` in topic 'coaching'; did you mean `description`?",
        "topics.yml:8: duplicate topic id 'coaching' (also on line 5); give each topic its own "
        "id or merge the two",
        "topics.yml:11: `id` in topic 4 is 'Bad Id'; use lower-case letters, digits and "
        "hyphens (like `trust-pair`)",
        "topics.yml:14: topic 5 must be a mapping of `key: value` lines, not the text "
        "'just a word'",
    ]


def test_a_duplicate_id_and_a_missing_glossary_anchor(project):
    (project / "topics.yml").write_text(
        TOPICS.replace("glossary: tillit", "glossary: tilit")
        + "- id: trust\n  name: {sv: T, en: T}\n  description: {sv: T., en: T.}\n",
        encoding="utf-8",
    )
    assert problems_of(project) == [
        "topics.yml:1: topic 'trust': no glossary term with the anchor 'tilit' in "
        "docs/glossary.en.md; did you mean `tillit`? (anchors are written `### Term {#anchor}`)",
        "topics.yml:1: topic 'trust': no glossary term with the anchor 'tilit' in "
        "docs/glossary.sv.md; did you mean `tillit`? (anchors are written `### Term {#anchor}`)",
        "topics.yml:10: duplicate topic id 'trust' (also on line 1); give each topic its own id "
        "or merge the two",
    ]


def test_a_glossary_anchor_needs_the_glossary_pages(project):
    (project / "docs" / "glossary.en.md").unlink()
    (project / "docs" / "glossary.sv.md").unlink()
    found = problems_of(project)
    assert found == [
        "topics.yml:1: topic 'trust' names the glossary term 'tillit', but there is no "
        "docs/glossary.en.md; add the page or remove `glossary:`",
        "topics.yml:1: topic 'trust' names the glossary term 'tillit', but there is no "
        "docs/glossary.sv.md; add the page or remove `glossary:`",
    ]


def test_topics_yml_is_a_list(tmp_path):
    path = tmp_path / "topics.yml"
    path.write_text("trust:\n  name: Tillit\n", encoding="utf-8")
    problems = Problems()
    assert load_topics(path, "topics.yml", LANGUAGES, problems) == {}
    assert [str(p) for p in problems] == [
        "topics.yml:1: topics.yml is a list of topics, each starting with `- id:` (then name, "
        "description and, optionally, glossary)"
    ]


def module(mid: str, *topics: str):
    return SimpleNamespace(id=mid, topics=list(topics))


def test_related_modules_rank_by_shared_topics_then_course_order():
    me = module("me", "a", "b", "c")
    course = [
        module("one", "a"),
        me,
        module("two", "a", "b"),
        module("none", "x"),
        module("three", "c"),
        module("four", "a", "b", "c"),
        module("five", "b"),
    ]
    assert [m.id for m in related(course, me)] == ["four", "two", "one"]
    assert [m.id for m in related(course, me, limit=10)] == ["four", "two", "one", "three", "five"]
    assert related(course, module("alone", "x", "y")) == [course[3]]
    assert related(course, module("nothing")) == []


def test_related_modules_in_the_real_course():
    from conftest import CONFIG, ROOT

    course = load_course(
        ROOT / "docs", ROOT / "quizzes", CONFIG["extra"]["leda"]["tracks"], LANGUAGES, root=ROOT
    )
    trust = course.modules["from-control-to-trust"]
    # planning-and-goals shares two topics (priorities, employeeship); the others one each,
    # in course order: passionate-leadership (trust track) before the performance track.
    assert [m.id for m in course.related(trust)] == [
        "planning-and-goals",
        "passionate-leadership",
        "project-starts-and-finishes",
    ]
    assert len(course.topics) == 21
    assert all(len(course.topic_modules(t)) >= 2 for t in course.topics)
