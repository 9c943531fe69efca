"""What Leda adds to pages: which page is what, module blocks, generated pages, ``leda``.

Pages are named by their source path in docs/ (``modules/x.sv.md``):

- ``modules/<id>.<lang>.md`` is a module's page; its blocks are rendered here.
- ``plans/index.<lang>.md`` lists the workshop plans, ``plans/<id>.<lang>.md`` is one.
- The build writes two pages per module itself (``generated``): its quiz at
  ``modules/<id>/quiz/`` (when it has one) and its facilitator guide at
  ``modules/<id>/guide/``, both out of the search index; and a page per topic at
  ``topics/<id>/`` (``topics.<lang>.md`` is the index of topics), which search
  ranks first for the topic's name (``search: boost:``).

``context`` is the ``leda`` variable of every page's template.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import blocks
from .course import MODULE_DIR, Course, Module
from .plans import PLAN_DIR, agenda
from .problems import Problems
from .site import Site
from .strings import Strings, fill

TEMPLATES = {"module": "leda-module.html", "plans": "leda-plans.html", "plan": "leda-plan.html"}
TOPIC_DIR = "topics"
TOPIC_BOOST = 10  # a topic's page ranks above the pages that only mention its name


def _parts(src_uri: str) -> tuple[str, str] | None:
    parts = src_uri.split("/")
    return (parts[0], parts[1].split(".")[0]) if len(parts) == 2 else None


def module_id(src_uri: str) -> str | None:
    """``modules/<id>.<lang>.md`` is module ``id``; pages in its folder are not."""
    parts = _parts(src_uri)
    return parts[1] if parts and parts[0] == MODULE_DIR else None


def plan_id(src_uri: str) -> str | None:
    """``plans/<id>.<lang>.md`` is plan ``id`` (``index``: the list of plans)."""
    parts = _parts(src_uri)
    return parts[1] if parts and parts[0] == PLAN_DIR else None


def template(src_uri: str) -> str | None:
    """The template a page of Leda's gets unless its front matter names one."""
    if module_id(src_uri):
        return TEMPLATES["module"]
    plan = plan_id(src_uri)
    if plan:
        return TEMPLATES["plans" if plan == "index" else "plan"]
    return None


def render_blocks(markdown: str, src_uri: str, module: Module, lang: str, env) -> str:
    """A module page's Markdown with its blocks rendered through their templates.

    ``/// exercise | id`` becomes partials/leda/exercise.html, ``/// facilitator``
    partials/leda/facilitator.html; ``env`` has Leda's filters and ``t``
    (templates.install_text). The blocks were checked when the course loaded.
    """
    found = blocks.parse(markdown, 1, src_uri, Problems())
    found += commitment_place(markdown, found)

    def render(block: blocks.Block) -> str:
        return env.get_template(f"partials/leda/{block.kind}.html").render(
            exercise=module.exercise(block.arg), module=module, body=block.body, lang=lang
        )

    return blocks.replace(markdown, found, 1, render)


def commitment_place(markdown: str, found: list[blocks.Block]) -> list[blocks.Block]:
    """Where the learner's commitment goes: at the end of "In practice".

    That is just before the heading (``## ``) above the first exercise, the
    anatomy's "Reflection exercises" (shared/module-anatomy.md). It is a block
    that replaces no line (``end`` before ``line``), rendered by
    partials/leda/commitment.html; none when no heading comes before an exercise.
    """
    first = min((b.line for b in found if b.kind == "exercise"), default=None)
    lines = markdown.splitlines()
    for index in range((first or 1) - 2, -1, -1):
        if lines[index].startswith("## "):
            return [blocks.Block("commitment", "", index + 1, index, "")]
    return []


@dataclass
class Generated:
    """A page the build writes itself, at ``path/`` in one language."""

    path: str  # like "modules/x/quiz", without the language
    front: str  # its front matter, YAML
    body: str = ""  # Markdown, after the front matter


def yaml_text(text: str) -> str:
    """``text`` as a double-quoted YAML string."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _front(kind: str, t: Strings, module: Module, lang: str) -> str:
    """A quiz's or a guide's front matter: title, template, module, out of search."""
    title = fill(t[f"{kind}.title"], title=module.text[lang].title)
    return (
        f"title: {yaml_text(title)}\n"
        f"template: leda-{kind}.html\n"
        f"leda_{kind}: {module.id}\n"
        "search:\n  exclude: true\n"
    )


def quiz_pages(course: Course, lang: str, t: Strings) -> list[Generated]:
    """A quiz page for every module with a quiz; answers stay out of the search index."""
    return [
        Generated(f"{MODULE_DIR}/{m.id}/quiz", _front("quiz", t, m, lang))
        for m in course.modules.values()
        if m.quiz is not None
    ]


def shift_headings(markdown: str, top: int) -> str:
    """``markdown`` with its ATX headings moved so the highest is level ``top``.

    A guide puts the facilitator notes under its own h2: the author's ``####``
    notes become ``###``, so no level is skipped. Fenced code is left alone.
    """
    lines = markdown.split("\n")
    fence = None
    levels: list[tuple[int, int]] = []
    for i, line in enumerate(lines):
        stripped = line.lstrip()
        if stripped.startswith(("```", "~~~")):
            mark = stripped[:3]
            fence = None if fence == mark else (fence or mark)
            continue
        if fence is None:
            hashes = len(stripped) - len(stripped.lstrip("#"))
            if 1 <= hashes <= 6 and stripped[hashes : hashes + 1] in (" ", ""):
                levels.append((i, hashes))
    if not levels:
        return markdown
    shift = top - min(level for _, level in levels)
    for i, level in levels:
        stripped = lines[i].lstrip()
        lines[i] = "#" * min(6, level + shift) + stripped[level:]
    return "\n".join(lines)


def guide_pages(course: Course, lang: str, t: Strings) -> list[Generated]:
    """A facilitator guide for every module (its text is on the module page too)."""
    return [
        Generated(
            path=f"{MODULE_DIR}/{m.id}/guide",
            front=_front("guide", t, m, lang),
            body=shift_headings(m.text[lang].facilitator, top=3) + "\n",
        )
        for m in course.modules.values()
    ]


def topic_pages(course: Course, lang: str) -> list[Generated]:
    """A page per topic that a published module lists: its description, then the lists.

    The description is the page's Markdown, so search finds it; the template
    (overrides/leda-topic.html) adds the modules, exercises and glossary term.
    """
    return [
        Generated(
            path=f"{TOPIC_DIR}/{topic.id}",
            front=(
                f"title: {yaml_text(topic.name[lang])}\n"
                "template: leda-topic.html\n"
                f"leda_topic: {topic.id}\n"
                f"search:\n  boost: {TOPIC_BOOST}\n"
            ),
            body=topic.description[lang] + "\n",
        )
        for topic in course.listed_topics()
    ]


def context(site: Site, lang: str, src_uri: str, meta: dict) -> dict:
    """The ``leda`` variable of a page's template.

    Always ``course`` and ``lang``, and ``module`` (None on pages that are not a
    module's); on a quiz page also ``quiz``, on a guide ``module`` (its
    ``runs``, from its front matter, are the guide's agendas), on plan pages
    ``plans`` and, for one plan, ``plan`` and ``agenda``; on a topic's page
    ``topic``, its ``modules`` and ``exercises``.
    """
    course = site.course
    leda: dict = {"course": course, "lang": lang, "module": course.modules.get(meta.get("id", ""))}
    if meta.get("leda_topic"):
        topic = course.topics[meta["leda_topic"]]
        leda.update(
            topic=topic,
            modules=course.topic_modules(topic.id),
            exercises=course.topic_exercises(topic.id),
        )
    if meta.get("leda_guide"):
        leda.update(module=course.modules[meta["leda_guide"]])
    if meta.get("leda_quiz"):
        module = course.modules[meta["leda_quiz"]]
        leda.update(module=module, quiz=module.quiz)
    plan = plan_id(src_uri)
    if plan:
        leda["plans"] = list(site.plans.values())
        if plan in site.plans:
            leda.update(
                plan=site.plans[plan],
                agenda=agenda(site.plans[plan].blocks, site.plans[plan].start),
            )
    return leda
