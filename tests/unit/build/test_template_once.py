"""`once` in templates: a macro made once for the same arguments while a build remembers."""

from __future__ import annotations

from pathlib import Path

from generator.build.templates import make_environment, once, remembering
from generator.config.settings import SiteConfig


def test_once_makes_each_set_of_arguments_once_while_remembering() -> None:
    calls: list[tuple[object, ...]] = []

    def entry(*args: object) -> str:
        calls.append(args)
        return f"made {len(calls)}"

    post = object()
    assert once(entry, post) == "made 1"
    assert once(entry, post) == "made 2"  # outside a build's pages: made each time
    with remembering():
        assert once(entry, post) == "made 3"
        assert once(entry, post) == "made 3"
        assert once(entry, post, True) == "made 4"
        assert once(entry, [1]) == "made 5"  # an argument that cannot be a key: made each time
        assert once(entry, [1]) == "made 6"
    assert once(entry, post) == "made 7"


def test_a_macro_through_once_renders_as_called_directly() -> None:
    env = make_environment(SiteConfig(root=Path("/nonexistent"), base_url="https://example.org/"), Path("/nonexistent"))
    template = env.from_string(
        "{% macro entry(post, pinned=false) %}<p>{{ post.title }}{% if pinned %}!{% endif %}</p>{% endmacro %}"
        "{% for post in posts %}{{ once(entry, post) }}|{{ entry(post) }}\n{% endfor %}"
    )
    posts = [{"title": "<a & b>"}, {"title": "c"}]
    with remembering():
        lines = template.render(posts=[type("P", (), p)() for p in posts]).splitlines()
    assert [line.split("|")[0] == line.split("|")[1] for line in lines] == [True, True]
    assert lines[0].startswith("<p>&lt;a &amp; b&gt;</p>")
