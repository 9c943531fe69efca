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


def test_every_text_a_script_names_is_on_the_page():
    """Pages carry only the texts scripts read (strings.SCRIPT_PREFIXES); a script that
    names a key of another prefix would get the key itself instead of the text."""
    from leda.strings import SCRIPT_PREFIXES, for_scripts

    texts = strings("sv")
    prefixes = {key.split(".", 1)[0] for key in texts if "." in key}
    named = {}
    for script in sorted((ROOT / "docs" / "assets" / "leda").glob("*.js")):
        source = script.read_text(encoding="utf-8")
        for prefix in prefixes:
            if re.search(rf"[\"']{prefix}\.", source):
                named.setdefault(prefix, []).append(script.name)
    missing = {p: files for p, files in named.items() if p not in SCRIPT_PREFIXES}
    assert missing == {}, "add these prefixes to SCRIPT_PREFIXES in hooks/leda/strings.py"
    kept = for_scripts(texts)
    assert "statement.intro" not in kept and "quiz.check" in kept and "locale" in kept
    assert len(kept) < len(texts)
