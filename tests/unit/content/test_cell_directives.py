"""fastpages', nbdev's and Quarto's flags at the top of a code cell act as cell tags."""

from __future__ import annotations

import json

import pytest

from generator.content.cell_directives import cell_directives
from generator.content.notebook import convert


@pytest.mark.parametrize(
    ("code", "shown", "tags"),
    [
        ("#hide\nimport secrets", "import secrets", {"remove-cell"}),
        ("# hide\nx", "x", {"remove-cell"}),
        ("#hide_input\n#hide-output\nplot()", "plot()", {"remove-input", "remove-output"}),
        ("#collapse-hide\nx = 1", "x = 1", {"hide-input"}),
        ("#collapse_output\nx", "x", {"hide-output"}),
        ("#collapse-show\nx", "x", set()),
        ("#export\ndef f(): ...", "def f(): ...", set()),
        ("#default_exp core", "", {"remove-cell"}),
        ("#| echo: false\n#| label: fig-loss\nplot()", "plot()", {"remove-input"}),
        ("#| include: false\nx", "x", {"remove-cell"}),
        ("#|hide\nx", "x", {"remove-cell"}),
        ("#| output: false\n#| code-fold: true\nx", "x", {"remove-output", "hide-input"}),
        ("#| echo: true\nx", "x", set()),
        ("# hide the axes\nplt.axis('off')", "# hide the axes\nplt.axis('off')", set()),
        ("x = 1  # hide\n#hide", "x = 1  # hide\n#hide", set()),
        ("\n#hide\nx", "\n#hide\nx", set()),
    ],
)
def test_flags_at_the_top_become_tags_and_leave_the_code(code: str, shown: str, tags: set[str]) -> None:
    assert cell_directives(code) == (shown, tags)


def test_a_notebook_shows_no_hidden_cell_and_no_flag() -> None:
    def cell(source: str) -> dict[str, object]:
        return {"cell_type": "code", "execution_count": 1, "metadata": {}, "source": source, "outputs": []}

    notebook = {
        "cells": [
            cell("#hide\nimport secret_setup"),
            cell("#| echo: false\nshown_output()"),
            cell("#collapse\nfolded()"),
        ],
        "metadata": {"kernelspec": {"name": "python3", "language": "python"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    body = convert(notebook, json.dumps(notebook), "nb.ipynb").body
    assert "secret_setup" not in body and "#hide" not in body and "echo" not in body
    assert "shown_output" not in body  # its input is removed; it has no output to show
    assert '<details class="nb-input">' in body and "folded()" in body and "#collapse" not in body
