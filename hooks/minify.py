"""Leda's own CSS and JavaScript minified in the built site (hooks/leda/minify.py)."""

from __future__ import annotations

from leda.minify import minify_site
from mkdocs.config.defaults import MkDocsConfig


def on_post_build(config: MkDocsConfig) -> None:
    """The default language's build writes the assets, once; the others have none."""
    minify_site(config.site_dir)
