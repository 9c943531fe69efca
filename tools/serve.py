"""``./leda serve``: the engine's live-reloading server, with fresh hooks and fast rebuilds.

    .venv/bin/python tools/serve.py [--lang sv] [serve options of the engine]

It runs the engine's own ``serve --strict`` (MkDocs or ProperDocs, LEDA_ENGINE), with
these changes, all in this process and none in the site's configuration:

- **Hooks are fresh on every rebuild.** MkDocs imports each hook file once
  (``Hooks._load_hook`` is cached) and the ``leda`` package stays imported, so an
  edited hook would rebuild with the old code. Before each rebuild, every module
  loaded from the project (``hooks/``, ``hooks/leda/``) is forgotten and imported
  again. ``overrides/`` is watched too.
- **Edits are seen sooner**: files are polled every 0.1 s instead of 0.5 s.
- **Work that cannot change is reused** (see ``Rebuilds``): Jinja's compiled
  templates (checked against their source), each page's Markdown converted to
  HTML (keyed on its full input: the Markdown after the hooks, the site's files
  and the Markdown settings), each page's finished HTML when nothing that page
  can see has changed, the theme's file list, Material's search entries of an
  unchanged page, YAML parsed from the same text; mkdocs-static-i18n's removal of
  search entries found in two languages runs its own loop only where there is a
  twin. Every rebuild still runs every hook and every check, so an error is
  reported as in ``./leda build``; the output is the one a full build of the same
  sources writes (tests/test_serve.py compares them).
- ``--lang sv`` builds only the default language, for a quicker preview of a
  large course (mkdocs-static-i18n always builds the default language: it is the
  site's root).

``./leda build`` and ``./leda test`` never use any of this: they are full builds.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
import hashlib
import importlib
import logging
import os
import pickle
import re
import sys
import types
from pathlib import Path, PurePath

POLL_SECONDS = 0.1  # MkDocs polls every 0.5 s
SETTLE_SECONDS = 0.05  # wait for more changes this long before rebuilding (MkDocs: 0.1 s)


# --- Fingerprints ---------------------------------------------------------------------------


class Fingerprint:
    """A digest of a structure of plain data, dataclasses and objects, walked in order.

    Engine objects (pages, files, config, the Jinja environment) are represented by
    what identifies them, so a walk stays small; anything unknown is represented by
    its identity, which never matches another build's: the comparison then fails and
    the work is done again. A fingerprint can only be wrong by being too cautious.
    """

    def __init__(self, engine_types: dict[type, str], own_modules: frozenset[str] = frozenset()):
        self.engine_types = engine_types
        self.own_modules = own_modules  # objects of these modules' classes are walked
        self.hash = hashlib.blake2b(digest_size=16)
        self.seen: dict[int, int] = {}
        self.keep: list[object] = []  # keeps walked objects alive, so ids stay unique

    def digest(self) -> bytes:
        return self.hash.digest()

    def put(self, text: str) -> None:
        self.hash.update(text.encode("utf-8", "surrogatepass"))
        self.hash.update(b"\x00")

    def add(self, value: object) -> Fingerprint:
        if value is None or isinstance(value, bool | int | float | complex):
            self.put(repr(value))
            return self
        if isinstance(value, str | bytes):
            self.put(type(value).__name__ + ":" + str(len(value)))
            self.put(value if isinstance(value, str) else value.hex())
            return self
        if isinstance(value, PurePath | enum.Enum | re.Pattern):
            self.put(repr(value))
            return self
        key = id(value)
        if key in self.seen:  # shared or cyclic: refer back
            self.put(f"@{self.seen[key]}")
            return self
        self.seen[key] = len(self.seen)
        self.keep.append(value)
        kind = type(value)
        for engine_type, how in self.engine_types.items():
            if isinstance(value, engine_type):
                self.put(f"<{how}>")
                if how == "file":
                    self.add((value.src_uri, value.dest_uri, value.url))
                elif how == "page":
                    self.add((value.file.src_uri, value.url, value.title))
                return self
        if isinstance(value, types.ModuleType):
            self.put(f"module {value.__name__}")
        elif isinstance(value, type):
            self.put(f"class {value.__module__}.{value.__qualname__}")
        elif isinstance(value, types.FunctionType | types.BuiltinFunctionType | types.MethodType):
            # Code is checked by the files' fingerprint; a bound method by its object too.
            self.put(f"function {getattr(value, '__module__', '')}.{value.__qualname__}")
            if isinstance(value, types.MethodType):
                self.add(value.__self__)
        elif isinstance(value, functools.partial):
            self.put("partial")
            self.add((value.func, value.args, value.keywords))
        elif isinstance(value, types.GeneratorType | types.CoroutineType):
            self.put(f"generator {value.__qualname__}")  # a parser's working state
        elif isinstance(value, logging.Logger | logging.LoggerAdapter):
            self.put(f"logger {getattr(value, 'name', '')}")
        elif isinstance(value, list | tuple):
            self.put(f"{kind.__name__}[{len(value)}]")
            for item in value:
                self.add(item)
        elif isinstance(value, dict) or _is_mapping(value):
            self.put(f"{kind.__name__}{{{len(value)}}}")
            for k, v in value.items():
                self.add(k)
                self.add(v)
        elif isinstance(value, set | frozenset):
            parts = sorted(
                Fingerprint(self.engine_types, self.own_modules).add(item).digest()
                for item in value
            )
            self.put(f"set[{len(parts)}]" + "".join(p.hex() for p in parts))
        elif dataclasses.is_dataclass(value):
            self.put(f"dataclass {kind.__module__}.{kind.__qualname__}")
            for f in dataclasses.fields(value):
                self.put(f.name)
                self.add(getattr(value, f.name, None))
        elif kind.__module__ not in self.own_modules:
            # A library's object held by a hook (a YAML loader, a compiled pattern): a tool,
            # not the build's data; what it was made from is in the files' fingerprint.
            self.put(f"object {kind.__module__}.{kind.__qualname__}")
        elif hasattr(value, "__dict__") or hasattr(kind, "__slots__"):
            self.put(f"object {kind.__module__}.{kind.__qualname__}")
            state = dict(getattr(value, "__dict__", {}))
            for slot in getattr(kind, "__slots__", ()):
                state[slot] = getattr(value, slot, None)
            self.add(state)
        else:  # unknown: its identity, so it matches nothing of another build
            self.put(f"opaque {kind.__qualname__} {id(value)}")
        return self


def _digest(value: object, engine_types: dict, own: frozenset[str]) -> bytes:
    """Plain data (a course of dataclasses) through pickle, which is quick; the rest walked."""
    kind = type(value)
    plain = kind in (dict, list, tuple, str, int, float, bool, type(None), set, frozenset)
    if not plain and not dataclasses.is_dataclass(value) and kind.__module__ not in own:
        return Fingerprint(engine_types, own).add(value).digest()  # a library's object
    try:
        data = pickle.dumps(value, protocol=5)
    except Exception:  # engine objects, functions, generators: walk them
        return Fingerprint(engine_types, own).add(value).digest()
    if b"mkdocs" in data or b"properdocs" in data or b"jinja2" in data:
        return Fingerprint(engine_types, own).add(value).digest()  # engine objects inside
    return b"p" + hashlib.blake2b(data, digest_size=15).digest()


def _is_mapping(value: object) -> bool:
    return hasattr(value, "items") and hasattr(value, "keys") and hasattr(value, "__getitem__")


def files_fingerprint(paths: list[Path], skip_markdown_in: Path | None) -> bytes:
    """Names, sizes and modification times of every file under ``paths``."""
    digest = hashlib.blake2b(digest_size=16)
    for top in paths:
        if not top.exists():
            digest.update(f"missing {top}\0".encode())
            continue
        found = [top] if top.is_file() else sorted(p for p in top.rglob("*") if p.is_file())
        for path in found:
            if "__pycache__" in path.parts:
                continue
            if skip_markdown_in and path.suffix == ".md" and path.is_relative_to(skip_markdown_in):
                continue  # pages are compared one by one, on their content
            stat = path.stat()
            digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    return digest.digest()


# --- Reuse between rebuilds -----------------------------------------------------------------


class Rebuilds:
    """What one rebuild can take over from the one before, and the counts of what it did.

    ``render``: a page's Markdown converted to HTML (``Page.render``), keyed on all of
    its input; the log records it wrote are written again when it is reused.

    ``pages``: a page's finished HTML, reused when the page itself (its content, table
    of contents, front matter, title, address, neighbours) and everything it can see
    are as in the previous build: the project's files other than the pages (hooks,
    templates, configuration, quizzes, assets), the state the hooks hold, the
    configuration, the Jinja globals, the site's files and every page's title and
    front matter. The page's context events still run (the search index needs them).
    """

    def __init__(self, engine: str, root: Path):
        self.engine = engine
        self.root = root
        self.render_prev: dict = {}
        self.render_now: dict = {}
        self.pages_prev: dict = {}  # build key -> (gate, {src_uri: (page digest, output)})
        self.pages_now: dict = {}
        self.search_prev: dict = {}
        self.search_now: dict = {}
        self.yaml_prev: dict = {}
        self.yaml_now: dict = {}
        self.stack: list[dict] = []  # the builds under way (one per language, nested)
        self.inputs: list[Path] = []  # what the hooks and templates read, besides pages
        self.docs_dir: Path | None = None
        self.stats: dict[str, int] = {}
        self._files_digest: tuple[object, int, bytes] | None = None
        self._last_parts: dict = {}

    # The engine's modules are imported here, after ProperDocs has aliased them if needed.
    def install(self) -> None:
        import jinja2
        from mkdocs import utils
        from mkdocs.commands import build as build_module
        from mkdocs.config.base import Config
        from mkdocs.plugins import BasePlugin
        from mkdocs.structure.files import File, Files
        from mkdocs.structure.nav import Navigation, Section
        from mkdocs.structure.pages import Page
        from mkdocs.theme import Theme

        self.utils = utils
        self.engine_types = {
            Page: "page",
            File: "file",
            Files: "files",
            Navigation: "nav",
            Section: "section",
            Config: "config",
            Theme: "theme",
            BasePlugin: "plugin",
            jinja2.Environment: "jinja-environment",
            jinja2.Template: "jinja-template",
        }
        rebuilds = self

        original_build = build_module.build

        @functools.wraps(original_build)
        def build(config, *args, **kwargs):
            if not rebuilds.stack:
                rebuilds.stats = dict.fromkeys(
                    ("render_reused", "render_done", "pages_reused", "pages_done"), 0
                )
            rebuilds.stack.append({"key": None})
            try:
                original_build(config, *args, **kwargs)
            except BaseException:
                # Keep what the last good build left: every reuse is checked against it.
                if len(rebuilds.stack) == 1:
                    rebuilds.forget(keep_previous=True)
                raise
            finally:
                rebuilds.stack.pop()
            if not rebuilds.stack:
                rebuilds.forget(keep_previous=False)
                rebuilds.report()

        build_module.build = build

        original_render = Page.render

        @functools.wraps(original_render)
        def render(page, config, files):
            rebuilds.render_page(original_render, page, config, files)

        Page.render = render

        original_build_page = build_module._build_page

        @functools.wraps(original_build_page)
        def build_page(page, config, doc_files, nav, env, dirty=False, excluded=False):
            rebuilds.build_page(original_build_page, page, config, doc_files, nav, env, excluded)

        build_module._build_page = build_page

        original_get_env = Theme.get_env
        templates = TemplateCache()

        @functools.wraps(original_get_env)
        def get_env(theme):
            env = original_get_env(theme)
            env.bytecode_cache = templates
            return env

        Theme.get_env = get_env
        self.get_context = build_module.get_context
        self.install_theme_listing(Files)
        self.install_search_index()
        self.install_yaml()
        self.install_i18n_search()

    def install_theme_listing(self, files_class) -> None:
        """The theme's static files, listed once: Material's own never change while serving.

        Listing them walks thousands of icons. The list is made again when the theme's
        folders, static templates or Markdown suffixes differ, or a file changes in a
        theme folder inside the project (overrides/).
        """
        from mkdocs import utils
        from mkdocs.structure.files import File

        original = files_class.add_files_from_theme
        listings: dict = {}
        rebuilds = self

        @functools.wraps(original)
        def add_files_from_theme(files, env, config):
            dirs = tuple(config.theme.dirs)
            own = [Path(d) for d in dirs if Path(d).resolve().is_relative_to(rebuilds.root)]
            key = (
                dirs,
                files_fingerprint(own, None),
                tuple(sorted(config.theme.static_templates)),
                tuple(utils.markdown_extensions),
            )
            if key not in listings:
                probe = files_class([])
                original(probe, env, config)  # the engine's own listing, into an empty set
                if len(listings) > 8:  # one per language and theme change; old ones go
                    listings.pop(next(iter(listings)))
                listings[key] = [(f.src_uri, f.src_dir) for f in probe]
            for path, src_dir in listings[key]:
                if files.get_file_from_path(path) is None:  # the docs' own files win
                    files.append(File(path, src_dir, config.site_dir, config.use_directory_urls))

        files_class.add_files_from_theme = add_files_from_theme

    def install_search_index(self) -> None:
        """Material's search entries for a page, reused when the page is the same."""
        try:
            from material.plugins.search.plugin import SearchIndex
        except ImportError:  # another theme: nothing to reuse
            return
        original = SearchIndex.add_entry_from_context
        rebuilds = self

        @functools.wraps(original)
        def add_entry_from_context(index, page):
            key = (
                page.url,
                page.title,
                page.content,
                repr(_toc_summary(page.toc)),
                _digest(page.meta, rebuilds.engine_types, frozenset()),
                repr(sorted(index.config.items())),
            )
            entries = rebuilds.search_now.get(key) or rebuilds.search_prev.get(key)
            if entries is None:
                before = len(index.entries)
                original(index, page)
                entries = [dict(e) for e in index.entries[before:]]
            else:
                index.entries.extend(dict(e) for e in entries)
            rebuilds.search_now[key] = entries

        SearchIndex.add_entry_from_context = add_entry_from_context

    def install_i18n_search(self) -> None:
        """mkdocs-static-i18n's removal of search entries that are in two languages, made quick.

        It compares every entry of the default language with every other entry (seconds
        with 200 modules). Here its own loop runs only for the entries that have a twin
        with the same title and text, in the same order, so it removes exactly what it
        removes in a full build.
        """
        try:
            from mkdocs_static_i18n.reconfigure import ExtendedPlugin
        except ImportError:
            return
        original = ExtendedPlugin.reconfigure_search_duplicates

        @functools.wraps(original)
        def reconfigure_search_duplicates(plugin, entries):
            prefixes = tuple(f"{lang}/" for lang in plugin.build_languages)
            others = [e["location"].startswith(prefixes) for e in entries]
            first_other = others.index(True) if True in others else len(entries)
            if any(others[:first_other]) or not all(others[first_other:]):
                return original(plugin, entries)  # not in the order it builds them: its way
            defaults, targets = entries[:first_other], entries[first_other:]
            twins = {(e["title"], e["text"]) for e in targets}
            for default in defaults:
                if (default["title"], default["text"]) not in twins:
                    continue  # its loop would find nothing
                duplicated = filter(
                    lambda x, d=default: (
                        x["title"] == d["title"]
                        and x["location"].endswith(d["location"])
                        and x["text"] == d["text"]
                    ),
                    targets,
                )
                for entry in duplicated:
                    entries.remove(entry)
                    targets.remove(entry)

        ExtendedPlugin.reconfigure_search_duplicates = reconfigure_search_duplicates

    def install_yaml(self) -> None:
        """YAML text parsed once: the same text gives the same nodes and data.

        ``yaml.compose`` and ``yaml.load`` with PyYAML's own safe loaders, on text, are
        kept per text; ``load`` hands out a copy each time, as the data may be changed.
        """
        import yaml

        loaders = {yaml.SafeLoader, yaml.BaseLoader, getattr(yaml, "CSafeLoader", yaml.SafeLoader)}
        rebuilds = self
        original_compose, original_load = yaml.compose, yaml.load

        @functools.wraps(original_compose)
        def compose(stream, Loader=yaml.Loader):
            if not isinstance(stream, str) or Loader not in loaders:
                return original_compose(stream, Loader)
            key = ("compose", stream, Loader)
            node = rebuilds.yaml_now.get(key) or rebuilds.yaml_prev.get(key)
            if node is None:
                node = original_compose(stream, Loader)
            rebuilds.yaml_now[key] = node
            return node

        @functools.wraps(original_load)
        def load(stream, Loader):
            if not isinstance(stream, str) or Loader not in loaders:
                return original_load(stream, Loader)
            key = ("load", stream, Loader)
            if key in rebuilds.yaml_now or key in rebuilds.yaml_prev:
                data = rebuilds.yaml_now.get(key, rebuilds.yaml_prev.get(key))
            else:
                data = original_load(stream, Loader)
            rebuilds.yaml_now[key] = data
            return _copy(data)

        yaml.compose, yaml.load = compose, load

    def forget(self, keep_previous: bool) -> None:
        """After a build: what it made becomes the base of the next (unless it failed)."""
        for name in ("render", "pages", "search", "yaml"):
            if not keep_previous:
                setattr(self, f"{name}_prev", getattr(self, f"{name}_now"))
            setattr(self, f"{name}_now", {})

    # --- Markdown -----------------------------------------------------------------------

    def files_digest(self, files) -> bytes:
        cached = self._files_digest
        if cached and cached[0] is files and cached[1] == len(files):
            return cached[2]
        rows = [(f.src_uri, f.dest_uri, f.url, str(f.inclusion)) for f in files]
        digest = _digest(rows, self.engine_types, frozenset())
        self._files_digest = (files, len(files), digest)
        return digest

    def render_page(self, original, page, config, files) -> None:
        build = self.stack[-1] if self.stack else {}
        if "markdown" not in build:  # the Markdown settings of this build (language)
            settings = (
                config["markdown_extensions"],
                config["mdx_configs"],
                config["validation"],
                config["use_directory_urls"],
                self.code_digest(),
                logging.getLogger(self.engine).getEffectiveLevel(),
            )
            build["markdown"] = Fingerprint(self.engine_types).add(settings).digest()
        key = (
            page.file.src_uri,
            page.file.dest_uri,
            page.file.url,
            page.markdown,
            self.files_digest(files),
            build["markdown"],
        )
        done = self.render_now.get(key) or self.render_prev.get(key)
        if done is not None:
            self.stats["render_reused"] += 1
            self.render_now[key] = done
            page.content = done["content"]
            page.toc = _copy(done["toc"])
            page._title_from_render = done["title"]
            page.present_anchor_ids = set(done["anchors"])
            if done["links"] is not None:
                by_uri = {f.src_uri: f for f in files}
                page.links_to_anchors = {by_uri[uri]: dict(v) for uri, v in done["links"].items()}
            for record in done["log"]:
                logging.getLogger(record.name).handle(record)
            return
        self.stats["render_done"] += 1
        with _Records() as records:
            original(page, config, files)
        links = getattr(page, "links_to_anchors", None)
        self.render_now[key] = {
            "content": page.content,
            "toc": _copy(page.toc),
            "title": page._title_from_render,
            "anchors": frozenset(page.present_anchor_ids or ()),
            "links": None if links is None else {f.src_uri: dict(v) for f, v in links.items()},
            "log": records.records,
        }

    # --- Pages --------------------------------------------------------------------------

    def code_digest(self) -> bytes:
        """Project files that are code or data to the hooks and templates (pages excluded)."""
        build = self.stack[-1] if self.stack else {}
        if "code" not in build:
            build["code"] = files_fingerprint(self.inputs, self.docs_dir)
        return build["code"]

    def gate(self, key, config, doc_files, nav, env) -> bytes:
        """Everything a page can see besides itself, as one digest."""
        parts: dict[str, object] = {
            "code": self.code_digest(),
            "config": {k: v for k, v in config.items() if k != "plugins"},
            "theme": getattr(config.theme, "_vars", None),
            "plugins": {  # hook modules are there too, without a config
                name: dict(getattr(plugin, "config", None) or {})
                for name, plugin in config["plugins"].items()
            },
            "jinja": (dict(env.globals), sorted(env.filters)),
            "files": self.files_digest(list(doc_files)),
            "pages": [_page_summary(f.page) for f in doc_files],
            "nav": _nav_summary(nav.items),
        }
        for module in project_modules(self.root):
            for name, value in sorted(vars(module).items()):
                if not name.startswith("__") and not isinstance(
                    value, types.ModuleType | type | types.FunctionType
                ):
                    parts[f"{module.__name__}.{name}"] = value
        own = frozenset(m.__name__ for m in project_modules(self.root))
        digests = {name: _digest(v, self.engine_types, own) for name, v in parts.items()}
        if os.environ.get("LEDA_SERVE_DEBUG"):  # what keeps pages from being reused
            last = self._last_parts.get(key, {})
            changed = [name for name, d in digests.items() if last.get(name) != d]
            logging.getLogger(f"{self.engine}.leda").info(f"changed since last build: {changed}")
            self._last_parts[key] = digests
        return hashlib.blake2b(b"".join(digests.values()), digest_size=16).digest()

    def build_page(self, original, page, config, doc_files, nav, env, excluded) -> None:
        build = self.stack[-1]
        if build["key"] is None:
            build["key"] = (str(config.site_dir), str(config.theme["language"]))
            build["gate"] = self.gate(build["key"], config, doc_files, nav, env)
            before = self.pages_prev.get(build["key"])
            build["before"] = before[1] if before and before[0] == build["gate"] else {}
            self.pages_now[build["key"]] = (build["gate"], {})
        now = self.pages_now[build["key"]][1]
        mine = hashlib.blake2b(digest_size=16)
        mine.update(_digest(_page_detail(page, excluded), self.engine_types, frozenset()))
        mine.update((page.content or "").encode("utf-8", "surrogatepass"))
        digest = mine.digest()
        before = build["before"].get(page.file.src_uri)
        if before is not None and before[0] == digest:
            self.stats["pages_reused"] += 1
            config._current_page = page
            page.active = True
            try:  # the page's context events: the search index, the hooks' page context
                context = self.get_context(nav, doc_files, config, page)
                config.plugins.on_page_context(context, page=page, config=config, nav=nav)
            finally:
                page.active = False
                config._current_page = None
            if before[1]:
                self.utils.write_file(before[1], page.file.abs_dest_path)
            now[page.file.src_uri] = before
            return
        self.stats["pages_done"] += 1
        original(page, config, doc_files, nav, env, False, excluded=excluded)
        path = Path(page.file.abs_dest_path)
        now[page.file.src_uri] = (digest, path.read_bytes() if path.exists() else b"")

    def report(self) -> None:
        s = self.stats
        logging.getLogger(f"{self.engine}.leda").info(
            f"Rebuilt {s['pages_done']} pages, reused {s['pages_reused']}; "
            f"Markdown converted for {s['render_done']} pages, reused for {s['render_reused']}"
        )


def _page_summary(page) -> tuple:
    return (page.file.src_uri, page.url, page.title, page.meta, page.is_homepage)


def _page_detail(page, excluded: bool) -> tuple:
    """What of a page, besides its content, its own HTML shows."""

    def neighbour(p):
        return None if p is None else (p.url, p.title)

    parents = []
    parent = page.parent
    while parent is not None:
        parents.append(parent.title)
        parent = parent.parent
    return (
        _page_summary(page),
        _toc_summary(page.toc),
        page.canonical_url,
        page.edit_url,
        page.update_date,
        excluded,
        neighbour(page.previous_page),
        neighbour(page.next_page),
        parents,
    )


def _toc_summary(items) -> list:
    return [(i.title, i.url, i.level, _toc_summary(i.children)) for i in items or ()]


def _nav_summary(items) -> list:
    out = []
    for item in items:
        children = getattr(item, "children", None)
        out.append(
            (
                type(item).__name__,
                item.title,
                getattr(item, "url", None),
                _nav_summary(children or ()),
            )
        )
    return out


def _copy(value):
    import copy

    return copy.deepcopy(value)


class _Records(logging.Handler):
    """Collects the log records written while converting one page."""

    def __init__(self):
        super().__init__(logging.INFO)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def __enter__(self):
        logging.getLogger().addHandler(self)
        return self

    def __exit__(self, *exc):
        logging.getLogger().removeHandler(self)


def project_modules(root: Path) -> list[types.ModuleType]:
    """Modules imported from the project's own files (hooks, hooks/leda), not from .venv."""
    top = os.path.realpath(root) + os.sep
    skip = tuple(
        os.path.realpath(p) + os.sep for p in (root / ".venv", root / "tools", Path(sys.prefix))
    )
    out = []
    for name, module in list(sys.modules.items()):
        file = getattr(module, "__file__", None)
        if not file or name == "__main__":
            continue
        path = _realpath(file)
        if path.startswith(top) and not path.startswith(skip):
            out.append(module)
    return sorted(out, key=lambda m: m.__name__)


@functools.lru_cache(maxsize=4096)
def _realpath(file: str) -> str:
    return os.path.realpath(file)


def forget_project_modules(root: Path) -> None:
    """Drop hook modules and ``leda``, so the next configuration imports them afresh."""
    from mkdocs.config.config_options import Hooks

    for module in project_modules(root):
        sys.modules.pop(module.__name__, None)
    Hooks._load_hook.cache_clear()
    importlib.invalidate_caches()


class TemplateCache:
    """Jinja's compiled templates, kept between rebuilds; Jinja checks each against its source."""

    def __init__(self):
        self.code: dict[str, bytes] = {}

    def get_bucket(self, environment, name, filename, source):
        import jinja2

        # Jinja compiles a filter call differently when the filter takes the context
        # (leda_url does in the pages' environment, not in the one module blocks use):
        # code compiled for one environment's filters must not run in another's.
        filters = sorted(
            (n, str(getattr(f, "jinja_pass_arg", ""))) for n, f in environment.filters.items()
        )
        key = f"{filename or name}|{_checksum(repr(filters))}"
        bucket = jinja2.bccache.Bucket(environment, key, _checksum(source))
        code = self.code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)
        return bucket

    def set_bucket(self, bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


def _checksum(source: str) -> str:
    return hashlib.sha1(source.encode("utf-8")).hexdigest()


# --- The server -----------------------------------------------------------------------------


def main(argv: list[str]) -> int:
    engine = os.environ.get("LEDA_ENGINE", "properdocs")
    args = list(argv)
    lang = None
    if "--lang" in args:
        at = args.index("--lang")
        if at + 1 >= len(args):
            print("leda: --lang needs a language: ./leda serve --lang sv", file=sys.stderr)
            return 2
        lang = args[at + 1]
        del args[at : at + 2]
    if engine == "properdocs":
        importlib.import_module("properdocs.replacement")  # mkdocs.* is ProperDocs from here on

    from mkdocs import config as config_module
    from mkdocs import livereload

    root = project_root(args)
    rebuilds = Rebuilds(engine, root)
    rebuilds.install()

    original_load_config = config_module.load_config

    def load_config(*a, **kw):
        forget_project_modules(root)
        config = original_load_config(*a, **kw)
        custom_dir = config.theme.custom_dir
        if custom_dir and custom_dir not in config.watch:
            config.watch.append(custom_dir)
        project = Path(config.config_file_path).resolve().parent
        rebuilds.docs_dir = Path(config.docs_dir).resolve()
        rebuilds.inputs = [Path(p).resolve() for p in config.watch]
        rebuilds.inputs += [rebuilds.docs_dir, *sorted(project.glob("*.yml"))]
        if lang:
            choose_language(config, lang)
        return config

    config_module.load_config = load_config

    class Server(livereload.LiveReloadServer):
        def __init__(self, *a, **kw):
            kw.setdefault("polling_interval", POLL_SECONDS)
            super().__init__(*a, **kw)
            self.build_delay = SETTLE_SECONDS

    livereload.LiveReloadServer = Server

    cli = importlib.import_module(f"{engine}.__main__").cli
    return cli.main(["serve", "--strict", *args], prog_name=f"./leda serve ({engine})")


def project_root(args: list[str]) -> Path:
    """The folder of the configuration file (``-f``/``--config-file``), else the current one."""
    for i, arg in enumerate(args):
        for flag in ("-f", "--config-file"):
            if arg == flag and i + 1 < len(args):
                return Path(args[i + 1]).resolve().parent
            if arg.startswith(flag + "=") and flag.startswith("--"):
                return Path(arg.split("=", 1)[1]).resolve().parent
    return Path.cwd().resolve()


def choose_language(config, lang: str) -> None:
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return
    locales = [language.locale for language in i18n.config.languages]
    default = next((x.locale for x in i18n.config.languages if x.default), locales[0])
    if lang != default:
        # mkdocs-static-i18n always builds the default language: it is the site's root.
        raise SystemExit(
            f"leda: --lang {lang}: only the default language ({default}) is previewed alone; "
            f"run ./leda serve for {', '.join(x for x in locales if x != default)} too"
        )
    for language in i18n.config.languages:
        language.build = language.locale == lang


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
