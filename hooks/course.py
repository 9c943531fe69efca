"""The course: loads and checks it, builds the navigation and renders module pages.

The course, the plans and the published selection are loaded together
(hooks/leda/site.py) into the language's build state (hooks/leda/state.py).
What does not stop the build but should be fixed (quizzes whose right answers
can be guessed, hooks/leda/quiz.py ``cues``) is logged as a warning, which
fails a ``--strict`` build.
"""

from __future__ import annotations

from jinja2 import Environment
from leda import adapter, pages, templates
from leda.nav import arrange
from leda.state import STATE
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page


def on_pre_build(config: MkDocsConfig) -> None:
    build = STATE.current
    with adapter.reported():
        site = build.load()
    if build.lang == build.default:  # once, not again in every language's build
        for warning in (site.full or site.course).warnings:
            adapter.warn(str(warning))


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """Home, the course overview, one section per track, then the other pages."""
    build = STATE.current
    items = arrange(adapter.nav_pages(files), build.site.course, build.lang)
    return adapter.navigation(items)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Module pages: the exercise and facilitator blocks rendered through templates."""
    module_id = pages.module_id(page.file.src_uri)
    if module_id is None:
        return markdown
    build = STATE.current
    page.meta.setdefault("template", pages.template(page.file.src_uri))
    module = build.site.course.modules[module_id]
    lang = adapter.page_language(page, build)
    return pages.render_blocks(markdown, page.file.src_uri, module, lang, build.env)


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    templates.install(env, STATE.current, config.site_url)
    return env


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    build = STATE.current
    lang = adapter.page_language(page, build)
    context["leda"] = pages.context(build.site, lang, page.file.src_uri, page.meta)
    return context
