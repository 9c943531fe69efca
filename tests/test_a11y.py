"""WCAG 2.2 AA beyond axe: skip links, heading levels, focus not obscured, reflow,
target size, the language switcher, the 404 page and the page's description."""

from __future__ import annotations

import itertools
import re

import pytest
from conftest import Tab, make_project, run_build
from htmlscan import tags
from leda.meta import check_description, escaped, meta_tags
from leda.pages import shift_headings

# --- Units -----------------------------------------------------------------------------


@pytest.mark.unit
def test_shift_headings_moves_the_highest_heading_to_the_level_asked_and_skips_code():
    md = "#### Before\n\ntext\n\n##### Detail\n\n```\n# not a heading\n```\n#hashtag"
    assert shift_headings(md, top=3) == (
        "### Before\n\ntext\n\n#### Detail\n\n```\n# not a heading\n```\n#hashtag"
    )
    assert shift_headings("no headings", top=3) == "no headings"


@pytest.mark.unit
def test_a_description_with_quotes_is_escaped_and_a_cut_one_is_named():
    text = 'The "gym" & more'
    html = f'<meta name="description" content="{escaped(text)}">'
    assert meta_tags(html)["description"] == [text]
    assert check_description(html, text, "x.md") == []
    cut = f'<meta name="description" content="{text}">'
    (problem,) = check_description(cut, text, "modules/x.en.md")
    assert problem.startswith("modules/x.en.md: ") and "unescaped" in problem


# --- The built site ----------------------------------------------------------------------


def pages_of(site):
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


@pytest.mark.build
def test_every_page_has_a_skip_link_to_its_content(real_site):
    for rel in pages_of(real_site.site):
        found = tags(real_site.html(rel))
        skips = [t for t in found if t.name == "a" and "md-skip" in t.attrs.get("class", "")]
        assert len(skips) == 1, f"{rel}: {len(skips)} skip links"
        target = skips[0].attrs["href"].partition("#")[2]
        assert target in {t.attrs.get("id") for t in found}, f"{rel}: skip to #{target}"


@pytest.mark.build
def test_no_page_skips_a_heading_level(real_site):
    for rel in pages_of(real_site.site):
        html = real_site.html(rel)
        main = html[html.find('data-md-component="content"') :]
        levels = [int(n) for n in re.findall(r"<h([1-6])[\s>]", main)]
        for before, after in itertools.pairwise(levels):
            assert after <= before + 1, f"{rel}: h{before} followed by h{after}"


@pytest.mark.build
def test_the_404_page_has_no_navigation_search_or_footer_in_one_language(real_site):
    html = real_site.html("404.html")
    for part in ('class="md-nav', 'class="md-search', 'class="md-footer'):
        assert part not in html, part
    for lang in ("sv", "en"):
        assert f'<section class="leda-notfound" lang="{lang}"' in html


@pytest.mark.build
def test_the_language_switcher_names_the_current_language_in_text(real_site):
    for rel, current in (("index.html", "Svenska"), ("en/index.html", "English")):
        html = real_site.html(rel)
        assert f'<span class="leda-lang__current">{current}</span>' in html, rel
        marked = re.findall(r'<a [^>]*aria-current="true"[^>]*>\s*(\w+)', html)
        assert current in marked, rel


@pytest.mark.build
def test_a_quote_in_a_description_reaches_the_meta_tag_whole(tmp_path):
    project = make_project(tmp_path)
    page = project / "docs" / "modules" / "sample-trust.en.md"
    text = page.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^description:.*\n", "", text)
    page.write_text(
        text.replace("track: trust\n", "track: trust\ndescription: 'The \"gym\" & more'\n", 1),
        encoding="utf-8",
    )
    build = run_build(project, tmp_path / "site")
    assert build.code == 0, build.log
    html = build.html("en/modules/sample-trust/index.html")
    assert meta_tags(html)["description"] == ['The "gym" & more']


# --- In Chromium ---------------------------------------------------------------------------

KEYBOARD_PAGES = ["modules/leadership-gym/", "en/modules/leadership-gym/quiz/", "composer/"]

# The focused element is entirely behind the sticky header (2.4.11 Focus Not Obscured).
COVERED = """() => {
  const el = document.activeElement;
  const header = document.querySelector('.md-header');
  if (!el || el === document.body || header.contains(el)) return null;
  const r = el.getBoundingClientRect(), h = header.getBoundingClientRect();
  if (r.width === 0 && r.height === 0) return null;
  if (r.bottom > h.bottom + 0.5) return null;
  // Drawn above the header (the skip link) is not covered by it.
  const x = Math.min(Math.max(r.left + r.width / 2, 0), innerWidth - 1);
  const y = Math.min(Math.max(r.top + r.height / 2, 0), innerHeight - 1);
  const top = document.elementFromPoint(x, y);
  if (top && (el.contains(top) || top.contains(el))) return null;
  return (el.id || el.className || el.tagName) + ' ' + Math.round(r.top) + '..'
    + Math.round(r.bottom) + ' under a header ending at ' + Math.round(h.bottom);
}"""


@pytest.mark.browser
@pytest.mark.parametrize("path", KEYBOARD_PAGES)
def test_tabbing_forwards_and_backwards_never_hides_focus_under_the_header(
    browser, real_server, path
):
    tab = Tab(browser, viewport={"width": 1280, "height": 800})
    try:
        page = tab.page
        page.goto(real_server.url + path)
        covered = []
        for steps, key in enumerate(["Tab"] * 60 + ["Shift+Tab"] * 60, start=1):
            page.keyboard.press(key)
            hit = page.evaluate(COVERED)
            if hit:
                covered.append(f"{key} #{steps}: {hit}")
        assert covered == [], "\n".join(covered)
    finally:
        tab.close()


REFLOW_PAGES = [
    "",
    "course/",
    "modules/leadership-gym/",
    "modules/leadership-gym/quiz/",
    "modules/leadership-gym/guide/",
    "en/modules/leadership-gym/guide/",
    "composer/",
    "en/composer/",
    "journal/",
    "plans/",
    "accessibility/",
    "guide-hosting/",
]


@pytest.mark.browser
def test_every_page_type_reflows_at_320_px_without_horizontal_scrolling(browser, real_server):
    tab = Tab(browser, viewport={"width": 320, "height": 640})
    try:
        page = tab.page
        wide = []
        for path in REFLOW_PAGES:
            page.goto(real_server.url + path)
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > 320:
                wide.append(f"{path}: {width} px")
        assert wide == [], wide
    finally:
        tab.close()


TARGETS = """() => [...document.querySelectorAll('.md-sidebar--primary .md-nav__link')]
  .filter(a => a.offsetParent !== null)
  .map(a => [a.textContent.trim(), a.getBoundingClientRect().height])
  .filter(([, h]) => h < 24)"""


@pytest.mark.browser
def test_navigation_links_are_at_least_24_px_high(browser, real_server):
    tab = Tab(browser, viewport={"width": 1280, "height": 800})
    try:
        for path in ("modules/leadership-gym/", "en/course/"):
            tab.page.goto(real_server.url + path)
            assert tab.page.evaluate(TARGETS) == [], path
    finally:
        tab.close()
