"""Shared fixtures: build sites with the real hooks and templates, serve them, drive Chromium."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# The engine builds run with (`./leda test` sets it; pyproject.toml's [tool.leda] engine).
ENGINE = os.environ.get("LEDA_ENGINE", "properdocs")
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def load_config(path: Path = ROOT / "mkdocs.yml") -> dict:
    """A configuration file as MkDocs reads it (``INHERIT``, ``!ENV``)."""
    from leda.adapter import load_config as load

    return load(path)


CONFIG = load_config()
LANGUAGES = tuple(CONFIG["extra"]["leda"]["languages"])  # the site's, the default first


@dataclass
class Build:
    code: int
    log: str
    site: Path

    def html(self, path: str) -> str:
        return (self.site / path).read_text(encoding="utf-8")


# --- Markers: unit, build, browser -----------------------------------------------------
#
# Every test gets one, from what it uses (pyproject.toml registers them), so
# ``./leda test -m unit`` runs in seconds:
#   browser  it drives Chromium (the `browser` fixture, also through `tab` and others);
#   build    it builds a site (run_build, make_project, real_site, fixture_site, also
#            through a fixture or a helper of its module that uses them);
#   unit     everything else.
# A marker written on a test must agree. run_build refuses to run for a unit test.

MARKERS = ("unit", "build", "browser")
BUILD_NAMES = {"run_build", "make_project", "real_site", "fixture_site"}


def _code_names(code, seen: set) -> set[str]:
    """The global names ``code`` uses, with those of the code nested in it."""
    if code in seen:
        return set()
    seen.add(code)
    names = set(code.co_names)
    for const in code.co_consts:
        if hasattr(const, "co_names"):
            names |= _code_names(const, seen)
    return names


def _uses(func, module, seen: set) -> set[str]:
    """Names ``func`` uses, following the functions of the tests' own modules it calls."""
    code = getattr(func, "__code__", None)
    if code is None:
        return set()
    names = _code_names(code, seen)
    for name in list(names):
        helper = getattr(module, name, None)
        if callable(helper) and getattr(helper, "__module__", None) == module.__name__:
            names |= _uses(helper, module, seen)
    return names


def kind_of(item) -> str:
    """``browser``, ``build`` or ``unit``: what the test ``item`` needs to run."""
    if "browser" in item.fixturenames:
        return "browser"
    seen: set = set()
    names = set(item.fixturenames) | _uses(item.function, item.module, seen)
    for defs in item._fixtureinfo.name2fixturedefs.values():
        for fixturedef in defs:
            func = fixturedef.func
            names |= _uses(func, sys.modules.get(func.__module__, item.module), seen)
    return "build" if names & BUILD_NAMES else "unit"


def pytest_collection_modifyitems(config, items):
    for item in items:
        kind = kind_of(item)
        written = {m.name for m in item.iter_markers() if m.name in MARKERS}
        if written - {kind}:
            raise pytest.UsageError(
                f"{item.nodeid} is marked {', '.join(sorted(written))} but is a {kind} test "
                "(tests/conftest.py: kind_of); remove the marker"
            )
        item.add_marker(kind)


_running: dict = {}  # the test being run, for run_build's check


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    _running["item"] = item


def pytest_runtest_teardown(item, nextitem):
    _running.pop("item", None)


def run_build(
    project: Path, site: Path, strict: bool = True, config: str = "mkdocs.yml", env=None
) -> Build:
    """Build ``project`` (with ``config``, like organisation.yml; ``env``: extra variables)."""
    item = _running.get("item")
    if item is not None and item.get_closest_marker("unit"):
        pytest.fail(f"{item.nodeid} builds a site but was marked unit (tests/conftest.py)")
    cmd = [sys.executable, "-m", ENGINE, "build", "-f", str(project / config)]
    cmd += ["--site-dir", str(site)] + (["--strict"] if strict else [])
    environ = {**os.environ, **env} if env else None
    done = subprocess.run(
        cmd, cwd=project, capture_output=True, text=True, timeout=600, env=environ
    )
    return Build(done.returncode, done.stdout + done.stderr, site)


def make_project(
    tmp_path: Path, fixture: str | None = "course", real_content: bool = False
) -> Path:
    """A project in tmp_path with Leda's real config, hooks and templates.

    Its content is the real course (``real_content``) or only the real site pages,
    plus the fixture's ``docs/`` and ``quizzes/`` on top.
    """
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project)
    shutil.copy(ROOT / "sources.yml", project)
    shutil.copy(ROOT / "accessibility.yml", project)  # the statement's known problems
    for name in ("hooks", "overrides"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    if real_content:
        shutil.copytree(ROOT / "docs", project / "docs")
        shutil.copytree(ROOT / "quizzes", project / "quizzes")
        shutil.copy(ROOT / "topics.yml", project)
    else:
        shutil.copytree(
            ROOT / "docs",
            project / "docs",
            ignore=shutil.ignore_patterns("modules", "plans", "glossary.*.md"),
        )
        (project / "docs" / "modules").mkdir()
        (project / "quizzes").mkdir()
    if fixture:
        shutil.copytree(FIXTURES / fixture, project, dirs_exist_ok=True)
    return project


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Build:
    """The real Leda site, built once with --strict."""
    site = tmp_path_factory.mktemp("real") / "site"
    build = run_build(ROOT, site)
    assert build.code == 0, build.log
    return build


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory) -> Build:
    """Leda's pages plus the small fixture course in tests/fixtures/course."""
    tmp = tmp_path_factory.mktemp("fixture")
    project = make_project(tmp)
    build = run_build(project, tmp / "site")
    assert build.code == 0, build.log
    return build


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@dataclass
class Server:
    url: str
    host: str


def serve(site: Path):
    handler = functools.partial(_QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    host = f"127.0.0.1:{httpd.server_address[1]}"
    return httpd, Server(f"http://{host}/", host)


@pytest.fixture(scope="session")
def real_server(real_site):
    httpd, server = serve(real_site.site)
    yield server
    httpd.shutdown()


@pytest.fixture(scope="session")
def fixture_server(fixture_site):
    httpd, server = serve(fixture_site.site)
    yield server
    httpd.shutdown()


CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str:
    import os

    for candidate in (os.environ.get("LEDA_CHROMIUM"), "/usr/bin/chromium"):
        if candidate and Path(candidate).exists():
            return candidate
    pytest.fail("no Chromium: run the tests with ./leda test, which installs Debian's chromium")


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Tab:
    """A page in a fresh browser context that records every request it makes."""

    def __init__(self, browser, **context_options):
        # Reduced motion: no half-finished transitions when axe measures contrast.
        self.context = browser.new_context(reduced_motion="reduce", **context_options)
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.missing: list[str] = []  # responses of 400 and above
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("response", lambda r: r.status >= 400 and self.missing.append(r.url))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def foreign_requests(self, server: Server) -> list[str]:
        from urllib.parse import urlsplit

        return [
            u
            for u in self.requests
            if urlsplit(u).scheme in ("http", "https", "ws", "wss")
            and urlsplit(u).netloc != server.host
        ]

    def close(self):
        self.context.close()


@pytest.fixture
def tab(browser):
    t = Tab(browser)
    yield t
    t.close()


AXE_SOURCE = None


# What the site-wide gate checks: WCAG 2.0, 2.1 and 2.2, A and AA, and axe's best practices.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def axe_violations(page) -> list[dict]:
    """Run axe-core (``AXE_TAGS``: WCAG 2.2 AA and best practices); return the violations."""
    global AXE_SOURCE
    if AXE_SOURCE is None:
        import axe_playwright_python

        AXE_SOURCE = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()
    page.evaluate(AXE_SOURCE)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    return [
        {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]


# An init script that makes localStorage throw, as a browser that blocks storage does.
BLOCKED_STORAGE = (
    "Object.defineProperty(window, 'localStorage', {get() {"
    " throw new DOMException('blocked', 'SecurityError'); }});"
)


def search(page, query: str) -> list[str]:
    """Type ``query`` into Material's search box; the result links."""
    from playwright.sync_api import expect

    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query, delay=20)
    results = page.locator(".md-search-result__list > li a")
    expect(results.first).to_be_visible(timeout=10_000)
    return [a.get_attribute("href") for a in results.all()]


def edit(path: Path, old: str, new: str) -> None:
    """Replace ``old`` (which must be there) with ``new`` in a fixture file."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")
