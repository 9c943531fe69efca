"""data.js, Leda's learner data, function by function in real Chromium.

Tables of cases: every kind of entry valid and invalid, each migration, the import
merge for each pair of stored and imported entry, every import rejection, the export.
The pure functions are called with page.evaluate on a page that loads data.js alone,
served from a made-up origin so that it has a real localStorage of its own.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ASSETS = ROOT / "docs" / "assets" / "leda"
ORIGIN = "http://leda.test/"
STORE = "leda:unit:"  # the page sets data-leda-store="unit"
PAGE = (
    '<!doctype html><html lang="sv" data-leda-store="unit"><head><meta charset="utf-8">'
    "<title>data.js</title></head><body><script src='/data.js'></script></body></html>"
)
AT_ISO = "2026-01-01T12:00:00.000Z"  # the moment of the import in the merge cases
AT = int(datetime(2026, 1, 1, 12, tzinfo=UTC).timestamp() * 1000)
FULL = (
    "Storage.prototype.setItem = function () {"
    " throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };"
)


def serve(route):
    if route.request.url.endswith("/data.js"):
        body = (ASSETS / "data.js").read_text(encoding="utf-8")
        route.fulfill(body=body, content_type="text/javascript; charset=utf-8")
    else:
        route.fulfill(body=PAGE, content_type="text/html; charset=utf-8")


def open_page(browser):
    context = browser.new_context()
    context.route(ORIGIN + "**", serve)
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.goto(ORIGIN)
    page.evaluate("() => localStorage.clear()")
    return page


@pytest.fixture(scope="module")
def page(browser):
    """One page for the pure functions."""
    page = open_page(browser)
    yield page
    assert page.errors == []
    page.context.close()


@pytest.fixture
def store(browser):
    """A page of its own on an empty storage, for what reads and writes it."""
    page = open_page(browser)
    yield page
    assert page.errors == []
    page.context.close()


def call(page, fn: str, *args):
    return page.evaluate("([fn, args]) => Leda.data[fn](...args)", [fn, list(args)])


def raw(value) -> str:
    return value if isinstance(value, str) else json.dumps(value)


def stored(page) -> dict[str, str]:
    return page.evaluate(
        "() => Object.fromEntries(Object.keys(localStorage).map(k => [k, localStorage.getItem(k)]))"
    )


def put_raw(page, name: str, value) -> None:
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [STORE + name, raw(value)])


T1 = "2024-05-01T08:00:00.000Z"
T2 = "2025-06-01T08:00:00.000Z"
LATE = "2025-12-31T23:00:00.000Z"  # shortly before AT
FUTURE = "9999-01-01T00:00:00.000Z"


def note(text, updated=T1, v=1):
    return {"v": v, "text": text, "updated": updated}


def answer(chosen, verdict="correct", at=T1):
    return {"chosen": chosen, "verdict": verdict, "at": at}


def place(module="m", section="s", title="Rubrik", lang="sv", updated=T1):
    return {
        "v": 1,
        "module": module,
        "section": section,
        "title": title,
        "lang": lang,
        "updated": updated,
    }


def commitment(text="Lämna över ett beslut", updated=T1, **fields):
    value = {"v": 1, "text": text, "option": "hand-over", "due": "2025-06-08", "made": T1}
    return {**value, "updated": updated, "later": None, "answer": None, **fields}


FOLLOWED = {"result": "partly", "note": "Gick halvvägs.\n<b>fet</b>", "at": T2}


# ---- Entries: every kind, valid and invalid, and each migration ------------------

ENTRIES = [
    # (name, stored text or value, state, the value read when ok)
    ("note:m/e", note("Tre saker"), "ok", note("Tre saker")),
    ("note:m/e", note("", None), "ok", note("", None)),
    ("note:m/e", {"v": 1, "text": "x"}, "ok", {"v": 1, "text": "x"}),
    ("note:m-1/e-2", note("x", "2023-03-01T09:00:00Z"), "ok", note("x", "2023-03-01T09:00:00Z")),
    ("note:m/e", "{not json", "corrupt", None),
    ("note:m/e", "[1, 2]", "corrupt", None),
    ("note:m/e", '"a string"', "corrupt", None),
    ("note:m/e", "null", "corrupt", None),
    ("note:m/e", {"v": 1, "text": 42}, "corrupt", None),
    ("note:m/e", {"v": 1}, "corrupt", None),
    ("note:m/e", note("x", "1"), "corrupt", None),  # not a time
    ("note:m/e", note("x", "2023-02-30T00:00:00.000Z"), "corrupt", None),  # no such day
    ("note:m/e", note("x", "tomorrow"), "corrupt", None),
    ("note:m/e", note("x", 1700000000000), "corrupt", None),
    ("note:m/e", {"v": "1", "text": "x"}, "corrupt", None),
    ("note:m/e", {"v": -1, "text": "x"}, "corrupt", None),
    ("note:../../x", note("x"), "corrupt", None),  # not an id
    ("note:m", note("x"), "corrupt", None),
    ("note:M/E", note("x"), "corrupt", None),
    ("note:m/e", {"v": 2, "text": 5, "mood": 3}, "newer", None),
    ("conflict:m/e", note("Kopia"), "ok", note("Kopia")),
    ("conflict:m/e", {"v": 1, "text": None}, "corrupt", None),
    ("conflict:m/e", {"v": 3, "text": "x"}, "newer", None),
    ("done:m", {"v": 1, "done": True, "updated": T1}, "ok", {"v": 1, "done": True, "updated": T1}),
    ("done:m", {"v": 1, "done": False, "updated": None}, "ok", None),
    ("done:m", {"v": 1, "done": "yes", "updated": None}, "corrupt", None),
    ("done:m", {"v": 1, "done": True, "updated": "1"}, "corrupt", None),
    ("done:m/e", {"v": 1, "done": True}, "corrupt", None),
    ("done:m", {"v": 2, "done": "maybe"}, "newer", None),
    ("quiz:m", {"v": 1, "questions": {}}, "ok", None),
    ("quiz:m", {"v": 1, "questions": {"q-1": answer(["a", "b"], "partly")}}, "ok", None),
    ("quiz:m", {"v": 1, "questions": "abc"}, "corrupt", None),  # valid JSON, wrong shape
    ("quiz:m", {"v": 1, "questions": 5}, "corrupt", None),
    ("quiz:m", {"v": 1, "questions": []}, "corrupt", None),
    ("quiz:m", {"v": 1}, "corrupt", None),
    ("quiz:m", {"v": 1, "questions": {"q": answer("a")}}, "corrupt", None),
    ("quiz:m", {"v": 1, "questions": {"q": answer([1])}}, "corrupt", None),
    ("quiz:m", {"v": 1, "questions": {"q": {"chosen": ["a"], "at": None}}}, "corrupt", None),
    ("quiz:m", {"v": 1, "questions": {"q": answer(["a"], at="1")}}, "corrupt", None),
    ("quiz:m", {"v": 1, "questions": {"Q 1": answer(["a"])}}, "corrupt", None),
    ("quiz:m", {"v": 1, "questions": {"q": "a"}}, "corrupt", None),
    ("quiz:m", {"questions": {}}, "corrupt", None),  # quizzes had no version 0
    ("quiz:m", {"v": 2, "questions": "new"}, "newer", None),
    ("quiz:m/x", {"v": 1, "questions": {}}, "corrupt", None),
    (
        "backup:note:m/e:1700000000000",
        {"v": 1, "name": "note:m/e", "raw": "{x", "at": T1},
        "ok",
        None,
    ),
    ("backup:note:m/e:1", {"v": 1, "name": "note:m/e", "raw": 5, "at": None}, "corrupt", None),
    ("backup:note:m/e:1", {"v": 1, "name": "note:m/e", "raw": "x", "at": "1"}, "corrupt", None),
    ("backup:note:m/e", {"v": 1, "name": "note:m/e", "raw": "x", "at": None}, "corrupt", None),
    ("commit:m", {"v": 1}, "corrupt", None),  # not a kind this Leda knows
    # journey: the last place, commitments with their follow-up, the record's name
    ("place:last", place(), "ok", None),
    ("place:last", place(section="", title=""), "ok", None),  # at the top of the page
    ("place:last", place(module="M 1"), "corrupt", None),
    ("place:last", place(lang=None), "corrupt", None),
    ("place:last", place(updated="1"), "corrupt", None),
    ("place:first", place(), "corrupt", None),
    ("place:last", {**place(), "v": 2, "scroll": 0.5}, "newer", None),
    ("commitment:m", commitment(), "ok", None),
    ("commitment:m", commitment(option=None), "ok", None),  # the learner's own
    ("commitment:m", commitment(answer=FOLLOWED), "ok", None),
    ("commitment:m", commitment(later=T2), "ok", None),
    ("commitment:m", commitment(text="  "), "corrupt", None),
    ("commitment:m", commitment(text=5), "corrupt", None),
    ("commitment:m", commitment(option="Eget"), "corrupt", None),
    ("commitment:m", commitment(due="2025-02-30"), "corrupt", None),
    ("commitment:m", commitment(due="8 juni"), "corrupt", None),
    ("commitment:m", commitment(made=None), "corrupt", None),
    ("commitment:m", commitment(later="tomorrow"), "corrupt", None),
    ("commitment:m", commitment(answer={**FOLLOWED, "result": "maybe"}), "corrupt", None),
    ("commitment:m", commitment(answer={**FOLLOWED, "note": None}), "corrupt", None),
    ("commitment:m", commitment(answer={**FOLLOWED, "at": None}), "corrupt", None),
    ("commitment:m", commitment(answer="done"), "corrupt", None),
    ("commitment:m/e", commitment(), "corrupt", None),
    ("commitment:m", {**commitment(), "v": 2, "mood": 3}, "newer", None),
    ("name:record", {"v": 1, "name": "Åsa Örn", "updated": T1}, "ok", None),
    ("name:record", {"v": 1, "name": 7, "updated": T1}, "corrupt", None),
    ("name:other", {"v": 1, "name": "x", "updated": T1}, "corrupt", None),
]


@pytest.mark.parametrize(("name", "value", "state", "expected"), ENTRIES)
def test_entry_of_every_kind(page, name, value, state, expected):
    got = call(page, "entry", name, raw(value))
    assert got["state"] == state
    assert got["raw"] == raw(value)
    if state in ("ok", "newer"):
        assert got["value"] == (expected if expected is not None else value)


def test_no_entry_when_nothing_is_stored(page):
    assert call(page, "entry", "note:m/e", None) == {"state": "none"}


MIGRATIONS = [
    # version 0: no `v`, the time under `at`
    (
        "note:m/e",
        {"text": "Förr", "at": "2023-03-01T09:00:00Z"},
        note("Förr", "2023-03-01T09:00:00Z"),
    ),
    ("note:m/e", {"text": "Förr"}, note("Förr", None)),
    ("note:m/e", {"text": "Förr", "at": None, "updated": T1}, note("Förr", T1)),
    ("conflict:m/e", {"text": "Kopia", "at": T1}, note("Kopia", T1)),
    ("done:m", {"done": True, "at": T1}, {"v": 1, "done": True, "updated": T1}),
    ("done:m", {"done": False}, {"v": 1, "done": False, "updated": None}),
]


@pytest.mark.parametrize(("name", "old", "new"), MIGRATIONS)
def test_older_versions_are_migrated_on_reading(page, name, old, new):
    got = call(page, "entry", name, json.dumps(old))
    assert got["state"] == "ok"
    assert got["value"] == new
    assert got["raw"] == json.dumps(old)  # the stored text itself is not rewritten


@pytest.mark.parametrize(
    ("name", "old"),
    [
        ("note:m/e", {"text": 5, "at": T1}),
        ("note:m/e", {"text": "x", "at": "1"}),
        ("done:m", {"done": "yes"}),
    ],
)
def test_an_old_entry_that_does_not_fit_its_version_is_corrupt(page, name, old):
    assert call(page, "entry", name, json.dumps(old))["state"] == "corrupt"


def test_an_older_quiz_js_s_unreadable_copies_become_one_backup_per_value(store):
    page = store
    for t in (1700000000001, 1700000000002, 1700000000003, 1700000000004):
        put_raw(page, f"quiz:m:unreadable:{t}", json.dumps("{broken"))  # four visits
    put_raw(page, "quiz:m:unreadable:1700000000009", json.dumps("{other"))
    put_raw(page, "quiz:n:unreadable:1700000000005", json.dumps("{broken"))
    page.reload()
    data = stored(page)
    assert not [k for k in data if ":unreadable:" in k]
    backups = sorted(
        (v["name"], v["raw"], v["at"])
        for k, v in ((k, json.loads(v)) for k, v in data.items())
        if k.startswith(STORE + "backup:")
    )
    assert backups == [
        ("quiz:m", "{broken", "2023-11-14T22:13:20.001Z"),
        ("quiz:m", "{other", "2023-11-14T22:13:20.009Z"),
        ("quiz:n", "{broken", "2023-11-14T22:13:20.005Z"),
    ]
    page.reload()  # nothing more to migrate, nothing copied again
    assert stored(page) == data


def test_unreadable_copies_stay_where_they_are_until_they_can_be_backed_up(store):
    page = store
    put_raw(page, "quiz:m:unreadable:1700000000001", json.dumps("{broken"))
    before = stored(page)
    page.add_init_script(FULL)
    page.reload()
    assert stored(page) == before
    kept = {"name": "quiz:m", "raw": "{broken", "at": "2023-11-14T22:13:20.001Z"}
    assert call(page, "backups") == [{**kept, "legacy": "quiz:m:unreadable:1700000000001"}]
    assert call(page, "exported", call(page, "snapshot"), AT)["backups"] == [kept]


# ---- Reading and writing: probed once, never over what it cannot keep ------------


def test_storage_is_probed_once_per_page_not_on_every_read(store):
    page = store
    page.add_init_script(
        "window.calls = []; for (const f of ['setItem', 'removeItem']) {"
        " const real = Storage.prototype[f];"
        " Storage.prototype[f] = function (...a) { calls.push(f + ' ' + a[0]); return real.apply(this, a); }; }"
    )
    put_raw(page, "note:m/e", note("x"))
    page.reload()
    assert page.evaluate("() => Leda.data.state") == "ok"
    page.evaluate(
        "() => { for (let i = 0; i < 5; i++) { Leda.data.read('note:m/e'); Leda.data.read('quiz:m');"
        " Leda.data.names('note:'); Leda.data.snapshot(); Leda.data.backups(); } }"
    )
    assert page.evaluate("() => calls") == [
        "setItem " + STORE + "probe",
        "removeItem " + STORE + "probe",
    ]


@pytest.mark.parametrize(
    ("script", "state"),
    [
        ("", "ok"),
        (FULL, "full"),
        (
            "Storage.prototype.setItem = function () { throw new DOMException('no', 'SecurityError'); };",
            "readonly",
        ),
        (
            "Object.defineProperty(window, 'localStorage', {get() {"
            " throw new DOMException('blocked', 'SecurityError'); }});",
            "unavailable",
        ),
    ],
)
def test_the_probe_tells_full_read_only_and_blocked_storage_apart(store, script, state):
    page = store
    put_raw(page, "note:m/e", note("Sparad"))
    if script:
        page.add_init_script(script)
    page.reload()
    assert page.evaluate("() => Leda.data.state") == state
    got = call(page, "read", "note:m/e")
    if state == "unavailable":
        assert got == {"state": "unavailable"}
    else:
        assert got["state"] == "ok" and got["value"]["text"] == "Sparad"  # readable
    expected_put = {"ok": "ok", "full": "full"}.get(state, "unavailable")
    assert call(page, "put", "note:m/e", note("Ny")) == expected_put


def test_put_never_writes_over_a_newer_entry(store):
    page = store
    newer = json.dumps({"v": 2, "text": "Nyare", "mood": 1})
    put_raw(page, "done:m", newer)
    assert call(page, "put", "done:m", {"v": 1, "done": True, "updated": T1}) == "newer"
    assert stored(page) == {STORE + "done:m": newer}


def test_put_backs_up_an_unreadable_entry_once_per_value_before_writing(store):
    page = store
    for _ in range(3):  # three visits find the same unreadable entry
        put_raw(page, "done:m", "{broken")
        assert call(page, "put", "done:m", {"v": 1, "done": True, "updated": T1}) == "ok"
    put_raw(page, "done:m", "{broken, differently")
    assert call(page, "put", "done:m", {"v": 1, "done": False, "updated": T2}) == "ok"
    assert call(page, "keep", "done:m", "{broken") is True  # kept before: not again
    backups = call(page, "backups")
    assert sorted(b["raw"] for b in backups) == ["{broken", "{broken, differently"]
    assert {b["name"] for b in backups} == {"done:m"}
    assert json.loads(stored(page)[STORE + "done:m"])["done"] is False


def test_put_does_not_write_over_what_it_could_not_back_up(store):
    page = store
    big = "{" + "x" * 5000  # the new entry is shorter: it would fit where this one is
    put_raw(page, "quiz:m", big)
    # Only a write that makes storage grow fails, as in a full storage.
    page.evaluate(
        "() => { const real = Storage.prototype.setItem; Storage.prototype.setItem = function (k, v) {"
        " if (v.length > (this.getItem(k) || '').length) throw new DOMException('full', 'QuotaExceededError');"
        " return real.call(this, k, v); }; }"
    )
    entry = {"v": 1, "questions": {"q": answer(["a"])}}
    assert call(page, "put", "quiz:m", entry) == "stuck"
    assert stored(page) == {STORE + "quiz:m": big}


def test_the_store_is_the_page_s_data_leda_store(store):
    page = store
    assert call(page, "put", "note:m/e", note("x")) == "ok"
    assert list(stored(page)) == [STORE + "note:m/e"]
    assert call(page, "names", "note:") == ["note:m/e"]
    page.evaluate("() => localStorage.setItem('leda:/:note:m/f', '{}')")  # another store's
    page.reload()
    assert call(page, "names", "") == ["note:m/e"]
    assert call(page, "clear") is True
    assert stored(page) == {"leda:/:note:m/f": "{}"}


# ---- The import's merge: for each pair of stored and imported entry ---------------

QUIZ_X = answer(["x"], "incorrect", T1)
QUIZ_Y = answer(["y"], "correct", T2)


def backup(name, raw_text, at=AT_ISO, ms=AT):
    return [f"backup:{name}:{ms}", {"v": 1, "name": name, "raw": raw_text, "at": at}]


def quiz(questions):
    return {"v": 1, "questions": questions}


MERGES = [
    # (case, stored {name: value}, the import's parts, expected writes, expected counts)
    (
        "note new",
        {},
        {"notes": {"m/e": {"text": "A", "updated": T2}}},
        [["note:m/e", note("A", T2)]],
        {"added": 1},
    ),
    (
        "note new without a time",
        {},
        {"notes": {"m/e": {"text": "A", "updated": None}}},
        [["note:m/e", note("A", AT_ISO)]],
        {"added": 1},
    ),
    ("note new, empty", {}, {"notes": {"m/e": {"text": "", "updated": T2}}}, [], {}),
    (
        "note stored empty",
        {"note:m/e": note("", T1)},
        {"notes": {"m/e": {"text": "A", "updated": T1}}},
        [["note:m/e", note("A", T1)]],
        {"added": 1},
    ),
    (
        "note the same",
        {"note:m/e": note("A", T1)},
        {"notes": {"m/e": {"text": "A", "updated": T2}}},
        [],
        {"same": 1},
    ),
    (
        "note differs, imported later",
        {"note:m/e": note("B", T1)},
        {"notes": {"m/e": {"text": "A", "updated": T2}}},
        [["note:m/e", note("A", T2)], ["conflict:m/e", note("B", AT_ISO)]],
        {"updated": 1, "copies": 1},
    ),
    (
        "note differs, imported earlier",
        {"note:m/e": note("B", T2)},
        {"notes": {"m/e": {"text": "A", "updated": T1}}},
        [["conflict:m/e", note("A", AT_ISO)]],
        {"copies": 1},
    ),
    (
        "note differs, same time: the stored one stays",
        {"note:m/e": note("B", T2)},
        {"notes": {"m/e": {"text": "A", "updated": T2}}},
        [["conflict:m/e", note("A", AT_ISO)]],
        {"copies": 1},
    ),
    (
        "note differs, imported one dated in the future: counts as the import's moment",
        {"note:m/e": note("B", LATE)},
        {"notes": {"m/e": {"text": "A", "updated": FUTURE}}},
        [["note:m/e", note("A", AT_ISO)], ["conflict:m/e", note("B", AT_ISO)]],
        {"updated": 1, "copies": 1},
    ),
    (
        "note differs, stored one dated in the future",
        {"note:m/e": note("B", FUTURE)},
        {"notes": {"m/e": {"text": "A", "updated": LATE}}},
        [["conflict:m/e", note("A", AT_ISO)]],
        {"copies": 1},
    ),
    (
        "note differs, both in the future: the stored one stays",
        {"note:m/e": note("B", FUTURE)},
        {"notes": {"m/e": {"text": "A", "updated": "9000-01-01T00:00:00.000Z"}}},
        [["conflict:m/e", note("A", AT_ISO)]],
        {"copies": 1},
    ),
    (
        "note stored unreadable",
        {"note:m/e": "{bad"},
        {"notes": {"m/e": {"text": "A", "updated": T1}}},
        [backup("note:m/e", "{bad"), ["note:m/e", note("A", T1)]],
        {"added": 1},
    ),
    (
        "note stored by a newer Leda",
        {"note:m/e": note("B", T1, v=2)},
        {"notes": {"m/e": {"text": "A", "updated": T2}}},
        [["conflict:m/e", note("A", AT_ISO)]],
        {},
    ),
    (
        "note stored by a newer Leda, the same text",
        {"note:m/e": note("A", T1, v=2)},
        {"notes": {"m/e": {"text": "A", "updated": T2}}},
        [],
        {},
    ),
    (
        "copy new",
        {},
        {"copies": {"m/e": {"text": "C", "updated": T1}}},
        [["conflict:m/e", note("C", AT_ISO)]],
        {},
    ),
    (
        "copy added to the stored copy",
        {"conflict:m/e": note("D")},
        {"copies": {"m/e": {"text": "C", "updated": T1}}},
        [["conflict:m/e", note("D\n\nC", AT_ISO)]],
        {},
    ),
    (
        "copy already in the stored copy",
        {"conflict:m/e": note("D\n\nC")},
        {"copies": {"m/e": {"text": "C", "updated": T1}}},
        [],
        {},
    ),
    (
        "copy, stored copy by a newer Leda",
        {"conflict:m/e": note("D", v=2)},
        {"copies": {"m/e": {"text": "C", "updated": T1}}},
        [backup("conflict:m/e", "C")],
        {},
    ),
    (
        "copy, stored copy unreadable",
        {"conflict:m/e": "{bad"},
        {"copies": {"m/e": {"text": "C", "updated": T1}}},
        [backup("conflict:m/e", "{bad"), ["conflict:m/e", note("C", AT_ISO)]],
        {},
    ),
    (
        "mark new",
        {},
        {"progress": {"m": {"done": True, "updated": T1}}},
        [["done:m", {"v": 1, "done": True, "updated": T1}]],
        {},
    ),
    (
        "mark the same",
        {"done:m": {"v": 1, "done": True, "updated": T1}},
        {"progress": {"m": {"done": True, "updated": T2}}},
        [],
        {},
    ),
    (
        "mark differs, imported later: replaced and kept",
        {"done:m": {"v": 1, "done": False, "updated": T1}},
        {"progress": {"m": {"done": True, "updated": T2}}},
        [
            backup("done:m", json.dumps({"v": 1, "done": False, "updated": T1}), at=T1),
            ["done:m", {"v": 1, "done": True, "updated": T2}],
        ],
        {"replaced": 1},
    ),
    (
        "mark differs, imported earlier",
        {"done:m": {"v": 1, "done": False, "updated": T2}},
        {"progress": {"m": {"done": True, "updated": T1}}},
        [],
        {},
    ),
    (
        "mark differs, imported one dated in the future",
        {"done:m": {"v": 1, "done": False, "updated": LATE}},
        {"progress": {"m": {"done": True, "updated": FUTURE}}},
        [
            backup("done:m", json.dumps({"v": 1, "done": False, "updated": LATE}), at=LATE),
            ["done:m", {"v": 1, "done": True, "updated": AT_ISO}],
        ],
        {"replaced": 1},
    ),
    (
        "mark stored unreadable",
        {"done:m": "{bad"},
        {"progress": {"m": {"done": True, "updated": None}}},
        [backup("done:m", "{bad"), ["done:m", {"v": 1, "done": True, "updated": AT_ISO}]],
        {},
    ),
    (
        "mark stored by a newer Leda",
        {"done:m": {"v": 2, "done": False}},
        {"progress": {"m": {"done": True, "updated": T2}}},
        [],
        {},
    ),
    (
        "quiz new",
        {},
        {"quizzes": {"m": quiz({"q": QUIZ_X})}},
        [["quiz:m", quiz({"q": QUIZ_X})]],
        {},
    ),
    (
        "quiz, a question not answered here",
        {"quiz:m": quiz({"p": QUIZ_X})},
        {"quizzes": {"m": quiz({"q": QUIZ_Y})}},
        [["quiz:m", quiz({"p": QUIZ_X, "q": QUIZ_Y})]],
        {},
    ),
    (
        "quiz, the same answer later",
        {"quiz:m": quiz({"q": QUIZ_X})},
        {"quizzes": {"m": quiz({"q": {**QUIZ_X, "at": T2}})}},
        [],
        {},
    ),
    (
        "quiz, a different answer later: replaced and kept",
        {"quiz:m": quiz({"q": QUIZ_X, "gone": QUIZ_X})},
        {"quizzes": {"m": quiz({"q": QUIZ_Y})}},
        [
            backup("quiz:m", json.dumps(quiz({"q": QUIZ_X, "gone": QUIZ_X}))),
            ["quiz:m", quiz({"q": QUIZ_Y, "gone": QUIZ_X})],
        ],
        {"replaced": 1},
    ),
    (
        "quiz, a different answer earlier",
        {"quiz:m": quiz({"q": QUIZ_Y})},
        {"quizzes": {"m": quiz({"q": QUIZ_X})}},
        [],
        {},
    ),
    (
        "quiz, a different answer dated in the future",
        {"quiz:m": quiz({"q": {**QUIZ_X, "at": LATE}})},
        {"quizzes": {"m": quiz({"q": {**QUIZ_Y, "at": "2099-01-01T00:00:00.000Z"}})}},
        [
            backup("quiz:m", json.dumps(quiz({"q": {**QUIZ_X, "at": LATE}}))),
            ["quiz:m", quiz({"q": {**QUIZ_Y, "at": AT_ISO}})],
        ],
        {"replaced": 1},
    ),
    (
        "quiz stored unreadable",
        {"quiz:m": {"v": 1, "questions": "abc"}},
        {"quizzes": {"m": quiz({"q": QUIZ_X})}},
        [
            backup("quiz:m", json.dumps({"v": 1, "questions": "abc"})),
            ["quiz:m", quiz({"q": QUIZ_X})],
        ],
        {},
    ),
    (
        "quiz stored by a newer Leda",
        {"quiz:m": {"v": 2, "questions": {}}},
        {"quizzes": {"m": quiz({"q": QUIZ_X})}},
        [backup("quiz:m", json.dumps(quiz({"q": QUIZ_X}), separators=(",", ":")))],
        {},
    ),
    (
        "commitment new",
        {},
        {"commitments": {"m": {k: v for k, v in commitment().items() if k != "v"}}},
        [["commitment:m", commitment()]],
        {},
    ),
    (
        "commitment the same, another time",
        {"commitment:m": commitment(updated=T1)},
        {"commitments": {"m": {k: v for k, v in commitment(updated=T2).items() if k != "v"}}},
        [],
        {},
    ),
    (
        "commitment followed up, imported later: replaced and kept",
        {"commitment:m": commitment(updated=T1)},
        {
            "commitments": {
                "m": {k: v for k, v in commitment(updated=T2, answer=FOLLOWED).items() if k != "v"}
            }
        },
        [
            backup("commitment:m", json.dumps(commitment(updated=T1)), at=T1),
            ["commitment:m", commitment(updated=T2, answer=FOLLOWED)],
        ],
        {"replaced": 1},
    ),
    (
        "commitment differs, imported earlier",
        {"commitment:m": commitment(updated=T2, answer=FOLLOWED)},
        {"commitments": {"m": {k: v for k, v in commitment(updated=T1).items() if k != "v"}}},
        [],
        {},
    ),
    (
        "commitment dated in the future",
        {"commitment:m": commitment(updated=LATE)},
        {
            "commitments": {
                "m": {k: v for k, v in commitment("Annat", updated=FUTURE).items() if k != "v"}
            }
        },
        [
            backup("commitment:m", json.dumps(commitment(updated=LATE)), at=LATE),
            ["commitment:m", commitment("Annat", updated=AT_ISO)],
        ],
        {"replaced": 1},
    ),
    (
        "commitment stored unreadable",
        {"commitment:m": "{bad"},
        {"commitments": {"m": {k: v for k, v in commitment().items() if k != "v"}}},
        [backup("commitment:m", "{bad"), ["commitment:m", commitment()]],
        {},
    ),
    (
        "commitment stored by a newer Leda",
        {"commitment:m": {**commitment(), "v": 2}},
        {"commitments": {"m": {k: v for k, v in commitment(updated=T2).items() if k != "v"}}},
        [],
        {},
    ),
    (
        "place, a later one: replaced, not kept",
        {"place:last": place(updated=T1)},
        {"places": {"last": {k: v for k, v in place("n", updated=T2).items() if k != "v"}}},
        [["place:last", place("n", updated=T2)]],
        {},
    ),
    (
        "place, an earlier one",
        {"place:last": place(updated=T2)},
        {"places": {"last": {k: v for k, v in place("n", updated=T1).items() if k != "v"}}},
        [],
        {},
    ),
    (
        "name new",
        {},
        {"names": {"record": {"name": "Åsa", "updated": T1}}},
        [["name:record", {"v": 1, "name": "Åsa", "updated": T1}]],
        {},
    ),
    (
        "backup new",
        {},
        {"backups": [{"name": "note:x/y", "raw": "{r", "at": T1}]},
        [backup("note:x/y", "{r", at=T1)],
        {},
    ),
    (
        "backup kept already",
        {"backup:note:x/y:5": {"v": 1, "name": "note:x/y", "raw": "{r", "at": None}},
        {"backups": [{"name": "note:x/y", "raw": "{r", "at": T1}]},
        [],
        {},
    ),
    (
        "backup whose key is taken",
        {f"backup:note:x/y:{AT}": {"v": 1, "name": "note:x/y", "raw": "{other", "at": None}},
        {"backups": [{"name": "note:x/y", "raw": "{r", "at": FUTURE}]},
        [backup("note:x/y", "{r", ms=AT + 1)],
        {},
    ),
]


@pytest.mark.parametrize(
    ("stored_", "data", "writes", "counts"),
    [pytest.param(*case[1:], id=case[0]) for case in MERGES],
)
def test_the_merge_rule(page, stored_, data, writes, counts):
    snap = {name: raw(value) for name, value in stored_.items()}
    doc = {"app": "leda", "kind": "journal", "v": 1, **data}
    got = call(page, "merge", doc, snap, AT)
    assert got["writes"] == writes
    assert got["counts"] == {
        "added": 0,
        "updated": 0,
        "same": 0,
        "copies": 0,
        "replaced": 0,
        **counts,
    }


def test_the_merge_is_pure(page):
    snap = {"note:m/e": raw(note("B", T1))}
    doc = {"app": "leda", "kind": "journal", "v": 1, "notes": {"m/e": {"text": "A", "updated": T2}}}
    before = page.evaluate("() => Object.keys(localStorage).length")
    first = call(page, "merge", doc, snap, AT)
    assert call(page, "merge", doc, snap, AT) == first
    assert page.evaluate("() => Object.keys(localStorage).length") == before


# ---- The import's check: every rejection -----------------------------------------


def doc(**parts) -> str:
    return json.dumps({"app": "leda", "kind": "journal", "v": 1, **parts})


DEEP = "[" * 100_000 + "]" * 100_000
REJECTED = [
    ("not JSON", '{"app": "leda", ', "invalid_json", None),
    ("Markdown", "# Min dagbok\n\nText.", "invalid_json", None),
    ("empty", "", "invalid_json", None),
    ("a list", "[1, 2]", "wrong_app", None),
    ("null", "null", "wrong_app", None),
    ("a number", "5", "wrong_app", None),
    ("a string", '"leda"', "wrong_app", None),
    ("another app", '{"app": "other", "kind": "journal", "v": 1}', "wrong_app", None),
    ("another kind", '{"app": "leda", "kind": "plan", "v": 1}', "wrong_app", None),
    ("no version", '{"app": "leda", "kind": "journal"}', "schema", {"v": "undefined"}),
    ("version a string", '{"app": "leda", "kind": "journal", "v": "1.0"}', "schema", {"v": "1.0"}),
    ("version 0", '{"app": "leda", "kind": "journal", "v": 0}', "schema", {"v": "0"}),
    ("a newer version", '{"app": "leda", "kind": "journal", "v": 7}', "newer", {"v": "7"}),
    (
        "__proto__ as an id",
        '{"app": "leda", "kind": "journal", "v": 1, "notes": {"__proto__": {"text": "x"}}}',
        "bad_key",
        {"key": "__proto__"},
    ),
    (
        "__proto__ inside a valid id",
        '{"app": "leda", "kind": "journal", "v": 1, "notes": {"m/e": {"text": "x", "__proto__": {"polluted": 1}}}}',
        "bad_key",
        {"key": "__proto__"},
    ),
    (
        "constructor deep down",
        doc(progress={"m": {"done": True, "constructor": {}}}),
        "bad_key",
        {"key": "constructor"},
    ),
    (
        "prototype in a backup",
        doc(backups=[{"name": "x", "raw": "y", "prototype": 1}]),
        "bad_key",
        {"key": "prototype"},
    ),
    ("nested 100 000 levels", DEEP, "too_deep", None),
    (
        "nested 100 000 levels in a note",
        doc(notes={"m/e": {"text": "x", "deep": "DEEP"}}).replace('"DEEP"', DEEP),
        "too_deep",
        None,
    ),
    ("notes a list", doc(notes=[]), "bad_entry", {"key": "notes"}),
    ("notes null", doc(notes=None), "bad_entry", {"key": "notes"}),
    ("quizzes a string", doc(quizzes="x"), "bad_entry", {"key": "quizzes"}),
    (
        "a note id that is not one",
        doc(notes={"../../x": {"text": "x"}}),
        "bad_entry",
        {"key": "notes › ../../x"},
    ),
    (
        "a note id without an exercise",
        doc(notes={"m": {"text": "x"}}),
        "bad_entry",
        {"key": "notes › m"},
    ),
    (
        "a module id with a slash",
        doc(progress={"m/e": {"done": True}}),
        "bad_entry",
        {"key": "progress › m/e"},
    ),
    (
        "a note's text a number",
        doc(notes={"m/e": {"text": 5}}),
        "bad_entry",
        {"key": "notes › m/e"},
    ),
    ("a note a string", doc(notes={"m/e": "text"}), "bad_entry", {"key": "notes › m/e"}),
    (
        "a note dated 1",
        doc(notes={"m/e": {"text": "x", "updated": "1"}}),
        "bad_entry",
        {"key": "notes › m/e"},
    ),
    (
        "a note dated on a day that is not",
        doc(notes={"m/e": {"text": "x", "updated": "2023-02-30T00:00:00.000Z"}}),
        "bad_entry",
        {"key": "notes › m/e"},
    ),
    (
        "a note dated in words",
        doc(notes={"m/e": {"text": "x", "updated": "tomorrow"}}),
        "bad_entry",
        {"key": "notes › m/e"},
    ),
    (
        "a note of another version",
        doc(notes={"m/e": {"text": "x", "v": 2}}),
        "bad_entry",
        {"key": "notes › m/e"},
    ),
    (
        "a copy without text",
        doc(copies={"m/e": {"updated": None}}),
        "bad_entry",
        {"key": "copies › m/e"},
    ),
    (
        "a mark not true or false",
        doc(progress={"m": {"done": "yes"}}),
        "bad_entry",
        {"key": "progress › m"},
    ),
    (
        "a quiz's questions a string",
        doc(quizzes={"m": {"v": 1, "questions": "abc"}}),
        "bad_entry",
        {"key": "quizzes › m"},
    ),
    (
        "a quiz's questions a number",
        doc(quizzes={"m": {"v": 1, "questions": 5}}),
        "bad_entry",
        {"key": "quizzes › m"},
    ),
    (
        "a quiz answer's choice not a list",
        doc(quizzes={"m": quiz({"q": answer("a")})}),
        "bad_entry",
        {"key": "quizzes › m"},
    ),
    (
        "a quiz answer to a question id that is not one",
        doc(quizzes={"m": quiz({"Q 1": answer(["a"])})}),
        "bad_entry",
        {"key": "quizzes › m"},
    ),
    (
        "a quiz answer dated 1",
        doc(quizzes={"m": quiz({"q": answer(["a"], at="1")})}),
        "bad_entry",
        {"key": "quizzes › m"},
    ),
    ("backups not a list", doc(backups={}), "bad_entry", {"key": "backups"}),
    ("commitments a list", doc(commitments=[]), "bad_entry", {"key": "commitments"}),
    (
        "a commitment without a day",
        doc(commitments={"m": {**commitment(), "due": None}}),
        "bad_entry",
        {"key": "commitments › m"},
    ),
    (
        "a follow-up that is not one",
        doc(commitments={"m": commitment(answer={"result": "yes", "note": "", "at": T1})}),
        "bad_entry",
        {"key": "commitments › m"},
    ),
    (
        "a commitment of another version",
        doc(commitments={"m": {**commitment(), "v": 2}}),
        "bad_entry",
        {"key": "commitments › m"},
    ),
    (
        "a place for another id",
        doc(places={"first": place()}),
        "bad_entry",
        {"key": "places › first"},
    ),
    (
        "__proto__ in a follow-up",
        '{"app": "leda", "kind": "journal", "v": 1, "commitments": {"m": {"answer": {"__proto__": {}}}}}',
        "bad_key",
        {"key": "__proto__"},
    ),
    (
        "a name not a text",
        doc(names={"record": {"name": 5}}),
        "bad_entry",
        {"key": "names › record"},
    ),
    (
        "a backup's raw a number",
        doc(backups=[{"name": "x", "raw": 5, "at": None}]),
        "bad_entry",
        {"key": "backups"},
    ),
    (
        "a backup dated 1",
        doc(backups=[{"name": "x", "raw": "y", "at": "1"}]),
        "bad_entry",
        {"key": "backups"},
    ),
]


@pytest.mark.parametrize(
    ("text", "key", "vars_"),
    [pytest.param(*case[1:], id=case[0]) for case in REJECTED],
)
def test_every_import_rejection(page, text, key, vars_):
    got = call(page, "parse", text)
    assert list(got) == ["error"]
    assert got["error"][0] == "journal.import_" + key
    assert (got["error"][1] if len(got["error"]) > 1 else None) == vars_


@pytest.mark.parametrize(
    "text",
    [
        doc(),
        doc(notes={}, copies={}, progress={}, quizzes={}, backups=[]),
        doc(
            notes={"m/e": {"text": "x", "updated": None}, "m/f": {"text": "", "updated": T1}},
            copies={"m/e": {"text": "y"}},
            progress={"m": {"done": False, "updated": "2023-03-01T09:00:00Z"}},
            quizzes={"m": quiz({"q": answer(["a"]), "old-q": answer([], "answered", None)})},
            backups=[{"name": "note:m/e", "raw": "{x", "at": None}],
            exported=AT_ISO,
            later_field="ignored",
        ),
    ],
)
def test_valid_backups_are_accepted(page, text):
    assert call(page, "parse", text) == {"data": json.loads(text)}


# ---- The export -------------------------------------------------------------------


def test_the_export_holds_everything_and_imports_back_the_same(page):
    snap = {
        "note:m/e": raw(note("Text", T1)),
        "note:m/empty": raw(note("", T1)),  # nothing to export
        "note:m/newer": raw({"v": 2, "text": "Från en nyare Leda", "updated": T1, "mood": 3}),
        "note:m/odd": raw({"v": 2, "text": 5}),  # a newer entry without readable text
        "note:m/broken": "{broken",
        "note:m/old": raw({"text": "Förr", "at": T1}),
        "conflict:m/e": raw(note("Kopia", T2)),
        "done:m": raw({"v": 1, "done": True, "updated": T2}),
        "quiz:m": raw(quiz({"q": QUIZ_X, "gone": QUIZ_Y})),
        "quiz:n": raw({"v": 1, "questions": 5}),
        "quiz:m:unreadable:1700000000001": json.dumps("{from quiz.js"),
        "backup:note:x/y:7": raw({"v": 1, "name": "note:x/y", "raw": "{kept", "at": T1}),
        "place:last": raw(place()),
        "commitment:m": raw(commitment(answer=FOLLOWED)),
        "commitment:n": raw({**commitment(), "due": "someday"}),
        "name:record": raw({"v": 1, "name": "Åsa", "updated": T1}),
    }
    got = call(page, "exported", snap, AT)
    assert got == {
        "app": "leda",
        "kind": "journal",
        "v": 1,
        "exported": AT_ISO,
        "notes": {
            "m/e": {"text": "Text", "updated": T1},
            "m/newer": {"text": "Från en nyare Leda", "updated": T1},
            "m/old": {"text": "Förr", "updated": T1},
        },
        "copies": {"m/e": {"text": "Kopia", "updated": T2}},
        "progress": {"m": {"done": True, "updated": T2}},
        "quizzes": {"m": quiz({"q": QUIZ_X, "gone": QUIZ_Y})},
        "places": {"last": {k: v for k, v in place().items() if k != "v"}},
        "commitments": {"m": {k: v for k, v in commitment(answer=FOLLOWED).items() if k != "v"}},
        "names": {"record": {"name": "Åsa", "updated": T1}},
        "backups": [
            {"name": "note:x/y", "raw": "{kept", "at": T1},
            {"name": "quiz:m", "raw": "{from quiz.js", "at": "2023-11-14T22:13:20.001Z"},
            {"name": "commitment:n", "raw": snap["commitment:n"], "at": AT_ISO},
            {"name": "note:m/broken", "raw": "{broken", "at": AT_ISO},
            {"name": "note:m/odd", "raw": snap["note:m/odd"], "at": AT_ISO},
            {"name": "quiz:n", "raw": snap["quiz:n"], "at": AT_ISO},
        ],
    }
    parsed = call(page, "parse", json.dumps(got))
    assert parsed == {"data": got}
    # Into an empty browser: every entry comes back, and importing again adds nothing.
    first = call(page, "merge", got, {}, AT)
    again = {name: json.dumps(value) for name, value in first["writes"]}
    assert call(page, "merge", got, again, AT)["writes"] == []
    assert {n for n in again if not n.startswith("backup:")} == {
        "note:m/e",
        "note:m/newer",
        "note:m/old",
        "conflict:m/e",
        "done:m",
        "quiz:m",
        "place:last",
        "commitment:m",
        "name:record",
    }


# ---- Interface text for every result -------------------------------------------


def test_every_message_data_js_can_lead_to_is_written_in_both_languages():
    from test_strings import strings

    results = ("full", "unavailable", "newer", "stuck")  # what put() returns besides "ok"
    wanted = {"note." + r for r in results} | {"progress." + r for r in results}
    wanted |= {"quiz.storage_off", "quiz.full", "quiz.newer", "quiz.stuck", "quiz.corrupt"}
    wanted |= {"journal.import_" + case[2] for case in REJECTED}
    wanted |= {"journal.import_full", "journal.import_unavailable"}  # what apply() returns
    for source in ASSETS.glob("*.js"):
        found = re.findall(r'\bt\("([a-z_]+(?:\.[a-z_]+)+)"', source.read_text(encoding="utf-8"))
        wanted |= {k for k in found if not k.endswith("_")}  # "journal.import_" + … is above
    for lang in ("sv", "en"):
        assert sorted(wanted - set(strings(lang))) == [], lang
