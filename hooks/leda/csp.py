"""A strict Content-Security-Policy for each built page, as a <meta> tag.

Scripts may come from the site itself and, inline, only with the exact content
the page was built with: each inline script's SHA-256 hash is listed. Data blocks
(`<script type="application/json">`) are not scripts and need no hash.
"""

from __future__ import annotations

import base64
import hashlib
import re

_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</script>", re.S | re.I)
_HEAD = re.compile(r"<head[^>]*>", re.I)

POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",  # Material's icons are data: URLs in its CSS
    "font-src": "'self'",
    "connect-src": "'self'",
    "worker-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
}


def inline_script_hashes(html: str) -> list[str]:
    """``'sha256-…'`` sources for every inline script that the browser would run."""
    hashes = []
    for match in _INLINE_SCRIPT.finditer(html):
        attrs = match["attrs"].lower()
        if "src=" in attrs:
            continue
        kind = re.search(r"type\s*=\s*['\"]?([^'\"\s>]+)", attrs)
        if kind and kind.group(1) not in ("text/javascript", "module", "application/javascript"):
            continue  # a data block, not a script
        digest = hashlib.sha256(match["body"].encode("utf-8")).digest()
        source = f"'sha256-{base64.b64encode(digest).decode()}'"
        if source not in hashes:
            hashes.append(source)
    return hashes


def policy(html: str) -> str:
    rules = dict(POLICY)
    rules["script-src"] = " ".join([rules["script-src"], *inline_script_hashes(html)])
    return "; ".join(f"{name} {value}" for name, value in rules.items())


def add_policy(html: str) -> str:
    """Insert the page's policy as the first element of its <head>."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(html)}">'
    return _HEAD.sub(lambda m: m.group(0) + meta, html, count=1)
