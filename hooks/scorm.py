"""SCORM packages (``./leda scorm``, hooks/leda/scorm.py): the build's part.

Every build checks ``extra.leda.scorm`` (the optional mastery score). The build
``./leda scorm`` makes (``LEDA_SCORM=1``, with ``LEDA_OFFLINE=true``) also gives the
templates ``leda_scorm`` (every page loads the package's ``scorm-package.js`` and
says what is reported) and writes, per language, the launch page and what the
packages are made of. Events run once per language.
"""

from __future__ import annotations

import json
from pathlib import Path

from jinja2 import Environment
from leda import adapter, scorm
from leda.csp import add_policy
from leda.languages import prefix
from leda.state import STATE
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files


def on_pre_build(config: MkDocsConfig) -> None:
    build = STATE.current
    with adapter.reported():
        scorm.load_settings(build.settings.leda.get("scorm"), build.settings.files)


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    env.globals["leda_scorm"] = scorm.enabled()
    return env


def on_post_build(config: MkDocsConfig) -> None:
    if not scorm.enabled():
        return
    build = STATE.current
    lang = build.lang
    here = prefix(lang, build.languages)
    t = build.strings
    site = Path(config.site_dir)
    pages = build.pages

    def start(path: str) -> str:
        found = pages.file(here + path) if pages else None
        return found or f"{here}{path}.html"

    modules = []
    for module in build.site.course.ordered_modules():
        text = module.text[lang]
        modules.append(
            {
                "id": module.id,
                "title": scorm.plain(text.title),
                "summary": scorm.plain(text.summary),
                "start": start(f"modules/{module.id}"),
                "scored": [q.id for q in module.quiz.questions if q.scored] if module.quiz else [],
            }
        )
    settings = scorm.load_settings(build.settings.leda.get("scorm"))
    data = scorm.build_data(
        lang,
        config.site_name,
        config.site_description or "",
        modules,
        start("course"),
        t["scorm.manifest_privacy"],
        settings,
    )
    (site / scorm.DATA.format(lang=lang)).write_text(
        json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    root = "../" * here.count("/")
    html = build.env.get_template("leda-scorm-launch.html").render(
        lang=lang, root=root, site_name=config.site_name, t=t, strings=scorm.launch_strings(t)
    )
    launch = site / here / scorm.LAUNCH
    launch.write_text(add_policy(html), encoding="utf-8")
