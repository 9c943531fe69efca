"""The upstream repository's address, ``extra.leda.upstream``: where Leda's code and
content come from, and where an organisation's copy takes in new versions.

Pages name it as ``{{ upstream }}`` (the hosting guide, the guide for learning
platforms), so the address is written once, in mkdocs.yml, and an organisation
changes it in organisation.yml if it takes Leda from elsewhere.
"""

from __future__ import annotations

import re
from typing import Any

from .configfiles import ConfigFiles, Report, SettingsError
from .problems import Problems

TOKEN = "{{ upstream }}"
AT = ("extra", "leda", "upstream")


def check_upstream(raw: Any, files: ConfigFiles | None = None) -> str | None:
    """The address, or None when it is not set; ``SettingsError`` when it is not one."""
    if raw is None:
        return None
    if not isinstance(raw, str) or not re.fullmatch(r"https://[^\s/]+\.[^\s/]+(/[^\s]*)?", raw):
        problems = Problems()
        Report(files, problems).add(
            AT,
            f"extra.leda.upstream is {raw!r}; write the web address of the repository "
            "Leda comes from, like https://github.com/example/leda",
        )
        raise SettingsError(problems)
    return raw.rstrip("/")


def fill_upstream(
    markdown: str, address: str | None, page: str, files: ConfigFiles | None = None
) -> str:
    """``markdown`` with every ``{{ upstream }}`` replaced by ``address``."""
    if TOKEN not in markdown:
        return markdown
    if address is None:
        problems = Problems()
        problems.add(
            page,
            markdown[: markdown.index(TOKEN)].count("\n") + 1,
            f"{TOKEN} names the upstream repository, but extra.leda.upstream is not set; "
            "set it in mkdocs.yml (or organisation.yml), like "
            "upstream: https://github.com/example/leda",
        )
        raise SettingsError(problems)
    return markdown.replace(TOKEN, address)
