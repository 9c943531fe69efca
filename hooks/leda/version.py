"""The course's version, for the record of completion: the build's date and commit.

``of(root)`` asks git for the checkout's short commit (``git rev-parse --short
HEAD``); a copy that is not a git checkout (a downloaded zip, a test's temporary
project), or a machine without git, gets ``None`` and the page says "unknown".
The date is the day of the build in UTC, or ``SOURCE_DATE_EPOCH``'s day when it
is set (reproducible builds).
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path


@dataclass(frozen=True)
class Version:
    date: str  # "2026-12-02"
    commit: str | None  # "a8e9d1f", or None outside a git checkout


def commit(root: Path) -> str | None:
    """The short commit of the checkout ``root`` is in, or None."""
    try:
        done = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    out = done.stdout.strip()
    if done.returncode != 0 or not out or not all(c in "0123456789abcdef" for c in out):
        return None
    # A folder that is not a checkout itself may sit inside one (a test's project):
    # only a commit of root's own repository counts.
    top = subprocess.run(
        ["git", "-C", str(root), "rev-parse", "--show-toplevel"],
        capture_output=True,
        text=True,
        timeout=10,
        check=False,
    ).stdout.strip()
    return out if top and Path(top).resolve() == root.resolve() else None


def today(environ=os.environ) -> str:
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    when = datetime.fromtimestamp(int(epoch), UTC) if epoch.isdigit() else datetime.now(UTC)
    return when.date().isoformat()


@cache
def of(root: Path) -> Version:
    """The version of the course in ``root``, looked up once per process."""
    return Version(today(), commit(root))
