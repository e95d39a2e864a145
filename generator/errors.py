"""One shape for every message the tool prints.

Every problem a user can cause is reported as ``path:line: what is wrong (what was
expected)`` so that editors and terminals can jump to it, and so that all problems of
one build can be collected and shown together instead of one per run.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem found in the user's files: where it is (path, line) and what was expected, so every message can
    say both."""

    path: str
    line: int | None
    message: str
    expected: str | None = None
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        tail = f" ({self.expected})" if self.expected else ""
        return _one_line(f"{where}: {self.message}{tail}")

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")


def _one_line(text: str) -> str:
    """One problem, one line: a newline or control character a user wrote is shown escaped."""
    if not _CONTROL.search(text):
        return text
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], text)


def shown_path(path: Path, root: Path) -> str:
    """How messages name a file: relative to the site folder when inside it, else as given."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def error(path: str | Path, line: int | None, message: str, expected: str | None = None) -> Diagnostic:
    return Diagnostic(str(path), line, message, expected, Severity.ERROR)


def warning(path: str | Path, line: int | None, message: str, expected: str | None = None) -> Diagnostic:
    return Diagnostic(str(path), line, message, expected, Severity.WARNING)


class BuildError(Exception):
    """Raised when a build cannot produce a site; carries every diagnostic found."""

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics = list(diagnostics)
        super().__init__("\n".join(str(d) for d in self.diagnostics))

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]


def toml_problem(message: str, text: str) -> tuple[int | None, str]:
    """tomllib's message split into (line, reason); 'at end of document' points at the last line."""
    match = re.search(r"\s*\(at line (\d+), column \d+\)", message)
    if match:
        return int(match.group(1)), message[: match.start()] + message[match.end() :]
    end = re.search(r"\s*\(at end of document\)", message)
    if end:
        reason = message[: end.start()] + message[end.end() :]
        lines = text.rstrip("\n").split("\n")
        quote = re.match(r"Expected \"(['\"])\"", reason)
        if quote:  # an unclosed string: point at the line that opened it
            for number, line in enumerate(lines, 1):
                if line.count(quote.group(1)) % 2:
                    return number, f"unclosed string ({reason})"
        return (len(lines) if text.strip() else 1), reason
    return None, message
