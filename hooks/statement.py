"""The accessibility statement: checked with the settings, rendered on its own page.

``extra.leda.statement`` and the known problems (accessibility.yml) are checked in
on_pre_build, so a statement that is not true (``compliant`` with known problems) or
names no contact stops every build, whichever pages are built; the statement page
(docs/accessibility.*.md, template leda-accessibility.html) gets it in its context.
The logic is hooks/leda/statement.py.
"""

from __future__ import annotations

from functools import partial

from leda import adapter
from leda.state import STATE
from leda.statement import DIGG_REPORT, TEMPLATE, check_statement, date_text
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page


def on_pre_build(config: MkDocsConfig) -> None:
    """After the brand (on_config) and the course's own checks (course.py, earlier in hooks:)."""
    build = STATE.current
    settings = build.settings
    with adapter.reported():
        build.statement = check_statement(
            settings.leda.get("statement"),
            build.brand,
            {lang: config.site_name for lang in settings.languages},
            config.site_url,
            settings.root,
            settings.languages,
            settings.files,
        )


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    if page.meta.get("template") == TEMPLATE:
        build = STATE.current
        lang = adapter.page_language(page, build)
        context["leda_statement"] = build.statement
        context["leda_statement_digg"] = DIGG_REPORT
        months = build.strings_of[lang]["statement.months"]
        context["leda_statement_date"] = partial(date_text, months=months)
    return context
