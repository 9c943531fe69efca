"""``./leda serve`` (tools/serve.py): edits take effect, and what it serves is a full build.

A real server on the fixture course: each test edits files as an author would,
waits for the reload the page's livereload script waits for, and compares what is
served with a full, separate build of the same files.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import make_project, run_build
from liveserve import LiveServe, strip_livereload

MODULE = "modules/sample-trust/"
SV_PAGE = Path("docs/modules/sample-trust.sv.md")


@pytest.fixture
def project(tmp_path) -> Path:
    return make_project(tmp_path)


def served_as_built(server: LiveServe, project: Path, tmp: Path) -> list[str]:
    """Every file a full build of ``project`` writes, compared with what ``server`` serves.

    The server's address is the site's address while serving (MkDocs sets
    ``site_url`` to it), so the full build is given it too.
    """
    copy = tmp / "copy"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(project, copy, ignore=shutil.ignore_patterns("__pycache__"))
    site = tmp / "full"
    shutil.rmtree(site, ignore_errors=True)
    build = run_build(copy, site, env={"LEDA_SITE_URL": server.url})
    assert build.code == 0, build.log
    differ = []
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        rel = path.relative_to(site).as_posix()
        if rel.endswith(".gz"):  # gzip headers carry the time they were written
            continue
        served = server.get(rel)
        if rel.endswith(".html"):
            served = strip_livereload(served)
        if served != path.read_bytes():
            differ.append(rel)
    return differ


def rebuilt(server: LiveServe) -> str:
    """The server's last summary line: how many pages it rebuilt and reused."""
    return [line for line in server.lines if "Rebuilt " in line][-1]


def test_an_edited_hook_takes_effect_on_the_next_rebuild(project):
    with LiveServe(project) as server:
        assert b"<!-- edited hook -->" not in server.get(MODULE)
        # A hook file (MkDocs would keep its first import) ...
        server.edit_and_wait(
            MODULE,
            project / "hooks" / "security.py",
            "    return add_policy(output)\n",
            '    return add_policy(output) + "<!-- edited hook -->"\n',
            shows="<!-- edited hook -->",
        )
        assert server.get(MODULE).count(b"<!-- edited hook -->") == 1
        # ... and the plain module it imports (hooks/leda stays imported otherwise).
        server.edit_and_wait(
            MODULE,
            project / "hooks" / "leda" / "csp.py",
            '"font-src": "\'self\'",',
            '"font-src": "\'self\' data:",',
            shows="font-src 'self' data:;",
        )
        assert b"font-src 'self' data:;" in server.get(MODULE)
        assert b"font-src 'self' data:;" in server.get("en/" + MODULE)


def test_what_is_served_after_each_edit_is_what_a_full_build_writes(project, tmp_path):
    page = project / SV_PAGE
    text = page.read_text(encoding="utf-8")
    body_line = next(
        line
        for line in text.split("---", 2)[2].splitlines()
        if len(line) > 40 and line[0].isalpha()
    )
    with LiveServe(project) as server:
        assert served_as_built(server, project, tmp_path) == []
        # A line of the module's text: only that page is rendered again.
        server.edit_and_wait(MODULE, page, body_line, body_line + " Ett tillägg.")
        assert "Rebuilt 1 pages" in rebuilt(server), server.log
        assert served_as_built(server, project, tmp_path) == []
        # Its title: the navigation of every page changes, so every page is rendered.
        title = next(line for line in text.splitlines() if line.startswith("title:"))
        server.edit_and_wait(
            MODULE, page, title, title + " i praktiken", shows="tillit i praktiken</h1>"
        )
        assert "reused 0" in rebuilt(server), server.log
        assert served_as_built(server, project, tmp_path) == []
        # Another page's title, shown in the navigation of every page (not a module's).
        server.edit_and_wait(
            "about/",
            project / "docs" / "about.sv.md",
            "title: Om Leda och din integritet",
            "title: Om Leda och ditt privatliv",
            shows="Om Leda och ditt privatliv",
        )
        assert b"Om Leda och ditt privatliv" in server.get(MODULE)
        assert served_as_built(server, project, tmp_path) == []
        # A template.
        server.edit_and_wait(
            MODULE,
            project / "overrides" / "leda-module.html",
            '<p class="leda-lede">',
            '<p class="leda-lede" data-edited>',
        )
        assert b"data-edited" in server.get("en/" + MODULE)
        assert served_as_built(server, project, tmp_path) == []


def test_lang_previews_the_default_language_alone(project, tmp_path):
    with LiveServe(project, "--lang", "sv") as server:
        full = run_build(project, tmp_path / "full", env={"LEDA_SITE_URL": server.url})
        assert full.code == 0, full.log
        assert strip_livereload(server.get(MODULE)) == full.html(MODULE + "index.html").encode()
        with pytest.raises(OSError, match="404"):
            server.get("en/" + MODULE)


def test_lang_refuses_a_language_it_cannot_preview_alone(project):
    with pytest.raises(RuntimeError, match=r"only the default language \(sv\) is previewed alone"):
        LiveServe(project, "--lang", "en", timeout=120)


def test_compiled_templates_are_kept_apart_for_environments_with_other_filters():
    """The module blocks' environment and the pages' both render partials such as the
    agenda; a filter that takes the context in one of them (leda_url) is compiled
    differently, so their compiled code must not be shared (it once broke ./leda serve
    on the plan pages)."""
    import importlib.util

    from conftest import ROOT
    from jinja2 import DictLoader, Environment, pass_context

    spec = importlib.util.spec_from_file_location("leda_serve", ROOT / "tools" / "serve.py")
    serve = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(serve)
    cache = serve.TemplateCache()
    source = "{{ 'a/' | leda_url }}"
    plain = Environment(loader=DictLoader({"t.html": source}), bytecode_cache=cache)
    plain.filters["leda_url"] = lambda path: "plain:" + path
    paged = Environment(loader=DictLoader({"t.html": source}), bytecode_cache=cache)
    paged.filters["leda_url"] = pass_context(lambda context, path: "page:" + path)
    assert plain.get_template("t.html").render() == "plain:a/"
    assert paged.get_template("t.html").render() == "page:a/"
