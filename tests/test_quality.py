"""Site-wide quality gates on the real site, in both languages.

Accessibility (axe-core and what it misses), privacy (no request to another host),
a strict Content-Security-Policy, internal links and anchors, and pages readable
without JavaScript.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
import yaml
from conftest import LANGUAGES, ROOT, Tab, axe_violations
from htmlscan import inline_scripts, pages, tags
from playwright.sync_api import expect


def page_paths(site: Path) -> list[str]:
    return [p.relative_to(site).as_posix() for p in pages(site)]


def url_of(rel: str) -> str:
    return rel.removesuffix("index.html")


# --- Static checks on every built page -------------------------------------------------


def test_no_duplicate_ids_and_lang_on_every_page(real_site):
    for rel in page_paths(real_site.site):
        found = tags(real_site.html(rel))
        ids = [t.attrs["id"] for t in found if "id" in t.attrs]
        duplicates = {i for i in ids if ids.count(i) > 1}
        assert not duplicates, f"{rel}: duplicate ids {duplicates}"
        lang = next(t for t in found if t.name == "html").attrs.get("lang")
        assert lang == ("en" if rel.startswith("en/") else "sv"), rel


def test_every_choice_group_is_a_fieldset_with_a_legend_and_images_have_alt(real_site):
    for rel in page_paths(real_site.site):
        html = real_site.html(rel)
        found = tags(html)
        for t in found:
            if (
                t.name == "input"
                and t.attrs.get("type") in ("radio", "checkbox")
                and t.inside("md-content")
            ):
                assert t.inside("fieldset"), f"{rel}: {t.attrs.get('id')} outside a fieldset"
            if t.name == "img":
                assert "alt" in t.attrs, f"{rel}: <img src={t.attrs.get('src')}> without alt"
        assert html.count("<fieldset") == html.count("<legend"), rel


def test_every_page_has_a_strict_content_security_policy(real_site):
    for rel in page_paths(real_site.site):
        html = real_site.html(rel)
        meta = [
            t
            for t in tags(html)
            if t.name == "meta" and t.attrs.get("http-equiv") == "Content-Security-Policy"
        ]
        assert len(meta) == 1, rel
        policy = dict(part.strip().split(" ", 1) for part in meta[0].attrs["content"].split(";"))
        assert (
            "'unsafe-inline'" not in policy["script-src"]
            and "'unsafe-eval'" not in policy["script-src"]
        )
        assert "'unsafe-inline'" not in policy["style-src"]
        assert policy["default-src"] == "'self'" and policy["object-src"] == "'none'"
        # The hashes, computed here from the page as built (not with hooks/leda/csp.py).
        expected = {
            "'sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() + "'"
            for script in inline_scripts(html)
        }
        assert len(expected) >= 2, rel  # Material's inline scripts
        assert set(policy["script-src"].split()) == {"'self'", *expected}, rel
        assert html.index("Content-Security-Policy") < html.index("<script"), (
            f"{rel}: policy before scripts"
        )


def test_internal_links_and_anchors_resolve_in_both_languages(real_site):
    site = real_site.site
    ids_cache: dict[str, set[str]] = {}

    def ids_of(rel: str) -> set[str]:
        if rel not in ids_cache:
            ids_cache[rel] = {t.attrs["id"] for t in tags(real_site.html(rel)) if "id" in t.attrs}
        return ids_cache[rel]

    base = "https://leda.example.org/"
    checked = 0
    for rel in page_paths(site):
        if rel == "404.html":
            continue  # its links are absolute to the site root, checked below
        for t in tags(real_site.html(rel)):
            href = t.attrs.get("href") if t.name in ("a", "link") else None
            if (
                href is None
                or t.attrs.get("rel") in ("alternate", "canonical")
                or href.startswith("mailto:")
            ):
                continue
            if not urlsplit(href).scheme and not href.startswith("/"):
                ups = len(re.match(r"(?:\.\./)*", href).group(0)) // 3
                assert ups <= rel.count("/"), f"{rel}: {href} climbs above the site's root"
            target = urljoin(base + rel, href)
            if not target.startswith(base):
                continue
            path = unquote(urlsplit(target).path)[1:]
            if path == "" or path.endswith("/"):
                path += "index.html"
            assert (site / path).exists(), f"{rel}: link to {href} ({path}) is broken"
            fragment = urlsplit(target).fragment
            if fragment and path.endswith(".html"):
                assert unquote(fragment) in ids_of(path), f"{rel}: anchor {href} not found"
            checked += 1
    assert checked > 500


# --- In Chromium ------------------------------------------------------------------------

CSP_LISTENER = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
"""


@pytest.fixture(scope="module")
def site_tab(browser):
    tab = Tab(browser)
    tab.page.add_init_script(CSP_LISTENER)
    yield tab
    tab.close()


def source_pages() -> list[str]:
    """Every page the real site has, in every language, found from its source files.

    Known when the tests are collected, so the sweep below is one test per page.
    """
    docs = ROOT / "docs"
    default = LANGUAGES[0]
    found = []
    for source in sorted(docs.rglob(f"*.{default}.md")):
        rel = source.relative_to(docs).as_posix().removesuffix(f".{default}.md")
        found.append(rel.removesuffix("index") if rel.rpartition("/")[2] == "index" else rel + "/")
        if rel.startswith("modules/"):
            found.append(f"{rel}/guide/")
            if (ROOT / "quizzes" / f"{rel.split('/')[1]}.yml").exists():
                found.append(f"{rel}/quiz/")
    # A page per topic (hooks/leda/pages.py: topic_pages), from topics.yml.
    topics = yaml.safe_load((ROOT / "topics.yml").read_text(encoding="utf-8"))
    found += [f"topics/{topic['id']}/" for topic in topics]
    return ["404.html"] + [
        ("" if lang == default else f"{lang}/") + page + "index.html"
        for lang in LANGUAGES
        for page in found
    ]


SITE_PAGES = source_pages()


def test_the_sweep_below_visits_every_built_page(real_site):
    assert sorted(page_paths(real_site.site)) == sorted(SITE_PAGES)


@pytest.mark.browser
@pytest.mark.parametrize("rel", SITE_PAGES)
def test_page_has_no_axe_violations_no_csp_violations_and_no_foreign_requests(
    site_tab, real_server, rel
):
    for seen in (site_tab.requests, site_tab.missing, site_tab.errors):
        seen.clear()  # what this page does, not the one before
    page = site_tab.page
    page.goto(real_server.url + url_of(rel))
    assert axe_violations(page) == []
    assert page.evaluate("window.__csp") == []
    assert site_tab.foreign_requests(real_server) == []
    assert site_tab.missing == []  # nothing the page asks for is missing
    assert site_tab.errors == []


@pytest.mark.browser
def test_using_search_a_quiz_and_the_journal_stays_on_the_site(site_tab, real_server):
    page = site_tab.page
    for prefix, query in (("", "lärgrupper"), ("en/", "learning groups")):
        page.goto(real_server.url + prefix + "modules/peer-learning-groups/quiz/")
        page.locator("[data-question] input").first.check()
        page.locator("[data-action=check-all]").click()
        expect(page.locator("[data-score]")).not_to_be_empty()
        box = page.locator("input.md-search__input")
        box.click()
        box.press_sequentially(query, delay=10)
        expect(page.locator(".md-search-result__list > li").first).to_be_visible(timeout=10_000)
        assert page.evaluate("window.__csp") == []
        page.goto(real_server.url + prefix + "modules/peer-learning-groups/")
        note = page.locator("[data-note-field]").first
        note.fill("En tanke – a thought")
        note.blur()
        expect(page.locator("[data-note-status]").first).not_to_be_empty()
        page.goto(real_server.url + prefix + "journal/")
        journal_note = page.locator(
            '[data-leda-note="peer-learning-groups/peer-group-own-challenge"] textarea'
        )
        expect(journal_note.first).to_have_value("En tanke – a thought")
        assert page.evaluate("window.__csp") == []
    assert site_tab.foreign_requests(real_server) == []
    assert site_tab.missing == []


@pytest.mark.browser
def test_an_injected_script_is_blocked_by_the_policy(browser, real_site, real_server):
    html = real_site.html("about/index.html")
    injected = html.replace("</body>", "<script>window.injected = true</script></body>")
    (real_site.site / "about" / "injected.html").write_text(injected, encoding="utf-8")
    tab = Tab(browser)
    try:
        tab.page.add_init_script(CSP_LISTENER)
        tab.page.goto(real_server.url + "about/injected.html")
        expect(tab.page.locator("h1")).to_be_visible()
        assert tab.page.evaluate("window.injected") is None
        assert any(v.startswith("script-src") for v in tab.page.evaluate("window.__csp"))
    finally:
        tab.close()
        (real_site.site / "about" / "injected.html").unlink()


@pytest.mark.browser
def test_modules_and_quizzes_are_readable_without_javascript(browser, real_site, real_server):
    tab = Tab(browser, java_script_enabled=False)
    try:
        page = tab.page
        for rel in page_paths(real_site.site):
            if "/modules/" not in "/" + rel and "/plans/" not in "/" + rel:
                continue
            page.goto(real_server.url + url_of(rel))
            content = page.locator(".md-content")
            expect(content.locator("h1")).to_be_visible()
            least = 1500 if "/modules/" in "/" + rel else 500  # plans are shorter
            assert len(content.inner_text()) > least, rel
            if rel.endswith("quiz/index.html"):
                expect(page.locator("fieldset legend").first).to_be_visible()
            elif rel.endswith("guide/index.html") or (
                "/plans/" in "/" + rel and not rel.endswith("plans/index.html")
            ):
                expect(page.locator(".leda-agenda").first).to_be_visible()
            elif "/modules/" in "/" + rel:
                expect(page.locator(".leda-exercise").first).to_be_visible()
    finally:
        tab.close()
