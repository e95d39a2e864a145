"""A fence's language name to a lexer: Pygments' aliases as Pygments reads them, file extensions
as Hugo reads them, and plugins loaded only when their entry point has the fence's name."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, ClassVar

import pytest
from pygments.lexer import RegexLexer
from pygments.lexers import find_lexer_class_by_name, get_all_lexers
from pygments.token import Keyword

from generator.highlight import names
from generator.highlight.blocks import highlight_code
from generator.highlight.names import lexer_class


def test_every_pygments_alias_means_the_lexer_pygments_gives_it() -> None:
    aliases = [alias for _, found, _, _ in get_all_lexers(plugins=False) for alias in found]
    assert len(aliases) > 500
    assert [alias for alias in aliases if lexer_class(alias.lower()) is not find_lexer_class_by_name(alias)] == []


def test_a_name_pygments_lacks_is_read_as_a_file_extension_as_hugo_reads_it() -> None:
    yaml = lexer_class("yml")
    batch = lexer_class("cmd")
    assert yaml is not None and "yaml" in yaml.aliases
    assert batch is not None and "batch" in batch.aliases
    assert lexer_class("m") is None and lexer_class("h") is None  # MATLAB or Objective-C? C or C++? left plain
    html = highlight_code("key: value\n", "yml")
    assert '<span class="nt">key</span>' in html and 'class="language-yml"' in html


def test_plain_text_names_and_unknown_names_are_shown_plain() -> None:
    assert lexer_class("txt") is None  # only the plain-text lexer claims *.txt
    assert lexer_class("mermaid") is None
    for name in ("txt", "no-such-language"):
        html = highlight_code('a < b "c"\n', name)
        assert f'<code class="language-{name}">a &lt; b "c"\n</code>' in html and "<span" not in html


@dataclass
class FakeEntryPoint:
    """An installed plugin's entry point: it counts the times it is loaded."""

    name: str
    lexer: type
    loads: list[str] = field(default_factory=list)

    def load(self) -> type:
        self.loads.append(self.name)
        return self.lexer


class QuokkaLexer(RegexLexer):
    name = "Quokka"
    aliases: ClassVar[list[str]] = ["quokka"]
    tokens: ClassVar[dict[str, Any]] = {"root": [(r"quokka", Keyword), (r"[^q]+|q", Keyword.Pseudo)]}


@pytest.fixture
def plugins(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[FakeEntryPoint]]:
    installed = [FakeEntryPoint("heavy", QuokkaLexer), FakeEntryPoint("quokka", QuokkaLexer)]
    lexer_class.cache_clear()
    monkeypatch.setattr(names, "_plugin_points", lambda: tuple(installed))
    yield installed
    lexer_class.cache_clear()


def test_an_unknown_name_loads_no_plugin(plugins: list[FakeEntryPoint]) -> None:
    assert lexer_class("mermaid") is None
    assert lexer_class("yml") is not None
    assert [point.loads for point in plugins] == [[], []]


def test_a_plugin_is_found_by_its_entry_point_name_and_only_it_is_loaded(plugins: list[FakeEntryPoint]) -> None:
    assert lexer_class("quokka") is QuokkaLexer
    assert [point.loads for point in plugins] == [[], ["quokka"]]


def test_a_plugin_whose_lexer_lacks_the_name_is_not_taken(plugins: list[FakeEntryPoint]) -> None:
    assert lexer_class("heavy") is None  # its entry point is named so, its lexer is not
