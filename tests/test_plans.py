"""Workshop plans: the agenda, the checks, the composer's address, and the built pages."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import LANGUAGES, edit
from htmlscan import tags
from leda.course import Exercise, load_course
from leda.plans import Block, agenda, composer_query, load_plans
from leda.problems import CourseError

FIXTURE = Path(__file__).parent / "fixtures" / "course"
TRACKS = [
    {"id": t, "title": {"sv": t, "en": t}} for t in ("trust", "performance", "learning", "customer")
]
SV = "docs/plans/trust-60.sv.md"
EN = "docs/plans/trust-60.en.md"


def test_agenda_gives_each_block_its_times():
    blocks = [Block("intro", 10), Block("exercise", 25), Block("break", 15), Block("close", 5)]
    slots = agenda(blocks, "08:50")
    assert [(s.start, s.end) for s in slots] == [
        ("08:50", "09:00"),
        ("09:00", "09:25"),
        ("09:25", "09:40"),
        ("09:40", "09:45"),
    ]
    assert [s.start for s in agenda(blocks, "9.00")][1] == "09:10"
    assert agenda([Block("intro", 90)], "23:30")[0].end == "01:00"
    with pytest.raises(ValueError):
        agenda(blocks, "half past nine")


def test_relative_times_count_from_the_start_of_the_session():
    blocks = [Block("intro", 10), Block("exercise", 55), Block("break", 15), Block("close", 5)]
    slots = agenda(blocks, "00:00", relative=True)
    assert [(s.start, s.end) for s in slots] == [
        ("0:00", "0:10"),
        ("0:10", "1:05"),
        ("1:05", "1:20"),
        ("1:20", "1:25"),
    ]


def test_the_composer_s_address_carries_every_kind_of_block_and_the_title():
    own = Exercise("trust-inventory", "solo", 10)
    blocks = [
        Block("intro", 10, title={"sv": "Välkommen, alla: 100 % närvaro"}),
        Block("exercise", 10, exercise=own),
        Block("exercise", 25, exercise=own),  # not its own minutes
        Block("break", 10),
        Block("close", 5, title={"en": "Only in English"}),
    ]
    query = composer_query(blocks, "sv", "Tillit & ansvar", "13:00", 60)
    assert query == (
        "?title=Tillit%20%26%20ansvar&start=13:00&length=60&items="
        "intro-10:V%C3%A4lkommen%252C%20alla:%20100%20%2525%20n%C3%A4rvaro,"
        "trust-inventory,trust-inventory@25,break-10,close-5"
    )
    # Read back as a browser reads an address (docs/assets/leda/composer.js does this).
    from urllib.parse import parse_qs, unquote, urlsplit

    params = parse_qs(urlsplit(query).query)
    assert params["title"] == ["Tillit & ansvar"] and params["length"] == ["60"]
    items = params["items"][0].split(",")
    assert len(items) == 5
    kind, title = items[0].split(":", 1)
    assert (kind, unquote(title)) == ("intro-10", "Välkommen, alla: 100 % närvaro")


@pytest.fixture
def project(tmp_path) -> Path:
    shutil.copytree(FIXTURE, tmp_path, dirs_exist_ok=True)
    return tmp_path


def load(project: Path):
    course = load_course(project / "docs", project / "quizzes", TRACKS, LANGUAGES, root=project)
    return load_plans(project / "docs", course, project, LANGUAGES)


def problems_of(project: Path) -> list[str]:
    with pytest.raises(CourseError) as err:
        load(project)
    return [str(p) for p in err.value.problems]


def both(project: Path, old: str, new: str) -> None:
    edit(project / SV, old, new)
    edit(project / EN, old, new)


def test_the_fixture_plan_loads_in_both_languages(project):
    plan = load(project)["trust-60"]
    assert plan.minutes == 60 and plan.start == "13:00"
    assert [b.kind for b in plan.blocks] == ["intro", "exercise", "exercise", "discussion", "close"]
    assert [b.minutes for b in plan.blocks] == [
        5,
        10,
        25,
        15,
        5,
    ]  # an exercise's own minutes by default
    assert plan.title == {"sv": "Tillit på en timme", "en": "Trust in an hour"}
    assert plan.blocks[2].note == {"sv": "Grupper om tre.", "en": "Groups of three."}
    assert plan.blocks[0].title["en"] == "Welcome"


def test_unknown_exercise(project):
    both(project, "exercise: trust-inventory", "exercise: trust-inventry")
    assert problems_of(project) == [
        f"{EN}:10: exercise 'trust-inventry' in block 2 does not exist in both languages: no module has it; use an id from a module's `exercises:`",
        f"{SV}:10: exercise 'trust-inventry' in block 2 does not exist in both languages: no module has it; use an id from a module's `exercises:`",
    ]


def test_blocks_must_add_up_to_the_length(project):
    both(project, "minutes: 60", "minutes: 70")
    assert problems_of(project) == [
        f"{EN}:4: the blocks of plan 'trust-60' add up to 60 minutes but `minutes` says 70; change a block's minutes or the plan's length",
        f"{SV}:4: the blocks of plan 'trust-60' add up to 60 minutes but `minutes` says 70; change a block's minutes or the plan's length",
    ]


def test_a_break_counts_in_the_plan_s_length(project):
    # The fixture plan has no break: add one of 10 minutes before the close.
    both(project, "  - kind: close\n", "  - kind: break\n    minutes: 10\n  - kind: close\n")
    assert problems_of(project) == [
        f"{EN}:4: the blocks of plan 'trust-60' add up to 70 minutes but `minutes` says 60; change a block's minutes or the plan's length",
        f"{SV}:4: the blocks of plan 'trust-60' add up to 70 minutes but `minutes` says 60; change a block's minutes or the plan's length",
    ]
    both(project, "minutes: 60", "minutes: 70")
    plan = load(project)["trust-60"]
    assert [b.kind for b in plan.blocks][-2:] == ["break", "close"]
    slots = agenda(plan.blocks, plan.start)
    assert (slots[-2].start, slots[-2].end, slots[-1].end) == ("13:55", "14:05", "14:10")


def test_a_long_plan_needs_a_break(project):
    both(project, "minutes: 60", "minutes: 100")
    both(project, "    minutes: 15\n", "    minutes: 55\n")
    assert problems_of(project) == [
        f"{EN}:6: plan 'trust-60' runs 100 minutes but has no break; add `- kind: break` (a session over 90 minutes needs one)",
        f"{SV}:6: plan 'trust-60' runs 100 minutes but has no break; add `- kind: break` (a session over 90 minutes needs one)",
    ]


def test_languages_must_agree(project):
    edit(project / EN, "    minutes: 25\n", "    minutes: 20\n")
    edit(project / EN, "    minutes: 15\n", "    minutes: 20\n")
    assert problems_of(project) == [
        f"{EN}:6: plan 'trust-60' differs from {SV} in its length, start or blocks; every language has the same blocks in the same order with the same minutes"
    ]


def test_bad_blocks_and_keys(project):
    edit(project / SV, "  - kind: intro\n", "  - kind: intermission\n")
    edit(project / SV, 'start: "13:00"', 'start: "25:00"\ncolour: red')
    edit(project / SV, "    title: Vad tar vi med oss?\n", "")
    assert problems_of(project) == [
        f"{SV}:5: `start` in plan 'trust-60' is '25:00'; write a time like \"09:00\"",
        f"{SV}:6: unknown key `colour` in plan 'trust-60'; allowed: blocks, description, hide, minutes, order, search, start, summary, template, title",
        f"{SV}:8: `kind` in block 1 is 'intermission'; use one of: intro, discussion, break, close",
        f"{SV}:15: block 4 (discussion) has no `title:`; say what happens in it",
    ]


def test_plan_pages_are_built_with_the_agenda(fixture_site):
    for prefix, first in (("", "Välkommen"), ("en/", "Welcome")):
        html = fixture_site.html(f"{prefix}plans/trust-60/index.html")
        found = tags(html)
        rows = [t for t in found if t.name == "tr" and "leda-agenda__" in t.attrs.get("class", "")]
        assert len(rows) == 5
        assert "13:00–13:05" in html and "13:55–14:00" in html and first in html
        links = [
            t.attrs["href"] for t in found if t.name == "a" and "#trust-" in t.attrs.get("href", "")
        ]
        assert "../../modules/sample-trust/#trust-inventory" in links, links
        assert 'id="prompt-trust-group"' in html  # the prompts follow the agenda
    index = fixture_site.html("plans/index.html")
    assert 'href="trust-60/"' in index


def test_every_module_has_a_facilitator_guide(fixture_site):
    for prefix in ("", "en/"):
        html = fixture_site.html(f"{prefix}modules/sample-trust/guide/index.html")
        # The exercises; the fixture module writes no runs, and none are made up.
        assert html.count('class="leda-agenda"') == 1
        module = fixture_site.html(f"{prefix}modules/sample-trust/index.html")
        assert 'href="guide/"' in module


def test_plan_pages_open_in_the_composer(fixture_site):
    for prefix, title in (("", "Tillit%20p%C3%A5%20en%20timme"), ("en/", "Trust%20in%20an%20hour")):
        html = fixture_site.html(f"{prefix}plans/trust-60/index.html")
        links = [
            t.attrs["href"]
            for t in tags(html)
            if t.name == "a" and "composer/?" in t.attrs.get("href", "")
        ]
        assert len(links) == 1, links
        assert links[0].startswith(
            f"../../composer/?title={title}&start=13:00&length=60&items=intro-5:"
        )
        assert ",trust-inventory,trust-group" in links[0]
        index = fixture_site.html(f"{prefix}plans/index.html")
        assert "composer/?title=" in index
