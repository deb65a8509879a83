"""Every module of hubdesk is reachable by plain imports from ``python -m hubdesk``.

PyInstaller finds modules by reading import statements (inside functions too), never by running
``importlib.import_module`` with a name built at run time; a module it cannot reach is missing from the
frozen program and its window crashes on start. Alembic's migration scripts are the one exception: they
are read from files, which the spec bundles as data.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "hubdesk"
LOADED_FROM_FILES = "hubdesk.core.migrations"  # the package, env.py and versions/*.py


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, name: str) -> set[str]:
    """Every hubdesk module named by an import anywhere in the file, with its parent packages."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    parents = {".".join(m.split(".")[:i]) for m in found for i in range(1, m.count(".") + 1)}
    return {m for m in found | parents if m == "hubdesk" or m.startswith("hubdesk.")}


def test_every_module_is_reachable_from_the_entry_point_by_plain_imports() -> None:
    files = {_module_name(p): p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts}
    reached: set[str] = set()
    todo = ["hubdesk.__main__"]
    while todo:
        name = todo.pop()
        if name in reached or name not in files:
            continue
        reached.add(name)
        todo.extend(_imports(files[name], name))
    unreached = {m for m in files if m not in reached and not m.startswith(LOADED_FROM_FILES)}
    assert unreached == set()


def test_no_module_is_imported_by_a_name_built_at_run_time() -> None:
    users = [str(p.relative_to(ROOT)) for p in PACKAGE.rglob("*.py")
             if "import_module(" in p.read_text("utf-8") or "__import__(" in p.read_text("utf-8")]
    assert users == []
