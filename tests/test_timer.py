"""The round timer in Chromium on the real site, with Playwright's clock: keyboard only,
whose turn and the time left, no moving on by itself unless the visible setting says so,
turn changes announced (and not every second), wake lock, axe, dark and forced colours."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from conftest import Tab, axe_violations
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

MINUTE = 60_000
START = dt.datetime(2026, 3, 5, 17, 0, tzinfo=dt.UTC)
# Names in the address, as a learning group's card links them: the part after # only.
NAMES = "#names=Anna+Berg%0ABo+Ek%0ACai+Lund&minutes=15"

# Every text the live region says, in order (a MutationObserver, empty texts left out).
LISTEN = """() => {
  window.said = [];
  const region = document.querySelector('[data-announce]');
  new MutationObserver(() => {
    const text = region.textContent.trim();
    if (text) window.said.push(text);
  }).observe(region, {childList: true, subtree: true, characterData: true});
}"""


@pytest.fixture
def timer_tab(browser, real_server):
    tab = Tab(browser)
    yield tab
    assert tab.errors == []
    assert tab.foreign_requests(real_server) == []
    tab.close()


def open_timer(tab: Tab, server, lang: str = "en/", names: str = NAMES):
    page = tab.page
    page.clock.install(time=START)
    page.clock.pause_at(START + dt.timedelta(minutes=1))  # time moves when the test says so
    page.goto(server.url + lang + "timer/" + names)
    expect(page.locator("[data-leda-timer]")).to_be_visible()
    page.evaluate(LISTEN)
    return page


def axe(page) -> list[dict]:
    """axe-core waits on timers of its own: let the clock run while it checks."""
    page.clock.resume()
    try:
        return axe_violations(page)
    finally:
        now = page.evaluate("Date.now()") / 1000
        page.clock.pause_at(dt.datetime.fromtimestamp(now + 1, dt.UTC))


def said(page) -> list[str]:
    return page.evaluate("window.said")


def shows(page, name: str, phase: str, clock: str) -> None:
    expect(page.locator("[data-name]")).to_have_text(name)
    expect(page.locator("[data-phase]")).to_have_text(phase)
    expect(page.locator("[data-clock]")).to_have_text(clock)


def test_a_round_run_from_the_keyboard_alone(timer_tab, real_server):
    page = open_timer(timer_tab, real_server)
    shows(page, "Anna Berg", "Tell", "5:00")
    expect(page.locator("[data-turn]")).to_have_text("Turn 1 of 3 · Then: Bo Ek")
    expect(page.locator("#timer-auto")).not_to_be_checked()

    page.keyboard.press("Space")  # start
    expect(page.locator("[data-toggle]")).to_have_text("Pause")
    assert said(page) == ["Anna Berg: Tell, 5 minutes."]
    page.clock.run_for(MINUTE)
    expect(page.locator("[data-clock]")).to_have_text("4:00")
    page.clock.run_for(3 * MINUTE + 30_000)
    expect(page.locator("[data-clock]")).to_have_text("0:30")
    assert said(page) == ["Anna Berg: Tell, 5 minutes."], "nothing said while time runs"

    # The time runs out: said once, and the timer stays with Anna's first phase.
    page.clock.run_for(30_000)
    expect(page.locator("[data-clock]")).to_have_text("0:00")
    page.clock.run_for(45_000)
    shows(page, "Anna Berg", "Tell", "0:00")
    expect(page.locator("[data-over]")).to_have_text("0:45 over time")
    assert said(page)[1:] == ["Time is up for Anna Berg: Tell."]

    page.keyboard.press("1")  # one more minute, counted from now, not from the overrun
    expect(page.locator("[data-clock]")).to_have_text("1:00")
    expect(page.locator("[data-over]")).to_have_text("")
    page.keyboard.press("5")
    expect(page.locator("[data-clock]")).to_have_text("6:00")
    assert said(page)[2:] == ["One more minute.", "5 more minutes."]

    page.keyboard.press("Space")  # pause: the time stands still
    expect(page.locator("[data-toggle]")).to_have_text("Resume")
    page.clock.run_for(2 * MINUTE)
    expect(page.locator("[data-clock]")).to_have_text("6:00")
    expect(page.locator("[data-over]")).to_have_text("Paused")
    page.keyboard.press("Space")
    page.clock.run_for(MINUTE)
    expect(page.locator("[data-clock]")).to_have_text("5:00")

    page.keyboard.press("n")
    shows(page, "Anna Berg", "Explore with questions", "5:00")
    expect(page.locator("[data-hint]")).to_have_text(
        "The others ask Anna Berg open questions. No advice yet."
    )
    assert said(page)[-1] == "Anna Berg: Explore with questions, 5 minutes."

    # Switch on moving by itself, with the keyboard: Tab to the setting, Space.
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "timer-auto":
            break
    expect(page.locator("#timer-auto")).to_be_focused()
    page.keyboard.press("Space")
    expect(page.locator("#timer-auto")).to_be_checked()
    page.keyboard.press("n")  # the shortcuts work on the checkbox too
    shows(page, "Anna Berg", "Advice last", "5:00")
    page.clock.run_for(5 * MINUTE + 500)
    shows(page, "Bo Ek", "Tell", re.compile(r"^[45]:\d\d$"))
    expect(page.locator("[data-turn]")).to_have_text("Turn 2 of 3 · Then: Cai Lund")
    assert said(page)[-1] == "Bo Ek: Tell, 5 minutes."

    # On to the end with N: the last phase, then the round is over.
    for _ in range(5):
        page.keyboard.press("n")
    shows(page, "Cai Lund", "Advice last", "5:00")
    expect(page.locator("[data-turn]")).to_have_text("Turn 3 of 3 · The round's last phase")
    page.keyboard.press("n")
    expect(page.locator("[data-name]")).to_have_text("The round is finished. Thank you!")
    assert said(page)[-1] == "The round is finished. Thank you!"
    expect(page.locator("[data-toggle]")).to_be_disabled()


def test_the_round_is_set_up_in_the_form_with_phases_that_split_the_time(timer_tab, real_server):
    page = open_timer(timer_tab, real_server, lang="", names="")
    expect(page.locator("[data-name]")).to_have_text("Skriv minst ett namn.")
    expect(page.locator("[data-toggle]")).to_be_disabled()
    page.get_by_role("button", name="Ställ in rundan").click()
    expect(page.locator("[data-error]")).to_be_focused()
    expect(page.locator("[data-error]")).to_have_text("Skriv minst ett namn.")
    expect(page.locator("#timer-names")).to_have_attribute("aria-invalid", "true")

    page.fill("#timer-names", "Dana\n\nErik\n")
    page.fill("#timer-minutes", "12")
    expect(page.locator("#timer-tell")).to_have_value("4")
    expect(page.locator("#timer-explore")).to_have_value("4")
    expect(page.locator("#timer-advice")).to_have_value("4")
    page.fill("#timer-advice", "2")
    expect(page.locator("#timer-minutes")).to_have_value("10")
    page.fill("#timer-tell", "0")  # a phase of 0 minutes is left out
    page.get_by_role("button", name="Ställ in rundan").click()
    expect(page.locator("[data-error]")).to_be_hidden()
    assert said(page)[-1] == "Rundan är inställd: 2 personer, 6 minuter var."
    shows(page, "Dana", "Utforska med frågor", "4:00")
    page.get_by_role("button", name="Starta").click()
    page.get_by_role("button", name="Nästa").click()
    shows(page, "Dana", "Råd sist", "2:00")
    page.get_by_role("button", name="Nästa").click()
    shows(page, "Erik", "Utforska med frågor", "4:00")
    page.get_by_role("button", name="+5 minuter").click()
    expect(page.locator("[data-clock]")).to_have_text("9:00")
    page.get_by_role("button", name="Börja om").click()
    shows(page, "Dana", "Utforska med frågor", "4:00")
    expect(page.locator("[data-toggle]")).to_have_text("Starta")

    page.fill("#timer-explore", "")
    page.get_by_role("button", name="Ställ in rundan").click()
    expect(page.locator("[data-error]")).to_contain_text("Skriv hela minuter")
    expect(page.locator("#timer-explore")).to_have_attribute("aria-invalid", "true")


def test_the_screen_is_kept_awake_or_the_page_says_it_cannot(browser, real_server):
    tab = Tab(browser)
    try:
        page = tab.page
        page.add_init_script("delete Navigator.prototype.wakeLock;")
        page.goto(real_server.url + "en/timer/" + NAMES)
        page.get_by_role("button", name="Start", exact=True).click()
        expect(page.locator("[data-wake]")).to_have_text(
            "This browser cannot keep the screen awake. Change the screen's sleep setting "
            "if it turns off during the meeting."
        )
        expect(page.locator("[data-toggle]")).to_have_text("Pause")
        assert tab.errors == []
    finally:
        tab.close()
    tab = Tab(browser)
    try:
        page = tab.page
        page.add_init_script(
            """Object.defineProperty(Navigator.prototype, 'wakeLock', {get() { return {
                 request: (type) => { window.locked = type; const l = new EventTarget();
                   l.release = () => { window.released = true; return Promise.resolve(); };
                   return Promise.resolve(l); } }; }});"""
        )
        page.goto(real_server.url + "en/timer/" + NAMES)
        page.get_by_role("button", name="Start", exact=True).click()
        expect(page.locator("[data-wake]")).to_have_text(
            "The screen stays awake while the timer runs."
        )
        assert page.evaluate("window.locked") == "screen"
        page.get_by_role("button", name="Pause").click()
        assert page.evaluate("window.released") is True
        assert tab.errors == []
    finally:
        tab.close()


@pytest.mark.parametrize("lang", ["", "en/"])
def test_the_timer_has_no_axe_violations_running_and_over_time(timer_tab, real_server, lang):
    page = open_timer(timer_tab, real_server, lang=lang)
    assert axe(page) == []
    page.keyboard.press("Space")
    page.clock.run_for(6 * MINUTE)
    expect(page.locator("[data-over]")).not_to_have_text("")
    assert axe(page) == []
    # The shortcuts are on the page, in words.
    keys = page.locator(".leda-timer__keys dl")
    expect(keys).to_contain_text("N")
    expect(keys).to_contain_text("Mellanslag" if lang == "" else "Space")


@pytest.mark.parametrize(
    "media",
    [{"color_scheme": "dark"}, {"forced_colors": "active"}],
    ids=["dark", "forced-colours"],
)
def test_the_display_keeps_its_contrast_in_dark_mode_and_forced_colours(
    timer_tab, real_server, media
):
    page = timer_tab.page
    page.emulate_media(**media)
    page = open_timer(timer_tab, real_server)
    colours = page.evaluate(
        """() => { const s = getComputedStyle(document.querySelector('[data-clock]'));
                   const d = getComputedStyle(document.querySelector('[data-display]'));
                   return [s.color, d.backgroundColor, parseFloat(s.fontSize)]; }"""
    )
    assert colours[0] != colours[1]
    assert colours[2] >= 64, "the time is large on a shared screen"
    assert axe(page) == []


def test_without_javascript_the_page_explains_a_round(browser, real_server):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(real_server.url + "en/timer/")
        expect(page.get_by_role("heading", name="How a round works")).to_be_visible()
        expect(page.locator("noscript .leda-note")).to_contain_text(
            "The round timer needs JavaScript."
        )
        expect(page.locator("[data-leda-timer]")).to_be_hidden()
    finally:
        context.close()
