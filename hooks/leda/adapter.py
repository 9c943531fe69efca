"""The one module in hooks/leda/ that knows MkDocs (tests/test_pipeline.py checks).

Everything MkDocs-specific the hooks share is here: reading Leda's ``Settings``
from MkDocs' configuration, turning Leda's errors into MkDocs' ``PluginError``,
making generated pages, reading front matter, and turning Leda's navigation and
links into MkDocs' own. The rest of hooks/leda/ works on plain data, so another
site engine would need another adapter and new hook files, not a new course.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import pairwise
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils import normalize_url
from mkdocs.utils.meta import get_data

from .languages import prefix
from .nav import KINDS, NavPage, NavSection, NavTree, flatten
from .pages import Generated, module_id
from .problems import CourseError
from .state import LanguageBuild, Settings

_log = get_plugin_logger("leda")


def warn(message: str) -> None:
    """A problem that does not stop the build but fails ``--strict``."""
    _log.warning(message)


I18N = "i18n"  # mkdocs-static-i18n's name in mkdocs.yml's plugins


def _i18n_languages(config: MkDocsConfig) -> list:
    plugin = config.plugins.get(I18N)
    return list(plugin.config.languages) if plugin is not None else []


def languages(config: MkDocsConfig) -> tuple[str, ...]:
    """``extra.leda.languages`` (the default first), else mkdocs-static-i18n's languages."""
    configured = config.extra.get("leda", {}).get("languages")
    if configured:
        return tuple(configured)
    found = sorted(_i18n_languages(config), key=lambda lang: not lang.default)
    if not found:
        raise PluginError("Leda needs its languages: set extra.leda.languages in mkdocs.yml")
    return tuple(lang.locale for lang in found)


def offline_enabled(config: MkDocsConfig) -> bool:
    """``./leda offline``: Material's offline plugin is on (LEDA_OFFLINE=true)."""
    for name in ("material/offline", "offline"):
        plugin = config.plugins.get(name)
        if plugin is not None:
            return bool(plugin.config.enabled)
    return False


def settings(config: MkDocsConfig) -> Settings:
    """What a language's build reads from ``config``, once mkdocs-static-i18n has set the
    configuration to that language (the theme's language is the build's)."""
    config_file = Path(config.config_file_path).resolve()
    return Settings(
        lang=config.theme["language"],
        languages=languages(config),
        root=config_file.parent,
        docs_dir=Path(config.docs_dir),
        config_file=config_file,
        leda=config.extra.get("leda", {}),
        names={lang.locale: lang.name for lang in _i18n_languages(config)},
        offline=offline_enabled(config),
    )


@contextmanager
def reported() -> Iterator[None]:
    """Leda's problems (``CourseError``, ``SettingsError``) stop the build with every one."""
    try:
        yield
    except CourseError as err:
        raise PluginError(str(err)) from None


def generated_page(config: MkDocsConfig, build: LanguageBuild, page: Generated) -> File:
    """A page the build writes itself, at ``<lang>/<path>/`` in the build's language.

    Made after mkdocs-static-i18n has picked the language's files (it drops
    generated files it sees) and given the attributes its later events expect.
    """
    lang = build.lang
    file = File.generated(
        config, f"{page.path}.{lang}.md", content=f"---\n{page.front}---\n{page.body}"
    )
    file.dest_uri = f"{prefix(lang, build.languages)}{page.path}/index.html"
    file.locale = file.locale_alternate_of = file.localization = lang
    file.alternates = {lang: file}
    file.norm_src_uri = f"{page.path}.md"
    return file


def replace_generated(config: MkDocsConfig, files: Files, path: str, content: str) -> None:
    """``path`` in ``files`` becomes a file the build writes with ``content``."""
    old = files.get_file_from_path(path)
    if old is not None:
        files.remove(old)
    files.append(File.generated(config, path, content=content))


def exclude(file: File) -> None:
    """``file`` is not built: no page, no search entry, no sitemap entry."""
    file.inclusion = InclusionLevel.EXCLUDED


def front_matter(page: Page) -> dict:
    """A page's front matter, also before MkDocs has read the page."""
    if page.meta:
        return page.meta
    try:
        return get_data(page.file.content_string)[1]
    except (OSError, ValueError):
        return {}


_AUDIENCE_LINE = re.compile(r"^audience\s*:", re.M)


def _audience_line(file: File) -> int:
    """The line of ``audience:`` in the page's front matter (1 if none)."""
    try:
        text = file.content_string
    except OSError:
        return 1
    found = _AUDIENCE_LINE.search(text)
    return text.count("\n", 0, found.start()) + 1 if found else 1


def nav_pages(files: Files) -> list[NavPage]:
    """The pages the navigation arranges: every page from docs/, and of the pages the
    build makes those that have a place in it (quizzes, guides, topics: ``nav.KINDS``).
    The other pages the build makes have no previous and next."""
    out = []
    for file in files.documentation_pages():
        page = file.page
        if page is None:
            continue
        meta = front_matter(page)
        kind = next((k for k in KINDS if meta.get(f"leda_{k}")), None)
        if getattr(file, "generated_by", None):
            page.previous_page = page.next_page = None
            if kind is None:
                continue
        out.append(
            NavPage(
                src_uri=file.src_uri,
                is_index=page.is_index,
                meta=meta,
                module=meta.get(f"leda_{kind}")
                if kind in ("quiz", "guide")
                else module_id(file.src_uri),
                ref=page,
                kind=kind,
                audience_line=_audience_line(file) if "audience" in meta else 1,
            )
        )
    return out


def navigation(tree: NavTree, pages: list[NavPage]) -> Navigation:
    """Leda's navigation as MkDocs' own, with each page's previous and next.

    Each section of the top level carries its audience (``leda_audience``), for
    the templates; a page that is not in the sidebar (a quiz) carries the page it
    belongs to (``leda_owner``), which ``owner_active`` opens in the sidebar.
    """

    def convert(item: NavPage | NavSection):
        if isinstance(item, NavPage):
            return item.ref
        section = Section(item.title, [convert(child) for child in item.children])
        section.leda_audience = item.audience
        for child in section.children:
            child.parent = section
        return section

    for page in pages:
        page.ref.previous_page = page.ref.next_page = None
        page.ref.leda_owner = None
    for sequence in tree.sequences:
        for before, after in pairwise(sequence):
            before.ref.next_page, after.ref.previous_page = after.ref, before.ref
    for hidden, owner in tree.owners:
        hidden.ref.leda_owner = owner.ref
    items = [convert(item) for item in tree.items]
    return Navigation(items, [p.ref for p in flatten(tree.items)])


def owner_active(page: Page, active: bool) -> None:
    """Mark the page that ``page`` belongs to (``navigation``) as the sidebar's open one
    while ``page`` is rendered, and no longer afterwards."""
    owner = getattr(page, "leda_owner", None)
    if owner is not None:
        owner.active = active


def page_language(page: Page, build: LanguageBuild) -> str:
    return getattr(page.file, "locale", None) or build.lang


def localized_url(build: LanguageBuild, context, path: str) -> str:
    """``'modules/x/' | leda_url``: the page at ``path`` in the page's own language.

    MkDocs' ``url`` filter takes paths from the site's root, which is the default
    language: on an English page it would lead to the Swedish page.
    """
    page = context.get("page")
    lang = page_language(page, build) if page else build.lang
    path = prefix(lang, build.languages) + path
    if page is not None:
        return normalize_url(path, page=page)
    return normalize_url(path, base=context.get("base_url", ""))


def load_config(config_file: Path) -> dict:
    """The MkDocs configuration with ``INHERIT:`` resolved, as MkDocs reads it (``!ENV``)."""
    from mkdocs.utils.yaml import yaml_load

    with open(config_file, "rb") as f:
        return yaml_load(f) or {}
