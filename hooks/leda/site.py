"""What the hooks of one build share.

MkDocs runs each hook module on its own; hooks/course.py loads the course in
``on_pre_build`` (once per language build) and the other hooks read it here.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment
from mkdocs.structure.files import File

from .course import Course

course: Course | None = None
plans: dict = {}  # plan id -> leda.plans.Plan, set by hooks/plans.py
env: Environment | None = None  # the theme's Jinja environment, for rendering blocks


def root(config) -> Path:
    """The project folder: where mkdocs.yml is."""
    return Path(config.config_file_path).resolve().parent


def language(config) -> str:
    """The language of the build that is running (mkdocs-static-i18n sets it per build)."""
    return config.theme["language"]


def languages(config) -> tuple[str, ...]:
    return tuple(config.extra.get("leda", {}).get("languages", ("sv", "en")))


def strings(env: Environment, lang: str) -> dict[str, str]:
    """Leda's interface text in ``lang``, from overrides/partials/leda/lang/<lang>.html."""
    return env.get_template(f"partials/leda/lang/{lang}.html").module.strings


def generated_page(config, path: str, front: str, body: str = "") -> File:
    """A page the build writes itself, at ``<lang>/<path>/`` in the running language.

    Made after mkdocs-static-i18n has picked the language's files (it drops
    generated files it sees) and given the attributes its later events expect.
    """
    lang = language(config)
    prefix = "" if lang == languages(config)[0] else f"{lang}/"
    file = File.generated(config, f"{path}.{lang}.md", content=f"---\n{front}---\n{body}")
    file.dest_uri = f"{prefix}{path}/index.html"
    file.locale = file.locale_alternate_of = file.localization = lang
    file.alternates = {lang: file}
    file.norm_src_uri = f"{path}.md"
    return file


def yaml_text(text: str) -> str:
    """``text`` as a double-quoted YAML string."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
