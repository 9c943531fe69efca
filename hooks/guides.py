"""Facilitator guides: one page per module, at ``modules/<id>/guide/`` in each language.

The page is the module's `/// facilitator` section plus a summary built from the
front matter: the exercises, suggested 45-, 90- and 120-minute runs, materials
(overrides/leda-guide.html).
"""

from __future__ import annotations

from leda import adapter, pages
from leda.state import STATE
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files


@event_priority(-200)  # after mkdocs-static-i18n: it drops generated files it sees
def on_files(files: Files, config: MkDocsConfig) -> Files:
    build = STATE.current
    for page in pages.guide_pages(build.site.course, build.lang, build.strings):
        files.append(adapter.generated_page(config, build, page))
    return files
