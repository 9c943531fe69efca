"""The GitHub Actions workflow, checked for its structure (CI here cannot reach GitHub)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml

WORKFLOW = Path(__file__).resolve().parent.parent / ".github" / "workflows" / "pages.yml"


def load() -> dict:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def steps(job: dict) -> list[dict]:
    return job["steps"]


def uses(job: dict) -> list[str]:
    return [s["uses"].split("@")[0] for s in steps(job) if "uses" in s]


def test_it_runs_on_every_push_and_pull_request():
    flow = load()
    assert {"push", "pull_request"} <= set(flow["on"])
    assert flow["on"]["push"] is None  # every branch, not only the default one
    assert flow["permissions"] == {"contents": "read"}


def test_it_runs_the_readme_test_command_and_the_strict_build():
    test = load()["jobs"]["test"]
    runs = [s.get("run", "") for s in steps(test)]
    assert "./leda test" in runs
    assert "./leda build --site-dir _site" in runs  # ./leda build is always --strict
    assert runs.index("./leda test") < runs.index("./leda build --site-dir _site")
    assert test["container"].endswith("-bookworm")  # Debian, for Debian's Chromium
    readme = (WORKFLOW.parents[2] / "README.md").read_text(encoding="utf-8")
    assert "./leda test" in readme


def test_it_publishes_with_the_official_pages_actions_from_the_default_branch_only():
    jobs = load()["jobs"]
    test, deploy = jobs["test"], jobs["deploy"]
    assert uses(test) == [
        "actions/checkout",
        "actions/cache",
        "actions/cache",
        "actions/configure-pages",
        "actions/upload-pages-artifact",
    ]
    assert uses(deploy) == ["actions/deploy-pages"]
    default_branch = "github.ref_name == github.event.repository.default_branch"
    pages = [s for s in steps(test) if s.get("uses", "").startswith("actions/configure-pages")]
    assert default_branch in pages[0]["if"] and "pull_request" in pages[0]["if"]
    upload = next(s for s in steps(test) if "upload-pages-artifact" in s.get("uses", ""))
    assert upload["with"]["path"] == "_site" and upload["if"]
    assert default_branch in deploy["if"] and deploy["needs"] == "test"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    build = next(s for s in steps(test) if s.get("run", "").startswith("./leda build"))
    assert build["env"]["LEDA_SITE_URL"] == "${{ steps.pages.outputs.base_url }}"


def test_every_action_is_pinned_to_a_commit_with_its_version_in_a_comment():
    text = WORKFLOW.read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if re.search(r"^\s*(- )?uses:", line)]
    assert len(lines) == 6
    for line in lines:
        assert re.search(r"uses: [\w-]+/[\w-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$", line), line


def test_checkout_does_not_keep_its_credentials():
    checkout = steps(load()["jobs"]["test"])[0]
    assert checkout["uses"].startswith("actions/checkout@")
    assert checkout["with"]["persist-credentials"] is False


def test_the_venv_and_chromiums_packages_are_cached():
    test = steps(load()["jobs"]["test"])
    caches = {s["with"]["path"]: s for s in test if s.get("uses", "").startswith("actions/cache@")}
    venv = caches[".venv"]["with"]["key"]
    for lock in ("requirements.txt", "requirements-test.txt", "pyproject.toml"):
        assert f"'{lock}'" in venv  # a changed lock file makes a new .venv
    apt = caches[".apt-archives"]
    install = next(s for s in test if "apt-get install" in s.get("run", ""))
    assert 'Dir::Cache::Archives="$PWD/.apt-archives"' in install["run"]
    assert "docker-clean" in install["run"]  # the image deletes downloaded packages otherwise
    names = [s.get("name", s.get("uses")) for s in test]
    assert (
        names.index(apt["name"])
        < names.index(install["name"])
        < names.index("Test (lint, workflow audit, strict build, every test, both engines)")
    )


def zizmor(folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(Path(sys.executable).parent / "zizmor"), "--offline", "--no-progress", str(folder)],
        capture_output=True,
        text=True,
    )


def test_zizmor_finds_nothing_and_would_find_an_unpinned_action(tmp_path):
    assert zizmor(WORKFLOW.parents[1]).returncode == 0
    text = WORKFLOW.read_text(encoding="utf-8")
    pinned = re.search(r"actions/checkout@[0-9a-f]{40} # v[\d.]+\n", text)[0]
    bad = text.replace(pinned, "actions/checkout@v7\n", 1)
    bad = bad.replace("        with:\n          persist-credentials: false\n", "", 1)
    (tmp_path / ".github" / "workflows").mkdir(parents=True)
    (tmp_path / ".github" / "workflows" / "pages.yml").write_text(bad, encoding="utf-8")
    found = zizmor(tmp_path / ".github")
    assert found.returncode != 0
    assert "unpinned-uses" in found.stdout and "artipacked" in found.stdout


def test_dependabot_updates_the_pins_and_the_actions():
    config = yaml.safe_load((WORKFLOW.parents[1] / "dependabot.yml").read_text(encoding="utf-8"))
    ecosystems = {u["package-ecosystem"]: u for u in config["updates"]}
    assert set(ecosystems) == {"pip", "github-actions"}
    assert all(u["directory"] == "/" for u in ecosystems.values())
    # The lock files are where Dependabot's pip support finds them.
    root = WORKFLOW.parents[2]
    assert (root / "requirements.txt").is_file() and (root / "requirements-test.txt").is_file()
    assert not list(root.glob("requirements*.lock"))
