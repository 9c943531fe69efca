"""Is what is installed in this Python what the lock files pin?

    .venv/bin/python tools/installed.py [--say] requirements.txt [requirements-test.txt]

Exits 0 when every pinned package is installed at its pinned version, 1 otherwise
(./leda then installs the lock files again). With ``--say`` a mismatch that
remains after installing is reported in one sentence.
"""

from __future__ import annotations

import sys
from importlib import metadata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from check import canonical, pins


def mismatches(locks: list[str]) -> list[str]:
    installed = {canonical(d.metadata["Name"]): d.version for d in metadata.distributions()}
    out = []
    for lock in locks:
        for name, version in pins(Path(lock).read_text(encoding="utf-8").splitlines()).items():
            have = installed.get(name)
            if have != version:
                out.append(f"{name} {have or 'missing'} (not {version})")
    return out


def main(argv: list[str]) -> int:
    say = "--say" in argv
    locks = [a for a in argv[1:] if a != "--say"]
    wrong = mismatches(locks)
    if wrong and say:
        print(
            f"leda: {sys.prefix} still has {', '.join(wrong[:3])} after installing "
            f"{' and '.join(locks)}: delete it (rm -rf {sys.prefix}) and run ./leda again.",
            file=sys.stderr,
        )
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
