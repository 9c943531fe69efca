"""The learner's notes, progress and journal in real Chromium (journal.js).

Notes are kept per module and exercise, in this browser only; nothing in the
failure list (blocked, corrupt or full storage, a newer Leda, bad imports, two
tabs) may lose a word.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import BLOCKED_STORAGE as BLOCKED
from conftest import Tab, axe_violations
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

MODULE = "modules/sample-trust/"
QUIZ = "modules/sample-trust/quiz/"
JOURNAL = "journal/"
COURSE = "course/"
PREFIX = "leda:/:"  # Leda.store's prefix on the test server (site root "/")
SAVED_SV = re.compile(r"^Sparat \d\d:\d\d$")
SAVED_EN = re.compile(r"^Saved \d\d:\d\d$")
DONE_SV = re.compile(r"^Klar \d{1,2} [a-zåäö]+ \d{4}$")  # the done button's state, with the day
DONE_EN = re.compile(r"^Done \d{1,2} [A-Z][a-z]+ \d{4}$")
WORDS = "Jag släpper kontrollen över schemat – gruppen äger det nu. Åsa och Örjan är med 🌱"
FULL = (
    "Storage.prototype.setItem = function () {"
    " throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };"
)


def field(page, exercise: str, module: str = "sample-trust"):
    return page.locator(f"[data-leda-note='{module}/{exercise}'] [data-note-field]")


def status(page, exercise: str, module: str = "sample-trust"):
    return page.locator(f"[data-leda-note='{module}/{exercise}'] [data-note-status]")


def copy_box(page, exercise: str, module: str = "sample-trust"):
    return page.locator(f"[data-leda-note='{module}/{exercise}'] [data-note-copy]")


def stored(page) -> dict[str, str]:
    """Everything in localStorage, raw (but Material's own colour scheme, `/.__palette`)."""
    return page.evaluate(
        "() => Object.fromEntries(Object.keys(localStorage).filter(k => !k.endsWith('.__palette'))"
        ".map(k => [k, localStorage.getItem(k)]))"
    )


def put(page, name: str, value) -> None:
    raw = value if isinstance(value, str) else json.dumps(value)
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [PREFIX + name, raw])


def entry(page, name: str):
    raw = stored(page).get(PREFIX + name)
    return None if raw is None else json.loads(raw)


def message(page):
    return page.locator("[data-journal-message]")


def import_file(page, content: bytes | str, name: str = "leda-dagbok.json") -> None:
    if isinstance(content, str):
        content = content.encode("utf-8")
    page.locator("#journal-import").set_input_files(
        files=[{"name": name, "mimeType": "application/json", "buffer": content}]
    )


def test_note_is_saved_while_typing_and_is_there_after_reload(tab, fixture_server):
    page = tab.page
    page.goto(fixture_server.url + MODULE)
    box = page.get_by_role("textbox", name="Dina tankar – Kartlägg kontrollen")
    expect(box).to_be_visible()
    box.press_sequentially("Tre saker", delay=10)
    expect(status(page, "trust-inventory")).to_have_text(SAVED_SV)  # debounced, no blur
    saved = entry(page, "note:sample-trust/trust-inventory")
    assert saved["v"] == 1 and saved["text"] == "Tre saker" and saved["updated"]
    box.fill(WORDS)
    box.press("Tab")  # leaving the field saves at once
    assert entry(page, "note:sample-trust/trust-inventory")["text"] == WORDS
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.type), d.accept()))
    page.reload()
    assert dialogs == []  # everything is saved: nothing to ask about
    expect(field(page, "trust-inventory")).to_have_value(WORDS)
    expect(status(page, "trust-inventory")).to_have_text(SAVED_SV)
    assert tab.errors == []


def test_the_english_page_shows_what_was_written_on_the_swedish_one(tab, fixture_server):
    page = tab.page
    page.goto(fixture_server.url + MODULE)
    field(page, "trust-pair").fill(WORDS)
    field(page, "trust-pair").blur()
    page.goto(fixture_server.url + "en/" + MODULE)
    box = page.get_by_role("textbox", name="Your thoughts – A conversation about trust")
    expect(box).to_have_value(WORDS)
    expect(status(page, "trust-pair")).to_have_text(SAVED_EN)
    box.fill(WORDS + " Edited in English.")
    box.blur()
    page.goto(fixture_server.url + JOURNAL)
    expect(field(page, "trust-pair")).to_have_value(WORDS + " Edited in English.")


def test_the_journal_gathers_notes_by_module_with_dates_and_edits_in_place(tab, fixture_server):
    page = tab.page
    page.goto(fixture_server.url + JOURNAL)
    expect(page.locator("[data-journal-empty]")).to_be_visible()
    page.goto(fixture_server.url + MODULE)
    field(page, "trust-group").fill("Gruppens lösning")
    field(page, "trust-group").blur()
    page.goto(fixture_server.url + JOURNAL)
    expect(page.locator("[data-journal-empty]")).to_be_hidden()
    module = page.locator("[data-journal-module=sample-trust]")
    expect(module.locator("h3")).to_have_text("Provmodul om tillit")
    entry_el = page.locator("[data-journal-entry='sample-trust/trust-group']")
    expect(entry_el.locator("h4")).to_have_text("Gruppens egna lösningar")
    expect(entry_el.locator("[data-note-date]")).to_have_text(
        re.compile(r"^Senast ändrad \d{1,2} \w+ \d{4} \d\d:\d\d$")
    )
    expect(page.locator("[data-journal-entry='sample-trust/trust-pair']")).to_be_hidden()
    field(page, "trust-group").fill("Gruppens lösning, omskriven i dagboken")
    field(page, "trust-group").blur()
    expect(status(page, "trust-group")).to_have_text(SAVED_SV)
    page.goto(fixture_server.url + MODULE)
    expect(field(page, "trust-group")).to_have_value("Gruppens lösning, omskriven i dagboken")


def test_export_markdown_and_json_then_import_into_a_fresh_browser(browser, fixture_server):
    first = Tab(browser)
    second = Tab(browser)
    try:
        page = first.page
        page.goto(fixture_server.url + MODULE)
        field(page, "trust-inventory").fill(WORDS)
        field(page, "trust-pair").fill("Ett samtal om tillit.\n\nAndra stycket: ”citat”.")
        field(page, "trust-pair").blur()
        page.get_by_role("button", name="Markera som klar").click()
        page.goto(fixture_server.url + QUIZ)
        page.locator("[data-question=trust-meaning] input").first.check()
        page.get_by_role("button", name="Rätta alla frågor").click()
        page.goto(fixture_server.url + JOURNAL)

        with page.expect_download() as info:
            page.get_by_role("button", name="Exportera som Markdown").click()
        download = info.value
        assert re.fullmatch(r"leda-dagbok-\d{4}-\d\d-\d\d\.md", download.suggested_filename)
        markdown = Path(download.path()).read_text(encoding="utf-8")
        assert markdown.startswith("# Min dagbok\n")
        assert "1 av 1 moduler klara" in markdown
        assert "- Provmodul om tillit: Klar" in markdown
        assert "## Provmodul om tillit" in markdown
        assert "### Kartlägg kontrollen" in markdown and WORDS in markdown
        assert "### Samtal om tillit" in markdown
        assert "Ett samtal om tillit.\n\nAndra stycket: ”citat”." in markdown
        expect(message(page)).to_contain_text(download.suggested_filename)

        with page.expect_download() as info:
            page.get_by_role("button", name="Exportera säkerhetskopia (JSON)").click()
        download = info.value
        assert download.suggested_filename.endswith(".json")
        backup = Path(download.path()).read_bytes()
        data = json.loads(backup)
        assert data["app"] == "leda" and data["kind"] == "journal" and data["v"] == 1
        assert data["notes"]["sample-trust/trust-inventory"]["text"] == WORDS
        assert data["progress"]["sample-trust"]["done"] is True
        assert "trust-meaning" in data["quizzes"]["sample-trust"]["questions"]

        # A fresh browser context: nothing there until the backup is imported.
        fresh = second.page
        fresh.goto(fixture_server.url + JOURNAL)
        expect(fresh.locator("[data-journal-empty]")).to_be_visible()
        import_file(fresh, backup)
        expect(message(fresh)).to_have_text(
            "Importen är klar. Nya anteckningar: 2. Uppdaterade: 0. Fanns redan: 0."
        )
        expect(field(fresh, "trust-inventory")).to_have_value(WORDS)
        expect(fresh.locator("[data-journal-module=sample-trust] [data-leda-state]")).to_have_text(
            "Klar"
        )
        fresh.goto(fixture_server.url + "en/" + MODULE)
        expect(field(fresh, "trust-inventory")).to_have_value(WORDS)
        expect(field(fresh, "trust-pair")).to_have_value(
            "Ett samtal om tillit.\n\nAndra stycket: ”citat”."
        )
        expect(fresh.locator("[data-leda-done-text]")).to_have_text(DONE_EN)
        fresh.goto(fixture_server.url + "en/" + QUIZ)
        expect(fresh.locator("[data-question=trust-meaning] input").first).to_be_checked()
        # Importing the same file again changes nothing.
        fresh.goto(fixture_server.url + JOURNAL)
        before = stored(fresh)
        import_file(fresh, backup)
        expect(message(fresh)).to_have_text(
            "Importen är klar. Nya anteckningar: 0. Uppdaterade: 0. Fanns redan: 2."
        )
        assert stored(fresh) == before
        assert first.errors == [] and second.errors == []
    finally:
        first.close()
        second.close()


def test_import_keeps_the_newer_note_and_the_other_as_a_copy(tab, fixture_server):
    page = tab.page
    page.goto(fixture_server.url + JOURNAL)
    put(
        page,
        "note:sample-trust/trust-inventory",
        {"v": 1, "text": "Min nyare text", "updated": "2030-01-01T10:00:00.000Z"},
    )
    put(
        page,
        "note:sample-trust/trust-pair",
        {"v": 1, "text": "Min äldre text", "updated": "2001-01-01T10:00:00.000Z"},
    )
    page.reload()
    backup = {
        "app": "leda",
        "kind": "journal",
        "v": 1,
        "notes": {
            "sample-trust/trust-inventory": {
                "text": "Importerad äldre text",
                "updated": "2020-01-01T10:00:00.000Z",
            },
            "sample-trust/trust-pair": {
                "text": "Importerad nyare text",
                "updated": "2020-01-01T10:00:00.000Z",
            },
        },
    }
    import_file(page, json.dumps(backup))
    expect(message(page)).to_contain_text("Nya anteckningar: 0. Uppdaterade: 1. Fanns redan: 0.")
    expect(message(page)).to_contain_text("Anteckningar som skilde sig åt: 2.")
    expect(field(page, "trust-inventory")).to_have_value("Min nyare text")
    expect(copy_box(page, "trust-inventory")).to_be_visible()
    expect(copy_box(page, "trust-inventory").locator("textarea")).to_have_value(
        "Importerad äldre text"
    )
    expect(field(page, "trust-pair")).to_have_value("Importerad nyare text")
    expect(copy_box(page, "trust-pair").locator("textarea")).to_have_value("Min äldre text")
    # The learner decides: add the copy to the note, or remove it.
    copy_box(page, "trust-pair").get_by_role(
        "button", name="Lägg till kopian sist i anteckningen"
    ).click()
    expect(field(page, "trust-pair")).to_have_value("Importerad nyare text\n\nMin äldre text")
    expect(copy_box(page, "trust-pair")).to_be_hidden()
    expect(status(page, "trust-pair")).to_have_text("Kopian står nu sist i anteckningen.")
    assert entry(page, "note:sample-trust/trust-pair")["text"] == (
        "Importerad nyare text\n\nMin äldre text"
    )
    assert entry(page, "conflict:sample-trust/trust-pair") is None
    copy_box(page, "trust-inventory").get_by_role("button", name="Ta bort kopian").click()
    expect(copy_box(page, "trust-inventory")).to_be_hidden()
    expect(field(page, "trust-inventory")).to_be_focused()
    assert entry(page, "conflict:sample-trust/trust-inventory") is None


BAD_IMPORTS = [
    ("markdown", "leda-dagbok.md", b"# Min dagbok\n\nText.", "går inte att läsa som JSON"),
    (
        "invalid json",
        "x.json",
        b'{"app": "leda", "kind": "journal", ',
        "går inte att läsa som JSON",
    ),
    ("not an object", "x.json", b"[1, 2, 3]", "inte en säkerhetskopia från Leda"),
    (
        "wrong app",
        "x.json",
        b'{"app": "other", "kind": "journal", "v": 1}',
        "inte en säkerhetskopia",
    ),
    (
        "unknown schema",
        "x.json",
        b'{"app": "leda", "kind": "journal", "v": "1.0"}',
        "okänt format (1.0)",
    ),
    (
        "newer schema",
        "x.json",
        b'{"app": "leda", "kind": "journal", "v": 7}',
        "nyare version av Leda (format 7)",
    ),
    (
        "__proto__",
        "x.json",
        b'{"app": "leda", "kind": "journal", "v": 1, "notes": {"__proto__": {"text": "x"}}}',
        "otillåtet namn (”__proto__”)",
    ),
    (
        "constructor deep down",
        "x.json",
        b'{"app": "leda", "kind": "journal", "v": 1, "progress": {"sample-trust": {"done": true, "constructor": {}}}}',
        "otillåtet namn (”constructor”)",
    ),
    (
        "bad id",
        "x.json",
        b'{"app": "leda", "kind": "journal", "v": 1, "notes": {"../../x": {"text": "x"}}}',
        "ogiltig post",
    ),
    (
        "bad entry",
        "x.json",
        b'{"app": "leda", "kind": "journal", "v": 1, "notes": {"sample-trust/trust-pair": {"text": 5}}}',
        "ogiltig post",
    ),
    ("too large", "x.json", b" " * (5 * 1024 * 1024 + 1), "för stor (5 MB)"),
    (
        "__proto__ inside a valid id",
        "x.json",
        b'{"app": "leda", "kind": "journal", "v": 1, "notes": {"sample-trust/trust-pair": {"text": "x", "__proto__": {"polluted": true}}}}',
        "otillåtet namn (”__proto__”)",
    ),
    (
        "a date that is not one",
        "x.json",
        b'{"app": "leda", "kind": "journal", "v": 1, "notes": {"sample-trust/trust-group": {"text": "x", "updated": "1"}}}',
        "ogiltig post (”notes › sample-trust/trust-group”)",
    ),
    (
        "nested 100 000 levels",
        "x.json",
        b'{"app": "leda", "kind": "journal", "v": 1, "notes": {"sample-trust/trust-group": {"text": "x", "deep": '
        + b"[" * 100_000
        + b"]" * 100_000
        + b"}}}",
        "kapslad i för många nivåer",
    ),
]


def test_bad_imports_are_rejected_and_change_nothing(tab, fixture_server):
    page = tab.page
    page.goto(fixture_server.url + JOURNAL)
    put(
        page,
        "note:sample-trust/trust-pair",
        {"v": 1, "text": "Det här får inte försvinna", "updated": "2024-05-01T08:00:00.000Z"},
    )
    page.reload()
    before = stored(page)
    assert page.evaluate("() => Object.prototype.polluted") is None
    for case, name, content, expected in BAD_IMPORTS:
        page.evaluate("() => { document.querySelector('[data-journal-message]').textContent = '' }")
        import_file(page, content, name)
        expect(message(page), case).to_contain_text(expected)
        expect(message(page), case).to_contain_text("Ingenting är ändrat.")
        assert stored(page) == before, case
        expect(field(page, "trust-pair")).to_have_value("Det här får inte försvinna")
    assert page.evaluate("() => Object.prototype.polluted") is None
    assert tab.errors == []


def test_html_in_an_imported_note_is_shown_as_text(tab, fixture_server):
    page = tab.page
    page.goto(fixture_server.url + JOURNAL)
    evil = '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script> <b>fet</b>'
    backup = {
        "app": "leda",
        "kind": "journal",
        "v": 1,
        "notes": {"sample-trust/trust-inventory": {"text": evil, "updated": None}},
        "copies": {"sample-trust/trust-inventory": {"text": evil + " kopia", "updated": None}},
        "backups": [{"name": "note:x", "raw": evil, "at": None}],
    }
    import_file(page, json.dumps(backup))
    expect(field(page, "trust-inventory")).to_have_value(evil)
    expect(copy_box(page, "trust-inventory").locator("textarea")).to_have_value(evil + " kopia")
    expect(page.locator("[data-journal-backups]")).to_contain_text(evil)
    assert page.locator(".leda-journal img, .leda-journal b, .leda-journal script").count() == 0
    assert page.evaluate("() => window.pwned") is None
    page.goto(fixture_server.url + MODULE)
    expect(field(page, "trust-inventory")).to_have_value(evil)
    assert page.evaluate("() => window.pwned") is None


def test_blocked_storage_the_page_works_and_says_notes_cannot_be_kept(browser, fixture_server):
    tab = Tab(browser)
    try:
        page = tab.page
        page.add_init_script(BLOCKED)
        page.goto(fixture_server.url + MODULE)
        box = field(page, "trust-inventory")
        expect(box).to_be_visible()
        expect(status(page, "trust-inventory")).to_contain_text(
            "Webbläsaren låter inte Leda spara något"
        )
        box.fill(WORDS)
        box.blur()
        expect(box).to_have_value(WORDS)
        expect(status(page, "trust-inventory")).to_contain_text("Kopiera texten")
        page.get_by_role("button", name="Markera som klar").click()
        expect(page.locator("[data-leda-done-status]")).to_contain_text("markeringen försvinner")
        expect(page.locator(".leda-facts [data-leda-state]")).to_have_text("Klar")
        # Leaving with text that could not be kept: the browser asks first.
        dialogs = []
        page.on("dialog", lambda d: (dialogs.append(d.type), d.accept()))
        field(page, "trust-pair").press_sequentially("ord", delay=10)  # real keys: user activation
        page.goto(fixture_server.url + JOURNAL)
        assert dialogs == ["beforeunload"]
        expect(page.locator("[data-journal-storage]")).to_be_visible()
        # Nothing could be kept: the journal says how to start, with nothing to delete.
        expect(page.locator("[data-journal-empty]")).to_be_visible()
        expect(page.get_by_role("button", name="Radera allt")).to_be_hidden()
        assert tab.errors == []
    finally:
        tab.close()


def test_corrupt_data_is_kept_as_a_backup_and_the_learner_is_told(tab, fixture_server):
    page = tab.page
    page.goto(fixture_server.url + MODULE)
    put(page, "note:sample-trust/trust-inventory", "{not json")
    put(page, "note:sample-trust/trust-pair", {"v": 1, "text": 42})  # the wrong shape
    page.reload()
    for exercise in ("trust-inventory", "trust-pair"):
        expect(status(page, exercise)).to_contain_text("gick inte att läsa")
        expect(status(page, exercise)).to_contain_text("säkerhetskopia")
    data = stored(page)
    assert data[PREFIX + "note:sample-trust/trust-inventory"] == "{not json"  # untouched
    backups = {k: json.loads(v) for k, v in data.items() if k.startswith(PREFIX + "backup:")}
    assert sorted(b["raw"] for b in backups.values()) == ['{"v": 1, "text": 42}', "{not json"]
    page.reload()  # reading again makes no second backup
    assert len([k for k in stored(page) if k.startswith(PREFIX + "backup:")]) == 2
    field(page, "trust-inventory").fill("Ny text")
    field(page, "trust-inventory").blur()
    expect(status(page, "trust-inventory")).to_have_text(SAVED_SV)
    page.goto(fixture_server.url + JOURNAL)
    backups_el = page.locator("[data-journal-backups]")
    expect(backups_el).to_be_visible()
    expect(backups_el).to_contain_text("{not json")
    expect(backups_el).to_contain_text("note:sample-trust/trust-pair")
    with page.expect_download() as info:
        page.get_by_role("button", name="Exportera säkerhetskopia (JSON)").click()
    data = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert "{not json" in [b["raw"] for b in data["backups"]]
    assert data["notes"]["sample-trust/trust-inventory"]["text"] == "Ny text"


def test_full_storage_shows_a_message_and_loses_nothing(browser, fixture_server):
    tab = Tab(browser)
    try:
        page = tab.page
        page.goto(fixture_server.url + MODULE)
        put(
            page,
            "note:sample-trust/trust-pair",
            {"v": 1, "text": "Sparad tidigare", "updated": "2024-05-01T08:00:00.000Z"},
        )
        before = stored(page)
        tab.context.add_init_script(FULL)
        page.reload()
        expect(field(page, "trust-pair")).to_have_value("Sparad tidigare")
        field(page, "trust-pair").fill("Sparad tidigare och mer")
        field(page, "trust-pair").blur()
        expect(status(page, "trust-pair")).to_contain_text("lagring är full")
        expect(field(page, "trust-pair")).to_have_value("Sparad tidigare och mer")
        page.get_by_role("button", name="Markera som klar").click()
        expect(page.locator("[data-leda-done-status]")).to_have_text(
            "Webbläsarens lagring är full, så markeringen är inte sparad."
        )
        assert stored(page) == before  # nothing deleted to make room, nothing overwritten
        page.goto(fixture_server.url + JOURNAL)
        import_file(
            page,
            json.dumps(
                {
                    "app": "leda",
                    "kind": "journal",
                    "v": 1,
                    "notes": {"sample-trust/trust-group": {"text": "Ny", "updated": None}},
                }
            ),
        )
        expect(message(page)).to_contain_text("lagring blev full under importen")
        assert stored(page) == before
        assert tab.errors == []
    finally:
        tab.close()


def test_data_from_a_newer_leda_is_not_overwritten(tab, fixture_server):
    page = tab.page
    page.goto(fixture_server.url + MODULE)
    newer_note = json.dumps(
        {"v": 2, "text": "Från en nyare Leda", "updated": "2024-01-01T00:00:00Z", "mood": 3}
    )
    newer_done = json.dumps({"v": 2, "done": True, "updated": "2024-01-01T00:00:00Z"})
    put(page, "note:sample-trust/trust-inventory", newer_note)
    put(page, "done:sample-trust", newer_done)
    page.reload()
    box = field(page, "trust-inventory")
    expect(box).to_have_value("Från en nyare Leda")
    expect(box).not_to_be_editable()
    expect(status(page, "trust-inventory")).to_contain_text("nyare version av Leda")
    page.get_by_role("button", name="Markera som inte klar").click()
    expect(page.locator("[data-leda-done-status]")).to_contain_text("nyare version av Leda")
    page.goto(fixture_server.url + JOURNAL)
    import_file(
        page,
        json.dumps(
            {
                "app": "leda",
                "kind": "journal",
                "v": 1,
                "notes": {"sample-trust/trust-inventory": {"text": "Importerad", "updated": None}},
                "progress": {"sample-trust": {"done": False, "updated": "2099-01-01T00:00:00Z"}},
            }
        ),
    )
    expect(message(page)).to_contain_text("Importen är klar")
    expect(copy_box(page, "trust-inventory").locator("textarea")).to_have_value("Importerad")
    data = stored(page)
    assert data[PREFIX + "note:sample-trust/trust-inventory"] == newer_note
    assert data[PREFIX + "done:sample-trust"] == newer_done


def test_version_0_notes_are_migrated(tab, fixture_server):
    page = tab.page
    page.goto(fixture_server.url + MODULE)
    put(
        page,
        "note:sample-trust/trust-group",
        {"text": "Skrivet förr", "at": "2023-03-01T09:00:00Z"},
    )
    page.reload()
    expect(field(page, "trust-group")).to_have_value("Skrivet förr")
    expect(status(page, "trust-group")).to_have_text(re.compile(r"^Sparat 1 mars 2023 \d\d:\d\d$"))
    field(page, "trust-group").fill("Skrivet förr och nu")
    field(page, "trust-group").blur()
    saved = entry(page, "note:sample-trust/trust-group")
    assert saved["v"] == 1 and saved["text"] == "Skrivet förr och nu" and "at" not in saved


def test_two_tabs_do_not_overwrite_each_others_newer_text(tab, fixture_server):
    back = tab.page
    back.goto(fixture_server.url + MODULE)
    front = tab.context.new_page()  # typing happens here; the tab behind is only watched
    front.goto(fixture_server.url + "en/" + MODULE)
    # Written in one tab: the other, where nobody is typing, follows.
    field(front, "trust-inventory").fill("Från första fliken")
    field(front, "trust-inventory").blur()
    expect(field(back, "trust-inventory")).to_have_value("Från första fliken")
    expect(status(back, "trust-inventory")).to_contain_text("Uppdaterat från en annan flik")
    # Another tab saves something newer while this one, which has not heard of
    # it, is typing: the newer text is not overwritten, this tab's is kept as a copy.
    front.evaluate(
        "([k, v]) => localStorage.setItem(k, v)",
        [
            PREFIX + "note:sample-trust/trust-inventory",
            json.dumps(
                {"v": 1, "text": "Nyare från en annan flik", "updated": "2030-01-01T00:00:00Z"}
            ),
        ],
    )
    field(front, "trust-inventory").fill("Från den här fliken")
    field(front, "trust-inventory").blur()
    expect(field(front, "trust-inventory")).to_have_value("Nyare från en annan flik")
    expect(copy_box(front, "trust-inventory").locator("textarea")).to_have_value(
        "Från den här fliken"
    )
    expect(status(front, "trust-inventory")).to_contain_text("in another tab")
    assert entry(front, "note:sample-trust/trust-inventory")["text"] == "Nyare från en annan flik"
    assert entry(front, "conflict:sample-trust/trust-inventory")["text"] == "Från den här fliken"
    # The copy shows up in the other tab too, and in the journal.
    expect(copy_box(back, "trust-inventory")).to_be_visible()
    front.goto(fixture_server.url + JOURNAL)
    expect(copy_box(front, "trust-inventory").locator("textarea")).to_have_value(
        "Från den här fliken"
    )
    front.close()


def test_marking_a_module_done_updates_the_overview_and_the_progress_bar(tab, fixture_server):
    page = tab.page
    page.goto(fixture_server.url + COURSE)
    bar = page.get_by_role("progressbar", name="Dina framsteg")
    expect(bar).to_have_attribute("value", "0")
    expect(page.locator("[data-leda-progress-text]")).to_have_text("0 av 1 moduler klara")
    card = page.locator(".leda-card[data-leda-module=sample-trust]")
    expect(card.locator(".leda-card__state")).to_have_text("Status: Inte påbörjad")
    page.goto(fixture_server.url + MODULE)
    expect(page.locator(".leda-facts [data-leda-state]")).to_have_text("Inte påbörjad")
    field(page, "trust-inventory").fill("Något")
    field(page, "trust-inventory").blur()
    expect(page.locator(".leda-facts [data-leda-state]")).to_have_text("Påbörjad")
    button = page.get_by_role("button", name="Markera som klar")
    button.click()
    expect(page.locator("[data-leda-done-text]")).to_have_text(DONE_SV)
    expect(page.get_by_role("button", name="Markera som inte klar")).to_be_focused()
    expect(page.locator(".leda-facts [data-leda-state]")).to_have_text("Klar")
    page.goto(fixture_server.url + COURSE)
    expect(bar).to_have_attribute("value", "1")
    expect(page.locator("[data-leda-progress-text]")).to_have_text("1 av 1 moduler klara")
    expect(card.locator(".leda-card__state")).to_have_text("Status: Klar")
    page.goto(fixture_server.url + "en/" + COURSE)
    expect(page.locator("[data-leda-progress-text]")).to_have_text("1 of 1 modules done")
    expect(
        page.locator(".leda-card[data-leda-module=sample-trust] .leda-card__state")
    ).to_have_text("Status: Done")


def test_a_completed_quiz_does_not_mark_the_module_done(tab, fixture_server):
    """Done means done: only the learner's click marks a module, never the quiz."""
    page = tab.page
    page.goto(fixture_server.url + QUIZ)
    for question in ("trust-meaning", "trust-levels", "trust-budget"):
        page.locator(f"[data-question={question}] input").first.check()
    page.get_by_role("button", name="Rätta alla frågor").click()
    offer = page.locator("[data-leda-quiz-done]")
    expect(offer).to_be_visible()  # every question checked: the quiz offers to mark it
    expect(offer.get_by_role("button")).to_have_text("Markera som klar")
    expect(offer.locator("[data-leda-done-text]")).to_have_text("Inte klar ännu")
    assert entry(page, "done:sample-trust") is None
    page.goto(fixture_server.url + COURSE)
    card = page.locator(".leda-card[data-leda-module=sample-trust] .leda-card__state")
    expect(card).to_have_text("Status: Påbörjad · kunskapstestet är gjort")
    expect(page.locator("[data-leda-progress-text]")).to_have_text("0 av 1 moduler klara")
    page.goto(fixture_server.url + MODULE)
    expect(page.get_by_role("button", name="Markera som klar")).to_be_visible()
    expect(page.locator("[data-leda-done-text]")).to_have_text("Inte klar ännu")
    # An old done entry stays as it is.
    put(page, "done:sample-trust", {"done": True, "at": "2024-05-01T08:00:00.000Z"})
    page.reload()
    expect(page.locator("[data-leda-done-text]")).to_have_text("Klar 1 maj 2024")
    expect(page.get_by_role("button", name="Markera som inte klar")).to_be_visible()


def test_delete_everything_after_confirmation(tab, fixture_server):
    page = tab.page
    page.goto(fixture_server.url + MODULE)
    field(page, "trust-inventory").fill("Ska bort")
    field(page, "trust-inventory").blur()
    page.goto(fixture_server.url + JOURNAL)
    page.get_by_role("button", name="Radera allt").click()
    expect(page.locator("[data-journal-confirm-text]")).to_be_focused()
    page.get_by_role("button", name="Avbryt").click()
    expect(page.get_by_role("button", name="Radera allt")).to_be_focused()
    assert entry(page, "note:sample-trust/trust-inventory")["text"] == "Ska bort"
    page.get_by_role("button", name="Radera allt").click()
    page.get_by_role("button", name="Ja, radera allt").click()
    expect(message(page)).to_have_text("Allt är raderat från den här webbläsaren.")
    expect(page.locator("[data-journal-empty]")).to_be_visible()
    expect(page.locator("[data-journal-entry='sample-trust/trust-inventory']")).to_be_hidden()
    assert [k for k in stored(page) if k.startswith(PREFIX)] == []


def test_no_axe_violations_on_the_journal_and_a_module_after_typing(tab, fixture_server):
    page = tab.page
    for prefix in ("", "en/"):
        page.goto(fixture_server.url + prefix + MODULE)
        field(page, "trust-inventory").fill(WORDS)
        field(page, "trust-inventory").blur()
        page.get_by_role("button", name=re.compile("^(Markera som klar|Mark as done)$")).click()
        assert axe_violations(page) == []
        page.goto(fixture_server.url + prefix + JOURNAL)
        expect(field(page, "trust-inventory")).to_have_value(WORDS)
        assert axe_violations(page) == []
        page.goto(fixture_server.url + prefix + COURSE)
        assert axe_violations(page) == []
        page.evaluate("() => localStorage.clear()")
    # With a copy to review, a note to an exercise no longer in the course,
    # unreadable data kept as a backup, and a message showing.
    page.goto(fixture_server.url + JOURNAL)
    put(page, "note:sample-trust/trust-pair", {"v": 1, "text": "a", "updated": None})
    put(page, "conflict:sample-trust/trust-pair", {"v": 1, "text": "b", "updated": None})
    put(page, "note:old-module/old-exercise", {"v": 1, "text": "c", "updated": None})
    put(page, "note:sample-trust/trust-group", "{broken")
    page.reload()
    expect(page.locator("[data-journal-other]")).to_contain_text("old-module/old-exercise")
    expect(field(page, "old-exercise", "old-module")).to_have_value("c")
    expect(page.locator("[data-journal-backups]")).to_contain_text("{broken")
    import_file(page, b"not json")
    expect(message(page)).to_contain_text("Ingenting är ändrat.")
    assert axe_violations(page) == []


def test_without_javascript_the_exercises_are_readable_and_say_writing_needs_it(
    browser, fixture_server
):
    tab = Tab(browser, java_script_enabled=False)
    try:
        page = tab.page
        page.goto(fixture_server.url + MODULE)
        exercise = page.locator("[data-leda-exercise=trust-inventory]")
        expect(exercise).to_contain_text("Skriv ned tre saker du kontrollerar varje vecka.")
        expect(exercise.locator("[data-note-field]")).to_be_hidden()
        expect(exercise.locator(".leda-note__nojs")).to_be_visible()
        expect(exercise.locator(".leda-note__nojs")).to_contain_text("Med JavaScript kan du skriva")
        expect(page.locator("[data-leda-done]")).to_be_hidden()
        page.goto(fixture_server.url + "en/" + JOURNAL)
        expect(page.locator(".leda-journal__nojs")).to_be_visible()
        expect(page.locator(".leda-journal__nojs")).to_contain_text("The journal needs JavaScript")
        expect(page.locator("[data-journal-tools]")).to_be_hidden()
        expect(page.get_by_text("Everything stays in this browser on this device.")).to_be_visible()
    finally:
        tab.close()


# ---- Storage that reads but does not write, crafted imports, many notes ------------

READ_ONLY = (
    "for (const f of ['setItem', 'removeItem']) Storage.prototype[f] = function () {"
    " throw new DOMException('Writing is not allowed', 'SecurityError'); };"
)


def backup_file(**parts) -> str:
    return json.dumps({"app": "leda", "kind": "journal", "v": 1, **parts})


def fill_storage(page) -> None:
    """Fill this origin's localStorage to the last character, as a learner's can be."""
    page.evaluate(
        "() => { let n = 1 << 20, i = 0; while (n >= 1) {"
        " try { localStorage.setItem('filler-' + i, 'x'.repeat(n)); i++; }"
        " catch (e) { n = Math.floor(n / 2); } } }"
    )


def leda_stored(page) -> dict[str, str]:
    return {k: v for k, v in stored(page).items() if k.startswith(PREFIX)}


def test_notes_are_shown_read_only_when_storage_can_be_read_but_not_written(tab, fixture_server):
    page = tab.page
    page.goto(fixture_server.url + MODULE)
    put(
        page,
        "note:sample-trust/trust-pair",
        {"v": 1, "text": "Sparad tidigare", "updated": "2024-05-01T08:00:00.000Z"},
    )
    before = stored(page)
    tab.context.add_init_script(READ_ONLY)
    for prefix, says in (
        ("", "låter Leda läsa det som redan är sparat men inte spara något nytt"),
        ("en/", "lets Leda read what is already saved but not save anything new"),
    ):
        page.goto(fixture_server.url + prefix + MODULE)
        expect(field(page, "trust-pair")).to_have_value("Sparad tidigare")
        expect(field(page, "trust-pair")).not_to_be_editable()
        expect(status(page, "trust-pair")).to_contain_text(says)
        expect(field(page, "trust-group")).not_to_be_editable()
        page.goto(fixture_server.url + prefix + JOURNAL)
        expect(field(page, "trust-pair")).to_have_value("Sparad tidigare")
        expect(page.locator("[data-journal-entry='sample-trust/trust-pair']")).to_be_visible()
        expect(page.locator("[data-journal-entry='sample-trust/trust-group']")).to_be_hidden()
        expect(page.locator("[data-journal-storage]")).to_be_visible()
        expect(page.locator("[data-journal-storage]")).to_contain_text(says[:20])
    page.get_by_role("button", name="Delete everything").click()
    page.get_by_role("button", name="Yes, delete everything").click()
    expect(message(page)).to_contain_text("Nothing could be deleted")
    assert stored(page) == before
    assert tab.errors == []


def test_import_dates_after_the_import_count_as_its_moment(tab, fixture_server):
    page = tab.page
    page.goto(fixture_server.url + JOURNAL)
    put(
        page,
        "note:sample-trust/trust-pair",
        {"v": 1, "text": "Min text", "updated": "2020-01-01T00:00:00.000Z"},
    )
    page.reload()
    far = "9999-12-31T23:59:59.000Z"
    import_file(
        page,
        backup_file(notes={"sample-trust/trust-pair": {"text": "Från år 9999", "updated": far}}),
    )
    expect(message(page)).to_contain_text("Uppdaterade: 1.")
    expect(field(page, "trust-pair")).to_have_value("Från år 9999")
    first = entry(page, "note:sample-trust/trust-pair")["updated"]
    assert first < page.evaluate("() => new Date(Date.now() + 1).toISOString()")  # not 9999
    # A later edit, made elsewhere after that import, wins over it when imported.
    later = page.evaluate("s => new Date(Date.parse(s) + 1).toISOString()", first)
    import_file(
        page,
        backup_file(notes={"sample-trust/trust-pair": {"text": "Skrivet sedan", "updated": later}}),
    )
    expect(message(page)).to_contain_text("Uppdaterade: 1.")
    expect(field(page, "trust-pair")).to_have_value("Skrivet sedan")
    expect(copy_box(page, "trust-pair").locator("textarea")).to_have_value(
        "Min text\n\nFrån år 9999"
    )
    # A quiz answer dated in the future replaces the stored one: counted, and kept.
    mine = {"chosen": ["anything-goes"], "verdict": "incorrect", "at": "2024-05-01T08:00:00.000Z"}
    put(page, "quiz:sample-trust", {"v": 1, "questions": {"trust-meaning": mine}})
    theirs = {
        "chosen": ["shared-responsibility"],
        "verdict": "correct",
        "at": "2099-01-01T00:00:00.000Z",
    }
    import_file(
        page,
        backup_file(quizzes={"sample-trust": {"v": 1, "questions": {"trust-meaning": theirs}}}),
    )
    expect(message(page)).to_contain_text("Markeringar och testsvar som ersattes av nyare: 1.")
    answers = entry(page, "quiz:sample-trust")["questions"]
    assert answers["trust-meaning"]["chosen"] == ["shared-responsibility"]
    assert answers["trust-meaning"]["at"] < "2099"
    backups = page.locator("[data-journal-backups]")
    expect(backups).to_be_visible()
    expect(backups).to_contain_text("quiz:sample-trust")
    expect(backups).to_contain_text('"anything-goes"')
    assert tab.errors == []


def test_a_journal_of_20_000_notes_shows_them_a_hundred_at_a_time(tab, fixture_server):
    page = tab.page
    page.goto(fixture_server.url + JOURNAL)
    notes = {
        f"old-{i:05d}/exercise": {"text": f"Anteckning {i}", "updated": None} for i in range(20_000)
    }
    import_file(page, backup_file(notes=notes))
    expect(message(page)).to_have_text(
        "Importen är klar. Nya anteckningar: 20\u00a0000. Uppdaterade: 0. Fanns redan: 0.",
        timeout=30_000,
    )
    others = page.locator("[data-journal-other] [data-journal-entry]")
    expect(others).to_have_count(100)
    expect(field(page, "exercise", "old-00099")).to_have_value("Anteckning 99")
    more = page.get_by_role(
        "button", name="Visa 100 anteckningar till (av 19\u00a0900 som inte visas än)"
    )
    more.click()
    expect(others).to_have_count(200)
    expect(field(page, "exercise", "old-00100")).to_be_focused()
    expect(
        page.get_by_role(
            "button",
            name=re.compile(r"^Visa 100 anteckningar till \(av 19\s800 som inte visas än\)$"),
        )
    ).to_be_visible()
    with page.expect_download() as info:
        page.get_by_role("button", name="Exportera som Markdown").click()
    markdown = Path(info.value.path()).read_text(encoding="utf-8")
    assert markdown.count("\n### old-") == 20_000
    assert "### old-19999/exercise\n\n*Senast ändrad " in markdown
    assert markdown.endswith("\n\nAnteckning 19999\n")
    page.reload()
    expect(others).to_have_count(100)
    assert tab.errors == []


def test_delete_everything_forgets_marks_that_could_not_be_stored(browser, fixture_server):
    tab = Tab(browser)
    try:
        page = tab.page
        page.goto(fixture_server.url + JOURNAL)
        put(page, "note:sample-trust/trust-pair", {"v": 1, "text": "Sparad", "updated": None})
        tab.context.add_init_script(FULL)
        page.reload()
        # The journal page has no button for marking, but journey.js serves one anywhere.
        page.evaluate(
            "() => { const box = document.createElement('div'); box.setAttribute('data-leda-done', '');"
            " for (const [tag, attr] of [['p', 'data-leda-done-text'], ['button', 'data-leda-done-toggle'],"
            " ['p', 'data-leda-done-status']]) { const el = document.createElement(tag);"
            " el.setAttribute(attr, ''); box.appendChild(el); }"
            " document.querySelector('[data-journal-module=sample-trust]').appendChild(box); }"
        )
        page.locator("[data-leda-done-toggle]").dispatch_event("click")
        expect(page.locator("[data-leda-done-status]")).to_contain_text("lagring är full")
        expect(page.locator("[data-leda-progress-text]")).to_have_text("1 av 1 moduler klara")
        page.get_by_role("button", name="Radera allt").click()
        page.get_by_role("button", name="Ja, radera allt").click()
        expect(message(page)).to_have_text("Allt är raderat från den här webbläsaren.")
        expect(page.locator("[data-leda-progress-text]")).to_have_text("0 av 1 moduler klara")
    finally:
        tab.close()


def test_an_unreadable_mark_is_backed_up_before_the_module_is_marked(tab, fixture_server):
    page = tab.page
    page.goto(fixture_server.url + MODULE)
    put(page, "done:sample-trust", "{broken")
    page.reload()
    page.get_by_role("button", name="Markera som klar").click()
    expect(page.locator("[data-leda-done-text]")).to_have_text(DONE_SV)
    data = leda_stored(page)
    assert json.loads(data[PREFIX + "done:sample-trust"])["done"] is True
    backups = [json.loads(v) for k, v in data.items() if k.startswith(PREFIX + "backup:")]
    assert [(b["name"], b["raw"]) for b in backups] == [("done:sample-trust", "{broken")]
    # With storage full, the unreadable mark cannot be backed up: it is not overwritten.
    broken = '{"v": 1, "done": ' + "x" * 3000
    put(page, "done:sample-trust", broken)
    fill_storage(page)
    page.reload()
    page.get_by_role("button", name="Markera som klar").click()
    expect(page.locator("[data-leda-done-status]")).to_contain_text(
        "Leda kunde inte göra en säkerhetskopia av det"
    )
    expect(page.locator(".leda-facts [data-leda-state]")).to_have_text("Klar")  # for this visit
    expect(page.locator("[data-leda-done-text]")).to_have_text("Klar")  # no date: not stored
    assert leda_stored(page)[PREFIX + "done:sample-trust"] == broken
    assert tab.errors == []


def test_the_page_can_name_its_store(tab, fixture_server):
    """A later LMS package sets data-leda-store: every key is then that package's."""
    page = tab.page

    def package(route):
        response = route.fetch()
        body = response.text().replace("<html ", '<html data-leda-store="package-7" ', 1)
        route.fulfill(response=response, body=body)

    page.route("**/modules/sample-trust/", package)
    page.goto(fixture_server.url + MODULE)
    field(page, "trust-inventory").fill("I paketet")
    field(page, "trust-inventory").blur()
    expect(status(page, "trust-inventory")).to_have_text(SAVED_SV)
    page.get_by_role("button", name="Markera som klar").click()
    assert sorted(stored(page)) == [
        "leda:package-7:done:sample-trust",
        "leda:package-7:note:sample-trust/trust-inventory",
        "leda:package-7:place:last",  # where the learner was (journey.js)
    ]
    page.unroute("**/modules/sample-trust/")
    page.reload()
    expect(field(page, "trust-inventory")).to_have_value("")  # the site's own store is another


def test_storage_is_probed_once_per_page(tab, fixture_server):
    page = tab.page
    page.goto(fixture_server.url + MODULE)
    put(page, "note:sample-trust/trust-pair", {"v": 1, "text": "Sparad", "updated": None})
    put(page, "done:sample-trust", {"v": 1, "done": True, "updated": None})
    tab.context.add_init_script(
        "window.ledaWrites = []; for (const f of ['setItem', 'removeItem']) {"
        " const real = Storage.prototype[f]; Storage.prototype[f] = function (...a) {"
        " if (!String(a[0]).endsWith('.__palette')) ledaWrites.push(f + ' ' + a[0]);"
        " return real.apply(this, a); }; }"
    )
    for path in (MODULE, JOURNAL, COURSE):
        page.goto(fixture_server.url + path)
        expect(field(page, "trust-pair")).to_have_value("Sparad") if path != COURSE else None
        # Opening a module records where the learner is (journey.js), nothing else.
        writes = [
            w for w in page.evaluate("() => ledaWrites") if w != f"setItem {PREFIX}place:last"
        ]
        assert writes == [f"setItem {PREFIX}probe", f"removeItem {PREFIX}probe"], path


def test_the_markdown_export_is_worth_bringing_to_a_coach(browser, fixture_server):
    """Each exercise's prompt above the answer, the learner's line breaks, HTML as text."""
    tab = Tab(browser, accept_downloads=True)
    try:
        page = tab.page
        page.goto(fixture_server.url + MODULE)
        field(page, "trust-inventory").fill("Schemat\nMötena\n\n<b>Inte</b> & <script>x</script>")
        field(page, "trust-inventory").blur()
        page.goto(fixture_server.url + JOURNAL)
        with page.expect_download() as info:
            page.get_by_role("button", name="Exportera som Markdown").click()
        markdown = Path(info.value.path()).read_text(encoding="utf-8")
        section = markdown[markdown.index("### Kartlägg kontrollen") :]
        prompt = "> Skriv ned tre saker du kontrollerar varje vecka. Vilken av dem kan du släppa?"
        answer = "Schemat\\\nMötena\n\n\\<b\\>Inte\\</b\\> \\& \\<script\\>x\\</script\\>"
        assert section.index(prompt) < section.index(answer)
        assert "<b>" not in markdown and "<script>" not in markdown
        assert tab.errors == []
    finally:
        tab.close()


def test_the_empty_journal_says_how_to_start_and_offers_only_the_import(tab, fixture_server):
    page = tab.page
    page.goto(fixture_server.url + JOURNAL)
    expect(page.locator("[data-journal-empty]")).to_contain_text("Så kommer du i gång")
    expect(page.get_by_role("button", name="Radera allt")).to_be_hidden()
    expect(page.get_by_role("button", name="Exportera som Markdown")).to_be_hidden()
    expect(page.get_by_label("Importera en säkerhetskopia (JSON)")).to_be_visible()
    page.goto(fixture_server.url + MODULE)
    field(page, "trust-pair").fill("Något")
    field(page, "trust-pair").blur()
    page.goto(fixture_server.url + JOURNAL)
    expect(page.locator("[data-journal-empty]")).to_be_hidden()
    expect(page.get_by_role("button", name="Radera allt")).to_be_visible()
    assert axe_violations(page) == []
