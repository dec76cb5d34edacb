"""The package's shape: only the MkDocs host imports MkDocs, no module imports itself back through
others, every package says what it holds, and vocabularies are told apart by the registry alone."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from hub_plugin.model.vocabularies import REGISTRY

PACKAGE = Path(__file__).resolve().parents[1] / "hub_plugin"
MKDOCS_HOST = PACKAGE / "hosts" / "mkdocs"
SITE_GENERATOR_MODULES = ("mkdocs", "material", "properdocs")


def modules() -> dict[str, Path]:
    """Dotted name -> file, for every module of the package."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def imports_of(name: str, path: Path) -> list[tuple[int, str]]:
    """(line, module) of every import in the file, at any depth (inside functions too), made absolute."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            found.append((node.lineno, module))
            # `from . import spelling` imports a submodule: it is a dependency too.
            found += [(node.lineno, f"{module}.{alias.name}") for alias in node.names]
    return found


def test_only_the_mkdocs_host_imports_a_site_generator():
    offenders = []
    for name, path in modules().items():
        if MKDOCS_HOST in path.parents:
            continue
        for line, module in imports_of(name, path):
            if module.split(".")[0] in SITE_GENERATOR_MODULES:
                offenders.append(f"{path.relative_to(PACKAGE.parent)}:{line}: imports {module}")
    assert not offenders, "only hub_plugin/hosts/mkdocs/ may import MkDocs:\n" + "\n".join(offenders)


def test_the_core_loads_in_a_fresh_interpreter_without_mkdocs():
    core = [name for name in modules() if not name.startswith("hub_plugin.hosts") and not name.endswith("__main__")]
    code = ("import importlib, sys\n"
            f"for name in {core!r}:\n"
            "    importlib.import_module(name)\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'material', 'properdocs')))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_the_core_does_not_depend_on_its_hosts():
    """Hosts call the core, never the other way round (``python -m hub_plugin`` is an entry point, not core)."""
    offenders = [f"{path.relative_to(PACKAGE.parent)}:{line}: imports {module}"
                 for name, path in modules().items()
                 if not name.startswith("hub_plugin.hosts") and name != "hub_plugin.__main__"
                 for line, module in imports_of(name, path) if module.startswith("hub_plugin.hosts")]
    assert not offenders, "\n".join(offenders)


def test_no_module_imports_itself_back_through_others():
    known = modules()
    graph = {name: sorted({module for _, module in imports_of(name, path) if module in known and module != name})
             for name, path in known.items()}
    cycles: list[list[str]] = []
    state: dict[str, str] = {}

    def visit(name: str, trail: list[str]) -> None:
        state[name] = "open"
        for target in graph[name]:
            if state.get(target) == "open":
                cycles.append(trail[trail.index(target):] + [target])
            elif target not in state:
                visit(target, trail + [target])
        state[name] = "done"

    for name in graph:
        if name not in state:
            visit(name, [name])
    assert not cycles, "import cycles:\n" + "\n".join(" -> ".join(cycle) for cycle in cycles)


def test_every_package_says_what_it_holds():
    for init in PACKAGE.rglob("__init__.py"):
        docstring = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert docstring and len(docstring) > 40, f"{init.relative_to(PACKAGE.parent)} needs a docstring"


def test_no_module_tells_vocabularies_apart_by_name_but_the_registry():
    """``if vocabulary == "countries"`` belongs in the registry's description of countries, not in a module."""
    ids = {spec.id for spec in REGISTRY}
    offenders = []
    for name, path in modules().items():
        if name == "hub_plugin.model.vocabularies":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Compare) and any(isinstance(op, (ast.Eq, ast.NotEq)) for op in node.ops):
                values = [node.left, *node.comparators]
                named = [value.value for value in values if isinstance(value, ast.Constant) and value.value in ids]
                if named:
                    offenders.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno}: compares with {named[0]!r}")
    assert not offenders, "\n".join(offenders)
