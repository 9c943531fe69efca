"""The learning-groups page in Chromium on the real site: paste, form, regroup, the .ics
per group (read back with icalendar), the printed cards (PDF), export, import, the link,
errors in words with their line, axe, no request leaving the page, and no JavaScript."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
from itertools import combinations
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import Tab, axe_violations
from dateutil.rrule import rrulestr
from icalendar import Calendar
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

# 13 participants pasted from a spreadsheet (tabs): five units, each led by its first person.
ROWS = [
    ("Anna Berg", "HR", ""),
    ("Bo Ek", "HR", "Anna Berg"),
    ("Cai Lund", "HR", "Anna Berg"),
    ("Dana Holm", "IT", ""),
    ("Erik Sund", "IT", "Dana Holm"),
    ("Fia Ström", "IT", "Dana Holm"),
    ("Gun Åberg", "Ekonomi", ""),
    ("Hugo Lind", "Ekonomi", "Gun Åberg"),
    ("Ida Nord", "Service", ""),
    ("Jon Vik", "Service", "Ida Nord"),
    ("Kim Dahl", "Service", "Ida Nord"),
    ("Lea Falk", "Skola", ""),
    ("Max Björk", "Skola", "Lea Falk"),
]
PASTE = "Namn\tEnhet\tChef\n" + "\n".join("\t".join(r) for r in ROWS) + "\n"
UNIT = {n: u for n, u, _ in ROWS}
MANAGER = {n: m for n, _, m in ROWS}
PLACE = "Rum 3, plan 2; hus B"
RULES_SV = [
    "Dela din egen erfarenhet.",
    "Lyssna aktivt och ställ öppna frågor innan du ger råd.",
    "Ta gemensamt ansvar för tiden.",
    "Det som sägs i gruppen stannar i gruppen.",
]
STOCKHOLM = "Europe/Stockholm"


@pytest.fixture
def groups_tab(browser, real_server):
    tab = Tab(browser, accept_downloads=True)
    yield tab
    assert tab.errors == []
    assert tab.foreign_requests(real_server) == []
    assert tab.missing == []
    tab.close()


def open_page(tab: Tab, server, lang: str = "") -> object:
    page = tab.page
    page.goto(server.url + lang + "learning-groups/")
    expect(page.locator("[data-leda-groups]")).to_be_visible()
    return page


def set_meetings(page, *, start="2026-03-02", time="17:00", count="6", place=PLACE, every="2"):
    page.select_option("#groups-every", every)
    page.fill("#groups-time", time)
    page.fill("#groups-from", start)
    page.fill("#groups-count", count)
    page.fill("#groups-place", place)
    page.locator("#groups-place").press("Tab")  # leaving the field: the change event


def cards(page) -> list[dict]:
    out = []
    for card in page.locator("[data-card]").all():
        members = [
            m.split(", ")[0] for m in card.locator("ul").first.locator("li").all_inner_texts()
        ]
        dates = [
            t.get_attribute("datetime")[:10] for t in card.locator(".leda-groups__dates time").all()
        ]
        out.append({"members": members, "dates": dates})
    return out


def pairs(groups: list[list[str]]) -> set[frozenset]:
    return {frozenset(p) for g in groups for p in combinations(g, 2)}


def download(page, locator) -> tuple[str, str]:
    with page.expect_download() as info:
        locator.click()
    d = info.value
    return d.suggested_filename, Path(d.path()).read_bytes().decode("utf-8")


def form_thirteen(page):
    page.fill("#groups-list", PASTE)
    set_meetings(page)
    page.get_by_role("button", name="Bilda grupper").click()
    expect(page.locator("[data-card]")).to_have_count(4)


def test_thirteen_participants_form_four_mixed_groups_each_with_its_calendar(
    groups_tab, real_server
):
    page = open_page(groups_tab, real_server)
    form_thirteen(page)
    expect(page.locator("[data-status]")).to_have_text(
        "13 deltagare i 4 grupper. Ingen grupp har två personer från samma enhet."
    )
    found = cards(page)
    groups = [c["members"] for c in found]
    assert sorted(len(g) for g in groups) == [3, 3, 3, 4]
    assert sorted(n for g in groups for n in g) == sorted(UNIT)
    for g in groups:
        assert len({UNIT[n] for n in g}) == len(g), f"two from one unit: {g}"
        for a, b in combinations(g, 2):
            assert MANAGER[a] != b and MANAGER[b] != a, f"{a} with their manager {b}"

    uids = set()
    for n, card in enumerate(found, start=1):
        name, text = download(page, page.locator(f"[data-ics='{n}']"))
        assert name == f"largrupp-{n}.ics"
        assert "\n" not in text.replace("\r\n", "")
        calendar = Calendar.from_ical(text)
        for component in calendar.walk():
            assert component.errors == [], component.errors
        assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == [STOCKHOLM]
        (event,) = calendar.walk("VEVENT")
        assert str(event["SUMMARY"]) == f"Lärgrupp {n}"
        assert str(event["LOCATION"]) == PLACE
        assert event["RRULE"]["FREQ"] == ["WEEKLY"]
        assert event["RRULE"]["INTERVAL"] == [2]
        assert event["RRULE"]["COUNT"] == [6]
        start = event["DTSTART"].dt
        assert event["DTSTART"].params["TZID"] == STOCKHOLM
        assert event["DTEND"].dt - start == dt.timedelta(minutes=15 * len(card["members"]))
        starts = list(rrulestr(event["RRULE"].to_ical().decode(), dtstart=start))
        # Every meeting: the date on the card, a Thursday, at 17:00 Stockholm time (CET or CEST).
        assert [s.date().isoformat() for s in starts] == card["dates"]
        assert card["dates"][0] == "2026-03-05"
        for s in starts:
            assert (s.weekday(), s.hour, s.minute) == (3, 17, 0)
            assert str(s.tzinfo) == STOCKHOLM
        description = str(event["DESCRIPTION"])
        for member in card["members"]:
            assert (
                f"{member}: berätta 5 min, utforska med frågor 5 min, råd sist 5 min" in description
            )
        for rule in RULES_SV:
            assert rule in description
        uids.add(str(event["UID"]))
    assert len(uids) == 4

    # Another time: the same events (UIDs), at the new time.
    page.fill("#groups-time", "18:30")
    page.locator("#groups-time").press("Tab")
    _, text = download(page, page.locator("[data-ics='1']"))
    (event,) = Calendar.from_ical(text).walk("VEVENT")
    assert str(event["UID"]) in uids
    assert (event["DTSTART"].dt.hour, event["DTSTART"].dt.minute) == (18, 30)


def test_the_cards_print_one_per_page_without_the_tool(groups_tab, real_server, tmp_path):
    page = open_page(groups_tab, real_server)
    form_thirteen(page)
    found = cards(page)
    page.emulate_media(media="print")
    printed = page.locator("body").inner_text()
    for n, card in enumerate(found, start=1):
        assert f"Lärgrupp {n}" in printed
        for member in card["members"]:
            assert member in printed
    for rule in RULES_SV:
        assert printed.count(rule) == 4  # on every card; the page's own list is not printed
    assert "Varannan torsdag kl. 17:00–17:45" in printed
    for tool_text in (
        "Bilda grupper",
        "Kalenderfil",
        "Öppna rundtimern",
        "Spara och dela",
        "Så bildas grupperna",
    ):
        assert tool_text not in printed
    pdf = page.pdf(format="A4")
    (tmp_path / "cards.pdf").write_bytes(pdf)
    assert len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf)) == 4, "one card per page"
    if shutil.which("pdftotext"):
        for n in range(1, 5):
            text = subprocess.run(
                ["pdftotext", "-f", str(n), "-l", str(n), tmp_path / "cards.pdf", "-"],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            assert f"Lärgrupp {n}" in text
            assert "Grundregler" in text


def test_regrouping_keeps_no_earlier_pair_when_the_list_allows(groups_tab, real_server):
    page = open_page(groups_tab, real_server)
    form_thirteen(page)
    rounds = [[c["members"] for c in cards(page)]]
    for r in (2, 3):
        page.get_by_role("button", name="Gruppera om").click()
        expect(page.locator("[data-status]")).to_contain_text(f"Omgång {r}")
        now = [c["members"] for c in cards(page)]
        met = [p for earlier in rounds for p in pairs(earlier)]
        repeated = sum(met.count(p) for p in pairs(now))
        status = page.locator("[data-status]").inner_text()
        if repeated:
            assert f"{repeated} par har suttit i samma grupp förut" in status
        else:
            assert "Ingen sitter med någon som hen har haft i sin grupp förut." in status
        assert r == 3 or repeated == 0, "13 people can be regrouped once without a repeat"
        for g in now:
            for a, b in combinations(g, 2):
                assert MANAGER[a] != b and MANAGER[b] != a
        rounds.append(now)


def test_problems_are_said_in_words_with_their_line_and_lead_to_the_field(groups_tab, real_server):
    page = open_page(groups_tab, real_server, "en/")
    page.fill("#groups-list", "Name;Unit;Manager\nAnna;HR\nBo\nanna;IT\n")
    page.get_by_role("button", name="Form groups").click()
    summary = page.locator("[data-errors]")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("heading")).to_have_text("Please fix this")
    assert summary.locator("li").all_inner_texts() == [
        "Line 3 cannot be read. Write the name, the unit and, if you like, the manager, "
        "separated by tabs or semicolons.",
        "Line 4: anna is already on line 2. Add a surname or an initial so that the names differ.",
        "A group needs at least 3 participants, and the list has 1.",
    ]
    field = page.locator("#groups-list")
    expect(field).to_have_attribute("aria-invalid", "true")
    assert "groups-errors-title" in field.get_attribute("aria-describedby")
    expect(page.locator("[data-card]")).to_have_count(0)
    # The link goes to the field and selects the line; the address keeps no #groups-list.
    summary.get_by_role("link", name=re.compile("^Line 3")).click()
    expect(field).to_be_focused()
    assert (
        page.evaluate(
            "() => { const f = document.getElementById('groups-list');"
            " return f.value.slice(f.selectionStart, f.selectionEnd); }"
        )
        == "Bo"
    )
    assert "#groups-list" not in page.url
    assert axe_violations(page) == []
    # Fixed: the groups come and the summary goes.
    field.fill("Anna;HR\nBo;IT\nCai;Sales\n")
    page.get_by_role("button", name="Form groups").click()
    expect(page.locator("[data-card]")).to_have_count(1)
    expect(summary).to_be_hidden()
    expect(field).not_to_have_attribute("aria-invalid", "true")


def test_a_manager_with_too_many_reports_is_explained(groups_tab, real_server):
    page = open_page(groups_tab, real_server, "en/")
    page.fill("#groups-list", "Maja;Board\nAnna;HR;Maja\nBo;IT;Maja\n")
    page.get_by_role("button", name="Form groups").click()
    expect(page.locator("[data-errors] li")).to_have_text(
        "Maja manages 2 of the 3 participants, so there is no group without their own staff "
        "left for Maja. Add more participants or let Maja join another round."
    )


def test_export_import_and_the_link_keep_the_names_in_the_browser(
    groups_tab, browser, real_server, tmp_path
):
    page = open_page(groups_tab, real_server)
    form_thirteen(page)
    before = cards(page)
    name, text = download(
        page, page.get_by_role("button", name="Spara listan och grupperna som fil")
    )
    assert name == "largrupper.json"
    saved = json.loads(text)
    assert (saved["app"], saved["kind"], saved["v"]) == ("leda", "learning-groups", 1)
    assert saved["groups"] == [c["members"] for c in before]
    (tmp_path / "plan.json").write_text(text, encoding="utf-8")

    link = page.locator("[data-share]").input_value()
    parts = urlsplit(link)
    assert parts.fragment.startswith("plan=")
    assert all(n.split()[0] not in parts.path + parts.query for n in UNIT)
    # No request the page made carries a name (the part after # is never sent).
    assert not [u for u in groups_tab.requests if "Berg" in u or "Ström" in u or "Str%C3%B6m" in u]

    other = Tab(browser, accept_downloads=True)
    try:
        # The link in another browser context: the same groups and meetings.
        other.page.goto(link)
        expect(other.page.locator("[data-card]")).to_have_count(4)
        assert cards(other.page) == before
        expect(other.page.locator("#groups-place")).to_have_value(PLACE)
        # The file in a fresh page.
        other.page.goto(real_server.url + "learning-groups/")
        expect(other.page.locator("[data-none]")).to_be_visible()
        bad = tmp_path / "other.json"
        bad.write_text('{"app": "leda", "kind": "journal", "v": 1}', encoding="utf-8")
        other.page.set_input_files("#groups-import", bad)
        expect(other.page.locator("[data-save-status]")).to_have_text(
            "Filen kunde inte öppnas: den är inte en fil med lärgrupper från Leda. "
            "Ingenting på sidan har ändrats."
        )
        (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
        other.page.set_input_files("#groups-import", tmp_path / "broken.json")
        expect(other.page.locator("[data-save-status]")).to_contain_text("inte en JSON-fil")
        expect(other.page.locator("[data-card]")).to_have_count(0)
        other.page.set_input_files("#groups-import", tmp_path / "plan.json")
        expect(other.page.locator("[data-save-status]")).to_have_text(
            "Filen är öppnad: 13 deltagare i 4 grupper."
        )
        assert cards(other.page) == before
        expect(other.page.locator("#groups-list")).to_have_value(PASTE)
        assert other.errors == []
        assert other.foreign_requests(real_server) == []
    finally:
        other.close()


def test_a_reload_and_the_language_switcher_keep_the_plan(groups_tab, real_server):
    page = open_page(groups_tab, real_server)
    form_thirteen(page)
    before = cards(page)
    page.reload()
    expect(page.locator("[data-card]")).to_have_count(4)
    assert cards(page) == before
    page.locator(".md-header .md-select").hover()
    page.locator("a[data-leda-switch][hreflang=en]").click()
    page.wait_for_url(re.compile("/en/learning-groups/"))
    expect(page.locator("[data-card] h4").first).to_have_text("Learning group 1")
    assert cards(page) == before
    expect(page.locator("[data-card='1'] .leda-groups__when")).to_contain_text(
        "Every other Thursday, 17:00–"
    )


@pytest.mark.parametrize("lang", ["", "en/"])
def test_the_page_in_use_has_no_axe_violations(groups_tab, real_server, lang):
    page = open_page(groups_tab, real_server, lang)
    assert axe_violations(page) == []
    page.fill("#groups-list", PASTE)
    page.locator("[data-people] button[type=submit]").click()
    expect(page.locator("[data-card]")).to_have_count(4)
    page.fill("#groups-count", "0")
    page.locator("#groups-count").press("Tab")
    expect(page.locator("[data-errors]")).to_be_visible()
    assert axe_violations(page) == []


def test_the_timer_link_on_a_card_carries_the_names_after_the_hash(groups_tab, real_server):
    page = open_page(groups_tab, real_server)
    form_thirteen(page)
    members = cards(page)[0]["members"]
    page.get_by_role("link", name="Öppna rundtimern för lärgrupp 1").click()
    page.wait_for_url(re.compile("/timer/#names="))
    expect(page.locator("[data-name]")).to_have_text(members[0])
    expect(page.locator("#timer-names")).to_have_value("\n".join(members))


def test_without_javascript_the_method_and_the_rules_are_there(browser, real_server):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(real_server.url + "learning-groups/")
        expect(page.get_by_role("heading", name="Grundregler")).to_be_visible()
        for rule in RULES_SV:
            expect(page.get_by_text(rule)).to_be_visible()
        expect(page.locator("noscript .leda-note")).to_be_visible()
        expect(page.locator("noscript .leda-note")).to_contain_text(
            "Att bilda grupper, göra kalenderfiler och skriva ut kort kräver JavaScript."
        )
        expect(page.locator("[data-leda-groups]")).to_be_hidden()
    finally:
        context.close()
