"""``{{ upstream }}`` in pages: the upstream repository's address (hooks/leda/upstream.py)."""

from __future__ import annotations

from leda import adapter
from leda.state import STATE
from leda.upstream import check_upstream, fill_upstream
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    settings = STATE.current.settings
    with adapter.reported():
        address = check_upstream(settings.leda.get("upstream"), settings.files)
        return fill_upstream(markdown, address, f"docs/{page.file.src_uri}", settings.files)
