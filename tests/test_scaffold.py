"""``./leda new-module``: a new module that builds as it is and says what to fill in (issue 8)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import LANGUAGES, make_project, run_build
from leda.course import load_course
from leda.problems import CourseError
from leda.scaffold import load_config, main

HOOKS = Path(__file__).resolve().parent.parent / "hooks"


def tracks(project: Path):
    return load_config(project / "mkdocs.yml")["extra"]["leda"]["tracks"]


def scaffold(project: Path, *args: str) -> subprocess.CompletedProcess:
    """Run the scaffold as ./leda new-module does (PYTHONPATH=hooks, -m leda.scaffold)."""
    return subprocess.run(
        [sys.executable, "-m", "leda.scaffold", "--root", str(project), *args],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(HOOKS), "PATH": "/usr/bin:/bin"},
        timeout=60,
    )


@pytest.fixture
def project(tmp_path) -> Path:
    return make_project(tmp_path, fixture="course")


def test_the_new_module_builds_in_both_languages_and_says_what_to_fill_in(project, tmp_path):
    done = scaffold(project, "our-leadership", "--track", "learning")
    assert done.returncode == 0, done.stderr
    for path in (
        "docs/modules/our-leadership.sv.md",
        "docs/modules/our-leadership.en.md",
        "quizzes/our-leadership.yml",
    ):
        assert (project / path).exists()
        assert path in done.stdout
    assert "a source entry added to sources.yml" in done.stdout
    assert "Fill in every text that ends in (fyll i) or (fill in)" in done.stdout
    course = load_course(
        project / "docs", project / "quizzes", tracks(project), LANGUAGES, root=project
    )
    module = course.modules["our-leadership"]
    assert module.track == "learning" and module.order == 1
    assert [e.mode for e in module.exercises] == ["solo", "pair", "group"]
    assert len(module.quiz.questions) == 6 and module.quiz.questions[-1].type == "scenario"
    assert [s.id for s in module.sources] == ["our-leadership"]
    build = run_build(project, tmp_path / "site")
    assert build.code == 0, build.log
    for prefix in ("", "en/"):
        page = build.html(f"{prefix}modules/our-leadership/index.html")
        assert 'id="our-leadership-reflection"' in page
        assert (build.site / prefix / "modules" / "our-leadership" / "quiz" / "index.html").exists()
    assert "Modulens titel (fyll i)" in build.html("course/index.html")
    assert "The module's title (fill in)" in build.html("en/course/index.html")


def test_emptied_required_fields_fail_validation_with_clear_messages(project):
    assert main(["--root", str(project), "our-leadership", "--track", "trust"]) == 0
    sv = project / "docs" / "modules" / "our-leadership.sv.md"
    lines = sv.read_text(encoding="utf-8").splitlines()
    assert lines[2].startswith("title: ") and lines[3].startswith("summary: ")
    assert lines[8] == "objectives:" and lines[9].startswith("  - ")
    lines[2] = "title: ''"  # emptied
    lines[3] = "summary:"  # emptied
    lines[8:15] = ["objectives: []"]  # the three objectives (id and text) removed
    text = "\n".join(lines).replace("sources: [our-leadership]", "sources: []")
    prompt = (
        "Uppgiften till övningen – så att den fungerar både vid skrivbordet och i en grupp (fyll i)"
    )
    sv.write_text(text.replace(prompt, "", 1) + "\n", encoding="utf-8")
    quiz = project / "quizzes" / "our-leadership.yml"
    quiz.write_text(
        quiz.read_text(encoding="utf-8").replace("sv: Fråga 1 (fyll i)", "sv: ''"),
        encoding="utf-8",
    )
    with pytest.raises(CourseError) as err:
        load_course(project / "docs", project / "quizzes", tracks(project), LANGUAGES, root=project)
    found = [str(p) for p in err.value.problems]
    shown = "docs/modules/our-leadership.sv.md"
    for expected in (
        f"{shown}:3: `title` in the front matter must be a non-empty text",
        f"{shown}:4: `summary` in the front matter must be a non-empty text",
        f"{shown}:9: `objectives` in the front matter is empty; add at least one item",
        "quizzes/our-leadership.yml:11: `prompt.sv` in question 'question-1' is empty; "
        "write the Swedish text",
    ):
        assert expected in found, found
    assert any(p.startswith(shown) and "`sources` in the front matter is empty" in p for p in found)
    assert any(
        p.startswith(shown) and "exercise 'our-leadership-reflection' has no prompt" in p
        for p in found
    ), found


def test_the_scaffold_refuses_what_would_not_work(project):
    bad_id = scaffold(project, "Our_Way", "--track", "trust")
    assert bad_id.returncode == 1
    assert "'Our_Way' cannot be a module id; use lower-case letters" in bad_id.stderr
    bad_track = scaffold(project, "our-way", "--track", "trusst")
    assert "unknown track 'trusst'; did you mean 'trust'?" in bad_track.stderr
    taken = scaffold(project, "sample-trust", "--track", "trust")
    assert "docs/modules/sample-trust.sv.md already exists" in taken.stderr
    unknown_source = scaffold(project, "our-way", "--track", "trust", "--source", "nope")
    assert "unknown source nope; add it to sources.yml first" in unknown_source.stderr
    assert not (project / "docs" / "modules" / "our-way.sv.md").exists()
    cited = scaffold(project, "our-way", "--track", "trust", "--source", "kalmar-trust")
    assert cited.returncode == 0, cited.stderr
    assert "sources: [kalmar-trust]" in (project / "docs/modules/our-way.sv.md").read_text("utf-8")
    assert "our-way:" not in (project / "sources.yml").read_text(encoding="utf-8")
    assert "order: 2" in (project / "docs/modules/our-way.en.md").read_text("utf-8")  # after 1


def test_a_new_module_left_off_the_publish_list_is_pointed_out(project):
    (project / "organisation.yml").write_text(
        "INHERIT: mkdocs.yml\nextra:\n  leda:\n    publish:\n      modules: [sample-trust]\n",
        encoding="utf-8",
    )
    done = scaffold(project, "our-way", "--track", "trust", "--config", "organisation.yml")
    assert done.returncode == 0, done.stderr
    assert "Add 'our-way' to extra.leda.publish.modules in organisation.yml" in done.stdout
