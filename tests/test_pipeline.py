"""The build pipeline: the table in hooks/leda/__init__.py is the hooks', and its parts.

The table is checked against the hook files mkdocs.yml lists (events, priorities,
order); hook files hold only typed events; only hooks/leda/adapter.py knows MkDocs;
the build's state begins and ends with each language's build; and the logic the
hooks call (navigation, languages, the published selection, pages, interface text)
is tested here on plain data.
"""

from __future__ import annotations

import ast
import importlib.util
import json
import re
import shutil
from pathlib import Path
from types import SimpleNamespace

import leda
import pytest
from conftest import CONFIG, FIXTURES, LANGUAGES, ROOT
from jinja2 import DictLoader, Environment, FileSystemLoader
from leda.course import Course, Module, Track
from leda.languages import alternates, split_search_index, write_search_index
from leda.pages import context, guide_pages, module_id, plan_id, quiz_pages, template
from leda.publish import LeftOut, is_left_out, left_out, unlink
from leda.site import SiteInputs, load_site
from leda.state import STATE, BuildState, Settings, StageError
from leda.strings import Strings, TextError, fill, load_strings
from leda.templates import install

HOOKS = ROOT / "hooks"
# The order in which MkDocs runs the events Leda's hooks use (mkdocs/commands/build.py).
EVENTS = [
    "on_config",
    "on_pre_build",
    "on_files",
    "on_nav",
    "on_page_markdown",
    "on_page_content",
    "on_env",
    "on_post_template",
    "on_page_context",
    "on_post_page",
    "on_post_build",
]
ROW = re.compile(r"^(on_\w+)\s+(-?\d+)\s+(\S+)\s+(\S.*)$")


def table() -> list[tuple[str, int, str]]:
    rows = [ROW.match(line) for line in leda.__doc__.splitlines()]
    return [(m[1], int(m[2]), m[3]) for m in rows if m]


def hook_modules() -> list[tuple[str, object]]:
    out = []
    for path in CONFIG["hooks"]:
        spec = importlib.util.spec_from_file_location(f"leda_test_{Path(path).stem}", ROOT / path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        out.append((Path(path).name, module))
    return out


def test_the_pipeline_table_is_the_hooks_events_in_the_order_mkdocs_runs_them():
    found = []
    for index, (name, module) in enumerate(hook_modules()):
        for event in EVENTS:
            function = getattr(module, event, None)
            if function is not None:
                found.append((event, getattr(function, "mkdocs_priority", 0), name, index))
    assert len(found) >= 20
    found.sort(key=lambda e: (EVENTS.index(e[0]), -e[1], e[3]))  # as MkDocs orders them
    ours = [row for row in table() if row[2].endswith(".py")]
    assert ours == [(event, priority, name) for event, priority, name, _ in found]
    defined = {
        e
        for _, m in hook_modules()
        for e in dir(m)
        if e.startswith("on_") and callable(getattr(m, e))
    }
    assert defined <= set(EVENTS)  # no event the table does not place


def test_the_plugin_rows_have_the_plugins_priorities():
    from mkdocs_static_i18n.plugin import I18n

    plugin_rows = [row for row in table() if row[2] == "(mkdocs-static-i18n)"]
    assert len(plugin_rows) >= 4
    for event, priority, _ in plugin_rows:
        assert getattr(getattr(I18n, event), "mkdocs_priority", 0) == priority, event


def test_few_priorities_each_explained():
    decorated = [row for row in table() if row[2].endswith(".py") and row[1] != 0]
    assert len(decorated) <= 7
    why = leda.__doc__.split("Why these priorities", 1)[1]
    for event, priority, _ in decorated:
        assert f"{event} {priority}" in why, (event, priority)


def test_hook_files_hold_only_typed_events():
    for path in CONFIG["hooks"]:
        tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, ast.Import | ast.ImportFrom):
                continue
            if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
                continue  # the docstring
            assert isinstance(node, ast.FunctionDef), f"{path}:{node.lineno}: only events here"
            assert node.name.startswith("on_"), f"{path}:{node.lineno}: {node.name}"
            arguments = node.args.args
            assert node.returns is not None and all(a.annotation for a in arguments), node.name
            assert len(node.body) <= 12, f"{path}: {node.name} is not thin"


def test_only_the_adapter_imports_mkdocs():
    importers = set()
    for path in sorted((HOOKS / "leda").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom) and not node.level
                else []
            )
            if any(n == "mkdocs" or n.startswith(("mkdocs.", "material")) for n in names):
                importers.add(path.name)
    assert importers == {"adapter.py"}


# --- The build's state -------------------------------------------------------------------


def env() -> Environment:
    return Environment(loader=FileSystemLoader(str(ROOT / "overrides")))


def settings(lang: str, root: Path = ROOT) -> Settings:
    return Settings(
        lang=lang,
        languages=LANGUAGES,
        root=root,
        docs_dir=root / "docs",
        config_file=root / "mkdocs.yml",
        leda=CONFIG["extra"]["leda"],
        names={"sv": "Svenska", "en": "English"},
    )


def test_each_language_build_begins_fresh_and_the_outer_one_is_current_again():
    state = BuildState()
    with pytest.raises(StageError, match="no build under way"):
        state.current  # noqa: B018
    default, other = LANGUAGES[0], LANGUAGES[1]
    outer = state.begin(settings(default), env())
    assert state.current is outer and outer.strings["language"] == default
    with pytest.raises(StageError, match="course is not loaded"):
        outer.site  # noqa: B018
    outer.left_out_urls.add("modules/x/")
    inner = state.begin(settings(other), env())  # inside the default one's on_post_build
    assert state.current is inner and inner.left_out_urls == set()
    assert inner.strings["language"] == other and inner.strings_of[default] == outer.strings
    assert state.end() is inner
    assert state.current is outer  # its own post-build goes on
    # A failed build never ended: the next default-language build starts clean.
    state.begin(settings(other), env())
    fresh = state.begin(settings(default), env())
    assert state.end() is fresh
    with pytest.raises(StageError):
        state.end()


def test_the_hooks_share_one_state():
    from leda import state

    assert state.STATE is STATE and isinstance(STATE, BuildState)


def test_the_site_loads_as_one_function_of_the_files(tmp_path):
    shutil.copytree(FIXTURES / "course", tmp_path, dirs_exist_ok=True)
    for lang in LANGUAGES:
        (tmp_path / "docs" / f"index.{lang}.md").write_text("# Hi\n", encoding="utf-8")
    inputs = SiteInputs(
        root=tmp_path,
        docs_dir=tmp_path / "docs",
        languages=LANGUAGES,
        tracks=CONFIG["extra"]["leda"]["tracks"],
        publish={"tracks": ["learning"]},  # sample-trust is in "trust"
    )
    site = load_site(inputs)
    assert sorted(site.full.modules) == ["sample-trust"] and site.course.modules == {}
    assert site.left_out == LeftOut(modules={"sample-trust"}, plans={"trust-60"})
    assert site.plans == {}  # the plan uses the left-out module
    whole = load_site(SiteInputs(tmp_path, tmp_path / "docs", LANGUAGES, inputs.tracks))
    assert sorted(whole.course.modules) == ["sample-trust"] and list(whole.plans) == ["trust-60"]


# --- A small course ----------------------------------------------------------------------


def course(*modules: tuple[str, str, int]) -> Course:
    tracks = [Track("trust", {"sv": "Tillit"}), Track("growth", {"sv": "Växt"})]
    return Course(
        ("sv",),
        tracks,
        {m: Module(id=m, track=t, order=o, minutes=20, exercises=[]) for m, t, o in modules},
    )


# --- Languages ---------------------------------------------------------------------------


def test_alternates_are_the_same_path_in_every_language():
    names = {"sv": "Svenska", "en": "English"}
    found = alternates("en/modules/x/", ("sv", "en"), names, "https://l.se/kurs/", "en")
    assert found == [
        {
            "lang": "sv",
            "name": "Svenska",
            "url": "modules/x/",
            "href": "https://l.se/kurs/modules/x/",
            "current": False,
        },
        {
            "lang": "en",
            "name": "English",
            "url": "en/modules/x/",
            "href": "https://l.se/kurs/en/modules/x/",
            "current": True,
        },
    ]
    home = alternates("", ("sv", "en"), {}, None, "sv")
    assert [(a["url"], a["href"], a["name"]) for a in home] == [
        (".", "/", "sv"),
        ("en/", "/en/", "en"),
    ]
    assert alternates("enkel/", ("sv", "en"), {}, None, "sv")[1]["url"] == "en/enkel/"


INDEX = {
    "config": {"lang": ["sv", "en"], "separator": "x"},
    "docs": [
        {"location": "", "title": "Hem"},
        {"location": "about/", "title": "Om"},
        {"location": "en/", "title": "Home"},
        {"location": "en/about/#x", "title": "About"},
        {"location": "english/", "title": "Ett svenskt ord"},
    ],
}


def test_the_search_index_is_split_by_language():
    sv = split_search_index(INDEX, "sv", ("sv", "en"))
    en = split_search_index(INDEX, "en", ("sv", "en"))
    assert [d["title"] for d in sv["docs"]] == ["Hem", "Om", "Ett svenskt ord"]
    assert [(d["location"], d["title"]) for d in en["docs"]] == [
        ("", "Home"),
        ("about/#x", "About"),
    ]
    assert sv["config"] == {"lang": ["sv"], "separator": "x"} and en["config"]["lang"] == ["en"]
    assert len(INDEX["docs"]) == 5 and INDEX["config"]["lang"] == ["sv", "en"]  # untouched


def test_each_language_gets_its_index_file_and_the_offline_copy_a_script(tmp_path):
    (tmp_path / "search").mkdir()
    (tmp_path / "search" / "search_index.json").write_text(json.dumps(INDEX), encoding="utf-8")
    target = write_search_index(tmp_path, "en", ("sv", "en"), script=True)
    assert target == tmp_path / "en" / "search" / "search_index.json"
    assert len(json.loads(target.read_text(encoding="utf-8"))["docs"]) == 2
    script = (tmp_path / "en" / "search" / "search_index.js").read_text(encoding="utf-8")
    assert script == "var __index = " + target.read_text(encoding="utf-8")
    write_search_index(tmp_path, "sv", ("sv", "en"))
    assert len(json.loads((tmp_path / "search" / "search_index.json").read_text())["docs"]) == 3
    assert not (tmp_path / "search" / "search_index.js").exists()
    assert write_search_index(tmp_path / "none", "sv", ("sv", "en")) is None


# --- The published selection -------------------------------------------------------------


def test_left_out_modules_their_plans_and_their_files():
    full = course(("t1", "trust", 1), ("g1", "growth", 1))
    published = course(("t1", "trust", 1))
    plans = {
        "uses-g1": SimpleNamespace(exercises=[SimpleNamespace(module="g1")]),
        "uses-t1": SimpleNamespace(exercises=[SimpleNamespace(module="t1")]),
    }
    gone = left_out(full, published, plans)
    assert gone == LeftOut(modules={"g1"}, plans={"uses-g1"})
    assert is_left_out("modules/g1.en.md", gone) and is_left_out("plans/uses-g1.sv.md", gone)
    for kept in ("modules/t1.sv.md", "plans/uses-t1.sv.md", "modules/g1/quiz.sv.md", "g1.sv.md"):
        assert not is_left_out(kept, gone), kept


def test_links_to_left_out_pages_become_their_text():
    html = (
        '<p><a href="../modules/g1/#ex">Växt</a>, <a class="x" href="../modules/t1/">Tillit</a>'
        ' och <a href="https://example.org/modules/g1/">där</a></p>'
    )
    assert unlink(html, "glossary/", {"modules/g1/"}) == (
        '<p>Växt, <a class="x" href="../modules/t1/">Tillit</a>'
        ' och <a href="https://example.org/modules/g1/">där</a></p>'
    )
    assert unlink(html, "glossary/", set()) == html
    assert unlink('<a href="g1/">x</a>', "en/modules/", {"en/modules/g1/"}) == "x"


# --- Pages -------------------------------------------------------------------------------


def test_pages_are_known_by_their_source_path():
    assert module_id("modules/x.sv.md") == "x" and module_id("modules/x/quiz.sv.md") is None
    assert module_id("x.sv.md") is None and plan_id("plans/p.en.md") == "p"
    assert template("modules/x.sv.md") == "leda-module.html"
    assert template("plans/index.sv.md") == "leda-plans.html"
    assert template("plans/p.sv.md") == "leda-plan.html" and template("about.sv.md") is None


def test_the_leda_context_of_each_kind_of_page(tmp_path):
    shutil.copytree(FIXTURES / "course", tmp_path, dirs_exist_ok=True)
    for lang in LANGUAGES:
        (tmp_path / "docs" / f"index.{lang}.md").write_text("# Hi\n", encoding="utf-8")
    site = load_site(
        SiteInputs(tmp_path, tmp_path / "docs", LANGUAGES, CONFIG["extra"]["leda"]["tracks"])
    )
    module = site.course.modules["sample-trust"]
    plain = context(site, "en", "about.en.md", {})
    assert plain == {"course": site.course, "lang": "en", "module": None}
    assert (
        context(site, "sv", "modules/sample-trust.sv.md", {"id": "sample-trust"})["module"]
        is module
    )
    quiz = context(site, "sv", "modules/sample-trust/quiz.sv.md", {"leda_quiz": "sample-trust"})
    assert quiz["module"] is module and quiz["quiz"] is module.quiz
    guide = context(site, "sv", "modules/sample-trust/guide.sv.md", {"leda_guide": "sample-trust"})
    assert guide["module"] is module  # its runs are its own (module.runs), none generated
    plan = context(site, "sv", "plans/trust-60.sv.md", {})
    assert plan["plan"] is site.plans["trust-60"] and plan["agenda"][0].start == "13:00"
    assert "plan" not in context(site, "sv", "plans/index.sv.md", {})
    t = Strings("en", {"quiz.title": "Quiz: {title}", "guide.title": "Guide: {title}"})
    [quiz_page] = quiz_pages(site.course, "en", t)
    assert quiz_page.path == "modules/sample-trust/quiz"
    assert quiz_page.front == (
        'title: "Quiz: Sample module on trust"\ntemplate: leda-quiz.html\n'
        "leda_quiz: sample-trust\nsearch:\n  exclude: true\n"
    )
    [guide_page] = guide_pages(site.course, "en", t)
    assert guide_page.body == module.text["en"].facilitator + "\n"
    assert guide_page.front.startswith('title: "Guide: Sample module on trust"\n')


# --- Interface text ----------------------------------------------------------------------


def test_fill_replaces_every_placeholder_and_nothing_else():
    assert fill("Fråga {n} av {total}", n=2, total=6) == "Fråga 2 av 6"
    assert fill("{n} + {n}", n=1) == "1 + 1"
    assert fill("Inga", **{}) == "Inga"
    with pytest.raises(TextError, match=r"placeholders \['n', 'total'\] but was given \['n'\]"):
        fill("Fråga {n} av {total}", n=2)
    with pytest.raises(TextError):
        fill("{n} minuter", minutes=3)


def test_an_unknown_text_stops_the_build_instead_of_printing_nothing():
    t = load_strings(env(), LANGUAGES[0])
    assert t["quiz.check"] and t.get("no.such.key") is None
    with pytest.raises(TextError, match=r"unknown interface text 'no\.such\.key'"):
        env().from_string('{{ t["no.such.key"] }}').render(t=t)
    with pytest.raises(TextError, match=r"t\[\"key\"\], not t\.t"):
        env().from_string('{{ t.t("quiz.check") }}').render(t=t)


def test_every_template_gets_the_same_text_object_and_the_fill_filter():
    templates = Environment(
        loader=DictLoader(
            {
                "page.html": '{{ t["course.minutes"] | fill(n=5) }}|{% include "part.html" %}',
                "part.html": '{{ t["course.empty"] }}|{{ leda_languages | map(attribute="code") | join(",") }}',
            }
        )
    )
    build = STATE.begin(settings(LANGUAGES[0]), env())
    try:
        install(templates, build, "https://l.se/")
        assert templates.globals["t"] is build.strings is build.env.globals["t"]
        sv = build.strings
        assert templates.get_template("page.html").render() == (
            f"{fill(sv['course.minutes'], n=5)}|{sv['course.empty']}|{','.join(LANGUAGES)}"
        )
        assert templates.globals["leda_alternates"]("en/x/")[0]["href"] == "https://l.se/x/"
    finally:
        STATE.end()
