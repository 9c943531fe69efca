"""The journal, notes and progress as built: markup that journal.js fills in."""

from __future__ import annotations

import re
from pathlib import Path

from htmlscan import pages, tags

ROOT = Path(__file__).resolve().parent.parent
JOURNAL_JS = ROOT / "docs" / "assets" / "leda" / "journal.js"


def test_journal_page_lists_every_module_and_exercise_in_its_language(fixture_site):
    for prefix, title, exercise, notice in (
        ("", "Min dagbok", "Kartlägg kontrollen", "Allt stannar i den här webbläsaren"),
        ("en/", "My journal", "Map the control", "Everything stays in this browser"),
    ):
        html = fixture_site.html(f"{prefix}journal/index.html")
        found = tags(html)
        assert "<h1 id=" in html and title in html
        assert notice in html and "Safari" in html
        entries = [t.attrs["data-journal-entry"] for t in found if "data-journal-entry" in t.attrs]
        assert entries[:3] == [
            "sample-trust/trust-inventory",
            "sample-trust/trust-pair",
            "sample-trust/trust-group",
        ]
        assert exercise in html
        notes = [t for t in found if t.attrs.get("data-leda-note")]
        assert [n.attrs["data-leda-note"] for n in notes] == entries[:3]
        assert all("hidden" in n.attrs for n in notes)  # shown by journal.js
        assert any(t.name == "noscript" for t in found)
        links = [
            t.attrs["href"]
            for t in found
            if t.name == "a" and "#trust-pair" in t.attrs.get("href", "")
        ]
        assert links == ["../modules/sample-trust/#trust-pair"]  # the same language's module


def test_every_exercise_has_a_hidden_labelled_note_and_a_noscript_line(fixture_site):
    for prefix in ("", "en/"):
        html = fixture_site.html(f"{prefix}modules/sample-trust/index.html")
        found = tags(html)
        for exercise in ("trust-inventory", "trust-pair", "trust-group"):
            note = next(
                t for t in found if t.attrs.get("data-leda-note") == f"sample-trust/{exercise}"
            )
            assert "hidden" in note.attrs and note.inside("leda-exercise")
            field = next(t for t in found if t.attrs.get("id") == f"note-{exercise}")
            assert field.name == "textarea"
            assert any(
                t.name == "label" and t.attrs.get("for") == f"note-{exercise}" for t in found
            )
        assert html.count("leda-note__nojs") == 3
        done = next(t for t in found if "data-leda-done" in t.attrs)
        assert "hidden" in done.attrs


def test_course_overview_has_a_labelled_progress_bar_placeholder(fixture_site):
    found = tags(fixture_site.html("course/index.html"))
    bar = next(t for t in found if t.name == "progress")
    assert bar.attrs["max"] == "1" and bar.attrs["value"] == "0"
    assert any(t.name == "label" and t.attrs.get("for") == bar.attrs["id"] for t in found)
    card = next(
        t for t in found if t.name == "li" and t.attrs.get("data-leda-module") == "sample-trust"
    )
    assert card.attrs["data-leda-questions"] == "trust-meaning trust-levels trust-budget"


def test_journal_js_is_on_every_page_after_leda_js(real_site):
    for path in pages(real_site.site):
        scripts = [
            t.attrs["src"]
            for t in tags(path.read_text(encoding="utf-8"))
            if t.name == "script" and t.attrs.get("src")
        ]
        names = [s.rsplit("/", 1)[-1] for s in scripts]
        assert "journal.js" in names, path
        assert names.index("leda.js") < names.index("journal.js"), path


def test_journal_js_never_turns_text_into_html():
    source = JOURNAL_JS.read_text(encoding="utf-8")
    for sink in (
        "innerHTML",
        "outerHTML",
        "insertAdjacentHTML",
        "document.write",
        "eval(",
        "Function(",
    ):
        assert sink not in source, sink
    assert re.search(r"\.textContent = ", source) and re.search(r"\.value = ", source)
