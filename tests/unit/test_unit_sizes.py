"""No function over 80 lines and no module over 600 lines in generator/.

A long function hides its steps; a long module hides its parts. The limits are the ones
issue 26 set. Nothing in generator/ passes them now, so ALLOWED is empty: a unit that must
stay too long for a while is named there with why, and an entry that is no longer too long
fails too, so the list only shrinks.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "generator"
GENERATED = PACKAGE / "theme" / "compiled"  # the theme's templates as Jinja compiles them (build/precompiled.py)
MAX_FUNCTION_LINES = 80
MAX_MODULE_LINES = 600

# "path/of/module.py" for a module, "path/of/module.py::function" for a function (a method is
# "Class.method"). Paths are relative to the repository.
ALLOWED: dict[str, str] = {}


def _function_lengths(tree: ast.Module) -> dict[str, int]:
    """'name' or 'Outer.name' -> lines from `def` to its last line (decorators not counted)."""
    lengths: dict[str, int] = {}

    def visit(node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                name = f"{prefix}{child.name}"
                if not isinstance(child, ast.ClassDef):
                    assert child.end_lineno is not None
                    lengths[name] = child.end_lineno - child.lineno + 1
                visit(child, f"{name}.")
            else:
                visit(child, prefix)

    visit(tree, "")
    return lengths


def too_long(root: Path) -> dict[str, int]:
    """Every module over MAX_MODULE_LINES and every function over MAX_FUNCTION_LINES below root."""
    found: dict[str, int] = {}
    for path in sorted(root.rglob("*.py")):
        if path.is_relative_to(GENERATED):
            continue
        text = path.read_text(encoding="utf-8")
        where = path.relative_to(root.parent).as_posix()
        lines = len(text.splitlines())
        if lines > MAX_MODULE_LINES:
            found[where] = lines
        for name, length in _function_lengths(ast.parse(text)).items():
            if length > MAX_FUNCTION_LINES:
                found[f"{where}::{name}"] = length
    return found


def test_no_unit_is_too_long() -> None:
    found = too_long(PACKAGE)
    new = {name: lines for name, lines in found.items() if name not in ALLOWED}
    assert not new, "split by the steps its comments name:\n" + "\n".join(
        f"{name}: {lines} lines (at most {MAX_MODULE_LINES if '::' not in name else MAX_FUNCTION_LINES})"
        for name, lines in sorted(new.items())
    )


def test_the_allowed_list_names_only_what_is_still_too_long() -> None:
    found = too_long(PACKAGE)
    stale = sorted(name for name in ALLOWED if name not in found)
    assert not stale, "no longer too long, remove from ALLOWED: " + ", ".join(stale)


def test_the_check_can_fail(tmp_path: Path) -> None:
    package = tmp_path / "generator"
    package.mkdir()
    body = "\n".join("    x = 1" for _ in range(MAX_FUNCTION_LINES - 2))
    method = "\n".join("        y = 2" for _ in range(MAX_FUNCTION_LINES - 1))
    (package / "short.py").write_text(f"def fits():\n{body}\n    return x\n", encoding="utf-8")
    (package / "long.py").write_text(
        f"class Pass:\n    def step(self):\n{method}\n        return y\n", encoding="utf-8"
    )
    (package / "big.py").write_text("x = 1\n" * (MAX_MODULE_LINES + 1), encoding="utf-8")
    assert too_long(package) == {
        "generator/long.py::Pass.step": MAX_FUNCTION_LINES + 1,
        "generator/big.py": MAX_MODULE_LINES + 1,
    }
