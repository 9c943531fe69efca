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

# A module, a quiz and the composer with blocks in its plan (its buttons to move and
# remove them are the controls tabbing backwards used to hide).
KEYBOARD_PAGES = [
    "modules/leadership-gym/",
    "en/modules/leadership-gym/quiz/",
    "composer/?items=trust-control-inventory,break-10,gym-training-habit",
]

# The focused element, if the sticky header covers any part of it (2.4.11 Focus Not
# Obscured; 2.4.12's "entirely" is not enough here): its box reaches above the header's
# bottom and what is drawn there is the header, or what is drawn at its centre is not it.
COVERED = """() => {
  const el = document.activeElement;
  const header = document.querySelector('.md-header');
  if (!el || el === document.body || header.contains(el)) return null;
  const r = el.getBoundingClientRect(), h = header.getBoundingClientRect();
  if (r.width === 0 && r.height === 0) return null;
  const mine = (x, y) => {
    const top = document.elementFromPoint(
      Math.min(Math.max(x, 0), innerWidth - 1), Math.min(Math.max(y, 0), innerHeight - 1));
    return !!top && (el.contains(top) || top.contains(el) || el.labels && [...el.labels].some(
      l => l.contains(top)));
  };
  const name = (el.id || el.getAttribute('href') || el.className || el.tagName) + ' at '
    + Math.round(r.top) + '..' + Math.round(r.bottom);
  // Part of it behind the header: what is drawn there (the skip link is drawn above it).
  if (r.top < h.bottom - 0.5 && r.bottom > h.top + 0.5) {
    const y = (Math.max(r.top, h.top) + Math.min(r.bottom, h.bottom)) / 2;
    if (!mine(r.left + r.width / 2, y)) return name + ' under a header ending at '
      + Math.round(h.bottom);
  }
  if (!mine(r.left + r.width / 2, r.top + r.height / 2)) return name + ': its centre is covered by '
    + (document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2) || {}).className;
  return null;
}"""

# Every stop of a full round of Tab, then of Shift+Tab: the focused element's identity.
FOCUSED = """() => { const el = document.activeElement; return el && el !== document.body
  ? [...document.querySelectorAll('*')].indexOf(el) : -1; }"""


def tab_round(page, key: str, check: str, limit: int = 400) -> list[str]:
    """Press ``key`` until focus comes back to where it started; what ``check`` found."""
    found, seen = [], set()
    for step in range(1, limit + 1):
        page.keyboard.press(key)
        where = page.evaluate(FOCUSED)
        if where in seen and where != -1:
            break
        seen.add(where)
        hit = page.evaluate(check)
        if hit:
            found.append(f"{key} #{step}: {hit}")
    else:
        raise AssertionError(f"{key}: focus did not come round in {limit} presses")
    return found


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("path", KEYBOARD_PAGES)
def test_tabbing_forwards_and_backwards_never_hides_focus_under_the_header(
    browser, real_server, path, width
):
    tab = Tab(browser, viewport={"width": width, "height": 700})
    try:
        page = tab.page
        page.goto(real_server.url + path)
        if "composer" in path:
            assert page.locator("[data-plan-items] [data-action]").count() >= 6
        covered = tab_round(page, "Tab", COVERED) + tab_round(page, "Shift+Tab", COVERED)
        assert covered == [], "\n".join(covered)
    finally:
        tab.close()


# Every page type (PAGE_TYPES below) and the guides and statement, both languages.
def reflow_pages() -> list[str]:
    pages = [*PAGE_TYPES.values(), "accessibility/", "guide-hosting/", "guide-write-a-module/"]
    return pages + ["en/" + p for p in pages if p != "404.html"]


# Material's <html> hides what overflows sideways, so a page that is too wide is also
# cut off rather than scrolled: what is drawn past the right edge, outside a box that
# scrolls on its own (a code block; 1.4.10 lets those scroll).
CUT_OFF = """() => [...document.querySelectorAll('.md-container *')].filter(el => {
  const r = el.getBoundingClientRect();
  if (r.right <= innerWidth + 1 || r.width === 0 || !el.checkVisibility({visibilityProperty: true}))
    return false;
  for (let p = el.parentElement; p && p !== document.body; p = p.parentElement)
    if (['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(p).overflowX)) return false;
  return true;
}).map(el => el.tagName + '.' + el.className + ' to ' + Math.round(el.getBoundingClientRect().right))"""


@pytest.mark.browser
def test_every_page_type_reflows_at_320_px_without_horizontal_scrolling(browser, real_server):
    tab = Tab(browser, viewport={"width": 320, "height": 640})
    try:
        page = tab.page
        wide = []
        for path in reflow_pages():
            page.goto(real_server.url + path)
            if path.endswith("quiz/"):
                answer_the_quiz(page)
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > 320:
                wide.append(f"{path}: {width} px")
            wide += [f"{path}: {cut}" for cut in page.evaluate(CUT_OFF)]
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


# --- Target size (2.5.8) on every page type ------------------------------------------------

# One page of each type, with what a learner or trainer has done on it first.
PAGE_TYPES = {
    "home": "",
    "course": "course/",
    "module": "modules/leadership-gym/",
    "quiz": "modules/leadership-gym/quiz/",
    "guide": "modules/leadership-gym/guide/",
    "plan": "plans/leadership-gym-30/",
    "plans": "plans/",
    "composer": "composer/?items=trust-control-inventory,break-10,gym-training-habit",
    "journal": "journal/",
    "topics": "topics/",
    "topic": "topics/trust/",
    "glossary": "glossary/",
    "about": "about/",
    "404": "404.html",
}

# Every control that is drawn, as [description, rect, undersized, what it activates:
# a label and its control are one target]; a link inside a
# sentence (its block has text of its own besides links) is left out, as 2.5.8 allows
# ("inline"), and so is a control drawn with no size of its own (a visually hidden
# input whose label is the target is measured as the label).
TARGETS_24 = """() => {
  const sel = 'a[href], button, input:not([type=hidden]), select, textarea, summary, label[for],'
    + ' [tabindex]:not([tabindex="-1"])';
  const drawn = el => el.checkVisibility({visibilityProperty: true, opacityProperty: true})
    && el.getClientRects().length > 0 && getComputedStyle(el).pointerEvents !== 'none';
  const blockOf = el => { let b = el.parentElement;
    while (b && getComputedStyle(b).display.startsWith('inline')) b = b.parentElement;
    return b; };
  const inline = el => {
    if (el.tagName !== 'A' || getComputedStyle(el).display !== 'inline') return false;
    const block = blockOf(el);
    if (!block) return false;
    const copy = block.cloneNode(true);
    copy.querySelectorAll('a, button, input, select, summary').forEach(n => n.remove());
    return copy.textContent.replace(/[\\s\\u00a0–—·|,.:;()]+/g, '').length > 0;
  };
  const out = [];
  for (const el of document.querySelectorAll(sel)) {
    if (!drawn(el) || inline(el)) continue;
    const r = el.getBoundingClientRect();
    if (r.width <= 1 && r.height <= 1) continue;  // visually hidden: its label is measured
    const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + ' "'
      + (el.textContent || el.value || el.getAttribute('aria-label') || '').trim().slice(0, 30) + '"';
    out.push([name, [r.left + scrollX, r.top + scrollY, r.width, r.height],
      r.width < 23.5 || r.height < 23.5, el.htmlFor || el.id || null]);
  }
  return out;
}"""


def too_small(targets) -> list[str]:
    """Undersized targets that fail 2.5.8's spacing exception: the 24 px circle round
    the centre of each intersects another target or another undersized one's circle."""
    problems = []
    for i, (name, (x, y, w, h), small, *key) in enumerate(targets):
        if not small:
            continue
        cx, cy = x + w / 2, y + h / 2
        for j, (other, (ox, oy, ow, oh), other_small, *other_key) in enumerate(targets):
            if i == j or (key and key[0] and key == other_key):
                continue
            # Distance from the centre to the other target's box.
            dx = max(ox - cx, 0, cx - (ox + ow))
            dy = max(oy - cy, 0, cy - (oy + oh))
            near = (dx * dx + dy * dy) ** 0.5 < 12
            if other_small:
                ocx, ocy = ox + ow / 2, oy + oh / 2
                near = near or ((cx - ocx) ** 2 + (cy - ocy) ** 2) ** 0.5 < 24
            # A control inside another (a label's input) is one target.
            inside = ox <= x and oy <= y and ox + ow >= x + w and oy + oh >= y + h
            around = x <= ox and y <= oy and x + w >= ox + ow and y + h >= oy + oh
            if near and not inside and not around:
                problems.append(f"{name} ({w:.0f}×{h:.0f}) is too close to {other}")
                break
    return problems


@pytest.mark.unit
def test_the_spacing_exception_is_measured_as_wcag_describes():
    big = ["big", [0, 0, 40, 40], False]
    # 20×20 with its centre 20 px from a big target: the 24 px circle stays clear.
    assert too_small([big, ["a", [50, 10, 20, 20], True]]) == []
    # The same 10 px from it: the circle reaches into the other target.
    assert too_small([big, ["a", [40, 10, 20, 20], True]]) == ["a (20×20) is too close to big"]
    # A label and its control are one target.
    assert too_small([["i", [0, 0, 16, 16], True, "x"], ["l", [18, 0, 90, 16], True, "x"]]) == []
    # Two undersized targets whose centres are 20 px apart: their circles overlap.
    assert too_small([["a", [0, 0, 16, 16], True], ["b", [20, 0, 16, 16], True]]) != []
    assert too_small([["a", [0, 0, 16, 16], True], ["b", [30, 0, 16, 16], True]]) == []


def answer_the_quiz(page):
    page.locator("[data-question] input").first.check()
    page.locator("[data-action=check-all]").click()
    page.locator("[data-result]:not(:empty)").first.wait_for()


@pytest.mark.browser
@pytest.mark.parametrize(("lang", "width"), [("sv", 1280), ("sv", 390), ("en", 1280), ("en", 390)])
def test_every_control_is_24_px_or_spaced_apart(browser, real_server, lang, width):
    tab = Tab(browser, viewport={"width": width, "height": 800})
    try:
        page = tab.page
        failures = []
        for kind, path in PAGE_TYPES.items():
            page.goto(real_server.url + ("en/" if lang == "en" and kind != "404" else "") + path)
            if kind == "quiz":
                answer_the_quiz(page)
            targets = page.evaluate(TARGETS_24)
            assert len(targets) >= 2, kind  # a page has links
            failures += [f"{kind}: {p}" for p in too_small(targets)]
        assert failures == [], "\n".join(failures)
    finally:
        tab.close()


# --- axe after using the pages ---------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("prefix", ["", "en/"])
def test_no_axe_violations_after_using_the_quiz_the_journal_and_the_composer(
    browser, real_server, prefix, scheme
):
    from conftest import axe_violations
    from playwright.sync_api import expect

    tab = Tab(browser, color_scheme=scheme, viewport={"width": 1280, "height": 800})
    try:
        page = tab.page
        found = {}
        # The quiz: a wrong answer and a right one, checked.
        page.goto(real_server.url + prefix + "modules/leadership-gym/quiz/")
        page.locator("#q-why-a-gym-cheaper-than-courses").check()
        page.locator("#q-what-onlive-means-online-live-all-in").check()
        page.locator("[data-action=check-all]").click()
        page.locator(".leda-option.is-wrong").first.wait_for()
        found["quiz"] = axe_violations(page)
        # A note written on a module, then the journal that lists it.
        page.goto(real_server.url + prefix + "modules/leadership-gym/")
        note = page.locator("#note-gym-training-habit")
        note.fill("Tre saker jag vill träna.")
        note.blur()
        found["module"] = axe_violations(page)
        page.goto(real_server.url + prefix + "journal/")
        expect(page.locator("#journal-note-leadership-gym--gym-training-habit")).to_have_value(
            "Tre saker jag vill träna."
        )
        found["journal"] = axe_violations(page)
        # The composer: exercises and a break added with its buttons, one moved.
        page.goto(real_server.url + prefix + "composer/")
        adds = page.locator("[data-add]")
        for i in (0, 3, 7):
            adds.nth(i).click()
        page.locator("[data-add-kind=break]").click()
        assert page.locator("[data-plan-items] > li").count() == 4
        page.locator("[data-plan-items] [data-action]").first.focus()
        found["composer"] = axe_violations(page)
        assert {k: v for k, v in found.items() if v} == {}
    finally:
        tab.close()


@pytest.mark.browser
def test_the_closed_drawer_takes_no_focus_and_the_open_one_does(browser, real_server):
    tab = Tab(browser, viewport={"width": 390, "height": 700})
    try:
        page = tab.page
        page.goto(real_server.url + "modules/leadership-gym/")
        # With navigation.tabs the drawer's top level holds the audiences' sections and
        # opens at the current page's list (the track): its first link is what the
        # learner sees first (the top level's first link lies underneath, covered).
        link = page.locator(
            ".md-sidebar--primary .md-nav__list:has(> .md-nav__item > .md-nav__link--active)"
            " > .md-nav__item > a.md-nav__link"
        ).first
        link.focus()
        assert not link.evaluate("a => a === document.activeElement")  # hidden: not focusable
        page.locator("label.md-header__button[for=__drawer]").click()
        link.focus()
        assert link.evaluate("a => a === document.activeElement")
        # The drawer slides in: once it is in, the link is on screen.
        page.wait_for_function(
            "a => a.getBoundingClientRect().left >= 0", arg=link.element_handle()
        )
        # Drawn where it is, not under another panel.
        assert link.evaluate(
            """a => { const r = a.getBoundingClientRect();
              return a.contains(document.elementFromPoint(r.left + r.width / 2,
                                                          r.top + r.height / 2)); }"""
        )
    finally:
        tab.close()
