"""Both languages: each language's build begins and ends here; switcher links, search.

mkdocs-static-i18n builds the site once per language (the others inside the
default language's ``on_post_build``); ``on_config`` begins each language's build
in the shared state and ``on_post_build`` ends it (hooks/leda/state.py). Every page
lives at the same path in both languages (``X/`` in Swedish, ``en/X/`` in
English), so each page's counterpart is found by its path alone
(hooks/leda/languages.py).
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from jinja2 import Environment, pass_context
from leda import adapter
from leda.languages import write_search_index
from leda.state import STATE
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url


@event_priority(-150)  # after mkdocs-static-i18n has switched the config to the language
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    STATE.begin(adapter.settings(config), config.theme.get_env())
    return config


def on_pre_build(config: MkDocsConfig) -> None:
    build = STATE.current
    # The ¶ link after each heading gets a title in the page's language.
    config.mdx_configs.setdefault("toc", {})["permalink_title"] = build.strings["page.permalink"]
    # One 404.html serves every address (and speaks every language), so only the
    # default language's build writes it; the others would overwrite it.
    if build.lang == build.default:
        config.theme.static_templates.add("404.html")
    else:
        config.theme.static_templates.discard("404.html")


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    env.filters["leda_url"] = pass_context(partial(adapter.localized_url, STATE.current))
    return env


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    """Other languages' pages search their own index: Material looks under ``base_url``."""
    build = STATE.current
    lang = adapter.page_language(page, build)
    if lang != build.default:
        context["base_url"] = get_relative_url(f"{lang}/", page.url)
    return context


@event_priority(-200)  # after mkdocs-static-i18n's other-language builds and merged index
def on_post_build(config: MkDocsConfig) -> None:
    """Each language gets a search index of its own pages, with its own stemmer."""
    build = STATE.end()
    write_search_index(
        Path(config.site_dir), build.lang, build.languages, script=build.settings.offline
    )
