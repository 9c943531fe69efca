"""The home page that starts a course, the trainers' and the organisations' pages.

What each page must show is worked out here from the files (mkdocs.yml's tracks,
the modules' and plans' front matter read with PyYAML), not from Leda's model.
"""

from __future__ import annotations

import re

import pytest
import yaml
from conftest import CONFIG, LANGUAGES, ROOT, axe_violations, make_project, run_build
from htmlscan import tags
from leda.configfiles import ConfigFiles, SettingsError
from leda.course import Course, Module, Track
from leda.home import start_module
from playwright.sync_api import expect

TRACKS = [t["id"] for t in CONFIG["extra"]["leda"]["tracks"]]


def front(path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n", 2)[1])


MODULES = sorted(
    (front(p) for p in (ROOT / "docs" / "modules").glob(f"*.{LANGUAGES[0]}.md")),
    key=lambda m: (TRACKS.index(m["track"]), m.get("order", 100), m["id"]),
)


def prefix(lang: str) -> str:
    return "" if lang == LANGUAGES[0] else f"{lang}/"


def inside(html: str, marker: str) -> str:
    """The element that starts with ``marker`` (an attribute), up to its section's end."""
    start = html.index(marker)
    return html[start : html.index("</section>", start)]


# --- "Start here" ------------------------------------------------------------------------


def small_course(*ids: str) -> Course:
    return Course(
        ("sv",),
        [Track("trust", {"sv": "Tillit"}), Track("growth", {"sv": "Växt"})],
        {m: Module(id=m, track=t, order=1, minutes=20, exercises=[]) for m, t in ids},
    )


def test_start_is_the_first_published_module_unless_set():
    course = small_course(("g1", "growth"), ("t1", "trust"))
    assert start_module(None, course).id == "t1"  # the first track's first module
    assert start_module("g1", course).id == "g1"
    assert start_module(None, small_course()) is None


def test_a_wrong_or_left_out_start_is_reported_where_it_is_written(tmp_path):
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nextra:\n  leda: {}\n", "utf-8")
    (tmp_path / "organisation.yml").write_text(
        "INHERIT: mkdocs.yml\nextra:\n  leda:\n    start: t11\n", "utf-8"
    )
    files = ConfigFiles(tmp_path / "organisation.yml", tmp_path)
    full = small_course(("t1", "trust"), ("g1", "growth"))
    published = small_course(("t1", "trust"))
    with pytest.raises(SettingsError) as err:
        start_module("t11", published, full, files)
    assert str(err.value).splitlines()[1] == (
        "organisation.yml:4: extra.leda.start is 't11', which is not a module id; did you "
        "mean 't1'? (or remove `start:` to begin with the course's first module)"
    )
    with pytest.raises(SettingsError) as err:
        start_module("g1", published, full, files)
    assert (
        str(err.value)
        .splitlines()[1]
        .startswith(
            "organisation.yml:4: extra.leda.start is module 'g1', which extra.leda.publish leaves out"
        )
    )


# --- The real site's pages ---------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_home_page_starts_the_course(real_site, lang):
    html = real_site.html(f"{prefix(lang)}index.html")
    first = MODULES[0]
    title = front(ROOT / "docs" / "modules" / f"{first['id']}.{lang}.md")["title"]
    start = inside(html, "data-leda-start=")
    assert f'data-leda-start="{first["id"]}"' in start
    assert {"sv": "Börja här", "en": "Start here"}[lang] in start
    assert f'href="modules/{first["id"]}/"' in start and title in start
    assert 'href="course/"' in start
    # every track a card, with its modules (title, minutes) and an empty progress placeholder
    cards = inside(html, 'id="leda-tracks"')
    assert cards.count("data-leda-course-progress") == 1
    for track in TRACKS:
        mods = [m for m in MODULES if m["track"] == track]
        card = cards[cards.index(f'data-leda-track="{track}"') :]
        card = card[: card.index("</ol>")]
        assert f'<span class="leda-progress" data-leda-track-progress="{track}"></span>' in card
        found = re.findall(r'data-leda-module="([^"]+)"', card)
        assert found == [m["id"] for m in mods]
        total = sum(m["minutes"] for m in mods)
        unit = {"sv": "minuter", "en": "minutes"}[lang]
        assert f"{len(mods)} " in card and f"{total} {unit}" in card
        for m in mods:
            assert f'href="modules/{m["id"]}/"' in card
            assert f"{m['minutes']} {unit}" in card
    doors = inside(html, 'id="leda-doors"')
    assert re.findall(r'data-leda-door="([^"]+)"', doors) == [
        "leaders",
        "trainers",
        "organisations",
    ]
    assert [a for a in re.findall(r'href="([^"]+)"', doors)] == [
        "course/",
        "trainers/",
        "organisations/",
    ]
    # no image from another host, and Material's grid cards
    assert not [t for t in tags(html) if t.name == "img" and "//" in t.attrs.get("src", "")]
    assert html.count('class="grid cards"') == 2


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_trainers_page_lists_every_guide_plan_and_the_composer(real_site, lang):
    html = real_site.html(f"{prefix(lang)}trainers/index.html")
    content = html[html.index('class="md-content"') :]
    guides = re.findall(r'href="\.\./modules/([^/]+)/guide/"', content)
    assert guides == [m["id"] for m in MODULES]  # one per module, in the course's order
    plans = sorted(p.name.split(".")[0] for p in (ROOT / "docs" / "plans").glob(f"*.{lang}.md"))
    for plan in plans:
        href = "../plans/" if plan == "index" else f"../plans/{plan}/"
        assert f'href="{href}"' in content, plan
        if plan != "index":
            summary = front(ROOT / "docs" / "plans" / f"{plan}.{lang}.md")["summary"]
            assert summary.replace("'", "&#39;") in content
    for page in ("composer", "guide-write-a-module"):
        description = front(ROOT / "docs" / f"{page}.{lang}.md")["description"]
        assert f'href="../{page}/"' in content
        assert description.replace("'", "&#39;") in content


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_organisations_page_says_what_leda_does_and_links_hosting(real_site, lang):
    html = real_site.html(f"{prefix(lang)}organisations/index.html")
    content = html[html.index('class="md-content"') :]
    assert 'href="../guide-hosting/"' in content
    assert "LICENSE" in content
    words = {
        "sv": ("Ingenting sparas på en server", "Inga konton", "Ingen spårning"),
        "en": ("Nothing is stored on a server", "No accounts", "No tracking"),
    }[lang]
    assert all(w in content for w in words)


def test_pages_for_an_audience_are_listed_without_editing_the_lists(tmp_path):
    project = make_project(tmp_path)
    for lang, title, text in (
        ("sv", "Rundtimer", "En timer för rundor i lärgruppen."),
        ("en", "Round timer", "A timer for rounds in a learning group."),
    ):
        (project / "docs" / f"timer.{lang}.md").write_text(
            f"---\ntitle: {title}\ndescription: {text}\naudience: trainers\n---\n\n# {title}\n",
            "utf-8",
        )
        (project / "docs" / f"lms.{lang}.md").write_text(
            f"---\ntitle: LMS {lang}\ndescription: LMS {text}\naudience: organisations\n---\n\n"
            f"# LMS {lang}\n",
            "utf-8",
        )
    build = run_build(project, tmp_path / "site")
    assert build.code == 0, build.log
    for lang, title, text in (
        ("sv", "Rundtimer", "En timer för rundor i lärgruppen."),
        ("en", "Round timer", "A timer for rounds in a learning group."),
    ):
        trainers = build.html(f"{prefix(lang)}trainers/index.html")
        content = trainers[trainers.index('class="md-content"') :]
        assert f'<a href="../timer/">{title}</a>' in content and text in content
        assert "../lms/" not in content
        organisations = build.html(f"{prefix(lang)}organisations/index.html")
        content = organisations[organisations.index('class="md-content"') :]
        assert f'<a href="../lms/">LMS {lang}</a>' in content and f"LMS {text}" in content
        # and the new pages are in their audience's section, not in the course's
        nav = trainers[trainers.index("md-nav--primary") : trainers.index('class="md-content"')]
        assert nav.index("../timer/") > nav.index("../composer/") > nav.index("../journal/")
        assert nav.index("../lms/") > nav.index("../organisations/")


def test_a_wrong_start_stops_the_build_with_its_line(tmp_path):
    project = make_project(tmp_path)
    (project / "organisation.yml").write_text(
        "INHERIT: mkdocs.yml\nextra:\n  leda:\n    start: sample-trus\n", "utf-8"
    )
    build = run_build(project, tmp_path / "site", config="organisation.yml")
    assert build.code != 0
    assert (
        "organisation.yml:4: extra.leda.start is 'sample-trus', which is not a module id; "
        "did you mean 'sample-trust'?"
    ) in build.log


# --- In the browser ----------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_home_trainers_and_organisations_pages_are_axe_clean(tab, real_server, lang):
    for path in ("", "trainers/", "organisations/"):
        tab.page.goto(real_server.url + prefix(lang) + path)
        expect(tab.page.locator("h1")).to_be_visible()
        assert axe_violations(tab.page) == [], path
    for width in (390,):
        tab.page.set_viewport_size({"width": width, "height": 800})
        tab.page.goto(real_server.url + prefix(lang))
        assert axe_violations(tab.page) == []
        # nothing wider than the screen
        assert tab.page.evaluate("document.documentElement.scrollWidth") <= width
    assert tab.foreign_requests(real_server) == []
    assert tab.errors == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_newcomer_starts_with_the_keyboard_alone(tab, real_server, lang):
    page = tab.page
    page.goto(real_server.url + prefix(lang))
    first = MODULES[0]["id"]
    button = page.locator(f'[data-leda-start] a[href="modules/{first}/"]')
    expect(button).to_be_visible()
    for _ in range(40):  # Tab through the page until the start button has the focus
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('href')") == f"modules/{first}/":
            break
    else:
        pytest.fail("the start button cannot be reached with Tab")
    # the focus is visible: an outline or a box-shadow
    style = page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, s.outlineWidth, s.boxShadow]; })()"
    )
    assert style[0] != "none" or style[2] != "none", style
    page.keyboard.press("Enter")
    expect(page).to_have_url(real_server.url + prefix(lang) + f"modules/{first}/")
    # and the home page's doors are reachable too
    page.goto(real_server.url + prefix(lang))
    hrefs = []
    for _ in range(80):
        page.keyboard.press("Tab")
        hrefs.append(page.evaluate("document.activeElement.getAttribute('href')"))
    assert {"trainers/", "organisations/", "course/"} <= set(hrefs)


def test_the_home_page_follows_an_organisations_selection_and_start(tmp_path):
    project = make_project(tmp_path, fixture=None, real_content=True)
    (project / "organisation.yml").write_text(
        "INHERIT: mkdocs.yml\nextra:\n  leda:\n    start: leadership-gym\n"
        "    publish:\n      tracks: [trust, learning]\n"
        "    statement: {contact: leda@example.org}\n",
        "utf-8",
    )
    build = run_build(project, tmp_path / "site", config="organisation.yml")
    assert build.code == 0, build.log
    published = [m for m in MODULES if m["track"] in ("trust", "learning")]
    for lang in LANGUAGES:
        html = build.html(f"{prefix(lang)}index.html")
        assert 'data-leda-start="leadership-gym"' in html
        assert re.findall(r'data-leda-track="([^"]+)"', html) == ["trust", "learning"]
        assert re.findall(r'data-leda-module="([^"]+)"', html) == [m["id"] for m in published]
        trainers = build.html(f"{prefix(lang)}trainers/index.html")
        guides = re.findall(r'href="\.\./modules/([^/]+)/guide/"', trainers.split("md-content")[-1])
        assert guides == [m["id"] for m in published]
