"""An organisation's Leda: its name, logo, colours and contact, and which modules it publishes.

Everything lives in ``extra.leda`` of the MkDocs configuration: ``brand`` (how the
site looks) and ``publish`` (which tracks and modules it carries). Organisations
set them in ``organisation.yml``, which inherits ``mkdocs.yml`` (``INHERIT:``), so
an upgrade from upstream never touches their settings. The format is in
docs/guide-hosting.*.md and organisation.example.yml.

This module knows nothing about MkDocs events (hooks/branding.py calls it), so the
tests check the settings directly. Every problem is reported at once as
``path:line: what is wrong and how to fix it``, with the file and line where the
setting is written, following ``INHERIT:`` from the file that was built.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from .course import Course
from .problems import CourseError, Problems

BRAND_KEYS = ("name", "description", "copyright", "logo", "favicon", "colors", "contact")
COLOR_KEYS = ("primary", "accent")
PUBLISH_KEYS = ("tracks", "modules")
IMAGE_TYPES = {
    "logo": (".svg", ".png", ".jpg", ".jpeg", ".webp", ".gif"),
    "favicon": (".svg", ".png", ".ico"),
}
# WCAG 2.1 AA for normal text. White text sits on the primary colour (header,
# buttons) and the accent colour (buttons on hover); both colours are also the
# text colour of links on white and on Leda's tinted boxes (leda.css).
MIN_CONTRAST = 4.5
WHITE = "#ffffff"
LIGHT_BACKGROUNDS = ("#ffffff", "#f5f8fa", "#e8f3e8", "#f8e7e7", "#f4f4f4")
_HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
_EMAIL = re.compile(r"^[^@\s<>\"']+@[^@\s<>\"']+\.[A-Za-z]{2,}$")
_WEB = re.compile(r"^https?://[^\s<>\"']+$")


# --- Where a setting is written ---------------------------------------------------------


class ConfigFiles:
    """The configuration file that was built and the files it inherits, child first.

    MkDocs merges them (``INHERIT:``) and forgets where each value came from; this
    finds the file and line of a setting for the messages.
    """

    def __init__(self, config_file: Path, root: Path | None = None):
        self.root = (root or Path(config_file).parent).resolve()
        self.files: list[tuple[str, yaml.Node | None]] = []
        path: Path | None = Path(config_file).resolve()
        seen: set[Path] = set()
        while path is not None and path not in seen and path.exists():
            seen.add(path)
            try:
                node = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
            except yaml.YAMLError:
                node = None  # MkDocs itself reports a broken file
            self.files.append((self._shown(path), node))
            inherit = _child(node, "INHERIT")
            value = inherit.value if isinstance(inherit, yaml.ScalarNode) else None
            path = (path.parent / value).resolve() if value else None

    def _shown(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()

    @property
    def main(self) -> str:
        return self.files[0][0] if self.files else "mkdocs.yml"

    def where(self, *keys: str | int) -> tuple[str, int]:
        """File and line of the setting at ``keys`` (or of its nearest written parent)."""
        for depth in range(len(keys), 0, -1):
            for shown, node in self.files:
                found = _find(node, keys[:depth])
                if found is not None:
                    return shown, found.start_mark.line + 1
        return self.main, 1


def _child(node: yaml.Node | None, key: str | int) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == str(key):
                return value_node
    if isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
        return node.value[key]
    return None


def _find(node: yaml.Node | None, keys: tuple) -> yaml.Node | None:
    for key in keys:
        node = _child(node, key)
        if node is None:
            return None
    return node


class _Report:
    """Adds problems at the place a setting is written."""

    def __init__(self, files: ConfigFiles, problems: Problems):
        self.files = files
        self.problems = problems

    def add(self, keys: tuple, message: str) -> None:
        path, line = self.files.where(*keys)
        self.problems.add(path, line, message)


class SettingsError(CourseError):
    """Raised with every problem at once; hooks/branding.py turns it into a PluginError."""

    about = "the site's settings"


# --- Colours --------------------------------------------------------------------------


def parse_color(value: str) -> tuple[int, int, int]:
    """``#1d4f6e`` or ``#abc`` as (r, g, b)."""
    digits = value.lstrip("#")
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def luminance(color: str) -> float:
    """Relative luminance, as WCAG 2.1 defines it."""

    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in parse_color(color))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """The WCAG contrast ratio of two colours, from 1 to 21."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def mix(color: str, other: str, amount: float) -> str:
    """``color`` moved ``amount`` (0–1) of the way towards ``other``."""
    a, b = parse_color(color), parse_color(other)
    return "#" + "".join(f"{round(x + (y - x) * amount):02x}" for x, y in zip(a, b, strict=True))


def _normal(color: str) -> str:
    return "#" + "".join(f"{c:02x}" for c in parse_color(color))


# --- The brand ------------------------------------------------------------------------


@dataclass
class Contact:
    text: str
    href: str


@dataclass
class Brand:
    name: dict[str, str] = field(default_factory=dict)
    description: dict[str, str] = field(default_factory=dict)
    copyright: dict[str, str] = field(default_factory=dict)
    logo: str | None = None
    favicon: str | None = None
    primary: str | None = None
    accent: str | None = None
    contact: Contact | None = None

    def css(self) -> str:
        """The colours as Material's CSS custom properties (the file brand.css)."""
        lines = [
            "/* Generated by hooks/branding.py from extra.leda.brand.colors; do not edit. */",
            ":root {",
        ]
        if self.primary:
            lines += [
                f"  --md-primary-fg-color: {self.primary};",
                f"  --md-primary-fg-color--light: {mix(self.primary, WHITE, 0.15)};",
                f"  --md-primary-fg-color--dark: {mix(self.primary, '#000000', 0.3)};",
                f"  --md-typeset-a-color: {self.primary};",
            ]
        if self.accent:
            lines += [
                f"  --md-accent-fg-color: {self.accent};",
                f"  --md-accent-fg-color--transparent: {self.accent}1a;",
            ]
        return "\n".join([*lines, "}", ""])


def check_brand(raw: Any, docs_dir: Path, languages: tuple[str, ...], files: ConfigFiles) -> Brand:
    """``extra.leda.brand`` as a ``Brand``; raises ``SettingsError`` with every problem."""
    problems = Problems()
    out = _Report(files, problems)
    at = ("extra", "leda", "brand")
    brand = Brand()
    if raw is None:
        return brand
    if not isinstance(raw, dict):
        out.add(at, "extra.leda.brand must be a mapping of settings (name, logo, colors, ...)")
        raise SettingsError(problems)
    _unknown_keys(raw, BRAND_KEYS, at, out)
    for key in ("name", "description", "copyright"):
        if key in raw:
            setattr(brand, key, _text(raw[key], (*at, key), languages, out))
    for key in ("logo", "favicon"):
        if key in raw:
            setattr(brand, key, _image(raw[key], key, (*at, key), docs_dir, out))
    if "colors" in raw:
        colors = raw["colors"]
        if not isinstance(colors, dict):
            out.add(
                (*at, "colors"),
                "extra.leda.brand.colors must have `primary:` and/or `accent:`, "
                'each a colour like "#1d4f6e"',
            )
        else:
            _unknown_keys(colors, COLOR_KEYS, (*at, "colors"), out)
            for key in COLOR_KEYS:
                if key in colors:
                    setattr(brand, key, _color(colors[key], key, (*at, "colors", key), out))
    if "contact" in raw:
        brand.contact = _contact(raw["contact"], (*at, "contact"), out)
    if problems:
        raise SettingsError(problems)
    return brand


def _unknown_keys(raw: dict, allowed: tuple, at: tuple, out: _Report) -> None:
    name = ".".join(str(k) for k in at)
    for key in raw:
        if key not in allowed:
            guess = difflib.get_close_matches(str(key), allowed, n=1)
            hint = f"did you mean `{guess[0]}`?" if guess else f"use {', '.join(allowed)}"
            out.add((*at, key), f"unknown setting `{key}` in {name}; {hint}")


def _text(value: Any, at: tuple, languages, out: _Report) -> dict[str, str]:
    """One text for every language, or ``{sv: ..., en: ...}``."""
    name = ".".join(at)
    if isinstance(value, str) and value.strip():
        return {lang: value.strip() for lang in languages}
    if isinstance(value, dict):
        texts = {}
        for lang in languages:
            text = value.get(lang)
            if not isinstance(text, str) or not text.strip():
                out.add((*at, lang) if lang in value else at, f"{name} has no `{lang}:` text")
            else:
                texts[lang] = text.strip()
        for lang in value:
            if lang not in languages:
                out.add((*at, lang), f"unknown language `{lang}` in {name}; use {languages}")
        return texts
    out.add(
        at,
        f"{name} must be a text, or one text per language "
        f"({', '.join(f'{lang}: ...' for lang in languages)})",
    )
    return {}


def _image(value: Any, key: str, at: tuple, docs_dir: Path, out: _Report) -> str | None:
    name = ".".join(at)
    kinds = ", ".join(IMAGE_TYPES[key])
    if not isinstance(value, str) or not value.strip():
        out.add(
            at, f"{name} is empty; give the path of a file in docs/, like assets/brand/{key}.svg"
        )
        return None
    path = value.strip()
    if re.match(r"^[a-z]+:|^//", path):
        out.add(
            at,
            f"{name} is {path!r}; Leda loads nothing from other sites, so put the file in "
            f"docs/ (for example docs/assets/brand/{key}.svg) and write assets/brand/{key}.svg",
        )
        return None
    rel = path.lstrip("/")
    if rel.startswith("docs/"):
        rel = rel[len("docs/") :]
    if Path(rel).suffix.lower() not in IMAGE_TYPES[key]:
        out.add(at, f"{name} is {path!r}; use an image file of type {kinds}")
        return None
    target = (docs_dir / rel).resolve()
    if not target.is_file() or docs_dir.resolve() not in target.parents:
        out.add(
            at,
            f"{name}: there is no file docs/{rel}; put the {key} in docs/ and give its path "
            f"relative to docs/ (like assets/brand/{key}.svg), or fix the spelling",
        )
        return None
    return rel


def _color(value: Any, key: str, at: tuple, out: _Report) -> str | None:
    name = ".".join(at)
    if value is None or (isinstance(value, str) and not value.strip()):
        out.add(
            at,
            f'{name} is empty; write the colour in quotes, like {key}: "#1d4f6e" '
            "(without quotes YAML reads # as the start of a comment)",
        )
        return None
    text = str(value).strip()
    if not _HEX.match(text):
        out.add(
            at,
            f"{name} is {text!r}, which is not a colour; "
            'write it as a hex code in quotes, like "#1d4f6e"',
        )
        return None
    color = _normal(text)
    worst = min(contrast(color, bg) for bg in LIGHT_BACKGROUNDS)
    if worst < MIN_CONTRAST:
        out.add(
            at,
            f"{name} {text} gives a contrast of only {worst:.1f}:1 with white text and on "
            f"light backgrounds; WCAG AA needs {MIN_CONTRAST}:1, so choose a darker shade",
        )
        return None
    return color


def _contact(value: Any, at: tuple, out: _Report) -> Contact | None:
    name = ".".join(at)
    text = value.strip() if isinstance(value, str) else ""
    if text.startswith("mailto:"):
        text = text[len("mailto:") :]
    if _EMAIL.match(text):
        return Contact(text, f"mailto:{text}")
    if _WEB.match(text):
        return Contact(re.sub(r"^https?://", "", text).rstrip("/"), text)
    out.add(
        at,
        f"{name} is {value!r}; write an e-mail address (like ledarskap@kommun.se) "
        "or a web address starting with https://",
    )
    return None


def check_site_url(value: Any, files: ConfigFiles, variable: str | None = None) -> None:
    """``site_url`` is a web address: the sitemap's and language links' addresses start with it.

    ``variable`` names the environment variable the value came from (LEDA_SITE_URL).
    """
    if value in (None, ""):
        return
    if not _WEB.match(str(value)):
        problems = Problems()
        message = f"is {value!r}; write the site's address, like https://ledarskap.kommun.se/"
        if variable:
            problems.add(f"the environment variable {variable}", 1, message)
        else:
            _Report(files, problems).add(("site_url",), f"site_url {message}")
        raise SettingsError(problems)


# --- What is published ----------------------------------------------------------------


@dataclass
class Selection:
    """The tracks and modules to publish; None means all of them."""

    tracks: list[str] | None = None
    modules: list[str] | None = None


def check_publish(raw: Any, course: Course, files: ConfigFiles) -> Selection:
    """``extra.leda.publish`` checked against the course; raises ``SettingsError``."""
    problems = Problems()
    out = _Report(files, problems)
    at = ("extra", "leda", "publish")
    if raw is None:
        return Selection()
    if not isinstance(raw, dict):
        out.add(at, "extra.leda.publish must have `tracks:` and/or `modules:`, each a list of ids")
        raise SettingsError(problems)
    _unknown_keys(raw, PUBLISH_KEYS, at, out)
    track_ids = [t.id for t in course.tracks]
    module_ids = sorted(course.modules)
    tracks = _ids(raw, "tracks", at, track_ids, "track", "the ids under extra.leda.tracks", out)
    modules = _ids(raw, "modules", at, module_ids, "module", "the file names in docs/modules/", out)
    if tracks is not None and modules is not None:
        for index, mid in enumerate(raw["modules"]):
            module = course.modules.get(mid)
            if module and module.track not in tracks:
                out.add(
                    (*at, "modules", index),
                    f"module '{mid}' is in track '{module.track}', which "
                    f"extra.leda.publish.tracks leaves out; add '{module.track}' to the tracks "
                    "or take the module off the list",
                )
    if problems:
        raise SettingsError(problems)
    return Selection(tracks, modules)


def _ids(raw, key, at, known, what, where, out: _Report) -> list[str] | None:
    if key not in raw or raw[key] in (None, "all"):
        return None
    items = raw[key]
    name = ".".join((*at, key))
    if not isinstance(items, list) or not items:
        out.add(
            (*at, key),
            f"{name} must list {what} ids (lines starting with `- `), or be left out to "
            f"publish every {what}",
        )
        return None
    ids = []
    for index, item in enumerate(items):
        if item not in known:
            guess = difflib.get_close_matches(str(item), known, n=1)
            hint = f"did you mean '{guess[0]}'? " if guess else ""
            out.add(
                (*at, key, index),
                f"unknown {what} {item!r} in {name}; {hint}use one of {where}: {', '.join(known)}",
            )
        elif item in ids:
            out.add((*at, key, index), f"{what} '{item}' is listed twice in {name}")
        else:
            ids.append(item)
    return ids


def select(course: Course, selection: Selection) -> Course:
    """The course with only the chosen tracks and modules (a new ``Course``)."""
    tracks = course.tracks
    modules = dict(course.modules)
    if selection.modules is not None:
        modules = {mid: m for mid, m in modules.items() if mid in selection.modules}
    if selection.tracks is not None:
        modules = {mid: m for mid, m in modules.items() if m.track in selection.tracks}
        tracks = [t for t in tracks if t.id in selection.tracks]
    elif selection.modules is not None:
        used = {m.track for m in modules.values()}
        tracks = [t for t in tracks if t.id in used]
    return replace(course, tracks=list(tracks), modules=modules)
