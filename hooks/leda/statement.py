"""The accessibility statement: the organisation's own, and true.

A public body in Sweden publishes an accessibility statement for each website
(lagen (2018:1937) om tillgänglighet till digital offentlig service, the "DOS law"),
in the structure Digg, the agency that supervises the law, gives in its model
statement: who publishes the site, how far it complies, what is not accessible and
why, how to report a problem or ask for content in another format, where to
report to Digg, and how and when the site was assessed.

Two sources, both checked here with every problem at once as ``path:line``:

- the settings ``extra.leda.statement`` (mkdocs.yml, or organisation.yml on top of
  it): ``organisation``, ``contact``, ``compliance``, ``assessed``, ``updated``,
  ``problems`` (the file below). The organisation defaults to the brand's name and
  the contact to ``extra.leda.brand.contact``. A contact inherited from another
  file (Leda's own, in mkdocs.yml) does not count for organisation.yml: an
  organisation's statement must tell visitors where to reach that organisation.
- the known problems, ``accessibility.yml`` at the project's top level: the manual
  checks of the latest assessment and each problem, both languages side by side.

The build refuses ``compliance: compliant`` while the file lists a problem, a
statement that is not fully compliant but lists none, and a statement without a
contact. ``overrides/leda-accessibility.html`` renders it (docs/accessibility.*.md).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .branding import Brand, Contact
from .branding import _contact as parse_contact
from .checks import Checker
from .configfiles import ConfigFiles, Report, SettingsError, _find
from .problems import Problems
from .yamlsource import Mapping, Sequence, load

STATEMENT_KEYS = ("organisation", "contact", "compliance", "assessed", "updated", "problems")
COMPLIANCE = ("compliant", "partially-compliant", "not-compliant")
# Digg's model statement sorts what is not accessible under these three headings.
REASONS = ("non-compliance", "disproportionate-burden", "outside-scope")
# The manual checks an assessment can name (their texts: statement.check.<id>).
CHECKS = (
    "keyboard",
    "screen-reader",
    "zoom",
    "reflow",
    "contrast",
    "forced-colours",
    "reduced-motion",
    "no-javascript",
    "print",
)
PROBLEM_KEYS = ("id", "reason", "wcag", "what", "why", "workaround", "fix")
DEFAULT_FILE = "accessibility.yml"
TEMPLATE = "leda-accessibility.html"
# Digg's form for reporting a site that does not comply (its canonical address).
DIGG_REPORT = (
    "https://www.digg.se/analys-och-uppfoljning/lagen-om-tillganglighet-till-digital-"
    "offentlig-service-dos-lagen/anmal-bristande-tillganglighet"
)

# WCAG 2.2's success criteria and their levels (4.1.1 Parsing is gone in 2.2).
_LEVELS = {
    "A": "1.1.1 1.2.1 1.2.2 1.2.3 1.3.1 1.3.2 1.3.3 1.4.1 1.4.2 2.1.1 2.1.2 2.1.4 2.2.1 "
    "2.2.2 2.3.1 2.4.1 2.4.2 2.4.3 2.4.4 2.5.1 2.5.2 2.5.3 2.5.4 3.1.1 3.2.1 3.2.2 3.2.6 "
    "3.3.1 3.3.2 3.3.7 4.1.2",
    "AA": "1.2.4 1.2.5 1.3.4 1.3.5 1.4.3 1.4.4 1.4.5 1.4.10 1.4.11 1.4.12 1.4.13 2.4.5 "
    "2.4.6 2.4.7 2.4.11 2.5.7 2.5.8 3.1.2 3.2.3 3.2.4 3.3.3 3.3.4 3.3.8 4.1.3",
    "AAA": "1.2.6 1.2.7 1.2.8 1.2.9 1.3.6 1.4.6 1.4.7 1.4.8 1.4.9 2.1.3 2.2.3 2.2.4 2.2.5 "
    "2.2.6 2.3.2 2.3.3 2.4.8 2.4.9 2.4.10 2.4.12 2.4.13 2.5.5 2.5.6 3.1.3 3.1.4 3.1.5 "
    "3.1.6 3.2.5 3.3.5 3.3.6 3.3.9",
}
WCAG = {number: level for level, numbers in _LEVELS.items() for number in numbers.split()}


@dataclass(frozen=True)
class Criterion:
    number: str
    level: str


@dataclass
class KnownProblem:
    id: str
    reason: str
    what: dict[str, str]
    wcag: tuple[Criterion, ...] = ()
    why: dict[str, str] | None = None
    workaround: dict[str, str] | None = None
    fix: dict[str, str] | None = None
    line: int = 1  # where it is written in the file


@dataclass
class Statement:
    organisation: dict[str, str]
    contact: Contact
    compliance: str
    assessed: dt.date
    updated: dt.date
    site: str | None = None  # the site's address (site_url), when it has one
    checks: tuple[str, ...] = ()
    problems: list[KnownProblem] = field(default_factory=list)

    def grouped(self) -> list[tuple[str, list[KnownProblem]]]:
        """The problems under Digg's headings, in Digg's order, empty headings left out."""
        return [
            (reason, [p for p in self.problems if p.reason == reason])
            for reason in REASONS
            if any(p.reason == reason for p in self.problems)
        ]


def date_text(day: dt.date, months: str) -> str:
    """``1 december 2026``: ``months`` is the language's twelve month names, space-separated."""
    return f"{day.day} {months.split()[day.month - 1]} {day.year}"


def _main_line(files: ConfigFiles | None, keys: tuple) -> tuple[str, int]:
    """The place in the built file itself (not one it inherits) nearest to ``keys``."""
    if files is None:
        return "mkdocs.yml", 1
    node = files.files[0][1] if files.files else None
    for depth in range(len(keys), 0, -1):
        found = _find(node, keys[:depth])
        if found is not None:
            return files.main, found.start_mark.line + 1
    return files.main, 1


def _written_here(files: ConfigFiles | None, keys: tuple) -> bool:
    """Is the setting at ``keys`` written in the built file (not inherited)?"""
    if files is None or not files.files:
        return True
    return _find(files.files[0][1], keys) is not None


def _same_file(files: ConfigFiles | None, keys: tuple, other: tuple) -> bool:
    """Are the settings at ``keys`` and ``other`` written in the same file?"""
    if files is None:
        return True
    return files.where(*keys)[0] == files.where(*other)[0]


def check_statement(
    raw: Any,
    brand: Brand,
    site_names: dict[str, str],
    site_url: str | None,
    root: Path,
    languages: tuple[str, ...],
    files: ConfigFiles | None,
    today: dt.date | None = None,
) -> Statement:
    """``extra.leda.statement`` and its problems file as a ``Statement``.

    Raises ``SettingsError`` with every problem of the settings and the file.
    ``site_names`` is the site's name per language (the organisation's default).
    """
    today = today or dt.date.today()
    problems = Problems()
    out = Report(files, problems)
    at = ("extra", "leda", "statement")
    raw = {} if raw is None else raw
    if not isinstance(raw, dict):
        out.add(at, "extra.leda.statement must be a mapping of settings (contact, compliance, ...)")
        raise SettingsError(problems)
    out.unknown_keys(raw, STATEMENT_KEYS, at)

    organisation = dict(brand.name) or dict(site_names)
    if "organisation" in raw and _written_here(files, (*at, "organisation")):
        organisation = _texts(raw["organisation"], (*at, "organisation"), languages, out)
    contact = _statement_contact(raw, brand, files, out, at)
    compliance = raw.get("compliance")
    if compliance not in COMPLIANCE:
        if "compliance" in raw:
            out.add(
                (*at, "compliance"),
                f"extra.leda.statement.compliance is {compliance!r}; use one of: "
                f"{', '.join(COMPLIANCE)} (helt, delvis or inte förenlig med lagen)",
            )
        else:
            path, line = _main_line(files, at)
            problems.add(
                path,
                line,
                "the accessibility statement has no extra.leda.statement.compliance; write "
                f"one of {', '.join(COMPLIANCE)}, as the latest assessment found",
            )
        compliance = None
    assessed = _date(raw, "assessed", at, today, out, files, required=True)
    updated = None
    if _same_file(files, (*at, "updated"), (*at, "assessed")):  # not Leda's date for yours
        updated = _date(raw, "updated", at, today, out, files, required=False)
    updated = updated or assessed
    if assessed and updated and updated < assessed:
        out.add(
            (*at, "updated"),
            f"extra.leda.statement.updated ({updated}) is before the assessment it reports "
            f"({assessed}); the statement is updated on or after the day of the assessment",
        )

    name = raw.get("problems", DEFAULT_FILE)
    checks: tuple[str, ...] = ()
    known: list[KnownProblem] = []
    if not isinstance(name, str) or not name.strip():
        out.add(
            (*at, "problems"),
            "extra.leda.statement.problems must name a file, like accessibility.yml",
        )
    elif not (root / name).is_file():
        where = (*at, "problems") if "problems" in raw else at
        out.add(
            where,
            f"the accessibility statement's known problems are read from {name}, which does "
            f"not exist; create it (Leda's own {DEFAULT_FILE} shows the format) or fix the "
            "name in extra.leda.statement.problems",
        )
    else:
        checks, known = load_problems(root / name, name, languages, problems)
        if compliance == "compliant" and known:
            lines = ", ".join(f"{name}:{p.line}" for p in known)
            out.add(
                (*at, "compliance"),
                f"extra.leda.statement.compliance is `compliant` (helt förenlig), but {name} "
                f"lists {len(known)} known problem{'s' if len(known) != 1 else ''} ({lines}); "
                "write partially-compliant, or fix them and take them out of the file",
            )
        if compliance in ("partially-compliant", "not-compliant") and not known:
            out.add(
                (*at, "compliance"),
                f"extra.leda.statement.compliance is `{compliance}`, but {name} lists no "
                "problem; the statement must say what is not accessible and why: add it "
                f"under `problems:` in {name} (or write compliant if nothing is)",
            )
    if problems:
        raise SettingsError(problems)
    return Statement(
        organisation=organisation,
        contact=contact,
        compliance=compliance,
        assessed=assessed,
        updated=updated,
        site=(str(site_url).rstrip("/") + "/") if site_url else None,
        checks=checks,
        problems=known,
    )


def _texts(value: Any, at: tuple, languages, out: Report) -> dict[str, str]:
    from .branding import _text

    return _text(value, at, languages, out)


def _statement_contact(raw: dict, brand: Brand, files, out: Report, at: tuple) -> Contact | None:
    if "contact" in raw and _written_here(files, (*at, "contact")):
        return parse_contact(raw["contact"], (*at, "contact"), out)
    if brand.contact is not None:
        return brand.contact
    path, line = _main_line(files, at)
    if "contact" in raw:  # inherited: Leda's own address, not the organisation's
        source, source_line = files.where(*at, "contact")
        message = (
            f"the accessibility statement's contact is the one in {source}:{source_line}, "
            f"not your own; set extra.leda.statement.contact (or extra.leda.brand.contact) "
            f"in {path} to the e-mail or web address where visitors report problems to you"
        )
    else:
        message = (
            "the accessibility statement has no contact; set extra.leda.statement.contact "
            "(or extra.leda.brand.contact) to the e-mail or web address where visitors "
            "report problems and ask for content in another format"
        )
    out.problems.add(path, line, message)
    return None


def _date(raw: dict, key: str, at: tuple, today: dt.date, out: Report, files, required: bool):
    name = f"extra.leda.statement.{key}"
    if key not in raw:
        if required:
            path, line = _main_line(files, at)
            out.problems.add(
                path,
                line,
                f"the accessibility statement has no {name}; write the date of the latest "
                "assessment, like 2026-12-01",
            )
        return None
    value = raw[key]
    if isinstance(value, dt.datetime):
        value = value.date()
    if not isinstance(value, dt.date):
        out.add((*at, key), f"{name} is {value!r}; write a date like 2026-12-01 (no quotes)")
        return None
    if value > today:
        out.add((*at, key), f"{name} is {value}, which is in the future; write the day it was done")
        return None
    return value


def load_problems(
    path: Path, shown: str, languages: tuple[str, ...], problems: Problems
) -> tuple[tuple[str, ...], list[KnownProblem]]:
    """The manual checks and the known problems in ``path`` (``shown`` in messages)."""
    data = load(path.read_text(encoding="utf-8"), shown, problems)
    check = Checker(shown, problems, languages)
    if data is None:
        if not problems:
            problems.add(shown, 1, "the file is empty; write `checks:` and `problems:`")
        return (), []
    top = check.mapping(data, 1, "the file")
    if top is None:
        return (), []
    check.keys(top, "the file", required=("checks", "problems"))
    checks: list[str] = []
    items = check.sequence(top, "checks", "the file", required=False)
    for i, item in enumerate(items or ()):
        if item not in CHECKS:
            check.add(
                items.line_of(i),
                f"unknown manual check {item!r} in `checks`; use: {', '.join(CHECKS)}",
            )
        elif item in checks:
            check.add(items.line_of(i), f"the check {item!r} is listed twice in `checks`")
        else:
            checks.append(item)
    known: list[KnownProblem] = []
    seen: dict[str, int] = {}
    if (
        "problems" in top
        and top["problems"] is not None
        and not isinstance(top["problems"], Sequence)
    ):
        check.add(
            top.line_of("problems"),
            "`problems` must be a list (lines starting with `- `), or [] for none",
        )
    entries = top.get("problems") if isinstance(top.get("problems"), Sequence) else ()
    for i, entry in enumerate(entries):
        line = entries.line_of(i)
        m = check.mapping(entry, line, f"problem {i + 1}")
        if m is None:
            continue
        what = f"problem '{m.get('id')}'" if isinstance(m.get("id"), str) else f"problem {i + 1}"
        check.keys(m, what, required=("id", "reason", "what"), optional=PROBLEM_KEYS)
        ident = check.ident(m, "id", what)
        if ident and ident in seen:
            check.add(
                m.line_of("id"), f"the id {ident!r} is used twice (first on line {seen[ident]})"
            )
        elif ident:
            seen[ident] = m.line_of("id")
        reason = check.choice(m, "reason", what, REASONS)
        texts = {key: check.text(m, key, what) for key in ("what", "why", "workaround", "fix")}
        if reason in ("disproportionate-burden", "outside-scope") and "why" not in m:
            check.add(
                m.line,
                f"{what} is `{reason}`; add `why:` with {check._langs} texts: the statement "
                "must say why the content is not made accessible",
            )
        criteria = _criteria(m, what, check)
        if ident and reason and texts["what"] and criteria is not None:
            known.append(
                KnownProblem(
                    id=ident,
                    reason=reason,
                    what=texts["what"],
                    wcag=criteria,
                    why=texts["why"],
                    workaround=texts["workaround"],
                    fix=texts["fix"],
                    line=line,
                )
            )
    return tuple(checks), known


def _criteria(m: Mapping, what: str, check: Checker) -> tuple[Criterion, ...] | None:
    if "wcag" not in m:
        return ()
    value = m["wcag"]
    if not isinstance(value, Sequence):
        check.add(m.line_of("wcag"), f'`wcag` in {what} must be a list of criteria, like ["2.5.8"]')
        return None
    found: list[Criterion] = []
    for i, number in enumerate(value):
        text = str(number)
        if not isinstance(number, str) or text not in WCAG:
            check.add(
                value.line_of(i),
                f"`wcag` in {what}: {text!r} is not a WCAG 2.2 success criterion; write its "
                'number in quotes, like "1.4.3"',
            )
            return None
        found.append(Criterion(text, WCAG[text]))
    return tuple(found)
