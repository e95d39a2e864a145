"""A Hugo blog whose algorithms were drawn by pseudocode.js: capitals (`\\STATE`, `\\FOR{… \\TO …}`),
often inside the theme's `{{< pseudocode >}}` shortcode. Every step is published, as a plain
post's algorithm is, and the shortcode's tags go without a word that calls it left as written."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

from generator.build.pipeline import BuildOptions, build
from generator.dialects.migrate import convert_shortcodes
from generator.markdown.render import RenderOptions, render_post

NOW = datetime(2026, 1, 1, tzinfo=UTC)

# Gaussian-process regression as a Chinese ML blog wrote it for pseudocode.js.
GP = r"""\begin{algorithm}
\caption{高斯过程回归}
\begin{algorithmic}
\REQUIRE 训练输入 $\mathbf{X}$，目标 $\mathbf{y}$，核 $k$，噪声 $\sigma_n^2$
\ENSURE 预测均值 $\bar{f}_*$
\STATE $L = \text{cholesky}(K + \sigma_n^2 I)$
\FOR{$i = 1$ \TO $n$}
    \STATE $\alpha_i = 0$
\ENDFOR
\RETURN $\bar{f}_*$
\end{algorithmic}
\end{algorithm}
"""
STEPS = 7


def steps(html: str) -> list[str]:
    """The text of each algorithm line, each formula an M, spans left out."""
    lines = re.findall(r'<span class="alg-code">(.*?)</span></div>', html)
    return [re.sub(r"</?span[^>]*>", "", re.sub(r"<math>.*?</math>", "M", line)) for line in lines]


def test_the_shortcode_goes_and_the_algorithm_it_wraps_stays_line_for_line() -> None:
    body = f"前文。\n\n{{{{< pseudocode >}}}}\n{GP}{{{{< /pseudocode >}}}}\n\n后文。\n"
    text, findings = convert_shortcodes(body, "content/posts/gp.md", 1)
    assert text == f"前文。\n\n\n{GP}\n\n后文。\n"  # the tags' lines are left blank: line numbers hold
    assert [(f.kind, f.converted) for f in findings] == [("hugo:shortcode:pseudocode", True)]
    same_line = convert_shortcodes(f"{{{{% pseudocode %}}}}{GP.rstrip()}{{{{% /pseudocode %}}}} 后文。\n", "a.md", 1)[0]
    assert same_line == f"{GP}后文。\n"
    inline = convert_shortcodes(f"如下 {{{{< pseudocode >}}}}{GP}{{{{< /pseudocode >}}}}\n", "a.md", 1)[0]
    assert inline == f"如下 \n{GP}\n"
    assert len(steps(render_post(inline, RenderOptions()).html)) == STEPS


def test_a_pseudocode_shortcode_that_wraps_no_algorithm_is_still_left_as_written() -> None:
    text, findings = convert_shortcodes("{{< pseudocode >}}\nfor i in range(n)\n{{< /pseudocode >}}\n", "a.md", 1)
    assert text.startswith("{{< pseudocode >}}")
    assert [(f.kind, f.converted) for f in findings] == [("hugo:shortcode:pseudocode", False)]


def test_the_blog_builds_with_every_step_and_no_warning(tmp_path: Path) -> None:
    site, out = tmp_path / "site", tmp_path / "out"
    posts = site / "content" / "posts"
    posts.mkdir(parents=True)
    (site / "site.toml").write_text('title = "t"\nbase_url = "https://example.org/"\n', "utf-8")
    front = "---\ntitle: 高斯过程回归\ndate: 2020-06-06\ntags: [ml]\n---\n\n算法如下：\n\n"
    (posts / "plain.md").write_text(f"{front}{GP}\n之后的正文。\n", "utf-8")
    (posts / "wrapped.md").write_text(
        f"{front.replace('06-06', '06-07')}{{{{< pseudocode >}}}}\n{GP}{{{{< /pseudocode >}}}}\n", "utf-8"
    )
    report = build(BuildOptions(source=site, output=out, now=NOW, search_index=False, use_cache=False))
    assert [str(w) for w in report.warnings] == []
    for name in ("plain", "wrapped"):
        html = (out / "posts" / name / "index.html").read_text("utf-8")
        assert steps(html) == [
            "<strong>Require:</strong> 训练输入 M，目标 M，核 M，噪声 M",
            "<strong>Ensure:</strong> 预测均值 M",
            "M",
            "<strong>for</strong> M <strong>to</strong> M <strong>do</strong>",
            "M",
            "<strong>end for</strong>",
            "<strong>return</strong> M",
        ], name
        assert "pseudocode" not in html.split('<div class="post-body">')[1]
