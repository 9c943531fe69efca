"""Workshop plans: check them against the course and give their pages a timed agenda.

Plans are pages in docs/plans/ (see hooks/leda/plans.py for the format).
"""

from __future__ import annotations

from pathlib import Path

from leda import site
from leda.plans import PLAN_DIR, agenda, load_plans
from leda.problems import CourseError
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page


def on_pre_build(config: MkDocsConfig) -> None:
    try:
        site.plans = load_plans(
            Path(config.docs_dir), site.course, site.root(config), site.languages(config)
        )
    except CourseError as err:
        raise PluginError(err.problems.report()) from None


def _plan_id(page: Page) -> str | None:
    parts = page.file.src_uri.split("/")
    if len(parts) == 2 and parts[0] == PLAN_DIR:
        return parts[1].split(".")[0]
    return None


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    plan_id = _plan_id(page)
    if plan_id == "index":
        page.meta.setdefault("template", "leda-plans.html")
    elif plan_id:
        page.meta.setdefault("template", "leda-plan.html")
    return markdown


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    plan_id = _plan_id(page)
    if plan_id:
        leda = context.setdefault("leda", {})
        leda["plans"] = list(site.plans.values())
        plan = site.plans.get(plan_id)
        if plan:
            leda["plan"] = plan
            leda["agenda"] = agenda(plan.blocks, plan.start)
    return context
