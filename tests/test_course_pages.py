"""Module pages and the course overview, generated from the modules' front matter."""

from __future__ import annotations

from htmlscan import pages, tags


def test_overview_lists_modules_by_track_from_front_matter(fixture_site):
    html = fixture_site.html("course/index.html")
    found = tags(html)
    tracks = [
        t.attrs["id"]
        for t in found
        if t.name == "h2" and t.attrs.get("id", "").startswith("track-")
    ]
    assert tracks == ["track-trust", "track-performance", "track-learning", "track-customer"]
    cards = [
        t.attrs["data-leda-module"]
        for t in found
        if t.name == "li" and "data-leda-module" in t.attrs
    ]
    assert cards == ["sample-trust"]
    assert "Provmodul om tillit" in html and "15 minuter" in html and "3 övningar" in html
    assert "beskriva skillnaden mellan kontroll och tillit" in html  # objectives
    assert html.count("Inga moduler ännu.") == 3  # the fixture's other tracks are empty
    en = fixture_site.html("en/course/index.html")
    assert "Sample module on trust" in en and "15 minutes" in en and "No modules yet." in en


def test_navigation_has_a_section_per_track(fixture_site):
    html = fixture_site.html("index.html")
    nav = html[html.index("md-nav--primary") :]
    assert "Leda med tillit" in nav and "Provmodul om tillit" in nav


def test_module_page_has_header_exercises_facilitator_and_sources(fixture_site):
    for prefix, minutes, facilitator in (
        ("", "15 minuter", "För dig som leder"),
        ("en/", "15 minutes", "For facilitators"),
    ):
        html = fixture_site.html(f"{prefix}modules/sample-trust/index.html")
        found = tags(html)
        assert minutes in html
        exercises = [
            t.attrs["data-leda-exercise"] for t in found if "data-leda-exercise" in t.attrs
        ]
        assert exercises == ["trust-inventory", "trust-pair", "trust-group"]
        ids = {t.attrs.get("id") for t in found}
        assert {"trust-inventory", "trust-pair", "trust-group", "leda-sources"} <= ids
        assert any(
            t.name == "details" and "leda-facilitator" in t.attrs.get("class", "") for t in found
        )
        assert facilitator in html
        assert (
            "<cite>Chefer lär sig släppa kontrollen och leda med tillit</cite>, Kalmar kommunkoncern, 2022-02-18."
            in html
        )


def test_exercise_anchors_are_the_same_in_both_languages(real_site):
    site = real_site.site
    for path in pages(site):
        rel = path.relative_to(site).as_posix()
        if not rel.startswith("modules/"):
            continue
        sv = [
            t.attrs["data-leda-exercise"]
            for t in tags(path.read_text("utf-8"))
            if "data-leda-exercise" in t.attrs
        ]
        en = [
            t.attrs["data-leda-exercise"]
            for t in tags((site / "en" / rel).read_text("utf-8"))
            if "data-leda-exercise" in t.attrs
        ]
        assert sv == en, rel


def test_navigation_follows_the_pages_order(fixture_site):
    import re

    for prefix, expected in (
        (
            "",
            [  # a section per audience (tests/test_nav.py), the first label the section's
                "Kursen",
                "Välkommen till Leda",
                "Leda med tillit",
                "Provmodul om tillit",
                "Min dagbok",
                "För utbildare",
                "Workshopplaner",
                "Tillit på en timme",
                "Sätt ihop en workshop",
                "För organisationer",
                "Om Leda",
                "Om Leda och din integritet",
                "Tillgänglighetsredogörelse",
            ],
        ),
        (
            "en/",
            [
                "The course",
                "Welcome to Leda",
                "Leading with trust",
                "Sample module on trust",
                "My journal",
                "For trainers",
                "Workshop plans",
                "Trust in an hour",
                "Compose a workshop",
                "For organisations",
                "About Leda",
                "About Leda and your privacy",
                "Accessibility statement",
            ],
        ),
    ):
        html = fixture_site.html(f"{prefix}about/index.html")
        nav = html[html.index("md-nav--primary") : html.index("md-content")]
        labels = re.findall(r'<span class="md-ellipsis">\s*([^<]+?)\s*</span>', nav)
        positions = [labels.index(label) for label in expected]
        assert positions == sorted(positions), labels
