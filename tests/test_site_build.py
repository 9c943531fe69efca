"""The real site, built with --strict into a temporary folder: languages, links, privacy."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from conftest import ROOT
from htmlscan import pages, tags

SITE_HOST = "leda.example.org"  # site_url in mkdocs.yml


def rel(site: Path, path: Path) -> str:
    return path.relative_to(site).as_posix()


def is_english(relpath: str) -> bool:
    return relpath.startswith("en/")


def counterpart(relpath: str) -> str:
    return relpath[3:] if is_english(relpath) else f"en/{relpath}"


def page_url(relpath: str) -> str:
    return "https://" + SITE_HOST + "/" + relpath.removesuffix("index.html")


def test_every_page_has_the_right_lang(real_site):
    for path in pages(real_site.site):
        r = rel(real_site.site, path)
        html_tag = next(t for t in tags(path.read_text(encoding="utf-8")) if t.name == "html")
        expected = "en" if is_english(r) else "sv"
        assert html_tag.attrs["lang"] == expected, r


def test_every_page_exists_in_both_languages(real_site):
    all_pages = {rel(real_site.site, p) for p in pages(real_site.site)} - {"404.html"}
    modules = sorted(p.name.split(".")[0] for p in (ROOT / "docs" / "modules").glob("*.sv.md"))
    assert len(modules) >= 13
    for module in modules:
        assert f"modules/{module}/index.html" in all_pages, module
    for r in all_pages:
        assert counterpart(r) in all_pages, f"{r} has no counterpart"
    assert "index.html" in all_pages and "en/index.html" in all_pages


def test_switcher_and_hreflang_point_to_the_counterpart(real_site):
    for path in pages(real_site.site):
        r = rel(real_site.site, path)
        if r == "404.html":
            continue
        found = tags(path.read_text(encoding="utf-8"))
        here = page_url(r)
        switch = {
            t.attrs["hreflang"]: t.attrs["href"] for t in found if "data-leda-switch" in t.attrs
        }
        other = "sv" if is_english(r) else "en"
        assert urljoin(here, switch[other]) == page_url(counterpart(r)), r
        assert urljoin(here, switch["en" if is_english(r) else "sv"]) == here, r
        alternates = {
            t.attrs["hreflang"]: t.attrs["href"]
            for t in found
            if t.name == "link" and t.attrs.get("rel") == "alternate" and "hreflang" in t.attrs
        }
        sv_url = page_url(r[3:] if is_english(r) else r)
        assert alternates == {
            "sv": sv_url,
            "en": page_url(counterpart(r) if not is_english(r) else r),
            "x-default": sv_url,
        }, r


def test_sitemap_lists_both_languages_with_absolute_urls(real_site):
    sitemap = (real_site.site / "sitemap.xml").read_text(encoding="utf-8")
    assert sitemap.startswith("<?xml")
    locs = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert f"https://{SITE_HOST}/" in locs and f"https://{SITE_HOST}/en/" in locs
    assert all(loc.startswith(f"https://{SITE_HOST}/") for loc in locs)
    assert 'hreflang="en" href="https://' in sitemap


# Material's bundle names these hosts in code that runs only when a site uses the
# feature: the GitHub API (repo_url, which Leda does not set), Mermaid diagrams and
# a ResizeObserver polyfill for old browsers. The Chromium tests check that no page
# requests anything from another host; this list catches a Material upgrade adding more.
MATERIAL_CONDITIONAL = {"api.github.com", "unpkg.com"}
URL = re.compile(r"""https?://[A-Za-z0-9.-]+""")


def test_no_resource_from_another_host(real_site):
    site = real_site.site
    for path in pages(site):
        r = rel(site, path)
        for tag in tags(path.read_text(encoding="utf-8")):
            for attr in ("src", "href", "srcset", "action", "poster", "data"):
                value = tag.attrs.get(attr, "")
                host = urlsplit(value).netloc if value.startswith(("http:", "https:", "//")) else ""
                if not host or host == SITE_HOST:
                    continue
                # Outgoing links in the page's content are fine; nothing else is.
                assert tag.name == "a" and tag.inside("md-content"), (
                    f"{r}: <{tag.name} {attr}={value}>"
                )
            style = tag.attrs.get("style", "")
            assert "url(http" not in style, r
    for path in list(site.rglob("*.css")):
        for url in re.findall(r"url\(\s*['\"]?(https?:[^)'\"]+)", path.read_text(encoding="utf-8")):
            raise AssertionError(f"{rel(site, path)} loads {url}")
        assert "@import" not in path.read_text(encoding="utf-8") or "http" not in path.read_text(
            encoding="utf-8"
        )


def test_javascript_names_no_other_host(real_site):
    site = real_site.site
    for path in (site / "assets" / "leda").glob("*.js"):
        assert not URL.findall(path.read_text(encoding="utf-8")), rel(site, path)
    bundle = next((site / "assets" / "javascripts").glob("bundle.*.min.js"))
    hosts = {urlsplit(u).netloc for u in URL.findall(bundle.read_text(encoding="utf-8"))}
    assert hosts - {"clipboardjs.com"} <= MATERIAL_CONDITIONAL  # clipboardjs.com: a licence comment


def test_no_google_fonts_analytics_or_repo_api(real_site):
    for path in pages(real_site.site):
        text = path.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text
        assert "googletagmanager" not in text and "gtag(" not in text
        assert '"repo_url"' not in text and "md-source" not in text


def test_search_index_per_language(real_site):
    sv = json.loads((real_site.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    en = json.loads(
        (real_site.site / "en" / "search" / "search_index.json").read_text(encoding="utf-8")
    )
    assert sv["config"]["lang"] == ["sv"] and en["config"]["lang"] == ["en"]
    assert not any(d["location"].startswith("en/") for d in sv["docs"])
    assert not any(d["location"].startswith("en/") for d in en["docs"])
    sv_titles = {d["title"] for d in sv["docs"] if "#" not in d["location"]}
    en_titles = {d["title"] for d in en["docs"] if "#" not in d["location"]}
    assert "Om Leda och din integritet" in sv_titles and "About Leda and your privacy" in en_titles
    assert (
        "About Leda and your privacy" not in sv_titles
        and "Om Leda och din integritet" not in en_titles
    )


def test_english_pages_search_the_english_index(real_site):
    config = next(
        t for t in tags(real_site.html("en/about/index.html")) if t.attrs.get("id") == "__config"
    )
    text = real_site.html("en/about/index.html")
    base = json.loads(
        re.search(r'id="__config" type="application/json">(.*?)</script>', text, re.S)[1]
    )["base"]
    assert config is not None
    assert (
        urljoin("https://x/en/about/", base + "/search/search_index.json")
        == "https://x/en/search/search_index.json"
    )
    text = real_site.html("about/index.html")
    base = json.loads(
        re.search(r'id="__config" type="application/json">(.*?)</script>', text, re.S)[1]
    )["base"]
    assert (
        urljoin("https://x/about/", base + "/search/search_index.json")
        == "https://x/search/search_index.json"
    )


def test_not_found_page_speaks_both_languages(real_site):
    text = real_site.html("404.html")
    found = tags(text)
    sections = {t.attrs["lang"] for t in found if "data-leda-lang" in t.attrs}
    assert sections == {"sv", "en"}
    assert "Sidan finns inte" in text and "Page not found" in text
    assert not (real_site.site / "en" / "404.html").exists()


def test_footer_has_no_generator_notice(real_site):
    assert "Made with" not in real_site.html("index.html")
