"""The accessibility statement: the organisation's own, in Digg's structure, and true (issue 14).

Units check the settings and the known-problems file (every problem at once, as
``path:line``); builds check the real site's statement in both languages, an
organisation's statement in a small site, and the builds that must be refused.
"""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from conftest import CONFIG, ROOT, axe_violations, load_config, make_project, run_build
from htmlscan import tags
from leda.branding import Brand, Contact
from leda.configfiles import ConfigFiles, SettingsError
from leda.problems import Problems
from leda.statement import (
    CHECKS,
    DIGG_REPORT,
    WCAG,
    check_statement,
    date_text,
    load_problems,
)

LANGS = ("sv", "en")
TODAY = dt.date(2026, 12, 2)
ONE_PROBLEM = """\
checks: [keyboard]
problems:
  - id: small-buttons
    reason: non-compliance
    wcag: ["2.5.8"]
    what:
      sv: Knapparna är små.
      en: The buttons are small.
"""
NO_PROBLEMS = "checks: [keyboard, zoom]\nproblems: []\n"


class Text(HTMLParser):
    """The text inside every element carrying one of ``keys`` (an attribute name or id)."""

    def __init__(self, *keys: str):
        super().__init__(convert_charrefs=True)
        self.keys = keys
        self.found: dict[str, list[str]] = {}
        self.open: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        key = next((k for k in self.keys if k in a or a.get("id") == k), None)
        name = (a.get(key) or key) if key else None
        self.open.append((tag, name))
        if name:
            self.found.setdefault(name, []).append("")

    def handle_startendtag(self, tag, attrs):
        pass

    def handle_endtag(self, tag):
        while self.open:
            if self.open.pop()[0] == tag:
                break

    def handle_data(self, data):
        for _, name in self.open:
            if name:
                self.found[name][-1] += data


def texts(html: str, *keys: str) -> dict[str, str]:
    reader = Text(*keys)
    reader.feed(html)
    return {k: " ".join(" ".join(v).split()) for k, v in reader.found.items()}


def article(html: str) -> str:
    return html[html.index("<article") : html.index("</article>")]


# --- Units ---------------------------------------------------------------------------------


def project(tmp_path: Path, organisation: str, problems: str = ONE_PROBLEM) -> ConfigFiles:
    """A project with Leda's mkdocs.yml, ``organisation.yml`` and its problems file."""
    (tmp_path / "mkdocs.yml").write_text((ROOT / "mkdocs.yml").read_text("utf-8"), "utf-8")
    (tmp_path / "organisation.yml").write_text(organisation, encoding="utf-8")
    (tmp_path / "accessibility.yml").write_text(problems, encoding="utf-8")
    return ConfigFiles(tmp_path / "organisation.yml", tmp_path)


def settings_of(files: ConfigFiles) -> dict:
    """extra.leda.statement as MkDocs merges it (the organisation's over Leda's)."""
    return load_config(files.config_file)["extra"]["leda"].get("statement")


def statement(files: ConfigFiles, brand: Brand | None = None):
    return check_statement(
        settings_of(files),
        brand or Brand(),
        {"sv": "Leda", "en": "Leda"},
        "https://ledarskap.exempelby.se/",
        files.root,
        LANGS,
        files,
        today=TODAY,
    )


def problems_of(files: ConfigFiles, brand: Brand | None = None) -> list[str]:
    with pytest.raises(SettingsError) as err:
        statement(files, brand)
    return [str(p) for p in err.value.problems]


ORG = """\
INHERIT: mkdocs.yml
extra:
  leda:
    statement:
      organisation: {sv: Exempelby kommun, en: Exempelby Municipality}
      contact: https://exempelby.se/tillganglighet
      compliance: partially-compliant
      assessed: 2026-11-20
"""


def test_an_organisations_statement_names_it_and_its_contact(tmp_path):
    made = statement(project(tmp_path, ORG))
    assert made.organisation == {"sv": "Exempelby kommun", "en": "Exempelby Municipality"}
    assert made.contact.href == "https://exempelby.se/tillganglighet"
    assert made.compliance == "partially-compliant"
    assert made.assessed == made.updated == dt.date(2026, 11, 20)
    assert made.site == "https://ledarskap.exempelby.se/"
    assert made.checks == ("keyboard",)
    [problem] = made.problems
    assert (problem.id, problem.reason, problem.line) == ("small-buttons", "non-compliance", 3)
    assert [(c.number, c.level) for c in problem.wcag] == [("2.5.8", "AA")]
    assert [reason for reason, _ in made.grouped()] == ["non-compliance"]


def test_compliant_while_problems_are_listed_is_refused_at_the_setting(tmp_path):
    files = project(tmp_path, ORG.replace("partially-compliant", "compliant"))
    assert problems_of(files) == [
        "organisation.yml:7: extra.leda.statement.compliance is `compliant` (helt förenlig), "
        "but accessibility.yml lists 1 known problem (accessibility.yml:3); write "
        "partially-compliant, or fix them and take them out of the file"
    ]


def test_not_fully_compliant_without_a_listed_problem_is_refused(tmp_path):
    files = project(tmp_path, ORG, problems=NO_PROBLEMS)
    assert problems_of(files) == [
        "organisation.yml:7: extra.leda.statement.compliance is `partially-compliant`, but "
        "accessibility.yml lists no problem; the statement must say what is not accessible "
        "and why: add it under `problems:` in accessibility.yml (or write compliant if "
        "nothing is)"
    ]
    made = statement(
        project(tmp_path, ORG.replace("partially-compliant", "compliant"), NO_PROBLEMS)
    )
    assert made.compliance == "compliant" and made.problems == []


def test_a_statement_without_a_contact_is_refused(tmp_path):
    files = project(
        tmp_path, ORG.replace("      contact: https://exempelby.se/tillganglighet\n", "")
    )
    # Leda's own contact (mkdocs.yml) is not the organisation's.
    line = (
        (ROOT / "mkdocs.yml")
        .read_text("utf-8")
        .splitlines()
        .index("      contact: tillganglighet@leda.example.org")
    )
    assert problems_of(files) == [
        f"organisation.yml:5: the accessibility statement's contact is the one in mkdocs.yml:"
        f"{line + 1}, not your own; set extra.leda.statement.contact (or "
        "extra.leda.brand.contact) in organisation.yml to the e-mail or web address where "
        "visitors report problems to you"
    ]
    # The brand's contact (the footer's) is the organisation's own: it serves.
    brand = Brand(contact=Contact("ledarskap@exempelby.se", "mailto:ledarskap@exempelby.se"))
    assert statement(files, brand).contact.href == "mailto:ledarskap@exempelby.se"


def test_a_site_with_no_contact_anywhere_is_refused(tmp_path):
    (tmp_path / "accessibility.yml").write_text(ONE_PROBLEM, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: X\nextra:\n  leda:\n    statement:\n      compliance: partially-compliant\n"
        "      assessed: 2026-11-20\n",
        encoding="utf-8",
    )
    files = ConfigFiles(tmp_path / "mkdocs.yml", tmp_path)
    assert problems_of(files) == [
        "mkdocs.yml:5: the accessibility statement has no contact; set "
        "extra.leda.statement.contact (or extra.leda.brand.contact) to the e-mail or web "
        "address where visitors report problems and ask for content in another format"
    ]


def test_bad_settings_are_reported_together_where_they_are_written(tmp_path):
    files = project(
        tmp_path,
        """\
INHERIT: mkdocs.yml
extra:
  leda:
    statement:
      contact: ring oss
      compliance: helt
      assessed: 2027-01-01
      updated: igår
      problem: accessibility.yml
""",
    )
    assert problems_of(files) == [
        "organisation.yml:5: extra.leda.statement.contact is 'ring oss'; write an e-mail "
        "address (like ledarskap@kommun.se) or a web address starting with https://",
        "organisation.yml:6: extra.leda.statement.compliance is 'helt'; use one of: compliant, "
        "partially-compliant, not-compliant (helt, delvis or inte förenlig med lagen)",
        "organisation.yml:7: extra.leda.statement.assessed is 2027-01-01, which is in the "
        "future; write the day it was done",
        "organisation.yml:8: extra.leda.statement.updated is 'igår'; write a date like "
        "2026-12-01 (no quotes)",
        "organisation.yml:9: unknown setting `problem` in extra.leda.statement; did you mean "
        "`problems`?",
    ]


def test_a_missing_problems_file_is_named(tmp_path):
    files = project(tmp_path, ORG + "      problems: tillganglighet.yml\n")
    assert problems_of(files) == [
        "organisation.yml:9: the accessibility statement's known problems are read from "
        "tillganglighet.yml, which does not exist; create it (Leda's own accessibility.yml "
        "shows the format) or fix the name in extra.leda.statement.problems"
    ]


def test_every_problem_in_the_problems_file_is_reported_at_once(tmp_path):
    path = tmp_path / "accessibility.yml"
    path.write_text(
        """\
checks: [keyboard, screenreader, keyboard]
problems:
  - id: small-buttons
    reason: burden
    wcag: ["2.5.8", "4.1.1", 1.4]
    what:
      sv: Knapparna är små.
  - id: small-buttons
    reason: disproportionate-burden
    what: {sv: Videon saknar text., en: The video has no captions.}
    workaround: {sv: Läs texten under., en: }
    fixx: {sv: Snart., en: Soon.}
""",
        encoding="utf-8",
    )
    problems = Problems()
    load_problems(path, "accessibility.yml", LANGS, problems)
    assert [str(p) for p in problems] == [
        "accessibility.yml:1: the check 'keyboard' is listed twice in `checks`",
        f"accessibility.yml:1: unknown manual check 'screenreader' in `checks`; use: {', '.join(CHECKS)}",
        "accessibility.yml:4: `reason` in problem 'small-buttons' is 'burden'; use one of: "
        "non-compliance, disproportionate-burden, outside-scope",
        "accessibility.yml:5: `wcag` in problem 'small-buttons': '4.1.1' is not a WCAG 2.2 "
        'success criterion; write its number in quotes, like "1.4.3"',
        "accessibility.yml:6: `what` in problem 'small-buttons' has no `en:` text; add the "
        "English text",
        "accessibility.yml:8: problem 'small-buttons' is `disproportionate-burden`; add `why:` "
        "with `sv:` and `en:` texts: the statement must say why the content is not made "
        "accessible",
        "accessibility.yml:8: the id 'small-buttons' is used twice (first on line 3)",
        "accessibility.yml:11: `workaround.en` in problem 'small-buttons' is empty; write the "
        "English text",
        "accessibility.yml:12: unknown key `fixx` in problem 'small-buttons'; did you mean `fix`?",
    ]


def test_wcag_22_lists_its_criteria_at_their_levels():
    assert len(WCAG) == 86 and "4.1.1" not in WCAG  # 2.2 removed Parsing
    assert (WCAG["2.4.11"], WCAG["2.5.8"], WCAG["3.3.8"], WCAG["2.4.1"]) == ("AA", "AA", "AA", "A")
    assert sum(level in ("A", "AA") for level in WCAG.values()) == 55


def test_dates_read_as_written_in_each_language():
    sv = "januari februari mars april maj juni juli augusti september oktober november december"
    assert date_text(dt.date(2026, 12, 1), sv) == "1 december 2026"
    en = "January February March April May June July August September October November December"
    assert date_text(dt.date(2027, 3, 15), en) == "15 March 2027"


def test_ledas_own_statement_is_partial_and_lists_its_gaps():
    problems = Problems()
    checks, known = load_problems(ROOT / "accessibility.yml", "accessibility.yml", LANGS, problems)
    assert not problems, problems.report()
    assert known and set(checks) <= set(CHECKS)
    assert (
        CONFIG["extra"]["leda"]["statement"]["compliance"] == "partially-compliant"
    )  # not "helt", with gaps


# --- The real site ------------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "prefix"), [("sv", ""), ("en", "en/")])
def test_the_real_statement_follows_digg_s_structure(real_site, lang, prefix):
    html = real_site.html(f"{prefix}accessibility/index.html")
    body = article(html)
    headings = [t.attrs["id"] for t in tags(body) if t.name == "h2"]
    assert headings == [
        "statement-status",
        "statement-other-format",
        "statement-report",
        "statement-enforcement",
        "statement-technical",
        "statement-problems",
        "statement-assessment",
    ]
    found = texts(
        body,
        "data-leda-statement-status",
        "data-leda-statement-contact",
        "data-leda-statement-dates",
        "data-leda-problem",
    )
    status = {
        "sv": "Webbplatsen är delvis förenlig med lagen",
        "en": "The website partially complies",
    }
    assert found["data-leda-statement-status"].startswith(status[lang])
    assert "tillganglighet@leda.example.org" in found["data-leda-statement-contact"]
    dates = {
        "sv": "Den senaste bedömningen gjordes den 2 december 2026. Redogörelsen uppdaterades senast den 2 december 2026.",
        "en": "The latest assessment was made on 2 December 2026. This statement was last updated on 2 December 2026.",
    }
    assert found["data-leda-statement-dates"] == dates[lang]
    links = [t.attrs["href"] for t in tags(body) if t.name == "a"]
    assert DIGG_REPORT in links and "mailto:tillganglighet@leda.example.org" in links
    assert DIGG_REPORT == (
        "https://www.digg.se/analys-och-uppfoljning/lagen-om-tillganglighet-till-digital-"
        "offentlig-service-dos-lagen/anmal-bristande-tillganglighet"
    )
    # Every known problem is on the page, in the page's language.
    data = yaml.safe_load((ROOT / "accessibility.yml").read_text("utf-8"))
    for problem in data["problems"]:
        shown = found[problem["id"]]
        assert " ".join(problem["what"][lang].split()) in shown
        for number in problem.get("wcag", ()):
            assert number in shown
    law = {"sv": "Webbplatsen omfattas av", "en": "subject to the Swedish Act on"}
    act = (
        '<span lang="sv">lagen (2018:1937) om tillgänglighet till digital offentlig service</span>'
    )
    assert f"{law[lang]}" in " ".join(body.split()) and act in body  # 3.1.2: in Swedish
    assert ("axe" in body) and ("2.2" in body)
    assert "inga kända brister" not in body.lower() and "helt förenlig" not in body


# --- An organisation's site ---------------------------------------------------------------


ORG_SITE = """\
INHERIT: mkdocs.yml
site_url: https://ledarskap.exempelby.se/
extra:
  leda:
    brand:
      name: {sv: Ledarskap i Exempelby, en: Leadership in Exempelby}
    statement:
      organisation: {sv: Exempelby kommun, en: Exempelby Municipality}
      contact: tillganglighet@exempelby.se
      compliance: compliant
      assessed: 2026-11-20
      problems: exempelby-accessibility.yml
"""


def org_project(tmp_path: Path, organisation: str, problems: str = NO_PROBLEMS) -> Path:
    made = make_project(tmp_path)
    (made / "organisation.yml").write_text(organisation, encoding="utf-8")
    (made / "exempelby-accessibility.yml").write_text(problems, encoding="utf-8")
    return made


@pytest.fixture(scope="module")
def org_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("statement")
    build = run_build(org_project(tmp, ORG_SITE), tmp / "site", config="organisation.yml")
    assert build.code == 0, build.log
    return build


@pytest.mark.parametrize(("lang", "prefix"), [("sv", ""), ("en", "en/")])
def test_an_organisations_statement_is_its_own(org_site, lang, prefix):
    body = article(org_site.html(f"{prefix}accessibility/index.html"))
    flat = " ".join(body.split())
    name = {"sv": "Exempelby kommun", "en": "Exempelby Municipality"}[lang]
    assert name in flat and "Leda" not in flat.replace("leda-", "")
    assert "tillganglighet@leda.example.org" not in body
    links = [t.attrs["href"] for t in tags(body) if t.name == "a"]
    assert "mailto:tillganglighet@exempelby.se" in links
    assert "https://ledarskap.exempelby.se/" in links
    found = texts(body, "data-leda-statement-status", "statement-problems")
    status = {"sv": "Webbplatsen är helt förenlig", "en": "The website fully complies"}[lang]
    assert found["data-leda-statement-status"].startswith(status)
    none = {
        "sv": "Vi känner inte till något innehåll som inte är tillgängligt.",
        "en": "We know of no content that is not accessible.",
    }[lang]
    assert none in flat
    manual = {"sv": "förstorade till 400 procent", "en": "zoomed to 400 per cent"}[lang]
    assert manual in flat and "data-leda-problem" not in body


@pytest.mark.parametrize(
    ("organisation", "problems", "message"),
    [
        (
            ORG_SITE,
            ONE_PROBLEM,
            "organisation.yml:10: extra.leda.statement.compliance is `compliant` (helt "
            "förenlig), but exempelby-accessibility.yml lists 1 known problem "
            "(exempelby-accessibility.yml:3)",
        ),
        (
            ORG_SITE.replace("      contact: tillganglighet@exempelby.se\n", ""),
            NO_PROBLEMS,
            "organisation.yml:8: the accessibility statement's contact is the one in mkdocs.yml:",
        ),
    ],
    ids=["compliant-with-problems", "no-contact"],
)
def test_an_untrue_statement_stops_the_build(tmp_path, organisation, problems, message):
    build = run_build(
        org_project(tmp_path, organisation, problems), tmp_path / "site", config="organisation.yml"
    )
    assert build.code != 0
    assert "Leda found 1 problem in the site's settings:" in build.log, build.log
    assert message in build.log, build.log


def test_the_hosting_guide_explains_the_statement_settings():
    for lang in LANGS:
        guide = (ROOT / "docs" / f"guide-hosting.{lang}.md").read_text("utf-8")
        for word in (
            "statement:",
            "compliance",
            "assessed",
            "contact",
            "accessibility.yml",
            "partially-compliant",
        ):
            assert word in guide, (lang, word)
    example = yaml.safe_load((ROOT / "organisation.example.yml").read_text("utf-8"))
    assert set(example["extra"]["leda"]["statement"]) >= {
        "organisation",
        "contact",
        "compliance",
        "assessed",
    }


@pytest.mark.parametrize("path", ["accessibility/", "en/accessibility/"])
def test_the_statement_page_passes_axe(real_server, tab, path):
    tab.page.goto(real_server.url + path)
    assert axe_violations(tab.page) == []
    assert tab.errors == [] and tab.foreign_requests(real_server) == []
