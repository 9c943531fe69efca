"""The home page's "Start here" module: ``extra.leda.start``, checked against the course.

Without the setting the start is the first published module in the course's order
(the first module of the first track). With it, the module must exist and be
published: an organisation that leaves the module out of its selection is told
so, at the line where ``start:`` is written (mkdocs.yml or organisation.yml).
"""

from __future__ import annotations

import difflib

from .configfiles import ConfigFiles, Report, SettingsError
from .course import Course, Module
from .problems import Problems

START_AT = ("extra", "leda", "start")
TEMPLATE = "leda-home.html"  # the home page's, which gets ``leda.start``


def start_module(
    raw, course: Course, full: Course | None = None, files: ConfigFiles | None = None
) -> Module | None:
    """The module a newcomer starts with; raises ``SettingsError`` for a wrong ``raw``.

    ``course`` is what is published, ``full`` the whole course (for a clearer message).
    """
    if raw is None:
        ordered = course.ordered_modules()
        return ordered[0] if ordered else None
    if isinstance(raw, str) and raw in course.modules:
        return course.modules[raw]
    problems = Problems()
    out = Report(files, problems)
    if isinstance(raw, str) and full is not None and raw in full.modules:
        out.add(
            START_AT,
            f"extra.leda.start is module '{raw}', which extra.leda.publish leaves out; "
            "publish it, name a published module, or remove `start:` to begin with the "
            "course's first module",
        )
    else:
        known = sorted(course.modules)
        guess = difflib.get_close_matches(str(raw), known, n=1)
        hint = f"did you mean '{guess[0]}'?" if guess else f"use one of: {', '.join(known)}"
        out.add(
            START_AT,
            f"extra.leda.start is {raw!r}, which is not a module id; {hint} "
            "(or remove `start:` to begin with the course's first module)",
        )
    raise SettingsError(problems)
