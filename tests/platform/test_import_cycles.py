"""The project's modules import each other without cycles (issue 17).

The graph is read with `ast` from the source of the four apps and taxportal. Imports that run
when a module is first imported (its body, top-level `if`/`try`/`with`, class bodies) make the
graph, which must have no cycle. An import inside a function is allowed only where it cannot
hide a cycle, with one exception, the convention for Celery: a task imports its service inside
its body, and a service imports the task module at its top to enqueue it after commit.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("taxportal", "registration", "parking_badges", "customs_valuation", "garnishment")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def project_modules() -> dict[str, Path]:
    return {
        _module_name(path): path
        for package in PACKAGES
        for path in (ROOT / package).rglob("*.py")
        if "migrations" not in path.parts
    }


def _imports(tree: ast.Module):
    """(import statement, runs at import time?) for every import in the module."""
    pending = [(node, True) for node in tree.body]
    while pending:
        node, top = pending.pop()
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node, top
            continue
        if _type_checking_only(node):  # `if TYPE_CHECKING:` imports never run
            continue
        inside_function = isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
        pending.extend((child, top and not inside_function) for child in ast.iter_child_nodes(node))


def _type_checking_only(node) -> bool:
    return isinstance(node, ast.If) and (
        (isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING")
        or (isinstance(node.test, ast.Attribute) and node.test.attr == "TYPE_CHECKING")
    )


def _targets(module: str, is_package: bool, node, modules) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    base = node.module or ""
    if node.level:
        parts = module.split(".") if is_package else module.split(".")[:-1]
        parts = parts[: len(parts) - (node.level - 1)]
        base = ".".join([*parts, node.module] if node.module else parts)
    return [
        f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base
        for alias in node.names
    ]


def import_graph() -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """The imports between project modules: (at import time, inside functions)."""
    modules = project_modules()
    top_level: dict[str, set[str]] = {name: set() for name in modules}
    deferred: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node, top in _imports(tree):
            for target in _targets(name, path.name == "__init__.py", node, modules):
                # Importing a.b.c runs the packages a and a.b first, except those the
                # importing module is itself inside (they are already being imported).
                parts = target.split(".")
                for i in range(1, len(parts) + 1):
                    ancestor = ".".join(parts[:i])
                    if ancestor in modules and not (name + ".").startswith(ancestor + "."):
                        (top_level if top else deferred)[name].add(ancestor)
    return top_level, deferred


def find_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle through each strongly connected component of more than one module."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    components: list[set[str]] = []

    def connect(node: str) -> None:  # Tarjan's algorithm
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                connect(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = set()
            while node not in component:
                component.add(stack.pop())
            if len(component) > 1:
                components.append(component)

    for node in sorted(graph):
        if node not in index:
            connect(node)
    cycles = []
    for members in components:
        path = [min(members)]
        while True:  # walk inside the component until a module repeats
            nxt = min(n for n in graph[path[-1]] if n in members)
            if nxt in path:
                cycles.append([*path[path.index(nxt) :], nxt])
                break
            path.append(nxt)
    return cycles


def _reaches(graph: dict[str, set[str]], start: str, goal: str) -> bool:
    seen, pending = set(), [start]
    while pending:
        node = pending.pop()
        if node == goal:
            return True
        if node not in seen:
            seen.add(node)
            pending.extend(graph.get(node, ()))
    return False


def hidden_cycles(top_level, deferred) -> list[str]:
    """Imports inside functions that close a cycle with the top-level imports, except a task
    module importing what it runs."""
    return sorted(
        f"{source} -> {target} (inside a function) -> ... -> {source}"
        for source, targets in deferred.items()
        if not source.endswith(".tasks")
        for target in targets
        if _reaches(top_level, target, source)
    )


def test_issue_17_no_import_cycle_between_modules():
    top_level, deferred = import_graph()
    cycles = find_cycles(top_level)
    assert cycles == [], "import cycles:\n" + "\n".join(" -> ".join(c) for c in cycles)
    hidden = hidden_cycles(top_level, deferred)
    assert hidden == [], "cycles hidden in functions:\n" + "\n".join(hidden)


def test_issue_17_tasks_import_their_services_inside_their_bodies():
    top_level, _deferred = import_graph()
    offending = sorted(
        f"{module} -> {target}"
        for module, targets in top_level.items()
        if module.endswith(".tasks")
        for target in targets
        if target.rsplit(".", 1)[-1] == "services" or ".services." in target
    )
    assert offending == []


def test_issue_17_the_cycle_checks_find_cycles():
    graph = {"a.tasks": {"a.services"}, "a.services": {"a.models", "a.tasks"}, "a.models": set()}
    assert find_cycles(graph) == [["a.services", "a.tasks", "a.services"]]
    top_level = {"a.tasks": {"a.services"}, "a.services": {"a.models"}, "a.models": set()}
    deferred = {"a.services": {"a.tasks"}, "a.models": {"a.services"}, "a.tasks": set()}
    assert hidden_cycles(top_level, deferred) == [
        "a.models -> a.services (inside a function) -> ... -> a.models",
        "a.services -> a.tasks (inside a function) -> ... -> a.services",
    ]
