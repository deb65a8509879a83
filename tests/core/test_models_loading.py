"""The models load a domain at a time: naming a model loads its module and the modules of the tables
its foreign keys name, so a printout builds only the classes it reads with, and any flush can still
order its rows by their foreign keys."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import hubdesk.core.models as models
from hubdesk.core.models import Base

FOLDER = Path(models.__file__).parent


def _loaded_after(code: str) -> set[str]:
    """The model modules a fresh interpreter has loaded after running ``code``."""
    script = f"import sys\n{code}\nprint(' '.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    prefix = "hubdesk.core.models."
    return {m.removeprefix(prefix) for m in out.stdout.split() if m.startswith(prefix)}


def _module_of_table() -> dict[str, str]:
    found: dict[str, str] = {}
    for mapper in Base.registry.mappers:
        for table in mapper.tables:
            found[table.name] = mapper.class_.__module__.rsplit(".", 1)[1]
    return found


def _imported_model_modules(path: Path) -> set[str]:
    """The sibling model modules a model module imports (``from hubdesk.core.models import a, b``)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module == "hubdesk.core.models":
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("hubdesk.core.models."):
            found.add(node.module.rsplit(".", 1)[1])  # type: ignore[union-attr]
    return found


def test_naming_a_model_loads_its_module_and_those_its_foreign_keys_name() -> None:
    assert _loaded_after("from hubdesk.core.models import Child") == {"base", "people", "sites"}
    assert _loaded_after("from hubdesk.core.models import User") == {"base", "users"}
    loaded = _loaded_after("from hubdesk.core.models import Attendance")
    assert {"registers", "clubs", "people", "sites"} <= loaded
    assert not loaded & {"minibus", "money", "money_store", "referrals", "overview", "users"}


def test_base_named_from_the_package_comes_with_every_table() -> None:
    every = sorted(p.stem for p in FOLDER.glob("*.py") if p.stem != "__init__")
    assert sorted(_loaded_after("from hubdesk.core.models import Base")) == every
    assert sorted(_loaded_after("from hubdesk.core.models import load_all; load_all()")) == every


def test_every_foreign_key_is_reached_from_its_own_module() -> None:
    """A module imports the modules of every table its foreign keys name (directly or through them):
    without them, inserting a row of it fails when only that module is loaded (the flush orders
    tables by their foreign keys and cannot find the table named)."""
    home = _module_of_table()
    imports = {p.stem: _imported_model_modules(p) for p in FOLDER.glob("*.py") if p.stem != "__init__"}

    def reached(start: str) -> set[str]:
        seen, todo = {start}, [start]
        while todo:
            for nxt in imports.get(todo.pop(), set()) - seen:
                seen.add(nxt)
                todo.append(nxt)
        return seen

    missing = {(home[t.name], fk.column.table.name) for t in Base.metadata.tables.values()
               for fk in t.foreign_keys if home[fk.column.table.name] not in reached(home[t.name])}
    assert missing == set()


def test_every_exported_name_lives_in_the_module_said() -> None:
    named = {name for names in models._NAMES.values() for name in names}
    assert named == set(models.__all__)
    for module, names in models._NAMES.items():
        for name in names:
            assert getattr(models, name).__module__ == f"hubdesk.core.models.{module}", name


def test_model_annotations_are_evaluated_by_python_not_from_strings() -> None:
    """``Mapped[...]`` written as a string (what ``from __future__ import annotations`` makes of every
    annotation) is compiled and evaluated by SQLAlchemy one column at a time: a seventh of the time
    the classes take to build. A model that names a class defined further down quotes that name."""
    for path in sorted(FOLDER.glob("*.py")):
        if path.name == "__init__.py":
            continue
        tree = ast.parse(path.read_text("utf-8"))
        future = [node for node in tree.body if isinstance(node, ast.ImportFrom)
                  and node.module == "__future__"]
        assert not future, f"{path.name} turns its annotations into strings"
