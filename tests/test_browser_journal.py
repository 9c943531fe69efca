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
    """Everything in localStorage, raw."""
    return page.evaluate(
        "() => Object.fromEntries(Object.keys(localStorage).map(k => [k, localStorage.getItem(k)]))"
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
        page.get_by_role("button", name="Markera modulen som klar").click()
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
        expect(fresh.locator("[data-leda-done-text]")).to_have_text(
            "You have marked this module as done."
        )
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
    for case, name, content, expected in BAD_IMPORTS:
        page.evaluate("() => { document.querySelector('[data-journal-message]').textContent = '' }")
        import_file(page, content, name)
        expect(message(page), case).to_contain_text(expected)
        expect(message(page), case).to_contain_text("Ingenting är ändrat.")
        assert stored(page) == before, case
        expect(field(page, "trust-pair")).to_have_value("Det här får inte försvinna")
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
        page.get_by_role("button", name="Markera modulen som klar").click()
        expect(page.locator("[data-leda-done-status]")).to_contain_text("markeringen försvinner")
        expect(page.locator(".leda-facts [data-leda-state]")).to_have_text("Klar")
        # Leaving with text that could not be kept: the browser asks first.
        dialogs = []
        page.on("dialog", lambda d: (dialogs.append(d.type), d.accept()))
        field(page, "trust-pair").press_sequentially("ord", delay=10)  # real keys: user activation
        page.goto(fixture_server.url + JOURNAL)
        assert dialogs == ["beforeunload"]
        expect(page.locator("[data-journal-storage]")).to_be_visible()
        page.get_by_role("button", name="Radera allt").click()
        page.get_by_role("button", name="Ja, radera allt").click()
        expect(message(page)).to_contain_text("Det gick inte att radera")
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
        page.get_by_role("button", name="Markera modulen som klar").click()
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
    button = page.get_by_role("button", name="Markera modulen som klar")
    button.click()
    expect(page.locator("[data-leda-done-status]")).to_have_text("Modulen är markerad som klar.")
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


def test_a_completed_quiz_counts_as_done(tab, fixture_server):
    page = tab.page
    page.goto(fixture_server.url + QUIZ)
    page.locator("[data-question=trust-meaning] input").first.check()
    page.get_by_role("button", name="Rätta alla frågor").click()
    page.goto(fixture_server.url + COURSE)
    card = page.locator(".leda-card[data-leda-module=sample-trust] .leda-card__state")
    expect(card).to_have_text("Status: Påbörjad")  # one question of three answered
    page.goto(fixture_server.url + QUIZ)
    page.locator("[data-question=trust-levels] input").first.check()
    page.locator("[data-question=trust-budget] input").first.check()
    page.get_by_role("button", name="Rätta alla frågor").click()
    page.goto(fixture_server.url + COURSE)
    expect(card).to_have_text("Status: Klar · kunskapstestet är gjort")
    expect(page.locator("[data-leda-progress-text]")).to_have_text("1 av 1 moduler klara")
    page.goto(fixture_server.url + MODULE)
    expect(page.locator("[data-leda-done-text]")).to_have_text(
        "Modulen räknas som klar eftersom du har gjort kunskapstestet."
    )
    page.get_by_role("button", name="Markera som inte klar").click()  # the learner's word wins
    page.goto(fixture_server.url + COURSE)
    expect(card).to_have_text("Status: Påbörjad · kunskapstestet är gjort")
    expect(page.locator("[data-leda-progress-text]")).to_have_text("0 av 1 moduler klara")


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
        page.get_by_role(
            "button", name=re.compile("^(Markera modulen som klar|Mark the module as done)$")
        ).click()
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
