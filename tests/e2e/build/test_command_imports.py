"""A command imports what it runs: start-up is most of a small site's build and all of `--help`."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import REPO


def modules_after(code: str) -> set[str]:
    script = f"{code}\nimport sys\nprint('\\n'.join(sys.modules))"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=REPO)
    return set(done.stdout.split())


def test_the_command_line_loads_no_build_until_a_command_runs() -> None:
    loaded = modules_after("import generator.cli")
    assert not {name for name in loaded if name.startswith("generator.build.")} - {"generator.build"}
    assert "jinja2" not in loaded
    assert "markdown_it" not in loaded


def test_the_build_leaves_out_the_preview_images_and_processes_until_it_needs_them() -> None:
    loaded = modules_after("import generator.build.pipeline")
    assert "markdown_it" in loaded  # the check sees the pipeline
    assert not {name for name in loaded if name.startswith(("generator.build.live.quick", "generator.preview"))}
    assert "PIL" not in loaded
    assert "multiprocessing" not in loaded
