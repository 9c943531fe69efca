"""Dark mode: Leda's dark colours (the slate block of leda.css), an organisation's
colours checked in both schemes, the palette toggle (also where storage is blocked)
and axe in the dark scheme."""

from __future__ import annotations

import re

import pytest
from conftest import BLOCKED_STORAGE, ROOT, axe_violations
from leda.branding import check_brand
from leda.colors import CSS_FILE, DARK_PAGE, contrast, dark_variant, load_palette, read_palette
from leda.configfiles import SettingsError
from test_branding import PALETTE, brand_problems, settings

CSS = (ROOT / "docs" / CSS_FILE).read_text(encoding="utf-8")
DARK_BLOCK = re.search(r'\[data-md-color-scheme="slate"\]\s*\{([^}]*)\}', CSS)[1]


def declared(name: str) -> str:
    return re.search(rf"{name}\s*:\s*(#[0-9a-f]{{6}})\s*;", DARK_BLOCK)[1]


# --- Units -----------------------------------------------------------------------------


def test_the_dark_block_tints_what_the_light_one_tints_and_derives_links_and_accent():
    assert DARK_PAGE in PALETTE.dark_backgrounds
    dark_tints = {n for n in PALETTE.dark_backgrounds if n != DARK_PAGE}
    assert dark_tints == set(PALETTE.backgrounds)  # every tint has its dark twin
    # Leda's own dark link and accent colours are the variants an organisation's get.
    assert declared("--md-typeset-a-color") == dark_variant(PALETTE.primary)
    assert declared("--md-accent-fg-color") == dark_variant(PALETTE.accent)
    # Text colours on every dark background: AA for normal text.
    for name in (
        "--md-typeset-a-color",
        "--md-accent-fg-color",
        "--leda-right",
        "--leda-wrong",
        "--leda-muted",
    ):
        for bg in PALETTE.dark_backgrounds.values():
            assert contrast(declared(name), bg) >= 4.5, (name, bg)
    # Material's slate text (#e2e4e9 at 82 % on the page, about #bec1c6) on the tints.
    for bg in PALETTE.dark_backgrounds.values():
        assert contrast("#bec1c6", bg) >= 7, bg
    for color in (PALETTE.primary, PALETTE.accent):
        assert PALETTE.worst_dark_contrast(color) >= 4.5, color


def test_a_stylesheet_without_a_dark_block_is_refused():
    light_only = re.sub(r'\[data-md-color-scheme="slate"\]\s*\{[^}]*\}', "", CSS, count=1)
    with pytest.raises(ValueError, match=r'no \[data-md-color-scheme="slate"\] block'):
        read_palette(light_only)


def test_a_colour_that_passes_in_light_but_fails_in_dark_is_refused(tmp_path):
    # Navy: white text on it is 14:1, but lightened for the dark page it stays too dark.
    color = "#000080"
    assert PALETTE.worst_contrast(color) >= 4.5 and PALETTE.worst_dark_contrast(color) < 4.5
    for key in ("primary", "accent"):
        text = f'INHERIT: mkdocs.yml\nextra:\n  leda:\n    brand:\n      colors:\n        {key}: "{color}"\n'
        [problem] = brand_problems(tmp_path, text, {"colors": {key: color}})
        assert problem == (
            f"organisation.yml:6: extra.leda.brand.colors.{key} {color} is too close to black "
            f"for the dark scheme: lightened to {dark_variant(color)} for links and outlines "
            "there, it gives only 3.8:1 on dark backgrounds; WCAG AA needs 4.5:1, so choose a "
            "shade with more colour or lightness (still dark enough for white text)"
        )


def test_the_light_and_the_dark_check_both_report_at_once(tmp_path):
    text = 'INHERIT: mkdocs.yml\nextra:\n  leda:\n    brand:\n      colors:\n        primary: "#ffcc00"\n        accent: "#000000"\n'
    problems = brand_problems(
        tmp_path, text, {"colors": {"primary": "#ffcc00", "accent": "#000000"}}
    )
    assert [p.split(" ")[0] for p in problems] == ["organisation.yml:6:", "organisation.yml:7:"]
    assert "light backgrounds" in problems[0] and "dark scheme" in problems[1]


def test_the_dark_check_reads_the_dark_backgrounds_leda_css_declares(tmp_path):
    files = settings(tmp_path, "INHERIT: mkdocs.yml\n")
    raw = {"colors": {"primary": "#222222"}}  # 4.3:1 dark, 13:1 light
    # The same stylesheet with a black dark page and tints.
    page = CSS.replace(
        DARK_BLOCK,
        re.sub(
            r"(--(?:leda-bg-[\w-]+|md-default-bg-color)\s*:\s*)#[0-9a-f]{6}",
            r"\g<1>#000000",
            DARK_BLOCK,
        ),
    )
    assert page != CSS
    (tmp_path / "docs" / CSS_FILE).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / "docs" / CSS_FILE).write_text(page, encoding="utf-8")
    # On a black page and tints the variant of #222222 reaches AA ...
    assert check_brand(raw, tmp_path / "docs", ("sv", "en"), files).primary == "#222222"
    # ... on Leda's own dark backgrounds it does not.
    (tmp_path / "docs" / CSS_FILE).write_text(CSS, encoding="utf-8")
    assert load_palette(tmp_path / "docs").worst_dark_contrast("#222222") < 4.5
    with pytest.raises(SettingsError) as err:
        check_brand(raw, tmp_path / "docs", ("sv", "en"), files)
    assert "#222222 is too close to black for the dark scheme" in str(err.value)


def test_brand_css_gives_the_dark_scheme_the_variants(tmp_path):
    files = settings(tmp_path, "INHERIT: mkdocs.yml\n")
    brand = check_brand(
        {"colors": {"primary": "#5B2A86", "accent": "#0B6E4F"}},
        tmp_path / "docs",
        ("sv", "en"),
        files,
        PALETTE,
    )
    css = brand.css()
    light, _, dark = css.partition('[data-md-color-scheme="slate"] {')
    assert "--md-primary-fg-color: #5b2a86;" in light and "--md-typeset-a-color: #5b2a86;" in light
    assert f"--md-typeset-a-color: {dark_variant('#5b2a86')};" in dark
    assert f"--md-accent-fg-color: {dark_variant('#0b6e4f')};" in dark
    assert "--md-primary-fg-color" not in dark  # white text stays on the colour itself


# --- In Chromium -------------------------------------------------------------------------

SCHEME = "document.body.getAttribute('data-md-color-scheme')"
TOGGLE = "form[data-md-component=palette] label:visible"


# The toggle's round: the system's setting, then light, then dark, then the system's.
ROUND = {
    "": ["Byt till ljust läge", "Byt till mörkt läge", "Följ systemets inställning"],
    "en/": ["Switch to light mode", "Switch to dark mode", "Follow the system setting"],
}
SCHEMES = {"light": "default", "dark": "slate"}


@pytest.mark.browser
@pytest.mark.parametrize("system", ["light", "dark"])
def test_the_scheme_follows_the_system_and_the_toggle_switches_it_with_storage_blocked(
    browser, real_server, system
):
    context = browser.new_context(color_scheme=system, reduced_motion="reduce")
    context.add_init_script(BLOCKED_STORAGE)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        for prefix, names in ROUND.items():
            page.goto(real_server.url + prefix + "modules/leadership-gym/")
            seen = [page.evaluate(SCHEME)]
            for name in names:
                toggle = page.locator(TOGGLE)
                assert toggle.get_attribute("title") == name
                toggle.click()
                seen.append(page.evaluate(SCHEME))
            assert seen == [SCHEMES[system], "default", "slate", SCHEMES[system]], prefix
            # Leda's colours change with it, not only Material's: dark again.
            page.locator(TOGGLE).click()
            page.locator(TOGGLE).click()
            assert page.evaluate(SCHEME) == "slate"
            link = page.evaluate(
                "getComputedStyle(document.body).getPropertyValue('--md-typeset-a-color').trim()"
            )
            assert link == dark_variant(PALETTE.primary)
        assert errors == []
    finally:
        context.close()


@pytest.mark.browser
def test_a_choice_is_kept_and_following_the_system_follows_it_when_it_changes(browser, real_server):
    context = browser.new_context(color_scheme="light")
    page = context.new_page()
    try:
        for prefix in ("", "en/"):  # each language's pages keep their own choice
            page.goto(real_server.url + prefix + "course/")
            page.locator(TOGGLE).click()  # light
            page.locator(TOGGLE).click()  # dark
            page.goto(real_server.url + prefix + "modules/leadership-gym/")
            assert page.evaluate(SCHEME) == "slate", prefix
            page.locator(TOGGLE).click()  # the system's again
            page.emulate_media(color_scheme="dark")
            page.reload()
            assert page.evaluate(SCHEME) == "slate", prefix
            page.emulate_media(color_scheme="light")
            page.reload()
            assert page.evaluate(SCHEME) == "default", prefix
    finally:
        context.close()


DARK_PAGES = [
    "",
    "course/",
    "modules/leadership-gym/",
    "modules/leadership-gym/quiz/",
    "modules/leadership-gym/guide/",
    "plans/leadership-gym-30/",
    "composer/?items=trust-control-inventory,break-10,gym-training-habit",
    "journal/",
    "topics/trust/",
    "glossary/",
    "guide-hosting/",
    "accessibility/",
]


@pytest.mark.browser
@pytest.mark.parametrize("prefix", ["", "en/"])
def test_no_axe_violations_in_the_dark_scheme(browser, real_server, prefix):
    context = browser.new_context(color_scheme="dark", reduced_motion="reduce")
    page = context.new_page()
    try:
        found = {}
        for path in DARK_PAGES:
            page.goto(real_server.url + prefix + path)
            assert page.evaluate(SCHEME) == "slate"
            if path.endswith("quiz/"):
                page.locator("[data-question] input").first.check()
                page.locator("[data-question] input").nth(5).check()
                page.locator("[data-action=check-all]").click()
                page.locator(".leda-option.is-right").first.wait_for()
            if path.startswith("modules/leadership-gym/") and path.count("/") == 2:
                # The exercise's note (partials/leda/note.html), not the commitment's
                # own-words field, which stays hidden until that choice is made.
                note = page.locator("[data-note-field]").first
                note.fill("Mina tankar")
                note.blur()
            violations = axe_violations(page)
            if violations:
                found[path] = violations
        assert found == {}
    finally:
        context.close()
