"""Interface text: every language has the same keys, and every key a template asks for exists.

The texts are overrides/partials/leda/lang/<lang>.html, one file per language of the
configuration (mkdocs.yml's extra.leda.languages); templates read them as
t["key"] (hooks/leda/strings.py).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import LANGUAGES, ROOT
from jinja2 import Environment, FileSystemLoader
from leda.strings import load_strings

OVERRIDES = ROOT / "overrides"
LANG_DIR = OVERRIDES / "partials" / "leda" / "lang"
# t["key"], t['key'], and t["prefix." ~ value] (the key is made from a value).
LITERAL = re.compile(r"""\bt\[\s*(["'])([\w.]+)\1\s*\]""")
PREFIX = re.compile(r"""\bt\[\s*(["'])([\w.]+\.)\1\s*~""")


def strings(lang: str) -> dict[str, str]:
    return load_strings(Environment(loader=FileSystemLoader(str(OVERRIDES))), lang)


def used_in_templates() -> tuple[set[str], set[str]]:
    keys, prefixes = set(), set()
    for path in OVERRIDES.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        keys |= {m[2] for m in LITERAL.finditer(text)}
        prefixes |= {m[2] for m in PREFIX.finditer(text)}
    for path in (ROOT / "hooks").rglob("*.py"):  # strings["page.permalink"], t["quiz.title"]
        keys |= {m[2] for m in LITERAL.finditer(path.read_text(encoding="utf-8"))}
        keys |= set(re.findall(r"""strings\[\s*"([\w.]+)"\s*\]""", path.read_text("utf-8")))
    return keys - {"key"}, prefixes  # "key": the docstrings' example


def test_there_is_a_file_for_every_language_of_the_site_and_no_other():
    assert len(LANGUAGES) >= 2
    assert sorted(p.stem for p in LANG_DIR.glob("*.html")) == sorted(LANGUAGES)


@pytest.mark.parametrize("lang", LANGUAGES[1:])
def test_every_language_has_the_same_keys_as_the_default_one(lang):
    default, other = strings(LANGUAGES[0]), strings(lang)
    assert len(default) > 40
    assert sorted(set(default) - set(other)) == [], f"missing in {lang}.html"
    assert sorted(set(other) - set(default)) == [], f"only in {lang}.html"
    assert default["language"] == LANGUAGES[0] and other["language"] == lang


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_empty_text_and_the_same_placeholders(lang):
    default, other = strings(LANGUAGES[0]), strings(lang)
    for key in default:
        assert other[key].strip(), f"{lang}: {key} is empty"
        placeholders = set(re.findall(r"\{\w+\}", default[key]))
        assert set(re.findall(r"\{\w+\}", other[key])) == placeholders, key


def test_every_key_the_templates_and_hooks_ask_for_exists():
    keys, prefixes = used_in_templates()
    assert len(keys) > 100 and "exercise.mode." in prefixes
    known = set(strings(LANGUAGES[0]))
    assert sorted(keys - known) == []
    for prefix in prefixes:
        assert any(key.startswith(prefix) for key in known), prefix


def test_swedish_interface_text_uses_swedish_typography():
    for key, text in strings("sv").items():
        assert '"' not in text, f"{key}: use ”citat”"
        assert " - " not in text, f"{key}: use a dash – not a hyphen"


def test_templates_have_one_way_to_the_text():
    """No template imports a language file or calls the old t.t(...) macro."""
    for path in OVERRIDES.rglob("*.html"):
        if path.parent == LANG_DIR:
            continue
        text = path.read_text(encoding="utf-8")
        rel = Path(path).relative_to(OVERRIDES)
        assert "partials/leda/lang/" not in text, rel
        assert not re.search(r"\bt\.(t\(|strings\b)", text), rel
        assert 'replace("{' not in text and "replace('{" not in text, f"{rel}: use | fill(...)"


SCRIPTS = ROOT / "docs" / "assets" / "leda"


def test_every_script_declares_the_texts_it_reads():
    """A page carries only its scripts' texts (strings.SCRIPT_STRINGS): every key a script
    names, or begins in code ("journey.store." + result), is under one of its prefixes,
    or the page would show the key itself instead of the text."""
    from leda.strings import SCRIPT_STRINGS

    texts = strings("sv")
    prefixes = "|".join(sorted({key.split(".", 1)[0] for key in texts if "." in key}))
    key = re.compile(rf"""["']((?:{prefixes})\.[\w.]*)["']""")
    written = ["scorm-package.js"]  # into each SCORM package, by hooks/leda/scorm.py
    assert sorted(SCRIPT_STRINGS) == sorted([p.name for p in SCRIPTS.glob("*.js")] + written)
    uncovered = {}
    for script in sorted(SCRIPTS.glob("*.js")):
        declared = SCRIPT_STRINGS[script.name]
        for name in sorted(set(key.findall(script.read_text(encoding="utf-8")))):
            if not (declared and name.startswith(declared)):
                uncovered.setdefault(script.name, []).append(name)
    assert uncovered == {}, "add these to the script's SCRIPT_STRINGS in hooks/leda/strings.py"
    for script, declared in SCRIPT_STRINGS.items():
        for prefix in declared:
            assert any(k.startswith(prefix) for k in texts), f"{script}: no text starts {prefix!r}"


def test_the_scripts_a_script_loads_are_declared():
    """journey.js loads followup.js and commitment.js itself: pages with it carry their texts."""
    from leda.strings import SCRIPT_LOADS

    names = {p.name for p in SCRIPTS.glob("*.js")}
    for script in sorted(SCRIPTS.glob("*.js")):
        source = script.read_text(encoding="utf-8")
        named = set(re.findall(r"""["'](?:assets/leda/)?([\w-]+\.js)["']""", source))
        loads = sorted((named & names) - {script.name})
        assert loads == sorted(SCRIPT_LOADS.get(script.name, ())), script.name


def test_a_page_carries_its_scripts_texts_and_no_others():
    from leda.strings import TextError, for_scripts

    texts = strings("sv")
    module = for_scripts(texts, ["leda.js", "data.js", "journal.js", "journey.js"])
    assert "locale" in module and "note.saved" in module and "ics.problem.date" in module
    assert "journey.commitment_saved" in module and "journey.followup_saved" in module
    assert "journey.store.full" in module and "exercise.copied" in module
    others = ("composer", "groups", "gym", "timer", "quiz")
    assert [k for k in module if k.split(".")[0] in others] == []
    assert "journey.record_remembered" not in module and "statement.intro" not in module
    assert "quiz.check" in for_scripts(texts, ["quiz.js"])
    with pytest.raises(TextError, match="SCRIPT_STRINGS"):
        for_scripts(texts, ["nowhere.js"])
