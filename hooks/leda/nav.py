"""The site's navigation, by audience: one section (a tab) for each of Leda's readers.

``arrange`` orders the pages the engine found into that navigation, knowing
nothing of the engine: each page comes as a ``NavPage`` carrying the engine's own
page object (``ref``), which the adapter turns back into the engine's navigation.

The top level has a section per audience, in this order, each left out when empty:

- ``learners`` (the course): the home page first, then the learner's pages; right
  after the page whose front matter says ``leda: course`` (the course overview),
  each track as a section of its modules in the course's order (without such a
  page the tracks come last). A track with no modules is left out.
- ``trainers``: the trainers' page, the workshop plans, the composer, a section
  of the facilitator guides in the course's order, the guide to writing a module.
- ``organisations``: the organisations' page, the hosting guide.
- ``about``: topics, glossary, About, the accessibility statement.

A page's audience is its front matter's ``audience:`` (one of ``AUDIENCES``), else
``DEFAULT_AUDIENCE`` for the pages Leda ships, else ``learners``. Within a
section pages come in their front matter's ``order`` (100 if none), then by file
name. Pages in a folder (like docs/plans/) form a section named by the folder's
index page's ``title``, placed by its ``order`` and in its audience.

Previous and next (``sequences``) stay within a section and follow the reading
order: a module's quiz comes right after the module (module → its quiz → the next
module), a topic's page after the index of topics, the guides one after the other
in the course's order. Quiz and topic pages are not in the sidebar; ``owners``
names the page each belongs to, so the sidebar opens there.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .course import Course
from .problems import CourseError, Problems

DEFAULT_ORDER = 100
GUIDES_ORDER = 50  # where the guides' section sits among the trainers' pages
AUDIENCES = ("learners", "trainers", "organisations", "about")
# The pages Leda ships, by name without the language (folders by their name).
DEFAULT_AUDIENCE = {
    "trainers": "trainers",
    "composer": "trainers",
    "plans": "trainers",
    "guide-write-a-module": "trainers",
    "organisations": "organisations",
    "guide-hosting": "organisations",
    "topics": "about",
    "glossary": "about",
    "about": "about",
    "accessibility": "about",
}
TITLES = (*AUDIENCES, "guides")  # the sections' names: interface text `home.nav.<name>`
KINDS = ("quiz", "guide", "topic")  # the pages the build makes that have a place here


@dataclass
class NavPage:
    src_uri: str  # like "about.sv.md" or "plans/index.sv.md"
    is_index: bool
    meta: dict  # its front matter
    module: str | None = None  # the module's id, for a module's page (and its quiz, guide)
    ref: Any = None  # the engine's page
    kind: str | None = None  # "quiz", "guide", "topic": a page the build makes
    audience_line: int = 1  # the line of `audience:` in its file, for messages


@dataclass
class NavSection:
    title: str
    children: list[NavPage | NavSection] = field(default_factory=list)
    audience: str | None = None  # on the top level's sections


@dataclass
class NavTree:
    items: list[NavSection]  # the sidebar (and the tabs): one section per audience
    sequences: list[list[NavPage]]  # previous and next run along each of these
    owners: list[tuple[NavPage, NavPage]] = field(default_factory=list)  # (hidden, its page)


def _name(src_uri: str) -> str:
    """``about.sv.md`` → ``about``; ``plans/x.sv.md`` → ``plans``."""
    first = src_uri.split("/")[0]
    return first.split(".")[0]


def audience(page: NavPage, problems: Problems | None = None, docs: str = "docs") -> str:
    """The page's audience (see the module's docstring); a wrong value is a problem."""
    written = page.meta.get("audience")
    if written is not None:
        if written in AUDIENCES:
            return written
        if problems is not None:
            problems.add(
                f"{docs}/{page.src_uri}",
                page.audience_line,
                f"unknown audience {written!r}; use one of: {', '.join(AUDIENCES)} "
                "(or leave `audience:` out for a page for learners)",
            )
    return DEFAULT_AUDIENCE.get(_name(page.src_uri), "learners")


def _rank(page: NavPage) -> tuple:
    return (page.meta.get("order", DEFAULT_ORDER), page.src_uri)


def arrange(
    pages: list[NavPage],
    course: Course,
    lang: str,
    titles: dict[str, str] | None = None,
    docs: str = "docs",
) -> NavTree:
    """The navigation (see the module's docstring); ``titles`` name the sections by
    audience (``learners``, ``trainers``, ``organisations``, ``about``) and ``guides``."""
    titles = titles or {}
    problems = Problems()
    modules: dict[str, NavPage] = {}
    made: dict[str, dict[str, NavPage]] = {kind: {} for kind in KINDS}
    folders: dict[tuple[str, str], list[NavPage]] = {}  # (audience, folder) → pages
    for page in pages:
        if page.kind in KINDS:
            key = page.module if page.kind != "topic" else page.meta.get("leda_topic", "")
            made[page.kind][key or page.src_uri] = page
        elif page.module:
            modules[page.module] = page
        else:
            folder = page.src_uri.rpartition("/")[0]
            folders.setdefault((audience(page, problems, docs), folder), []).append(page)
    if problems:
        raise CourseError(problems)

    # Every audience's entries, ranked: pages at the top, a section per folder.
    ranked: dict[str, list[tuple[tuple, NavPage | NavSection]]] = {a: [] for a in AUDIENCES}
    for (aud, folder), members in folders.items():
        members.sort(key=lambda page: (not page.is_index, *_rank(page)))
        if folder == "":
            for p in members:
                home = p.is_index and aud == "learners"
                ranked[aud].append(((-1, "") if home else _rank(p), p))
        else:  # a section named and placed by the folder's first (index) page
            title = members[0].meta.get("title", folder)
            ranked[aud].append((_rank(members[0]), NavSection(title, members)))
    guides = [made["guide"][m.id] for m in course.ordered_modules() if m.id in made["guide"]]
    if guides:
        section = NavSection(titles.get("guides", "guides"), guides)
        ranked["trainers"].append(((GUIDES_ORDER, ""), section))

    items: list[NavSection] = []
    for aud in AUDIENCES:
        entries = sorted(ranked[aud], key=lambda entry: entry[0])
        children: list[NavPage | NavSection] = []
        for _, item in entries:
            children.append(item)
            if isinstance(item, NavPage) and item.meta.get("leda") == "course":
                children.extend(track_sections(modules, course, lang))
        if aud == "learners" and not any(
            isinstance(item, NavPage) and item.meta.get("leda") == "course" for _, item in entries
        ):
            children.extend(track_sections(modules, course, lang))
        if children:
            items.append(NavSection(titles.get(aud, aud), children, aud))

    topics = [made["topic"][t.id] for t in course.listed_topics() if t.id in made["topic"]]
    owners: list[tuple[NavPage, NavPage]] = []
    sequences = []
    for section in items:
        sequence: list[NavPage] = []
        for page in flatten([section]):
            sequence.append(page)
            quiz = made["quiz"].get(page.module) if page.module and not page.kind else None
            if quiz is not None:
                sequence.append(quiz)
                owners.append((quiz, page))
            if page.meta.get("template") == "leda-topics.html":
                sequence.extend(topics)
                owners.extend((topic, page) for topic in topics)
        sequences.append(sequence)
    return NavTree(items, sequences, owners)


def track_sections(modules: dict[str, NavPage], course: Course, lang: str) -> list[NavSection]:
    sections = []
    for track in course.tracks:
        children = [modules[m.id] for m in course.track_modules(track.id) if m.id in modules]
        if children:
            sections.append(NavSection(track.title[lang], children))
    return sections


def flatten(items: list[NavPage | NavSection]) -> list[NavPage]:
    """The pages of ``items`` in the navigation's order, sections' pages in place."""
    out: list[NavPage] = []
    for item in items:
        out.extend(flatten(item.children) if isinstance(item, NavSection) else [item])
    return out
