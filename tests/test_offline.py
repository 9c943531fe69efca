"""The intranet copy (``./leda offline``): opened from disk through file:// in Chromium.

The fixture course is built with LEDA_OFFLINE=true, as ``./leda offline`` does, and
every page is opened as a file: search, a quiz and a journal note must work, and
nothing may be requested from anywhere but the folder itself.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import Tab, make_project, run_build, search
from htmlscan import pages, tags
from leda.offline import Pages, file_link
from playwright.sync_api import expect


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("offline")
    project = make_project(tmp)
    build = run_build(project, tmp / "site-offline", env={"LEDA_OFFLINE": "true"})
    assert build.code == 0, build.log
    return build


# --- The files ---------------------------------------------------------------------------


def test_links_point_at_page_files_not_folders():
    pages_ = Pages(
        ["index.html", "journal.html", "modules/x.html", "modules/x/quiz/index.html"],
        ("sv", "en"),
    )
    # From a module page: the url filter's links, and links written for directory URLs.
    assert file_link("../journal/", "modules/x.html", pages_) == "../journal.html"
    assert file_link("quiz/", "modules/x.html", pages_) == "x/quiz/index.html"
    assert file_link("../", "modules/x/quiz/index.html", pages_) == "../../x.html"
    assert file_link("../../../", "modules/x/quiz/index.html", pages_) == "../../../index.html"
    assert file_link("x/#ex-1", "modules/x.html", pages_) == "x.html#ex-1"
    # Every page exists in every language at the same place below the language's folder.
    assert file_link("../journal/", "en/modules/x.html", pages_) == "../journal.html"
    assert file_link("../../journal/", "en/modules/x.html", pages_) == "../../journal.html"
    assert file_link("../", "en/journal.html", pages_) == "../index.html"
    for unchanged in ("x.html", "#top", "https://example.org/a/", "mailto:a@b.se", "../nowhere/"):
        assert file_link(unchanged, "modules/x.html", pages_) == unchanged


def test_the_copy_needs_no_server_and_no_other_site(offline_site):
    site = offline_site.site
    assert (site / "index.html").exists() and (site / "en" / "index.html").exists()
    assert (site / "modules" / "sample-trust.html").exists()
    assert (site / "modules" / "sample-trust" / "quiz" / "index.html").exists()
    for lang, prefix in (("sv", ""), ("en", "en/")):
        script = (site / prefix / "search" / "search_index.js").read_text(encoding="utf-8")
        assert script.startswith("var __index = {")
        assert f'"lang":["{lang}"]' in script
    for path in pages(site):
        relpath = path.relative_to(site).as_posix()
        html = path.read_text(encoding="utf-8")
        assert "unpkg.com" not in html and "iframe-worker" not in html, relpath
        if relpath == "404.html":
            continue  # served by a web server only; its links use site_url
        for tag in tags(html):
            href = tag.attrs.get("href", "")
            if tag.name == "a" and href and not urlsplit(href).scheme:
                assert not urlsplit(href).path.endswith("/"), f"{relpath}: {href}"
        assert "assets/leda/file-worker.js" in html, relpath


# --- In Chromium, from file:// -------------------------------------------------------------


@pytest.fixture
def disk(browser):
    tab = Tab(browser)
    yield tab
    tab.close()


def url(site: Path, path: str) -> str:
    return (site / path).as_uri()


def not_from_disk(tab: Tab) -> list[str]:
    return [u for u in tab.requests if urlsplit(u).scheme not in ("file", "data", "about")]


@pytest.mark.browser
def test_search_works_from_disk_in_both_languages(disk, offline_site):
    site = offline_site.site
    page = disk.page
    page.goto(url(site, "about.html"))
    hits = search(page, "tilliten")  # the Swedish stemmer, through Leda's worker
    assert any("modules/sample-trust.html" in h for h in hits), hits
    assert all(h.startswith("file://") and "/en/" not in h for h in hits), hits
    page.locator(".md-search-result__list > li a").first.click()
    expect(page).to_have_url(re.compile(r"/modules/sample-trust\.html"))
    expect(page.locator("h1")).to_have_text("Provmodul om tillit")
    page.goto(url(site, "en/about.html"))
    hits = search(page, "trusting")
    assert any("/en/modules/sample-trust.html" in h for h in hits), hits
    assert all("/en/" in h for h in hits), hits
    assert not_from_disk(disk) == []
    assert disk.errors == []


@pytest.mark.browser
def test_a_quiz_and_a_journal_note_work_from_disk(disk, offline_site):
    site = offline_site.site
    page = disk.page
    page.goto(url(site, "modules/sample-trust.html"))
    note = page.locator("[data-leda-note='sample-trust/trust-inventory'] [data-note-field]")
    note.fill("Skrivet i kopian på intranätet")
    note.blur()
    page.get_by_role("link", name="Gör kunskapstestet för modulen").click()
    expect(page).to_have_url(re.compile(r"/modules/sample-trust/quiz/index\.html$"))
    question = page.locator("[data-question=trust-meaning]")
    question.get_by_label(re.compile("släpper makt")).check()
    question.get_by_role("button", name="Rätta frågan").click()
    expect(question.locator("[data-result]")).to_have_text("Rätt!")
    page.get_by_role("link", name=re.compile("^Tillbaka till modulen")).click()
    expect(page).to_have_url(re.compile(r"/modules/sample-trust\.html$"))
    page.goto(url(site, "journal.html"))
    expect(note).to_have_value("Skrivet i kopian på intranätet")
    page.reload()  # kept in the browser, also for pages opened from disk
    expect(note).to_have_value("Skrivet i kopian på intranätet")
    page.goto(url(site, "modules/sample-trust/quiz/index.html"))
    expect(page.locator("[data-question=trust-meaning] input:checked")).to_have_count(1)
    assert not_from_disk(disk) == []
    assert disk.errors == []


@pytest.mark.browser
def test_the_language_switcher_works_from_disk(disk, offline_site):
    site = offline_site.site
    page = disk.page
    page.goto(url(site, "modules/sample-trust.html") + "#trust-pair")
    page.locator(".md-header .md-select").hover()
    page.locator("a[data-leda-switch][hreflang=en]").click()
    expect(page).to_have_url(url(site, "en/modules/sample-trust.html") + "#trust-pair")
    page.get_by_role("link", name="Leda", exact=True).first.click()
    expect(page).to_have_url(url(site, "en/index.html"))
    assert disk.errors == []
