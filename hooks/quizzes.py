"""Quiz pages: one per module with a quiz file, at ``modules/<id>/quiz/`` in each language.

The quizzes were loaded and checked with the course (hooks/course.py). Here each
becomes a generated page whose markup comes from overrides/leda-quiz.html.
"""

from __future__ import annotations

from leda import site
from leda.course import MODULE_DIR
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page


@event_priority(-200)  # after mkdocs-static-i18n: it drops generated files it sees
def on_files(files: Files, config: MkDocsConfig) -> Files:
    lang = site.language(config)
    strings = site.strings(site.env, lang)
    for module in site.course.modules.values():
        if module.quiz is None:
            continue
        title = strings["quiz.title"].replace("{title}", module.text[lang].title)
        front = (
            f"title: {site.yaml_text(title)}\n"
            "template: leda-quiz.html\n"
            f"leda_quiz: {module.id}\n"
            "search:\n  exclude: true\n"  # answers and feedback stay out of the index
        )
        files.append(site.generated_page(config, f"{MODULE_DIR}/{module.id}/quiz", front))
    return files


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    module_id = page.meta.get("leda_quiz")
    if module_id:
        module = site.course.modules[module_id]
        context["leda"] = {**context.get("leda", {}), "module": module, "quiz": module.quiz}
    return context
