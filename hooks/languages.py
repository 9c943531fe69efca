"""Both languages: the language switcher's links, hreflang alternates, search per language.

Every page lives at the same path in both languages (``X/`` in Swedish, ``en/X/`` in
English), so each page's counterpart is found by its path alone.
"""

from __future__ import annotations

import json
from functools import partial
from pathlib import Path

from jinja2 import Environment, pass_context
from leda import site
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url, normalize_url


def alternates(config: MkDocsConfig, url: str | None) -> list[dict]:
    """The page at ``url`` (site-relative, like ``en/modules/x/``) in every language."""
    langs = site.languages(config)
    default = langs[0]
    path = url or ""
    for lang in langs[1:]:
        if path == lang or path.startswith(f"{lang}/"):
            path = path[len(lang) + 1 :]
            break
    names = {lang.locale: lang.name for lang in config.plugins["i18n"].config.languages}
    base = config.site_url or "/"
    current = site.language(config)
    out = []
    for lang in langs:
        where = path if lang == default else f"{lang}/{path}"
        out.append(
            {
                "lang": lang,
                "name": names.get(lang, lang),
                "url": where or ".",
                "href": base.rstrip("/") + "/" + where,
                "current": lang == current,
            }
        )
    return out


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    env.globals["leda_alternates"] = partial(alternates, config)
    env.filters["leda_url"] = pass_context(partial(localized_url, config))
    return env


def localized_url(config: MkDocsConfig, context, path: str) -> str:
    """``'modules/x/' | leda_url``: the page at ``path`` in the page's own language.

    MkDocs' ``url`` filter takes paths from the site's root, which is the default
    language: on an English page it would lead to the Swedish page.
    """
    page = context.get("page")
    lang = getattr(page.file, "locale", None) if page else None
    lang = lang or site.language(config)
    prefix = "" if lang == site.languages(config)[0] else f"{lang}/"
    if page is not None:
        return normalize_url(prefix + path, page=page)
    return normalize_url(prefix + path, base=context.get("base_url", ""))


_building: list[str] = []  # the language of each build under way (they nest)


def on_pre_build(config: MkDocsConfig) -> None:
    lang = site.language(config)
    _building.append(lang)
    # One 404.html serves every address (and speaks both languages), so only the
    # default language's build writes it; the others would overwrite it.
    # The ¶ link after each heading gets a title in the page's language.
    config.mdx_configs.setdefault("toc", {})["permalink_title"] = site.strings(site.env, lang)[
        "page.permalink"
    ]
    if lang == site.languages(config)[0]:
        config.theme.static_templates.add("404.html")
    else:
        config.theme.static_templates.discard("404.html")


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    """English pages search the English index: Material looks for it under ``base_url``."""
    lang = getattr(page.file, "locale", site.language(config))
    if lang != site.languages(config)[0]:
        context["base_url"] = get_relative_url(f"{lang}/", page.url)
    return context


@event_priority(-200)  # after mkdocs-static-i18n has merged the languages' search entries
def on_post_build(config: MkDocsConfig) -> None:
    """Give each language a search index of its own pages, with its own stemmer.

    MkDocs writes the index to ``search/`` in every language build and
    mkdocs-static-i18n finally merges all languages into it. Leda keeps the default
    language's pages there and moves each other language's to ``<lang>/search/``,
    with locations relative to that language's root.
    """
    # The other languages' builds run inside the default one's post-build event,
    # and leave the shared config set to their language: hence the stack.
    lang = _building.pop()
    default = site.languages(config)[0]
    others = tuple(f"{other}/" for other in site.languages(config) if other != default)
    source = Path(config.site_dir) / "search" / "search_index.json"
    if not source.exists():
        return
    index = json.loads(source.read_text(encoding="utf-8"))
    if lang == default:
        index["docs"] = [d for d in index["docs"] if not d["location"].startswith(others)]
        target = source
    else:
        prefix = f"{lang}/"
        index["docs"] = [
            {**d, "location": d["location"][len(prefix) :]}
            for d in index["docs"]
            if d["location"].startswith(prefix)
        ]
        target = Path(config.site_dir) / lang / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
    index["config"]["lang"] = [lang]
    target.write_text(
        json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
    )
