"""The site's navigation: home, the course overview, a section per track, then the rest.

``arrange`` orders the pages the engine found into that navigation, knowing
nothing of the engine: each page comes as a ``NavPage`` carrying the engine's own
page object (``ref``), which the adapter turns back into the engine's navigation.

- Pages at the top level come in their front matter's ``order`` (100 if none),
  then by file name; the home page (the top level's index) first.
- Pages in a folder (like docs/plans/) form a section named by the folder's
  index page's ``title`` and placed by its ``order``; the index page first.
- Right after the page whose front matter says ``leda: course`` (the course
  overview), each track is a section of its modules in the course's order;
  without such a page the tracks come last. A track with no modules is left out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .course import Course

DEFAULT_ORDER = 100


@dataclass
class NavPage:
    src_uri: str  # like "about.sv.md" or "plans/index.sv.md"
    is_index: bool
    meta: dict  # its front matter
    module: str | None = None  # the module's id, for a module's page
    ref: Any = None  # the engine's page


@dataclass
class NavSection:
    title: str
    children: list[NavPage] = field(default_factory=list)


def arrange(pages: list[NavPage], course: Course, lang: str) -> list[NavPage | NavSection]:
    """The navigation's items in order (see the module's docstring)."""
    modules: dict[str, NavPage] = {}
    folders: dict[str, list[NavPage]] = {}
    for page in pages:
        if page.module:
            modules[page.module] = page
        else:
            folders.setdefault(page.src_uri.rpartition("/")[0], []).append(page)

    def rank(page: NavPage) -> tuple:
        return (page.meta.get("order", DEFAULT_ORDER), page.src_uri)

    entries: list[tuple[tuple, NavPage | NavSection]] = []
    for folder, members in folders.items():
        members.sort(key=lambda page: (not page.is_index, *rank(page)))
        if folder == "":  # the home page first
            entries.extend(((-1, "") if p.is_index else rank(p), p) for p in members)
        else:  # a section named and placed by the folder's first (index) page
            section = NavSection(members[0].meta.get("title", folder), members)
            entries.append((rank(members[0]), section))
    entries.sort(key=lambda entry: entry[0])
    items: list[NavPage | NavSection] = []
    for _, item in entries:
        items.append(item)
        if isinstance(item, NavPage) and item.meta.get("leda") == "course":
            items.extend(track_sections(modules, course, lang))
    if len(items) == len(entries):  # no course overview page: tracks at the end
        items.extend(track_sections(modules, course, lang))
    return items


def track_sections(modules: dict[str, NavPage], course: Course, lang: str) -> list[NavSection]:
    sections = []
    for track in course.tracks:
        children = [modules[m.id] for m in course.track_modules(track.id) if m.id in modules]
        if children:
            sections.append(NavSection(track.title[lang], children))
    return sections


def flatten(items: list[NavPage | NavSection]) -> list[NavPage]:
    """The pages in the navigation's order (for previous and next)."""
    out: list[NavPage] = []
    for item in items:
        out.extend(item.children if isinstance(item, NavSection) else [item])
    return out
