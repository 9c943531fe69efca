"""SCORM packages for learning platforms: ``./leda scorm`` (issue 18).

One build makes every package. ``./leda scorm`` builds the site as the offline copy
(``LEDA_OFFLINE=true``: links end in ``.html``, so a platform may serve it from any
path) with ``LEDA_SCORM=1``, which makes the build (hooks/scorm.py):

- load ``assets/leda/scorm-package.js`` first on every page, a file each package
  writes for itself: it names the package's storage (``<html data-leda-store>``,
  so two packages on one origin never read each other's data) and tells the
  adapter what the package holds;
- write a launch page per language, ``scorm-launch.html`` (``en/scorm-launch.html``):
  a status line and the course in a frame; ``assets/leda/scorm.js`` on it finds the
  platform's API, reports and commits;
- write ``leda-scorm.<lang>.json``, what the packages are made of (the modules'
  titles, summaries, start pages and scored questions, the mastery score), which
  no package contains.

Then this module makes one zip for the whole course and one per module. Each holds
the whole offline site (a module's package starts on its module and reports only
that module; the rest of the course is there for the links between modules, the
journal and search) plus ``imsmanifest.xml`` at its root: one organization, one item,
one SCO, every file listed. Each package is checked before it is written
(``check_package``); a problem stops ``./leda scorm`` with what is wrong.

Run from the project folder: ``PYTHONPATH=hooks python -m leda.scorm`` (``./leda scorm``).
Nothing here imports MkDocs.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .configfiles import ConfigFiles, Report, SettingsError
from .csp import add_policy
from .languages import prefix
from .problems import Problems
from .strings import for_scripts

SWITCH = "LEDA_SCORM"  # the build's switch (./leda scorm sets it, with LEDA_OFFLINE)
SETTING = ("extra", "leda", "scorm")
SETTING_KEYS = ("mastery_score",)
DATA = "leda-scorm.{lang}.json"  # what the build writes for the packages (never packed)
PACKAGE_JS = "assets/leda/scorm-package.js"
LAUNCH = "scorm-launch.html"
MANIFEST = "imsmanifest.xml"
SUSPEND_LIMIT = 4096  # cmi.suspend_data in SCORM 1.2 (2004 allows 64 000)
LOCATION_LIMIT = 255  # cmi.core.lesson_location in SCORM 1.2

VERSIONS = ("1.2", "2004")
SCHEMA_VERSION = {"1.2": "1.2", "2004": "2004 4th Edition"}
NS = {
    "1.2": {
        "": "http://www.imsproject.org/xsd/imscp_rootv1p1p2",
        "adlcp": "http://www.adlnet.org/xsd/adlcp_rootv1p2",
        "imsmd": "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1",
    },
    "2004": {
        "": "http://www.imsglobal.org/xsd/imscp_v1p1",
        "adlcp": "http://www.adlnet.org/xsd/adlcp_v1p3",
        "adlseq": "http://www.adlnet.org/xsd/adlseq_v1p3",
        "adlnav": "http://www.adlnet.org/xsd/adlnav_v1p3",
        "imsss": "http://www.imsglobal.org/xsd/imsss",
        "lom": "http://ltsc.ieee.org/xsd/LOM",
    },
}
SCORM_TYPE = {"1.2": "scormtype", "2004": "scormType"}  # adlcp's attribute, spelt per version


# --- The setting ---------------------------------------------------------------------


@dataclass(frozen=True)
class ScormSettings:
    mastery_score: int | None = None  # per cent of the quiz score to pass; None: no pass/fail


def load_settings(raw: Any, files: ConfigFiles | None = None) -> ScormSettings:
    """``extra.leda.scorm`` (optional) as settings; ``SettingsError`` with every problem."""
    problems = Problems()
    out = Report(files, problems)
    if raw is None:
        return ScormSettings()
    if not isinstance(raw, dict):
        out.add(SETTING, "extra.leda.scorm must be a mapping, like `scorm: {mastery_score: 80}`")
        raise SettingsError(problems)
    out.unknown_keys(raw, SETTING_KEYS, SETTING)
    score = raw.get("mastery_score")
    if score is not None and (
        isinstance(score, bool) or not isinstance(score, int) or not 0 <= score <= 100
    ):
        out.add(
            (*SETTING, "mastery_score"),
            f"extra.leda.scorm.mastery_score is {score!r}; write the share of the quiz "
            "score needed to pass as a whole number of per cent from 0 to 100, like 80, "
            "or leave it out for no pass or fail",
        )
    if problems:
        raise SettingsError(problems)
    return ScormSettings(mastery_score=score)


def enabled(environ=os.environ) -> bool:
    """Is this the build ``./leda scorm`` makes?"""
    return environ.get(SWITCH, "").lower() in ("1", "true", "yes")


# --- What the build writes for the packages ------------------------------------------


def plain(text: str) -> str:
    """A front matter text (inline Markdown) as plain text for the manifest."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1", r"\2", text)
    return " ".join(text.split())


def build_data(
    lang: str,
    site_name: str,
    site_description: str,
    modules: list[dict],
    course_start: str,
    privacy: str,
    settings: ScormSettings,
) -> dict:
    """``leda-scorm.<lang>.json``: ``modules`` are ``{id, title, summary, start, scored}``."""
    return {
        "lang": lang,
        "title": site_name,
        "description": site_description,
        "privacy": privacy,  # the sentence every package's description ends with
        "course_start": course_start,
        "mastery_score": settings.mastery_score,
        "modules": modules,
    }


def write_build_parts(build, site: Path, site_name: str, site_description: str) -> None:
    """The launch page and ``leda-scorm.<lang>.json`` of ``build`` (a language's build)."""
    lang = build.lang
    here = prefix(lang, build.languages)
    t = build.strings

    def start(path: str) -> str:
        found = build.pages.file(here + path) if build.pages else None
        return found or f"{here}{path}.html"

    modules = []
    for module in build.site.course.ordered_modules():
        text = module.text[lang]
        scored = [q.id for q in module.quiz.questions if q.scored] if module.quiz else []
        modules.append(
            {
                "id": module.id,
                "title": plain(text.title),
                "summary": plain(text.summary),
                "start": start(f"modules/{module.id}"),
                "scored": scored,
            }
        )
    settings = load_settings(build.settings.leda.get("scorm"))
    data = build_data(
        lang,
        site_name,
        site_description,
        modules,
        start("course"),
        t["scorm.manifest_privacy"],
        settings,
    )
    (site / DATA.format(lang=lang)).write_text(
        json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    html = build.env.get_template("leda-scorm-launch.html").render(
        lang=lang,
        root="../" * here.count("/"),
        site_name=site_name,
        t=t,
        strings=launch_strings(t),
    )
    (site / here / LAUNCH).write_text(add_policy(html), encoding="utf-8")


def launch_strings(t) -> dict:
    """The interface text the launch page's scripts read (leda-scorm-launch.html)."""
    return for_scripts(t, ["scorm-package.js", "leda.js", "data.js", "scorm.js"])


# --- The packages --------------------------------------------------------------------


@dataclass
class Package:
    identifier: str  # the manifest's, the SCO's storage namespace, the file name
    kind: str  # "course" or "module"
    title: str
    description: str
    version: str  # "1.2" or "2004"
    lang: str  # the launch language
    modules: list[dict]  # {id, scored: [question ids]}: what completion and score count
    start: dict[str, str]  # the first page per language, relative to the package root
    mastery_score: int | None = None
    files: dict[str, Path | bytes] = field(default_factory=dict)  # path in the zip → content
    languages: tuple[str, ...] = ()  # the site's, the default first

    @property
    def launch(self) -> str:
        return LAUNCH if self.lang == self.languages[0] else f"{self.lang}/{LAUNCH}"

    @property
    def file_name(self) -> str:
        return f"{self.identifier}.zip"


def slug(text: str) -> str:
    out = re.sub(r"[^a-z0-9]+", "-", text.lower().translate(str.maketrans("åäöéü", "aaoeu")))
    return out.strip("-") or "leda"


def packages(
    data: dict[str, dict], languages: tuple[str, ...], version: str, lang: str, **override
) -> list[Package]:
    """The course's package and one per module, launched in ``lang``, from the build's data.

    ``override`` may set ``mastery_score`` (tests make packages with and without one).
    """
    main = data[lang]
    mastery = override.get("mastery_score", main["mastery_score"])
    base = f"{slug(data[languages[0]]['title'])}-scorm{version.replace('.', '')}"
    by_lang = {code: {m["id"]: m for m in data[code]["modules"]} for code in languages}
    counted = [{"id": m["id"], "scored": m["scored"]} for m in main["modules"]]
    out = [
        Package(
            identifier=f"{base}-course",
            kind="course",
            title=main["title"],
            description=f"{main['description']} {main['privacy']}",
            version=version,
            lang=lang,
            modules=counted,
            start={code: data[code]["course_start"] for code in languages},
            mastery_score=mastery,
            languages=languages,
        )
    ]
    for module, counts in zip(main["modules"], counted, strict=True):
        out.append(
            Package(
                identifier=f"{base}-{module['id']}",
                kind="module",
                title=module["title"],
                description=f"{module['summary']} {main['privacy']}",
                version=version,
                lang=lang,
                modules=[counts],
                start={code: by_lang[code][module["id"]]["start"] for code in languages},
                mastery_score=mastery,
                languages=languages,
            )
        )
    return out


def package_js(package: Package) -> bytes:
    """``assets/leda/scorm-package.js``: the package's storage and what it reports."""
    config = {
        "id": package.identifier,
        "kind": package.kind,
        "scorm": package.version,
        "lang": package.lang,
        "start": package.start,
        "modules": package.modules,
        "mastery": package.mastery_score,
    }
    text = (
        "/* Written by ./leda scorm for this package (hooks/leda/scorm.py): its storage, so\n"
        " * that packages on one origin never share data, and what scorm.js reports. */\n"
        "document.documentElement.setAttribute("
        f'"data-leda-store", {json.dumps(package.identifier)});\n'
        f"window.LedaPackage = {json.dumps(config, ensure_ascii=False, sort_keys=True)};\n"
        "// In the launch page's frame, its status line says what is reported: no banner too.\n"
        "(function () {\n"
        "  var frame = window.frameElement;\n"
        '  var notice = document.querySelector(".leda-scorm-notice");\n'
        '  if (frame && frame.hasAttribute("data-leda-scorm-frame") && notice) {\n'
        '    notice.closest(".md-banner").hidden = true;\n'
        "  }\n"
        "})();\n"
    )
    return text.encode("utf-8")


def suspend_worst_case(package: Package) -> int:
    """The longest ``cmi.suspend_data`` scorm.js can write for ``package``."""
    worst = {
        "v": 1,
        "d": [m["id"] for m in package.modules],
        "s": {m["id"]: len(m["scored"]) for m in package.modules},
    }
    return len(json.dumps(worst, separators=(",", ":")))


# Not packed: the build's data for the packages, and the theme's source maps (1 MB,
# fetched only by a browser's developer tools).
SKIPPED = re.compile(r"leda-scorm\.[a-z-]+\.json|.*\.js\.map|.*\.css\.map")


def site_files(site: Path) -> dict[str, Path]:
    """Every file of the built site a package holds."""
    out = {}
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if path.is_file() and not SKIPPED.fullmatch(rel):
            out[rel] = path
    return out


def _el(parent, tag: str, text: str | None = None, **attrs) -> ET.Element:
    el = ET.SubElement(parent, tag, {k: v for k, v in attrs.items() if v is not None})
    if text is not None:
        el.text = text
    return el


def manifest(package: Package, files: list[str]) -> bytes:
    """``imsmanifest.xml`` for ``package`` with ``files`` (every file of the zip but itself)."""
    v = package.version
    ns = NS[v]
    q = {p: (lambda tag, u=u: f"{{{u}}}{tag}") for p, u in ns.items()}
    for name, uri in ns.items():
        ET.register_namespace(name, uri)
    root = ET.Element(q[""]("manifest"), {"identifier": package.identifier, "version": "1"})
    meta = _el(root, q[""]("metadata"))
    _el(meta, q[""]("schema"), "ADL SCORM")
    _el(meta, q[""]("schemaversion"), SCHEMA_VERSION[v])
    lang = package.lang
    if v == "1.2":
        general = _el(_el(meta, q["imsmd"]("lom")), q["imsmd"]("general"))
        for key, value in (("title", package.title), ("description", package.description)):
            _el(_el(general, q["imsmd"](key)), q["imsmd"]("langstring"), value).set(
                "{http://www.w3.org/XML/1998/namespace}lang", lang
            )
    else:
        general = _el(_el(meta, q["lom"]("lom")), q["lom"]("general"))
        for key, value in (("title", package.title), ("description", package.description)):
            _el(_el(general, q["lom"](key)), q["lom"]("string"), value, language=lang)
    orgs = _el(root, q[""]("organizations"), default="ORG-1")
    org = _el(orgs, q[""]("organization"), identifier="ORG-1")
    _el(org, q[""]("title"), package.title)
    item = _el(org, q[""]("item"), identifier="ITEM-1", identifierref="RES-1", isvisible="true")
    _el(item, q[""]("title"), package.title)
    if package.mastery_score is not None:
        if v == "1.2":
            _el(item, q["adlcp"]("masteryscore"), str(package.mastery_score))
        else:
            objectives = _el(_el(item, q["imsss"]("sequencing")), q["imsss"]("objectives"))
            primary = _el(
                objectives,
                q["imsss"]("primaryObjective"),
                objectiveID="PRIMARY",
                satisfiedByMeasure="true",
            )
            _el(primary, q["imsss"]("minNormalizedMeasure"), f"{package.mastery_score / 100:g}")
    resources = _el(root, q[""]("resources"))
    resource = _el(resources, q[""]("resource"), identifier="RES-1", type="webcontent")
    resource.set(q["adlcp"](SCORM_TYPE[v]), "sco")
    resource.set("href", package.launch)
    for name in files:
        _el(resource, q[""]("file"), href=name)
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'.encode()


# --- The check ---------------------------------------------------------------------


def check_package(zip_bytes: bytes, version: str) -> list[str]:
    """What is wrong with the package in ``zip_bytes`` (empty: nothing).

    The manifest is at the root and parses; its schema version and namespace are
    ``version``'s; one organization, one item, one SCO; identifiers are unique and
    every reference resolves; every file the manifest names is in the zip, and
    every file in the zip is named.
    """
    problems: list[str] = []
    try:
        archive = zipfile.ZipFile(io.BytesIO(zip_bytes))
    except zipfile.BadZipFile as err:
        return [f"not a zip file: {err}"]
    names = set(archive.namelist())
    if MANIFEST not in names:
        return [f"no {MANIFEST} at the zip's root"]
    try:
        root = ET.fromstring(archive.read(MANIFEST))
    except ET.ParseError as err:
        return [f"{MANIFEST} does not parse: {err}"]
    cp = NS[version][""]
    if root.tag != f"{{{cp}}}manifest":
        problems.append(
            f"{MANIFEST}: the root is {root.tag}, not SCORM {version}'s <manifest> ({cp})"
        )
    found = next(
        (el.text for el in root.iter() if el.tag.rsplit("}", 1)[-1] == "schemaversion"), None
    )
    if found != SCHEMA_VERSION[version]:
        problems.append(
            f"{MANIFEST}: schemaversion is {found!r}; "
            f"SCORM {version} needs {SCHEMA_VERSION[version]!r}"
        )
    ids = [el.get("identifier") for el in root.iter() if el.get("identifier") is not None]
    for dup in sorted({i for i in ids if ids.count(i) > 1}):
        problems.append(f"{MANIFEST}: the identifier {dup!r} is used more than once")
    orgs = root.findall(f"{{{cp}}}organizations/{{{cp}}}organization")
    items = root.findall(f".//{{{cp}}}item")
    resources = root.findall(f"{{{cp}}}resources/{{{cp}}}resource")
    for what, found_list in (("organization", orgs), ("item", items), ("resource", resources)):
        if len(found_list) != 1:
            problems.append(f"{MANIFEST}: {len(found_list)} <{what}> elements; a package has one")
    default = root.find(f"{{{cp}}}organizations")
    if default is not None and orgs and default.get("default") != orgs[0].get("identifier"):
        problems.append(f"{MANIFEST}: <organizations default> names no organization")
    resource_ids = {r.get("identifier") for r in resources}
    for item in items:
        if item.get("identifierref") not in resource_ids:
            problems.append(
                f"{MANIFEST}: item {item.get('identifier')!r} refers to "
                f"{item.get('identifierref')!r}, which is no resource"
            )
    listed: set[str] = set()
    adlcp = NS[version]["adlcp"]
    for resource in resources:
        kind = resource.get(f"{{{adlcp}}}{SCORM_TYPE[version]}")
        if kind != "sco":
            problems.append(
                f"{MANIFEST}: resource {resource.get('identifier')!r} is not a SCO "
                f"(adlcp:{SCORM_TYPE[version]}={kind!r})"
            )
        hrefs = [f.get("href") for f in resource.findall(f"{{{cp}}}file")]
        listed.update(hrefs)
        launch = resource.get("href")
        if launch not in hrefs:
            problems.append(f"{MANIFEST}: the launch page {launch!r} is not one of its files")
        for href in [launch, *hrefs]:
            if href not in names:
                problems.append(f"{MANIFEST} names {href!r}, which is not in the zip")
    for name in sorted(names - listed - {MANIFEST}):
        if not name.endswith("/"):
            problems.append(f"{name} is in the zip but not listed in {MANIFEST}")
    if not problems and len(archive.read(MANIFEST)) == 0:
        problems.append(f"{MANIFEST} is empty")
    return problems


class PackageError(Exception):
    """A package failed its check: nothing of it was written."""


def make_zip(package: Package, site: dict[str, Path]) -> bytes:
    """The package's zip: the site, its scorm-package.js, the manifest (checked)."""
    files: dict[str, Path | bytes] = dict(site)
    files[PACKAGE_JS] = package_js(package)
    files.update(package.files)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        archive.writestr(MANIFEST, manifest(package, sorted(files)))
        for name in sorted(files):
            content = files[name]
            if isinstance(content, bytes):
                archive.writestr(name, content)
            else:
                archive.write(content, name)
    return buffer.getvalue()


def write_packages(
    site: Path, out: Path, version: str, lang: str, languages: tuple[str, ...], **override
) -> list[Path]:
    """Every package of the built ``site`` into ``out``; ``PackageError`` if any fails."""
    data = {}
    for code in languages:
        path = site / DATA.format(lang=code)
        if not path.exists():
            raise PackageError(f"{path} is missing: build the site with {SWITCH}=1")
        data[code] = json.loads(path.read_text(encoding="utf-8"))
    files = site_files(site)
    made: list[tuple[Package, bytes]] = []
    problems: list[str] = []
    for package in packages(data, languages, version, lang, **override):
        worst = suspend_worst_case(package)
        if worst > SUSPEND_LIMIT:
            problems.append(
                f"{package.file_name}: its progress could need {worst} characters of "
                f"suspend data, more than SCORM 1.2's {SUSPEND_LIMIT}; make packages of "
                "fewer modules (extra.leda.publish)"
            )
        zipped = make_zip(package, files)
        problems += [f"{package.file_name}: {p}" for p in check_package(zipped, version)]
        made.append((package, zipped))
    if problems:
        raise PackageError("\n".join(problems))
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for package, zipped in made:
        path = out / package.file_name
        path.write_bytes(zipped)
        written.append(path)
    return written


# --- ./leda scorm ------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="./leda scorm",
        description="SCORM packages for learning platforms: the whole course and one per module.",
    )
    parser.add_argument("--scorm", choices=VERSIONS, default="1.2", help="SCORM version (1.2)")
    parser.add_argument("--lang", help="the launch language (the site's default)")
    parser.add_argument("--out", default="scorm", help="where the zips go (scorm/)")
    parser.add_argument("--config", default="mkdocs.yml", help="the configuration to build")
    parser.add_argument("--engine", default=os.environ.get("LEDA_ENGINE", "properdocs"))
    args = parser.parse_args(argv)
    from .adapter import load_config

    config_file = Path(args.config)
    languages = tuple(load_config(config_file)["extra"]["leda"]["languages"])
    lang = args.lang or languages[0]
    if lang not in languages:
        print(f"./leda scorm: --lang {lang}: use one of {', '.join(languages)}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="leda-scorm-") as tmp:
        site = Path(tmp) / "site"
        env = {**os.environ, "LEDA_OFFLINE": "true", SWITCH: "1"}
        cmd = [sys.executable, "-m", args.engine, "build", "--strict", "--quiet"]
        cmd += ["--config-file", str(config_file), "--site-dir", str(site)]
        if subprocess.run(cmd, env=env).returncode != 0:
            print("./leda scorm: the build failed (above); no package written", file=sys.stderr)
            return 1
        out = Path(args.out)
        try:
            written = write_packages(site, out, args.scorm, lang, languages)
        except PackageError as err:
            print(f"./leda scorm: no package written:\n{err}", file=sys.stderr)
            return 1
    size = sum(p.stat().st_size for p in written) / 1e6
    print(
        f"{len(written)} SCORM {args.scorm} packages ({lang}) in {out}/, {size:.1f} MB: "
        f"{written[0].name} (the whole course) and one per module"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
