"""Links for the copy of the site that is opened from disk (``./leda offline``).

A browser shows a folder listing, not the page, for a link like ``modules/x/``
opened from file://. The offline build therefore has no directory URLs (Material's
offline plugin turns them off), so MkDocs writes ``modules/x.html`` and links to
it. Templates, though, are written for directory URLs: ``'journal/' | url`` is
relative to the page's file, ``quiz/`` on a module page to the page's folder as it
would be online (``modules/x/``). ``file_links`` points every such link at the
page's file, trying both readings.
"""

from __future__ import annotations

import posixpath
import re
from urllib.parse import urlsplit, urlunsplit

_HREF = re.compile(r"(\shref=)([\"'])([^\"']*)\2")
WORKER_SHIM = "assets/leda/file-worker.js"  # takes the place of the offline plugin's polyfill


def polyfills(configured: list) -> list:
    """Material's ``extra.polyfills`` for the offline copy: Leda's worker shim instead of
    the iframe-worker polyfill the offline plugin loads from unpkg.com."""
    out = [p for p in configured if "iframe-worker" not in str(p)]
    if WORKER_SHIM not in out:
        out.append(WORKER_SHIM)
    return out


class Pages:
    """Where the site's pages are written (``about.html``, ``en/modules/x/quiz/index.html``).

    Every page exists in every language at the same path below the language's folder,
    so a page found in one language tells where it is in the others.
    """

    def __init__(self, dest_uris=(), languages: tuple[str, ...] = ()):
        self.prefixes = tuple(f"{lang}/" for lang in languages[1:])
        self.shapes: set[str] = set()
        self.add(dest_uris)

    def add(self, dest_uris) -> None:
        self.shapes.update(self._split(uri)[1] for uri in dest_uris)

    def _split(self, path: str) -> tuple[str, str]:
        for prefix in self.prefixes:
            if path == prefix.rstrip("/") or path.startswith(prefix):
                return prefix, path[len(prefix) :]
        return "", path

    def file(self, folder: str) -> str | None:
        """The page file for the folder path ``folder`` (``modules/x``, or ``""`` for home)."""
        lang, rest = self._split(folder.strip("/"))
        rest = rest.strip("/")
        candidates = (f"{rest}.html", f"{rest}/index.html") if rest else ("index.html",)
        for candidate in candidates:
            if candidate in self.shapes:
                return lang + candidate
        return None


def file_link(href: str, dest_uri: str, pages: Pages) -> str:
    """``href`` on the page written to ``dest_uri``, pointing at a file, not a folder."""
    parts = urlsplit(href)
    path = parts.path
    if parts.scheme or parts.netloc or href.startswith(("#", "/")) or not path:
        return href
    if not (path.endswith("/") or posixpath.basename(path) in (".", "..")):
        return href
    here = posixpath.dirname(dest_uri)
    # Relative to the page's file (the url filter), then to its folder online.
    bases = [here]
    if dest_uri.endswith(".html") and not dest_uri.endswith("index.html"):
        bases.append(dest_uri[: -len(".html")])
    for base in bases:
        target = posixpath.normpath(posixpath.join(base, path))
        if target.startswith(".."):
            continue
        found = pages.file("" if target == "." else target)
        if found is not None:
            relative = posixpath.relpath(found, here or ".")
            return urlunsplit(("", "", relative, parts.query, parts.fragment))
    return href


def file_links(html: str, dest_uri: str, pages: Pages) -> str:
    """Every relative folder link in ``html`` made a link to the page's file."""
    return _HREF.sub(lambda m: m[1] + m[2] + file_link(m[3], dest_uri, pages) + m[2], html)
