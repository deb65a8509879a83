"""The models load a domain at a time: naming a model loads its module alone, so a printout builds
only the classes it reads with; the first flush loads every model, so any flush can order its rows by
their foreign keys."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import hubdesk.core.models as models
from tests.conftest import copy_database

FOLDER = Path(models.__file__).parent


def _loaded_after(code: str) -> set[str]:
    """The model modules a fresh interpreter has loaded after running ``code``."""
    script = f"import sys\n{code}\nprint(' '.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    prefix = "hubdesk.core.models."
    return {m.removeprefix(prefix) for m in out.stdout.split() if m.startswith(prefix)}


def test_naming_a_model_loads_its_module_alone() -> None:
    assert _loaded_after("from hubdesk.core.models import Child") == {"base", "people"}
    assert _loaded_after("from hubdesk.core.models import User") == {"base", "users"}
    assert _loaded_after("from hubdesk.core.models import Attendance") == {"base", "registers"}


def test_base_named_from_the_package_comes_with_every_table() -> None:
    every = sorted(p.stem for p in FOLDER.glob("*.py") if p.stem != "__init__")
    assert sorted(_loaded_after("from hubdesk.core.models import Base")) == every
    assert sorted(_loaded_after("from hubdesk.core.models import load_all; load_all()")) == every


def test_the_first_flush_loads_every_model_so_any_insert_finds_its_foreign_keys(
        migrated_template: Path, tmp_path: Path) -> None:
    """Only the staff's models loaded, a staff member inserted through the ORM: the flush orders rows
    by their tables' foreign keys (``staff`` names ``sites``), which works only when every table they
    name is known. Without the factory's hook it fails (NoReferencedTableError); with it, the first
    flush loads every model."""
    database = tmp_path / "hub.db"
    copy_database(migrated_template, database)
    script = f"""
import sys
from datetime import date
from hubdesk.core.clock import Clock
from hubdesk.core.db import make_engine, make_sessionmaker
from hubdesk.core.models import Staff
engine = make_engine({str(database)!r})
factory = make_sessionmaker(engine, Clock())
before = "hubdesk.core.models.learning" in sys.modules
with factory() as s:
    s.add(Staff(forename="Ada", surname="Lovelace", role="Playworker"))
    s.commit()
print(before, "hubdesk.core.models.learning" in sys.modules)
"""
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.split() == ["False", "True"]


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
