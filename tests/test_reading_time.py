"""Honest time: reading time counted from a module's words, checked against its `minutes:`,
and shown beside the exercises' own minutes on every module page in both languages."""

from __future__ import annotations

import math
import re
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import LANGUAGES, ROOT
from htmlscan import tags
from leda.course import load_course
from leda.problems import CourseError
from leda.reading import RATES, count_words, page_minutes, reading_minutes

FIXTURE = Path(__file__).parent / "fixtures" / "course"
TRACKS = [
    {"id": "trust", "title": {"sv": "Leda med tillit", "en": "Leading with trust"}},
    {"id": "learning", "title": {"sv": "Lärande", "en": "Learning"}},
]


def test_words_are_the_prose_not_the_markup():
    text = (
        "## Varför det spelar roll {#why}\n\n"  # 4 words; the attribute list is not read
        "Läs [den här artikeln](https://example.org/a-long-url) nu.\n\n"  # 5
        "- **Tillit** är ett byte – *båda* ger.\n"  # 6 (the dash is not a word)
        '<span class="x">Två ord</span>\n\n'  # 2
        "/// exercise | trust-inventory\n"  # the fence and its id: nothing
        "Skriv ned 6 000 saker, t.ex. HR-strategens.\n"  # Skriv ned 6 000 saker t ex HR-strategens: 8
        "///\n\n"
        "```sh\n./leda build --strict\n```\n"  # code: not prose
        "Chefens medarbetar-samtal och don't.\n"  # 4
    )
    assert count_words(text) == 4 + 5 + 6 + 2 + 8 + 4


def test_reading_minutes_round_up_at_the_languages_rates():
    assert RATES == {"sv": 200, "en": 230}
    assert reading_minutes(0, "sv") == 0
    assert reading_minutes(1, "sv") == 1
    assert reading_minutes(200, "sv") == 1
    assert reading_minutes(201, "sv") == 2
    assert reading_minutes(230, "en") == 1
    assert reading_minutes(231, "en") == 2
    assert reading_minutes(400, "de") == 2  # other languages: 200 a minute


@pytest.fixture
def project(tmp_path) -> Path:
    shutil.copytree(FIXTURE, tmp_path, dirs_exist_ok=True)
    for lang in LANGUAGES:
        (tmp_path / "docs" / f"index.{lang}.md").write_text("# Hej\n", encoding="utf-8")
    return tmp_path


def load(project: Path):
    return load_course(project / "docs", project / "quizzes", TRACKS, LANGUAGES, root=project)


def lengthen(path: Path, words: int, where: str = "## Varför") -> None:
    """Add ``words`` words of prose before the heading ``where`` (or into the facilitator)."""
    text = path.read_text(encoding="utf-8")
    assert where in text, where
    filler = " ".join(["ord"] * words)
    path.write_text(text.replace(where, f"{filler}\n\n{where}", 1), encoding="utf-8")


def minutes_line(path: Path) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if line.startswith("minutes:"))


def body(path: Path) -> str:
    return path.read_text(encoding="utf-8").split("---\n", 2)[2]


def test_the_fixture_modules_reading_and_exercise_time(project):
    module = load(project).modules["sample-trust"]
    for lang in LANGUAGES:
        text = body(project / "docs" / "modules" / f"sample-trust.{lang}.md")
        prose = (
            text[: text.index("/// facilitator")]
            + text[text.index("///\n", text.index("/// facilitator")) :]
        )
        words = count_words(prose)
        assert words > 50
        assert page_minutes(text, lang) == math.ceil(words / RATES[lang])
    assert module.exercise_minutes == sum(e.minutes for e in module.exercises)


def test_minutes_below_the_reading_time_stop_the_load_at_the_minutes_line(project):
    sv = project / "docs" / "modules" / "sample-trust.sv.md"
    en = project / "docs" / "modules" / "sample-trust.en.md"
    before = count_words(body(sv).split("/// facilitator")[0])
    before += count_words(body(sv).split("/// facilitator")[1].split("///\n", 1)[1])
    # 15 minutes allow 3 000 Swedish words; 3 200 more make 17 minutes of reading
    first_heading = re.search(r"^## .*$", sv.read_text(encoding="utf-8"), re.M)[0]
    lengthen(sv, 3200, first_heading)
    with pytest.raises(CourseError) as err:
        load(project)
    found = [str(p) for p in err.value.problems]
    words = before + 3200
    needed = math.ceil(words / 200)
    assert found == [
        f"docs/modules/sample-trust.sv.md:{minutes_line(sv)}: `minutes: 15` is less than the "
        f"time it takes to read the page: {words} words at 200 words a minute is {needed} "
        "minutes (the facilitator section not counted); set `minutes:` to at least "
        f"{needed} in every language, or shorten the text"
    ]
    assert minutes_line(en)  # the English page is short enough: no problem there


def test_the_facilitator_section_does_not_count(project):
    sv = project / "docs" / "modules" / "sample-trust.sv.md"
    before = page_minutes(body(sv), "sv")
    text = sv.read_text(encoding="utf-8")
    start = text.index("/// facilitator\n") + len("/// facilitator\n")
    sv.write_text(text[:start] + " ".join(["ord"] * 5000) + "\n" + text[start:], "utf-8")
    load(project)  # no problem: 5 000 words more, and still 15 minutes
    assert page_minutes(body(sv), "sv") == before


def front(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n", 2)[1])


def fact(html: str, marker: str) -> str:
    """The text of the module facts' ``<dd>`` in the ``<div marker>``."""
    part = html[html.index(f"<div {marker}>") :]
    return re.search(r"<dd>(.*?)</dd>", part, re.S)[1].strip()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_module_page_shows_reading_and_exercise_time_apart(real_site, lang):
    base = "" if lang == LANGUAGES[0] else f"{lang}/"
    reading_word = {"sv": "cirka {n} minuter", "en": "about {n} minutes"}[lang]
    exercises_word = {"sv": "{n} ({m} minuter)", "en": "{n} ({m} minutes)"}[lang]
    for path in sorted((ROOT / "docs" / "modules").glob(f"*.{lang}.md")):
        meta = front(path)
        html = real_site.html(f"{base}modules/{meta['id']}/index.html")
        found = re.fullmatch(reading_word.replace("{n}", r"(\d+)"), fact(html, "data-leda-reading"))
        assert found, path
        assert 1 <= int(found[1]) <= meta["minutes"], path  # the build checked it
        exercises = meta["exercises"]
        assert fact(html, "data-leda-exercise-time") == exercises_word.format(
            n=len(exercises), m=sum(e["minutes"] for e in exercises)
        )
        assert [t for t in tags(html) if t.attrs.get("data-leda-reading") is not None]
