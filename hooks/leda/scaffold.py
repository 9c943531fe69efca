"""``./leda new-module <id> --track <track>``: a new module to fill in.

Creates ``docs/modules/<id>.sv.md``, ``docs/modules/<id>.en.md`` and
``quizzes/<id>.yml`` with the module anatomy (../shared/module-anatomy.md): the
front matter, the body's headings in order, three exercise blocks, the facilitator
block and a quiz of six questions. Every text to replace ends in ``(fyll i)`` or
``(fill in)``. The files pass the build's checks as they are, so the author can
run ``./leda serve`` at once and see the module take shape.

Run from the project folder: ``PYTHONPATH=hooks python -m leda.scaffold <id> --track <track>``
(``./leda new-module`` does this).
"""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path

import yaml

from .adapter import load_config
from .checks import ID_PATTERN
from .course import MODULE_DIR

SV_TODO = "(fyll i)"
EN_TODO = "(fill in)"


class ScaffoldError(Exception):
    pass


def _leda(config: dict) -> dict:
    return (config.get("extra") or {}).get("leda") or {}


def _next_order(docs_dir: Path, track: str) -> int:
    orders = [0]
    for path in (docs_dir / MODULE_DIR).glob("*.sv.md"):
        text = path.read_text(encoding="utf-8")
        if text.startswith("---"):
            try:
                meta = yaml.safe_load(text.split("---", 2)[1]) or {}
            except yaml.YAMLError:
                continue
            if isinstance(meta, dict) and meta.get("track") == track:
                order = meta.get("order")
                orders.append(order if isinstance(order, int) else 0)
    return max(orders) + 1


def _sources(root: Path) -> dict:
    path = root / "sources.yml"
    if not path.exists():
        return {}
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def plan(
    root: Path, config_file: Path, module_id: str, track: str, sources: list[str] | None = None
) -> dict[Path, str]:
    """The files to write (path -> text); raises ``ScaffoldError`` with what to change."""
    docs_dir = root / "docs"
    if not ID_PATTERN.match(module_id):
        raise ScaffoldError(
            f"'{module_id}' cannot be a module id; use lower-case letters, digits and hyphens, "
            "like `our-leadership` (the id becomes the page's address and never changes)"
        )
    config = load_config(config_file)
    tracks = [t.get("id") for t in _leda(config).get("tracks") or [] if isinstance(t, dict)]
    if track not in tracks:
        guess = difflib.get_close_matches(track, tracks, n=1)
        hint = f"did you mean '{guess[0]}'? " if guess else ""
        raise ScaffoldError(
            f"unknown track '{track}'; {hint}use one of: {', '.join(tracks)} "
            f"(tracks are listed under extra.leda.tracks in {config_file.name})"
        )
    sv = docs_dir / MODULE_DIR / f"{module_id}.sv.md"
    en = docs_dir / MODULE_DIR / f"{module_id}.en.md"
    quiz = root / "quizzes" / f"{module_id}.yml"
    for path in (sv, en, quiz):
        if path.exists():
            raise ScaffoldError(
                f"{path.relative_to(root)} already exists; choose another id or edit that module"
            )
    known = _sources(root)
    files: dict[Path, str] = {}
    if sources:
        unknown = [s for s in sources if s not in known]
        if unknown:
            raise ScaffoldError(
                f"unknown source {', '.join(unknown)}; add it to sources.yml first "
                f"or use one of: {', '.join(sorted(known))}"
            )
    else:
        source_id = module_id if module_id not in known else f"{module_id}-source"
        sources = [source_id]
        files[root / "sources.yml"] = _source_entry(source_id)
    order = _next_order(docs_dir, track)
    files[sv] = _page(SV, module_id, track, order, sources)
    files[en] = _page(EN, module_id, track, order, sources)
    files[quiz] = _quiz(module_id)
    return files


def write(files: dict[Path, str]) -> None:
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.name == "sources.yml" and path.exists():
            old = path.read_text(encoding="utf-8")
            path.write_text(old.rstrip("\n") + "\n" + text, encoding="utf-8")
        else:
            path.write_text(text, encoding="utf-8")


def _source_entry(source_id: str) -> str:
    return (
        f"{source_id}:  # added by ./leda new-module: what the module builds on\n"
        f"  title: The title of the document or article {EN_TODO}\n"
        f"  publisher: Who published it {EN_TODO}\n"
    )


SV = {
    "title": "Modulens titel",
    "summary": "En eller två meningar om vad modulen ger dig som chef",
    "description": "En mening för sökmotorer och länkar",
    "objectives": [  # ids in OBJECTIVES
        "beskriva något du kan efter modulen",
        "använda något i din egen vardag",
        "välja ett första steg för nästa vecka",
    ],
    "exercises": [
        ("reflection", "Övningens titel, enskilt", "solo", 10, None),
        ("pair", "Övningens titel, i par", "pair", 15, None),
        ("group", "Övningens titel, i grupp", "group", 20, "3-5"),
    ],
    "headings": [
        ("Varför det spelar roll", "Problemet, med orden chefer själva använder"),
        ("Nyckelidéer", "Det viktigaste innehållet, i korta avsnitt med tydliga rubriker"),
        ("I praktiken", "Konkreta steg för nästa vecka och exempel från verkligheten"),
    ],
    "exercises_heading": "Reflektionsövningar",
    "prompt": "Uppgiften till övningen – så att den fungerar både vid skrivbordet och i en grupp",
    "facilitator": [
        ("Förbered", "Vad du förbereder och säger och hur du delar in grupperna (tiderna: runs:)"),
        ("Frågor till samtalet efteråt", "Frågor som hjälper gruppen att reflektera"),
        ("Fallgropar", "Vad som brukar gå fel och hur du hanterar det"),
    ],
    "points_heading": "Nyckelpunkter",
    "points": ["Det första deltagarna ska ta med sig", "Det andra", "Det tredje"],
    "todo": SV_TODO,
}

EN = {
    "title": "The module's title",
    "summary": "One or two sentences on what the module gives you as a manager",
    "description": "One sentence for search engines and links",
    "objectives": [  # ids in OBJECTIVES
        "describe something you can do after the module",
        "use something in your own everyday work",
        "choose a first step for next week",
    ],
    "exercises": [
        ("reflection", "The exercise's title, on your own", "solo", 10, None),
        ("pair", "The exercise's title, in pairs", "pair", 15, None),
        ("group", "The exercise's title, in a group", "group", 20, "3-5"),
    ],
    "headings": [
        ("Why it matters", "The problem, in the words managers use themselves"),
        ("Key ideas", "The substance, in short sections with clear headings"),
        ("In practice", "Concrete steps for next week and examples from real life"),
    ],
    "exercises_heading": "Reflection exercises",
    "prompt": "The exercise's prompt – so that it works at a desk and in a group",
    "facilitator": [
        ("Before the session", "What to prepare and say, how to form groups (timings: runs:)"),
        ("Debrief questions", "Questions that help the group reflect"),
        ("Pitfalls", "What tends to go wrong and how to handle it"),
    ],
    "points_heading": "Key points",
    "points": ["The first thing participants take away", "The second", "The third"],
    "todo": EN_TODO,
}


# The objectives' ids (the same in both languages), and which of them each exercise
# (in the order of "exercises") and each quiz question practises or assesses.
OBJECTIVES = ("describe-the-idea", "use-it-at-work", "choose-a-first-step")
EXERCISE_OBJECTIVES = (OBJECTIVES[:1], OBJECTIVES[1:2], OBJECTIVES[1:])


def _page(text: dict, module_id: str, track: str, order: int, sources: list[str]) -> str:
    todo = text["todo"]
    lines = [
        "---",
        f"id: {module_id}",
        f"title: {text['title']} {todo}",
        f"summary: {text['summary']} {todo}",
        f"description: {text['description']} {todo}",
        f"track: {track}",
        f"order: {order}",
        "minutes: 20",
        "objectives:",
    ]
    for oid, objective in zip(OBJECTIVES, text["objectives"], strict=True):
        lines += [f"  - id: {oid}", f"    text: {objective} {todo}"]
    lines.append("exercises:")
    for (suffix, title, mode, minutes, size), served in zip(
        text["exercises"], EXERCISE_OBJECTIVES, strict=True
    ):
        lines += [
            f"  - id: {module_id}-{suffix}",
            f"    title: {title} {todo}",
            f"    mode: {mode}",
        ]
        if size:
            lines.append(f"    group_size: {size}")
        lines.append(f"    minutes: {minutes}")
        lines.append(f"    objectives: [{', '.join(served)}]")
    lines += [f"sources: [{', '.join(sources)}]", "---", ""]
    for heading, what in text["headings"]:
        lines += [f"## {heading}", "", f"{what} {todo}", ""]
    lines += [f"## {text['exercises_heading']}", ""]
    for suffix, *_ in text["exercises"]:
        lines += [f"/// exercise | {module_id}-{suffix}", f"{text['prompt']} {todo}", "///", ""]
    lines.append("/// facilitator")
    for heading, what in text["facilitator"]:
        lines += [f"#### {heading}", "", f"{what} {todo}", ""]
    lines += ["///", "", f"## {text['points_heading']}", ""]
    lines += [f"- {p} {todo}" for p in text["points"]]
    return "\n".join(lines) + "\n"


def _quiz(module_id: str) -> str:
    out = [
        f"# The quiz of module '{module_id}'. The format: quizzes/README.md.",
        "# Replace every text that ends in (fyll i) or (fill in). Six to ten questions;",
        "# `single` has one right option, `multiple` one or more, `scenario` none.",
        "# `objectives:` names the module's objectives a question assesses. The build",
        "# orders the options itself and warns when the right one is the longest.",
        "questions:",
    ]
    for n in range(1, 6):
        out += [
            f"  - id: question-{n}",
            "    type: single",
            f"    objectives: [{OBJECTIVES[(n - 1) % len(OBJECTIVES)]}]",
            "    prompt:",
            f"      sv: Fråga {n} {SV_TODO}",
            f"      en: Question {n} {EN_TODO}",
            "    options:",
        ]
        for letter, right in (("a", True), ("b", False), ("c", False)):
            verdict = ("Rätt", "Right") if right else ("Fel", "Wrong")
            # The wrong options' texts are at least as long as the right one's.
            answer = ("rätt svar", "right answer") if right else ("felaktigt svar", "wrong answer")
            out += [f"      - id: {letter}"]
            if right:
                out.append("        correct: true")
            out += [
                "        text:",
                f"          sv: Alternativ {letter.upper()}, {answer[0]} {SV_TODO}",
                f"          en: Option {letter.upper()}, {answer[1]} {EN_TODO}",
                "        feedback:",
                f"          sv: {verdict[0]} – varför {SV_TODO}",
                f"          en: {verdict[1]} – why {EN_TODO}",
            ]
    out += [
        "  - id: scenario",
        "    type: scenario",
        f"    objectives: [{OBJECTIVES[-1]}]",
        "    prompt:",
        f"      sv: En situation ur vardagen – vad gör du? {SV_TODO}",
        f"      en: A situation from everyday work – what do you do? {EN_TODO}",
        "    options:",
    ]
    for letter in ("a", "b"):
        out += [
            f"      - id: {letter}",
            "        text:",
            f"          sv: Ett sätt att agera {SV_TODO}",
            f"          en: One way to act {EN_TODO}",
            "        feedback:",
            f"          sv: Vad valet leder till {SV_TODO}",
            f"          en: What the choice leads to {EN_TODO}",
        ]
    return "\n".join(out) + "\n"


def _publish_note(config: dict, module_id: str, config_file: Path) -> str | None:
    chosen = (_leda(config).get("publish") or {}).get("modules")
    if isinstance(chosen, list) and module_id not in chosen:
        return (
            f"Add '{module_id}' to extra.leda.publish.modules in {config_file.name}, "
            "or it will not be published."
        )
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="./leda new-module",
        description="Create a new module's Swedish and English pages and its quiz.",
    )
    parser.add_argument("id", help="the module's id, like our-leadership (its address)")
    parser.add_argument("--track", required=True, help="the track's id, like trust")
    parser.add_argument(
        "--source",
        action="append",
        help="a source id from sources.yml the module builds on (repeat for more); "
        "without it, a new entry to fill in is added to sources.yml",
    )
    parser.add_argument("--config", default="mkdocs.yml", help="the configuration file")
    parser.add_argument("--root", default=".", help="the project folder")
    args = parser.parse_args(argv)
    root = Path(args.root)
    config_file = root / args.config
    try:
        files = plan(root, config_file, args.id, args.track, args.source)
    except ScaffoldError as err:
        print(f"leda new-module: {err}", file=sys.stderr)
        return 1
    write(files)
    print(f"Created module '{args.id}' in track '{args.track}':")
    for path in files:
        what = "a source entry added to" if path.name == "sources.yml" else "created"
        print(f"  {what} {path.relative_to(root)}")
    print(
        f"""
Fill in every text that ends in {SV_TODO} or {EN_TODO}:
  - the front matter: title, summary, description, 3–5 objectives (each an id and
    a text), the exercises' titles, minutes (15–30) and sources; keep id, track and
    the objective and exercise ids the same in both languages; each exercise and quiz
    question names the objectives it serves (`objectives: [id, …]`), and every
    objective is served by at least one;
  - the body: why it matters, key ideas, in practice, each exercise's prompt inside
    its /// exercise block, the facilitator notes, the key points (900–1 600 words);
  - the quiz: six to ten questions, at least one of them a scenario;
  - the source in sources.yml, if one was added.
Find what is left:  grep -n "fyll i)\\|fill in)" docs/modules/{args.id}.*.md quizzes/{args.id}.yml
See it as you write: ./leda serve   Check everything: ./leda build and ./leda test
The guide: docs/guide-write-a-module.en.md (on the site: "Write a module")."""
    )
    note = _publish_note(load_config(config_file), args.id, config_file)
    if note:
        print(f"\n{note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
