"""The shape docs/architecture.md describes, checked on the code as it is: import-linter's layers contract
(pyproject.toml) holds, no two modules import each other even through others, no package-level import
runs back up, and no module imports another's private name."""

from __future__ import annotations

import ast
import shutil
import subprocess
from collections import defaultdict

import pytest

from conftest import ROOT

grimp = pytest.importorskip("grimp", reason="import-linter is not installed (the test extra installs it)")

PACKAGE = ROOT / "termcheck"


def _graph() -> dict[str, set[str]]:
    graph = grimp.build_graph("termcheck", include_external_packages=False)
    return {m: set(graph.find_modules_directly_imported_by(m)) - {m} for m in graph.modules}


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one node (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(edges):
        if root in index:
            continue
        work = [(root, iter(sorted(edges.get(root, ()))))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    top = stack.pop()
                    on_stack.discard(top)
                    component.append(top)
                    if top == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_no_module_imports_itself_through_others() -> None:
    assert _cycles(_graph()) == []


def test_no_package_level_import_runs_back_up() -> None:
    """Rooms are the top-level modules and the subpackages: their imports form no cycle, so that every
    one of them has a floor and imports only from floors below."""
    rooms: dict[str, set[str]] = defaultdict(set)
    for module, imported in _graph().items():
        parts = module.split(".")
        if len(parts) < 2:
            continue
        for other in imported:
            there = other.split(".")
            if len(there) >= 2 and there[1] != parts[1]:
                rooms[parts[1]].add(there[1])
    assert _cycles(rooms) == []


@pytest.mark.skipif(shutil.which("lint-imports") is None, reason="import-linter's lint-imports is not installed")
def test_import_linter_keeps_the_layers_contract() -> None:
    res = subprocess.run(["lint-imports", "--no-cache"], cwd=ROOT, capture_output=True, text=True, check=False)
    assert res.returncode == 0, res.stdout[-3000:]
    assert "Contracts: 1 kept, 0 broken." in res.stdout


def test_no_module_imports_a_private_name_of_another() -> None:
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module != "__future__":
                private = [a.name for a in node.names if a.name.startswith("_") and not a.name.startswith("__")]
                if private:
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}: {', '.join(private)}")
    assert offenders == []


def test_the_front_ends_open_their_session_in_one_place() -> None:
    """The settings of a run are built by `app.session.open_session` only: no front end makes a
    `Settings` by hand."""
    makers = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name in ("pipeline.py", "session.py"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "Settings":
                makers.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert makers == []
