"""Quiz files become quiz pages in both languages; bad ones stop the build."""

from __future__ import annotations

import json

from conftest import make_project, run_build
from htmlscan import tags


def test_quiz_pages_exist_in_both_languages_with_the_right_structure(fixture_site):
    for lang, prefix in (("sv", ""), ("en", "en/")):
        html = fixture_site.html(f"{prefix}modules/sample-trust/quiz/index.html")
        found = [t for t in tags(html) if not t.inside("template")]  # inert: not on the page
        assert next(t for t in found if t.name == "html").attrs["lang"] == lang
        questions = [t for t in found if t.name == "li" and "data-question" in t.attrs]
        assert [q.attrs["data-question"] for q in questions] == [
            "trust-meaning",
            "trust-levels",
            "trust-budget",
        ]
        assert [q.attrs["data-type"] for q in questions] == ["single", "multiple", "scenario"]
        assert len([t for t in found if t.name == "fieldset"]) == 3
        assert len([t for t in found if t.name == "legend"]) == 3
        inputs = [t for t in found if t.name == "input" and t.inside("leda-options")]
        assert [i.attrs["type"] for i in inputs] == ["radio"] * 3 + ["checkbox"] * 3 + ["radio"] * 2
        labels = {t.attrs["for"] for t in found if t.name == "label"}
        assert all(i.attrs["id"] in labels for i in inputs)
        # every option has its feedback behind a <details>, readable without JavaScript
        assert len([t for t in found if t.name == "details" and "data-feedback" in t.attrs]) == 9
        assert any(t.name == "a" and t.attrs.get("href") == "../" for t in found)
        assert 'role="status"' in html and 'aria-live="polite"' in html
    sv = fixture_site.html("modules/sample-trust/quiz/index.html")
    en = fixture_site.html("en/modules/sample-trust/quiz/index.html")
    assert "Kunskapstest: Provmodul om tillit" in sv and "Rätt alternativ." in sv
    assert "Quiz: Sample module on trust" in en and "Right option." in en
    assert "Tillit kräver något av <em>både</em> chef och medarbetare." in sv


def test_module_page_links_to_its_quiz(fixture_site):
    for prefix in ("", "en/"):
        found = tags(fixture_site.html(f"{prefix}modules/sample-trust/index.html"))
        assert any(t.name == "a" and t.attrs.get("href") == "quiz/" for t in found)


def test_quiz_answers_and_feedback_stay_out_of_the_search_index(fixture_site):
    for path in ("search/search_index.json", "en/search/search_index.json"):
        index = (fixture_site.site / path).read_text(encoding="utf-8")
        for text in (
            "Ja, det går åt båda hållen",
            "Yes, it goes both ways",
            "Öppnar för egna lösningar",
        ):
            assert text not in index
        assert not any("quiz" in d["location"] for d in json.loads(index)["docs"])


def test_quiz_page_is_in_the_sitemap(fixture_site):
    sitemap = (fixture_site.site / "sitemap.xml").read_text(encoding="utf-8")
    assert "/modules/sample-trust/quiz/</loc>" in sitemap
    assert "/en/modules/sample-trust/quiz/</loc>" in sitemap


def test_a_bad_quiz_file_stops_the_build_naming_file_and_line(tmp_path):
    project = make_project(tmp_path)
    quiz = project / "quizzes" / "sample-trust.yml"
    quiz.write_text(
        quiz.read_text(encoding="utf-8").replace(
            "        correct: true\n", "        corect: true\n", 1
        ),
        encoding="utf-8",
    )
    build = run_build(project, tmp_path / "site")
    assert build.code != 0
    assert (
        "quizzes/sample-trust.yml:15: unknown key `corect` in option 'shared-responsibility'"
        in build.log
    )
    assert "did you mean `correct`?" in build.log
    assert (
        "quizzes/sample-trust.yml:8: question 'trust-meaning' is `single` but has 0 right options"
        in build.log
    )


def test_a_quiz_without_a_module_stops_the_build(tmp_path):
    project = make_project(tmp_path)
    (project / "quizzes" / "ghost.yml").write_text(
        (project / "quizzes" / "sample-trust.yml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    build = run_build(project, tmp_path / "site")
    assert build.code != 0
    assert (
        "quizzes/ghost.yml:1: quiz for module 'ghost', which does not exist in both languages"
        in build.log
    )


XSS = """\
questions:
  - id: xss
    type: single
    prompt:
      sv: "<script>window.pwned = 1</script> Vad gäller?"
      en: "<script>window.pwned = 1</script> What holds?"
    options:
      - id: a
        correct: true
        text:
          sv: '<img src=x onerror="window.pwned = 2">'
          en: '<img src=x onerror="window.pwned = 2">'
        feedback:
          sv: "[klicka](javascript:window.pwned=3)"
          en: "[click](javascript:window.pwned=3)"
      - id: b
        text:
          sv: '<a href="javascript:window.pwned=4">b</a>'
          en: '[b, the other one](JaVaScRiPt:window.pwned=4)'
        feedback:
          sv: '<svg onload="window.pwned=5"></svg>'
          en: '<iframe src="javascript:window.pwned=6"></iframe>'
"""


def test_html_and_script_links_in_quiz_text_cannot_run(tmp_path):
    project = make_project(tmp_path)
    (project / "quizzes" / "sample-trust.yml").write_text(XSS, encoding="utf-8")
    build = run_build(project, tmp_path / "site")
    assert build.code == 0, build.log
    for prefix in ("", "en/"):
        html = build.html(f"{prefix}modules/sample-trust/quiz/index.html")
        quiz = html[html.index('class="leda-quiz"') : html.index("leda-quiz__back")]
        found = tags(quiz)
        assert not [t for t in found if t.name in ("script", "img", "svg", "iframe")]
        assert not [t for t in found for a in t.attrs if a.startswith("on")]
        assert "javascript:" not in " ".join(v.lower() for t in found for v in t.attrs.values())
        assert "&lt;script&gt;window.pwned = 1&lt;/script&gt;" in quiz  # shown as text
