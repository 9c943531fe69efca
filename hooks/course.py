"""The course: checks it, builds the navigation by track and renders module pages.

Events run once per language (mkdocs-static-i18n builds the site once per language).
"""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

from jinja2 import Environment
from leda import blocks, site
from leda.course import MODULE_DIR, load_course
from leda.markup import inline
from leda.problems import CourseError, Problems
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page


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
    return env


@event_priority(50)  # before mkdocs-static-i18n translates the homepage and titles
def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """Home, the course overview, one section per track, then the other pages."""
    lang = site.language(config)
    modules: dict[str, Page] = {}
    others: list[Page] = []
    for file in files.documentation_pages():
        page = file.page
        if page is None:
            continue
        module_id = _module_id(file)
        if module_id:
            modules[module_id] = page
        elif getattr(file, "generated_by", None) is None:
            others.append(page)
    others.sort(key=lambda p: (not p.is_homepage, p.meta.get("order", 100), p.file.src_uri))
    items: list = []
    for page in others:
        items.append(page)
        if page.meta.get("leda") == "course":
            items.extend(_track_sections(modules, lang))
    if not any(isinstance(item, Section) for item in items):
        items.extend(_track_sections(modules, lang))
    pages = [p for item in items for p in _pages_of(item)]
    for page in pages:
        page.previous_page = page.next_page = None
    for before, after in pairwise(pages):
        before.next_page, after.previous_page = after, before
    return Navigation(items, pages)


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
