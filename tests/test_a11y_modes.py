"""The display modes a person can ask for: forced colours (Windows contrast themes)
and reduced motion. Quiz feedback stays distinguishable without colour."""

from __future__ import annotations

import pytest
from conftest import axe_violations

QUIZ = "modules/leadership-gym/quiz/"
# The first question: one right option, and a wrong one to choose.
QUESTION, RIGHT, WRONG = "why-a-gym", "train-continuously", "cheaper-than-courses"

FEEDBACK = """([q, right, wrong]) => {
  const option = id => document.getElementById(`q-${q}-${id}`).closest('.leda-option');
  const seen = o => { const s = getComputedStyle(o);
    const mark = o.querySelector('.leda-option__verdict');
    return {classes: o.className, border: s.borderTopStyle, width: parseFloat(s.borderTopWidth),
            background: s.backgroundColor, words: mark ? mark.textContent : '',
            icon: mark ? getComputedStyle(mark, '::before').content : ''}; };
  return {forced: matchMedia('(forced-colors: active)').matches,
          right: seen(option(right)), wrong: seen(option(wrong))};
}"""


def answered(browser, url, forced: str):
    context = browser.new_context(reduced_motion="reduce", forced_colors=forced)
    page = context.new_page()
    page.goto(url)
    page.locator(f"#q-{QUESTION}-{WRONG}").check()
    page.locator(f"[data-question={QUESTION}] [data-action=check]").click()
    page.locator(f"[data-question={QUESTION}] [data-result]:not(:empty)").wait_for()
    return context, page


@pytest.mark.browser
@pytest.mark.parametrize(
    ("prefix", "right", "wrong"), [("", "Rätt", "Fel"), ("en/", "Right", "Wrong")]
)
def test_quiz_feedback_is_told_apart_by_words_marks_and_borders_in_forced_colours(
    browser, real_server, prefix, right, wrong
):
    context, page = answered(browser, real_server.url + prefix + QUIZ, "active")
    try:
        seen = page.evaluate(FEEDBACK, [QUESTION, RIGHT, WRONG])
        assert seen["forced"]
        r, w = seen["right"], seen["wrong"]
        assert "is-right" in r["classes"] and "is-wrong" in w["classes"]
        # The system's colours replace Leda's: the backgrounds no longer differ ...
        assert r["background"] == w["background"]
        # ... so the words, the marks and the borders' styles must.
        assert r["words"].startswith(right) and w["words"].startswith(wrong)
        assert r["icon"] == '"✓ "' and w["icon"] == '"✗ "'
        assert r["width"] >= 2 and w["width"] >= 2
        assert (r["border"], w["border"]) == ("solid", "dashed")
        # The verdict under the question is in words, with its own border.
        result = page.locator(f"[data-question={QUESTION}] [data-result]")
        assert result.get_attribute("data-verdict") == "incorrect"
        assert result.evaluate("e => getComputedStyle(e).borderLeftStyle") == "dashed"
        # A focused control shows its outline in the system's colours.
        page.locator(f"#q-{QUESTION}-{RIGHT}").focus()
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Tab")
        outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        assert outline not in ("none", ""), outline
        assert axe_violations(page) == []
    finally:
        context.close()


@pytest.mark.browser
def test_without_forced_colours_the_feedback_also_has_its_colours(browser, real_server):
    context, page = answered(browser, real_server.url + QUIZ, "none")
    try:
        seen = page.evaluate(FEEDBACK, [QUESTION, RIGHT, WRONG])
        assert not seen["forced"]
        assert seen["right"]["background"] != seen["wrong"]["background"]
    finally:
        context.close()


# What moves on a page: transitions and animations on every element, and smooth scrolling.
MOTION = """() => {
  const moving = [];
  for (const el of [document.documentElement, ...document.querySelectorAll('body *')]) {
    for (const pseudo of [null, '::before', '::after']) {
      const s = getComputedStyle(el, pseudo);
      const long = v => v.split(',').some(d => parseFloat(d) > 0);
      if (long(s.transitionDuration) || (s.animationName !== 'none' && long(s.animationDuration))
          || s.scrollBehavior === 'smooth')
        moving.push(el.tagName + '.' + el.className + (pseudo || ''));
    }
  }
  return moving;
}"""


@pytest.mark.browser
@pytest.mark.parametrize("path", ["modules/leadership-gym/", QUIZ, "en/composer/", ""])
def test_reduced_motion_stops_every_transition_animation_and_smooth_scroll(
    browser, real_server, path
):
    moving = {}
    for motion in ("no-preference", "reduce"):
        context = browser.new_context(reduced_motion=motion)
        try:
            page = context.new_page()
            page.goto(real_server.url + path)
            if path == QUIZ:
                page.locator("[data-action=check-all]").click()
            page.mouse.wheel(0, 600)  # the back-to-top button and the header's title
            page.mouse.wheel(0, -300)
            moving[motion] = page.evaluate(MOTION)
        finally:
            context.close()
    assert moving["no-preference"], "nothing moves even without the preference: check MOTION"
    assert moving["reduce"] == []
