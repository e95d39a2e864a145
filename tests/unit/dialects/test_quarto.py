"""Quarto's .qmd posts read as Markdown: cells shown as code, options honoured, lines kept."""

from __future__ import annotations

import pytest

from generator.dialects.quarto import quarto_markdown

QMD = """---
title: "装饰器"
date: "2023-01-23"
categories: [decorator, Python]
---

定义 `add_to_class`.

```{python}
#| label: fig-setup
#| code-fold: true
def add_to_class(Class):
    return Class
```

```{python}
#| echo: false
import secret_setup
```

```{r, include=FALSE}
library(tidyverse)
```

```{ojs}
//| eval: false
x = 1
```

```python
not_a_cell = True
```

````markdown
```{python}
shown_as_written()
```
````

```{mermaid}
graph TD
```

末尾 $x$ 的一行。
"""


def test_cells_are_code_in_their_language_without_their_options() -> None:
    text = quarto_markdown(QMD, "a.qmd").text
    assert "```python\ndef add_to_class(Class):\n    return Class\n```" in text
    assert "#|" not in text and "//|" not in text and "{python}\n#" not in text
    assert "```javascript\nx = 1\n```" in text  # Observable JS read as JavaScript
    assert "```mermaid\ngraph TD\n```" in text


def test_echo_false_and_include_false_hide_the_cell() -> None:
    text = quarto_markdown(QMD, "a.qmd").text
    assert "secret_setup" not in text and "library(tidyverse)" not in text


def test_a_cell_written_inside_a_code_block_stays_as_written() -> None:
    text = quarto_markdown(QMD, "a.qmd").text
    assert "```{python}\nshown_as_written()\n```" in text and "```python\nnot_a_cell = True\n```" in text


def test_every_line_stays_on_its_line() -> None:
    text = quarto_markdown(QMD, "a.qmd").text
    assert text.count("\n") == QMD.count("\n")
    assert text.split("\n").index("末尾 $x$ 的一行。") == QMD.split("\n").index("末尾 $x$ 的一行。")


def test_one_warning_counts_the_cells_whose_outputs_quarto_computed() -> None:
    """Shown and hidden (echo: false) cells had outputs; include: false, eval: false and a
    mermaid diagram had none the page misses."""
    found = quarto_markdown(QMD, "content/posts/a.qmd").diagnostics
    assert [(d.path, d.line, d.message) for d in found] == [
        (
            "content/posts/a.qmd",
            9,
            "2 Quarto code cells shown as code without their outputs (Quarto computed them when it "
            "rendered the site; blog runs no code)",
        )
    ]
    assert not quarto_markdown("---\ntitle: t\n---\n\ntext only\n", "b.qmd").diagnostics


@pytest.mark.parametrize("word", ["last-modified", '"today"', "now"])
def test_quartos_date_words_leave_the_post_undated(word: str) -> None:
    text = quarto_markdown(f"---\ntitle: t\ndate: {word}\n---\nx\n", "a.qmd").text
    assert text == f"---\ntitle: t\n# date: {word}\n---\nx\n"


def test_an_unclosed_cell_runs_to_the_end_and_adds_no_line() -> None:
    source = "x\n\n```{python}\n#| echo: false\nprint(1)\n"
    assert quarto_markdown(source, "a.qmd").text == "x\n\n\n\n\n"


@pytest.mark.parametrize(
    ("written", "player"),
    [
        ("https://youtu.be/cb5rDaMAP3U", "https://www.youtube-nocookie.com/embed/cb5rDaMAP3U"),
        ("https://www.youtube.com/watch?v=cb5rDaMAP3U", "https://www.youtube-nocookie.com/embed/cb5rDaMAP3U"),
        ('"https://vimeo.com/548291297"', "https://player.vimeo.com/video/548291297"),
    ],
)
def test_a_video_shortcode_of_youtube_or_vimeo_is_the_player(written: str, player: str) -> None:
    text = quarto_markdown(f"x\n\n{{{{< video {written} >}}}}\n", "a.qmd").text
    assert f'<iframe src="{player}"' in text and "{{<" not in text
    assert quarto_markdown("{{< video clip.mp4 >}}\n", "a.qmd").text == "{{< video clip.mp4 >}}\n"
