"""The footer lines Chinese sites must or like to show, and opt-in analytics.

A site hosted in mainland China shows its ICP 备案 number linked to the registry (and often its
公安备案 number); Chinese bloggers count visits with Baidu or Google, people elsewhere with Umami
or Plausible. Nothing here loads unless site.toml asks for it, and each table is checked once,
so a malformed id is a build error at its line rather than a counter that silently never counts.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from generator.errors import Diagnostic, error, warning
from generator.patterns import lazy_pattern

ICP_REGISTRY = "https://beian.miit.gov.cn/"
POLICE_REGISTRY = "https://beian.mps.gov.cn/#/query/webSearch?code="
PLAUSIBLE_SCRIPT = "https://plausible.io/js/script.js"

_URL = lazy_pattern(r"^https?://[^\s/]+(/\S*)?$")
_FOOTER = {
    "icp": 'the number as issued, e.g. icp = "京ICP备12345678号-1"',
    "police": 'the number as issued, e.g. police = "京公网安备11010502030143号"',
}
_ANALYTICS = {
    "google": 'a Google Analytics 4 measurement id, e.g. google = "G-ABCDE12345"',
    "baidu": 'the 32-character id from hm.js?… in Baidu Tongji\'s code, e.g. baidu = "0123456789abcdef0123456789abcdef"',
    "umami": 'a table: umami = { website_id = "…", script_url = "https://umami.example.com/script.js" }',
    "plausible": 'a table: plausible = { domain = "example.com" } (script_url optional)',
}


def check_footer(
    table: dict[str, Any], path: str, line_of: Callable[[str], int | None]
) -> tuple[dict[str, str], list[Diagnostic]]:
    """[footer]: icp and police numbers, with the registry links the theme shows them under."""
    found: list[Diagnostic] = []
    result: dict[str, str] = {}
    for key, value in table.items():
        line = line_of(key) or line_of("footer")
        if key not in _FOOTER:
            found.append(warning(path, line, f"unknown key 'footer.{key}' is ignored", "icp or police"))
        elif not isinstance(value, str) or not value.strip():
            found.append(error(path, line, f"'footer.{key}' must be text", _FOOTER[key]))
        else:
            result[key] = value.strip()
    if "police" in result:
        digits = re.sub(r"\D", "", result["police"])
        if not digits:
            found.append(error(path, line_of("police"), "'footer.police' has no number", _FOOTER["police"]))
        result["police_url"] = POLICE_REGISTRY + digits
    if "icp" in result:
        result["icp_url"] = ICP_REGISTRY
    return result, found


def check_analytics(
    table: dict[str, Any], path: str, line_of: Callable[[str], int | None]
) -> tuple[dict[str, Any], list[Diagnostic]]:
    """[analytics]: any of google, baidu, umami, plausible; each checked for the shape its code needs."""
    found: list[Diagnostic] = []
    result: dict[str, Any] = {}

    def bad(key: str, what: str) -> None:
        found.append(error(path, line_of(key) or line_of("analytics"), f"analytics.{key} {what}", _ANALYTICS[key]))

    for key, value in table.items():
        if key not in _ANALYTICS:
            hint = ", ".join(_ANALYTICS)
            found.append(warning(path, line_of(key), f"unknown key 'analytics.{key}' is ignored", f"one of {hint}"))
        elif key == "google":
            if isinstance(value, str) and re.fullmatch(r"G-[A-Z0-9]{4,}", value.strip()):
                result[key] = value.strip()
            else:
                bad(key, f"'{value}' is not a measurement id")
        elif key == "baidu":
            if isinstance(value, str) and re.fullmatch(r"[0-9a-f]{32}", value.strip()):
                result[key] = value.strip()
            else:
                bad(key, f"'{value}' is not a Baidu Tongji id")
        elif not isinstance(value, dict):
            bad(key, "must be a table")
        elif key == "umami":
            website, script = value.get("website_id"), value.get("script_url")
            if (
                not isinstance(website, str)
                or not website.strip()
                or not isinstance(script, str)
                or not _URL.match(script)
            ):
                bad(key, "needs website_id and an http(s) script_url")
            else:
                result[key] = {"website_id": website.strip(), "script_url": script}
        else:  # plausible
            domain, script = value.get("domain"), value.get("script_url", PLAUSIBLE_SCRIPT)
            if (
                not isinstance(domain, str)
                or not domain.strip()
                or not isinstance(script, str)
                or not _URL.match(script)
            ):
                bad(key, "needs a domain (and script_url, if given, an http(s) address)")
            else:
                result[key] = {"domain": domain.strip(), "script_url": script}
    return result, found
