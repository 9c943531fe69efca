"""Link previews: OpenGraph and Twitter tags on every page, in its language (issue 14).

The built pages are read with Python's own HTML parser (html.parser), not with
Leda's reader of them; the preview image with its own header, not with Leda's.
"""

from __future__ import annotations

import struct
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import CONFIG, ROOT, make_project, run_build
from htmlscan import pages
from leda.configfiles import ConfigFiles, SettingsError
from leda.meta import MAX_BYTES, check_preview, check_preview_tags, image_info

LANGS = ("sv", "en")
LOCALES = {"sv": "sv_SE", "en": "en_GB"}
SITE = CONFIG["site_url"]
DESCRIPTION = {
    "sv": CONFIG["site_description"],
    "en": next(
        lang["site_description"]
        for lang in next(p for p in CONFIG["plugins"] if "i18n" in p)["i18n"]["languages"]
        if lang["locale"] == "en"
    ),
}


class Head(HTMLParser):
    """Every <meta> of a page by its property or name, and the <html lang>."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, list[str]] = {}
        self.lang = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        if tag == "meta" and (a.get("property") or a.get("name")):
            self.meta.setdefault(a.get("property") or a["name"], []).append(a.get("content"))


def head(html: str) -> Head:
    reader = Head()
    reader.feed(html)
    return reader


def png(width: int, height: int) -> bytes:
    """A real, minimal PNG (one grey pixel per row repeated) of ``width`` × ``height``."""
    row = b"\x00" + b"\x80" * width
    body = zlib.compress(row * height)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", body) + chunk(b"IEND", b"")


JPEG = (  # SOI, an APP0 segment, then SOF0 of 640 × 480: what image_info has to skip and read
    b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    b"\xff\xc0\x00\x11\x08\x01\xe0\x02\x80\x03\x01\x22\x00\x02\x11\x01\x03\x11\x01"
)


# --- Units ---------------------------------------------------------------------------------


def test_image_sizes_are_read_from_the_files_own_headers():
    assert image_info(png(1200, 630)) == ("image/png", 1200, 630)
    assert image_info(JPEG) == ("image/jpeg", 640, 480)
    assert image_info(b"GIF89a\x01\x00\x01\x00") is None
    real = (ROOT / "docs" / "assets" / "leda" / "preview.png").read_bytes()
    assert image_info(real) == ("image/png", 1200, 630)  # Leda's own, as the README says
    assert len(real) < 100_000


def organisation(tmp_path: Path, text: str) -> ConfigFiles:
    (tmp_path / "docs" / "assets").mkdir(parents=True, exist_ok=True)
    (tmp_path / "organisation.yml").write_text(text, encoding="utf-8")
    return ConfigFiles(tmp_path / "organisation.yml", tmp_path)


def test_a_good_preview_image_is_taken(tmp_path):
    files = organisation(
        tmp_path, "extra:\n  leda:\n    preview:\n      image: assets/p.jpg\n      alt: Vår logga\n"
    )
    (tmp_path / "docs" / "assets" / "p.jpg").write_bytes(JPEG)
    preview = check_preview(
        {"image": "assets/p.jpg", "alt": "Vår logga"}, tmp_path / "docs", LANGS, files
    )
    assert (preview.image, preview.type, preview.width, preview.height) == (
        "assets/p.jpg",
        "image/jpeg",
        640,
        480,
    )
    assert preview.alt == {"sv": "Vår logga", "en": "Vår logga"}


@pytest.mark.parametrize(
    ("image", "content", "message"),
    [
        (
            "assets/none.png",
            None,
            "extra.leda.preview.image: there is no file docs/assets/none.png",
        ),
        ("https://cdn.example.org/p.png", None, "Leda loads nothing from other sites"),
        ("assets/p.png", b"GIF89a" + b"\x00" * 20, "docs/assets/p.png is not a PNG or JPEG image"),
        (
            "assets/p.png",
            png(100, 630),
            "docs/assets/p.png is 100 × 630 pixels; make it 200 to 4096",
        ),
        ("assets/p.png", png(1200, 630) + b"\x00" * MAX_BYTES, "link previews take at most 5 MB"),
    ],
    ids=["missing", "remote", "not-an-image", "too-small", "too-large"],
)
def test_a_bad_preview_image_is_refused_at_its_line(tmp_path, image, content, message):
    files = organisation(
        tmp_path,
        f"INHERIT: x.yml\nextra:\n  leda:\n    preview:\n      image: {image}\n      alt: Logga\n",
    )
    if content is not None:
        (tmp_path / "docs" / image).write_bytes(content)
    with pytest.raises(SettingsError) as err:
        check_preview({"image": image, "alt": "Logga"}, tmp_path / "docs", LANGS, files)
    [problem] = [str(p) for p in err.value.problems]
    assert problem.startswith("organisation.yml:5: extra.leda.preview.image"), problem
    assert message in problem


def test_every_problem_with_the_preview_setting_is_reported_at_once(tmp_path):
    files = organisation(
        tmp_path, "extra:\n  leda:\n    preview:\n      imag: a.png\n      alt: {sv: Logga}\n"
    )
    with pytest.raises(SettingsError) as err:
        check_preview({"imag": "a.png", "alt": {"sv": "Logga"}}, tmp_path / "docs", LANGS, files)
    assert [str(p) for p in err.value.problems] == [
        "organisation.yml:4: extra.leda.preview.image is missing; give the path of a PNG or "
        "JPEG in docs/, like assets/brand/preview.png (1200 × 630 pixels)",
        "organisation.yml:4: unknown setting `imag` in extra.leda.preview; did you mean `image`?",
        "organisation.yml:5: extra.leda.preview.alt must say what the image shows, one text or "
        "one per language (sv: ..., en: ...)",
    ]


def test_the_check_names_a_tag_that_is_cut_short_or_repeated():
    expected = [("property", "og:title", 'Säg "ja"'), ("name", "twitter:card", "summary")]
    good = '<meta property="og:title" content="Säg &quot;ja&quot;"><meta name="twitter:card" content="summary">'
    assert check_preview_tags(good, expected, "x.md") == []
    cut = (
        '<meta property="og:title" content="Säg "ja""><meta name="twitter:card" content="summary">'
    )
    assert check_preview_tags(cut, expected, "x.md") == [
        "x.md: the page's <meta property=\"og:title\"> reads ['Säg '], not ['Säg \"ja\"']: a "
        "template leaves it out, repeats it or writes it unescaped"
    ]
    twice = good + '<meta property="og:image" content="https://x.se/a.png">'
    assert check_preview_tags(twice, expected, "x.md") == [
        'x.md: the page has <meta property="og:image">, which Leda does not write: a template '
        "adds it twice or from elsewhere"
    ]


# --- The real site ------------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "prefix"), [("sv", ""), ("en", "en/")])
def test_every_page_has_its_link_preview_in_its_language(real_site, lang, prefix):
    other = [LOCALES[o] for o in LANGS if o != lang]
    root = real_site.site / prefix.rstrip("/") if prefix else real_site.site
    checked = 0
    for path in pages(root):
        rel = path.relative_to(real_site.site).as_posix()
        if rel == "404.html" or (not prefix and rel.startswith("en/")):
            continue
        page = head(path.read_text(encoding="utf-8"))
        m = page.meta
        assert page.lang == lang, rel
        for key in (
            "og:title",
            "og:description",
            "og:type",
            "og:site_name",
            "og:locale",
            "og:url",
            "og:image",
            "og:image:alt",
            "twitter:card",
        ):
            assert len(m.get(key, [])) == 1 and m[key][0], (rel, key, m.get(key))
        assert m["og:locale"] == [LOCALES[lang]] and m["og:locale:alternate"] == other, rel
        url = SITE + rel.removesuffix("index.html")
        assert m["og:url"] == [url], rel
        assert m["og:image"] == [SITE + "assets/leda/preview.png"], rel
        assert (m["og:image:width"], m["og:image:height"]) == (["1200"], ["630"])
        assert m["twitter:card"] == ["summary_large_image"]
        assert m["og:site_name"] == ["Leda"]
        # The description is the page's own (the one search engines get), else the site's.
        assert m["og:description"] == m["description"], rel
        checked += 1
    assert checked > 40
    home = head(real_site.html(f"{prefix}index.html")).meta
    assert home["og:type"] == ["website"] and home["og:title"] == ["Leda"]
    module = head(real_site.html(f"{prefix}modules/leadership-gym/index.html")).meta
    assert module["og:type"] == ["article"]
    assert module["og:title"][0] in real_site.html(f"{prefix}modules/leadership-gym/index.html")
    # A page without a description of its own (a workshop plan) gets the site's.
    plan = head(real_site.html(f"{prefix}plans/control-to-trust-90/index.html")).meta
    assert plan["og:description"] == [DESCRIPTION[lang]]


# --- Small sites: escaping, no address, the offline copy -----------------------------------


QUOTED = """\
---
title: Säg "ja" & <mena> det
description: Ett "citat" & <taggar> ska läsas som text.
---

# Säg "ja" & <mena> det
"""


def test_quotes_and_markup_are_escaped_and_a_site_without_address_has_no_url(tmp_path):
    project = make_project(tmp_path)
    for lang in LANGS:
        (project / "docs" / f"quoted.{lang}.md").write_text(QUOTED, encoding="utf-8")
    (project / "organisation.yml").write_text(
        "INHERIT: mkdocs.yml\nsite_url: ''\n"
        "extra:\n  leda:\n    brand:\n      contact: ledarskap@exempelby.se\n",
        "utf-8",
    )
    build = run_build(project, tmp_path / "site", config="organisation.yml")
    assert build.code == 0, build.log
    for prefix in ("", "en/"):
        m = head(build.html(f"{prefix}quoted/index.html")).meta
        assert m["og:title"] == ['Säg "ja" & <mena> det']
        assert m["og:description"] == ['Ett "citat" & <taggar> ska läsas som text.']
        assert "og:url" not in m and "og:image" not in m  # nothing absolute to point at
        assert m["twitter:card"] == ["summary"]


def test_the_offline_copy_points_nowhere_else(tmp_path):
    project = make_project(tmp_path)
    build = run_build(project, tmp_path / "site", env={"LEDA_OFFLINE": "true"})
    assert build.code == 0, build.log
    for prefix in ("", "en/"):
        m = head(build.html(f"{prefix}index.html")).meta
        assert m["og:locale"] == [LOCALES["en" if prefix else "sv"]]
        assert "og:url" not in m and "og:image" not in m
        assert m["og:title"] and m["twitter:card"] == ["summary"]
