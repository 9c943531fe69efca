"""The page's description and link previews, escaped for their <meta> tags and checked.

``extra.leda.preview`` (the link-preview image) is checked in on_config; every page
gets its OpenGraph and Twitter tags (overrides/partials/leda/meta.html) from
``leda.meta.preview_tags``, and on_post_page reads the built page back and stops
the build when a tag is missing, repeated or not what was meant (hooks/leda/meta.py).
"""

from __future__ import annotations

from leda import adapter
from leda.languages import prefix
from leda.meta import check_description, check_preview, check_preview_tags, escaped, preview_tags
from leda.state import STATE
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page


@event_priority(-150)  # after languages.py has begun the language's build
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    build = STATE.current
    settings = build.settings
    with adapter.reported():
        build.preview = check_preview(
            settings.leda.get("preview"), settings.docs_dir, settings.languages, settings.files
        )
    return config


def _tags(page: Page, config: MkDocsConfig) -> list[tuple[str, str, str]]:
    build = STATE.current
    lang = adapter.page_language(page, build)
    site_url = None if build.settings.offline else (config.site_url or None)
    description = page.meta.get("description")
    home = prefix(lang, build.languages)
    homepage = page.url.removesuffix("index.html") in (home, home or "./")
    return preview_tags(
        title=config.site_name if homepage else (page.title or config.site_name),
        description=escaped(description).unescape() if description else config.site_description,
        site_name=config.site_name,
        homepage=homepage,
        locale=build.strings_of[lang]["locale"],
        alternates=[build.strings_of[o]["locale"] for o in build.languages if o != lang],
        url=page.canonical_url if site_url else None,
        site_url=site_url,
        preview=build.preview,
        lang=lang,
    )


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    if page.meta.get("description"):
        page.meta["description"] = escaped(page.meta["description"])
    context["leda_meta"] = _tags(page, config)
    return context


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    description = page.meta.get("description")
    where = page.file.src_uri
    problems = check_preview_tags(output, _tags(page, config), where)
    if description:
        problems += check_description(output, escaped(description).unescape(), where)
    if problems:
        raise PluginError("\n".join(problems))
    return output
