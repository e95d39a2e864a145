"""Writes the fixture notebooks and images of this site (run once; the outputs are committed).

The notebooks are written by hand here rather than executed, so that every output kind
appears exactly once and nothing depends on a kernel.
"""

from __future__ import annotations

import base64
import io
import json
from pathlib import Path

from PIL import Image

HERE = Path(__file__).resolve().parent
POSTS = HERE / "content" / "posts"


def png(width: int, height: int, colour: str) -> str:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buffer, "PNG")
    return base64.b64encode(buffer.getvalue()).decode()


def jpeg(width: int, height: int, colour: str) -> str:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buffer, "JPEG", quality=70)
    return base64.b64encode(buffer.getvalue()).decode()


def lines(text: str) -> list[str]:
    return text.splitlines(keepends=True)


def markdown(ident: str, text: str, **extra: object) -> dict:
    return {"cell_type": "markdown", "id": ident, "metadata": {}, "source": lines(text), **extra}


def code(ident: str, text: str, count: int | None, outputs: list[dict], tags: list[str] | None = None) -> dict:
    metadata = {"tags": tags} if tags else {}
    return {
        "cell_type": "code",
        "execution_count": count,
        "id": ident,
        "metadata": metadata,
        "outputs": outputs,
        "source": lines(text),
    }


def stream(name: str, text: str) -> dict:
    return {"name": name, "output_type": "stream", "text": lines(text)}


def display(data: dict, result: int | None = None) -> dict:
    if result is None:
        return {"data": data, "metadata": {}, "output_type": "display_data"}
    return {"data": data, "execution_count": result, "metadata": {}, "output_type": "execute_result"}


KERNEL = {
    "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
    "language_info": {"name": "python", "version": "3.11.4"},
}

HOSTILE = (
    "<style>body { display: none; }</style>\n"
    '<script>alert("xss")</script>\n'
    '<table border="1" class="dataframe">\n'
    '  <thead>\n    <tr style="text-align: right;"><th></th><th>loss</th><th>acc</th></tr>\n  </thead>\n'
    "  <tbody>\n"
    '    <tr><th>0</th><td onclick="steal()">0.92</td><td>0.61</td></tr>\n'
    "\n"
    '    <tr><th>1</th><td>0.45</td><td><a href="javascript:alert(1)">0.83</a></td></tr>\n'
    "  </tbody>\n"
    "</table>\n"
    '<img src="x" onerror="alert(2)">\n'
    '<iframe src="https://evil.example/"></iframe>\n'
    "<p>共 <b>2</b> 行</p>"
)

TRACEBACK = [
    "\u001b[0;31m---------------------------------------------------------------------------\u001b[0m",
    "\u001b[0;31mZeroDivisionError\u001b[0m                         Traceback (most recent call last)",
    "Cell \u001b[0;32mIn[6], line 1\u001b[0m\n\u001b[0;32m----> 1\u001b[0m \u001b[38;5;241m1\u001b[39m \u001b[38;5;241m/\u001b[39m \u001b[38;5;241m0\u001b[39m",
    "\u001b[0;31mZeroDivisionError\u001b[0m: division by zero",
]

EVERY_OUTPUT = {
    "cells": [
        markdown(
            "intro",
            "# 每一种输出\n\n这篇笔记本覆盖所有输出类型，用来测试 $x^2$ 的渲染。\n\n<!--more-->\n\n## 文本输出\n",
        ),
        code(
            "streams",
            "print('训练开始')\nimport sys\nprint('警告', file=sys.stderr)",
            1,
            [
                stream("stdout", "训练开始\n"),
                stream("stdout", "epoch 1: \u001b[1;32mok\u001b[0m\n\nepoch 2\n"),
                stream("stderr", "10%|#         | 1/10\r100%|##########| 10/10\n"),
            ],
        ),
        code("result", "{'a': 1} # <b>not html</b>", 2, [display({"text/plain": ["{'a': 1}"]}, result=2)]),
        markdown("images-heading", "## 图片输出\n"),
        code(
            "images",
            "plot()",
            3,
            [
                display({"image/png": png(1200, 480, "#3366aa"), "text/plain": ["<Figure size 1200x480>"]}),
                display({"image/jpeg": jpeg(320, 200, "#aa6633"), "text/plain": ["<Figure>"]}),
                display(
                    {
                        "image/svg+xml": lines(
                            '<svg xmlns="http://www.w3.org/2000/svg" width="240" height="120" viewBox="0 0 240 120">\n'
                            '<rect width="240" height="120" fill="#ddeeff"/>\n</svg>\n'
                        ),
                        "text/plain": ["<IPython.core.display.SVG object>"],
                    }
                ),
            ],
        ),
        markdown("rich-heading", "## 表格、公式与 Markdown\n"),
        code("html", "df", 4, [display({"text/html": lines(HOSTILE), "text/plain": ["   loss  acc"]}, result=4)]),
        code(
            "latex-markdown",
            "display(Math(...)); display(Markdown(...))",
            5,
            [
                display({"text/latex": ["$$\\frac{a}{b}$$"], "text/plain": ["<IPython.core.display.Math object>"]}),
                display(
                    {"text/markdown": ["**粗体** 与 `代码`"], "text/plain": ["<IPython.core.display.Markdown object>"]}
                ),
            ],
        ),
        code(
            "error",
            "1 / 0",
            6,
            [
                {
                    "ename": "ZeroDivisionError",
                    "evalue": "division by zero",
                    "output_type": "error",
                    "traceback": TRACEBACK,
                }
            ],
        ),
        markdown("left-out-heading", "## 留不下的输出\n"),
        code(
            "widgets",
            "slider",
            7,
            [
                display(
                    {
                        "application/vnd.jupyter.widget-view+json": {
                            "model_id": "abc",
                            "version_major": 2,
                            "version_minor": 0,
                        },
                        "text/plain": ["IntSlider(value=3)"],
                    }
                ),
                display(
                    {
                        "application/vnd.jupyter.widget-view+json": {
                            "model_id": "def",
                            "version_major": 2,
                            "version_minor": 0,
                        },
                        "text/plain": ["IntSlider(value=4)"],
                    }
                ),
                display({"application/vnd.plotly.v1+json": {"data": []}}),
                display({"application/vnd.plotly.v1+json": {"data": [1]}}),
            ],
        ),
        markdown("tags-heading", "## 单元格标签\n"),
        code("remove-input", "secret_setup()", 8, [stream("stdout", "只看输出\n")], tags=["remove-input"]),
        code("remove-output", "noisy()", 9, [stream("stdout", "不该出现的输出\n")], tags=["remove-output"]),
        code("remove-cell", "hidden_entirely()", 10, [stream("stdout", "整格都不出现\n")], tags=["remove-cell"]),
        code("hide-input", "folded_code()", 11, [stream("stdout", "代码折叠，输出可见\n")], tags=["hide-input"]),
        markdown("removed-md", "这一段被 remove-cell 去掉。\n", metadata={"tags": ["remove-cell"]}),
        code("unrun", "not_run_yet()", None, []),
        markdown(
            "attachment",
            "粘贴的图片：\n\n![粘贴](attachment:pasted.png)\n",
            attachments={"pasted.png": {"image/png": png(64, 32, "#22aa55")}},
        ),
    ],
    "metadata": {
        **KERNEL,
        "blog": {
            "title": "每一种输出",
            "date": "2026-01-05 10:00",
            "tags": ["Jupyter", "测试"],
            "slug": "every-output",
        },
    },
    "nbformat": 4,
    "nbformat_minor": 5,
}

NO_METADATA = {
    "cells": [
        markdown("title", "# 没有元数据的笔记本\n\n标题来自第一个标题，日期来自文件名。\n"),
        code("code", "x = 1\nx + 1", 1, [display({"text/plain": ["2"]}, result=1)]),
    ],
    "metadata": {},
    "nbformat": 4,
    "nbformat_minor": 5,
}

RAW_FRONT = {
    "cells": [
        {
            "cell_type": "raw",
            "id": "front",
            "metadata": {},
            "source": lines("---\ntitle: 原始单元格里的前言\ndate: 2026-01-07\ntags: [Jupyter]\n---"),
        },
        markdown("body", "正文第一段，带一张不存在的图：\n\n![丢失](missing.png)\n"),
        code("r", "summary(fit)", 1, [stream("stdout", "Call: lm(y ~ x)\n")]),
    ],
    "metadata": {"kernelspec": {"display_name": "R", "language": "R", "name": "ir"}},
    "nbformat": 4,
    "nbformat_minor": 5,
}

SVG = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 160" role="img">
  <title>编码器与解码器</title>
  <rect x="10" y="40" width="150" height="80" rx="8" fill="#e8f0fb" stroke="#0a58a6"/>
  <text x="85" y="85" text-anchor="middle" font-size="18">编码器</text>
  <path d="M160 80 H240" stroke="#59616c" stroke-width="2"/>
  <rect x="240" y="40" width="150" height="80" rx="8" fill="#fbeee8" stroke="#a63a0a"/>
  <text x="315" y="85" text-anchor="middle" font-size="18">解码器</text>
</svg>
"""


def write(name: str, notebook: dict) -> None:
    (POSTS / name).write_text(json.dumps(notebook, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def main() -> None:
    POSTS.mkdir(parents=True, exist_ok=True)
    write("every-output.ipynb", EVERY_OUTPUT)
    write("2026-01-06-no-metadata.ipynb", NO_METADATA)
    write("raw-front.ipynb", RAW_FRONT)
    (POSTS / "figures").mkdir(exist_ok=True)
    Image.new("RGB", (1600, 500), "#884422").save(POSTS / "figures" / "wide.png")
    static = HERE / "static" / "img"
    static.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (200, 100), "#448822").save(static / "small.png")
    (static / "diagram.svg").write_text(SVG, encoding="utf-8")
    broken = HERE / "broken"
    broken.mkdir(exist_ok=True)
    text = json.dumps(NO_METADATA, ensure_ascii=False, indent=1)
    (broken / "not-json.ipynb").write_text(text.replace('"nbformat": 4,', '"nbformat": 4', 1), encoding="utf-8")
    old = {"metadata": {}, "nbformat": 3, "nbformat_minor": 0, "worksheets": [{"cells": []}]}
    (broken / "nbformat3.ipynb").write_text(json.dumps(old, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
