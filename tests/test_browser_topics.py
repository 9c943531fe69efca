"""Topics in Chromium: the composer's topic filter, search for a topic's name, axe."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
import yaml
from conftest import ROOT, axe_violations, search
from playwright.sync_api import expect

TOPICS = {t["id"]: t for t in yaml.safe_load((ROOT / "topics.yml").read_text(encoding="utf-8"))}


def tagged_exercises(topic_id: str) -> set[str]:
    """The exercises that name ``topic_id`` in the modules' (Swedish) front matter."""
    found = set()
    for path in (ROOT / "docs" / "modules").glob("*.sv.md"):
        front = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n", 2)[1])
        found |= {e["id"] for e in front["exercises"] if topic_id in e.get("topics", [])}
    return found


def visible_exercises(page) -> set[str]:
    return set(
        page.locator("[data-exercise]:visible").evaluate_all(
            "items => items.map(i => i.getAttribute('data-exercise'))"
        )
    )


def test_the_composer_filters_by_topic(tab, real_server):
    page = tab.page
    page.goto(real_server.url + "en/composer/")
    every = visible_exercises(page)
    topic = page.locator("[data-filters] select[name=topic]")
    topic.select_option("feedback-and-recognition")
    expect(page.locator("[data-shown]")).to_have_text("1 exercises shown")
    assert visible_exercises(page) == tagged_exercises("feedback-and-recognition")
    topic.select_option("coaching")
    expect(page.locator("[data-shown]")).to_have_text("6 exercises shown")
    assert visible_exercises(page) == tagged_exercises("coaching")
    # With another filter: coaching exercises done in pairs.
    page.locator("[data-filters] select[name=mode]").select_option("pair")
    pairs = {"trust-handover-coaching", "peer-group-questions-first", "coaching-mirror-pair"}
    assert visible_exercises(page) == pairs
    topic.select_option("")
    page.locator("[data-filters] select[name=mode]").select_option("")
    assert visible_exercises(page) == every


def test_a_topic_page_opens_the_composer_on_its_exercises(tab, real_server):
    page = tab.page
    page.goto(real_server.url + "topics/customer-needs/")
    page.get_by_role("link", name="Sätt ihop en workshop med övningarna").click()
    expect(page.locator("[data-filters] select[name=topic]")).to_have_value("customer-needs")
    assert visible_exercises(page) == tagged_exercises("customer-needs")
    # An unknown topic in the address is ignored: every exercise is shown.
    page.goto(real_server.url + "composer/?topic=nonsense")
    expect(page.locator("[data-filters] select[name=topic]")).to_have_value("")
    assert len(visible_exercises(page)) == 43


# Names that other pages' titles also contain (a module called "Reflection and
# silence", "Peer learning groups", a section on meetings): without the topic pages'
# `search: boost:` these found a module first.
@pytest.mark.parametrize(
    ("prefix", "topic_id"),
    [
        ("", "meetings"),
        ("", "reflection"),
        ("", "feedback-and-recognition"),
        ("en/", "reflection"),
        ("en/", "peer-learning"),
        ("en/", "listening-and-questions"),
    ],
)
def test_searching_a_topics_name_finds_its_page_first(tab, real_server, prefix, topic_id):
    page = tab.page
    page.goto(real_server.url + prefix + "about/")
    lang = "en" if prefix else "sv"
    box = page.locator("input.md-search__input")
    box.click()
    first = page.locator(".md-search-result__list > li a").first
    wanted = re.compile(rf"/{prefix}topics/{topic_id}/(\?|$)")
    # Material searches on key presses (as a person types). On a loaded machine the
    # query can reach it before its worker has the index; then type it again.
    for attempt in range(3):
        box.fill("")
        box.press_sequentially(TOPICS[topic_id]["name"][lang], delay=20)
        try:
            expect(first).to_have_attribute("href", wanted, timeout=10_000)
            break
        except AssertionError:
            if attempt == 2:
                raise
    # and the search helper (typing letter by letter) ends on the same first result
    page.goto(real_server.url + prefix + "glossary/")
    results = [urlsplit(href).path for href in search(page, TOPICS[topic_id]["name"][lang])]
    assert f"/{prefix}topics/{topic_id}/" in results


def test_topic_pages_have_no_axe_violations(tab, real_server):
    page = tab.page
    for path in ("topics/", "en/topics/", "topics/trust/", "en/topics/coaching/"):
        for width in (1280, 390):
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(real_server.url + path)
            assert axe_violations(page) == [], (path, width)
    page.goto(real_server.url + "en/composer/?topic=coaching")
    assert axe_violations(page) == []
