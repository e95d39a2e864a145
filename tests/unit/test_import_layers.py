"""The shape of generator/: packages by pipeline stage, imports running one way only.

A new import that climbs back up the stages (content importing site, the build importing the
preview), a cycle between modules, or a `_private` name taken from another module fails here,
so the layout ARCHITECTURE.md describes stays the layout the code has.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "generator"

# Lowest first: a module may import from its own package or from any package before it.
LAYERS = (
    "patterns",
    "errors",
    "files",
    "processes",
    "urls",
    "dialects",
    "config",
    "content",
    "math",
    "highlight",
    "markdown",
    "site",
    "search",
    "build",
    "preview",
    "tools",
    "cli",
    "__main__",
)


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _runtime_nodes(tree: ast.Module) -> list[ast.AST]:
    """Every node except those under `if TYPE_CHECKING:`: annotations are not dependencies."""
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped.update(id(inner) for child in node.body for inner in ast.walk(child))
    return [node for node in ast.walk(tree) if id(node) not in skipped]


def _imports(modules: dict[str, Path]) -> dict[str, set[tuple[str, str]]]:
    """module -> {(imported module, name)}; name is "" for `import generator.x`."""
    found: dict[str, set[tuple[str, str]]] = {}
    for name, path in modules.items():
        edges: set[tuple[str, str]] = set()
        for node in _runtime_nodes(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                assert node.level == 0, f"{name}: relative import; write `from generator.… import …`"
                if node.module and node.module.split(".")[0] == "generator":
                    for alias in node.names:
                        whole = f"{node.module}.{alias.name}"
                        edges.add((whole, "") if whole in modules else (node.module, alias.name))
            elif isinstance(node, ast.Import):
                edges.update((alias.name, "") for alias in node.names if alias.name.split(".")[0] == "generator")
        found[name] = edges
    return found


MODULES = {_module_name(path): path for path in PACKAGE.rglob("*.py") if "theme" not in path.parts}
IMPORTS = _imports(MODULES)


def _layer(module: str) -> int:
    parts = module.split(".")
    return -1 if len(parts) == 1 else LAYERS.index(parts[1])


def test_every_package_is_a_known_layer_with_a_docstring() -> None:
    for name, path in MODULES.items():
        parts = name.split(".")
        if len(parts) > 1:
            assert parts[1] in LAYERS, f"{name}: add its package to LAYERS (and to ARCHITECTURE.md)"
        if path.name == "__init__.py" and name != "generator":
            assert ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))), f"{path}: say the package's job"


def test_imports_only_go_down_the_layers() -> None:
    upward = [
        f"{module} imports {target}"
        for module, edges in IMPORTS.items()
        for target, _ in edges
        if _layer(target) > _layer(module)
    ]
    assert not upward, "\n".join(sorted(upward))


def test_no_private_name_crosses_a_module() -> None:
    crossing = [
        f"{module} imports {target}.{name}"
        for module, edges in IMPORTS.items()
        for target, name in edges
        if name.startswith("_") and not name.startswith("__")
    ]
    assert not crossing, "\n".join(sorted(crossing))


def test_no_import_cycle() -> None:
    graph = {module: {target for target, _ in edges if target in MODULES} for module, edges in IMPORTS.items()}
    done: set[str] = set()

    def visit(module: str, path: list[str]) -> None:
        if module in path:
            cycle = [*path[path.index(module) :], module]
            pytest.fail("import cycle: " + " -> ".join(cycle))
        if module in done:
            return
        for target in sorted(graph[module]):
            visit(target, [*path, module])
        done.add(module)

    for module in sorted(graph):
        visit(module, [])


def test_the_checks_can_fail() -> None:
    """The walker sees imports written in functions, and skips only TYPE_CHECKING blocks."""
    tree = ast.parse(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from generator.preview.app import run\n"
        "def f():\n    from generator.build.pipeline import build\n"
    )
    names = [node.module for node in _runtime_nodes(tree) if isinstance(node, ast.ImportFrom)]
    assert names == ["typing", "generator.build.pipeline"]
    assert _layer("generator.content.loader") < _layer("generator.site.plan") < _layer("generator.preview.app")
