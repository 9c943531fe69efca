"""The intranet or file-share copy: ``./leda offline`` builds a site that works from file://.

Material's offline plugin (enabled by LEDA_OFFLINE=true in mkdocs.yml) turns off
directory URLs, so every link ends in ``.html``, and writes the search index as a
script, because browsers refuse to fetch files from disk. Two of its choices do not
fit Leda, and Leda changes them:

- It loads a Web Worker polyfill from unpkg.com, a request to another site that
  also fails without a network. Leda's own ``file-worker.js`` takes its place.
- It writes only ``search/search_index.js``, before the index is split by
  language. hooks/languages.py writes a script next to each language's index.

Links that templates write as folders (``modules/x/``) are pointed at the page's
file (hooks/leda/offline.py), since a browser shows a folder listing for them.
"""

from __future__ import annotations

from jinja2 import Environment
from leda import adapter
from leda.offline import Pages, file_links, polyfills
from leda.state import STATE
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # After the offline plugin's own on_config (plugins run before hooks), before
    # the language's build begins: so it asks the configuration, not the state.
    if adapter.offline_enabled(config):
        config.extra["polyfills"] = polyfills(config.extra.get("polyfills", []))
    return config


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Where every page is written (every hook that adds or leaves out pages is done)."""
    build = STATE.current
    if build.settings.offline:
        build.pages = Pages((f.dest_uri for f in files.documentation_pages()), build.languages)
    return env


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    build = STATE.current
    if not build.settings.offline:
        return output
    return file_links(output, page.file.dest_uri, build.pages)
