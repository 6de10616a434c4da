"""A small mutation check: change the code the way a slip would, and see the tests fail.

For every mutation site in the given modules (a comparison turned around, + for -, `and`
for `or`, a `not` dropped, a number off by one, True for False, min for max, a `return`
value dropped) the module is rewritten with that one change and the given tests run
against it. A mutant the tests fail on is *killed*; one they pass is a *survivor*: a change
nobody would notice. The score is killed / all.

The mutants are made in a scratch copy of the checkout, so the working tree (and any test
run from it meanwhile) never sees them. Run it with the project's virtual environment:

    .venv/bin/python tools/mutate.py            # the three sets below
    .venv/bin/python tools/mutate.py autosave   # one set
    .venv/bin/python tools/mutate.py --module trustboard/x.py --tests tests/test_x.py

A line ending in `# no mutate` is left alone (say why on that line).
"""

from __future__ import annotations

import argparse
import ast
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

# name -> (modules to mutate, tests that should notice)
SETS: dict[str, tuple[list[str], list[str]]] = {
    "autosave": (
        ["trustboard/store/autosave.py"],
        ["tests/store/test_autosave.py", "tests/store/test_workshop_file.py", "-k", "autosave"],
    ),
    "document": (
        sorted(str(p.relative_to(REPO)) for p in (REPO / "trustboard/document").glob("*.py")),
        ["tests/document"],
    ),
    "geometry": (
        ["trustboard/ui/board/geometry.py"],
        ["tests/ui/test_board_geometry.py", "tests/ui/test_board.py"],
    ),
}

COPIED = ("trustboard", "tests", "templates", "resources", "packaging", "pyproject.toml")

_COMPARE_SWAPS: dict[type[ast.cmpop], type[ast.cmpop]] = {
    ast.Lt: ast.LtE,
    ast.LtE: ast.Lt,
    ast.Gt: ast.GtE,
    ast.GtE: ast.Gt,
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
}
_BINOP_SWAPS: dict[type[ast.operator], type[ast.operator]] = {
    ast.Add: ast.Sub,
    ast.Sub: ast.Add,
    ast.Mult: ast.Div,
    ast.Div: ast.Mult,
    ast.FloorDiv: ast.Div,
    ast.Mod: ast.FloorDiv,
}
_CALL_SWAPS = {"min": "max", "max": "min", "any": "all", "all": "any"}


@dataclass(frozen=True)
class Mutant:
    module: str
    line: int
    what: str
    site: int  # the index of the mutated node in ast.walk order


def _sites(tree: ast.Module, skip_lines: set[int]) -> Iterator[tuple[int, ast.AST, str]]:
    """(index, node, description) for every mutation this tree offers."""
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    for index, node in enumerate(ast.walk(tree)):
        line = getattr(node, "lineno", 0)
        if line in skip_lines or id(node) in docstrings:
            continue
        if isinstance(node, ast.Compare) and len(node.ops) == 1:
            swap = _COMPARE_SWAPS.get(type(node.ops[0]))
            if swap is not None:
                yield index, node, f"{type(node.ops[0]).__name__} -> {swap.__name__}"
        elif isinstance(node, ast.BinOp | ast.AugAssign) and type(node.op) in _BINOP_SWAPS:
            yield index, node, f"{type(node.op).__name__} -> {_BINOP_SWAPS[type(node.op)].__name__}"
        elif isinstance(node, ast.BoolOp):
            yield index, node, "and <-> or"
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            yield index, node, "drop `not`"
        elif isinstance(node, ast.Constant) and type(node.value) is bool:
            yield index, node, f"{node.value} -> {not node.value}"
        elif isinstance(node, ast.Constant) and isinstance(node.value, int | float):
            yield index, node, f"{node.value!r} -> {node.value + 1!r}"
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in _CALL_SWAPS
        ):
            yield index, node, f"{node.func.id} -> {_CALL_SWAPS[node.func.id]}"
        elif (
            isinstance(node, ast.Return)
            and node.value is not None
            and not (isinstance(node.value, ast.Constant) and node.value.value is None)
        ):
            yield index, node, "return None"


def _apply(node: ast.AST) -> ast.AST:
    """The node that replaces `node`, changed the way `_sites` described it."""
    if isinstance(node, ast.Compare):
        node.ops = [_COMPARE_SWAPS[type(node.ops[0])]()]
    elif isinstance(node, ast.BinOp | ast.AugAssign):
        node.op = _BINOP_SWAPS[type(node.op)]()
    elif isinstance(node, ast.BoolOp):
        node.op = ast.Or() if isinstance(node.op, ast.And) else ast.And()
    elif isinstance(node, ast.UnaryOp):
        return node.operand  # `not x` -> `x`
    elif isinstance(node, ast.Constant) and type(node.value) is bool:
        node.value = not node.value
    elif isinstance(node, ast.Constant) and isinstance(node.value, int | float):
        node.value = node.value + 1
    elif isinstance(node, ast.Call):
        assert isinstance(node.func, ast.Name)
        node.func.id = _CALL_SWAPS[node.func.id]
    elif isinstance(node, ast.Return):
        node.value = ast.Constant(None)
    return node


class _Replace(ast.NodeTransformer):
    def __init__(self, target: ast.AST) -> None:
        self.target = target

    def visit(self, node: ast.AST) -> ast.AST:
        if node is self.target:
            return _apply(node)
        return self.generic_visit(node)


def mutants(module: str) -> list[Mutant]:
    source = (REPO / module).read_text(encoding="utf-8")
    skip = {
        n for n, text in enumerate(source.splitlines(), 1) if text.rstrip().endswith("# no mutate")
    }
    tree = ast.parse(source)
    found = [
        Mutant(module, getattr(node, "lineno", 0), what, i) for i, node, what in _sites(tree, skip)
    ]
    return sorted(found, key=lambda m: (m.line, m.site))


def mutated_source(mutant: Mutant, original: str) -> str:
    tree = ast.parse(original)
    target = next(n for i, n in enumerate(ast.walk(tree)) if i == mutant.site)
    return ast.unparse(ast.fix_missing_locations(_Replace(target).visit(tree)))


def _scratch_copy() -> Path:
    root = Path(tempfile.mkdtemp(prefix="trustboard-mutants-"))
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in COPIED:
        src = REPO / name
        if src.is_dir():
            shutil.copytree(src, root / name, ignore=ignore)
        elif src.exists():
            shutil.copy2(src, root / name)
    return root


def _run_tests(root: Path, tests: list[str], timeout: float) -> tuple[bool, str]:
    """(passed, last line of output); a run over `timeout` is stopped and counts as failed
    (a mutant that makes the code hang is caught)."""
    env = dict(os.environ, PYTHONPATH=str(root), QT_QPA_PLATFORM="offscreen")
    env.pop("PYTHONSAFEPATH", None)
    cmd = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *tests]
    proc = subprocess.Popen(
        cmd, cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        start_new_session=True,
    )  # fmt: skip
    try:
        out, _ = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        return False, f"timed out after {timeout:.0f} s"
    lines = out.strip().splitlines() or [""]
    return proc.returncode == 0, lines[-1]


def check(
    modules: list[str], tests: list[str], *, timeout: float | None, limit: int | None
) -> tuple[int, int, list[str]]:
    """Run every mutant of `modules` against `tests`: (killed, total, survivors)."""
    root = _scratch_copy()
    try:
        started = time.monotonic()
        passed, summary = _run_tests(root, tests, timeout or 600.0)
        if not passed:
            raise SystemExit(f"the tests fail before any mutation: {summary}")
        if timeout is None:  # a mutant that makes them this much slower hangs
            timeout = max(20.0, 4 * (time.monotonic() - started))
        killed, total, survivors = 0, 0, []
        for module in modules:
            original = (REPO / module).read_text(encoding="utf-8")
            target = root / module
            found = mutants(module)[:limit]
            for mutant in found:
                target.write_text(mutated_source(mutant, original), encoding="utf-8")
                try:
                    started = time.monotonic()
                    passed, summary = _run_tests(root, tests, timeout)
                finally:
                    target.write_text(original, encoding="utf-8")
                total += 1
                where = f"{mutant.module}:{mutant.line} {mutant.what}"
                if passed:
                    survivors.append(where)
                else:
                    killed += 1
                verdict = "SURVIVED" if passed else "killed"
                print(f"  {verdict:8} {where}  ({time.monotonic() - started:.1f} s)", flush=True)
        return killed, total, survivors
    finally:
        shutil.rmtree(root, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sets", nargs="*", help=f"named sets: {', '.join(SETS)} (default: all)")
    parser.add_argument("--module", action="append", default=[], help="a module to mutate")
    parser.add_argument("--tests", action="append", default=[], help="tests for --module")
    parser.add_argument(
        "--timeout", type=float, default=None, help="seconds per test run (4x the unmutated run)"
    )
    parser.add_argument("--limit", type=int, default=None, help="at most this many per module")
    parser.add_argument("--fail-under", type=float, default=0.0, help="exit 1 under this score")
    args = parser.parse_args(argv)
    unknown = set(args.sets) - set(SETS)
    if unknown:
        parser.error(f"no such set: {', '.join(sorted(unknown))}")
    jobs = [SETS[name] for name in args.sets or ([] if args.module else list(SETS))]
    if args.module:
        if not args.tests:
            parser.error("--module needs --tests")
        jobs.append((args.module, args.tests))
    all_killed = all_total = 0
    all_survivors: list[str] = []
    for modules, tests in jobs:
        print(f"{', '.join(modules)}  <-  {' '.join(tests)}", flush=True)
        killed, total, survivors = check(modules, tests, timeout=args.timeout, limit=args.limit)
        print(f"  score {killed}/{total} = {killed / max(total, 1):.0%}\n", flush=True)
        all_killed += killed
        all_total += total
        all_survivors += survivors
    score = all_killed / max(all_total, 1)
    print(f"mutation score: {all_killed}/{all_total} killed = {score:.0%}")
    if all_survivors:
        print("survivors (changes no test notices):")
        for where in all_survivors:
            print(f"  {where}")
    return 1 if score < args.fail_under else 0


if __name__ == "__main__":
    sys.exit(main())
