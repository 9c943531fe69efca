"""Facilitator guides: one page per module, at ``modules/<id>/guide/`` in each language.

The page is the module's `/// facilitator` section plus a summary built from the
front matter: the exercises, suggested 45-, 90- and 120-minute runs, materials.
"""

from __future__ import annotations

from leda import site
from leda.course import MODULE_DIR
from leda.plans import agenda, suggest
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

RUNS = (45, 90, 120)


@event_priority(-200)  # after mkdocs-static-i18n: it drops generated files it sees
def on_files(files: Files, config: MkDocsConfig) -> Files:
    lang = site.language(config)
    strings = site.strings(site.env, lang)
    for module in site.course.modules.values():
        title = strings["guide.title"].replace("{title}", module.text[lang].title)
        front = (
            f"title: {site.yaml_text(title)}\n"
            "template: leda-guide.html\n"
            f"leda_guide: {module.id}\n"
            "search:\n  exclude: true\n"  # the same text is on the module page
        )
        body = module.text[lang].facilitator + "\n"
        files.append(site.generated_page(config, f"{MODULE_DIR}/{module.id}/guide", front, body))
    return files


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    module_id = page.meta.get("leda_guide")
    if module_id:
        module = site.course.modules[module_id]
        runs = [(length, agenda(suggest(module.exercises, length), "09:00")) for length in RUNS]
        context["leda"] = {**context.get("leda", {}), "module": module, "runs": runs}
    return context
