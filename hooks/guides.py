"""Guides to the course: a facilitator guide per module and a page per topic.

- ``modules/<id>/guide/``: the module's `/// facilitator` section plus a summary
  built from the front matter: the exercises, the module's own runs (`runs:`,
  each with a link that opens it in the composer), materials
  (overrides/leda-guide.html).
- ``topics/<id>/``: a topic's description, its modules, exercises and glossary
  term (overrides/leda-topic.html); the topics were loaded and checked with the
  course (topics.yml and the modules' front matter). The index of topics is the
  page docs/topics.<lang>.md (overrides/leda-topics.html).

Both are generated pages, in each language.
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
    made = pages.guide_pages(build.site.course, build.lang, build.strings)
    for page in made + pages.topic_pages(build.site.course, build.lang):
        files.append(adapter.generated_page(config, build, page))
    return files
