"""Leda's own CSS and JavaScript, minified in the built site; the sources stay as written.

The files in ``docs/assets/leda/`` are commented for the people who maintain them;
a visitor's browser needs none of that. After the build has written the site,
``minify_site`` rewrites each ``*.js`` and ``*.css`` in the site's
``assets/leda/`` (brand.css, which the build generates, included) without
comments and needless whitespace, with two small, established minifiers:
rJSmin (jsmin's rules: it keeps strings, template literals and regular
expressions as they are) and rCSSmin. Nothing else is touched: the pages and
their inline scripts, whose hashes the Content-Security-Policy holds, stay as
built. No source map: the sources are in the repository, a few lines each.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import rcssmin
import rjsmin

FOLDER = "assets/leda"  # Leda's own files in the built site (docs/assets/leda/)


@dataclass(frozen=True)
class Minified:
    name: str
    before: int  # bytes
    after: int


def minify(name: str, text: str) -> str:
    """``text`` of the file ``name`` (``.js`` or ``.css``), minified."""
    if name.endswith(".js"):
        return rjsmin.jsmin(text).strip() + "\n"
    if name.endswith(".css"):
        return rcssmin.cssmin(text).strip() + "\n"
    raise ValueError(f"{name}: only .js and .css files are minified")


def minify_site(site_dir: Path) -> list[Minified]:
    """Every ``.js`` and ``.css`` in ``site_dir``'s ``assets/leda/``, minified in place.

    A site without the folder (a language's build below the default one's, which
    writes the assets once) is left as it is.
    """
    folder = Path(site_dir) / FOLDER
    done = []
    for path in sorted([*folder.glob("*.js"), *folder.glob("*.css")]):
        text = path.read_text(encoding="utf-8")
        small = minify(path.name, text)
        if len(small) < len(text):
            path.write_text(small, encoding="utf-8")
        done.append(Minified(path.name, len(text.encode()), path.stat().st_size))
    return done
