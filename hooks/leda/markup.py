"""Inline Markdown for texts that come from data files (quizzes, front matter).

Emphasis, code and links are allowed. Raw HTML is shown as text, never run, and
links may only go to web pages, e-mail addresses or within the site.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from urllib.parse import urlsplit

import markdown
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

SAFE_SCHEMES = {"", "http", "https", "mailto"}


class _SafeLinks(Treeprocessor):
    def run(self, root):
        for el in root.iter():
            for attr in ("href", "src"):
                value = el.get(attr)
                if value is None:
                    continue
                # Browsers ignore control characters and spaces inside a scheme.
                cleaned = re.sub(r"[\x00-\x20]", "", html.unescape(value))
                if urlsplit(cleaned).scheme.lower() not in SAFE_SCHEMES:
                    del el.attrib[attr]
            for attr in list(el.attrib):
                if attr.lower().startswith("on"):
                    del el.attrib[attr]
        return root


class _NoRawHtml(markdown.Extension):
    def extendMarkdown(self, md):
        # Without these, Markdown passes raw HTML through; now it stays text.
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.treeprocessors.register(_SafeLinks(md), "leda_safe_links", 0)


@lru_cache(maxsize=1)
def _md() -> markdown.Markdown:
    return markdown.Markdown(extensions=[_NoRawHtml()], output_format="html")


def inline(text: str) -> Markup:
    """Render ``text`` as inline Markdown; any HTML in it is escaped, not run."""
    md = _md()
    md.reset()
    out = md.convert(text).strip()
    if out.startswith("<p>") and out.endswith("</p>") and out.count("<p>") == 1:
        out = out[3:-4]
    return Markup(out)


def block(text: str) -> Markup:
    """Render ``text`` as Markdown paragraphs and lists; HTML in it is escaped, not run."""
    md = _md()
    md.reset()
    return Markup(md.convert(text).strip())
