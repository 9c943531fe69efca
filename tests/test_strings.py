"""Interface text: Swedish and English have the same keys, and no text is left empty."""

from __future__ import annotations

import re
from pathlib import Path

from jinja2 import Environment, FileSystemLoader

LANG_DIR = Path(__file__).resolve().parent.parent / "overrides" / "partials" / "leda" / "lang"


def strings(lang: str) -> dict[str, str]:
    env = Environment(loader=FileSystemLoader(str(LANG_DIR.parent.parent.parent)))
    return env.get_template(f"partials/leda/lang/{lang}.html").module.strings


def test_both_languages_have_the_same_keys():
    sv, en = strings("sv"), strings("en")
    assert sorted(sv) == sorted(en)
    assert len(sv) > 40


def test_no_empty_text_and_the_same_placeholders():
    sv, en = strings("sv"), strings("en")
    for key in sv:
        assert sv[key].strip() and en[key].strip(), key
        assert set(re.findall(r"\{\w+\}", sv[key])) == set(re.findall(r"\{\w+\}", en[key])), key


def test_swedish_interface_text_uses_swedish_typography():
    for key, text in strings("sv").items():
        assert '"' not in text, f"{key}: use ”citat”"
        assert " - " not in text, f"{key}: use a dash – not a hyphen"
