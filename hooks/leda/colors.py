"""Colours: WCAG contrast, and Leda's palette as ``leda.css`` declares it.

``docs/assets/leda/leda.css`` is the one source of Leda's colours. Its first
``:root`` block declares the primary and accent colours and every tinted
background that text sits on (``--leda-bg-*``); the rules use those variables.
``read_palette`` reads that block, so the contrast check of an organisation's
colours (hooks/leda/branding.py) always covers exactly the backgrounds leda.css
paints (tests/test_branding.py ties the two together).

The dark scheme (Material's ``slate``) has its own block,
``[data-md-color-scheme="slate"] { ... }``: its page background
(``--md-default-bg-color``) and its ``--leda-bg-*`` tints. There the primary and
accent colours stay the background of white text (header, buttons), and links,
outlines and the accent are drawn in their dark variant, the colour lightened
halfway to white (``dark_variant``), which must reach AA contrast on every dark
background. No colour can be both dark enough for white text and light enough for
a dark page, so the variant is derived, and a colour too close to black fails it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

# WCAG 2.1 AA for normal text. White text sits on the primary colour (header,
# buttons) and the accent colour (buttons on hover); both colours are also the
# text colour of links on white and on Leda's tinted backgrounds.
MIN_CONTRAST = 4.5
WHITE = "#ffffff"
CSS_FILE = "assets/leda/leda.css"  # in docs/
BACKGROUND_PREFIX = "--leda-bg-"

_ROOT = re.compile(r":root\s*\{(?P<body>[^}]*)\}")
_DARK = re.compile(r'\[data-md-color-scheme="slate"\]\s*\{(?P<body>[^}]*)\}')
DARK_PAGE = "--md-default-bg-color"
DARK_TINT = 0.5  # how far a colour is lightened towards white for the dark scheme
_VARIABLE = re.compile(r"(?P<name>--[\w-]+)\s*:\s*(?P<value>#[0-9a-fA-F]{3,8})\s*;")


def parse_color(value: str) -> tuple[int, int, int]:
    """``#1d4f6e`` or ``#abc`` as (r, g, b)."""
    digits = value.lstrip("#")
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def normal(color: str) -> str:
    """``#ABC`` as ``#aabbcc``."""
    return "#" + "".join(f"{c:02x}" for c in parse_color(color))


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


def dark_variant(color: str) -> str:
    """What the dark scheme draws links, outlines and the accent in, for ``color``."""
    return mix(normal(color), WHITE, DARK_TINT)


@dataclass(frozen=True)
class Palette:
    """Leda's own colours, from the ``:root`` block of leda.css and its dark block."""

    primary: str
    accent: str
    backgrounds: dict[str, str]  # --leda-bg-<name> -> colour
    dark_backgrounds: dict[str, str] = field(default_factory=dict)  # and the dark page

    @property
    def text_backgrounds(self) -> tuple[str, ...]:
        """What Leda's coloured text sits on: white and every tinted background."""
        return tuple(dict.fromkeys([WHITE, *(normal(c) for c in self.backgrounds.values())]))

    def worst_contrast(self, color: str) -> float:
        """The lowest contrast of ``color`` with white text and on Leda's backgrounds."""
        return min(contrast(color, bg) for bg in self.text_backgrounds)

    def worst_dark_contrast(self, color: str) -> float:
        """The lowest contrast of ``color``'s dark variant on the dark backgrounds."""
        variant = dark_variant(color)
        return min((contrast(variant, bg) for bg in self.dark_backgrounds.values()), default=21)


def read_palette(css: str, shown: str = CSS_FILE) -> Palette:
    """The palette declared in the first ``:root`` block of the stylesheet ``css``."""
    root = _ROOT.search(css)
    declared = {m["name"]: m["value"] for m in _VARIABLE.finditer(root["body"] if root else "")}
    missing = [n for n in ("--md-primary-fg-color", "--md-accent-fg-color") if n not in declared]
    if missing:
        raise ValueError(f"{shown} declares no {' or '.join(missing)} in its :root block")
    dark = _DARK.search(css)
    dark_body = dark["body"] if dark else ""
    dark_declared = {m["name"]: m["value"] for m in _VARIABLE.finditer(dark_body)}
    if not dark or DARK_PAGE not in dark_declared:
        raise ValueError(
            f'{shown} has no [data-md-color-scheme="slate"] block declaring {DARK_PAGE} '
            "(the dark scheme's page)"
        )
    return Palette(
        primary=normal(declared["--md-primary-fg-color"]),
        accent=normal(declared["--md-accent-fg-color"]),
        backgrounds={
            name: normal(value)
            for name, value in declared.items()
            if name.startswith(BACKGROUND_PREFIX)
        },
        dark_backgrounds={
            name: normal(value)
            for name, value in dark_declared.items()
            if name.startswith(BACKGROUND_PREFIX) or name == DARK_PAGE
        },
    )


def load_palette(docs_dir: Path) -> Palette:
    return read_palette((Path(docs_dir) / CSS_FILE).read_text(encoding="utf-8"))
