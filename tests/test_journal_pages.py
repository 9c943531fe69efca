"""The journal, notes and progress as built: markup that journal.js fills in."""

from __future__ import annotations

import re
from pathlib import Path

from htmlscan import pages, tags

ROOT = Path(__file__).resolve().parent.parent
ASSETS = ROOT / "docs" / "assets" / "leda"


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


TOOLS = ("learning-groups", "timer", "gym")  # pages with their own scripts only


def test_data_js_is_on_every_page_and_journal_js_wherever_notes_or_progress_are(real_site):
    needs_journal = (
        "data-leda-note",
        "data-leda-module",
        "data-leda-progress",
        "data-leda-journal",
    )
    for path in pages(real_site.site):
        html = path.read_text(encoding="utf-8")
        scripts = [t.attrs["src"] for t in tags(html) if t.name == "script" and t.attrs.get("src")]
        names = [s.rsplit("/", 1)[-1] for s in scripts]
        assert names.index("leda.js") < names.index("data.js"), path
        quiz_page = path.parent.name == "quiz"
        if quiz_page:  # a quiz page has neither notes nor progress: only its own script
            assert "journal.js" not in names and names.index("data.js") < names.index("quiz.js")
        if "journal.js" in names:
            assert names.index("data.js") < names.index("journal.js"), path
        else:  # a page that leaves journal.js out (a quiz, a tool) has nothing it serves
            assert quiz_page or path.parent.name in TOOLS, path
            assert not any(attr in html for attr in needs_journal), path
        if "journal-page.js" in names:
            assert names.index("journal.js") < names.index("journal-page.js"), path
    languages = tags(real_site.html("index.html"))
    leda_js = next(t for t in languages if t.attrs.get("src", "").endswith("/leda.js"))
    assert leda_js.attrs["data-leda-languages"] == "sv en"  # from extra.leda.languages


def test_no_script_turns_text_into_html():
    sources = {f.name: f.read_text(encoding="utf-8") for f in ASSETS.glob("*.js")}
    assert {"leda.js", "data.js", "journal.js", "journal-page.js", "quiz.js"} <= set(sources)
    for name, source in sources.items():
        for sink in (
            "innerHTML",
            "outerHTML",
            "insertAdjacentHTML",
            "document.write",
            "eval(",
            "Function(",
            "DOMParser",
            "createContextualFragment",
        ):
            assert sink not in source, f"{name}: {sink}"
    both = "".join(sources.values())
    assert re.search(r"\.textContent = ", both) and re.search(r"\.value = ", both)


def test_only_data_js_touches_storage_and_no_script_names_a_language():
    for path in ASSETS.glob("*.js"):
        source = path.read_text(encoding="utf-8")
        if path.name != "data.js":
            assert "localStorage" not in source and "sessionStorage" not in source, path.name
        if path.name in ("leda.js", "journal.js", "data.js", "journal-page.js", "quiz.js"):
            assert not re.search(r"""["'](sv|en|sv-SE|en-GB)["']""", source), path.name
