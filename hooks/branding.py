"""An organisation's Leda: name, logo, colours and contact, and only the modules it chose.

The settings are ``extra.leda.brand`` (checked by hooks/leda/branding.py) and
``extra.leda.publish`` (applied when the course loads, hooks/leda/publish.py);
the format is in docs/guide-hosting.*.md. Events run once per language.
"""

from __future__ import annotations

import os

from leda import adapter, publish
from leda.branding import BRAND_CSS, check_brand, site_url
from leda.state import STATE
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page


@event_priority(-150)  # after mkdocs-static-i18n has applied its per-language settings
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    build = STATE.current
    settings = build.settings
    with adapter.reported():
        config.site_url = site_url(config.site_url, os.environ.get("LEDA_SITE_URL"), settings.files)
        build.brand = check_brand(
            settings.leda.get("brand"), settings.docs_dir, build.languages, settings.files
        )
    for setting, value in build.brand.settings(build.lang).items():
        config[setting] = value
    if build.brand.logo:
        config.theme["logo"] = build.brand.logo
    if build.brand.favicon:
        config.theme["favicon"] = build.brand.favicon
    if build.brand.has_colors and BRAND_CSS not in config.extra_css:
        config.extra_css.append(BRAND_CSS)  # after leda.css, so its colours win
    return config


@event_priority(-200)  # after mkdocs-static-i18n has picked this language's files
def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Left-out modules (and plans using them) are not built: no page, no search entry."""
    build = STATE.current
    for file in files:
        if publish.is_left_out(file.src_uri, build.site.left_out):
            adapter.exclude(file)
            build.left_out_urls.add(file.url)
    if build.brand.has_colors:
        adapter.replace_generated(config, files, BRAND_CSS, build.brand.css())
    return files


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """A link to a left-out module (from the glossary, say) becomes its plain text."""
    return publish.unlink(html, page.url, STATE.current.left_out_urls)
