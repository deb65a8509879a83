"""Migration 0018_read_roles gives the seeded head and driver their read-only permissions, and
leaves a role an administrator has edited as it was."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, text

from hubdesk.core.schema import upgrade


def _grants(url: str) -> dict[str, set[str]]:
    engine = create_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT role, permission FROM role_permissions")).all()
    engine.dispose()
    held: dict[str, set[str]] = {}
    for role, permission in rows:
        held.setdefault(role, set()).add(permission)
    return held


def test_unedited_roles_get_read_permissions_and_edited_ones_stay(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = create_engine(url)
    upgrade(engine, "0016_referrals")
    with engine.begin() as conn:  # the administrator gave this hub's driver the medical details
        conn.execute(text("INSERT INTO role_permissions (role, permission) "
                          "VALUES ('driver', 'children.medical')"))
    upgrade(engine)
    engine.dispose()
    held = _grants(url)
    assert held["head"] == {"read_all", "rota", "overview", "history"}
    assert held["driver"] == {"minibus", "children.medical"}
    assert {"read_all", "minibus.run_sheets"} <= held["administrator"]
    assert held["coordinator"] == {"clubs", "courses", "minibus", "rota", "sites", "staff"}


def test_a_fresh_database_has_the_read_roles(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'new.db'}"
    engine = create_engine(url)
    upgrade(engine)
    engine.dispose()
    held = _grants(url)
    assert held["driver"] == {"minibus.run_sheets"}
    assert "money" not in held["head"] and "children" not in held["head"]
