"""Both languages: where each language's pages live, and one search index per language.

The languages are the configuration's (``extra.leda.languages``, the default first).
The default language's pages are at the site's root (``about/``), every other
language's below its code (``en/about/``), each page at the same path in every
language; so a page's counterpart is found from its path alone.
"""

from __future__ import annotations

import json
from pathlib import Path

# English names of language codes, for the build's messages ("add the Swedish text");
# a language without one is named by its code.
NAMES = {"sv": "Swedish", "en": "English"}


def name(code: str) -> str:
    """The English name of the language ``code`` (the code itself when unknown)."""
    return NAMES.get(code, f"'{code}'")


def prefix(lang: str, languages: tuple[str, ...]) -> str:
    """Where ``lang``'s pages are below the site's root: ``""`` or ``"en/"``."""
    return "" if lang == languages[0] else f"{lang}/"


def strip_language(url: str, languages: tuple[str, ...]) -> str:
    """``en/modules/x/`` without its language: ``modules/x/``."""
    for lang in languages[1:]:
        if url == lang or url.startswith(f"{lang}/"):
            return url[len(lang) + 1 :]
    return url


def alternates(
    url: str | None,
    languages: tuple[str, ...],
    names: dict[str, str],
    site_url: str | None,
    current: str,
) -> list[dict]:
    """The page at ``url`` (site-relative, like ``en/modules/x/``) in every language.

    Each is ``{lang, name, url, href, current}``: ``url`` relative to the site's root
    (``.`` for the home page), ``href`` absolute from ``site_url``, ``name`` the
    language's own name (``names``, from mkdocs-static-i18n's settings).
    """
    path = strip_language(url or "", languages)
    base = site_url or "/"
    out = []
    for lang in languages:
        where = prefix(lang, languages) + path
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


def split_search_index(index: dict, lang: str, languages: tuple[str, ...]) -> dict:
    """The entries of ``lang``'s pages from a search index of several languages.

    Locations become relative to the language's root; the index says its language
    (lunr's stemmer for it). ``index`` is left as it is.
    """
    own = prefix(lang, languages)
    if own:
        docs = [
            {**d, "location": d["location"][len(own) :]}
            for d in index["docs"]
            if d["location"].startswith(own)
        ]
    else:
        others = tuple(prefix(other, languages) for other in languages[1:])
        docs = [d for d in index["docs"] if not d["location"].startswith(others)]
    return {**index, "docs": docs, "config": {**index["config"], "lang": [lang]}}


def write_search_index(
    site_dir: Path, lang: str, languages: tuple[str, ...], script: bool = False
) -> Path | None:
    """Give ``lang`` a search index of its own pages at ``<lang>/search/search_index.json``.

    MkDocs writes the index to ``search/`` in every language's build, and
    mkdocs-static-i18n finally merges all languages into it; the default language's
    index stays there. With ``script`` (the offline copy, which cannot fetch files
    from disk) the index is also written as ``search_index.js``.
    """
    source = Path(site_dir) / "search" / "search_index.json"
    if not source.exists():
        return None
    index = split_search_index(json.loads(source.read_text(encoding="utf-8")), lang, languages)
    target = Path(site_dir) / prefix(lang, languages) / "search" / "search_index.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    data = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
    target.write_text(data, encoding="utf-8")
    if script:
        target.with_suffix(".js").write_text(f"var __index = {data}", encoding="utf-8")
    return target
