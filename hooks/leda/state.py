"""What the hooks of a build share: one object, ``STATE``, begun anew for every language.

mkdocs-static-i18n builds the site once per language: the default language's
build runs the other languages' builds inside its own ``on_post_build`` event,
with the same configuration object, switched to each language in turn. So the
builds nest, and each language's build begins with a fresh ``LanguageBuild``:

- hooks/languages.py ``on_config`` calls ``STATE.begin`` (after
  mkdocs-static-i18n has switched the configuration to the language). The
  default language's build is a whole new build, so it also drops whatever an
  earlier build (``./leda serve`` rebuilds; one that failed) left behind.
- the hooks read and write ``STATE.current`` in the order of the table in
  hooks/leda/__init__.py.
- hooks/languages.py ``on_post_build`` calls ``STATE.end``; the language's build
  around it (if any) is current again for the rest of its own ``on_post_build``.

Nothing here knows MkDocs; hooks/leda/adapter.py reads ``Settings`` from MkDocs'
configuration.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from .branding import Brand
from .configfiles import ConfigFiles
from .offline import Pages
from .site import Site, SiteInputs, load_site
from .strings import Strings, load_strings
from .templates import install_text


@dataclass(frozen=True)
class Settings:
    """What a language's build reads from the configuration."""

    lang: str  # the language of this build
    languages: tuple[str, ...]  # every language, the default first
    root: Path  # the project folder (where mkdocs.yml is)
    docs_dir: Path
    config_file: Path  # the file that is built: mkdocs.yml or organisation.yml
    leda: dict = field(default_factory=dict)  # extra.leda as MkDocs merged it
    names: dict[str, str] = field(default_factory=dict)  # each language's own name
    offline: bool = False  # ./leda offline: the copy that works from disk

    @property
    def default(self) -> str:
        return self.languages[0]

    @cached_property
    def files(self) -> ConfigFiles:
        """Where each setting is written, for messages."""
        return ConfigFiles(self.config_file, self.root)

    def site_inputs(self) -> SiteInputs:
        return SiteInputs(
            root=self.root,
            docs_dir=self.docs_dir,
            languages=self.languages,
            tracks=self.leda.get("tracks"),
            publish=self.leda.get("publish"),
            files=self.files,
        )


class StageError(RuntimeError):
    """A hook read something that an earlier stage of the build had not made yet."""


class LanguageBuild:
    """One language's build: its settings and what the hooks have made of them so far."""

    def __init__(self, settings: Settings, env):
        self.settings = settings
        # The theme's Jinja environment for the blocks in module pages: pages are
        # rendered (on_page_markdown) before MkDocs hands out its own in on_env.
        self.env = env
        self.strings_of: dict[str, Strings] = {
            lang: load_strings(env, lang) for lang in settings.languages
        }
        install_text(env, self)
        self.brand = Brand()  # hooks/branding.py on_config
        self._site: Site | None = None  # load(), in hooks/course.py on_pre_build
        self.left_out_urls: set[str] = set()  # hooks/branding.py on_files
        self.pages: Pages | None = None  # hooks/offline.py on_env (the offline copy)
        self.statement = None  # hooks/statement.py on_pre_build (leda.statement.Statement)
        self.preview = None  # hooks/meta.py on_config (leda.meta.Preview)

    @property
    def lang(self) -> str:
        return self.settings.lang

    @property
    def languages(self) -> tuple[str, ...]:
        return self.settings.languages

    @property
    def default(self) -> str:
        return self.settings.default

    @property
    def strings(self) -> Strings:
        """The interface text of this build's language."""
        return self.strings_of[self.lang]

    def load(self, loader=load_site) -> Site:
        """Load the site (``leda.site.load_site`` of the settings); ``loader`` may cache."""
        self._site = loader(self.settings.site_inputs())
        return self._site

    @property
    def site(self) -> Site:
        if self._site is None:
            raise StageError(
                "the course is not loaded yet: hooks/course.py loads it in on_pre_build "
                "(see the pipeline in hooks/leda/__init__.py)"
            )
        return self._site


class BuildState:
    """The language builds under way, innermost last."""

    def __init__(self):
        self._builds: list[LanguageBuild] = []

    def begin(self, settings: Settings, env: Any) -> LanguageBuild:
        if settings.lang == settings.default:
            self._builds.clear()  # a new build: nothing from the last one
        build = LanguageBuild(settings, env)
        self._builds.append(build)
        return build

    def end(self) -> LanguageBuild:
        """The language build that ends, which is no longer current."""
        if not self._builds:
            raise StageError("no language build to end: hooks/languages.py begins them")
        return self._builds.pop()

    @property
    def current(self) -> LanguageBuild:
        if not self._builds:
            raise StageError(
                "no build under way: hooks/languages.py begins each language's build in "
                "on_config (see the pipeline in hooks/leda/__init__.py)"
            )
        return self._builds[-1]


STATE = BuildState()
