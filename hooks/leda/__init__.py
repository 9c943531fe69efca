"""Leda's build logic, free of MkDocs events so the tests can import it directly.

- ``yamlsource``: YAML with line numbers and duplicate-key detection
- ``checks``: small validators that report ``path:line: what and how to fix``
- ``blocks``: the ``/// exercise`` and ``/// facilitator`` blocks in module pages
- ``quiz``: the quiz file format, loaded and checked
- ``course``: tracks, modules and quizzes, loaded and checked together
- ``markup``: safe inline Markdown for texts from data files
- ``site``: what the hooks of one build share
"""
