"""The `blog` command: a thin shell over the build, turning diagnostics into output and exit codes.

One module per command, imported when its command runs (or `--help` lists it): `blog build`
loads neither the other commands' definitions nor, until there is work, the build. What the
commands share: the site options (`site`) and the way problems and builds are told (`report`).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping

import click

from generator import __version__

__all__ = ["main"]


class _Commands(Mapping[str, click.Command]):
    """The commands by name, each module imported the first time its command is asked for.

    A mapping rather than a Group subclass, so that click still sees every name (for the
    command list and its "did you mean" on a typo) without importing any module.
    """

    def __init__(self, modules: dict[str, str]) -> None:
        self.modules = modules
        self.loaded: dict[str, click.Command] = {}

    def __getitem__(self, name: str) -> click.Command:
        if name not in self.loaded:
            module = importlib.import_module(f"generator.cli.{self.modules[name]}")
            self.loaded[name] = getattr(module, f"{self.modules[name]}_command")
        return self.loaded[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self.modules)

    def __len__(self) -> int:
        return len(self.modules)


@click.group(
    context_settings={"help_option_names": ["-h", "--help"]},
    commands=_Commands({name: name for name in ("build", "serve", "check", "deploy", "new", "init")}),
)
@click.version_option(__version__, prog_name="blog")
def main() -> None:
    """A static blog generator for long Chinese machine-learning articles.

    Write Markdown posts in content/posts/, run `blog build`, publish public/.
    """
