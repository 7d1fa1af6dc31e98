"""The layers stay one-way and free of circles: every import statement of core/ and desktop/ (module level,
inside functions and under TYPE_CHECKING alike) read with ast, checked against the contracts of design.md."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("core", "desktop")


def _modules() -> dict[str, tuple[Path, bool]]:
    """Dotted module name -> (file, is a package __init__)."""
    out: dict[str, tuple[Path, bool]] = {}
    for pkg in PACKAGES:
        for path in sorted((ROOT / pkg).rglob("*.py")):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            is_pkg = parts[-1] == "__init__"
            out[".".join(parts[:-1] if is_pkg else parts)] = (path, is_pkg)
    return out


MODULES = _modules()


def _imports(name: str, path: Path, is_pkg: bool) -> set[str]:
    """Every project module `name` imports. `from a.b import c` is an edge to a.b.c when that is a module,
    otherwise to a.b; importing a package's submodule is not counted as importing the package __init__."""
    package = name if is_pkg else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package
                for _ in range(node.level - 1):
                    base = base.rpartition(".")[0]
                target = f"{base}.{node.module}" if node.module else base
            else:
                target = node.module or ""
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                found.add(sub if sub in MODULES else target)
    return {m for m in found if m in MODULES and m != name}


GRAPH = {name: _imports(name, *where) for name, where in MODULES.items()}


def _within(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def _violations(graph: dict[str, set[str]], importer: str, forbidden: tuple[str, ...]) -> list[str]:
    return sorted(f"{a} imports {b}" for a, deps in graph.items() if _within(a, importer)
                  for b in deps if any(_within(b, f) for f in forbidden))


CONTRACTS = [
    ("core", ("desktop",)),
    ("core.readers", ("core.rules", "core.export", "core.batch", "core.cli")),
    ("core.rules", ("core.readers",)),
    ("core.extract", ("core.rules", "core.export")),
]


@pytest.mark.parametrize(("importer", "forbidden"), CONTRACTS, ids=[c[0] for c in CONTRACTS])
def test_layer_contract(importer: str, forbidden: tuple[str, ...]) -> None:
    assert _violations(GRAPH, importer, forbidden) == []


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            v, children = work[-1]
            w = next(children, None)
            if w is not None:
                if w not in index:
                    index[w] = low[w] = len(index)
                    stack.append(w)
                    on_stack.add(w)
                    work.append((w, iter(sorted(graph[w]))))
                elif w in on_stack:
                    low[v] = min(low[v], index[w])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[v])
            if low[v] == index[v]:
                comp: list[str] = []
                while True:
                    x = stack.pop()
                    on_stack.discard(x)
                    comp.append(x)
                    if x == v:
                        break
                if len(comp) > 1:
                    out.append(sorted(comp))
    return out


@pytest.mark.parametrize("package", PACKAGES)
def test_no_import_cycles(package: str) -> None:
    graph = {a: {b for b in deps if _within(b, package)} for a, deps in GRAPH.items() if _within(a, package)}
    assert _cycles(graph) == []


def test_checker_sees_what_it_checks() -> None:
    """The graph is not empty by accident: known edges (a function-level import, a relative-free from-import of a
    submodule, a package-level import) are found, and a planted cycle and a planted violation are reported."""
    assert "core.season.checking" in GRAPH["core.batch.run"]  # imported inside a function
    assert "core.batch.result" in GRAPH["core.batch.workbook"]
    assert "desktop.main_window" in GRAPH["desktop.app"]  # inside main()
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []
    planted = {"core.rules.x": {"core.readers.pdf", "core.model"}, "core.rulesy": {"core.readers"}}
    assert _violations(planted, "core.rules", ("core.readers",)) == ["core.rules.x imports core.readers.pdf"]
