"""The UI package stays readable: no import cycles between its modules, none over 400 lines."""

from __future__ import annotations

import ast
from pathlib import Path

import trustboard.ui

UI = Path(trustboard.ui.__file__).parent
MAX_LINES = 400


def ui_modules(root: Path = UI) -> dict[str, Path]:
    """Every module of the package by dotted name."""
    base = root.parent.parent
    modules = {}
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(base).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        modules[name] = path
    return modules


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    """The package's modules that `name` imports anywhere in its source (also inside
    functions and under TYPE_CHECKING: a cycle there still ties the modules together)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                module = f"{base}.{node.module}" if node.module else base
            else:
                module = node.module or ""
            # `from pkg import sub` imports the module pkg.sub; `from mod import name`, mod.
            targets = [
                f"{module}.{alias.name}" if f"{module}.{alias.name}" in known else module
                for alias in node.names
            ]
        for target in targets:
            # `import a.b.c` imports a.b too, but that is a package's __init__, not a cycle
            # of ours unless the __init__ imports back; take the deepest known module.
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def import_cycles(root: Path = UI) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan), each sorted."""
    modules = ui_modules(root)
    known = set(modules)
    graph = {name: imports_of(name, path, known) for name, path in modules.items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                cycles.append(sorted(group))

    for name in sorted(graph):
        if name not in index:
            visit(name)
    return cycles


def long_modules(root: Path = UI) -> dict[str, int]:
    modules = ui_modules(root)
    lines = {name: len(p.read_text(encoding="utf-8").splitlines()) for name, p in modules.items()}
    return {name: n for name, n in lines.items() if n > MAX_LINES}


def test_no_import_cycles_in_ui() -> None:
    assert import_cycles() == []


def test_no_ui_module_over_400_lines() -> None:
    assert long_modules() == {}


def test_the_cycle_finder_sees_a_cycle(tmp_path: Path) -> None:
    pkg = tmp_path / "trustboard" / "ui"
    (pkg / "docks").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "docks" / "__init__.py").write_text("")
    (pkg / "a.py").write_text("from trustboard.ui.docks import b\n")
    (pkg / "docks" / "b.py").write_text("def f():\n    from trustboard.ui import a\n")
    (pkg / "c.py").write_text("import trustboard.ui.a\n")
    assert import_cycles(pkg) == [["trustboard.ui.a", "trustboard.ui.docks.b"]]
    (pkg / "c.py").write_text("x = 1\n" * (MAX_LINES + 1))
    assert long_modules(pkg) == {"trustboard.ui.c": MAX_LINES + 1}
