"""The platform under Leda: the engine that built the site, the lock files, ./leda's checks.

``./leda test`` runs the whole suite with the default engine and the unit and build
tests again with the other one (LEDA_ENGINE), so the first test here proves, in each
run, that the site was really built by the engine that run names.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from conftest import ENGINE, ROOT

sys.path.insert(0, str(ROOT / "tools"))

from check import pins

LOCKED = pins((ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines())
GENERATOR = re.compile(r'<meta name="generator" content="([^"]+)">')


def test_the_site_is_built_by_the_engine_this_run_names(real_site):
    generator = GENERATOR.search(real_site.html("index.html"))[1]
    material = f"mkdocs-material-{LOCKED['mkdocs-material']}"
    if ENGINE == "properdocs":
        assert generator == f"mkdocs-ProperDocs {LOCKED['properdocs']}, {material}"
    else:
        assert generator == f"mkdocs-{LOCKED['mkdocs']}, {material}"


def test_the_tests_default_engine_is_the_projects():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    default = project["tool"]["leda"]["engine"]
    if "LEDA_ENGINE" not in os.environ:
        assert ENGINE == default
    # ./leda reads the same setting.
    done = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "check.py"), "--engines"],
        capture_output=True,
        text=True,
    )
    assert done.stdout.split() == [default, {"mkdocs": "properdocs"}.get(default, "mkdocs")]


def test_material_is_9_8_and_static_i18n_comes_without_its_material_extra():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert LOCKED["mkdocs-material"].startswith("9.8.")
    assert "mkdocs-static-i18n==1.3.1" in project["dependencies"]  # no [material]
    assert {"mkdocs", "properdocs"} <= set(LOCKED)


# --- ./leda stops on a wrong combination, with one sentence ---------------------------------


@pytest.fixture
def checkout(tmp_path) -> Path:
    """The files ./leda reads before it installs anything, in a folder of their own."""
    copy = tmp_path / "leda"
    copy.mkdir()
    for name in ("leda", "pyproject.toml", "requirements.txt", "requirements-test.txt"):
        shutil.copy2(ROOT / name, copy / name)
    shutil.copytree(ROOT / "tools", copy / "tools", ignore=shutil.ignore_patterns("__pycache__"))
    return copy


def leda(checkout: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k != "LEDA_ENGINE"}
    environ.update(env, LEDA_VENV=str(checkout / "venv-never-made"))
    return subprocess.run(
        ["bash", str(checkout / "leda"), *args],
        cwd=checkout,
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
    )


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def one_sentence(done: subprocess.CompletedProcess) -> str:
    assert done.returncode == 2, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("leda: ") and lines[0].endswith(".")
    return lines[0]


def test_a_lock_file_that_does_not_match_pyproject_stops_leda(checkout):
    material = LOCKED["mkdocs-material"]
    replace(checkout / "pyproject.toml", f"mkdocs-material=={material}", "mkdocs-material==9.8.1")
    said = one_sentence(leda(checkout, "build"))
    assert said == (
        "leda: requirements.txt does not match pyproject.toml (mkdocs-material 9.8.1 wanted, "
        f"requirements.txt pins {material}): run ./leda lock to regenerate the lock files."
    )
    assert not (checkout / "venv-never-made").exists()  # nothing installed


def test_a_test_tool_missing_from_its_lock_file_stops_leda(checkout):
    replace(
        checkout / "requirements-test.txt",
        f"zizmor=={pins_of('requirements-test.txt')['zizmor']}\n",
        "",
    )
    said = one_sentence(leda(checkout, "test"))
    assert "requirements-test.txt does not match pyproject.toml (zizmor" in said
    assert "does not pin it): run ./leda lock" in said


def pins_of(lock: str) -> dict[str, str]:
    return pins((ROOT / lock).read_text(encoding="utf-8").splitlines())


def test_properdocs_with_material_9_7_stops_leda(checkout):
    material = LOCKED["mkdocs-material"]
    for name in ("pyproject.toml", "requirements.txt"):
        replace(checkout / name, f"mkdocs-material=={material}", "mkdocs-material==9.7.1")
    said = one_sentence(leda(checkout, "serve", LEDA_ENGINE="properdocs"))
    assert said == (
        "leda: ProperDocs is proven with Material for MkDocs 9.8, not 9.7.1: pin "
        "mkdocs-material 9.8.x in pyproject.toml and run ./leda lock, or use LEDA_ENGINE=mkdocs."
    )
    # MkDocs with Material 9.7 is what Leda ran on before: that passes the check.
    check = [sys.executable, str(checkout / "tools" / "check.py"), "mkdocs"]
    assert subprocess.run(check, capture_output=True).returncode == 0


def test_an_unknown_engine_stops_leda(checkout):
    said = one_sentence(leda(checkout, "build", LEDA_ENGINE="zensical"))
    assert said == (
        "leda: LEDA_ENGINE='zensical' is not an engine Leda builds with: use mkdocs or properdocs."
    )


def test_an_engine_of_another_major_version_stops_leda(checkout):
    for name in ("pyproject.toml", "requirements.txt"):
        replace(checkout / name, f"mkdocs=={LOCKED['mkdocs']}", "mkdocs==2.0.0")
    said = one_sentence(leda(checkout, "build", LEDA_ENGINE="mkdocs"))
    assert said.startswith("leda: Leda is proven with mkdocs 1.6, not 2.0.0: pin mkdocs 1.6.x")


def test_installed_packages_are_checked_against_the_lock_files(tmp_path):
    lock = tmp_path / "requirements.txt"
    lock.write_text(f"PyYAML=={pins_of('requirements.txt')['pyyaml']}\n", encoding="utf-8")
    script = str(ROOT / "tools" / "installed.py")
    assert subprocess.run([sys.executable, script, str(lock)]).returncode == 0
    lock.write_text("PyYAML==0.0.1\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, script, "--say", str(lock)], capture_output=True, text=True
    )
    assert done.returncode == 1
    assert "still has pyyaml" in done.stderr and "(not 0.0.1)" in done.stderr


# --- ./leda test cleans up after itself -----------------------------------------------------


def test_leda_test_leaves_no_built_site_in_the_temporary_folder(tmp_path):
    if os.environ.get("LEDA_INNER_RUN"):
        pytest.skip("the inner run of this very test")
    temp = tmp_path / "temp"
    temp.mkdir()
    environ = {**os.environ, "TMPDIR": str(temp), "LEDA_INNER_RUN": "1", "LEDA_ONE_ENGINE": "1"}
    done = subprocess.run(
        [
            str(ROOT / "leda"),
            "test",
            "-q",
            "-p",
            "no:cacheprovider",
            __file__,
            "-k",
            "default_engine",
        ],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert "1 passed" in done.stdout
    assert list(temp.iterdir()) == []


def test_the_print_tests_can_read_pdfs():
    """The print tests read Chromium's PDFs back with poppler's pdftotext, a parser made
    by others; ./leda test installs it (poppler-utils), so its absence is a failure here
    rather than a quietly skipped check there."""
    import shutil

    assert shutil.which("pdftotext"), "install Debian's poppler-utils (./leda test does)"
