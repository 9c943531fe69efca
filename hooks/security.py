"""Every page gets a strict Content-Security-Policy <meta> tag (see hooks/leda/csp.py)."""

from __future__ import annotations

from leda.csp import add_policy
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page


@event_priority(-100)  # last: hash the scripts as served, after hooks/offline.py's links
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return add_policy(output)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    if template_name.endswith(".html"):  # 404.html; not sitemap.xml
        return add_policy(output_content)
    return output_content
