"""Leda's benchmarks: build time with both engines, edit-to-reload while serving, page
weight and search index size, against plain Material.

    ./leda bench [--runs 5] [--edits 5] [--no-lighthouse]

Prints a Markdown table. "Plain" is the same Markdown built with Material and
mkdocs-static-i18n only: no Leda hooks, templates, CSS or JavaScript. The 200-module
course is generated from the real modules (copied under new ids) into a temporary
folder. Builds run with the default engine (pyproject.toml's [tool.leda] engine) and
again with the other one. Edit-to-reload is a real ``./leda serve`` (tools/serve.py):
a heading of a module page is edited, and the time is taken until the server answers
the page's livereload poll and until the page it serves shows the edit (median of
``--edits`` edits). Nothing here is a test: the numbers are for the README.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "hooks")]  # as pytest has them (pyproject.toml)

from conftest import CHROMIUM_ARGS, chromium_path, serve  # noqa: E402
from liveserve import LiveServe  # noqa: E402

sys.path.insert(0, str(ROOT / "tools"))
from check import engines  # noqa: E402

ENGINE, OTHER = engines()


def copy_project(dest: Path) -> Path:
    dest.mkdir(parents=True)
    for name in ("mkdocs.yml", "sources.yml", "topics.yml", "accessibility.yml"):
        shutil.copy(ROOT / name, dest)
    for name in ("docs", "quizzes", "hooks", "overrides"):
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    return dest


def make_plain(project: Path) -> None:
    """The same Markdown with plain Material and static-i18n: no Leda hooks or theme files."""
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"\nhooks:\n(  - .*\n)+", "\n", config)
    config = config.replace("  custom_dir: overrides\n", "")
    config = re.sub(r"(?m)^watch: .*\n", "", config)  # it names hooks/
    config = re.sub(r"\nextra_css:\n(  - .*\n)+", "\n", config)
    config = config.replace("  alternate: true\n", "")
    config = config.replace("      reconfigure_material: false", "      reconfigure_material: true")
    config = re.sub(r"(?m)^  (favicon|logo): assets/leda/.*\n", "", config)  # Leda's files are gone
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    for page in (project / "docs").rglob("*.md"):  # Leda's page templates are gone too
        text = page.read_text(encoding="utf-8")
        page.write_text(re.sub(r"(?m)^template: leda-.*\n", "", text), encoding="utf-8")
    shutil.rmtree(project / "hooks")
    shutil.rmtree(project / "overrides")
    shutil.rmtree(project / "docs" / "assets" / "leda")


def exercise_ids(text: str) -> set[str]:
    """The ids of a module page's exercises (its front matter's ``exercises:``)."""
    import yaml

    front = yaml.safe_load(text.split("---\n")[1])
    return {e["id"] for e in front.get("exercises", [])}


def scale(project: Path, count: int) -> None:
    """Replace the course with ``count`` modules per language, copied from the real ones."""
    modules = project / "docs" / "modules"
    originals = sorted({p.name.split(".")[0] for p in modules.glob("*.md")})
    texts = {
        (m, lang): (modules / f"{m}.{lang}.md").read_text(encoding="utf-8")
        for m in originals
        for lang in ("sv", "en")
    }
    quizzes = {m: (project / "quizzes" / f"{m}.yml").read_text(encoding="utf-8") for m in originals}
    for path in list(modules.glob("*.md")) + list((project / "quizzes").glob("*.yml")):
        path.unlink()
    for path in project.glob("docs/glossary.*.md"):
        # the glossary links to the original module ids
        path.write_text(
            re.sub(r"\]\(modules/[^)]*\)", "](course.md)", path.read_text("utf-8")), "utf-8"
        )
    for n in range(count):
        source = originals[n % len(originals)]
        new = f"m{n:03d}-{source}"
        for lang in ("sv", "en"):
            text = texts[(source, lang)].replace(f"id: {source}\n", f"id: {new}\n", 1)
            # exercise ids are unique across the course (objectives' and commitments'
            # ids only within a module): rename the exercises and what names them
            ids = exercise_ids(texts[(source, "sv")])
            text = re.sub(
                r"(- id: |/// exercise \| |exercise: |#)([a-z0-9-]+)\b",
                lambda m, new=new, ids=ids: f"{m[1]}{new}-{m[2]}" if m[2] in ids else m[0],
                text,
            )
            text = re.sub(r"\]\((?:\.\./modules/|\./)?([a-z-]+)\.md", "](../course.md", text)
            (modules / f"{new}.{lang}.md").write_text(text, encoding="utf-8")
        (project / "quizzes" / f"{new}.yml").write_text(quizzes[source], encoding="utf-8")
    for plan in (project / "docs" / "plans").glob("*.md"):
        # plans name exercises; point them at the first copy of their module
        def first_copy(match: re.Match) -> str:
            for n, source in enumerate(originals):
                if f"id: {match[1]}\n" in texts[(source, "sv")]:
                    return f"exercise: m{n:03d}-{source}-{match[1]}"
            return match[0]

        text = re.sub(r"exercise: ([a-z0-9-]+)", first_copy, plan.read_text("utf-8"))
        plan.write_text(re.sub(r"\]\(\.\./modules/[^)]*\)", "](../course.md)", text), "utf-8")


def build(project: Path, site: Path, engine: str = ENGINE) -> float:
    start = time.perf_counter()
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            engine,
            "build",
            "-q",
            "-f",
            str(project / "mkdocs.yml"),
            "-d",
            str(site),
        ],
        cwd=project,
        capture_output=True,
        text=True,
    )
    if done.returncode:
        raise SystemExit(f"building {project.name} failed:\n{done.stderr[-3000:]}")
    return time.perf_counter() - start


def median_builds(projects: dict[str, tuple[Path, str]], runs: int, work: Path) -> dict[str, float]:
    times: dict[str, list[float]] = {name: [] for name in projects}
    for _ in range(runs):  # interleaved, so load on the machine hits all alike
        for name, (project, engine) in projects.items():
            times[name].append(build(project, work / f"site-{name}", engine))
    return {name: statistics.median(values) for name, values in times.items()}


def edit_to_reload(project: Path, module: str, edits: int, *args: str) -> tuple[float, float]:
    """Median seconds from saving a module page until the reload signal, and until it shows."""
    page = project / "docs" / "modules" / f"{module}.sv.md"
    body = page.read_text(encoding="utf-8").split("---", 2)[2]
    heading = next(line for line in body.splitlines() if line.startswith("### "))
    signals, shown = [], []
    with LiveServe(project, *args, timeout=900) as server:
        current = heading
        for n in range(edits):
            new = f"{heading} (ändring {n + 1})"
            signal, visible = server.edit_and_wait(
                f"modules/{module}/", page, current, new, shows=f"(ändring {n + 1})"
            )
            signals.append(signal)
            shown.append(visible)
            current = new
        page.write_text(page.read_text(encoding="utf-8").replace(current, heading), "utf-8")
    return statistics.median(signals), statistics.median(shown)


def count_pages(site: Path) -> int:
    return sum(1 for _ in site.rglob("*.html"))


def gz(data: bytes) -> int:
    return len(gzip.compress(data, 9))


def page_weight(browser, site: Path, path: str) -> list[tuple[str, int, int]]:
    """Every resource a first visit loads (until the network is idle): (url, raw, gzipped)."""
    httpd, server = serve(site)
    try:
        context = browser.new_context()
        page = context.new_page()
        urls: list[str] = []
        page.on("requestfinished", lambda r: urls.append(r.url))
        page.goto(server.url + path, wait_until="networkidle")
        context.close()
    finally:
        httpd.shutdown()
    out = []
    for url in urls:
        rel = unquote(urlsplit(url).path)[1:]
        file = site / (rel + "index.html" if rel.endswith("/") or not rel else rel)
        name = url[len(server.url) :].split("?")[0]
        if not file.is_file():  # requested but not there: a 404 (plain Material's sitemap lookups)
            out.append((name + " (404)", 0, 0))
            continue
        data = file.read_bytes()
        out.append((name, len(data), gz(data)))
    return out


def leda_assets(site: Path) -> tuple[int, int]:
    files = [p for p in (site / "assets" / "leda").glob("*") if p.suffix in (".js", ".css")]
    data = b"".join(p.read_bytes() for p in sorted(files))
    return len(data), gz(data)


def index_size(site: Path, prefix: str) -> tuple[int, int]:
    data = (site / prefix / "search" / "search_index.json").read_bytes()
    return len(data), gz(data)


def lighthouse(site: Path, paths: list[str], work: Path) -> dict[str, dict[str, int]] | str:
    """Mobile Lighthouse scores from the npm package, run on Debian's Chromium."""
    if not shutil.which("npm"):
        return "no npm on this machine"
    tool = work / "lighthouse"
    tool.mkdir()
    done = subprocess.run(
        ["npm", "install", "--no-audit", "--no-fund", "--silent", "lighthouse@12"],
        cwd=tool,
        capture_output=True,
        text=True,
    )
    if done.returncode:
        return f"npm install lighthouse failed: {done.stderr.strip()[-300:]}"
    httpd, server = serve(site)
    scores = {}
    try:
        for path in paths:
            out = work / "lh.json"
            done = subprocess.run(
                [
                    str(tool / "node_modules" / ".bin" / "lighthouse"),
                    server.url + path,
                    "--quiet",
                    "--output=json",
                    f"--output-path={out}",
                    "--form-factor=mobile",
                    f"--chrome-flags={' '.join(CHROMIUM_ARGS)}",
                ],
                env={**os.environ, "CHROME_PATH": chromium_path()},
                capture_output=True,
                text=True,
                timeout=300,
            )
            if done.returncode:
                return f"lighthouse failed on {path}: {done.stderr.strip()[-300:]}"
            report = json.loads(out.read_text(encoding="utf-8"))
            scores[path or "/"] = {
                k: round((v["score"] or 0) * 100) for k, v in report["categories"].items()
            }
    finally:
        httpd.shutdown()
    return scores


def kb(n: int) -> str:
    return f"{n / 1024:.1f} KB"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--modules", type=int, default=200)
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--no-lighthouse", action="store_true")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        leda = copy_project(work / "leda")
        plain = copy_project(work / "plain")
        make_plain(plain)
        big = copy_project(work / "big")
        scale(big, args.modules)
        big_plain = copy_project(work / "big-plain")
        scale(big_plain, args.modules)
        make_plain(big_plain)

        times = median_builds(
            {
                "leda": (leda, ENGINE),
                f"leda-{OTHER}": (leda, OTHER),
                "plain": (plain, ENGINE),
                "big": (big, ENGINE),
                f"big-{OTHER}": (big, OTHER),
                "big-plain": (big_plain, ENGINE),
            },
            args.runs,
            work,
        )
        sites = {name: work / f"site-{name}" for name in times}
        pages = {name: count_pages(site) for name, site in sites.items()}
        per_page = {name: 1000 * times[name] / pages[name] for name in times}

        rows = [
            (
                f"Build, real course (median of {args.runs})",
                f"{times['leda']:.2f} s",
                f"{times['plain']:.2f} s",
                f"{times['leda'] / times['plain']:.2f}",
                "≤ 1.15",
            ),
            (
                f"Build, {args.modules} modules per language",
                f"{times['big']:.2f} s",
                f"{times['big-plain']:.2f} s",
                f"{times['big'] / times['big-plain']:.2f}",
                "≤ 1.15",
            ),
            (
                f"Build, real course, {OTHER} instead of {ENGINE}",
                f"{times[f'leda-{OTHER}']:.2f} s",
                "",
                f"{times[f'leda-{OTHER}'] / times['leda']:.2f} vs {ENGINE}",
                "",
            ),
            (
                f"Build, {args.modules} modules, {OTHER} instead of {ENGINE}",
                f"{times[f'big-{OTHER}']:.2f} s",
                "",
                f"{times[f'big-{OTHER}'] / times['big']:.2f} vs {ENGINE}",
                "",
            ),
            (
                "ms per page, real course",
                f"{per_page['leda']:.1f} ({pages['leda']} pages)",
                f"{per_page['plain']:.1f} ({pages['plain']} pages)",
                f"{per_page['leda'] / per_page['plain']:.2f}",
                "",
            ),
            (
                f"ms per page, {args.modules} modules",
                f"{per_page['big']:.1f} ({pages['big']} pages)",
                f"{per_page['big-plain']:.1f} ({pages['big-plain']} pages)",
                f"{per_page['big'] / per_page['leda']:.2f} vs real",
                "≤ 1.15",
            ),
        ]
        for label, project, module, extra, target in (
            ("real course", leda, "leadership-gym", (), "< 1.0 s"),
            ("real course, --lang sv", leda, "leadership-gym", ("--lang", "sv"), "< 1.0 s"),
            (f"{args.modules} modules", big, "m000-digital-and-personal-service", (), "< 3 s"),
            (
                f"{args.modules} modules, --lang sv",
                big,
                "m000-digital-and-personal-service",
                ("--lang", "sv"),
                "< 3 s",
            ),
        ):
            signal, shown = edit_to_reload(project, module, args.edits, *extra)
            rows.append(
                (
                    f"Edit to reload, module page, {label} (median of {args.edits})",
                    f"{signal:.2f} s (page shown {shown:.2f} s)",
                    "",
                    "",
                    target,
                )
            )
        raw, zipped = leda_assets(sites["leda"])
        rows.append(("Leda's CSS and JS, all files", f"{kb(raw)} / {kb(zipped)} gz", "", "", ""))

        weights = {}
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            first = "m000-digital-and-personal-service"
            for label, site, path in (
                ("Module page, first load", sites["leda"], "modules/leadership-gym/"),
                ("Module page, first load (plain)", sites["plain"], "modules/leadership-gym/"),
                ("Quiz page, first load", sites["leda"], "modules/leadership-gym/quiz/"),
                (
                    f"Module page, first load, {args.modules} modules",
                    sites["big"],
                    f"modules/{first}/",
                ),
                (
                    f"Module page, first load, {args.modules} modules (plain)",
                    sites["big-plain"],
                    f"modules/{first}/",
                ),
            ):
                weights[label] = page_weight(browser, site, path)
            browser.close()
        for label in ("Module page, first load", "Quiz page, first load"):
            own = [
                r
                for r in weights[label]
                if r[0].startswith("assets/leda/") and r[0].endswith((".js", ".css"))
            ]
            rows.append(
                (
                    f"Leda's own CSS and JS on a {label.split(',')[0].lower()}",
                    f"{kb(sum(r[1] for r in own))} / {kb(sum(r[2] for r in own))} gz"
                    f" ({len(own)} files)",
                    "",
                    "",
                    "≤ 15 KB gz",
                )
            )
        for label, resources in weights.items():
            raw = sum(r[1] for r in resources)
            zipped = sum(r[2] for r in resources)
            missing = sum(1 for r in resources if r[0].endswith("(404)"))
            target = ""
            if label == "Module page, first load":
                target = "≤ 100 KB gz"
            elif label == f"Module page, first load, {args.modules} modules":
                target = "≤ 110 KB gz"
            files = f"{len(resources)} requests" + (f", {missing} of them 404" if missing else "")
            rows.append((label, f"{kb(raw)} / {kb(zipped)} gz ({files})", "", "", target))
        for name, label in (("leda", "real course"), ("big", f"{args.modules} modules")):
            for lang, prefix in (("sv", ""), ("en", "en")):
                raw, zipped = index_size(sites[name], prefix)
                rows.append(
                    (
                        f"Search index {lang}, {label}",
                        f"{kb(raw)} / {kb(zipped)} gz",
                        "",
                        "",
                        "loaded on opening search",
                    )
                )

        print(
            f"Leda benchmarks, {time.strftime('%Y-%m-%d')}, {platform.machine()}, "
            f"{os.cpu_count()} cores, Python {platform.python_version()}, engine {ENGINE} "
            f"(load average {os.getloadavg()[0]:.1f} at the end)\n"
        )
        print("| Measure | Leda | Plain Material | Ratio | Target |")
        print("|---|---|---|---|---|")
        for row in rows:
            print("| " + " | ".join(row) + " |")
        print("\nResources of a module page's first load (Leda, real course):\n")
        print("| File | Raw | Gzipped |")
        print("|---|---|---|")
        for url, raw, zipped in weights["Module page, first load"]:
            print(f"| `{url or '/'}` | {kb(raw)} | {kb(zipped)} |")

        if not args.no_lighthouse:
            result = lighthouse(
                sites["leda"], ["", "modules/leadership-gym/", "modules/leadership-gym/quiz/"], work
            )
            print("\nLighthouse (mobile):\n")
            if isinstance(result, str):
                print(f"Not measured: {result}")
            else:
                print("| Page | Performance | Accessibility | Best practices | SEO |")
                print("|---|---|---|---|---|")
                for path, s in result.items():
                    print(
                        f"| `{path}` | {s.get('performance')} | {s.get('accessibility')} | "
                        f"{s.get('best-practices')} | {s.get('seo')} |"
                    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
