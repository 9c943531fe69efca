"""What the hooks of one build share.

MkDocs runs each hook module on its own; hooks/course.py loads the course in
``on_pre_build`` (once per language build) and the other hooks read it here.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment

from .course import Course

course: Course | None = None
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
