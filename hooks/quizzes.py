"""Quiz pages: one per module with a quiz file, at ``modules/<id>/quiz/`` in each language.

The quizzes were loaded and checked with the course (hooks/course.py). Here each
becomes a generated page whose markup comes from overrides/leda-quiz.html.
"""

from __future__ import annotations

from leda import site
from leda.course import MODULE_DIR
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page


@event_priority(-200)  # after mkdocs-static-i18n: it drops generated files it sees
def on_files(files: Files, config: MkDocsConfig) -> Files:
    lang = site.language(config)
    prefix = "" if lang == site.languages(config)[0] else f"{lang}/"
    strings = site.strings(site.env, lang)
    for module in site.course.modules.values():
        if module.quiz is None:
            continue
        title = strings["quiz.title"].replace("{title}", module.text[lang].title)
        front = (
            "---\n"
            f"title: {_yaml_text(title)}\n"
            "template: leda-quiz.html\n"
            f"leda_quiz: {module.id}\n"
            "search:\n  exclude: true\n"  # answers and feedback stay out of the index
            "---\n"
        )
        file = File.generated(config, f"{MODULE_DIR}/{module.id}/quiz.{lang}.md", content=front)
        file.dest_uri = f"{prefix}{MODULE_DIR}/{module.id}/quiz/index.html"
        # What mkdocs-static-i18n gives its own files, so its later events accept this one.
        file.locale = file.locale_alternate_of = file.localization = lang
        file.alternates = {lang: file}
        file.norm_src_uri = f"{MODULE_DIR}/{module.id}/quiz.md"
        files.append(file)
    return files


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    module_id = page.meta.get("leda_quiz")
    if module_id:
        module = site.course.modules[module_id]
        context["leda"] = {**context.get("leda", {}), "module": module, "quiz": module.quiz}
    return context


def _yaml_text(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
