"""What Leda's templates (overrides/) get from the build, in one place.

Filters:

- ``leda_inline``, ``leda_markdown``: safe Markdown for texts from data files (markup.py)
- ``fill``: a text's placeholders filled in, ``t["course.minutes"] | fill(n=20)``
- ``script_strings``: the texts scripts read, for the page's ``#leda-strings``
- ``leda_url`` (hooks/languages.py, through the adapter): a path in the page's language

Globals:

- ``t``: the interface text of the build's language (strings.py)
- ``leda_languages``: every language, ``{code, prefix, t}``, default first (404.html)
- ``leda_alternates(url)``: the page at ``url`` in every language (languages.py)
- ``leda_brand``: the organisation's brand (branding.py), for the footer's contact
- ``leda_version``: the course's version, build date and commit (version.py)

and on pages the variable ``leda`` (pages.py: the course, the module, the quiz...).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from .languages import alternates, prefix
from .markup import block, inline
from .strings import Strings, fill, for_scripts
from .version import of as course_version


@dataclass(frozen=True)
class Language:
    code: str
    prefix: str  # where its pages are below the site's root: "" or "en/"
    t: Strings


def install_text(env, build) -> None:
    """The filters and the interface text: all that the blocks in module pages need."""
    env.filters.update(
        leda_inline=inline, leda_markdown=block, fill=fill, script_strings=for_scripts
    )
    env.globals["t"] = build.strings


def install(env, build, site_url: str | None) -> None:
    """Everything above in ``env``, the Jinja environment of ``build``'s pages."""
    install_text(env, build)
    env.globals.update(
        leda_languages=[
            Language(code, prefix(code, build.languages), build.strings_of[code])
            for code in build.languages
        ],
        leda_alternates=partial(
            alternates,
            languages=build.languages,
            names=build.settings.names,
            site_url=site_url,
            current=build.lang,
        ),
        leda_brand=build.brand,
        leda_version=course_version(build.settings.root),
    )
