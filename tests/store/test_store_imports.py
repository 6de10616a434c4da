"""The storage package reads bottom-up: no module of it needs another that needs it back."""

from __future__ import annotations

import ast
from pathlib import Path

import trustboard.store

STORE = Path(trustboard.store.__file__).parent


def _imports_of(path: Path) -> set[str]:
    """Every trustboard.store module `path` imports, also inside functions."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [f"{node.module}.{a.name}" for a in node.names] + [node.module]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        else:
            continue
        found |= {
            n
            for n in names
            if (STORE / f"{n.rsplit('.', 1)[-1]}.py").exists() and n.startswith("trustboard.store.")
        }
    return {n.rsplit(".", 1)[-1] for n in found}


def test_no_two_store_modules_import_each_other() -> None:
    graph = {p.stem: _imports_of(p) for p in STORE.glob("*.py") if p.stem != "__init__"}

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        for nxt in graph.get(start, set()) - seen:
            if nxt == goal or reaches(nxt, goal, seen | {nxt}):
                return True
        return False

    cycles = sorted(m for m in graph if reaches(m, m, set()))
    assert not cycles, f"modules in an import cycle: {cycles}"
