"""Regenerate the lock files from pyproject.toml's pins, in a fresh virtual environment.

    ./leda lock

``requirements.txt`` is ``pip freeze`` after installing pyproject.toml's
dependencies; ``requirements-test.txt`` what the `test` extra adds on top of them
(installed with requirements.txt as constraints, so the two never disagree).
Dependabot reads these files (they end in ``.txt`` for it) and pyproject.toml.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

from check import canonical, check_locks  # noqa: E402

HEADER = {
    "requirements.txt": (
        "# Leda's packages for building the site, with everything they pull in.\n"
        "# Written by ./leda lock (pip freeze of pyproject.toml's dependencies); do not edit.\n"
    ),
    "requirements-test.txt": (
        "# Test tools on top of requirements.txt (pyproject.toml's `test` extra).\n"
        "# Written by ./leda lock (pip freeze); do not edit.\n"
    ),
}


def run(*cmd: str) -> str:
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"leda: {' '.join(cmd[:4])} … failed:\n{done.stderr[-2000:]}")
    return done.stdout


def freeze(python: str) -> list[str]:
    lines = run(python, "-m", "pip", "freeze", "--all", "--disable-pip-version-check")
    keep = []
    for line in lines.splitlines():
        name = canonical(line.split("==")[0])
        if name not in ("pip", "setuptools", "wheel") and "==" in line:
            keep.append(line.strip())
    return sorted(keep, key=lambda line: canonical(line.split("==")[0]))


def main() -> int:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    with tempfile.TemporaryDirectory(prefix="leda-lock-") as tmp:
        venv = Path(tmp) / "venv"
        print("leda: fresh virtual environment for the lock files", file=sys.stderr)
        run(sys.executable, "-m", "venv", str(venv))
        python = str(venv / "bin" / "python")
        pip = (python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check")
        run(*pip, *project["dependencies"])
        base = freeze(python)
        constraints = Path(tmp) / "constraints.txt"
        constraints.write_text("\n".join(base) + "\n", encoding="utf-8")
        run(*pip, "-c", str(constraints), *project["optional-dependencies"]["test"])
        test = [line for line in freeze(python) if line not in base]
    (ROOT / "requirements.txt").write_text(
        HEADER["requirements.txt"] + "\n".join(base) + "\n", encoding="utf-8"
    )
    (ROOT / "requirements-test.txt").write_text(
        HEADER["requirements-test.txt"] + "\n".join(test) + "\n", encoding="utf-8"
    )
    check_locks(ROOT)
    print("leda: wrote requirements.txt and requirements-test.txt", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
