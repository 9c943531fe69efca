"""Leda's build logic, free of MkDocs (but for ``adapter``), so the tests import it directly.

The course and its checks:

- ``yamlsource``: YAML with line numbers and duplicate-key detection
- ``problems``: problems as ``path:line: what and how to fix``, all of them at once
- ``checks``: small validators for YAML data
- ``blocks``: the ``/// exercise`` and ``/// facilitator`` blocks in module pages
- ``quiz``, ``course``, ``plans``: the quiz, course and plan models, loaded and checked
- ``topics``: the topics (topics.yml), their checks and related modules
- ``configfiles``: where a setting is written (file and line, following ``INHERIT:``)
- ``colors``: WCAG contrast, and Leda's palette from leda.css
- ``branding``: the organisation's brand; ``publish``: the published selection
- ``site``: the course, plans and selection loaded together (``load_site``)
- ``reading``: reading time and the check of a module's ``minutes``; ``home``: the
  home page's start module (``extra.leda.start``)

The build:

- ``state``: what the hooks of one build share (``STATE``, one ``LanguageBuild`` per language)
- ``languages``: each language's paths, alternates and search index
- ``nav``: the navigation by audience, previous and next
- ``pages``: page kinds, module blocks, generated pages, ``leda``
- ``strings``: interface text (``t``) and ``fill``; ``templates``: what templates get
- ``markup``: safe Markdown for data texts; ``csp``: the Content-Security-Policy
- ``meta``: the page's description and link previews, escaped and checked in its ``<meta>``
- ``statement``: the accessibility statement (extra.leda.statement, accessibility.yml)
- ``minify``: Leda's own CSS and JS minified in the built site
- ``offline``: links for the copy opened from disk; ``scaffold``: ``./leda new-module``
- ``scorm``: ``./leda scorm``'s packages and their check; ``upstream``: the upstream address
- ``version``: the course's version on the record of completion (build date, commit)
- ``adapter``: the one module that knows MkDocs (configuration, pages, navigation)

The pipeline
------------

MkDocs runs the hooks in ``hooks/*.py`` (mkdocs.yml lists them) event by event;
within an event by priority (higher first; 0 unless a hook says otherwise), and
at the same priority plugins before hooks, hooks in the order of ``hooks:``.
mkdocs-static-i18n builds the site once per language: the table runs for the
default language, and the other languages' builds, each the whole table again,
run inside its ``on_post_build`` at priority -100. ``build`` is
``STATE.current``, the language's build (hooks/leda/state.py); rows in
parentheses are plugins' events the hooks are placed around. tests/test_pipeline.py
checks this table against the hooks.

Event             Prio  Hook                  Reads → writes
----------------  ----  --------------------  --------------------------------------------------
on_config            0  offline.py            is the offline plugin on? → extra.polyfills:
                                              Leda's worker instead of the plugin's polyfill
on_config         -100  (mkdocs-static-i18n)  → the config, switched to the build's language
on_config         -150  languages.py          the config → STATE.begin(): build.settings,
                                              build.strings, build.env (for the blocks)
on_config         -150  branding.py           extra.leda.brand, site_url, LEDA_SITE_URL →
                                              build.brand; site_url, site_name,
                                              site_description, copyright, theme logo and
                                              favicon, extra_css
on_pre_build         0  course.py             docs/, quizzes/, sources.yml, topics.yml,
                                              extra.leda.tracks,
                                              extra.leda.publish → build.site (load_site):
                                              the published course and plans, what is left out;
                                              the quizzes' cues logged as warnings (default
                                              language's build only)
on_pre_build         0  languages.py          build.strings → toc's permalink title; 404.html
                                              only in the default language's build
on_pre_build         0  statement.py          extra.leda.statement, accessibility.yml,
                                              build.brand, site_url → build.statement
                                              (checked after the course's own problems)
on_pre_build         0  scorm.py              extra.leda.scorm → checked (scorm.load_settings)
on_pre_build         0  meta.py               extra.leda.preview → build.preview (the
                                              link-preview image, checked)
on_files          -100  (mkdocs-static-i18n)  → the language's files (drops generated ones)
on_files          -200  quizzes.py            build.site, build.strings → a quiz page per
                                              module with a quiz (generated)
on_files          -200  guides.py             build.site, build.strings → a facilitator guide
                                              per module, a page per topic (generated)
on_files          -200  branding.py           build.site.left_out, build.brand → left-out
                                              pages excluded, build.left_out_urls; brand.css
on_nav               0  course.py             front matter, build.site → the navigation by
                                              audience, previous and next (nav.arrange)
on_nav            -100  (mkdocs-static-i18n)  → the home page and titles per language
on_page_markdown     0  course.py             build.site, build.env → module pages: blocks
                                              rendered (pages.render_blocks), the template
on_page_markdown     0  plans.py              the page's path → plan pages: the template
on_page_markdown     0  upstream.py           extra.leda.upstream → ``{{ upstream }}`` in a page
                                              filled in (upstream.fill_upstream)
on_page_content      0  branding.py           build.left_out_urls → links to left-out pages
                                              become text (publish.unlink)
on_env               0  course.py             build → the templates' filters and globals
                                              (templates.install)
on_env               0  languages.py          build → the leda_url filter
on_env               0  offline.py            every page's file → build.pages (offline only)
on_env               0  scorm.py              LEDA_SCORM → the templates' leda_scorm
on_post_template     0  security.py           404.html → its Content-Security-Policy
on_page_context      0  course.py             build.site, the page → the template's `leda`
                                              (pages.context)
on_page_context      0  languages.py          the page's language → base_url (its own
                                              language's search index)
on_page_context      0  statement.py          build.statement → the statement page's
                                              leda_statement (template leda-accessibility.html)
on_page_context      0  meta.py               page.meta.description → escaped for its <meta>;
                                              build.preview, the page → leda_meta (OpenGraph
                                              and Twitter tags, partials/leda/meta.html)
on_post_page         0  course.py             the page → its owner (a quiz's module) closed
                                              in the sidebar again (set in on_page_context)
on_post_page         0  offline.py            build.pages → folder links made file links
                                              (offline only)
on_post_page         0  meta.py               the page → its <meta name="description"> and
                                              link-preview tags checked (PluginError)
on_post_page      -100  security.py           the page → its Content-Security-Policy
on_post_build        0  scorm.py              build (LEDA_SCORM only) → the language's launch
                                              page and leda-scorm.<lang>.json (./leda scorm)
on_post_build        0  minify.py             site/assets/leda/*.js, *.css → minified in place
                                              (written once, by the default language's build)
on_post_build     -100  (mkdocs-static-i18n)  → every other language's build (this whole
                                              table again, nested), the merged search index
on_post_build     -200  languages.py          the merged search index → STATE.end(); the
                                              language's own index (search_index.js offline)

Why these priorities (every other event runs at 0, where order does not matter or
plugins, which run first, have done what the hook needs):

- on_config -150: after mkdocs-static-i18n (-100) has switched the shared
  configuration to the language being built (its theme language, description
  and copyright), which the build's state and the brand depend on. The one place
  where the order of ``hooks:`` matters: languages.py begins the build that
  branding.py then writes into.
- on_files -200: after mkdocs-static-i18n (-100) has picked the language's
  files: it drops generated files it sees, and the pages left out are the
  language's own.
- on_post_page -100 (security.py): last, after offline.py's links (0), so the
  hashes are those of the page as served.
- on_post_build -200: after mkdocs-static-i18n (-100) has built the other
  languages and merged every language's search entries into one index.
"""
