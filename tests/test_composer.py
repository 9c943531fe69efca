"""The workshop composer in Chromium: a whole workshop made with the keyboard alone,
its address, its printout (a PDF read back), axe, and screenshots at two widths.

Screenshots and PDF pages go to ``LEDA_SHOTS`` when it names a folder (to look at
them), otherwise to the test's temporary folder.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import Tab, axe_violations
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

# The tool's own text: none of it may be printed.
TOOL_TEXT = {
    "sv": [
        "Sätt ihop en workshop",
        "Ge workshoppen ett namn",
        "Lägg till",
        "Flytta upp",
        "Ta bort",
        "Välj övningar",
        "Kopiera länken",
        "Länk till planen",
        "Skriv ut plan",
        "Du kan ändra rubrik",
        "minuter kvar att planera",
        "Tillagd",
        "Dubblett",
        "Rubrik",
    ],
    "en": [
        "Compose a workshop",
        "Give the workshop a title",
        "Add",
        "Move up",
        "Remove",
        "Choose exercises",
        "Copy the link",
        "Link to the plan",
        "You can change the title",
        "minutes left to plan",
        "Duplicate",
    ],
}


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    folder = os.environ.get("LEDA_SHOTS")
    path = Path(folder) if folder else tmp_path_factory.mktemp("shots")
    path.mkdir(parents=True, exist_ok=True)
    return path


def agenda_rows(page) -> list[list[str]]:
    rows = page.locator("[data-agenda] tbody tr")
    return [
        [c.strip() for c in rows.nth(i).locator("td").all_inner_texts()]
        for i in range(rows.count())
    ]


def press(page, selector: str, key: str = "Enter") -> None:
    """Move the keyboard's focus to ``selector`` and press ``key`` there."""
    page.locator(selector).focus()
    page.keyboard.press(key)


def retype(page, selector: str, text: str) -> None:
    page.locator(selector).focus()
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


def compose(page) -> None:
    """Title, date, an intro, two exercises, a duplicate, a break, reordered: keys only."""
    retype(page, "[data-session] input[name=title]", "Tillit i ledningsgruppen")
    page.keyboard.press("Tab")  # the date comes next
    expect(page.locator("[data-session] input[name=date]")).to_be_focused()
    page.keyboard.type("03122026")  # Chromium's date field here: month, day, year
    expect(page.locator("[data-session] input[name=date]")).to_have_value("2026-03-12")
    retype(page, "[data-session] input[name=length]", "60")

    press(page, "[data-add-kind=intro]")
    expect(page.locator("[data-kind-added]")).to_have_text("Tillagd: Inledning (10 min)")
    retype(page, "[data-field=title][data-index='0']", "Välkommen, alla")
    retype(page, "[data-field=minutes][data-index='0']", "5")

    press(page, "[data-exercise=trust-inventory] [data-add]")
    expect(page.locator("[data-exercise=trust-inventory] [data-added]")).to_have_text(
        "Tillagd: Kartlägg kontrollen (10 min)"
    )
    press(page, "[data-exercise=trust-pair] [data-add]", " ")
    press(page, "[data-exercise=trust-inventory] [data-add]")
    expect(page.locator("[data-exercise=trust-inventory] [data-added]")).to_have_text(
        "Tillagd igen: Kartlägg kontrollen (10 min). Övningen finns nu 2 gånger i planen."
    )
    press(page, "[data-add-kind=break]")
    expect(page.locator("[data-kind-added]")).to_have_text("Tillagd: Paus (10 min)")

    # The duplicate is marked in words; the first occurrence is not.
    items = page.locator("[data-plan-items] > li")
    expect(items).to_have_count(5)
    expect(items.nth(3)).to_contain_text("Dubblett: övningen finns redan som moment 2.")
    expect(items.nth(1).locator(".leda-composer__duplicate")).to_have_count(0)

    # Move the break up twice: focus follows it, and the move is announced.
    press(page, "[data-plan-items] button[aria-label='Flytta upp Paus']")
    expect(page.locator("[data-action=up][data-index='3']")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("[data-action=up][data-index='2']")).to_be_focused()
    expect(page.locator("[data-plan-status]")).to_have_text("Paus är nu moment 3 av 5.")
    # Move the intro down once and back up: at the top its up button is off, so
    # the focus lands on its down button.
    press(page, "[data-action=down][data-index='0']")
    expect(page.locator("[data-action=down][data-index='1']")).to_be_focused()
    page.keyboard.press("Shift+Tab")
    expect(page.locator("[data-action=up][data-index='1']")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("[data-action=down][data-index='0']")).to_be_focused()


EXPECTED = [
    ["09:00–09:05", "Inledning: Välkommen, alla", "5"],
    ["09:05–09:15", "Övning: Kartlägg kontrollen", "10"],
    ["09:15–09:25", "Paus", "10"],
    ["09:25–09:40", "Övning: Samtal om tillit", "15"],
    ["09:40–09:50", "Övning: Kartlägg kontrollen", "10"],
]


def test_a_whole_workshop_with_the_keyboard_round_trips_in_the_address(
    browser, fixture_server, shots
):
    tab = Tab(browser, locale="sv-SE")
    try:
        page = tab.page
        page.goto(fixture_server.url + "composer/")
        compose(page)
        assert agenda_rows(page) == EXPECTED
        expect(page.locator("[data-fit]")).to_have_text(
            "10 minuter kvar att planera, till exempel för inledning och avslutning."
        )
        params = parse_qs(urlsplit(page.url).query)
        assert params["title"] == ["Tillit i ledningsgruppen"]
        assert params["date"] == ["2026-03-12"] and params["length"] == ["60"]
        assert params["items"] == [
            "intro-5:Välkommen%2C alla,trust-inventory,break-10,trust-pair,trust-inventory"
        ]
        # The address alone brings the same workshop back, in a new tab.
        again = Tab(browser, locale="sv-SE")
        try:
            again.page.goto(page.url)
            assert agenda_rows(again.page) == EXPECTED
            expect(again.page.locator("input[name=title]")).to_have_value(
                "Tillit i ledningsgruppen"
            )
            expect(again.page.locator("input[name=date]")).to_have_value("2026-03-12")
            expect(again.page.locator("[data-field=title][data-index='0']")).to_have_value(
                "Välkommen, alla"
            )
            assert again.errors == []
        finally:
            again.close()
        # Too long: the plan says so in words.
        retype(page, "[data-session] input[name=length]", "45")
        expect(page.locator("[data-fit]")).to_have_text("Planen är 5 minuter för lång för passet.")
        retype(page, "[data-session] input[name=length]", "60")
        page.set_viewport_size({"width": 1280, "height": 900})
        page.locator("[data-leda-composer]").screenshot(path=str(shots / "composer-sv-1280.png"))
        assert tab.errors == []
    finally:
        tab.close()


def test_an_address_of_the_first_format_still_opens(tab, fixture_server):
    page = tab.page
    page.goto(
        fixture_server.url
        + "composer/?start=10:00&length=45&items=trust-inventory,break-10,trust-pair,gone"
    )
    assert agenda_rows(page) == [
        ["10:00–10:10", "Övning: Kartlägg kontrollen", "10"],
        ["10:10–10:20", "Paus", "10"],
        ["10:20–10:35", "Övning: Samtal om tillit", "15"],
    ]
    expect(page.locator("[data-plan-unknown]")).to_contain_text("gone")


def test_a_run_opens_in_the_composer_from_the_module_page(tab, real_server):
    page = tab.page
    page.goto(real_server.url + "en/modules/from-control-to-trust/")
    page.locator(".leda-facilitator summary").click()
    page.get_by_role("link", name="Open in the composer: A 120-minute session").click()
    expect(page).to_have_url(re.compile(r"/en/composer/\?title="))
    expect(page.locator("input[name=title]")).to_have_value(
        "From control to trust – A 120-minute session"
    )
    rows = agenda_rows(page)
    assert rows[0] == [
        "09:00–09:05",
        "Introduction: A reflection pause, then the question about trust",
        "5",
    ]
    assert rows[4] == ["09:40–09:50", "Break", "10"]
    assert rows[5] == ["09:50–10:10", "Exercise: Locked in by the frame budget", "20"]
    assert rows[-1] == ["10:55–11:00", "Close: One decision to hand over next week", "5"]
    expect(page.locator("[data-fit]")).to_have_text("The plan fills the session exactly.")
    assert tab.errors == []


def pdf_text(pdf: Path) -> str | None:
    """The PDF's text by poppler's pdftotext, a parser made by others (None without it)."""
    if not shutil.which("pdftotext"):
        return None
    return subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_the_printout_is_an_agenda_and_a_handout_without_the_tool(browser, fixture_server, shots):
    tab = Tab(browser, locale="sv-SE")
    try:
        page = tab.page
        page.goto(fixture_server.url + "composer/")
        compose(page)
        page.emulate_media(media="print")
        printed = page.locator("body").inner_text()
        for text in (
            "Tillit i ledningsgruppen",
            "torsdag 12 mars 2026 kl. 09:00–10:00",
            "Längd: 60 minuter",
        ):
            assert text in printed, text
        for text in TOOL_TEXT["sv"]:
            assert text not in printed, text
        pdf = shots / "composer-sv.pdf"
        page.pdf(path=str(pdf), format="A4")
        data = pdf.read_bytes()
        assert data.startswith(b"%PDF-")
        pages = len(re.findall(rb"/Type\s*/Page[^s]", data))
        assert pages >= 2  # the handout starts on a page of its own
        text = pdf_text(pdf)
        if text is not None:
            flat = re.sub(r"\s+", " ", text)
            assert flat.startswith("Tillit i ledningsgruppen torsdag 12 mars 2026 kl. 09:00–10:00")
            for row in EXPECTED:
                assert re.search(re.escape(row[0]) + r"\s+" + re.escape(row[1]), text), row
            assert flat.count("Kartlägg kontrollen") == 3  # twice in the agenda, once handed out
            assert "Deltagarblad" in flat and "Skriv ned tre saker du kontrollerar" in flat
            for tool in TOOL_TEXT["sv"]:
                assert tool not in flat, tool
        if shutil.which("pdftoppm"):
            subprocess.run(
                ["pdftoppm", "-r", "60", "-png", str(pdf), str(shots / "composer-sv-pdf")],
                check=True,
            )
        assert tab.errors == []
    finally:
        tab.close()


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("width", [1280, 390])
def test_composer_screens_have_no_axe_violations(browser, fixture_server, shots, lang, width):
    tab = Tab(browser, viewport={"width": width, "height": 900})
    try:
        page = tab.page
        prefix = "" if lang == "sv" else "en/"
        page.goto(
            fixture_server.url
            + prefix
            + "composer/?title=Workshop&date=2026-03-12&length=60"
            + "&items=intro-5:Hej,trust-inventory,break-10,trust-inventory,close-5"
        )
        expect(page.locator(".leda-composer__duplicate")).to_have_count(1)
        assert axe_violations(page) == []
        # No part of the composer is wider than the screen.
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, overflow
        page.locator("[data-leda-composer]").screenshot(
            path=str(shots / f"composer-{lang}-{width}-plan.png")
        )
        page.screenshot(path=str(shots / f"composer-{lang}-{width}-top.png"))
        assert tab.errors == []
    finally:
        tab.close()


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("width", [1280, 390])
def test_runs_on_the_module_and_guide_pages_have_no_axe_violations(
    browser, real_server, shots, lang, width
):
    tab = Tab(browser, viewport={"width": width, "height": 900})
    try:
        page = tab.page
        prefix = "" if lang == "sv" else "en/"
        page.goto(real_server.url + prefix + "modules/from-control-to-trust/")
        page.locator(".leda-facilitator summary").click()
        assert axe_violations(page) == []
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, overflow
        page.locator(".leda-runs").screenshot(path=str(shots / f"runs-{lang}-{width}-module.png"))
        page.goto(real_server.url + prefix + "modules/from-control-to-trust/guide/")
        assert axe_violations(page) == []
        page.locator("#leda-runs").scroll_into_view_if_needed()
        page.screenshot(path=str(shots / f"runs-{lang}-{width}-guide.png"))
        assert tab.errors == []
    finally:
        tab.close()
