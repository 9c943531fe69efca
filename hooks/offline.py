"""The intranet or file-share copy: ``./leda offline`` builds a site that works from file://.

Material's offline plugin (enabled by LEDA_OFFLINE=true in mkdocs.yml) turns off
directory URLs, so every link ends in ``.html``, and writes the search index as a
script, because browsers refuse to fetch files from disk. Two of its choices do not
fit Leda, and this hook changes them:

- It loads a Web Worker polyfill from unpkg.com, a request to another site that
  also fails without a network. Leda's own ``file-worker.js`` takes its place.
- It writes only ``search/search_index.js``, before hooks/languages.py has split
  the index by language. Leda writes a script next to each language's index.

Links that templates write as folders (``modules/x/``) are pointed at the page's
file (hooks/leda/offline.py), since a browser shows a folder listing for them.
"""

from __future__ import annotations

from pathlib import Path

from leda import site
from leda.offline import Pages, file_links
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

WORKER_SHIM = "assets/leda/file-worker.js"
_pages = Pages()  # where the pages are written, in every language


def enabled(config: MkDocsConfig) -> bool:
    for name in ("material/offline", "offline"):
        plugin = config.plugins.get(name)
        if plugin is not None:
            return bool(plugin.config.enabled)
    return False


@event_priority(-50)  # after the offline plugin has added its polyfill
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if not enabled(config):
        return config
    polyfills = [p for p in config.extra.get("polyfills", []) if "iframe-worker" not in str(p)]
    if WORKER_SHIM not in polyfills:
        polyfills.append(WORKER_SHIM)
    config.extra["polyfills"] = polyfills
    return config


@event_priority(-400)  # after every hook that adds or leaves out pages
def on_files(files: Files, config: MkDocsConfig) -> Files:
    global _pages
    if site.language(config) == site.languages(config)[0]:  # the first of the builds
        _pages = Pages(languages=site.languages(config))
    _pages.add(f.dest_uri for f in files.documentation_pages())
    return files


@event_priority(-50)  # before hooks/security.py hashes the page's scripts
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    if not enabled(config):
        return output
    return file_links(output, page.file.dest_uri, _pages)


@event_priority(-300)  # after hooks/languages.py has written each language's index
def on_post_build(config: MkDocsConfig) -> None:
    if not enabled(config):
        return
    for index in Path(config.site_dir).glob("**/search/search_index.json"):
        data = index.read_text(encoding="utf-8")
        index.with_suffix(".js").write_text(f"var __index = {data}", encoding="utf-8")
