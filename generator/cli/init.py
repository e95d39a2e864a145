"""`blog init`: a new blog from the starter files, asking in a terminal for what was not given."""

from __future__ import annotations

import shlex
import sys
from datetime import UTC, datetime
from pathlib import Path

import click


@click.command("init")
@click.argument("directory", type=click.Path(path_type=Path), default=Path("."))
@click.option("--title", default=None, help="The blog's name (default 我的博客).")
@click.option("--author", default=None, help="The author, named in the feeds and meta tags.")
@click.option(
    "--base-url", default=None, help="Where the blog will live, e.g. https://user.github.io/ (default example.com)."
)
@click.option("--language", default=None, help="Language tag of the posts (default zh-CN).")
def init_command(
    directory: Path, title: str | None, author: str | None, base_url: str | None, language: str | None
) -> None:
    """Start a new blog in DIRECTORY (default: here), which must be new or empty.

    Writes a commented site.toml, a first post, empty templates/ and static/, a README,
    a .gitignore, requirements.txt (this generator, pinned) and a GitHub Pages workflow.
    What is not given as an option is asked for when run in a terminal; never otherwise.
    """
    from generator.tools.scaffold import (
        SiteAnswers,
        answer_problem,
        answer_problems,
        installed_requirement,
        refusal,
        starter_files,
        write_site,
    )

    reason = refusal(directory)
    if reason:
        click.echo(f"blog init: {reason}", err=True)
        sys.exit(1)
    defaults = SiteAnswers()
    asked = sys.stdin.isatty()

    def answer(field: str, given: str | None, question: str) -> str:
        default = str(getattr(defaults, field))
        if given is not None or not asked:
            return default if given is None else given

        def checked(value: str) -> str:  # a wrong answer is asked again, with what was wrong
            problem = answer_problem(field, value)
            if problem:
                raise click.UsageError(problem)
            return value

        return str(click.prompt(question, default=default, show_default=bool(default), value_proc=checked))

    answers = SiteAnswers(
        title=answer("title", title, "Title of the blog"),
        author=answer("author", author, "Author"),
        base_url=answer("base_url", base_url, "Where it will be published (base URL)"),
        language=answer("language", language, "Language of the posts"),
    )
    problems = answer_problems(answers)
    if problems:
        for problem in problems:
            click.echo(f"blog init: {problem}", err=True)
        sys.exit(1)
    requirement = installed_requirement()
    files = starter_files(answers, requirement.line, datetime.now(UTC))
    try:
        write_site(directory, files)
    except OSError as exc:
        click.echo(f"blog init: {exc.filename or directory}: {exc.strerror or exc}; nothing was overwritten", err=True)
        sys.exit(1)
    click.echo(f"Created a new blog in {directory}: site.toml, content/posts/hello-world.md and a Pages workflow.")
    click.echo(f"requirements.txt pins {requirement.said}")
    if requirement.warning:
        click.echo(f"warning: requirements.txt: {requirement.warning}", err=True)
    step = "" if directory.resolve() == Path.cwd().resolve() else f"cd {shlex.quote(str(directory))} && "
    click.echo(f"Next: {step}blog serve")
