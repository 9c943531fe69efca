"""The site as data: the course, the workshop plans and what is published.

``load_site`` reads and checks all of it from the project's files and the
settings written in the configuration, and knows nothing about the build that
asks. It is a function of those files and ``SiteInputs`` alone, so a caller may
keep its result (between ``./leda serve`` rebuilds, say) for as long as none of
the files under ``inputs.root`` changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .configfiles import ConfigFiles
from .course import Course, load_course
from .plans import Plan, load_plans
from .publish import LeftOut, check_publish, left_out, select


@dataclass(frozen=True)
class SiteInputs:
    """What ``load_site`` reads besides the files: the settings as written."""

    root: Path  # the project folder; quizzes/ and sources.yml are here
    docs_dir: Path
    languages: tuple[str, ...]  # the default first
    tracks: Any = None  # extra.leda.tracks
    publish: Any = None  # extra.leda.publish
    files: ConfigFiles | None = None  # where those settings are written, for messages


@dataclass
class Site:
    course: Course  # what is published
    plans: dict[str, Plan] = field(default_factory=dict)  # the published plans, by id
    left_out: LeftOut = field(default_factory=LeftOut)  # modules and plans not published
    full: Course | None = None  # the whole course, before the selection


def load_site(inputs: SiteInputs) -> Site:
    """Read and check the course and the plans, then keep only what is published.

    Raises ``CourseError`` (or ``SettingsError``, one of them) with every problem
    of the first stage that has any: the course, the plans, the selection. Plans
    are checked against the whole course; a plan that uses a module that is not
    published is left out with it.
    """
    full = load_course(
        docs_dir=inputs.docs_dir,
        quiz_dir=inputs.root / "quizzes",
        tracks_config=inputs.tracks,
        languages=inputs.languages,
        root=inputs.root,
        config_files=inputs.files,
    )
    plans = load_plans(inputs.docs_dir, full, inputs.root, inputs.languages)
    course = select(full, check_publish(inputs.publish, full, inputs.files))
    gone = left_out(full, course, plans)
    kept = {plan_id: plan for plan_id, plan in plans.items() if plan_id not in gone.plans}
    return Site(course=course, plans=kept, left_out=gone, full=full)
