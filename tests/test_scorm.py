"""SCORM packages (hooks/leda/scorm.py): the manifest, its check, the settings.

The packages of the real course are built once per session (``scorm_packages``,
also used by tests/test_scorm_browser.py) and read back with a real XML parser.
"""

from __future__ import annotations

import io
import json
import shutil
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, make_project, run_build
from leda import scorm
from leda.configfiles import ConfigFiles, SettingsError
from leda.upstream import check_upstream, fill_upstream

MODULES = ("reflection-and-silence", "peer-learning-groups")  # the packaged course
MASTERY = 50


def build_scorm_site(tmp: Path):
    """The real course, two modules published, a mastery score, built as ./leda scorm does."""
    project = make_project(tmp, fixture=None, real_content=True)
    (project / "organisation.yml").write_text(
        "INHERIT: mkdocs.yml\n"
        "extra:\n"
        "  leda:\n"
        f"    publish: {{modules: [{', '.join(MODULES)}]}}\n"
        f"    scorm: {{mastery_score: {MASTERY}}}\n"
        "    statement: {contact: lms@example.org}\n",
        encoding="utf-8",
    )
    env = {"LEDA_OFFLINE": "true", scorm.SWITCH: "1"}
    return run_build(project, tmp / "site", config="organisation.yml", env=env)


_BUILT: dict = {}  # the packages, made once per session for this module and the browser's


@pytest.fixture(scope="session")
def scorm_packages(tmp_path_factory):
    return built_packages(tmp_path_factory)


def built_packages(tmp_path_factory) -> dict[str, Path]:
    """{name: zip path}: SCORM 1.2 in Swedish with the mastery score, 1.2 without one,
    2004 in English; each the course's package and one per module."""
    if "packages" in _BUILT:
        return _BUILT["packages"]
    tmp = tmp_path_factory.mktemp("scorm")
    build = build_scorm_site(tmp)
    assert build.code == 0, build.log
    languages = ("sv", "en")
    out = {}
    for name, version, lang, override in (
        ("12", "1.2", "sv", {}),
        ("12-plain", "1.2", "sv", {"mastery_score": None}),
        ("2004", "2004", "en", {}),
    ):
        for path in scorm.write_packages(
            build.site, tmp / name, version, lang, languages, **override
        ):
            # leda-scorm12-course.zip, leda-scorm12-<module>.zip
            what = path.stem.split("-scorm", 1)[1].split("-", 1)[1]
            out[f"{name}/{what}"] = path
    _BUILT["packages"] = out
    return out


# --- The check ---------------------------------------------------------------------------


def tiny_package(version="1.2") -> scorm.Package:
    return scorm.Package(
        identifier="leda-scorm12-x",
        kind="module",
        title="X",
        description="About X.",
        version=version,
        lang="sv",
        modules=[{"id": "x", "scored": ["q1"]}],
        start={"sv": "modules/x.html", "en": "en/modules/x.html"},
        languages=("sv", "en"),
    )


def tiny_site(tmp_path: Path) -> dict[str, Path]:
    for name in ("scorm-launch.html", "en/scorm-launch.html", "modules/x.html", "a.css"):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"<p>{name}</p>", encoding="utf-8")
    return scorm.site_files(tmp_path)


def without(zip_bytes: bytes, name: str) -> bytes:
    """The zip with the file ``name`` left out (the manifest still names it)."""
    src = zipfile.ZipFile(io.BytesIO(zip_bytes))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as dst:
        for info in src.infolist():
            if info.filename != name:
                dst.writestr(info, src.read(info))
    return buffer.getvalue()


@pytest.mark.parametrize("version", scorm.VERSIONS)
def test_a_whole_package_passes_the_check(tmp_path, version):
    zipped = scorm.make_zip(tiny_package(version), tiny_site(tmp_path))
    assert scorm.check_package(zipped, version) == []


def test_the_check_rejects_a_package_with_a_missing_file(tmp_path):
    zipped = scorm.make_zip(tiny_package(), tiny_site(tmp_path))
    problems = scorm.check_package(without(zipped, "modules/x.html"), "1.2")
    assert problems == ["imsmanifest.xml names 'modules/x.html', which is not in the zip"]
    launch = scorm.check_package(without(zipped, "scorm-launch.html"), "1.2")
    assert "imsmanifest.xml names 'scorm-launch.html', which is not in the zip" in launch


def test_the_check_rejects_the_wrong_version_duplicates_and_unlisted_files(tmp_path):
    zipped = scorm.make_zip(tiny_package("1.2"), tiny_site(tmp_path))
    wrong = scorm.check_package(zipped, "2004")
    assert any("schemaversion is '1.2'; SCORM 2004 needs '2004 4th Edition'" in p for p in wrong)
    assert any("not SCORM 2004's <manifest>" in p for p in wrong)
    src = zipfile.ZipFile(io.BytesIO(zipped))
    text = src.read("imsmanifest.xml").decode().replace('identifier="ITEM-1"', 'identifier="RES-1"')
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, text if info.filename == "imsmanifest.xml" else src.read(info))
        dst.writestr("extra.js", "")
    problems = scorm.check_package(buffer.getvalue(), "1.2")
    assert "imsmanifest.xml: the identifier 'RES-1' is used more than once" in problems
    assert "extra.js is in the zip but not listed in imsmanifest.xml" in problems
    broken = io.BytesIO()
    with zipfile.ZipFile(broken, "w") as dst:
        dst.writestr("imsmanifest.xml", "<manifest")
    assert scorm.check_package(broken.getvalue(), "1.2")[0].startswith(
        "imsmanifest.xml does not parse"
    )


def test_a_failed_check_writes_nothing(tmp_path, monkeypatch):
    site = tmp_path / "site"
    tiny_site(site)
    data = {
        "lang": "sv",
        "title": "Leda",
        "description": "En kurs.",
        "privacy": "Inget du skriver rapporteras.",
        "course_start": "course.html",
        "mastery_score": None,
        "modules": [
            {"id": "x", "title": "X", "summary": "Om X.", "start": "modules/x.html", "scored": []}
        ],
    }
    for lang in ("sv", "en"):
        (site / scorm.DATA.format(lang=lang)).write_text(json.dumps(data), encoding="utf-8")
    real = scorm.make_zip
    monkeypatch.setattr(scorm, "make_zip", lambda p, f: without(real(p, f), "a.css"))
    with pytest.raises(scorm.PackageError, match=r"names 'a\.css', which is not in the zip"):
        scorm.write_packages(site, tmp_path / "out", "1.2", "sv", ("sv", "en"))
    assert not (tmp_path / "out").exists()


# --- The settings ---------------------------------------------------------------------------


def settings_file(tmp_path: Path, text: str) -> ConfigFiles:
    path = tmp_path / "organisation.yml"
    path.write_text(text, encoding="utf-8")
    return ConfigFiles(path, tmp_path)


def test_the_mastery_score_is_checked(tmp_path):
    files = settings_file(
        tmp_path, "extra:\n  leda:\n    scorm:\n      mastery_score: 180\n      pass: 1\n"
    )
    with pytest.raises(SettingsError) as err:
        scorm.load_settings({"mastery_score": 180, "pass": 1}, files)
    text = str(err.value)
    assert "organisation.yml:4: extra.leda.scorm.mastery_score is 180;" in text
    assert "organisation.yml:5: unknown setting `pass` in extra.leda.scorm" in text
    for bad in ("80%", True, 80.5, -1):
        with pytest.raises(SettingsError):
            scorm.load_settings({"mastery_score": bad})
    assert scorm.load_settings({"mastery_score": 0}).mastery_score == 0
    assert scorm.load_settings(None).mastery_score is None


def test_the_build_stops_on_a_bad_mastery_score(tmp_path):
    project = make_project(tmp_path)
    (project / "organisation.yml").write_text(
        "INHERIT: mkdocs.yml\nextra:\n  leda:\n    scorm: {mastery_score: high}\n"
        "    statement: {contact: lms@example.org}\n",
        encoding="utf-8",
    )
    build = run_build(project, tmp_path / "site", config="organisation.yml")
    assert build.code != 0
    assert "organisation.yml:4: extra.leda.scorm.mastery_score is 'high'" in build.log


def test_the_upstream_address_is_a_setting(tmp_path):
    files = settings_file(tmp_path, "extra:\n  leda:\n    upstream: github.com/x\n")
    with pytest.raises(SettingsError, match=r"organisation.yml:3: extra.leda.upstream is"):
        check_upstream("github.com/x", files)
    assert check_upstream("https://git.example.se/leda/") == "https://git.example.se/leda"
    assert fill_upstream("git clone {{ upstream }}.git", "https://h.se/l", "a.md") == (
        "git clone https://h.se/l.git"
    )
    with pytest.raises(SettingsError, match=r"a.md:2: \{\{ upstream \}\} names"):
        fill_upstream("x\n{{ upstream }}", None, "a.md")


def test_the_guides_name_the_configured_upstream(real_site):
    address = check_upstream(scorm_config()["extra"]["leda"]["upstream"])
    for lang in ("", "en/"):
        for page in ("guide-hosting", "guide-lms"):
            html = real_site.html(f"{lang}{page}/index.html")
            assert "{{ upstream }}" not in html
            assert address in html, page


def scorm_config() -> dict:
    from conftest import load_config

    return load_config(ROOT / "mkdocs.yml")


# --- The packages of the real course ----------------------------------------------------


CP = {"1.2": scorm.NS["1.2"][""], "2004": scorm.NS["2004"][""]}


def read_manifest(path: Path):
    archive = zipfile.ZipFile(path)
    return archive, ET.fromstring(archive.read("imsmanifest.xml"))


def test_every_package_is_a_checked_scorm_package(scorm_packages):
    assert set(scorm_packages) == {
        f"{name}/{what}" for name in ("12", "12-plain", "2004") for what in ("course", *MODULES)
    }
    ids = set()
    for key, path in scorm_packages.items():
        version = "2004" if key.startswith("2004") else "1.2"
        assert scorm.check_package(path.read_bytes(), version) == [], key
        archive, root = read_manifest(path)
        cp = CP[version]
        assert (
            root.findtext(f"{{{cp}}}metadata/{{{cp}}}schemaversion")
            == (scorm.SCHEMA_VERSION[version])
        )
        ids.add(root.get("identifier"))
        names = archive.namelist()
        assert names[0] == "imsmanifest.xml"
        # The whole offline site: every page and both languages, no source maps.
        assert "en/modules/peer-learning-groups.html" in names
        assert "modules/reflection-and-silence/quiz/index.html" in names
        assert not [n for n in names if n.endswith(".map") or n.startswith("leda-scorm.")]
        config = archive.read("assets/leda/scorm-package.js").decode()
        assert f'"data-leda-store", "{root.get("identifier")}"' in config
        assert path.stat().st_size < 4_000_000, f"{key}: {path.stat().st_size} bytes"
    assert len(ids) == 6  # one identifier (and storage) per package and version


def test_the_manifest_speaks_the_launch_language(scorm_packages):
    _, root = read_manifest(scorm_packages["2004/peer-learning-groups"])
    cp = CP["2004"]
    lom = "{http://ltsc.ieee.org/xsd/LOM}"
    assert root.findtext(f".//{{{cp}}}item/{{{cp}}}title").startswith("Peer learning groups")
    description = root.find(f".//{lom}description/{lom}string")
    assert description.get("language") == "en"
    assert "never leave the learner's browser" in description.text
    resource = root.find(f".//{{{cp}}}resource")
    assert resource.get("href") == "en/scorm-launch.html"
    assert resource.get(f"{{{scorm.NS['2004']['adlcp']}}}scormType") == "sco"
    measure = root.findtext(".//{http://www.imsglobal.org/xsd/imsss}minNormalizedMeasure")
    assert measure == "0.5"
    _, root = read_manifest(scorm_packages["12/course"])
    cp = CP["1.2"]
    assert root.find(f".//{{{cp}}}resource").get("href") == "scorm-launch.html"
    md = "{http://www.imsglobal.org/xsd/imsmd_rootv1p2p1}"
    text = root.find(f".//{md}description/{md}langstring")
    assert text.get("{http://www.w3.org/XML/1998/namespace}lang") == "sv"
    assert "lämnar aldrig deltagarens webbläsare" in text.text
    assert root.findtext(f".//{{{scorm.NS['1.2']['adlcp']}}}masteryscore") == str(MASTERY)
    _, plain = read_manifest(scorm_packages["12-plain/course"])
    assert plain.find(f".//{{{scorm.NS['1.2']['adlcp']}}}masteryscore") is None


def test_the_launch_page_keeps_the_strict_policy(scorm_packages):
    archive = zipfile.ZipFile(scorm_packages["12/course"])
    launch = archive.read("scorm-launch.html").decode()
    assert 'http-equiv="Content-Security-Policy"' in launch
    assert "script-src 'self';" in launch  # no inline script at all
    page = archive.read("modules/peer-learning-groups.html").decode()
    assert page.index("scorm-package.js") < page.index("assets/leda/data.js")
    assert "leda-scorm-notice" in page


def test_the_site_has_no_scorm_parts(real_site):
    html = real_site.html("modules/peer-learning-groups/index.html")
    assert "scorm-package.js" not in html and "leda-scorm-notice" not in html
    assert "md-banner" not in html  # no empty banner either
    assert not list(real_site.site.glob("**/scorm-launch.html"))


def test_suspend_data_fits_scorm_12():
    package = tiny_package()
    package.modules = [{"id": f"module-{i}", "scored": list(range(9))} for i in range(200)]
    assert scorm.suspend_worst_case(package) > scorm.SUSPEND_LIMIT
    package.modules = package.modules[:13]
    assert scorm.suspend_worst_case(package) < scorm.SUSPEND_LIMIT


def unzip(path: Path, into: Path) -> Path:
    shutil.rmtree(into, ignore_errors=True)
    zipfile.ZipFile(path).extractall(into)
    return into
