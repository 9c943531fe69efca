"""Topic pages in the built site: the index and a page per topic in both languages, the
topics and related modules on module pages, the composer's catalogue, the search index.

What each page must show is worked out here from topics.yml and the modules' front
matter (read with PyYAML), not from Leda's own model.
"""

from __future__ import annotations

import json
import re

import pytest
import yaml
from conftest import LANGUAGES, ROOT, edit, make_project, run_build
from htmlscan import tags

TOPICS = yaml.safe_load((ROOT / "topics.yml").read_text(encoding="utf-8"))
TOPIC_IDS = [t["id"] for t in TOPICS]


def front_matter(path) -> dict:
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n", 2)[1])


MODULES = {  # id -> {lang: front matter}
    p.name.split(".")[0]: {
        lang: front_matter(p.with_name(f"{p.name.split('.')[0]}.{lang}.md")) for lang in LANGUAGES
    }
    for p in sorted((ROOT / "docs" / "modules").glob(f"*.{LANGUAGES[0]}.md"))
}


def prefix(lang: str) -> str:
    return "" if lang == LANGUAGES[0] else f"{lang}/"


def links(html: str, within: str) -> list[str]:
    """The hrefs of the links inside elements of class ``within``."""
    return [t.attrs["href"] for t in tags(html) if t.name == "a" and t.inside(within)]


def expected(topic_id: str) -> tuple[set[str], set[str]]:
    """The module ids that list ``topic_id`` and the exercise ids that name it."""
    modules = {mid for mid, fm in MODULES.items() if topic_id in fm["sv"].get("topics", [])}
    exercises = {
        e["id"]
        for fm in MODULES.values()
        for e in fm["sv"]["exercises"]
        if topic_id in e.get("topics", [])
    }
    return modules, exercises


def test_the_tagging_is_the_same_in_both_languages():
    for mid, fm in MODULES.items():
        assert fm["sv"]["topics"] == fm["en"]["topics"], mid
        for sv, en in zip(fm["sv"]["exercises"], fm["en"]["exercises"], strict=True):
            assert sv.get("topics") == en.get("topics") and sv.get("topics"), (mid, sv["id"])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_index_links_every_topic_in_its_language(real_site, lang):
    html = real_site.html(f"{prefix(lang)}topics/index.html")
    assert f'lang="{lang}"' in html
    assert links(html, "leda-topics") == [f"{tid}/" for tid in TOPIC_IDS]
    for topic in TOPICS:
        assert f">{topic['name'][lang]}</a>" in html
        assert topic["description"][lang].replace("”", "")[:40] in html.replace("”", "")


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("topic_id", TOPIC_IDS)
def test_a_topic_page_links_exactly_its_modules_and_exercises(real_site, lang, topic_id):
    topic = next(t for t in TOPICS if t["id"] == topic_id)
    html = real_site.html(f"{prefix(lang)}topics/{topic_id}/index.html")
    assert f"<h1>{topic['name'][lang]}</h1>" in html and f'lang="{lang}"' in html
    modules, exercises = expected(topic_id)
    module_links = links(html, "leda-topic__modules")
    assert {re.fullmatch(r"\.\./\.\./modules/([a-z0-9-]+)/", h)[1] for h in module_links} == modules
    assert len(module_links) == len(modules)
    exercise_links = links(html, "leda-topic__exercises")
    deep = [h for h in exercise_links if "#" in h]
    found = {}
    for href in deep:
        module_id, exercise_id = re.fullmatch(
            r"\.\./\.\./modules/([a-z0-9-]+)/#([a-z0-9-]+)", href
        ).groups()
        assert exercise_id in [e["id"] for e in MODULES[module_id][lang]["exercises"]]
        found[exercise_id] = module_id
    assert set(found) == exercises and len(deep) == len(exercises)
    # Each exercise with its title, way of working and minutes in the page's language.
    for exercise_id, module_id in found.items():
        e = next(x for x in MODULES[module_id][lang]["exercises"] if x["id"] == exercise_id)
        item = html.split(f'data-topic-exercise="{exercise_id}"', 1)[1].split("</li>", 1)[0]
        assert f">{e['title']}</a>" in item
        assert str(e["minutes"]) in item
        if e.get("group_size"):
            assert str(e["group_size"]).replace("-", "–") in item
    # The glossary term, when the topic has one, links into the language's glossary.
    glossary = links(html, "leda-topic__glossary")
    assert glossary == ([f"../../glossary/#{topic['glossary']}"] if topic.get("glossary") else [])


def test_a_topic_page_names_way_of_working_and_group_size(real_site):
    html = real_site.html("en/topics/trust/index.html")
    item = html.split('data-topic-exercise="trust-budget-lock"', 1)[1].split("</li>", 1)[0]
    assert "In a group (3–4 people) · 20 minutes" in item
    assert "In the module From control to trust" in item
    html = real_site.html("topics/trust/index.html")
    item = html.split('data-topic-exercise="trust-budget-lock"', 1)[1].split("</li>", 1)[0]
    assert "I grupp (3–4 personer) · 20 minuter" in item


@pytest.mark.parametrize("lang", LANGUAGES)
def test_module_pages_link_their_topics_and_related_modules(real_site, lang):
    for mid, fm in MODULES.items():
        html = real_site.html(f"{prefix(lang)}modules/{mid}/index.html")
        topic_links = [t.attrs["href"] for t in tags(html) if "data-topic-link" in t.attrs]
        assert topic_links == [f"../../topics/{tid}/" for tid in fm[lang]["topics"]]
        related = re.findall(r'data-related="([a-z0-9-]+)"', html)
        assert 1 <= len(related) <= 3 and mid not in related
        mine = set(fm[lang]["topics"])
        shared = [len(mine & set(MODULES[r][lang]["topics"])) for r in related]
        assert all(shared) and shared == sorted(shared, reverse=True), (mid, related, shared)
    html = real_site.html(f"{prefix(lang)}modules/from-control-to-trust/index.html")
    assert re.findall(r'data-related="([a-z0-9-]+)"', html) == [
        "planning-and-goals",
        "passionate-leadership",
        "project-starts-and-finishes",
    ]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_entry_points_link_the_index(real_site, lang):
    for page in ("course", "composer"):
        html = real_site.html(f"{prefix(lang)}{page}/index.html")
        assert "../topics/" in links(html, "md-content"), page
    # and the navigation has it, first in the section about Leda, before the glossary
    nav = [
        t.attrs["href"]
        for t in tags(real_site.html(f"{prefix(lang)}about/index.html"))
        if t.name == "a" and "md-nav__link" in t.attrs.get("class", "")
    ]
    assert nav.index("../topics/") == nav.index("../glossary/") - 1


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_composer_knows_each_exercises_topics(real_site, lang):
    html = real_site.html(f"{prefix(lang)}composer/index.html")
    options = re.findall(
        r'<option value="([a-z0-9-]+)">', html.split('name="topic"', 1)[1].split("</select>", 1)[0]
    )
    assert options == TOPIC_IDS
    for fm in MODULES.values():
        for e in fm[lang]["exercises"]:
            assert f'data-exercise="{e["id"]}"' in html
            item = html.split(f'data-exercise="{e["id"]}"', 1)[1].split(">", 1)[0]
            assert f'data-topics="{" ".join(e["topics"])}"' in item


@pytest.mark.parametrize("lang", LANGUAGES)
def test_topic_pages_are_in_their_languages_search_index_and_boosted(real_site, lang):
    index = json.loads((real_site.site / prefix(lang) / "search" / "search_index.json").read_text())
    by_location = {d["location"]: d for d in index["docs"]}
    for topic in TOPICS:
        entry = by_location[f"topics/{topic['id']}/"]
        assert entry["title"] == topic["name"][lang] and entry.get("boost", 1) > 1
    assert "topics/" in by_location  # the index page too
    other = [d["location"] for d in index["docs"] if d["location"].startswith(("en/", "sv/"))]
    assert other == []


def test_a_bad_topics_file_stops_the_build_with_every_problem(tmp_path):
    project = make_project(tmp_path)
    (project / "topics.yml").write_text(
        "- id: trust\n  name: {sv: Tillit, en: Trust}\n"
        "  description: {sv: Om tillit., en: On trust.}\n"
        "- id: trust\n  name: {sv: T, en: T}\n  description: {sv: T., en: T.}\n",
        encoding="utf-8",
    )
    for lang in LANGUAGES:
        module = project / "docs" / "modules" / f"sample-trust.{lang}.md"
        edit(module, "track: trust\n", "track: trust\ntopics: [trust, trusst-x]\n")
    build = run_build(project, tmp_path / "site")
    assert build.code != 0
    assert "topics.yml:4: duplicate topic id 'trust' (also on line 1)" in build.log
    assert (
        "docs/modules/sample-trust.sv.md:6: unknown topic 'trusst-x' in module 'sample-trust'"
        in build.log
    )
    assert "topics.yml:1: topic 'trust': only module 'sample-trust' lists it" in build.log


def test_a_fixture_course_with_topics_builds_its_pages(tmp_path):
    """The pages come from the data: a small course with two topics, in both languages."""
    project = make_project(tmp_path)
    (project / "topics.yml").write_text(
        "- id: trust\n  name: {sv: Tillit, en: Trust}\n"
        "  description: {sv: Om tillit., en: On trust.}\n",
        encoding="utf-8",
    )
    docs = project / "docs" / "modules"
    for lang in LANGUAGES:
        text = (docs / f"sample-trust.{lang}.md").read_text(encoding="utf-8")
        text = text.replace("id: sample-trust", "id: second").replace("trust-", "second-")
        (docs / f"second.{lang}.md").write_text(text, encoding="utf-8")
        for name in ("sample-trust", "second"):
            edit(docs / f"{name}.{lang}.md", "track: trust\n", "track: trust\ntopics: [trust]\n")
        edit(
            docs / f"second.{lang}.md",
            "  - id: second-pair\n",
            "  - id: second-pair\n    topics: [trust]\n",
        )
    build = run_build(project, tmp_path / "site")
    assert build.code == 0, build.log
    for lang in LANGUAGES:
        html = build.html(f"{prefix(lang)}topics/trust/index.html")
        assert links(html, "leda-topic__modules") == [
            "../../modules/sample-trust/",
            "../../modules/second/",
        ]
        assert [h for h in links(html, "leda-topic__exercises") if "#" in h] == [
            "../../modules/second/#second-pair"
        ]
        assert links(build.html(f"{prefix(lang)}topics/index.html"), "leda-topics") == ["trust/"]
        related = build.html(f"{prefix(lang)}modules/second/index.html")
        assert re.findall(r'data-related="([a-z0-9-]+)"', related) == ["sample-trust"]
