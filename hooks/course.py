"""The course: checks it, builds the navigation by track and renders module pages.

Events run once per language (mkdocs-static-i18n builds the site once per language).
"""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

from jinja2 import Environment
from leda import blocks, site
from leda.course import MODULE_DIR, load_course
from leda.markup import block, inline
from leda.problems import CourseError, Problems
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils.meta import get_data


def on_pre_build(config: MkDocsConfig) -> None:
    root = site.root(config)
    try:
        site.course = load_course(
            docs_dir=Path(config.docs_dir),
            quiz_dir=root / "quizzes",
            tracks_config=config.extra.get("leda", {}).get("tracks"),
            languages=site.languages(config),
            root=root,
        )
    except CourseError as err:
        raise PluginError(err.problems.report()) from None
    # Pages are rendered (on_page_markdown) before MkDocs hands out its own
    # environment in on_env, so the blocks get one of their own.
    site.env = on_env(config.theme.get_env(), config, None)


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    env.filters["leda_inline"] = inline
    env.filters["leda_markdown"] = block
    return env


@event_priority(50)  # before mkdocs-static-i18n translates the homepage and titles
def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """Home, the course overview, one section per track, then the other pages.

    Pages in a folder (like docs/plans/) become a section named after the folder's
    index page and placed by its `order`.
    """
    lang = site.language(config)
    modules: dict[str, Page] = {}
    folders: dict[str, list[Page]] = {}
    for file in files.documentation_pages():
        page = file.page
        if page is None or getattr(file, "generated_by", None):
            continue
        module_id = _module_id(file)
        if module_id:
            modules[module_id] = page
        else:
            folder = file.src_uri.rpartition("/")[0]
            folders.setdefault(folder, []).append(page)

    # Pages are read after this event, so their front matter is read here.
    meta = {id(page): front_matter(page) for pages in folders.values() for page in pages}

    def rank(page: Page) -> tuple:
        return (meta[id(page)].get("order", 100), page.file.src_uri)

    entries: list[tuple[tuple, object]] = []
    for folder, pages in folders.items():
        pages.sort(key=lambda page: (not page.is_index, *rank(page)))
        if folder == "":  # the home page first
            entries.extend(((-1, "") if page.is_index else rank(page), page) for page in pages)
        else:  # a section named and placed by the folder's first (index) page
            section = Section(meta[id(pages[0])].get("title", folder), pages)
            for page in pages:
                page.parent = section
            entries.append((rank(pages[0]), section))
    entries.sort(key=lambda entry: entry[0])
    items: list = []
    for _, item in entries:
        items.append(item)
        if isinstance(item, Page) and meta[id(item)].get("leda") == "course":
            items.extend(_track_sections(modules, lang))
    if len(items) == len(entries):  # no course overview page: tracks at the end
        items.extend(_track_sections(modules, lang))
    pages = [p for item in items for p in _pages_of(item)]
    for page in pages:
        page.previous_page = page.next_page = None
    for before, after in pairwise(pages):
        before.next_page, after.previous_page = after, before
    return Navigation(items, pages)


def front_matter(page: Page) -> dict:
    """A page's front matter, before MkDocs has read the page."""
    if page.meta:
        return page.meta
    try:
        return get_data(page.file.content_string)[1]
    except (OSError, ValueError):
        return {}


def _track_sections(modules: dict[str, Page], lang: str) -> list[Section]:
    sections = []
    for track in site.course.tracks:
        children = [modules[m.id] for m in site.course.track_modules(track.id) if m.id in modules]
        if not children:
            continue
        section = Section(track.title[lang], children)
        for child in children:
            child.parent = section
        sections.append(section)
    return sections


def _pages_of(item) -> list[Page]:
    if isinstance(item, Section):
        return [p for child in item.children for p in _pages_of(child)]
    return [item]


def _module_id(file) -> str | None:
    """``modules/<id>.<lang>.md`` is module ``id``; generated pages (quizzes) are not modules."""
    parts = file.src_uri.split("/")
    if len(parts) != 2 or parts[0] != MODULE_DIR or getattr(file, "generated_by", None):
        return None
    return parts[1].split(".")[0]


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Module pages: render the exercise and facilitator blocks through templates."""
    module_id = _module_id(page.file)
    if module_id is None:
        return markdown
    module = site.course.modules[module_id]
    lang = page.file.locale
    page.meta.setdefault("template", "leda-module.html")
    env = site.env
    strings = site.strings(env, lang)
    # The Markdown here has no front matter; blocks were checked on the source file.
    found = blocks.parse(markdown, 1, page.file.src_uri, Problems())

    def render(block: blocks.Block) -> str:
        template = env.get_template(f"partials/leda/{block.kind}.html")
        return template.render(
            exercise=module.exercise(block.arg),
            module=module,
            body=block.body,
            lang=lang,
            t=strings,
        )

    return blocks.replace(markdown, found, 1, render)


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    lang = getattr(page.file, "locale", site.language(config))
    context["leda"] = {
        "course": site.course,
        "lang": lang,
        "module": site.course.modules.get(page.meta.get("id", "")),
    }
    return context
