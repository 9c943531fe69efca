"""SCORM packages in a real runtime: scorm-again (tests/scorm/, installed by ./leda test)
hosts each package in a test platform page (tests/scorm/lms.html) in Chromium.

The packages are tests/test_scorm.py's, built once per session: the real course
with two modules and a mastery score of 50 %, SCORM 1.2 (Swedish), 1.2 without a
mastery score, and 2004 (English). Every value the package sets is recorded.
"""

from __future__ import annotations

import re
import shutil
import zipfile

import pytest
from conftest import ROOT, Tab, axe_violations, serve
from playwright.sync_api import expect
from test_scorm import MODULES, built_packages

RUNTIME = ROOT / "tests" / "scorm"
SECRET = "Min hemliga reflektion om chefen 4711"
PROMISE = "Mitt hemliga åtagande 4711"  # a commitment's own words: never reported either


@pytest.fixture(scope="session")
def platform(tmp_path_factory):
    """One origin serving the test platform page, scorm-again and every package unzipped."""
    scorm_packages = built_packages(tmp_path_factory)
    runtime = RUNTIME / "node_modules" / "scorm-again" / "dist" / "scorm-again.min.js"
    if not runtime.exists():
        pytest.fail("scorm-again is not installed: run the tests with ./leda test (npm ci)")
    root = tmp_path_factory.mktemp("platform")
    shutil.copy(RUNTIME / "lms.html", root)
    shutil.copy(runtime, root)
    for key, path in scorm_packages.items():
        zipfile.ZipFile(path).extractall(root / "pkgs" / key)
    httpd, server = serve(root)
    yield server
    httpd.shutdown()


class Lms:
    """The test platform in a tab: launch a package, reach into its frames, read the runtime."""

    def __init__(self, browser, server):
        self.tab = Tab(browser)
        self.page = self.tab.page
        self.server = server
        self.console: list[str] = []
        self.page.on("console", lambda m: self.console.append(m.text))
        self.page.goto(server.url + "lms.html")

    def launch(self, key: str, version: str, saved=None, mode: str = "ok", lang_dir: str = ""):
        href = f"pkgs/{key}/{lang_dir}scorm-launch.html"
        self.page.evaluate("([v, h, s, m]) => launch(v, h, s, m)", [version, href, saved, mode])
        self.launcher = self.page.frame_locator("#sco")
        self.course = self.launcher.frame_locator("[data-leda-scorm-frame]")
        expect(self.launcher.locator("[data-leda-scorm-status]")).not_to_have_attribute(
            "data-state", "", timeout=10_000
        )
        expect(self.course.locator("h1").first).to_be_visible(timeout=10_000)

    def status(self):
        return self.launcher.locator("[data-leda-scorm-status]")

    def value(self, element: str):
        return self.page.evaluate("e => value(e)", element)

    def wait_value(self, element: str, want: str):
        try:
            self.page.wait_for_function(
                "([e, w]) => value(e) === w", arg=[element, want], timeout=10_000
            )
        except Exception:
            got = self.value(element)
            raise AssertionError(
                f"{element} is {got!r}, not {want!r}; set: {self.received()}; console: {self.console}"
            ) from None

    def received(self) -> list[list[str]]:
        return self.page.evaluate("received")

    def course_frame(self):
        return next(
            f for f in self.page.frames if "/pkgs/" in f.url and "scorm-launch" not in f.url
        )

    def open(self, key: str, path: str):
        """Go to ``path`` of the package inside the course frame, as a link would."""
        frame = self.course_frame()
        frame.goto(self.server.url + f"pkgs/{key}/{path}")
        expect(self.course.locator("h1").first).to_be_visible()

    def answer_quiz(self, key: str, module: str, right: bool, lang_dir: str = ""):
        self.open(key, f"{lang_dir}modules/{module}/quiz/index.html")
        frame = self.course_frame()
        frame.wait_for_selector("[data-question]")
        frame.evaluate(
            """right => document.querySelectorAll('[data-question]').forEach(q => {
                 const options = [...q.querySelectorAll('[data-option]')];
                 const pick = q.getAttribute('data-type') === 'scenario' ? [options[0]]
                   : options.filter(o => (o.getAttribute('data-correct') === 'true') === right);
                 pick.forEach(o => { o.querySelector('input').checked = true; });
               })""",
            right,
        )
        frame.locator('[data-action="check-all"]').click()
        frame.wait_for_function("document.querySelector('[data-score]').textContent.length > 0")

    def mark_done(self, key: str, module: str, lang_dir: str = "", on_quiz: bool = False):
        """The learner's path: the done button ("Markera som klar" / "Mark as done") on the
        module page, or on the quiz page once every question is checked, pressed once; its
        state then says done, and journey.js has stored the mark scorm.js reads."""
        en = lang_dir == "en/"
        if on_quiz:
            box = self.course.locator("[data-leda-quiz-done]")
        else:
            self.open(key, f"{lang_dir}modules/{module}.html")
            box = self.course.locator("[data-leda-done]")
        expect(box).to_be_visible()
        button = box.locator("[data-leda-done-toggle]")
        expect(button).to_have_text("Mark as done" if en else "Markera som klar")
        expect(box.locator("[data-leda-done-text]")).to_have_text(
            "Not done yet" if en else "Inte klar ännu"
        )
        button.click()
        self.expect_done(box, en)
        expect(box.locator("[data-leda-done-status]")).to_be_empty()  # stored: no warning
        mark = self.course_frame().evaluate(f"Leda.data.read('done:{module}')")
        assert mark["state"] == "ok", mark
        assert mark["value"]["v"] == 1 and mark["value"]["done"] is True, mark
        # The navigation marks it too (the package's pages are "modules/<id>.html").
        marked = self.course_frame().evaluate(
            """id => [...document.querySelectorAll('.md-nav__link[href]')]
                 .filter(a => { const u = new URL(a.href);
                   return !u.hash && u.pathname.endsWith('/modules/' + id + '.html'); })
                 .map(a => !!a.querySelector('[data-leda-done-mark]'))""",
            module,
        )
        assert marked and all(marked), marked

    def expect_done(self, box, en: bool = False):
        """The done box's state in words: done, on a date (stored in this browser)."""
        expect(box.locator("[data-leda-done-text]")).to_have_text(
            re.compile(r"^Done \d" if en else r"^Klar \d")
        )
        expect(box.locator("[data-leda-done-toggle]")).to_have_text(
            "Mark as not done" if en else "Markera som inte klar"
        )

    def commit_to(self, text: str):
        """The module page's commitment, in the learner's own words (commitment.js)."""
        box = self.course.locator("[data-leda-commitment]")
        box.scroll_into_view_if_needed()
        form = box.locator("[data-commitment-form]")
        expect(form).to_be_visible()
        form.locator("#commitment-own").check()
        form.locator("[data-commitment-own]").fill(text)
        form.locator('button[type="submit"]').click()
        expect(box.locator("[data-commitment-text]")).to_have_text(text)

    def write_note(self, text: str):
        field = self.course.locator("[data-note-field]").first
        field.fill(text)
        field.blur()
        expect(self.course.locator("[data-note-status]").first).not_to_be_empty()

    def finish(self):
        """The learner leaves: the platform closes the package's frame."""
        self.page.evaluate("document.getElementById('sco').src = 'about:blank'")
        self.page.wait_for_function("finished >= 1")
        return self.page.evaluate("session()")

    def close(self):
        self.tab.close()


@pytest.fixture
def lms(browser, platform):
    made = []

    def make():
        made.append(Lms(browser, platform))
        return made[-1]

    yield make
    for each in made:
        each.close()


# --- One module, SCORM 1.2 -------------------------------------------------------------


def test_a_module_reports_completion_score_and_place_and_never_a_reflection(lms):
    module = MODULES[0]
    key = f"12/{module}"
    lms = lms()
    lms.launch(key, "1.2")
    expect(lms.status()).to_have_attribute("data-state", "reporting")
    lms.wait_value("cmi.core.lesson_status", "incomplete")
    assert lms.page.evaluate("calls.filter(c => c === 'LMSInitialize').length") == 1
    # The status line says what is reported; the pages' banner is for pages opened alone.
    expect(lms.course.locator(".leda-scorm-notice")).to_be_hidden()
    # The launch page (the status line and the frame), checked on its own.
    launch_page = next(f for f in lms.page.frames if f.url.endswith("scorm-launch.html"))
    assert axe_violations(launch_page) == []
    lms.write_note(SECRET)
    lms.commit_to(PROMISE)
    lms.answer_quiz(key, module, right=True)
    # The quiz alone does not complete the module: the learner marks it done.
    # In per cent (7 of 7), as SCORM 1.2 platforms compare it with the mastery score.
    lms.wait_value("cmi.core.score.raw", "100")
    assert lms.value("cmi.core.lesson_status") == "incomplete"
    assert lms.value("cmi.core.score.min") == "0" and lms.value("cmi.core.score.max") == "100"
    lms.mark_done(key, module)
    lms.wait_value("cmi.core.lesson_status", "passed")  # 7 of 7 against a mastery of 50 %
    lms.open(key, f"modules/{module}/quiz/index.html")
    lms.wait_value("cmi.core.lesson_location", f"modules/{module}/quiz/index.html")
    assert "LMSCommit" in lms.page.evaluate("calls")
    received = lms.received()
    saved = lms.finish()
    assert lms.page.evaluate("calls.filter(c => c === 'LMSFinish').length") == 1
    received += lms.received()
    times = [v for k, v in received if k == "cmi.core.session_time"]
    assert len(times) == 1 and re.fullmatch(r"\d{4}:\d\d:\d\d", times[0])
    assert received and not [v for v in received if "hemliga" in v[1] or "4711" in v[1]]
    suspend = [v for k, v in received if k == "cmi.suspend_data"][-1]
    assert len(suspend) < 4096 and module in suspend
    # Reload: the platform launches it again with what it kept; it resumes at the place.
    saved["core"]["entry"] = "resume"
    lms.launch(key, "1.2", saved=saved)
    expect(lms.course.locator("[data-question]").first).to_be_visible()
    assert lms.course_frame().url.endswith(f"pkgs/{key}/modules/{module}/quiz/index.html")
    lms.open(key, f"modules/{module}.html")
    expect(lms.course.locator("[data-note-field]").first).to_have_value(SECRET)
    assert not lms.tab.errors
    assert not [m for m in lms.console if "Content Security Policy" in m]  # the strict policy


def test_a_failed_quiz_fails_against_the_mastery_score(lms):
    module = MODULES[1]
    key = f"12/{module}"
    lms = lms()
    lms.launch(key, "1.2")
    lms.answer_quiz(key, module, right=False)
    lms.wait_value("cmi.core.score.raw", "0")
    assert lms.value("cmi.core.lesson_status") == "incomplete"  # checked, not marked done
    # The quiz page offers the done button once every question is checked.
    lms.mark_done(key, module, on_quiz=True)
    lms.wait_value("cmi.core.lesson_status", "failed")
    assert axe_violations(lms.course_frame()) == []  # the quiz page, in the package
    assert not lms.tab.errors
    assert lms.value("cmi.core.score.raw") == "0"


def test_without_a_mastery_score_done_is_completed(lms):
    module = MODULES[1]
    key = f"12-plain/{module}"
    lms = lms()
    lms.launch(key, "1.2")
    lms.mark_done(key, module)
    lms.wait_value("cmi.core.lesson_status", "completed")
    expect(lms.status()).to_have_attribute("data-state", "reporting")  # every value accepted


# --- The course package ------------------------------------------------------------------


def test_the_course_stays_incomplete_until_every_module_is_done(lms):
    key = "12-plain/course"
    lms = lms()
    lms.launch(key, "1.2")
    expect(lms.course.locator("h1").first).to_be_visible()
    assert lms.course_frame().url.endswith("/course.html")
    lms.mark_done(key, MODULES[0])
    lms.open(key, "course.html")
    lms.wait_value("cmi.core.lesson_location", "course.html")
    assert lms.value("cmi.core.lesson_status") == "incomplete"
    lms.mark_done(key, MODULES[1])
    lms.wait_value("cmi.core.lesson_status", "completed")
    expect(lms.status()).to_have_attribute("data-state", "reporting")  # every value accepted


# --- SCORM 2004, in English ---------------------------------------------------------------


def test_scorm_2004_reports_completion_success_and_a_scaled_score(lms):
    module = MODULES[0]
    key = f"2004/{module}"
    lms = lms()
    lms.launch(key, "2004", lang_dir="en/")
    expect(lms.status()).to_contain_text("Connected to your learning platform")
    assert lms.course_frame().url.endswith(f"/en/modules/{module}.html")
    lms.wait_value("cmi.completion_status", "incomplete")
    lms.write_note(SECRET)
    lms.answer_quiz(key, module, right=True, lang_dir="en/")
    lms.wait_value("cmi.score.scaled", "1")
    assert lms.value("cmi.success_status") == "unknown"  # not done yet
    lms.mark_done(key, module, lang_dir="en/")
    lms.wait_value("cmi.completion_status", "completed")
    assert lms.value("cmi.success_status") == "passed"
    expect(lms.status()).to_have_attribute("data-state", "reporting")  # every value accepted
    assert lms.value("cmi.score.raw") == "100" and lms.value("cmi.score.max") == "100"
    assert lms.value("cmi.location") == f"en/modules/{module}.html"
    received = lms.received()
    lms.finish()
    received += lms.received()
    assert lms.page.evaluate("calls.filter(c => c === 'Terminate').length") == 1
    assert next(v for k, v in received if k == "cmi.session_time").startswith("PT0H")
    assert not [v for v in received if "hemliga" in v[1] or "4711" in v[1]]


# --- Without a platform, and with one that fails -------------------------------------


def test_a_page_opened_alone_says_what_a_platform_is_told(browser, platform):
    tab = Tab(browser)
    try:
        tab.page.goto(platform.url + f"pkgs/2004/{MODULES[0]}/en/modules/{MODULES[0]}.html")
        notice = tab.page.locator(".leda-scorm-notice")
        expect(notice).to_be_visible()
        expect(notice).to_contain_text("never what you write")
        store = tab.page.evaluate("document.documentElement.getAttribute('data-leda-store')")
        assert store == f"leda-scorm2004-{MODULES[0]}"
    finally:
        tab.close()


def test_without_an_api_the_package_works_and_says_nothing_is_reported(lms):
    module = MODULES[0]
    key = f"12/{module}"
    lms = lms()
    lms.launch(key, "1.2", mode="none")
    expect(lms.status()).to_have_attribute("data-state", "no_api")
    expect(lms.status()).to_contain_text("inget rapporteras")
    lms.write_note(SECRET)
    lms.mark_done(key, module)
    # The mark is kept in this browser: the page opened again says done.
    lms.open(key, f"modules/{module}.html")
    lms.expect_done(lms.course.locator("[data-leda-done]"))
    expect(lms.course.locator("[data-note-field]").first).to_have_value(SECRET)
    assert not lms.tab.errors


def test_an_api_that_fails_loses_nothing_and_logs_the_code(lms):
    module = MODULES[1]
    key = f"12/{module}"
    lms = lms()
    lms.launch(key, "1.2", mode="errors")
    expect(lms.status()).to_have_attribute("data-state", "error")
    expect(lms.status()).to_contain_text("kod 101")
    assert any("LMSInitialize" in line and "101" in line for line in lms.console)
    lms.write_note(SECRET)
    lms.mark_done(key, module)
    lms.open(key, f"modules/{module}.html")
    expect(lms.course.locator("[data-note-field]").first).to_have_value(SECRET)
    lms.expect_done(lms.course.locator("[data-leda-done]"))
    assert not lms.tab.errors


# --- Two packages on one origin ---------------------------------------------------------


def test_two_packages_on_one_origin_keep_their_notes_apart(lms):
    # The course's package and the module's hold the same page, with the same note.
    course, module = "12/course", f"12/{MODULES[0]}"
    lms = lms()
    lms.launch(module, "1.2")
    lms.write_note(SECRET)
    lms.launch(course, "1.2")
    lms.open(course, f"modules/{MODULES[0]}.html")
    expect(lms.course.locator("[data-note-field]").first).to_have_value("")
    lms.write_note("Ett annat paket")
    lms.launch(module, "1.2")
    expect(lms.course.locator("[data-note-field]").first).to_have_value(SECRET)
    stores = lms.page.evaluate(
        "Object.keys(localStorage).filter(k => k.startsWith('leda:')).map(k => k.split(':')[1])"
    )
    assert set(stores) == {"leda-scorm12-course", f"leda-scorm12-{MODULES[0]}"}
