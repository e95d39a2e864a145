"""The footer's 备案 numbers and opt-in analytics in built pages: nothing unless site.toml asks."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from conftest import REPO

SITE = REPO / "tests" / "sites" / "english"
SERVICES = """
[footer]
icp = "京ICP备12345678号-1"

[analytics]
baidu = "0123456789abcdef0123456789abcdef"
plausible = { domain = "example.org" }
"""


def build(tmp_path: Path, extra: str) -> Path:
    import subprocess

    site = tmp_path / "site"
    shutil.copytree(SITE, site)
    (site / "site.toml").write_text((site / "site.toml").read_text("utf-8") + extra, "utf-8")
    output = tmp_path / "public"
    done = subprocess.run(
        [sys.executable, "-m", "generator", "build", "-s", str(site), "-o", str(output), "--no-cache", "--quiet"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
    )
    assert done.returncode == 0, done.stderr
    return output


def test_without_the_tables_no_counter_and_no_number(tmp_path: Path) -> None:
    html = (build(tmp_path, "") / "index.html").read_text("utf-8")
    for outside in ("hm.baidu.com", "plausible.io", "googletagmanager", "beian"):
        assert outside not in html


def test_the_icp_number_links_to_the_registry_and_counters_load_as_asked(tmp_path: Path) -> None:
    output = build(tmp_path, SERVICES)
    for page in ("index.html", "posts/lora-in-practice/index.html", "404.html"):
        html = (output / page).read_text("utf-8")
        assert '<a href="https://beian.miit.gov.cn/" rel="nofollow noopener">京ICP备12345678号-1</a>' in html
        assert 'src="https://hm.baidu.com/hm.js?0123456789abcdef0123456789abcdef"' in html
        assert '<script defer data-domain="example.org" src="https://plausible.io/js/script.js"></script>' in html
        assert "googletagmanager" not in html
