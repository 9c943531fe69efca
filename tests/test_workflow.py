"""The GitHub Actions workflow, checked for its structure (CI here cannot reach GitHub)."""

from __future__ import annotations

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


def test_actions_are_pinned_to_a_major_version():
    for job in load()["jobs"].values():
        for step in steps(job):
            if "uses" in step:
                assert "@v" in step["uses"], step["uses"]
