"""Loading the whole course: pages in both languages, module front matter, blocks, quizzes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import LANGUAGES, edit
from leda.course import load_course
from leda.problems import CourseError

FIXTURE = Path(__file__).parent / "fixtures" / "course"
TRACKS = [
    {"id": "trust", "title": {"sv": "Leda med tillit", "en": "Leading with trust"}},
    {"id": "learning", "title": {"sv": "Lärande", "en": "Learning"}},
]


@pytest.fixture
def project(tmp_path) -> Path:
    shutil.copytree(FIXTURE, tmp_path, dirs_exist_ok=True)
    (tmp_path / "docs" / "index.sv.md").write_text("# Hej\n", encoding="utf-8")
    (tmp_path / "docs" / "index.en.md").write_text("# Hi\n", encoding="utf-8")
    return tmp_path


def load(project: Path):
    return load_course(project / "docs", project / "quizzes", TRACKS, LANGUAGES, root=project)


def problems_of(project: Path) -> list[str]:
    with pytest.raises(CourseError) as err:
        load(project)
    return [str(p) for p in err.value.problems]


SV = "docs/modules/sample-trust.sv.md"
EN = "docs/modules/sample-trust.en.md"


def test_the_fixture_course_loads(project):
    course = load(project)
    module = course.modules["sample-trust"]
    assert module.track == "trust" and module.minutes == 15
    assert [e.id for e in module.exercises] == ["trust-inventory", "trust-pair", "trust-group"]
    assert module.exercise("trust-group").group_size == "3–4"
    assert module.exercise("trust-pair").title == {
        "sv": "Samtal om tillit",
        "en": "A conversation about trust",
    }
    assert module.text["en"].title == "Sample module on trust"
    assert len(module.text["sv"].objectives) == 3
    assert [(s.id, s.publisher, s.date) for s in module.sources] == [
        ("kalmar-trust", "Kalmar kommunkoncern", "2022-02-18")
    ]
    assert [q.id for q in module.quiz.questions] == [
        "trust-meaning",
        "trust-levels",
        "trust-budget",
    ]
    assert [m.id for m in course.track_modules("trust")] == ["sample-trust"]
    assert course.track("learning").title["sv"] == "Lärande" and course.track("nope") is None
    assert module.question_ids == ["trust-meaning", "trust-levels", "trust-budget"]
    module.quiz = None
    assert module.question_ids == []


def test_missing_translation_names_the_file(project):
    (project / "docs" / "extra.sv.md").write_text("# Extra\n", encoding="utf-8")
    (project / "docs" / "index.en.md").unlink()
    assert problems_of(project) == [
        "docs/extra.sv.md:1: missing English version; create docs/extra.en.md with the same front matter ids",
        "docs/index.sv.md:1: missing English version; create docs/index.en.md with the same front matter ids",
    ]


def test_missing_swedish_version_too(project):
    (project / "docs" / "only.en.md").write_text("# Only\n", encoding="utf-8")
    assert problems_of(project) == [
        "docs/only.en.md:1: missing Swedish version; create docs/only.sv.md with the same front matter ids"
    ]


def test_page_without_language_suffix(project):
    (project / "docs" / "plain.md").write_text("# Plain\n", encoding="utf-8")
    assert problems_of(project) == [
        "docs/plain.md:1: page has no language in its name; rename it to plain.sv.md or plain.en.md"
    ]


def test_broken_module_front_matter_reports_each_problem(project):
    path = project / SV
    edit(path, "track: trust", "track: trusst")
    edit(path, "\nminutes: 15", "\nminutes: lots")
    edit(path, "  - id: ask-your-manager\n    text: formulera en fråga till din egen chef\n", "")
    edit(path, "    mode: pair", "    mode: trio")
    edit(path, "sources:", "colour: blue\nsources:")
    assert problems_of(project) == [
        f"{SV}:5: unknown track 'trusst'; use one of: learning, trust (tracks are listed under extra.leda.tracks in mkdocs.yml)",
        f"{SV}:7: `minutes` in the front matter must be a whole number from 1 to 600, not 'lots'",
        f"{SV}:8: `objectives` has 2 items; write 3 to 5",
        f"{SV}:21: `mode` in exercise 'trust-pair' is 'trio'; use one of: solo, pair, group",
        f"{SV}:30: unknown key `colour` in the front matter; allowed: commitments, description, exercises, hide, id, minutes, objectives, order, runs, search, sources, summary, title, topics, track",
    ]


def test_module_needs_required_fields(project):
    path = project / EN
    edit(
        path,
        "summary: A small module that the tests build. It shows how a module is put together.\n",
        "",
    )
    edit(path, "    minutes: 20\n", "")
    assert problems_of(project) == [
        f"{EN}:2: the front matter has no `summary:`; add it",
        f"{EN}:25: exercise 'trust-group' has no `minutes:`; add it",
    ]


def test_ids_must_match_between_languages(project):
    edit(project / EN, "id: trust-pair", "id: trust-pairs")
    edit(project / EN, "/// exercise | trust-pair", "/// exercise | trust-pairs")
    edit(project / EN, "minutes: 15\nobjectives", "minutes: 25\nobjectives")
    assert problems_of(project) == [
        f"{EN}:7: `minutes` is 25 here but 15 in {SV}; make them the same",
        f"{EN}:15: exercise ids ['trust-inventory', 'trust-pairs', 'trust-group'] differ from ['trust-inventory', 'trust-pair', 'trust-group'] in {SV}; use the same ids in the same order in every language",
    ]


def test_exercise_details_must_match_between_languages(project):
    edit(project / EN, "    group_size: 3-4", "    group_size: 5")
    assert problems_of(project) == [
        f"{EN}:15: exercise 'trust-group' has group_size '5' here but '3–4' in {SV}; make them the same"
    ]


def test_module_id_must_match_file_name(project):
    edit(project / SV, "id: sample-trust", "id: sample-trusty")
    assert problems_of(project) == [
        f"{SV}:2: id 'sample-trusty' does not match the file name 'sample-trust'; the id is the page's address, so rename the file or set `id: sample-trust`"
    ]


def test_dangling_and_missing_exercise_blocks(project):
    edit(project / SV, "/// exercise | trust-pair", "/// exercise | trust-par")
    assert problems_of(project) == [
        f"{SV}:15: exercise 'trust-pair' has no `/// exercise | trust-pair` block with its prompt in the page",
        f"{SV}:45: exercise 'trust-par' is not in the front matter's `exercises:`; add it there (id, title, mode, minutes) or fix the id",
    ]


def test_unclosed_and_unknown_blocks(project):
    edit(project / SV, "/// facilitator", "/// facilitators")
    text = (project / EN).read_text(encoding="utf-8")
    (project / EN).write_text(
        text.rstrip() + "\n\n/// exercise | trust-pair\nAgain\n", encoding="utf-8"
    )
    assert problems_of(project) == [
        f"{EN}:63: the `/// exercise` block is never closed; end it with `///`",
        f"{SV}:1: a module has one `/// facilitator` block (how to run it in a workshop); found 0",
        f"{SV}:53: unknown block `/// facilitators`; Leda knows `/// exercise | id` and `/// facilitator`",
    ]


def test_group_exercise_needs_group_size(project):
    edit(project / SV, "    group_size: 3-4\n", "")
    edit(project / EN, "    group_size: 3-4\n", "")
    problems = problems_of(project)
    assert problems == [
        f"{EN}:26: exercise 'trust-group' is group work; add `group_size:` (like 4 or \"3–6\")",
        f"{SV}:26: exercise 'trust-group' is group work; add `group_size:` (like 4 or \"3–6\")",
    ]


def test_sources_are_cited_by_id_from_sources_yml(project):
    edit(project / SV, "sources: [kalmar-trust]", "sources: [kalmar-trust, kalmar-trusty]")
    edit(
        project / "sources.yml",
        "  publisher: Kalmar kommunkoncern",
        "  publisher: Kalmar kommunkoncern\n  url: x",
    )
    assert problems_of(project) == [
        f"{SV}:32: unknown source 'kalmar-trusty'; add it to sources.yml (title, author, date) or use one of: kalmar-trust",
        "sources.yml:5: unknown key `url` in source 'kalmar-trust'; allowed: author, date, note, publisher, title",
    ]


def test_quiz_without_module(project):
    shutil.copy(
        project / "quizzes" / "sample-trust.yml", project / "quizzes" / "no-such-module.yml"
    )
    assert problems_of(project) == [
        "quizzes/no-such-module.yml:1: quiz for module 'no-such-module', which does not exist in both "
        "languages (needs docs/modules/no-such-module.sv.md and docs/modules/no-such-module.en.md); "
        "name the quiz file after an existing module id"
    ]


def test_the_same_exercise_id_in_two_modules_is_refused(project):
    modules = project / "docs" / "modules"
    for lang in LANGUAGES:
        text = (modules / f"sample-trust.{lang}.md").read_text(encoding="utf-8")
        (modules / f"another-trust.{lang}.md").write_text(
            text.replace("id: sample-trust", "id: another-trust"), encoding="utf-8"
        )
    also = "exercise ids are unique across the course (links and plans use them)"
    assert problems_of(project) == [
        f"{SV}:16: exercise id 'trust-inventory' is also used in module 'another-trust'; {also}",
        f"{SV}:21: exercise id 'trust-pair' is also used in module 'another-trust'; {also}",
        f"{SV}:26: exercise id 'trust-group' is also used in module 'another-trust'; {also}",
    ]
    # With ids of its own, the second module is welcome.
    for lang in LANGUAGES:
        path = modules / f"another-trust.{lang}.md"
        path.write_text(
            path.read_text(encoding="utf-8").replace("trust-", "other-"), encoding="utf-8"
        )
    assert sorted(load(project).modules) == ["another-trust", "sample-trust"]


def test_module_with_exercises_but_no_quiz_is_fine(project):
    (project / "quizzes" / "sample-trust.yml").unlink()
    assert load(project).modules["sample-trust"].quiz is None


def test_problems_in_pages_and_quizzes_come_together(project):
    (project / "docs" / "index.en.md").unlink()
    edit(project / "quizzes" / "sample-trust.yml", "type: multiple", "type: many")
    problems = problems_of(project)
    assert [p.split(":")[0] for p in problems] == ["docs/index.sv.md", "quizzes/sample-trust.yml"]


# --- Tracks: reported where they are written ---------------------------------------------

MKDOCS = """\
site_name: X
extra:
  leda:
    tracks:
      - id: trust
        title: {sv: Leda med tillit, en: Leading with trust}
      - id: learning
        title:
          sv: Lärande
          en: ""
      - just-a-name
"""


def tracks_problems(project: Path, config: str) -> list[str]:
    from conftest import load_config
    from leda.configfiles import ConfigFiles

    files = ConfigFiles(project / config, project)
    tracks = load_config(project / config)["extra"]["leda"]["tracks"]
    with pytest.raises(CourseError) as err:
        load_course(
            project / "docs", project / "quizzes", tracks, LANGUAGES, project, config_files=files
        )
    return [str(p) for p in err.value.problems]


def test_a_track_problem_is_reported_at_its_line_in_mkdocs_yml(project):
    (project / "mkdocs.yml").write_text(MKDOCS, encoding="utf-8")
    assert tracks_problems(project, "mkdocs.yml") == [
        "mkdocs.yml:10: track 'learning' has no title in en",
        "mkdocs.yml:11: track 'just-a-name' needs `id:` and `title:` with sv and en",
    ]


def test_a_track_problem_is_reported_where_an_organisation_yml_writes_it(project):
    (project / "mkdocs.yml").write_text(MKDOCS.replace('""', "Learning"), encoding="utf-8")
    (project / "organisation.yml").write_text(
        "INHERIT: mkdocs.yml\nextra:\n  leda:\n    brand:\n      name: Vårt\n",
        encoding="utf-8",
    )
    # Inherited from mkdocs.yml: reported there, though organisation.yml is built.
    assert tracks_problems(project, "organisation.yml") == [
        "mkdocs.yml:11: track 'just-a-name' needs `id:` and `title:` with sv and en"
    ]
    # Written in organisation.yml (its list replaces mkdocs.yml's): reported there.
    (project / "organisation.yml").write_text(
        "INHERIT: mkdocs.yml\nextra:\n  leda:\n    tracks:\n"
        "      - id: trust\n        title: {sv: Tillit, en: Trust}\n"
        "      - id: learning\n        title: {sv: Lärande}\n",
        encoding="utf-8",
    )
    assert tracks_problems(project, "organisation.yml") == [
        "organisation.yml:8: track 'learning' has no title in en"
    ]
