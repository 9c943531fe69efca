"""Workshop plans: their pages get Leda's templates (hooks/leda/plans.py has the format).

The plans are loaded and checked with the course (hooks/course.py); the timed
agenda reaches the templates as ``leda.agenda`` (hooks/leda/pages.py).
"""

from __future__ import annotations

from leda import pages
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if pages.plan_id(page.file.src_uri):
        page.meta.setdefault("template", pages.template(page.file.src_uri))
    return markdown
