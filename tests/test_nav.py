"""Navigation by audience (hooks/leda/nav.py), and previous/next in the built site.

The unit tests arrange small lists of pages; the build tests read the real site's
HTML in both languages: the tabs, what the course's section holds, and the
footer's previous and next links of every module, quiz and guide page.
"""

from __future__ import annotations

import posixpath
import re

import pytest
import yaml
from conftest import LANGUAGES, ROOT
from htmlscan import tags
from leda.course import Course, Module, Track
from leda.nav import NavPage, NavSection, arrange, flatten
from leda.problems import CourseError

TITLES = {
    "learners": "Kursen",
    "trainers": "För utbildare",
    "organisations": "För organisationer",
    "about": "Om Leda",
    "guides": "Handledarguider",
}


def course(*modules: tuple[str, str, int]) -> Course:
    tracks = [Track("trust", {"sv": "Tillit"}), Track("growth", {"sv": "Växt"})]
    return Course(
        ("sv",),
        tracks,
        {m: Module(id=m, track=t, order=o, minutes=20, exercises=[]) for m, t, o in modules},
    )


def page(src: str, module=None, kind=None, **meta) -> NavPage:
    return NavPage(
        src, src.rpartition("/")[2].startswith("index."), meta, module, ref=src, kind=kind
    )


def shape(items) -> list:
    return [(i.title, shape(i.children)) if isinstance(i, NavSection) else i.ref for i in items]


COURSE = course(("t1", "trust", 1), ("t2", "trust", 2), ("g1", "growth", 1))


def site_pages() -> list[NavPage]:
    return [
        page("about.sv.md", order=90),
        page("course.sv.md", order=1, leda="course"),
        page("index.sv.md", order=500),  # the home page comes first whatever its order
        page("journal.sv.md", order=2),
        page("plans/b.sv.md"),
        page("plans/index.sv.md", order=3, title="Planer"),
        page("plans/a.sv.md", order=10),  # the index page still first
        page("composer.sv.md", order=4),
        page("guide-write-a-module.sv.md", order=92),
        page("guide-hosting.sv.md", order=93),
        page("trainers.sv.md", order=1, audience="trainers"),
        page("organisations.sv.md", order=1, audience="organisations"),
        page("groups.sv.md", order=60, audience="trainers"),  # a new tool: its front matter
        page("glossary.sv.md", order=80),
        page("topics.sv.md", order=3, template="leda-topics.html"),
        page("accessibility.sv.md", order=91),
        page("record.sv.md", order=5),  # no audience: the learner's
        page("modules/t2.sv.md", module="t2"),
        page("modules/t1.sv.md", module="t1"),
        page("modules/g1.sv.md", module="g1"),
        page("modules/t1/quiz.sv.md", "t1", "quiz", leda_quiz="t1"),
        page("modules/g1/quiz.sv.md", "g1", "quiz", leda_quiz="g1"),
        page("modules/g1/guide.sv.md", "g1", "guide", leda_guide="g1"),
        page("modules/t1/guide.sv.md", "t1", "guide", leda_guide="t1"),
        page("modules/t2/guide.sv.md", "t2", "guide", leda_guide="t2"),
        page("topics/b.sv.md", kind="topic", leda_topic="b"),
        page("topics/a.sv.md", kind="topic", leda_topic="a"),
    ]


def test_a_section_per_audience_with_the_course_in_the_learners_section():
    tree = arrange(site_pages(), COURSE, "sv", TITLES)
    assert shape(tree.items) == [
        (
            "Kursen",
            [
                "index.sv.md",
                "course.sv.md",
                ("Tillit", ["modules/t1.sv.md", "modules/t2.sv.md"]),
                ("Växt", ["modules/g1.sv.md"]),
                "journal.sv.md",
                "record.sv.md",
            ],
        ),
        (
            "För utbildare",
            [
                "trainers.sv.md",
                ("Planer", ["plans/index.sv.md", "plans/a.sv.md", "plans/b.sv.md"]),
                "composer.sv.md",
                # the guides in the course's order, whatever the order of the files
                (
                    "Handledarguider",
                    ["modules/t1/guide.sv.md", "modules/t2/guide.sv.md", "modules/g1/guide.sv.md"],
                ),
                "groups.sv.md",
                "guide-write-a-module.sv.md",
            ],
        ),
        ("För organisationer", ["organisations.sv.md", "guide-hosting.sv.md"]),
        ("Om Leda", ["topics.sv.md", "glossary.sv.md", "about.sv.md", "accessibility.sv.md"]),
    ]
    assert [s.audience for s in tree.items] == ["learners", "trainers", "organisations", "about"]
    # quizzes and topic pages are not in the sidebar
    refs = [p.ref for p in flatten(tree.items)]
    assert not [r for r in refs if r.endswith("quiz.sv.md") or r.startswith("topics/")]


def test_previous_and_next_follow_the_reading_order_within_each_section():
    tree = arrange(site_pages(), COURSE, "sv", TITLES)
    learners, trainers, organisations, about = ([p.ref for p in s] for s in tree.sequences)
    # module → its quiz → the next module (t2 has no quiz)
    assert learners == [
        "index.sv.md",
        "course.sv.md",
        "modules/t1.sv.md",
        "modules/t1/quiz.sv.md",
        "modules/t2.sv.md",
        "modules/g1.sv.md",
        "modules/g1/quiz.sv.md",
        "journal.sv.md",
        "record.sv.md",
    ]
    guides = [r for r in trainers if r.endswith("guide.sv.md")]
    assert guides == ["modules/t1/guide.sv.md", "modules/t2/guide.sv.md", "modules/g1/guide.sv.md"]
    assert trainers.index(guides[-1]) - trainers.index(guides[0]) == 2  # one after the other
    assert organisations == ["organisations.sv.md", "guide-hosting.sv.md"]
    # a topic's page after the index of topics, in the course's order of topics
    assert about[:1] == ["topics.sv.md"]
    owners = {hidden.ref: owner.ref for hidden, owner in tree.owners}
    assert owners["modules/t1/quiz.sv.md"] == "modules/t1.sv.md"
    assert owners["modules/g1/quiz.sv.md"] == "modules/g1.sv.md"


def test_front_matter_audience_wins_and_a_wrong_one_is_reported_at_its_line():
    pages = [
        page("index.sv.md"),
        page("glossary.sv.md", audience="trainers"),  # moved by its front matter
        page("lms.sv.md", audience="organisations"),
    ]
    tree = arrange(pages, COURSE, "sv", TITLES)
    assert shape(tree.items)[1:] == [
        ("För utbildare", ["glossary.sv.md"]),
        ("För organisationer", ["lms.sv.md"]),
    ]
    wrong = page("timer.sv.md", audience="trainer")
    wrong.audience_line = 4
    with pytest.raises(CourseError) as err:
        arrange([*pages, wrong], COURSE, "sv", TITLES)
    message = str(err.value)
    assert "docs/timer.sv.md:4: unknown audience 'trainer'" in message
    assert "learners, trainers, organisations, about" in message


def test_without_a_course_page_the_tracks_end_the_learners_section_and_empty_ones_go():
    pages = [page("index.sv.md"), page("about.sv.md"), page("modules/t1.sv.md", module="t1")]
    tree = arrange(pages, course(("t1", "trust", 1)), "sv", TITLES)
    assert shape(tree.items) == [
        ("Kursen", ["index.sv.md", ("Tillit", ["modules/t1.sv.md"])]),
        ("Om Leda", ["about.sv.md"]),
    ]


# --- The built site ----------------------------------------------------------------------


def prefix(lang: str) -> str:
    return "" if lang == LANGUAGES[0] else f"{lang}/"


def front(path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n", 2)[1])


def course_order() -> list[str]:
    """The module ids in the course's order, from mkdocs.yml's tracks and the front matter."""
    import conftest

    tracks = [t["id"] for t in conftest.CONFIG["extra"]["leda"]["tracks"]]
    metas = [front(p) for p in (ROOT / "docs" / "modules").glob(f"*.{LANGUAGES[0]}.md")]
    metas.sort(key=lambda m: (tracks.index(m["track"]), m.get("order", 100), m["id"]))
    return [m["id"] for m in metas]


def footer_links(html: str) -> dict[str, str]:
    """``{"prev": href, "next": href}`` of Material's footer navigation."""
    found = {}
    for tag in tags(html):
        cls = tag.attrs.get("class", "")
        if tag.name == "a" and "md-footer__link" in cls:
            found["prev" if "md-footer__link--prev" in cls else "next"] = tag.attrs["href"]
    return found


def resolve(page_path: str, href: str) -> str:
    """The site path (like ``modules/x/``) that ``href`` on ``page_path`` leads to."""
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(page_path), href))
    return "" if joined == "." else joined.rstrip("/") + "/"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_quiz_and_module_pages_step_module_quiz_next_module(real_site, lang):
    order = course_order()
    base = prefix(lang)
    for index, mid in enumerate(order):
        module = f"{base}modules/{mid}/"
        quiz = f"{module}quiz/"
        links = footer_links(real_site.html(quiz + "index.html"))
        assert resolve(quiz, links["prev"]) == module, (quiz, links)
        if index + 1 < len(order):
            assert resolve(quiz, links["next"]) == f"{base}modules/{order[index + 1]}/", quiz
        else:  # the last quiz leads out of the modules, never to another module's page
            assert "/modules/" not in "/" + resolve(quiz, links["next"]), (quiz, links)
        links = footer_links(real_site.html(module + "index.html"))
        assert resolve(module, links["next"]) == quiz, (module, links)
        if index:
            assert resolve(module, links["prev"]) == f"{base}modules/{order[index - 1]}/quiz/"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_guides_step_through_the_guides_in_the_course_order(real_site, lang):
    order = course_order()
    base = prefix(lang)
    for index, mid in enumerate(order):
        guide = f"{base}modules/{mid}/guide/"
        links = footer_links(real_site.html(guide + "index.html"))
        targets = {k: resolve(guide, v) for k, v in links.items()}
        for side, step in (("prev", -1), ("next", 1)):
            if 0 <= index + step < len(order):
                assert targets[side] == f"{base}modules/{order[index + step]}/guide/", guide
            else:  # the first and the last: a trainers' page, not a module or a quiz
                assert not re.search(r"modules/[^/]+/(quiz/)?$", targets.get(side, "")), targets


TABS = {
    "sv": ["Kursen", "För utbildare", "För organisationer", "Om Leda"],
    "en": ["The course", "For trainers", "For organisations", "About Leda"],
}


def primary_nav(html: str) -> list[tuple[str, str]]:
    """(href, label) of every page's link in the sidebar, in order (no links into the page)."""
    nav = html[html.index("md-nav--primary") : html.index('class="md-content"')]
    found = re.findall(
        r'<a href="([^"]+)" class="md-nav__link[^"]*">\s*<span class="md-ellipsis">\s*([^<]+?)\s*<',
        nav,
    )
    return [(href, label) for href, label in found if "#" not in href]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_tabs_by_audience_and_a_course_section_of_modules_only(real_site, lang):
    base = prefix(lang)
    html = real_site.html(f"{base}modules/{course_order()[0]}/index.html")
    tabs = re.findall(r'class="md-tabs__link">\s*([^<]+?)\s*<', html)
    assert tabs == TABS[lang]
    # the course's section: home, the overview, the modules, the journal; then trainers'
    page = f"{base}modules/{course_order()[0]}/"
    links = [resolve(page, href) for href, _ in primary_nav(html)]
    trainers = links.index(f"{base}trainers/")
    course = links[:trainers]
    allowed = {base, f"{base}course/", f"{base}journal/", f"{base}record/"}
    assert [h for h in course if h not in allowed and not h.startswith(f"{base}modules/")] == []
    assert len([h for h in course if h.startswith(f"{base}modules/")]) == len(course_order())
    for elsewhere in ("composer", "guide-hosting", "guide-write-a-module", "glossary", "about"):
        assert f"{base}{elsewhere}/" in links[trainers:], elsewhere
    # a quiz page opens its module in the sidebar
    quiz = real_site.html(f"{base}modules/{course_order()[0]}/quiz/index.html")
    active = re.findall(
        r'class="md-tabs__item md-tabs__item--active">\s*<a[^>]*>\s*([^<]+?)\s*<', quiz
    )
    assert active == [TABS[lang][0]]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_footer_leads_to_the_pages_outside_the_course(real_site, lang):
    base = prefix(lang)
    html = real_site.html(f"{base}modules/{course_order()[0]}/index.html")
    footer = html[html.index('class="leda-footer-nav"') :]
    footer = footer[: footer.index("</nav>")]
    hrefs = re.findall(r'href="([^"]+)"', footer)
    assert hrefs == [
        f"../../{p}/"
        for p in ("trainers", "organisations", "topics", "glossary", "about", "accessibility")
    ]


def test_a_wrong_audience_stops_the_build_at_its_line(tmp_path):
    from conftest import make_project, run_build

    project = make_project(tmp_path)
    for lang in LANGUAGES:
        (project / "docs" / f"timer.{lang}.md").write_text(
            "---\ntitle: Timer\n\naudience: trainer\n---\n\n# Timer\n", "utf-8"
        )
    build = run_build(project, tmp_path / "site")
    assert build.code != 0
    assert "docs/timer.sv.md:4: unknown audience 'trainer'; use one of: learners, trainers" in (
        build.log
    )
