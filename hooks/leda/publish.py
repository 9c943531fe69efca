"""The published selection: only the tracks and modules an organisation chose.

``extra.leda.publish`` (``tracks`` and/or ``modules``, lists of ids; left out = all)
is checked against the course (``check_publish``) and applied to it (``select``).
What is left out is nowhere: ``left_out`` names the modules and the plans that use
them, ``is_left_out`` the source files not to build, and ``unlink`` turns links to
their pages into plain text.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urljoin

from .configfiles import ConfigFiles, Report, SettingsError
from .course import MODULE_DIR, Course
from .problems import Problems

PUBLISH_KEYS = ("tracks", "modules")
PLAN_DIR = "plans"  # the same folder as in hooks/leda/plans.py


@dataclass
class Selection:
    """The tracks and modules to publish; None means all of them."""

    tracks: list[str] | None = None
    modules: list[str] | None = None


def check_publish(raw: Any, course: Course, files: ConfigFiles | None) -> Selection:
    """``extra.leda.publish`` checked against the course; raises ``SettingsError``."""
    problems = Problems()
    out = Report(files, problems)
    at = ("extra", "leda", "publish")
    if raw is None:
        return Selection()
    if not isinstance(raw, dict):
        out.add(at, "extra.leda.publish must have `tracks:` and/or `modules:`, each a list of ids")
        raise SettingsError(problems)
    out.unknown_keys(raw, PUBLISH_KEYS, at)
    track_ids = [t.id for t in course.tracks]
    module_ids = sorted(course.modules)
    tracks = _ids(raw, "tracks", at, track_ids, "track", "the ids under extra.leda.tracks", out)
    modules = _ids(raw, "modules", at, module_ids, "module", "the file names in docs/modules/", out)
    if tracks is not None and modules is not None:
        for index, mid in enumerate(raw["modules"]):
            module = course.modules.get(mid)
            if module and module.track not in tracks:
                out.add(
                    (*at, "modules", index),
                    f"module '{mid}' is in track '{module.track}', which "
                    f"extra.leda.publish.tracks leaves out; add '{module.track}' to the tracks "
                    "or take the module off the list",
                )
    if problems:
        raise SettingsError(problems)
    return Selection(tracks, modules)


def _ids(raw, key, at, known, what, where, out: Report) -> list[str] | None:
    if key not in raw or raw[key] in (None, "all"):
        return None
    items = raw[key]
    name = ".".join((*at, key))
    if not isinstance(items, list) or not items:
        out.add(
            (*at, key),
            f"{name} must list {what} ids (lines starting with `- `), or be left out to "
            f"publish every {what}",
        )
        return None
    ids = []
    for index, item in enumerate(items):
        if item not in known:
            guess = difflib.get_close_matches(str(item), known, n=1)
            hint = f"did you mean '{guess[0]}'? " if guess else ""
            out.add(
                (*at, key, index),
                f"unknown {what} {item!r} in {name}; {hint}use one of {where}: {', '.join(known)}",
            )
        elif item in ids:
            out.add((*at, key, index), f"{what} '{item}' is listed twice in {name}")
        else:
            ids.append(item)
    return ids


def select(course: Course, selection: Selection) -> Course:
    """The course with only the chosen tracks and modules (a new ``Course``)."""
    tracks = course.tracks
    modules = dict(course.modules)
    if selection.modules is not None:
        modules = {mid: m for mid, m in modules.items() if mid in selection.modules}
    if selection.tracks is not None:
        modules = {mid: m for mid, m in modules.items() if m.track in selection.tracks}
        tracks = [t for t in tracks if t.id in selection.tracks]
    elif selection.modules is not None:
        used = {m.track for m in modules.values()}
        tracks = [t for t in tracks if t.id in used]
    return replace(course, tracks=list(tracks), modules=modules)


@dataclass
class LeftOut:
    """The ids left out of the site, by the folder of their pages."""

    modules: set[str] = field(default_factory=set)
    plans: set[str] = field(default_factory=set)

    def by_folder(self) -> dict[str, set[str]]:
        return {MODULE_DIR: self.modules, PLAN_DIR: self.plans}


def left_out(full: Course, published: Course, plans: dict) -> LeftOut:
    """The modules not published, and the plans that use one of them."""
    modules = set(full.modules) - set(published.modules)
    return LeftOut(
        modules=modules,
        plans={
            plan_id
            for plan_id, plan in plans.items()
            if any(e.module in modules for e in getattr(plan, "exercises", []))
        },
    )


def is_left_out(src_uri: str, gone: LeftOut) -> bool:
    """``modules/<id>.<lang>.md`` of a left-out module (or a plan's page) is not built."""
    parts = src_uri.split("/")
    return len(parts) == 2 and parts[1].split(".")[0] in gone.by_folder().get(parts[0], ())


_LINK = re.compile(r"<a\b[^>]*?\bhref=\"([^\"]*)\"[^>]*>(.*?)</a>", re.S)
_BASE = "https://leda.invalid/"  # any absolute base: only the paths are compared


def unlink(html: str, page_url: str, gone_urls: set[str]) -> str:
    """Links in ``html`` (the page at ``page_url``) to a page at one of ``gone_urls``
    become their plain text; urls are site-relative, like ``modules/x/``."""
    if not gone_urls:
        return html
    here = _BASE + page_url
    gone = {_BASE + url for url in gone_urls}

    def replace_link(match: re.Match) -> str:
        target = urljoin(here, match[1]).split("#")[0]
        return match[2] if target in gone else match[0]

    return _LINK.sub(replace_link, html)
