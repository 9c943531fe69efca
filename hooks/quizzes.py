"""Quiz pages: one per module with a quiz file, at ``modules/<id>/quiz/`` in each language.

The quizzes were loaded and checked with the course (hooks/course.py). Here each
becomes a generated page whose markup comes from overrides/leda-quiz.html.
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
    for page in pages.quiz_pages(build.site.course, build.lang, build.strings):
        files.append(adapter.generated_page(config, build, page))
    return files
