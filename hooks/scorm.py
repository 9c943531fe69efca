"""SCORM packages (``./leda scorm``, hooks/leda/scorm.py): the build's part.

Every build checks ``extra.leda.scorm`` (the optional mastery score). The build
``./leda scorm`` makes (``LEDA_SCORM=1``, with ``LEDA_OFFLINE=true``) also gives the
templates ``leda_scorm`` (every page loads the package's ``scorm-package.js`` and
says what is reported) and writes, per language, the launch page and what the
packages are made of. Events run once per language.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment
from leda import adapter, scorm
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
    if scorm.enabled():
        scorm.write_build_parts(
            STATE.current, Path(config.site_dir), config.site_name, config.site_description or ""
        )
