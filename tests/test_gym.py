"""The leadership-gym programme in Chromium on the real site: ten sessions from the
course's exercises, the .ics series read back with icalendar (every date), the choice of
exercise kept in the address, the printed schedule, axe, and the page without JavaScript."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from conftest import Tab, axe_violations
from dateutil.rrule import rrulestr
from icalendar import Calendar
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

LINK = "https://meet.example/gym?room=a,b;c"


@pytest.fixture
def gym_tab(browser, real_server):
    tab = Tab(browser, accept_downloads=True)
    yield tab
    assert tab.errors == []
    assert tab.foreign_requests(real_server) == []
    assert tab.missing == []
    tab.close()


def open_gym(tab: Tab, server, lang: str = ""):
    page = tab.page
    page.goto(server.url + lang + "gym/")
    expect(page.locator("[data-settings]")).to_be_visible()
    return page


def settle(page, field: str, value: str) -> None:
    page.fill(field, value)
    page.locator(field).press("Tab")


def sessions(page) -> list[dict]:
    return [
        {
            "date": li.get_attribute("data-date"),
            "exercise": li.get_attribute("data-exercise"),
            "title": li.locator(".leda-gym__title").inner_text(),
        }
        for li in page.locator("[data-schedule] > li").all()
    ]


def calendar_of(page) -> tuple[str, Calendar]:
    with page.expect_download() as info:
        page.locator("[data-ics]").click()
    text = Path(info.value.path()).read_bytes().decode("utf-8")
    calendar = Calendar.from_ical(text)
    for component in calendar.walk():
        assert component.errors == [], component.errors
    return info.value.suggested_filename, calendar


def test_ten_weekly_sessions_with_one_calendar_series(gym_tab, real_server):
    page = open_gym(gym_tab, real_server)
    settle(page, "#gym-from", "2026-03-02")  # a Monday; the sessions are on Tuesdays
    settle(page, "#gym-time", "08:00")
    settle(page, "#gym-link", LINK)
    schedule = sessions(page)
    assert len(schedule) == 10
    assert len({s["exercise"] for s in schedule}) == 10, "ten different exercises"
    assert schedule[0]["date"] == "2026-03-03"
    expect(page.locator("[data-when]")).to_have_text("Varje tisdag kl. 08:00–08:30 · 10 pass")
    expect(page.locator("[data-live]")).to_have_text(f"Digitalt möte: {LINK}")
    # Each session trains something and comes from a module of the course.
    for li in page.locator("[data-schedule] > li").all():
        expect(li).to_contain_text("Tränar: ")
        expect(li).to_contain_text("Ur modulen ")
        expect(li.locator(".leda-gym__blocks")).to_contain_text("5 min Dagens vana")
        href = li.locator(".leda-gym__title a").get_attribute("href")
        assert re.fullmatch(r"\.\./modules/[a-z-]+/#" + li.get_attribute("data-exercise"), href)

    name, calendar = calendar_of(page)
    assert name == "ledarskapsgymmet.ics"
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Stockholm"]
    (event,) = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Ledarskapsgymmet"
    assert event["RRULE"]["FREQ"] == ["WEEKLY"] and event["RRULE"]["COUNT"] == [10]
    assert "INTERVAL" not in event["RRULE"]
    assert str(event["URL"]) == LINK
    assert str(event["LOCATION"]) == LINK
    start = event["DTSTART"].dt
    assert event["DTEND"].dt - start == dt.timedelta(minutes=30)
    starts = list(rrulestr(event["RRULE"].to_ical().decode(), dtstart=start))
    assert [s.date().isoformat() for s in starts] == [s["date"] for s in schedule]
    for s in starts:  # Tuesdays at 08:00 in Stockholm, before and after summer time begins
        assert (s.weekday(), s.hour, s.minute) == (1, 8, 0)
    offsets = {s.utcoffset() for s in starts}
    assert offsets == {dt.timedelta(hours=1), dt.timedelta(hours=2)}
    # The description lists the sessions in order, with what each trains.
    description = str(event["DESCRIPTION"])
    lines = [line for line in description.splitlines() if line.startswith("Pass ")]
    assert len(lines) == 10
    for n, (line, s) in enumerate(zip(lines, schedule, strict=True), start=1):
        assert line.startswith(f"Pass {n}, ")
        assert s["title"] in line and "Tränar: " in line


def test_a_chosen_exercise_changes_the_schedule_and_calendar_and_stays_in_the_address(
    gym_tab, real_server
):
    page = open_gym(gym_tab, real_server, "en/")
    settle(page, "#gym-from", "2026-09-01")
    page.select_option("#gym-every", "2")
    settle(page, "#gym-sessions", "4")
    schedule = sessions(page)
    assert len(schedule) == 4
    assert [s["date"] for s in schedule] == ["2026-09-01", "2026-09-15", "2026-09-29", "2026-10-13"]
    options = page.locator("#gym-exercise-2 option").all()
    choice = next(
        o.get_attribute("value")
        for o in options
        if o.get_attribute("value") not in {s["exercise"] for s in schedule}
    )
    page.focus("#gym-exercise-2")
    page.evaluate("document.getElementById('gym-exercise-2').dataset.mark = 'same'")
    page.select_option("#gym-exercise-2", choice)
    # The schedule is not rebuilt under the keyboard: the same select keeps the focus.
    expect(page.locator("#gym-exercise-2")).to_be_focused()
    expect(page.locator("#gym-exercise-2")).to_have_attribute("data-mark", "same")
    after = sessions(page)
    assert after[1]["exercise"] == choice
    assert [s["exercise"] for i, s in enumerate(after) if i != 1] == [
        s["exercise"] for i, s in enumerate(schedule) if i != 1
    ]
    _, calendar = calendar_of(page)
    (event,) = calendar.walk("VEVENT")
    assert event["RRULE"]["INTERVAL"] == [2] and event["RRULE"]["COUNT"] == [4]
    assert after[1]["title"] in str(event["DESCRIPTION"])
    uid = str(event["UID"])
    # The programme lives after the #: a reload brings it back, the same series.
    assert "#gym=" in page.url
    page.reload()
    assert sessions(page) == after
    _, again = calendar_of(page)
    assert str(again.walk("VEVENT")[0]["UID"]) == uid
    # Longer sessions: the share in small groups grows.
    settle(page, "#gym-minutes", "45")
    expect(page.locator("[data-schedule] > li").first.locator(".leda-gym__blocks")).to_contain_text(
        "Share in small groups"
    )
    settle(page, "#gym-minutes", "15")
    expect(page.locator("[data-errors] li")).to_have_text(
        re.compile(r"No exercise fits a session that short\. Choose at least \d+ minutes\.")
    )
    expect(page.locator("[data-schedule] > li")).to_have_count(0)
    expect(page.locator("#gym-minutes")).to_have_attribute("aria-invalid", "true")
    assert axe_violations(page) == []


def test_the_schedule_prints_without_the_tool(gym_tab, real_server, tmp_path):
    page = open_gym(gym_tab, real_server)
    settle(page, "#gym-link", LINK)
    schedule = sessions(page)
    page.emulate_media(media="print")
    printed = page.locator("body").inner_text()
    for n, s in enumerate(schedule, start=1):
        assert f"Pass {n} · " in printed
        assert s["title"] in printed
    assert f"Digitalt möte: {LINK}" in printed
    for tool_text in (
        "Antal pass",
        "Kalenderfil",
        "Övning i pass",
        "Länk till programmet",
        "Så går ett pass till",
    ):
        assert tool_text not in printed
    pdf = page.pdf(format="A4")
    (tmp_path / "schedule.pdf").write_bytes(pdf)
    assert 1 <= len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf)) <= 3, "a compact schedule"


@pytest.mark.parametrize("lang", ["", "en/"])
def test_the_gym_page_has_no_axe_violations(gym_tab, real_server, lang):
    page = open_gym(gym_tab, real_server, lang)
    assert axe_violations(page) == []


def test_without_javascript_a_proposal_of_ten_sessions_is_there(browser, real_server):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(real_server.url + "en/gym/")
        expect(
            page.get_by_role("heading", name="A proposal: ten sessions of 30 minutes")
        ).to_be_visible()
        expect(page.locator("[data-schedule] > li")).to_have_count(10)
        expect(page.locator("[data-schedule] > li").first).to_contain_text("Trains: ")
        expect(page.locator("noscript .leda-note")).to_contain_text("need JavaScript")
        expect(page.locator("[data-settings]")).to_be_hidden()
    finally:
        context.close()
