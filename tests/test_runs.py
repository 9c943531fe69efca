"""A module's facilitator runs: `runs:` in its front matter, checked like the plans.

The runs are blocks (intro, discussion, break, close, or one of the module's own
exercises) that add up to the run's length, with a break in a run over 90 minutes
and the same blocks in both languages; problems are `path:line`, all at once. The
module's facilitator section and its guide show them with times from the start,
each with a link that opens it in the composer.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import CONFIG, LANGUAGES, ROOT, edit
from htmlscan import tags
from leda.course import load_course
from leda.plans import LONG, RUNS, load_plans
from leda.problems import CourseError

FIXTURE = Path(__file__).parent / "fixtures" / "course"
TRACKS = [
    {"id": t, "title": {"sv": t, "en": t}} for t in ("trust", "performance", "learning", "customer")
]
SV = "docs/modules/sample-trust.sv.md"
EN = "docs/modules/sample-trust.en.md"

# The fixture module's runs, written into a copy of the fixture (tests/fixtures stays
# as other tests' line numbers expect it): after `exercises:`, before `sources:`.
FIXTURE_RUNS = {
    "sv": """runs:
  - minutes: 45
    blocks:
      - kind: intro
        minutes: 5
        title: När litade någon på dig?
      - exercise: trust-inventory
      - exercise: trust-pair
        note: Byt roller efter halva tiden.
      - kind: discussion
        minutes: 10
        title: Vad tar vi med oss?
      - kind: close
        minutes: 5
        title: Ett steg var
  - minutes: 120
    blocks:
      - kind: intro
        minutes: 10
        title: När litade någon på dig?
      - exercise: trust-inventory
      - exercise: trust-pair
      - kind: break
        minutes: 15
      - exercise: trust-group
        minutes: 40
      - kind: discussion
        minutes: 20
        title: Vad tar vi med oss?
      - kind: close
        minutes: 10
        title: Ett steg var
""",
    "en": """runs:
  - minutes: 45
    blocks:
      - kind: intro
        minutes: 5
        title: When did someone trust you?
      - exercise: trust-inventory
      - exercise: trust-pair
        note: Swap roles halfway.
      - kind: discussion
        minutes: 10
        title: What do we take with us?
      - kind: close
        minutes: 5
        title: One step each
  - minutes: 120
    blocks:
      - kind: intro
        minutes: 10
        title: When did someone trust you?
      - exercise: trust-inventory
      - exercise: trust-pair
      - kind: break
        minutes: 15
      - exercise: trust-group
        minutes: 40
      - kind: discussion
        minutes: 20
        title: What do we take with us?
      - kind: close
        minutes: 10
        title: One step each
""",
}


@pytest.fixture
def project(tmp_path) -> Path:
    shutil.copytree(FIXTURE, tmp_path, dirs_exist_ok=True)
    for lang, runs in FIXTURE_RUNS.items():
        edit(
            tmp_path / f"docs/modules/sample-trust.{lang}.md",
            "\nsources:",
            "\n" + runs + "sources:",
        )
    return tmp_path


def load(project: Path):
    course = load_course(project / "docs", project / "quizzes", TRACKS, LANGUAGES, root=project)
    load_plans(project / "docs", course, project, LANGUAGES)
    return course


def problems_of(project: Path) -> list[str]:
    with pytest.raises(CourseError) as err:
        load(project)
    return [str(p) for p in err.value.problems]


def both(project: Path, old: str, new: str) -> None:
    edit(project / SV, old, new)
    edit(project / EN, old, new)


def test_the_fixture_runs_load_with_both_languages_titles(project):
    module = load(project).modules["sample-trust"]
    assert [r.minutes for r in module.runs] == [45, 120]
    short, long = module.runs
    assert [b.kind for b in short.blocks] == [
        "intro",
        "exercise",
        "exercise",
        "discussion",
        "close",
    ]
    assert [b.minutes for b in short.blocks] == [5, 10, 15, 10, 5]  # an exercise's own by default
    assert short.blocks[0].title == {
        "sv": "När litade någon på dig?",
        "en": "When did someone trust you?",
    }
    assert short.blocks[2].note == {
        "sv": "Byt roller efter halva tiden.",
        "en": "Swap roles halfway.",
    }
    assert [(s.start, s.end) for s in long.agenda][-3:] == [
        ("0:50", "1:30"),
        ("1:30", "1:50"),
        ("1:50", "2:00"),
    ]
    assert long.blocks[4].minutes == 40  # the run's own minutes for the exercise


def test_a_run_must_add_up_to_its_length(project):
    edit(
        project / SV,
        "        minutes: 10\n        title: Vad",
        "        minutes: 15\n        title: Vad",
    )
    edit(
        project / EN,
        "        minutes: 10\n        title: What",
        "        minutes: 15\n        title: What",
    )
    assert problems_of(project) == [
        f"{EN}:33: the blocks of the 45-minute run add up to 50 minutes but `minutes` says 45; "
        "change a block's minutes or the run's length",
        f"{SV}:33: the blocks of the 45-minute run add up to 50 minutes but `minutes` says 45; "
        "change a block's minutes or the run's length",
    ]


def test_a_run_over_90_minutes_needs_a_break(project):
    both(
        project,
        "      - kind: break\n        minutes: 15\n",
        "      - kind: discussion\n        minutes: 15\n        title: Paus för samtal\n",
    )
    assert problems_of(project) == [
        f"{EN}:48: the 120-minute run runs 120 minutes but has no break; add `- kind: break` "
        f"(a session over {LONG} minutes needs one)",
        f"{SV}:48: the 120-minute run runs 120 minutes but has no break; add `- kind: break` "
        f"(a session over {LONG} minutes needs one)",
    ]


def test_a_run_uses_the_module_s_own_exercises(project):
    both(project, "      - exercise: trust-group\n", "      - exercise: trust-grup\n")
    message = (
        ":56: exercise 'trust-grup' in block 5 of the 120-minute run is not one of this "
        "module's exercises; use an id from its `exercises:` (trust-inventory, trust-pair, "
        "trust-group)"
    )
    assert problems_of(project) == [EN + message, SV + message]


def test_the_languages_must_have_the_same_runs(project):
    edit(project / EN, "        minutes: 40\n", "        minutes: 35\n")
    edit(
        project / EN,
        "        minutes: 20\n        title: What",
        "        minutes: 25\n        title: What",
    )
    assert problems_of(project) == [
        f"{EN}:32: the runs of module 'sample-trust' differ from {SV} in their lengths or blocks; "
        "every language has the same runs with the same blocks in the same order and the same "
        "minutes (only `title:` and `note:` are translated)"
    ]


def test_every_problem_at_once_with_the_plans_problems(project):
    # In one language: a misspelt key, a block without a title, a second 45-minute run,
    # a kind that does not exist; and a plan that no longer adds up.
    edit(project / SV, "  - minutes: 120\n    blocks:", "  - minutes: 45\n    blocks:")
    edit(
        project / SV,
        "      - kind: close\n        minutes: 5\n        title: Ett steg var\n",
        "      - kind: close\n        minutes: 5\n",
    )
    edit(
        project / SV,
        "      - exercise: trust-pair\n        note:",
        "      - exercise: trust-pair\n        nte:",
    )
    edit(
        project / SV,
        "      - kind: break\n        minutes: 15\n",
        "      - kind: paus\n        minutes: 15\n",
    )
    edit(project / "docs/plans/trust-60.sv.md", "minutes: 60", "minutes: 65")
    found = problems_of(project)
    assert found == [
        f"{SV}:40: unknown key `nte` in block 3 of the 45-minute run; did you mean `note`?",
        f"{SV}:44: block 5 of the 45-minute run (close) has no `title:`; say what happens in it",
        f"{SV}:46: module 'sample-trust' has two 45-minute runs (lines 33 and 46); "
        "keep one run per length",
        f"{SV}:53: `kind` in block 4 of the 45-minute run is 'paus'; "
        "use one of: intro, discussion, break, close",
        "docs/plans/trust-60.sv.md:4: the blocks of plan 'trust-60' add up to 60 minutes but "
        "`minutes` says 65; change a block's minutes or the plan's length",
    ], found


def test_runs_are_optional_and_a_run_is_a_mapping(project):
    text = (project / SV).read_text(encoding="utf-8")
    start, end = text.index("runs:\n"), text.index("sources:")
    for lang in ("sv", "en"):
        path = project / f"docs/modules/sample-trust.{lang}.md"
        own = path.read_text(encoding="utf-8")
        path.write_text(
            own[: own.index("runs:\n")] + own[own.index("sources:") :], encoding="utf-8"
        )
    assert load(project).modules["sample-trust"].runs == []
    assert start < end
    edit(project / SV, "sources:", "runs:\n  - 45\nsources:")
    assert problems_of(project) == [
        f"{SV}:33: run 1 must be a mapping of `key: value` lines, not 45"
    ]


# --- The course's own runs ------------------------------------------------------------


@pytest.fixture(scope="module")
def course():
    course = load_course(
        ROOT / "docs", ROOT / "quizzes", CONFIG["extra"]["leda"]["tracks"], LANGUAGES, root=ROOT
    )
    load_plans(ROOT / "docs", course, ROOT, LANGUAGES)
    return course


def test_every_module_has_its_45_90_and_120_minute_runs(course):
    assert len(course.modules) == 13
    for module in course.modules.values():
        assert tuple(r.minutes for r in module.runs) == RUNS, module.id
        for run in module.runs:
            assert sum(b.minutes for b in run.blocks) == run.minutes, (module.id, run.minutes)
            assert run.minutes <= LONG or any(b.kind == "break" for b in run.blocks)
            assert run.exercises and {e.id for e in run.exercises} <= {
                e.id for e in module.exercises
            }
            for block in run.blocks:
                if not block.exercise and block.kind != "break":
                    assert set(block.title) == set(LANGUAGES), (module.id, run.minutes, block)


def test_the_facilitator_notes_no_longer_repeat_the_runs(course):
    """The runs are data; the notes keep the advice, not a second minute-by-minute agenda."""
    for module in course.modules.values():
        for lang in LANGUAGES:
            notes = module.text[lang].facilitator
            assert not re.search(r"^#+ *(45|90|120) (minuter|minutes)", notes, re.M), module.id
            assert not re.search(r"^\s*- \**\d+ min\b", notes, re.M), (module.id, lang)
            assert re.search(r"^#### (Fallgropar|Pitfalls)", notes, re.M), (module.id, lang)


def test_runs_keep_swedish_typography(course):
    for module in course.modules.values():
        for run in module.runs:
            for block in run.blocks:
                for text in (block.title.get("sv", ""), block.note.get("sv", "")):
                    assert '"' not in text and "“" not in text and " - " not in text, text


# --- The built pages --------------------------------------------------------------------


def composer_links(html: str) -> list[str]:
    return [
        t.attrs["href"]
        for t in tags(html)
        if t.name == "a" and "composer/?" in t.attrs.get("href", "")
    ]


def test_the_module_s_facilitator_section_shows_its_runs(real_site):
    for prefix, intro in (
        ("", "När litade någon på dig senast?"),
        ("en/", "When did someone last trust you?"),
    ):
        html = real_site.html(f"{prefix}modules/from-control-to-trust/index.html")
        start = html.index('class="leda-facilitator"')
        section = html[start : html.index("</details>", start)]
        assert section.count('class="leda-agenda"') == 3
        assert "0:00–0:05" in section and "1:55–2:00" in section and intro in section
        assert 'href="#trust-budget-lock"' in section  # the exercises on the same page
        links = composer_links(section)
        assert len(links) == 3
        assert links[0].startswith("../../composer/?title=")
        assert "&start=09:00&length=45&items=intro-5:" in links[0]
        assert ",trust-control-inventory,trust-handover-coaching,close-5:" in links[0]
        assert "length=120" in links[2] and ",break-10," in links[2]
        # The author's notes follow, once, without a minute-by-minute agenda of their own.
        notes = "Fallgropar" if not prefix else "Pitfalls"
        assert section.count(notes) == 1
        assert 'id="45-minuter"' not in section and 'id="45-minutes"' not in section


def test_the_guide_shows_the_author_s_runs_and_nothing_generated(real_site, fixture_site):
    for prefix in ("", "en/"):
        html = real_site.html(f"{prefix}modules/from-control-to-trust/guide/index.html")
        for length in (45, 90, 120):
            assert f'id="leda-run-{length}"' in html
        assert html.count('class="leda-agenda"') == 1 + 3
        assert 'href="../#trust-budget-lock"' in html
        links = composer_links(html)
        assert [re.search(r"length=(\d+)", link)[1] for link in links] == ["45", "90", "120"]
        assert all(link.startswith("../../../composer/?") for link in links)
        # A module without runs gets no agenda made up for it.
        fixture = fixture_site.html(f"{prefix}modules/sample-trust/guide/index.html")
        assert 'id="leda-runs"' not in fixture and fixture.count('class="leda-agenda"') == 1


def test_every_real_module_and_guide_has_its_runs_and_composer_links(real_site):
    for module in ("hidden-potential", "reflection-and-silence"):
        for prefix in ("", "en/"):
            page = real_site.html(f"{prefix}modules/{module}/index.html")
            guide = real_site.html(f"{prefix}modules/{module}/guide/index.html")
            for html in (page, guide):
                assert len(composer_links(html)) == 3
                assert "–2:00</td>" in html and "0:00–0:" in html


def test_module_pages_load_no_composer_code(real_site):
    """The runs are static HTML: the composer's script and style load on its page only."""
    for prefix in ("", "en/"):
        page = real_site.html(f"{prefix}modules/from-control-to-trust/index.html")
        assert "composer.js" not in page and "composer.css" not in page
        composer = real_site.html(f"{prefix}composer/index.html")
        assert "assets/leda/composer.js" in composer and "assets/leda/composer.css" in composer
