"""The learner's journey on the real site in Chromium: continue where you left off, done
means done, commitments and their follow-up a week later, the calendar file, the record.

Everything is stored through data.js (place:last, done:<module>, commitment:<module>,
name:record); a module is done only when the learner marks it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from conftest import BLOCKED_STORAGE as BLOCKED
from conftest import Tab, axe_violations
from icalendar import Calendar
from playwright.sync_api import expect

PREFIX = "leda:/:"
MODULE = "modules/from-control-to-trust/"
NEXT = "modules/passionate-leadership/"
QUIZ = MODULE + "quiz/"
COURSE = "course/"
JOURNAL = "journal/"
RECORD = "record/"
START = dt.datetime(2026, 12, 2, 10, 0)  # the clock of the tests that move it
SHOTS = Path(tempfile.gettempdir()) / "leda-journey-shots"  # to look at, not committed
FULL_STORAGE = (
    "Storage.prototype.setItem = function () {"
    " throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };"
)


def stored(page, name: str):
    raw = page.evaluate("(k) => localStorage.getItem(k)", PREFIX + name)
    return None if raw is None else json.loads(raw)


def put(page, name: str, value) -> None:
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [PREFIX + name, json.dumps(value)])


def shoot(page, name: str, locator=None) -> None:
    """Screenshots to look at, 1280 and 390 px wide."""
    SHOTS.mkdir(exist_ok=True)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        target = locator or page
        target.screenshot(path=str(SHOTS / f"{name}-{width}.png"))
    page.set_viewport_size({"width": 1280, "height": 900})


# ---- Continue where you left off -----------------------------------------------------


def test_a_first_visit_offers_nothing_then_the_course_offers_to_continue_there(tab, real_server):
    page = tab.page
    page.goto(real_server.url + COURSE)
    expect(page.locator("[data-leda-progress-text]")).to_have_text("0 av 13 moduler klara")
    expect(page.locator("[data-leda-continue]")).to_be_hidden()  # nothing to continue
    page.goto(real_server.url + MODULE)
    page.evaluate("() => document.getElementById('tre-nivaer-samtidigt').scrollIntoView()")
    page.wait_for_function(
        "() => (localStorage.getItem('leda:/:place:last') || '').includes('tre-nivaer')"
    )
    place = stored(page, "place:last")
    assert place["module"] == "from-control-to-trust" and place["lang"] == "sv"
    assert place["title"] == "Tre nivåer samtidigt" and place["v"] == 1
    page.goto(real_server.url + COURSE)
    box = page.locator("[data-leda-continue]")
    expect(box).to_be_visible()
    expect(box).to_contain_text("Fortsätt där du slutade: Från kontroll till tillit – Tre nivåer")
    expect(box.locator("[data-continue-next-link]")).to_have_text("Passionerat ledarskap")
    # The next module not done, in the course's order: a done one is skipped.
    put(page, "done:passionate-leadership", {"v": 1, "done": True, "updated": None})
    page.reload()
    expect(box.locator("[data-continue-next-link]")).to_have_text("Synlig och dold potential")
    assert axe_violations(page) == []
    shoot(page, "course-continue-sv", box)
    box.locator("[data-continue-link]").click()
    expect(page).to_have_url(re.compile(r"/modules/from-control-to-trust/#tre-nivaer-samtidigt$"))
    # In English: the module's English title; the Swedish heading is not named.
    page.goto(real_server.url + "en/" + COURSE)
    expect(page.locator("[data-continue-link]")).to_have_text("From control to trust")
    assert axe_violations(page) == []
    assert tab.errors == []


def test_every_module_and_quiz_page_ends_with_its_next_step(real_site):
    html = real_site.html(MODULE + "index.html")
    end = html[html.index('class="leda-next"') :]
    assert 'href="quiz/"' in end and "Gör kunskapstestet" in end
    assert "Nästa modul: Passionerat ledarskap" in end and 'href="../passionate-leadership/"' in end
    quiz = real_site.html(QUIZ + "index.html")
    end = quiz[quiz.index('class="leda-next"') :]
    assert "Tillbaka till modulen: Från kontroll till tillit" in end
    assert "Nästa modul: Passionerat ledarskap" in end
    last = real_site.html("en/modules/needs-based-sales/index.html")
    assert "This is the last module of the course" in last and 'href="../../record/"' in last


# ---- Done means done ---------------------------------------------------------------


def test_the_done_button_says_what_it_will_do_and_the_state_what_is(tab, real_server):
    page = tab.page
    page.goto(real_server.url + MODULE)
    button = page.locator("[data-leda-done-toggle]")
    state = page.locator("[data-leda-done-text]")
    expect(button).to_have_text("Markera som klar")
    expect(state).to_have_text("Inte klar ännu")
    expect(state).to_have_attribute("aria-live", "polite")
    button.click()
    expect(button).to_have_text("Markera som inte klar")
    expect(state).to_have_text(re.compile(r"^Klar \d{1,2} [a-zåäö]+ \d{4}$"))
    assert stored(page, "done:from-control-to-trust")["done"] is True
    # A done mark in the navigation, with a text alternative.
    nav = page.locator(
        ".md-nav__link[data-leda-done-mark], .md-nav__link:has([data-leda-done-mark])"
    )
    expect(nav).to_have_count(1)
    expect(nav.locator(".leda-sr-only")).to_have_text(" (klar)")
    page.goto(real_server.url + COURSE)
    expect(page.locator("[data-leda-track-progress=trust]")).to_have_text("1 av 3 klara")
    expect(page.locator("[data-leda-progress-text]")).to_have_text("1 av 13 moduler klara")
    page.goto(real_server.url + MODULE)
    button.click()
    expect(button).to_have_text("Markera som klar")
    expect(state).to_have_text("Inte klar ännu")
    expect(nav).to_have_count(0)
    page.goto(real_server.url + "en/" + MODULE)
    expect(button).to_have_text("Mark as done")
    expect(state).to_have_text("Not done yet")
    assert tab.errors == []


def test_a_low_quiz_score_leaves_the_module_not_done(tab, real_server):
    page = tab.page
    page.goto(real_server.url + QUIZ)
    for question in page.locator("[data-question]").all():  # a wrong option where there is one
        wrong = question.locator("[data-correct=false] input")
        (wrong if wrong.count() else question.locator("input")).first.check()
    page.get_by_role("button", name="Rätta alla frågor").click()
    expect(page.locator("[data-score]")).to_contain_text("Du har 0 av")
    offer = page.locator("[data-leda-quiz-done]")
    expect(offer).to_be_visible()
    expect(offer.get_by_role("button")).to_have_text("Markera som klar")
    expect(offer.locator("[data-leda-done-text]")).to_have_text("Inte klar ännu")
    assert stored(page, "done:from-control-to-trust") is None
    assert axe_violations(page) == []
    page.goto(real_server.url + COURSE)
    card = page.locator(".leda-card[data-leda-module=from-control-to-trust] .leda-card__state")
    expect(card).to_have_text("Status: Påbörjad · kunskapstestet är gjort")
    expect(page.locator("[data-leda-progress-text]")).to_have_text("0 av 13 moduler klara")
    # The learner decides: the offer marks it.
    page.goto(real_server.url + QUIZ)
    expect(offer).to_be_visible()  # the stored answers are all there
    offer.get_by_role("button").click()
    expect(offer.locator("[data-leda-done-text]")).to_have_text(re.compile(r"^Klar \d"))
    assert stored(page, "done:from-control-to-trust")["done"] is True
    assert tab.errors == []


# ---- Commitments and follow-up ---------------------------------------------------------


def near(page):
    """The commitment, scrolled to: its code (commitment.js) loads as it nears the screen."""
    box = page.locator("[data-leda-commitment]")
    box.scroll_into_view_if_needed()
    expect(box.locator("[data-commitment-list]")).to_be_hidden()  # the form has them now
    return box


def commit(page, option: str | None, own: str = "", due: str | None = None) -> None:
    box = near(page)
    if option:
        box.get_by_label(option).check()
    else:
        box.get_by_label("Ditt eget åtagande").fill(own)
    if due:
        box.get_by_label("Dag för uppföljning").fill(due)
    box.get_by_role("button", name="Spara åtagandet").click()
    expect(box.locator("[data-commitment-status]")).to_have_text("Åtagandet är sparat.")


def test_a_commitment_is_followed_up_a_week_later_and_kept_everywhere(browser, real_server):
    first, second = Tab(browser, accept_downloads=True), Tab(browser, accept_downloads=True)
    try:
        page = first.page
        page.clock.install(time=START)
        page.goto(real_server.url + MODULE)
        assert page.evaluate("() => !!document.querySelector('script[src*=commitment]')") is False
        box = near(page)
        expect(box.get_by_label("Dag för uppföljning")).to_have_value("2026-12-09")  # a week on
        assert axe_violations(page) == []  # the form
        shoot(page, "module-commitment-form-sv", box)
        commit(page, "Stryk eller förenkla en kontroll som ingen har nytta av.")
        expect(box.locator("[data-commitment-made]")).to_contain_text(
            "Leda frågar hur det gick från och med 9 december 2026."
        )
        saved = stored(page, "commitment:from-control-to-trust")
        assert saved["option"] == "remove-a-check" and saved["due"] == "2026-12-09"
        assert saved["answer"] is None
        assert axe_violations(page) == []
        shoot(page, "module-commitment-sv", box)
        page.reload()  # not yet: no follow-up before the day
        expect(page.locator("[data-leda-followup]")).to_have_count(0)

        page.clock.fast_forward(8 * 24 * 3600 * 1000)
        page.goto(real_server.url + COURSE)  # any page
        prompt = page.get_by_role("region", name="Uppföljning av ditt åtagande")
        expect(prompt).to_be_visible()
        expect(prompt).to_contain_text("För 8 dagar sedan bestämde du dig för att göra det här:")
        expect(prompt).to_contain_text("Stryk eller förenkla en kontroll som ingen har nytta av.")
        expect(prompt.get_by_role("link", name="Från kontroll till tillit")).to_be_visible()
        assert page.locator("dialog[open], [aria-modal=true]").count() == 0  # not a modal
        assert prompt.locator("xpath=ancestor::*[@role='dialog']").count() == 0
        assert axe_violations(page) == []
        shoot(page, "followup-sv", prompt)
        prompt.get_by_role("button", name="Spara svaret").click()
        expect(prompt.locator("[data-followup-status]")).to_have_text("Välj hur det gick först.")
        prompt.get_by_label("Delvis").check()
        prompt.get_by_label("Anteckning (om du vill)").fill("Halvvägs.\n<b>Nästa gång</b> hela.")
        prompt.get_by_role("button", name="Spara svaret").click()
        expect(prompt.locator("[data-followup-status]")).to_have_text(
            "Tack! Ditt svar är sparat i Min dagbok."
        )
        expect(prompt.locator("[data-followup-form]")).to_be_hidden()
        answer = stored(page, "commitment:from-control-to-trust")["answer"]
        assert answer["result"] == "partly" and answer["note"].startswith("Halvvägs.\n<b>")
        page.reload()
        expect(page.locator("[data-leda-followup]")).to_have_count(0)  # answered: gone

        page.goto(real_server.url + JOURNAL)
        item = page.locator(".leda-journal__commitment")
        expect(item.locator("h3")).to_have_text("Från kontroll till tillit")
        expect(item).to_contain_text("Hur det gick (10 december 2026): Delvis")
        expect(item.locator("[data-commitment-note]")).to_have_text(
            "Halvvägs.\n<b>Nästa gång</b> hela."
        )
        assert axe_violations(page) == []
        with page.expect_download() as info:
            page.get_by_role("button", name="Exportera som Markdown").click()
        markdown = Path(info.value.path()).read_text(encoding="utf-8")
        assert "## Dina åtaganden\n\n### Från kontroll till tillit\n\n" in markdown
        assert "Hur det gick (10 december 2026): Delvis" in markdown
        assert "Halvvägs.\\\n\\<b\\>Nästa gång\\</b\\> hela." in markdown
        with page.expect_download() as info:
            page.get_by_role("button", name="Exportera säkerhetskopia (JSON)").click()
        backup = Path(info.value.path()).read_bytes()
        data = json.loads(backup)
        exported = data["commitments"]["from-control-to-trust"]
        assert exported["text"] == "Stryk eller förenkla en kontroll som ingen har nytta av."
        assert exported["answer"]["result"] == "partly"

        # A fresh browser: the commitment and how it went come back with the import.
        fresh = second.page
        fresh.goto(real_server.url + JOURNAL)
        expect(fresh.locator("[data-journal-empty]")).to_be_visible()
        expect(fresh.locator("[data-journal-buttons]")).to_be_hidden()  # nothing to export
        fresh.locator("#journal-import").set_input_files(
            files=[{"name": "b.json", "mimeType": "application/json", "buffer": backup}]
        )
        expect(fresh.locator("[data-journal-message]")).to_contain_text("Importen är klar.")
        expect(fresh.locator(".leda-journal__commitment")).to_contain_text(
            "Hur det gick (10 december 2026): Delvis"
        )
        fresh.goto(real_server.url + MODULE)
        near(fresh)
        expect(fresh.locator("[data-commitment-made]")).to_contain_text(
            "Du har följt upp det 10 december 2026: delvis."
        )
        assert first.errors == [] and second.errors == []
    finally:
        first.close()
        second.close()


def test_later_puts_the_follow_up_off_for_a_day_and_english_counts_a_week(tab, real_server):
    page = tab.page
    page.clock.install(time=START)
    page.goto(real_server.url + "en/" + MODULE)
    box = near(page)
    box.get_by_label("Your own commitment").fill("Ask Sam to run Monday's meeting")
    expect(box.get_by_label("Something of my own")).to_be_checked()
    box.get_by_role("button", name="Save the commitment").click()
    expect(box.locator("[data-commitment-status]")).to_have_text("Your commitment is saved.")
    assert stored(page, "commitment:from-control-to-trust")["option"] is None
    assert axe_violations(page) == []
    shoot(page, "module-commitment-en", box)
    page.clock.fast_forward(7 * 24 * 3600 * 1000)
    page.goto(real_server.url + "en/" + JOURNAL)
    prompt = page.get_by_role("region", name="Following up your commitment")
    expect(prompt).to_contain_text("A week ago you decided to do this:")
    assert axe_violations(page) == []
    shoot(page, "followup-en", prompt)
    prompt.get_by_role("button", name="Ask me tomorrow").click()
    expect(prompt.locator("[data-followup-status]")).to_have_text("Leda will ask again tomorrow.")
    page.reload()
    expect(page.locator("[data-leda-followup]")).to_have_count(0)
    page.clock.fast_forward(25 * 3600 * 1000)
    page.reload()
    expect(page.locator("[data-leda-followup]")).to_have_count(1)
    assert tab.errors == []


def test_a_commitment_that_cannot_be_stored_stays_on_the_page_and_says_so(browser, real_server):
    tab = Tab(browser)
    try:
        tab.context.add_init_script(FULL_STORAGE)
        page = tab.page
        page.goto(real_server.url + MODULE)
        box = near(page)
        box.get_by_label("Stryk eller förenkla en kontroll som ingen har nytta av.").check()
        box.get_by_role("button", name="Spara åtagandet").click()
        expect(box.locator("[data-commitment-status]")).to_contain_text("lagring är full")
        expect(box.locator("[data-commitment-text]")).to_have_text(
            "Stryk eller förenkla en kontroll som ingen har nytta av."
        )  # kept on the page while it is open
        assert tab.errors == []
    finally:
        tab.close()


def test_a_followed_up_commitment_is_kept_when_a_new_one_is_made(tab, real_server):
    page = tab.page
    page.goto(real_server.url + MODULE)
    old = {
        "v": 1,
        "text": "Förra veckans",
        "option": None,
        "due": "2026-11-01",
        "made": "2026-10-25T09:00:00.000Z",
        "updated": "2026-11-02T09:00:00.000Z",
        "later": None,
        "answer": {"result": "done", "note": "", "at": "2026-11-02T09:00:00.000Z"},
    }
    put(page, "commitment:from-control-to-trust", old)
    page.reload()
    box = near(page)
    expect(box.locator("[data-commitment-when]")).to_contain_text("jag gjorde det")
    box.get_by_role("button", name="Ändra").click()
    commit(page, "Stryk eller förenkla en kontroll som ingen har nytta av.")
    backups = page.evaluate("() => Leda.data.backups()")
    assert [json.loads(b["raw"])["text"] for b in backups] == ["Förra veckans"]
    assert tab.errors == []


def test_the_commitment_s_calendar_file_reads_back_with_icalendar(browser, real_server):
    tab = Tab(browser, accept_downloads=True)
    try:
        page = tab.page
        page.goto(real_server.url + MODULE)
        assert page.evaluate("() => typeof window.LedaIcs") == "undefined"  # loaded on demand
        commit(page, "Stryk eller förenkla en kontroll som ingen har nytta av.", due="2027-01-15")
        with page.expect_download() as info:
            page.get_by_role("button", name="Lägg till i kalendern (.ics)").click()
        assert info.value.suggested_filename == "leda-atagande-2027-01-15.ics"
        text = Path(info.value.path()).read_bytes()
        calendar = Calendar.from_ical(text)
        events = [c for c in calendar.walk() if c.name == "VEVENT"]
        assert len(events) == 1
        event = events[0]
        assert str(event["SUMMARY"]) == "Stryk eller förenkla en kontroll som ingen har nytta av."
        start = event.decoded("DTSTART")
        assert start.date() == dt.date(2027, 1, 15) and start.hour == 9
        assert str(start.tzinfo) in ("Europe/Stockholm", "CET") or start.utcoffset()
        assert "Från kontroll till tillit" in str(event["DESCRIPTION"])
        assert str(event["URL"]).endswith("/modules/from-control-to-trust/")
        alarms = [c for c in event.walk() if c.name == "VALARM"]
        assert len(alarms) == 1 and str(alarms[0]["ACTION"]) == "DISPLAY"
        expect(page.locator("[data-commitment-status]")).to_contain_text("leda-atagande-2027-01-15")
        assert tab.errors == [] and tab.foreign_requests(real_server) == []
    finally:
        tab.close()


# ---- The record of completion -----------------------------------------------------------


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", pdf))


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_the_record_prints_on_one_a4_page_with_the_completed_modules(
    tab, real_server, prefix, tmp_path
):
    page = tab.page
    page.goto(real_server.url + prefix + RECORD)
    expect(page.locator("[data-record-none]")).to_be_visible()
    for module in ("from-control-to-trust", "hidden-potential", "leadership-gym"):
        put(page, f"done:{module}", {"v": 1, "done": True, "updated": "2026-11-20T10:00:00.000Z"})
    put(page, "done:planning-and-goals", {"v": 1, "done": False, "updated": None})
    right = {"chosen": ["x"], "verdict": "correct", "at": "2026-11-20T10:00:00.000Z"}
    wrong = {**right, "verdict": "incorrect"}
    put(
        page,
        "quiz:from-control-to-trust",
        {"v": 1, "questions": {"trust-is-not-a-free-ride": right, "stuck-after-the-course": wrong}},
    )
    page.reload()
    rows = page.locator("[data-record-rows] tr")
    expect(rows).to_have_count(3)
    sv = prefix == ""
    expect(rows.first).to_contain_text(
        "Från kontroll till tillit" if sv else "From control to trust"
    )
    expect(rows.first).to_contain_text("20 november 2026" if sv else "20 November 2026")
    expect(rows.first.locator("[data-record-score]")).to_have_text(
        re.compile("1 av 7 rätt" if sv else "1 of 7 right")
    )
    expect(rows.nth(1).locator("[data-record-score]")).to_have_text(
        "Inte gjort" if sv else "Not taken"
    )
    sheet = page.locator("[data-record-sheet]")
    expect(sheet).to_contain_text("inget intyg" if sv else "not a certificate")
    expect(sheet.locator("[data-record-version]")).to_have_text(
        re.compile(r"^(byggd|built) \d{4}-\d\d-\d\d, version ([0-9a-f]{7,}|okänd|unknown)$")
    )
    page.get_by_label(
        "Ditt namn på utskriften (om du vill)" if sv else re.compile("Your name")
    ).fill("Åsa Örn")
    expect(sheet.locator("[data-record-who-name]")).to_have_text("Åsa Örn")
    assert stored(page, "name:record") is None  # not kept unless asked
    assert axe_violations(page) == []
    shoot(page, f"record-{'sv' if sv else 'en'}")
    pdf = page.pdf(format="A4", print_background=True)
    assert pdf_pages(pdf) == 1
    if shutil.which("pdftotext"):
        out = tmp_path / "record.pdf"
        out.write_bytes(pdf)
        text = subprocess.run(
            ["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert (
            "Åsa Örn" in text
            and ("Synlig och dold potential" if sv else "Visible and hidden potential") in text
        )
        assert (
            "En plan där varje aktivitet" if sv else "A plan where every activity"
        ) not in text  # not done
        assert ("inget intyg" if sv else "not a certificate") in " ".join(text.split())
        if shutil.which("pdftoppm"):
            subprocess.run(
                [
                    "pdftoppm",
                    "-png",
                    "-r",
                    "60",
                    str(out),
                    str(SHOTS / f"record-print-{len(prefix)}"),
                ],
                check=True,
            )
    assert tab.errors == []


def test_the_name_is_kept_only_when_the_learner_asks(tab, real_server):
    page = tab.page
    page.goto(real_server.url + RECORD)
    page.get_by_label("Ditt namn på utskriften (om du vill)").fill("Åsa")
    page.get_by_label("Kom ihåg namnet i den här webbläsaren").check()
    expect(page.locator("[data-record-status]")).to_have_text(
        "Namnet sparas i den här webbläsaren."
    )
    assert stored(page, "name:record")["name"] == "Åsa"
    page.reload()
    expect(page.get_by_label("Ditt namn på utskriften (om du vill)")).to_have_value("Åsa")
    page.get_by_label("Kom ihåg namnet i den här webbläsaren").uncheck()
    assert stored(page, "name:record") is None
    page.reload()
    expect(page.get_by_label("Ditt namn på utskriften (om du vill)")).to_have_value("")
    assert tab.errors == []


def test_without_javascript_the_record_and_the_commitment_say_what_needs_it(browser, real_server):
    tab = Tab(browser, java_script_enabled=False)
    try:
        page = tab.page
        page.goto(real_server.url + RECORD)
        expect(page.locator(".leda-record__nojs")).to_contain_text("behöver JavaScript")
        expect(page.locator("[data-record-sheet]")).to_be_hidden()
        page.goto(real_server.url + MODULE)
        box = page.locator("[data-leda-commitment]")
        expect(box.locator("[data-commitment-list]")).to_contain_text(
            "Stryk eller förenkla en kontroll som ingen har nytta av."
        )
        expect(box.locator(".leda-commitment__nojs")).to_contain_text("behövs JavaScript")
        expect(box.locator("[data-commitment-form]")).to_be_hidden()
        expect(page.locator("[data-leda-continue]")).to_have_count(0)
        page.goto(real_server.url + COURSE)
        expect(page.locator("[data-leda-continue]")).to_be_hidden()
    finally:
        tab.close()


def test_a_commitment_made_in_another_tab_shows_here(tab, real_server):
    back = tab.context.new_page()
    back.goto(real_server.url + MODULE)
    near(back)
    page = tab.page
    page.goto(real_server.url + MODULE)
    commit(page, "Stryk eller förenkla en kontroll som ingen har nytta av.")
    made = back.locator("[data-commitment-made]")
    expect(made).to_be_visible()  # the storage event
    expect(made.locator("[data-commitment-text]")).to_have_text(
        "Stryk eller förenkla en kontroll som ingen har nytta av."
    )
    back.close()


def test_with_storage_blocked_the_journey_works_for_the_visit_and_says_so(browser, real_server):
    tab = Tab(browser)
    try:
        tab.context.add_init_script(BLOCKED)
        page = tab.page
        page.goto(real_server.url + MODULE)
        page.locator("[data-leda-done-toggle]").click()
        expect(page.locator("[data-leda-done-status]")).to_contain_text("markeringen försvinner")
        expect(page.locator("[data-leda-done-text]")).to_have_text("Klar")  # for this visit
        box = near(page)
        box.get_by_label("Stryk eller förenkla en kontroll som ingen har nytta av.").check()
        box.get_by_role("button", name="Spara åtagandet").click()
        expect(box.locator("[data-commitment-status]")).to_contain_text("låter inte Leda spara")
        page.goto(real_server.url + COURSE)
        expect(page.locator("[data-leda-continue]")).to_be_hidden()
        page.goto(real_server.url + RECORD)
        expect(page.get_by_label("Kom ihåg namnet i den här webbläsaren")).to_be_disabled()
        assert tab.errors == []
    finally:
        tab.close()
