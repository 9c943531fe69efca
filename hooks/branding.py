"""An organisation's Leda: name, logo, colours and contact, and only the modules it chose.

The settings are ``extra.leda.brand`` and ``extra.leda.publish`` (checked by
hooks/leda/branding.py; the format is in docs/guide-hosting.*.md). Events run once
per language (mkdocs-static-i18n builds the site once per language).
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import urljoin

from jinja2 import Environment
from leda import site
from leda.branding import (
    Brand,
    ConfigFiles,
    SettingsError,
    check_brand,
    check_publish,
    check_site_url,
    select,
)
from leda.course import MODULE_DIR
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

BRAND_CSS = "assets/leda/brand.css"  # generated from extra.leda.brand.colors
PLAN_DIR = "plans"  # hooks/leda/plans.py: plans that use a left-out module are left out too

_brand = Brand()
_hidden: dict[str, set[str]] = {MODULE_DIR: set(), PLAN_DIR: set()}  # ids left out, by folder
_hidden_urls: set[str] = set()


def _files(config: MkDocsConfig) -> ConfigFiles:
    return ConfigFiles(Path(config.config_file_path), site.root(config))


@event_priority(-150)  # after mkdocs-static-i18n has applied its per-language settings
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _brand
    files = _files(config)
    try:
        # GitHub Actions passes the address GitHub Pages reports (see the workflow).
        from_env = os.environ.get("LEDA_SITE_URL", "").strip()
        if from_env:
            check_site_url(from_env, files, variable="LEDA_SITE_URL")
            config.site_url = from_env.rstrip("/") + "/"
        check_site_url(config.site_url, files)
        _brand = check_brand(
            config.extra.get("leda", {}).get("brand"),
            Path(config.docs_dir),
            site.languages(config),
            files,
        )
    except SettingsError as err:
        raise PluginError(str(err)) from None
    lang = site.language(config)
    for key, setting in (
        ("name", "site_name"),
        ("description", "site_description"),
        ("copyright", "copyright"),
    ):
        texts = getattr(_brand, key)
        if lang in texts:
            config[setting] = texts[lang]
    if _brand.logo:
        config.theme["logo"] = _brand.logo
    if _brand.favicon:
        config.theme["favicon"] = _brand.favicon
    if (_brand.primary or _brand.accent) and BRAND_CSS not in config.extra_css:
        config.extra_css.append(BRAND_CSS)  # after leda.css, so its colours win
    return config


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    env.globals["leda_brand"] = _brand  # overrides/partials/copyright.html shows the contact
    return env


@event_priority(-50)  # after hooks/course.py and hooks/plans.py have loaded the course
def on_pre_build(config: MkDocsConfig) -> None:
    """Keep only the chosen tracks and modules in the course model (and their plans)."""
    full = site.course
    try:
        selection = check_publish(config.extra.get("leda", {}).get("publish"), full, _files(config))
    except SettingsError as err:
        raise PluginError(str(err)) from None
    site.course = select(full, selection)
    _hidden[MODULE_DIR] = set(full.modules) - set(site.course.modules)
    plans = getattr(site, "plans", None) or {}
    _hidden[PLAN_DIR] = {
        plan_id
        for plan_id, plan in plans.items()
        if any(e.module in _hidden[MODULE_DIR] for e in getattr(plan, "exercises", []))
    }
    for plan_id in _hidden[PLAN_DIR]:
        del plans[plan_id]


@event_priority(-300)  # after mkdocs-static-i18n and hooks/quizzes.py
def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Left-out modules (and plans using them) are not built: no page, no search entry."""
    _hidden_urls.clear()
    for file in files:
        parts = file.src_uri.split("/")
        if len(parts) == 2 and parts[1].split(".")[0] in _hidden.get(parts[0], ()):
            file.inclusion = InclusionLevel.EXCLUDED
            _hidden_urls.add(file.url)
    if _brand.primary or _brand.accent:
        old = files.get_file_from_path(BRAND_CSS)
        if old is not None:
            files.remove(old)
        files.append(File.generated(config, BRAND_CSS, content=_brand.css()))
    return files


_LINK = re.compile(r"<a\b[^>]*?\bhref=\"([^\"]*)\"[^>]*>(.*?)</a>", re.S)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """A link to a left-out module (from the glossary, say) becomes its plain text."""
    if not _hidden_urls:
        return html
    here = "https://leda.invalid/" + page.url
    gone = {"https://leda.invalid/" + url for url in _hidden_urls}

    def unlink(match: re.Match) -> str:
        target = urljoin(here, match[1]).split("#")[0]
        return match[2] if target in gone else match[0]

    return _LINK.sub(unlink, html)
