"""No import cycles between gerdy's modules.

What counts as an import of module B by module A: any `import` or `from ... import` statement
in A's source that names B or a name defined in B, wherever the statement is: at the top of
the module, inside a function or method, or under `if TYPE_CHECKING:`. A cycle is a set of
modules that reach each other through such imports (a strongly connected component of the
graph with more than one module, or a module importing itself). A package counts as its
`__init__` module, and importing `a.b` is not counted as an import of the package `a` (Python
runs `a/__init__.py` first, but that is an order of loading, not a dependency).

The graph is grimp's (the library import-linter is built on), which parses every module.
"""

from __future__ import annotations

from pathlib import Path

import grimp
import pytest

PACKAGE = "gerdy"


def import_graph(package: str = PACKAGE) -> dict[str, set[str]]:
    """Each module of `package` -> the modules of `package` it imports (see the module
    docstring)."""
    graph = grimp.build_graph(package, cache_dir=None)
    return {
        module: {
            imported
            for imported in graph.find_modules_directly_imported_by(module)
            if imported == package or imported.startswith(package + ".")
        }
        for module in graph.modules
    }


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of `graph` that hold a cycle (Tarjan's algorithm,
    written without recursion), each sorted, in sorted order."""
    index: dict[str, int] = {}
    lowest: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        index[root] = lowest[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        work = [(root, iter(sorted(graph[root])))]
        while work:
            node, successors = work[-1]
            for successor in successors:
                if successor not in index:
                    index[successor] = lowest[successor] = len(index)
                    stack.append(successor)
                    on_stack.add(successor)
                    work.append((successor, iter(sorted(graph.get(successor, ())))))
                    break
                if successor in on_stack:
                    lowest[node] = min(lowest[node], index[successor])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    lowest[parent] = min(lowest[parent], lowest[node])
                if lowest[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1 or node in graph.get(node, ()):
                        found.append(sorted(component))
    return sorted(found)


def test_cycles_finds_each_kind_of_cycle() -> None:
    graph = {
        "a": {"b"},
        "b": {"c"},
        "c": {"a", "d"},
        "d": {"e"},
        "e": set(),
        "f": {"f"},
        "g": {"h"},
        "h": {"g", "e"},
    }
    assert cycles(graph) == [["a", "b", "c"], ["f"], ["g", "h"]]
    assert cycles({"a": {"b"}, "b": {"c"}, "c": set()}) == []


def test_the_graph_sees_imports_in_functions_and_under_type_checking(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cycle that hides behind an import inside a function and one under TYPE_CHECKING is
    still a cycle."""
    package = tmp_path / "cycle_probe"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "course.py").write_text(
        "def advance() -> None:\n    from cycle_probe.rules import Rule\n\n    Rule()\n"
    )
    (package / "rules.py").write_text(
        "from typing import TYPE_CHECKING\n\n"
        "if TYPE_CHECKING:\n    from cycle_probe import course\n\n\nclass Rule:\n    pass\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    graph = import_graph("cycle_probe")
    assert graph["cycle_probe.course"] == {"cycle_probe.rules"}
    assert cycles(graph) == [["cycle_probe.course", "cycle_probe.rules"]]


def test_no_import_cycles() -> None:
    found = cycles(import_graph())
    assert found == [], "import cycles: " + "; ".join(" <-> ".join(c) for c in found)
