"""A page's description and link previews, escaped into its ``<meta>`` tags and checked there.

Material writes ``page.meta.description`` into ``content="..."`` unescaped: a ``"``
in the front matter ends the attribute. ``escaped`` makes the text safe for the
template; ``check_description`` reads the built page back and names a page whose
``<meta name="description">`` is not its front matter's text.
"""

from __future__ import annotations

import re
import struct
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from markupsafe import Markup, escape

from .configfiles import ConfigFiles, Report, SettingsError
from .languages import prefix
from .problems import Problems


def escaped(text: object) -> Markup:
    """``text`` escaped for an HTML attribute (already escaped text is left as it is)."""
    return escape(text if isinstance(text, Markup) else str(text))


class _Meta(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: dict[str, list[str]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "meta":
            return
        a = dict(attrs)
        key = a.get("name") or a.get("property")
        if key:
            self.found.setdefault(key, []).append(a.get("content") or "")


def meta_tags(html: str) -> dict[str, list[str]]:
    """Every ``<meta name|property=... content=...>`` of ``html``, by name."""
    parser = _Meta()
    parser.feed(html)
    return parser.found


def check_description(html: str, expected: str, where: str) -> list[str]:
    """Problems with the page's description: ``[]`` when it reads ``expected``."""
    found = meta_tags(html).get("description", [])
    if found != [expected]:
        return [
            f'{where}: the page\'s <meta name="description"> reads {found!r}, not the '
            f"front matter's description {expected!r}: a template writes it unescaped"
        ]
    return []


# --- Link previews: OpenGraph and Twitter -------------------------------------------------
#
# Every page gets og:title, og:description (its own, else the site's), og:type,
# og:site_name, og:locale with og:locale:alternate for the other languages, and
# twitter:card; with a site address (site_url) also the absolute og:url and
# og:image. The copy opened from disk (./leda offline) has no address of its own,
# so it gets neither. The image is extra.leda.preview.image (checked: a PNG or
# JPEG in docs/, 200 to 4096 pixels a side, at most 5 MB), Leda's own by default.

PREVIEW_KEYS = ("image", "alt")
MIN_SIDE, MAX_SIDE = 200, 4096
MAX_BYTES = 5 * 1024 * 1024  # what the big sites take (X: 5 MB)


@dataclass(frozen=True)
class Preview:
    image: str | None = None  # the path in docs/ (and in the site)
    type: str | None = None  # image/png or image/jpeg
    width: int = 0
    height: int = 0
    alt: dict[str, str] = field(default_factory=dict)


def image_info(data: bytes) -> tuple[str, int, int] | None:
    """``(type, width, height)`` of a PNG or JPEG image, from its bytes; else None."""
    if data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR":
        width, height = struct.unpack(">II", data[16:24])
        return "image/png", width, height
    if data[:3] == b"\xff\xd8\xff":
        at = 2
        while at + 4 <= len(data):
            if data[at] != 0xFF:
                return None
            marker = data[at + 1]
            if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
                at += 2
                continue
            length = struct.unpack(">H", data[at + 2 : at + 4])[0]
            if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
                height, width = struct.unpack(">HH", data[at + 5 : at + 9])
                return "image/jpeg", width, height
            at += 2 + length
    return None


def check_preview(
    raw: Any, docs_dir: Path, languages: tuple[str, ...], files: ConfigFiles | None
) -> Preview:
    """``extra.leda.preview`` as a ``Preview``; raises ``SettingsError`` with every problem."""
    problems = Problems()
    out = Report(files, problems)
    at = ("extra", "leda", "preview")
    if raw is None:
        return Preview()
    if not isinstance(raw, dict):
        out.add(at, "extra.leda.preview must be a mapping: image (a file in docs/) and alt")
        raise SettingsError(problems)
    out.unknown_keys(raw, PREVIEW_KEYS, at)
    found = None
    image = raw.get("image")
    name = "extra.leda.preview.image"
    if not isinstance(image, str) or not image.strip():
        out.add(
            (*at, "image") if "image" in raw else at,
            f"{name} is missing; give the path "
            "of a PNG or JPEG in docs/, like assets/brand/preview.png (1200 × 630 pixels)",
        )
    else:
        rel = image.strip().lstrip("/").removeprefix("docs/")
        target = (docs_dir / rel).resolve()
        if re.match(r"^[a-z]+:|^//", image.strip()):
            out.add(
                (*at, "image"),
                f"{name} is {image!r}; Leda loads nothing from other sites, "
                "so put the file in docs/ and give its path relative to docs/",
            )
        elif not target.is_file() or docs_dir.resolve() not in target.parents:
            out.add(
                (*at, "image"),
                f"{name}: there is no file docs/{rel}; put the image in "
                "docs/ and give its path relative to docs/ (like assets/brand/preview.png)",
            )
        else:
            data = target.read_bytes()
            info = image_info(data[:65536])
            if info is None:
                out.add(
                    (*at, "image"),
                    f"{name}: docs/{rel} is not a PNG or JPEG image; link "
                    "previews show only those, so save it as .png or .jpg",
                )
            elif len(data) > MAX_BYTES:
                out.add(
                    (*at, "image"),
                    f"{name}: docs/{rel} is {len(data) / 1048576:.1f} MB; "
                    "link previews take at most 5 MB, so make it smaller (1200 × 630 pixels)",
                )
            elif not all(MIN_SIDE <= side <= MAX_SIDE for side in info[1:]):
                out.add(
                    (*at, "image"),
                    f"{name}: docs/{rel} is {info[1]} × {info[2]} pixels; "
                    f"make it {MIN_SIDE} to {MAX_SIDE} pixels a side, best 1200 × 630",
                )
            else:
                found = (rel, info)
    alt = _alt(raw.get("alt"), (*at, "alt"), "alt" in raw, languages, out)
    if problems:
        raise SettingsError(problems)
    rel, (kind, width, height) = found
    return Preview(rel, kind, width, height, alt)


def _alt(value: Any, at: tuple, given: bool, languages, out: Report) -> dict[str, str]:
    if isinstance(value, str) and value.strip():
        return {lang: value.strip() for lang in languages}
    if isinstance(value, dict) and all(
        isinstance(value.get(lang), str) and value[lang].strip() for lang in languages
    ):
        return {lang: value[lang].strip() for lang in languages}
    out.add(
        at if given else at[:-1],
        "extra.leda.preview.alt must say what the image shows, "
        f"one text or one per language ({', '.join(f'{lang}: ...' for lang in languages)})",
    )
    return {}


def og_locale(locale: str) -> str:
    """``sv-SE`` as OpenGraph writes it, ``sv_SE``."""
    return locale.replace("-", "_")


def preview_tags(
    *,
    title: str,
    description: str,
    site_name: str,
    homepage: bool,
    locale: str,
    alternates: list[str],
    url: str | None,
    site_url: str | None,
    preview: Preview,
    lang: str,
) -> list[tuple[str, str, str]]:
    """The page's link-preview tags as ``(attribute, name, content)``, content as plain text.

    ``url`` is the page's absolute address and ``site_url`` the site's, both None
    when the site has none (the offline copy): then neither og:url nor og:image.
    """
    tags = [
        ("property", "og:title", title),
        ("property", "og:description", description),
        ("property", "og:type", "website" if homepage else "article"),
        ("property", "og:site_name", site_name),
        ("property", "og:locale", og_locale(locale)),
        *(("property", "og:locale:alternate", og_locale(other)) for other in alternates),
    ]
    if url:
        tags.append(("property", "og:url", url))
    image = bool(site_url and preview.image)
    if image:
        tags += [
            ("property", "og:image", urljoin(site_url, preview.image)),
            ("property", "og:image:type", preview.type),
            ("property", "og:image:width", str(preview.width)),
            ("property", "og:image:height", str(preview.height)),
            ("property", "og:image:alt", preview.alt[lang]),
        ]
    tags.append(("name", "twitter:card", "summary_large_image" if image else "summary"))
    return tags


def page_tags(build, page, config, lang: str) -> list[tuple[str, str, str]]:
    """``preview_tags`` of ``page`` (its URL, title, front matter) in the language ``lang``.

    ``build`` is the language's build (state.py); ``page`` and ``config`` are read for
    their values only (url, title, meta, canonical_url; site_name, site_url,
    site_description).
    """
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


def check_preview_tags(html: str, expected: list[tuple[str, str, str]], where: str) -> list[str]:
    """Problems with the page's link-preview tags: ``[]`` when each reads as ``expected``."""
    found = meta_tags(html)
    wanted: dict[str, list[str]] = {}
    for _, key, value in expected:
        wanted.setdefault(key, []).append(value)
    problems = []
    for key, values in wanted.items():
        if found.get(key, []) != values:
            problems.append(
                f'{where}: the page\'s <meta property="{key}"> reads {found.get(key, [])!r}, '
                f"not {values!r}: a template leaves it out, repeats it or writes it unescaped"
            )
    for key in found:
        if key.startswith(("og:", "twitter:")) and key not in wanted:
            problems.append(
                f'{where}: the page has <meta property="{key}">, which Leda does '
                "not write: a template adds it twice or from elsewhere"
            )
    return problems
