"""The page's description and link previews, escaped for their <meta> tags and checked.

``extra.leda.preview`` (the link-preview image) is checked in on_pre_build; every
page gets its OpenGraph and Twitter tags (overrides/partials/leda/meta.html) from
``leda.meta.page_tags``, and on_post_page reads the built page back and stops the
build when a tag is missing, repeated or not what was meant (hooks/leda/meta.py).
"""

from __future__ import annotations

from leda import adapter
from leda.meta import check_description, check_preview, check_preview_tags, escaped, page_tags
from leda.state import STATE
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page


def on_pre_build(config: MkDocsConfig) -> None:
    build = STATE.current
    settings = build.settings
    with adapter.reported():
        build.preview = check_preview(
            settings.leda.get("preview"), settings.docs_dir, settings.languages, settings.files
        )


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    if page.meta.get("description"):
        page.meta["description"] = escaped(page.meta["description"])
    build = STATE.current
    context["leda_meta"] = page_tags(build, page, config, adapter.page_language(page, build))
    return context


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    build = STATE.current
    description = page.meta.get("description")
    where = page.file.src_uri
    expected = page_tags(build, page, config, adapter.page_language(page, build))
    problems = check_preview_tags(output, expected, where)
    if description:
        problems += check_description(output, escaped(description).unescape(), where)
    if problems:
        raise PluginError("\n".join(problems))
    return output
