"""The course: loads and checks it, builds the navigation and renders module pages.

The course, the plans and the published selection are loaded together
(hooks/leda/site.py) into the language's build state (hooks/leda/state.py).
What does not stop the build but should be fixed (quizzes whose right answers
can be guessed, hooks/leda/quiz.py ``cues``) is logged as a warning, which
fails a ``--strict`` build.
"""

from __future__ import annotations

from jinja2 import Environment
from leda import adapter, home, pages, reading, templates
from leda.nav import TITLES, arrange
from leda.state import STATE
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page


def on_pre_build(config: MkDocsConfig) -> None:
    build = STATE.current
    with adapter.reported():
        site = build.load()
        home.start_module(
            build.settings.leda.get("start"), site.course, site.full, build.settings.files
        )
    if build.lang == build.default:  # once, not again in every language's build
        for warning in (site.full or site.course).warnings:
            adapter.warn(str(warning))


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """A section per audience: the course (home, overview, tracks), trainers, organisations,
    about; previous and next in reading order (hooks/leda/nav.py)."""
    build = STATE.current
    found = adapter.nav_pages(files)
    titles = {key: build.strings[f"home.nav.{key}"] for key in TITLES}
    docs = build.settings.docs_dir.resolve().relative_to(build.settings.root).as_posix()
    with adapter.reported():
        tree = arrange(found, build.site.course, build.lang, titles, docs)
    return adapter.navigation(tree, found)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Module pages: the exercise and facilitator blocks rendered through templates."""
    module_id = pages.module_id(page.file.src_uri)
    if module_id is None:
        return markdown
    build = STATE.current
    page.meta.setdefault("template", pages.template(page.file.src_uri))
    module = build.site.course.modules[module_id]
    lang = adapter.page_language(page, build)
    page.meta["leda_reading"] = reading.page_minutes(markdown, lang)  # for the time line
    return pages.render_blocks(markdown, page.file.src_uri, module, lang, build.env)


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    templates.install(env, STATE.current, config.site_url)
    return env


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    build = STATE.current
    lang = adapter.page_language(page, build)
    context["leda"] = pages.context(build.site, lang, page.file.src_uri, page.meta)
    if page.meta.get("template") == home.TEMPLATE:
        context["leda"]["start"] = home.start_module(
            build.settings.leda.get("start"), build.site.course
        )
    adapter.owner_active(page, True)  # a quiz page opens its module in the sidebar
    return context


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    adapter.owner_active(page, False)
    return output
