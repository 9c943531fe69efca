"""The trainer's tools in Chromium: deep links, the composer, printing, accessibility."""

from __future__ import annotations

import re

import pytest
from conftest import Tab, axe_violations
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_a_deep_link_lands_on_the_exercise_and_marks_it(tab, fixture_server):
    page = tab.page
    page.goto(fixture_server.url + "modules/sample-trust/#trust-group")
    heading = page.locator("#trust-group")
    expect(heading).to_be_focused()
    expect(heading).to_be_in_viewport()
    expect(page.locator("[data-leda-exercise=trust-group]")).to_have_class(re.compile("is-target"))
    expect(page.locator("[data-leda-exercise=trust-pair]")).not_to_have_class(
        re.compile("is-target")
    )


def test_copy_link_puts_the_exercise_address_on_the_clipboard(browser, fixture_server):
    tab = Tab(browser, permissions=["clipboard-read", "clipboard-write"])
    try:
        page = tab.page
        page.goto(fixture_server.url + "en/modules/sample-trust/")
        exercise = page.locator("[data-leda-exercise=trust-pair]")
        exercise.get_by_role("button", name="Copy a link to the exercise").click()
        expect(exercise.locator("[data-leda-copied]")).to_have_text(
            "The link to the exercise is copied."
        )
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied == fixture_server.url + "en/modules/sample-trust/#trust-pair"
    finally:
        tab.close()


def add(page, exercise_id: str) -> None:
    page.locator(f"[data-exercise={exercise_id}] [data-add]").click()


def agenda_rows(page) -> list[list[str]]:
    rows = page.locator("[data-agenda] tbody tr")
    return [
        [c.strip() for c in rows.nth(i).locator("td").all_inner_texts()]
        for i in range(rows.count())
    ]


def test_composer_builds_a_plan_that_lives_in_the_address(tab, fixture_server):
    page = tab.page
    page.goto(fixture_server.url + "composer/")
    add(page, "trust-inventory")
    add(page, "trust-group")
    add(page, "trust-pair")
    page.locator("[data-leda-composer] input[name=length]").fill("60")
    expect(page.locator("[data-total]")).to_have_text("45")
    assert agenda_rows(page) == [
        ["09:00–09:10", "Övning: Kartlägg kontrollen", "10"],
        ["09:10–09:30", "Övning: Gruppens egna lösningar", "20"],
        ["09:30–09:45", "Övning: Samtal om tillit", "15"],
    ]
    expect(page.locator("[data-fit]")).to_have_text(re.compile("15 minuter kvar"))
    assert (
        "items=trust-inventory%2Ctrust-group%2Ctrust-pair" in page.url
        or "items=trust-inventory,trust-group,trust-pair" in page.url
    )
    # Reload the address: the same plan comes back.
    page.goto(page.url)
    assert agenda_rows(page)[1] == ["09:10–09:30", "Övning: Gruppens egna lösningar", "20"]
    # A new start time moves the whole agenda.
    page.locator("[data-leda-composer] input[name=start]").fill("13:30")
    expect(page.locator("[data-agenda] tbody tr").first).to_contain_text("13:30–13:40")
    assert agenda_rows(page)[2][0] == "14:00–14:15"
    assert "start=13%3A30" in page.url or "start=13:30" in page.url
    # Order and length: move the last one up, make the session too short.
    page.get_by_role("button", name="Flytta upp Samtal om tillit").click()
    assert [r[1] for r in agenda_rows(page)] == [
        "Övning: Kartlägg kontrollen",
        "Övning: Samtal om tillit",
        "Övning: Gruppens egna lösningar",
    ]
    page.locator("[data-leda-composer] input[name=length]").fill("30")
    expect(page.locator("[data-fit]")).to_have_text("Planen är 15 minuter för lång för passet.")
    # The handout carries the prompts of the chosen exercises.
    expect(page.locator("[data-handout-items] section")).to_have_count(3)
    assert tab.errors == []


def test_composer_filters_the_catalogue(tab, fixture_server):
    page = tab.page
    page.goto(fixture_server.url + "en/composer/")
    page.locator("[data-filters] select[name=mode]").select_option("pair")
    expect(page.locator("[data-exercise]:visible")).to_have_count(1)
    expect(page.locator("[data-shown]")).to_have_text("1 exercises shown")
    page.locator("[data-filters] select[name=mode]").select_option("")
    page.locator("[data-filters] input[name=minutes]").fill("15")
    expect(page.locator("[data-exercise]:visible")).to_have_count(2)


def test_print_hides_the_navigation(tab, fixture_server):
    page = tab.page
    for path in ("modules/sample-trust/", "plans/trust-60/", "composer/?items=trust-inventory"):
        page.goto(fixture_server.url + path)
        page.emulate_media(media="print")
        expect(page.locator(".md-header")).to_be_hidden()
        expect(page.locator(".md-sidebar--primary")).to_be_hidden()
        # The composer prints the workshop's own title, not the tool's heading.
        title = "[data-print-title]" if path.startswith("composer") else "h1"
        expect(page.locator(title)).to_be_visible()
        if path.startswith("plans"):  # "Open in the composer" is for the screen only
            expect(page.locator(".leda-open-composer")).to_have_count(1)
            expect(page.locator(".leda-open-composer")).to_be_hidden()
        page.emulate_media(media="screen")
    page.emulate_media(media="print")
    expect(page.locator(".leda-catalogue")).to_be_hidden()
    expect(page.locator(".leda-composer__intro h1")).to_be_hidden()
    expect(page.locator("[data-handout]")).to_be_visible()


def test_plan_page_and_composer_have_no_axe_violations(tab, fixture_server):
    page = tab.page
    for path in (
        "plans/trust-60/",
        "en/plans/trust-60/",
        "modules/sample-trust/guide/",
        "composer/?items=trust-inventory,break-10,trust-pair",
        "en/composer/?title=A%20workshop&items=intro-10:Welcome,trust-pair,trust-pair@20,close-5",
        "en/plans/",
    ):
        page.goto(fixture_server.url + path)
        assert axe_violations(page) == [], path
