"""Checks ./leda makes before it installs or runs anything: the lock files and the engine.

    python3 tools/check.py [engine]     checks; prints nothing when all is well
    python3 tools/check.py --engines    the default engine, then the other one

Prints one sentence saying what is wrong and what to run, and exits 2, when

- a lock file does not pin a package at the version pyproject.toml pins it at, or
  does not pin it at all (pyproject.toml was changed and the locks were not
  regenerated: ``./leda lock``);
- the engine (LEDA_ENGINE) is not one Leda knows, or its combination with the
  pinned Material is one Leda has not proven (ProperDocs needs Material 9.8).

Standard library only: it runs with the system's Python, before .venv exists.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENGINES = ("mkdocs", "properdocs")
# The lock file for each group of pyproject.toml's pins.
LOCKS = {"dependencies": "requirements.txt", "test": "requirements-test.txt"}
_PIN = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*==\s*([^\s;#]+)")


class Problem(Exception):
    """One sentence for the author: what is wrong and what to run."""


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(lines) -> dict[str, str]:
    """``{name: version}`` for every ``name==version`` line (comments and blanks skipped)."""
    out = {}
    for line in lines:
        match = _PIN.match(line)
        if match:
            out[canonical(match[1])] = match[2]
    return out


def version_tuple(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", version)[:3])


def wanted(root: Path = ROOT) -> dict[str, dict[str, str]]:
    """pyproject.toml's pins per lock file: ``{"requirements.txt": {name: version}}``."""
    try:
        project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    except (OSError, KeyError, tomllib.TOMLDecodeError) as err:
        raise Problem(f"pyproject.toml cannot be read ({err}): restore it from git") from None
    groups = {"dependencies": project.get("dependencies", [])}
    groups.update(project.get("optional-dependencies", {}))
    out: dict[str, dict[str, str]] = {}
    for group, lock in LOCKS.items():
        requirements = groups.get(group, [])
        found = pins(requirements)
        loose = [
            r
            for r in requirements
            if canonical(re.split(r"[\s\[<>=!~;]", r, maxsplit=1)[0]) not in found
        ]
        if loose:
            raise Problem(
                f"pyproject.toml pins every package with ==, but not {loose[0]!r}: "
                "pin it and run ./leda lock"
            )
        out[lock] = found
    return out


def check_locks(root: Path = ROOT) -> dict[str, str]:
    """Every pin of pyproject.toml, at the same version, in its lock file; all pins returned."""
    everything: dict[str, str] = {}
    for lock, want in wanted(root).items():
        path = root / lock
        try:
            have = pins(path.read_text(encoding="utf-8").splitlines())
        except OSError:
            raise Problem(f"{lock} is missing: run ./leda lock to write it") from None
        for name, version in want.items():
            if have.get(name) != version:
                found = f"pins {have[name]}" if name in have else "does not pin it"
                raise Problem(
                    f"{lock} does not match pyproject.toml ({name} {version} wanted, {lock} "
                    f"{found}): run ./leda lock to regenerate the lock files"
                )
        everything.update(have)
    return everything


def engines(root: Path = ROOT) -> tuple[str, str]:
    """The default engine (pyproject.toml's ``[tool.leda] engine``) and the other one."""
    try:
        data = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as err:
        raise Problem(f"pyproject.toml cannot be read ({err}): restore it from git") from None
    default = data.get("tool", {}).get("leda", {}).get("engine", "properdocs")
    if default not in ENGINES:
        raise Problem(
            f"pyproject.toml's [tool.leda] engine is {default!r}: set it to mkdocs or properdocs"
        )
    return default, next(e for e in ENGINES if e != default)


def check_engine(engine: str, pinned: dict[str, str]) -> None:
    if engine not in ENGINES:
        raise Problem(
            f"LEDA_ENGINE={engine!r} is not an engine Leda builds with: use mkdocs or properdocs"
        )
    if engine not in pinned:
        raise Problem(
            f"LEDA_ENGINE={engine} but pyproject.toml does not pin {engine}: "
            "pin it and run ./leda lock"
        )
    material = pinned.get("mkdocs-material", "0")
    if engine == "properdocs" and version_tuple(material) < (9, 8):
        raise Problem(
            f"ProperDocs is proven with Material for MkDocs 9.8, not {material}: pin "
            "mkdocs-material 9.8.x in pyproject.toml and run ./leda lock, or use LEDA_ENGINE=mkdocs"
        )
    major_minor = version_tuple(pinned[engine])[:2]
    if major_minor != (1, 6):
        raise Problem(
            f"Leda is proven with {engine} 1.6, not {pinned[engine]}: pin {engine} 1.6.x in "
            "pyproject.toml and run ./leda lock"
        )


def main(argv: list[str]) -> int:
    try:
        if argv[1:] == ["--engines"]:
            print(" ".join(engines()))
            return 0
        engine = argv[1] if len(argv) > 1 and argv[1] else engines()[0]
        if sys.version_info < (3, 11):  # noqa: UP036 - the system's Python runs this
            raise Problem(
                f"Leda needs Python 3.11 or later, this is {sys.version.split()[0]}: "
                "install python3.11 (or later) and run ./leda again"
            )
        check_engine(engine, check_locks())
    except Problem as problem:
        print(f"leda: {problem}.", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
