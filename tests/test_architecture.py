"""The house in order: one direction of dependency, no import cycles, no file that has outgrown one concern.

The layer contracts live in pyproject.toml ([tool.importlinter]) and are run with import-linter, a maintained
tool; cycles are found here from grimp's import graph (the one import-linter builds), lazy imports included.
"""

import subprocess
import sys
from pathlib import Path

import grimp
import pytest

from tests.helpers import REPO_ROOT

ROOTS = ("pms_baseline", "pms_baseline_infra", "pms_baseline_pack")
SOURCE_FOLDERS = ("pms_baseline", "infra", "policy_packs/hipaa")
MAX_LINES = 600
"""A source file past about 500 lines is split in the change that grows it; this is the hard ceiling."""


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of two or more modules (each a cycle of imports), sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(root: str) -> None:
        # Iterative Tarjan: import graphs are deep enough to trouble the recursion limit.
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
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    found.append(sorted(group))

    for module in sorted(edges):
        if module not in index:
            visit(module)
    return sorted(found)


def test_cycles_finds_mutual_and_longer_cycles_and_nothing_else():
    assert cycles({"a": {"b"}, "b": {"a"}, "c": {"a"}}) == [["a", "b"]]
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": {"c"}, "c": set()}) == []


def test_no_module_imports_another_that_imports_it_back():
    graph = grimp.build_graph(*ROOTS)
    edges = {m: set(graph.find_modules_directly_imported_by(m)) for m in graph.modules}
    # A package's __init__ that re-exports its children is the package itself, not a cycle between modules.
    edges = {m: {n for n in targets if not m.startswith(n + ".")} for m, targets in edges.items()}
    assert cycles(edges) == []


def test_the_layer_contracts_hold():
    lint = Path(sys.executable).parent / "lint-imports"
    proc = subprocess.run([str(lint), "--no-cache"], cwd=REPO_ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]
    assert "0 broken" in proc.stdout


@pytest.mark.parametrize("folder", SOURCE_FOLDERS)
def test_no_source_file_has_outgrown_one_concern(folder):
    long = {str(p.relative_to(REPO_ROOT)): n for p in sorted((REPO_ROOT / folder).rglob("*.py"))
            if (n := len(p.read_text().splitlines())) > MAX_LINES}
    assert long == {}, f"split these files (over {MAX_LINES} lines): {long}"
