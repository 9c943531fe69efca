"""Quizzes in real Chromium: feedback, score, keyboard, stored results, both languages."""

from __future__ import annotations

import re

import pytest
from conftest import BLOCKED_STORAGE, Tab, axe_violations
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

QUIZ = "modules/sample-trust/quiz/"


def question(page, qid):
    return page.locator(f"[data-question={qid}]")


def test_wrong_answer_shows_feedback_in_words(tab, fixture_server):
    page = tab.page
    page.goto(fixture_server.url + QUIZ)
    q = question(page, "trust-meaning")
    expect(q.locator("[data-feedback]").first).to_be_hidden()  # with JS: after checking
    q.get_by_label("Att allt är tillåtet").check()
    q.get_by_role("button", name="Rätta frågan").click()
    result = q.locator("[data-result]")
    expect(result).to_contain_text("Inte riktigt.")
    expect(result).to_contain_text("Rätt svar: Att chefen släpper makt och medarbetarna tar ansvar")
    expect(q.locator("[data-option=anything-goes] .leda-option__verdict")).to_have_text(
        "Fel alternativ · Ditt val"
    )
    expect(q.locator("[data-option=anything-goes] [data-feedback]")).to_have_attribute("open", "")
    expect(q.locator("[data-option=anything-goes] [data-feedback]")).to_contain_text(
        "tillit är inte"
    )
    expect(q.get_by_role("button", name="Försök igen")).to_be_focused()
    assert tab.errors == []


def test_right_answers_give_the_score(tab, fixture_server):
    page = tab.page
    page.goto(fixture_server.url + QUIZ)
    question(page, "trust-meaning").get_by_label(re.compile("släpper makt")).check()
    levels = question(page, "trust-levels")
    levels.get_by_label("Individ").check()
    levels.get_by_label("Grupp").check()
    budget = question(page, "trust-budget")
    budget.get_by_label("Utforskar behovet tillsammans").check()
    page.get_by_role("button", name="Rätta alla frågor").click()
    expect(question(page, "trust-meaning").locator("[data-result]")).to_have_text("Rätt!")
    expect(levels.locator("[data-result]")).to_have_text("Rätt!")
    # A scenario has no right answer: the reasoning behind the choice is shown instead.
    expect(budget.locator("[data-result]")).to_contain_text("Öppnar för egna lösningar.")
    score = page.locator("[data-score]")
    expect(score).to_have_text("Du har 2 av 2 rätt.")
    expect(score).to_be_focused()


def test_partly_right_multiple_choice(tab, fixture_server):
    page = tab.page
    page.goto(fixture_server.url + QUIZ)
    levels = question(page, "trust-levels")
    levels.get_by_label("Individ").check()
    levels.get_by_role("button", name="Rätta frågan").click()
    expect(levels.locator("[data-result]")).to_contain_text("Delvis rätt")
    expect(levels.locator("[data-result]")).to_contain_text("Rätta svar: Individ; Grupp")


def test_the_quiz_works_with_the_keyboard_alone(tab, fixture_server):
    page = tab.page
    page.goto(fixture_server.url + QUIZ)
    q = question(page, "trust-meaning")
    q.locator("input").first.focus()
    page.keyboard.press("ArrowDown")  # radio group: moves to and selects the second option
    expect(q.locator("[data-option=shared-responsibility] input")).to_be_checked()
    for _ in range(20):
        page.keyboard.press("Tab")
        if q.get_by_role("button", name="Rätta frågan").evaluate(
            "b => b === document.activeElement"
        ):
            break
    else:
        pytest.fail("Tab never reached the check button")
    page.keyboard.press("Enter")
    expect(q.locator("[data-result]")).to_have_text("Rätt!")
    retry = q.get_by_role("button", name="Försök igen")
    expect(retry).to_be_focused()
    page.keyboard.press("Enter")
    expect(q.locator("[data-result]")).to_have_text("")
    expect(q.locator("input").first).to_be_focused()


def test_result_is_kept_after_reload_and_in_the_other_language(tab, fixture_server):
    page = tab.page
    page.goto(fixture_server.url + QUIZ)
    q = question(page, "trust-meaning")
    q.get_by_label("Att allt är tillåtet").check()
    q.get_by_role("button", name="Rätta frågan").click()
    page.reload()
    q = question(page, "trust-meaning")
    expect(q.locator("[data-option=anything-goes] input")).to_be_checked()
    expect(q.locator("[data-result]")).to_contain_text("Inte riktigt.")
    expect(page.locator("[data-score]")).to_contain_text("Du har 0 av 2 rätt.")
    page.goto(fixture_server.url + "en/" + QUIZ)
    q = question(page, "trust-meaning")
    expect(q.locator("[data-option=anything-goes] input")).to_be_checked()
    expect(q.locator("[data-result]")).to_contain_text("Not quite.")
    expect(page.locator("[data-score]")).to_contain_text("You have 0 of 2 right.")


def test_quiz_works_when_storage_is_blocked(browser, fixture_server):
    tab = Tab(browser)
    try:
        tab.page.add_init_script(BLOCKED_STORAGE)
        tab.page.goto(fixture_server.url + QUIZ)
        expect(tab.page.locator("[data-leda-storage-note]")).to_be_visible()
        q = question(tab.page, "trust-meaning")
        q.get_by_label(re.compile("släpper makt")).check()
        q.get_by_role("button", name="Rätta frågan").click()
        expect(q.locator("[data-result]")).to_have_text("Rätt!")
        assert tab.errors == []
    finally:
        tab.close()


def test_no_axe_violations_before_and_after_answering(tab, fixture_server):
    page = tab.page
    for prefix in ("", "en/"):
        page.goto(fixture_server.url + prefix + QUIZ)
        assert axe_violations(page) == []
        page.locator("[data-question=trust-meaning] input").first.check()
        page.locator("[data-question=trust-levels] input").first.check()
        page.locator("[data-action=check-all]").click()
        assert axe_violations(page) == []


def test_without_javascript_the_feedback_is_reachable(browser, fixture_server):
    tab = Tab(browser, java_script_enabled=False)
    try:
        page = tab.page
        page.goto(fixture_server.url + QUIZ)
        q = question(page, "trust-meaning")
        expect(q.locator("legend")).to_contain_text("Vad betyder tillitsbaserat ledarskap?")
        expect(q.get_by_role("button", name="Rätta frågan")).to_be_hidden()
        details = q.locator("[data-option=anything-goes] [data-feedback]")
        details.locator("summary").click()
        expect(details).to_contain_text("Fel alternativ. Nej, tillit är inte ”vad som helst”.")
        expect(page.locator("noscript, .leda-quiz__nojs").first).to_be_attached()
    finally:
        tab.close()
