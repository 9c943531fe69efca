"""The page's description escaped for its <meta> tag, and checked in the built page."""

from __future__ import annotations

from leda.meta import check_description, escaped
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    if page.meta.get("description"):
        page.meta["description"] = escaped(page.meta["description"])
    return context


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    description = page.meta.get("description")
    if description:
        problems = check_description(output, escaped(description).unescape(), page.file.src_uri)
        if problems:
            raise PluginError("\n".join(problems))
    return output
