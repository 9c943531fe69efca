"""Quizzes in real Chromium: feedback, score, keyboard, stored results, both languages."""

from __future__ import annotations

import json
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
    # The right answers in the options' order, which the build sets (seeded by the ids).
    expect(levels.locator("[data-result]")).to_contain_text(
        re.compile("Rätta svar: (Individ; Grupp|Grupp; Individ)$")
    )


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


# ---- Stored results: full, blocked, read-only or unreadable storage ----------------

PREFIX = "leda:/:"  # data.js's keys on the test server (site root "/")
QUOTA_ZERO = (
    "Storage.prototype.setItem = function () {"
    " throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };"
)
READ_ONLY = (
    "for (const f of ['setItem', 'removeItem']) Storage.prototype[f] = function () {"
    " throw new DOMException('Writing is not allowed', 'SecurityError'); };"
)
FULL_SV = "Webbläsarens lagring är full, så resultatet är inte sparat."


def leda_stored(page) -> dict[str, str]:
    """Leda's keys in localStorage, raw (without what fills it)."""
    return page.evaluate(
        "p => Object.fromEntries(Object.keys(localStorage).filter(k => k.startsWith(p))"
        ".map(k => [k, localStorage.getItem(k)]))",
        PREFIX,
    )


def put(page, name: str, value) -> None:
    raw = value if isinstance(value, str) else json.dumps(value)
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [PREFIX + name, raw])


def fill_storage(page) -> None:
    """Fill this origin's localStorage to the last character, as a learner's can be."""
    page.evaluate(
        "() => { let n = 1 << 20, i = 0; while (n >= 1) {"
        " try { localStorage.setItem('filler-' + i, 'x'.repeat(n)); i++; }"
        " catch (e) { n = Math.floor(n / 2); } } }"
    )


def answer_all(page) -> None:
    question(page, "trust-meaning").get_by_label(re.compile("släpper makt")).check()
    question(page, "trust-levels").get_by_label("Individ").check()
    page.get_by_role("button", name="Rätta alla frågor").click()


@pytest.mark.parametrize("how", ["full", "quota zero"])
def test_a_result_that_cannot_be_stored_is_said_in_words_and_stays_on_screen(
    browser, fixture_server, how
):
    tab = Tab(browser)
    try:
        page = tab.page
        page.goto(fixture_server.url + QUIZ)
        if how == "full":
            fill_storage(page)
        else:
            tab.context.add_init_script(QUOTA_ZERO)
        page.reload()
        answer_all(page)
        score = page.locator("[data-score]")
        expect(score).to_have_text(re.compile(r"^Du har 1 av 2 rätt\. " + FULL_SV))
        expect(page.locator("[data-leda-storage-note]")).to_be_visible()
        expect(page.locator("[data-leda-storage-note]")).to_contain_text(FULL_SV)
        expect(question(page, "trust-levels").get_by_label("Individ")).to_be_checked()
        expect(question(page, "trust-levels").locator("[data-result]")).to_contain_text(
            "Delvis rätt"
        )
        assert leda_stored(page) == {}
        assert tab.errors == []
    finally:
        tab.close()


def test_english_says_so_too(browser, fixture_server):
    tab = Tab(browser)
    try:
        page = tab.page
        tab.context.add_init_script(QUOTA_ZERO)
        page.goto(fixture_server.url + "en/" + QUIZ)
        question(page, "trust-meaning").get_by_label(re.compile("gives up power")).check()
        question(page, "trust-meaning").get_by_role("button", name="Check this question").click()
        expect(page.locator("[data-score]")).to_have_text(
            "You have 1 of 2 right. The browser's storage is full, so your result is not saved."
            " Your answers stay here until you leave the page – export your journal and free"
            " some space if you want to keep them."
        )
    finally:
        tab.close()


def test_an_unreadable_result_is_not_overwritten_when_it_cannot_be_backed_up(tab, fixture_server):
    page = tab.page
    page.goto(fixture_server.url + QUIZ)
    broken = '{"v": 1, "questions": {"trust-meaning": ' + "x" * 3000  # longer than a new result
    put(page, "quiz:sample-trust", broken)
    fill_storage(page)
    page.reload()
    note = page.locator("[data-leda-storage-note]")
    expect(note).to_contain_text("kunde inte göra en säkerhetskopia")
    answer_all(page)
    expect(note).to_contain_text("kunde inte göra en säkerhetskopia")
    assert leda_stored(page) == {PREFIX + "quiz:sample-trust": broken}
    assert tab.errors == []


def test_an_unreadable_result_is_backed_up_once_however_often_the_quiz_is_opened(
    tab, fixture_server
):
    page = tab.page
    page.goto(fixture_server.url + QUIZ)
    put(page, "quiz:sample-trust", "{broken")
    for _ in range(4):
        page.reload()
        expect(page.locator("[data-leda-storage-note]")).to_contain_text("gick inte att läsa")
    data = leda_stored(page)
    assert [k for k in data if "unreadable" in k] == []
    backups = [json.loads(v) for k, v in data.items() if k.startswith(PREFIX + "backup:")]
    assert [(b["name"], b["raw"]) for b in backups] == [("quiz:sample-trust", "{broken")]
    assert data[PREFIX + "quiz:sample-trust"] == "{broken"  # untouched until answered
    answer_all(page)
    expect(page.locator("[data-leda-storage-note]")).to_be_hidden()  # saved as usual
    assert json.loads(leda_stored(page)[PREFIX + "quiz:sample-trust"])["v"] == 1


@pytest.mark.parametrize("questions", ["abc", 5, [1, 2]])
def test_a_stored_result_of_the_wrong_shape_is_kept_and_saving_works(
    tab, fixture_server, questions
):
    page = tab.page
    page.goto(fixture_server.url + QUIZ)
    wrong = json.dumps({"v": 1, "questions": questions})
    put(page, "quiz:sample-trust", wrong)
    page.reload()
    answer_all(page)
    expect(page.locator("[data-score]")).to_have_text("Du har 1 av 2 rätt.")
    data = leda_stored(page)
    saved = json.loads(data[PREFIX + "quiz:sample-trust"])
    assert sorted(saved["questions"]) == ["trust-levels", "trust-meaning"]
    backups = [json.loads(v) for k, v in data.items() if k.startswith(PREFIX + "backup:")]
    assert [b["raw"] for b in backups] == [wrong]
    assert tab.errors == []


def test_a_partly_right_answer_does_not_count_as_right(tab, fixture_server):
    page = tab.page
    page.goto(fixture_server.url + QUIZ)
    question(page, "trust-meaning").get_by_label(re.compile("släpper makt")).check()
    levels = question(page, "trust-levels")
    levels.get_by_label("Individ").check()
    levels.get_by_label("Grupp").check()
    levels.get_by_label("Vädret").check()  # both right ones, and a wrong one
    page.get_by_role("button", name="Rätta alla frågor").click()
    expect(levels.locator("[data-result]")).to_contain_text("Delvis rätt")
    expect(page.locator("[data-score]")).to_have_text("Du har 1 av 2 rätt.")
    page.reload()
    expect(page.locator("[data-score]")).to_have_text(
        "Du har 1 av 2 rätt. Ditt senaste resultat finns kvar från förra gången."
    )


def test_answers_to_questions_and_options_that_are_gone_stay_stored_untouched(tab, fixture_server):
    page = tab.page
    page.goto(fixture_server.url + QUIZ)
    at = "2024-05-01T08:00:00.000Z"
    old = {
        "v": 1,
        "questions": {
            "a-question-rewritten": {"chosen": ["yes"], "verdict": "correct", "at": at},
            "trust-meaning": {"chosen": ["an-option-rewritten"], "verdict": "correct", "at": at},
            "trust-levels": {"chosen": ["individual", "gone"], "verdict": "correct", "at": at},
        },
    }
    put(page, "quiz:sample-trust", old)
    page.reload()
    meaning = question(page, "trust-meaning")
    expect(meaning.locator("[data-result]")).to_have_text("")  # nothing shown for it
    expect(meaning.locator("input:checked")).to_have_count(0)
    levels = question(page, "trust-levels")
    expect(levels.get_by_label("Individ")).to_be_checked()
    expect(levels.locator("[data-result]")).to_contain_text("Delvis rätt")
    budget = question(page, "trust-budget")
    budget.get_by_label("Säger nej direkt").check()
    budget.get_by_role("button", name="Rätta frågan").click()
    saved = json.loads(leda_stored(page)[PREFIX + "quiz:sample-trust"])
    assert {q: saved["questions"][q] for q in old["questions"]} == old["questions"]
    assert saved["questions"]["trust-budget"]["chosen"] == ["say-no"]
    assert tab.errors == []


def test_with_storage_that_can_only_be_read_the_stored_result_is_shown(tab, fixture_server):
    page = tab.page
    page.goto(fixture_server.url + QUIZ)
    at = "2024-05-01T08:00:00.000Z"
    put(
        page,
        "quiz:sample-trust",
        {
            "v": 1,
            "questions": {
                "trust-meaning": {"chosen": ["anything-goes"], "verdict": "incorrect", "at": at}
            },
        },
    )
    before = leda_stored(page)
    tab.context.add_init_script(READ_ONLY)
    page.reload()
    expect(question(page, "trust-meaning").get_by_label("Att allt är tillåtet")).to_be_checked()
    expect(page.locator("[data-leda-storage-note]")).to_contain_text("låter inte Leda spara")
    answer_all(page)
    expect(page.locator("[data-score]")).to_contain_text(
        "resultatet försvinner när du lämnar sidan"
    )
    assert leda_stored(page) == before
    assert tab.errors == []
