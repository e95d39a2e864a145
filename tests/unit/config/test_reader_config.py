"""site.toml keys of the reader features: [comments] for giscus (checked, with lines), related_posts, [permalinks] series."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.config.settings import parse_config
from generator.errors import BuildError

GOOD = """title = "博客"

[comments]
repo = "me/blog-comments"
repo_id = "R_kgDOABC"
category = "Announcements"
category_id = "DIC_kwDOABC"
"""


def parse(text: str) -> dict[str, object]:
    config, found = parse_config(text, Path("/site"), Path("/site/site.toml"))
    assert found == []
    return config.comments


def errors(text: str) -> list[str]:
    with pytest.raises(BuildError) as caught:
        parse_config(text, Path("/site"), Path("/site/site.toml"))
    return [str(d) for d in caught.value.diagnostics if d.is_error]


def test_off_by_default() -> None:
    assert parse('title = "博客"\n') == {}


def test_defaults_follow_the_readers_colour_scheme_in_chinese() -> None:
    settings = parse(GOOD)
    assert settings["repo"] == "me/blog-comments"
    assert settings["mapping"] == "pathname"
    assert settings["lang"] == "zh-CN"
    assert settings["theme"] == "preferred_color_scheme"
    assert settings["reactions"] is True and settings["strict"] is False


def test_every_missing_key_is_named_at_the_table() -> None:
    found = errors('title = "博客"\n\n[comments]\nrepo = "me/blog"\n')
    assert len(found) == 3
    assert all(message.startswith("site.toml:3: [comments] has no '") for message in found)
    assert any("repo_id" in m and "giscus.app" in m for m in found)


@pytest.mark.parametrize(
    ("change", "line", "words"),
    [
        (('repo = "me/blog-comments"', 'repo = "blog-comments"'), 4, "comments.repo 'blog-comments' is not owner/name"),
        (('category = "Announcements"', 'category = ""'), 6, "'comments.category' must be text"),
        (('repo_id = "R_kgDOABC"', "repo_id = 12"), 5, "'comments.repo_id' must be text"),
        (('category_id = "DIC_kwDOABC"', 'category_id = "DIC_kwDOABC"\nmapping = "number"'), 8, "mapping 'number'"),
        (('category_id = "DIC_kwDOABC"', 'category_id = "DIC_kwDOABC"\nprovider = "utterances"'), 8, "provider"),
        (('category_id = "DIC_kwDOABC"', 'category_id = "DIC_kwDOABC"\nreactions = "yes"'), 8, "true or false"),
    ],
)
def test_wrong_values_name_their_line(change: tuple[str, str], line: int, words: str) -> None:
    found = errors(GOOD.replace(*change))
    assert len(found) == 1, found
    assert found[0].startswith(f"site.toml:{line}:") and words in found[0], found


def test_unknown_key_is_a_warning() -> None:
    config, found = parse_config(GOOD + 'colour = "dark"\n', Path("/site"), Path("/site/site.toml"))
    assert [(d.line, d.is_error) for d in found] == [(8, False)]
    assert "comments.colour" in found[0].message
    assert config.comments["repo"] == "me/blog-comments"


def test_related_posts_must_not_be_negative() -> None:
    assert any("related_posts" in m for m in errors("related_posts = -1\n"))
    config, _ = parse_config("related_posts = 0\n", Path("/site"), Path("/site/site.toml"))
    assert config.related_posts == 0


def test_series_permalink_needs_a_slug() -> None:
    found = errors('[permalinks]\nseries = "/topics/"\n')
    assert len(found) == 1 and found[0].startswith("site.toml:2:") and "for series is not usable" in found[0]
    config, _ = parse_config('[permalinks]\nseries = "/topics/{slug}/"\n', Path("/site"), Path("/site/site.toml"))
    assert config.permalinks["series"] == "/topics/{slug}/"


def test_waline_needs_its_server_and_gets_the_documented_client() -> None:
    settings = parse('[comments]\nprovider = "waline"\nserver_url = "https://comments.example.com"\n')
    assert settings["server_url"] == "https://comments.example.com"
    assert settings["client_url"] == "https://unpkg.com/@waline/client@v3/dist/waline.js"
    assert errors('[comments]\nprovider = "waline"\n') == [
        "site.toml:1: [comments] has no 'server_url' (needed by waline) (the address of your Waline "
        'server, e.g. server_url = "https://comments.example.com")'
    ]


def test_twikoo_takes_a_self_hosted_client() -> None:
    settings = parse(
        '[comments]\nprovider = "twikoo"\nenv_id = "https://t.example.com"\nclient_url = "/js/twikoo.js"\n'
    )
    assert (settings["env_id"], settings["client_url"]) == ("https://t.example.com", "/js/twikoo.js")
    found = errors('[comments]\nprovider = "twikoo"\nenv_id = "x"\nclient_url = "twikoo.js"\n')
    assert len(found) == 1 and found[0].startswith("site.toml:4: comments.client_url 'twikoo.js' is not an address")


def test_an_unknown_provider_names_the_three() -> None:
    assert errors('[comments]\nprovider = "disqus"\n') == [
        'site.toml:2: comments.provider \'disqus\' is not known ("giscus", "waline" or "twikoo")'
    ]


def test_footer_numbers_get_their_registry_links() -> None:
    config, found = parse_config(
        '[footer]\nicp = "京ICP备12345678号-1"\npolice = "京公网安备11010502030143号"\n', Path("/s")
    )
    assert found == []
    assert config.footer["icp_url"] == "https://beian.miit.gov.cn/"
    assert config.footer["police_url"].endswith("code=11010502030143")


@pytest.mark.parametrize(
    ("table", "line"),
    [
        ('google = "UA-123"', 2),
        ('baidu = "not-an-id"', 2),
        ('umami = { website_id = "x" }', 2),
        ('plausible = { domain = "" }', 2),
    ],
)
def test_a_malformed_analytics_id_stops_the_build_at_its_line(table: str, line: int) -> None:
    found = errors(f"[analytics]\n{table}\n")
    assert len(found) == 1
    assert found[0].startswith(f"site.toml:{line}: analytics.")
