"""The site in real Chromium: language switching, search per language, privacy."""

from __future__ import annotations

import re

import pytest
from conftest import search
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def switch_language(page, lang: str) -> None:
    page.locator(".md-header .md-select").hover()
    page.locator(f"a[data-leda-switch][hreflang={lang}]").click()


def test_home_page_loads_in_both_languages_without_other_hosts(tab, fixture_server):
    tab.page.goto(fixture_server.url)
    expect(tab.page.locator("h1")).to_have_text(re.compile("^Välkommen till Leda"))
    assert tab.page.locator("html").get_attribute("lang") == "sv"
    switch_language(tab.page, "en")
    expect(tab.page).to_have_url(fixture_server.url + "en/")
    expect(tab.page.locator("h1")).to_have_text(re.compile("^Welcome to Leda"))
    assert tab.foreign_requests(fixture_server) == []
    assert tab.errors == []


def test_switching_language_from_a_deep_page_keeps_page_and_anchor(tab, fixture_server):
    tab.page.goto(fixture_server.url + "modules/sample-trust/#trust-pair")
    switch_language(tab.page, "en")
    expect(tab.page).to_have_url(fixture_server.url + "en/modules/sample-trust/#trust-pair")
    expect(tab.page.locator("#trust-pair")).to_have_text(re.compile("A conversation about trust"))
    switch_language(tab.page, "sv")
    expect(tab.page).to_have_url(fixture_server.url + "modules/sample-trust/#trust-pair")
    # Material's own sitemap lookup is out of the way: nothing 404s, nothing leaves.
    assert not [u for u in tab.requests if u.endswith("sitemap.xml")]
    assert tab.foreign_requests(fixture_server) == []


def test_swedish_search_finds_inflected_forms_and_only_swedish_pages(tab, fixture_server):
    tab.page.goto(fixture_server.url + "about/")
    hits = search(tab.page, "tilliten")  # the page says only "tillit"
    assert any("modules/sample-trust/" in h for h in hits), hits
    assert not any("/en/" in h for h in hits), hits
    tab.page.goto(fixture_server.url + "about/")
    hits = search(tab.page, "lärgrupper")  # the page says only "lärgruppen"
    assert any("search-words/" in h for h in hits), hits
    assert not any("/en/" in h for h in hits), hits
    assert tab.foreign_requests(fixture_server) == []


def test_a_page_that_is_only_read_loads_no_search_code_until_search_opens(tab, fixture_server):
    def search_requests():
        return [u for u in tab.requests if "search" in u.rsplit("/", 1)[-1]]

    tab.page.goto(fixture_server.url + "modules/sample-trust/", wait_until="networkidle")
    assert search_requests() == []  # neither index nor worker: leda.js starts them later
    hits = search(tab.page, "tillit")
    assert any("modules/sample-trust/" in h for h in hits), hits
    loaded = search_requests()
    assert [u for u in loaded if u.endswith("search_index.json")], loaded
    assert [u for u in loaded if "search-worker.js" in u], loaded
    assert [u for u in loaded if "/workers/search." in u], loaded
    assert tab.errors == []


def test_english_search_finds_only_english_pages(tab, fixture_server):
    tab.page.goto(fixture_server.url + "en/about/")
    hits = search(tab.page, "trusting")  # stemmed to "trust"
    assert any("/en/modules/sample-trust/" in h for h in hits), hits
    assert all("/en/" in h for h in hits), hits
    assert tab.foreign_requests(fixture_server) == []


def test_not_found_page_speaks_the_visitors_language(tab, fixture_server):
    tab.page.goto(fixture_server.url + "404.html")
    expect(tab.page.locator("section[lang=sv] h1")).to_be_visible()
    expect(tab.page.locator("section[lang=en]")).to_be_hidden()


def test_code_examples_meet_contrast(tab, fixture_server):
    from conftest import axe_violations

    for prefix in ("", "en/"):
        tab.page.goto(fixture_server.url + prefix + "search-words/")
        expect(tab.page.locator(".highlight .c1").first).to_be_visible()
        assert axe_violations(tab.page) == []


def test_a_malformed_address_breaks_nothing(tab, fixture_server):
    # "%E0%A4%A" is not valid percent-encoding: decoding it throws a URIError.
    tab.page.goto(fixture_server.url + "modules/sample-trust/#%E0%A4%A")
    expect(tab.page.locator("h1")).to_be_visible()
    tab.page.evaluate("location.hash = '#%E0%A4%ZZ'")
    tab.page.goto(fixture_server.url + "modules/sample-trust/#trust-pair")
    expect(tab.page.locator("#trust-pair")).to_be_focused()
    assert tab.errors == []


@pytest.mark.parametrize(
    ("prefix", "query", "stem", "missing"),
    [("", "tilliten", "tillit", "Saknas"), ("en/", "coaching", "coach", "Missing")],
)
def test_a_stemmed_hit_is_shown_as_found_and_highlighted(
    tab, real_server, prefix, query, stem, missing
):
    # Pages that say only the stem ("tillit", "coach") are hits; Material used to mark
    # them "Saknas: ~~tilliten~~" (search-worker.js: stemmedTerms).
    tab.page.goto(real_server.url + prefix + "about/")
    hits = search(tab.page, query)
    assert len(hits) > 3, hits
    results = tab.page.locator(".md-search-result")
    expect(results.locator("mark").first).to_be_visible()
    marked = {m.lower() for m in results.locator("mark").all_inner_texts()}
    assert any(m.startswith(stem) and not m.startswith(query) for m in marked), marked
    assert missing not in results.inner_text()
    assert results.locator(".md-search-result__terms").count() == 0
    assert tab.errors == []
