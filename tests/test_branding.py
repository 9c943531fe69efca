"""An organisation's Leda: branding and a chosen subset of modules (issue 8).

Unit tests of hooks/leda/branding.py, then real builds: one with a sample
organisation.yml (another name, logo, colours, contact, a subset of the real
course) and one per bad setting, which must stop the build with its message.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import ROOT, make_project, run_build
from htmlscan import pages, tags
from leda.branding import check_brand
from leda.colors import CSS_FILE, contrast, load_palette
from leda.configfiles import ConfigFiles, SettingsError
from leda.course import Course, Module, Track
from leda.publish import Selection, check_publish, select

PALETTE = load_palette(ROOT / "docs")  # Leda's own colours, from leda.css

LOGO = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><rect width="8" height="8"/></svg>'
)

ORGANISATION = """\
INHERIT: mkdocs.yml
site_url: https://ledarskap.exempelby.se/
extra:
  leda:
    brand:
      name:
        sv: Ledarskap i Exempelby
        en: Leadership in Exempelby
      copyright: Exempelby kommun
      logo: assets/brand/logo.svg
      favicon: assets/brand/icon.png
      colors:
        primary: "#5b2a86"
        accent: "#0b6e4f"
      contact: ledarskap@exempelby.se
    publish:
      tracks: [trust, learning]
      modules: [from-control-to-trust, passionate-leadership, peer-learning-groups, leadership-gym]
"""
KEPT = ["from-control-to-trust", "passionate-leadership", "peer-learning-groups", "leadership-gym"]
LEFT_OUT = [
    "hidden-potential",  # in a chosen track, but not on the list
    "reflection-and-silence",
    "planning-and-goals",  # in a track that is left out
    "needs-based-sales",
]


# --- Units -----------------------------------------------------------------------------


def test_contrast_follows_wcag():
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#ffffff", "#ffffff") == pytest.approx(1)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)  # the AA limit
    assert contrast(PALETTE.primary, "#ffffff") > 4.5  # Leda's own primary colour


def settings(tmp_path: Path, text: str) -> ConfigFiles:
    (tmp_path / "docs" / "assets").mkdir(parents=True, exist_ok=True)
    (tmp_path / "docs" / "assets" / "logo.svg").write_text(LOGO, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: X\nextra:\n  leda: {}\n", encoding="utf-8")
    (tmp_path / "organisation.yml").write_text(text, encoding="utf-8")
    return ConfigFiles(tmp_path / "organisation.yml", tmp_path)


def brand_problems(tmp_path: Path, text: str, raw: dict) -> list[str]:
    files = settings(tmp_path, text)
    with pytest.raises(SettingsError) as err:
        check_brand(raw, tmp_path / "docs", ("sv", "en"), files, PALETTE)
    return [str(p) for p in err.value.problems]


def test_a_good_brand_is_read(tmp_path):
    files = settings(tmp_path, "INHERIT: mkdocs.yml\n")
    brand = check_brand(
        {
            "name": {"sv": "Vårt", "en": "Ours"},
            "logo": "assets/logo.svg",
            "colors": {"primary": "#5B2A86", "accent": "#0B6E4F"},
            "contact": "https://intranat.exempelby.se/ledarskap/",
        },
        tmp_path / "docs",
        ("sv", "en"),
        files,
        PALETTE,
    )
    assert brand.name == {"sv": "Vårt", "en": "Ours"}
    assert brand.logo == "assets/logo.svg" and brand.primary == "#5b2a86"
    assert brand.accent == "#0b6e4f"
    assert brand.contact.href == "https://intranat.exempelby.se/ledarskap/"
    assert brand.contact.text == "intranat.exempelby.se/ledarskap"
    css = brand.css()
    assert "--md-primary-fg-color: #5b2a86;" in css and "--md-typeset-a-color: #5b2a86;" in css


BAD = """\
INHERIT: mkdocs.yml
extra:
  leda:
    brand:
      logo: assets/missing.svg
      favicon: https://cdn.example.org/icon.png
      colors:
        primary: #5b2a86
        accent: "#ffcc00"
        secondary: "#000000"
      contact: ring oss
      colour: "#123456"
"""


def test_every_bad_brand_value_is_reported_where_it_is_written(tmp_path):
    raw = {
        "logo": "assets/missing.svg",
        "favicon": "https://cdn.example.org/icon.png",
        "colors": {"primary": None, "accent": "#ffcc00", "secondary": "#000000"},
        "contact": "ring oss",
        "colour": "#123456",
    }
    assert brand_problems(tmp_path, BAD, raw) == [
        "organisation.yml:5: extra.leda.brand.logo: there is no file docs/assets/missing.svg; put the logo in docs/ and give its path relative to docs/ (like assets/brand/logo.svg), or fix the spelling",
        "organisation.yml:6: extra.leda.brand.favicon is 'https://cdn.example.org/icon.png'; Leda loads nothing from other sites, so put the file in docs/ (for example docs/assets/brand/favicon.svg) and write assets/brand/favicon.svg",
        'organisation.yml:8: extra.leda.brand.colors.primary is empty; write the colour in quotes, like primary: "#1d4f6e" (without quotes YAML reads # as the start of a comment)',
        "organisation.yml:9: extra.leda.brand.colors.accent #ffcc00 gives a contrast of only 1.3:1 with white text and on light backgrounds; WCAG AA needs 4.5:1, so choose a darker shade",
        "organisation.yml:10: unknown setting `secondary` in extra.leda.brand.colors; use primary, accent",
        "organisation.yml:11: extra.leda.brand.contact is 'ring oss'; write an e-mail address (like ledarskap@kommun.se) or a web address starting with https://",
        "organisation.yml:12: unknown setting `colour` in extra.leda.brand; did you mean `colors`?",
    ]


@pytest.mark.parametrize(
    ("color", "message"),
    [
        ("blue", "is 'blue', which is not a colour; write it as a hex code in quotes"),
        ("#12345", "is '#12345', which is not a colour"),
        ("#0b6", "#0b6 gives a contrast of only 2.1:1"),
    ],
)
def test_a_colour_must_be_a_dark_enough_hex_code(tmp_path, color, message):
    text = f'INHERIT: mkdocs.yml\nextra:\n  leda:\n    brand:\n      colors:\n        primary: "{color}"\n'
    [problem] = brand_problems(tmp_path, text, {"colors": {"primary": color}})
    assert problem.startswith("organisation.yml:6: extra.leda.brand.colors.primary ")
    assert message in problem


@pytest.mark.parametrize("color", ["#808080", "#c05a1f", "#3a7ca5"])
def test_a_colour_between_3_and_4_5_to_1_is_refused(tmp_path, color):
    # AA for large text (3:1) is not enough: links and button labels are normal text.
    # #3a7ca5 passes on white (4.6:1) and fails only on Leda's tinted backgrounds.
    assert 3 <= PALETTE.worst_contrast(color) < 4.5
    for key in ("primary", "accent"):
        text = f'INHERIT: mkdocs.yml\nextra:\n  leda:\n    brand:\n      colors:\n        {key}: "{color}"\n'
        [problem] = brand_problems(tmp_path, text, {"colors": {key: color}})
        assert problem.startswith(f"organisation.yml:6: extra.leda.brand.colors.{key} {color} ")
        assert "WCAG AA needs 4.5:1" in problem


def test_a_colour_of_4_5_to_1_is_accepted(tmp_path):
    files = settings(tmp_path, "INHERIT: mkdocs.yml\n")
    assert 4.5 <= PALETTE.worst_contrast("#6a6a6a") < 4.6
    brand = check_brand(
        {"colors": {"primary": "#6a6a6a", "accent": "#6A6A6A"}},
        tmp_path / "docs",
        ("sv", "en"),
        files,
        PALETTE,
    )
    assert (brand.primary, brand.accent) == ("#6a6a6a", "#6a6a6a")


def test_the_colours_are_checked_on_the_backgrounds_leda_css_declares(tmp_path):
    # Without a palette check_brand reads leda.css in docs/: a darker tint there
    # makes a colour that passes on Leda's own backgrounds fail.
    files = settings(tmp_path, "INHERIT: mkdocs.yml\n")
    css = (ROOT / "docs" / CSS_FILE).read_text(encoding="utf-8")
    (tmp_path / "docs" / CSS_FILE).parent.mkdir(parents=True)
    (tmp_path / "docs" / CSS_FILE).write_text(css, encoding="utf-8")
    raw = {"colors": {"primary": "#2e6f95"}}  # 4.6:1 on Leda's backgrounds
    assert check_brand(raw, tmp_path / "docs", ("sv", "en"), files).primary == "#2e6f95"
    darker = css.replace("--leda-bg-muted: #f4f4f4;", "--leda-bg-muted: #dddddd;")
    assert darker != css
    (tmp_path / "docs" / CSS_FILE).write_text(darker, encoding="utf-8")
    with pytest.raises(SettingsError) as err:
        check_brand(raw, tmp_path / "docs", ("sv", "en"), files)
    assert "#2e6f95 gives a contrast of only 4.0:1" in str(err.value)


def test_leda_css_paints_only_the_backgrounds_the_check_knows():
    """The one source: every tint leda.css, and the course pages' own CSS that was split
    from it, give text is a --leda-bg-* of leda.css's :root block. (The tools' files,
    gym, learning-groups, timer and scorm.css, draw on Material's page colour or their own.)"""
    css = (ROOT / "docs" / CSS_FILE).read_text(encoding="utf-8")
    root_end = css.index("}", css.index(":root")) + 1
    folder = (ROOT / "docs" / CSS_FILE).parent
    pages = ("quiz.css", "composer.css", "home.css", "record.css")
    others = [(folder / name).read_text(encoding="utf-8") for name in pages]
    rules = re.sub(r"/\*.*?\*/", "", "\n".join([css[root_end:], *others]), flags=re.S)
    values = re.findall(r"background(?:-color)?\s*:\s*([^;}]+)", rules)
    assert len(values) >= 10
    used = set()
    for value in values:
        value = value.strip()
        var = re.fullmatch(r"var\((--leda-bg-[\w-]+)\)", value)
        if var:
            used.add(var[1])
        else:
            assert value in ("#fff", "#ffffff", "none", "transparent"), value
    assert used == set(PALETTE.backgrounds)  # every declared tint is used, none is missing
    assert len(PALETTE.text_backgrounds) == len(PALETTE.backgrounds) + 1  # and white
    # Leda's own colours pass the check an organisation's must pass.
    for color in (PALETTE.primary, PALETTE.accent):
        assert PALETTE.worst_contrast(color) >= 4.5, color
    assert (PALETTE.primary, PALETTE.accent) == ("#1d4f6e", "#8a3b12")  # as mkdocs.yml says


def test_a_setting_not_in_the_overlay_is_found_in_the_file_it_inherits(tmp_path):
    files = settings(tmp_path, "INHERIT: mkdocs.yml\nsite_url: https://x.se/\n")
    assert files.where("site_url") == ("organisation.yml", 2)
    assert files.where("extra", "leda") == ("mkdocs.yml", 3)
    assert files.where("extra", "leda", "brand", "logo") == ("mkdocs.yml", 3)  # nearest parent


def course() -> Course:
    def module(mid, track, order):
        return Module(id=mid, track=track, order=order, minutes=20, exercises=[])

    tracks = [Track("trust", {}), Track("performance", {}), Track("learning", {})]
    modules = [
        module("trust-a", "trust", 1),
        module("trust-b", "trust", 2),
        module("perf-a", "performance", 1),
        module("learn-a", "learning", 1),
    ]
    return Course(("sv", "en"), tracks, {m.id: m for m in modules})


def test_publishing_by_track_by_module_or_both():
    full = course()
    by_track = select(full, Selection(tracks=["trust"]))
    assert sorted(by_track.modules) == ["trust-a", "trust-b"]
    assert [t.id for t in by_track.tracks] == ["trust"]
    by_module = select(full, Selection(modules=["trust-b", "learn-a"]))
    assert sorted(by_module.modules) == ["learn-a", "trust-b"]
    assert [t.id for t in by_module.tracks] == ["trust", "learning"]  # tracks that have some
    both = select(full, Selection(tracks=["trust", "learning"], modules=["trust-a"]))
    assert sorted(both.modules) == ["trust-a"]
    assert [t.id for t in both.tracks] == ["trust", "learning"]
    assert sorted(full.modules) == ["learn-a", "perf-a", "trust-a", "trust-b"]  # untouched
    assert select(full, Selection()).modules == full.modules


def test_unknown_tracks_and_modules_are_reported_with_a_guess(tmp_path):
    files = settings(
        tmp_path,
        "INHERIT: mkdocs.yml\nextra:\n  leda:\n    publish:\n      tracks: [trust, learnin]\n"
        "      modules:\n        - trust-a\n        - trust-c\n        - perf-a\n        - trust-a\n"
        "      exclude: [x]\n",
    )
    raw = {
        "tracks": ["trust", "learnin"],
        "modules": ["trust-a", "trust-c", "perf-a", "trust-a"],
        "exclude": ["x"],
    }
    with pytest.raises(SettingsError) as err:
        check_publish(raw, course(), files)
    assert [str(p) for p in err.value.problems] == [
        "organisation.yml:5: unknown track 'learnin' in extra.leda.publish.tracks; did you mean 'learning'? use one of the ids under extra.leda.tracks: trust, performance, learning",
        "organisation.yml:8: unknown module 'trust-c' in extra.leda.publish.modules; did you mean 'trust-b'? use one of the file names in docs/modules/: learn-a, perf-a, trust-a, trust-b",
        "organisation.yml:9: module 'perf-a' is in track 'performance', which extra.leda.publish.tracks leaves out; add 'performance' to the tracks or take the module off the list",
        "organisation.yml:10: module 'trust-a' is listed twice in extra.leda.publish.modules",
        "organisation.yml:11: unknown setting `exclude` in extra.leda.publish; use tracks, modules",
    ]
    assert str(err.value).startswith("Leda found 5 problems in the site's settings:\n")


# --- A sample organisation's build -------------------------------------------------------


@pytest.fixture(scope="module")
def org_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("organisation")
    project = make_project(tmp, fixture=None, real_content=True)
    brand = project / "docs" / "assets" / "brand"
    brand.mkdir(parents=True)
    (brand / "logo.svg").write_text(LOGO, encoding="utf-8")
    (brand / "icon.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (project / "organisation.yml").write_text(ORGANISATION, encoding="utf-8")
    build = run_build(project, tmp / "site", config="organisation.yml")
    assert build.code == 0, build.log
    return build


@pytest.mark.parametrize(("lang", "prefix"), [("sv", ""), ("en", "en/")])
def test_the_organisation_site_carries_its_name_logo_colours_and_contact(org_site, lang, prefix):
    name = {"sv": "Ledarskap i Exempelby", "en": "Leadership in Exempelby"}[lang]
    for path in (f"{prefix}index.html", f"{prefix}modules/from-control-to-trust/index.html"):
        html = org_site.html(path)
        found = tags(html)
        assert re.search(rf"<title>[^<]* - {name}</title>", html), path
        assert f'aria-label="{name}"' in html and 'aria-label="Leda"' not in html
        logo = next(t for t in found if t.name == "img" and t.inside("md-logo"))
        assert logo.attrs["src"].endswith("assets/brand/logo.svg")
        icon = next(t for t in found if t.name == "link" and t.attrs.get("rel") == "icon")
        assert icon.attrs["href"].endswith("assets/brand/icon.png")
        css = [
            t.attrs["href"]
            for t in found
            if t.name == "link" and "stylesheet" in t.attrs.get("rel", "")
        ]
        assert css[-1].endswith("assets/leda/brand.css")  # after leda.css: its colours win
        contact = next(t for t in found if t.name == "a" and t.inside("leda-contact"))
        assert contact.attrs["href"] == "mailto:ledarskap@exempelby.se"
        assert "Exempelby kommun" in html  # the copyright line
    assert ("Kontakt:" if lang == "sv" else "Contact:") in org_site.html(f"{prefix}index.html")
    css = (org_site.site / "assets" / "leda" / "brand.css").read_text(encoding="utf-8")
    css = css.replace(" ", "")  # minified in the built site (hooks/minify.py)
    assert "--md-primary-fg-color:#5b2a86;" in css and "--md-accent-fg-color:#0b6e4f;" in css
    sitemap = org_site.html("sitemap.xml")
    assert "https://ledarskap.exempelby.se/en/modules/from-control-to-trust/" in sitemap


@pytest.mark.parametrize(("lang", "prefix"), [("sv", ""), ("en", "en/")])
def test_left_out_modules_are_nowhere_in_either_language(org_site, lang, prefix):
    site = org_site.site
    for module in KEPT:
        assert (site / prefix / "modules" / module / "index.html").exists()
        assert (site / prefix / "modules" / module / "quiz" / "index.html").exists()
    for module in LEFT_OUT:
        assert not (site / prefix / "modules" / module).exists(), module
    # No page links to them: navigation, course overview, glossary, plans.
    for path in pages(site):
        for tag in tags(path.read_text(encoding="utf-8")):
            href = tag.attrs.get("href", "")
            assert not any(f"modules/{m}/" in href for m in LEFT_OUT), (path, href)
    overview = org_site.html(f"{prefix}course/index.html")
    shown = {t.attrs["data-leda-module"] for t in tags(overview) if "data-leda-module" in t.attrs}
    assert shown == set(KEPT)
    tracks = {t.attrs["id"] for t in tags(overview) if t.attrs.get("id", "").startswith("track-")}
    assert tracks == {"track-trust", "track-learning"}
    index = json.loads((site / prefix / "search" / "search_index.json").read_text("utf-8"))
    locations = {d["location"].split("#")[0] for d in index["docs"]}
    assert f"modules/{KEPT[0]}/" in locations
    assert not [loc for loc in locations if any(m in loc for m in LEFT_OUT)]
    sitemap = org_site.html("sitemap.xml")
    assert not [m for m in LEFT_OUT if f"/modules/{m}/" in sitemap]
    # A plan built on a left-out module is left out too; the others stay.
    assert not (site / prefix / "plans" / "hidden-potential-120").exists()
    assert (site / prefix / "plans" / "control-to-trust-90" / "index.html").exists()


def test_a_link_to_a_left_out_module_becomes_plain_text(org_site):
    glossary = org_site.html("glossary/index.html")
    assert "Prestationsmiljöer" in glossary  # the link's text is still there
    assert "performance-environments" not in glossary


# --- Bad settings stop the build -------------------------------------------------------


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        (
            "    brand:\n      logo: assets/brand/nope.svg\n",
            "organisation.yml:5: extra.leda.brand.logo: there is no file docs/assets/brand/nope.svg",
        ),
        (
            '    brand:\n      colors:\n        primary: "navy"\n',
            "organisation.yml:6: extra.leda.brand.colors.primary is 'navy', which is not a colour",
        ),
        (
            '    brand:\n      colors:\n        accent: "#f7c948"\n',
            "organisation.yml:6: extra.leda.brand.colors.accent #f7c948 gives a contrast of only",
        ),
        (
            "    publish:\n      modules: [sample-trust, sample-trusst]\n",
            "organisation.yml:5: unknown module 'sample-trusst' in extra.leda.publish.modules; "
            "did you mean 'sample-trust'?",
        ),
        (
            "    publish:\n      tracks: [tillit]\n",
            "organisation.yml:5: unknown track 'tillit' in extra.leda.publish.tracks",
        ),
    ],
    ids=["logo", "colour", "contrast", "module", "track"],
)
def test_a_bad_setting_stops_the_build_with_its_message(tmp_path, setting, message):
    project = make_project(tmp_path)
    (project / "organisation.yml").write_text(
        "INHERIT: mkdocs.yml\nextra:\n  leda:\n" + setting, encoding="utf-8"
    )
    build = run_build(project, tmp_path / "site", config="organisation.yml")
    assert build.code != 0
    assert "Leda found 1 problem in the site's settings:" in build.log
    assert message in build.log, build.log


def test_a_track_problem_stops_the_build_at_its_line_in_organisation_yml(tmp_path):
    project = make_project(tmp_path)
    (project / "organisation.yml").write_text(
        "INHERIT: mkdocs.yml\nextra:\n  leda:\n    tracks:\n"
        "      - id: trust\n        title: {sv: Tillit, en: Trust}\n"
        "      - id: learning\n        title: {sv: Lärande}\n",
        encoding="utf-8",
    )
    build = run_build(project, tmp_path / "site", config="organisation.yml")
    assert build.code != 0
    assert "Leda found 1 problem in the course files:" in build.log
    assert "organisation.yml:8: track 'learning' has no title in en" in build.log, build.log


def test_the_example_organisation_file_builds(tmp_path):
    root = Path(__file__).resolve().parent.parent
    project = make_project(tmp_path)
    (project / "organisation.yml").write_text(
        (root / "organisation.example.yml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    build = run_build(project, tmp_path / "site", config="organisation.yml")
    assert build.code == 0, build.log
    assert "Ledarskap i Exempelby kommun" in build.html("index.html")


def test_the_workflow_can_give_the_site_its_github_pages_address(tmp_path):
    project = make_project(tmp_path)
    env = {"LEDA_SITE_URL": "https://exempelby.github.io/ledarskap"}
    build = run_build(project, tmp_path / "site", env=env)
    assert build.code == 0, build.log
    sitemap = build.html("sitemap.xml")
    assert "<loc>https://exempelby.github.io/ledarskap/en/</loc>" in sitemap
    assert "leda.example.org" not in sitemap
    bad = run_build(project, tmp_path / "bad", env={"LEDA_SITE_URL": "exempelby.github.io"})
    assert bad.code != 0
    assert (
        "the environment variable LEDA_SITE_URL:1: is 'exempelby.github.io'; "
        "write the site's address, like https://ledarskap.kommun.se/"
    ) in bad.log
