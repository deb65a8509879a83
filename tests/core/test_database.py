"""The database file: pragmas, network guard, migrations, newer schema refused, audit."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import inspect, select, text

from hubdesk.app import HubApp, open_app
from hubdesk.core.db import make_engine, network_reason
from hubdesk.core.errors import DatabaseRefused
from hubdesk.core.models import AuditEntry, Base
from hubdesk.core.schema import head_revision
from hubdesk.settings import Settings
from tests.conftest import child_form

MOUNTS = """/dev/sda1 / ext4 rw 0 0
//fileserver/office /mnt/office cifs rw 0 0
nas:/export /home/office/nfs nfs4 rw 0 0
"""


def test_pragmas_on_every_connection(hub: HubApp) -> None:
    with hub.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 10000


@pytest.mark.parametrize(
    ("path", "network"),
    [
        ("\\\\server\\share\\hub.db", True),
        ("//server/share/hub.db", True),
        ("/mnt/office/hub.db", True),
        ("/home/office/nfs/deep/hub.db", True),
        ("/home/office/hub.db", False),
        ("/mnt/officework/hub.db", False),
    ],
)
def test_network_paths_are_recognised(path: str, network: bool) -> None:
    assert (network_reason(path, MOUNTS) is not None) is network


def test_network_share_refused_with_advice(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(DatabaseRefused, match="network share.*PostgreSQL"):
        make_engine("\\\\server\\share\\hub.db")


def test_migrations_build_the_models_schema(hub: HubApp) -> None:
    """The migrated schema has every table and column the models declare."""
    insp = inspect(hub.engine)
    for table in Base.metadata.sorted_tables:
        assert insp.has_table(table.name), table.name
        columns = {c["name"] for c in insp.get_columns(table.name)}
        assert {c.name for c in table.columns} <= columns, table.name


def test_migrations_match_models_exactly(hub: HubApp) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    with hub.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_newer_schema_is_refused_and_untouched(settings: Settings) -> None:
    app = open_app(settings, create=True)
    with app.engine.begin() as conn:
        conn.execute(text("DELETE FROM alembic_version"))
        conn.execute(text("INSERT INTO alembic_version (version_num) VALUES ('9999_future')"))
    app.close()
    before = Path(settings.database).read_bytes()
    with pytest.raises(DatabaseRefused, match="newer version of hubdesk"):
        open_app(settings)
    assert Path(settings.database).read_bytes() == before


def test_garbage_file_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "notes.db"
    bad.write_bytes(b"this is a letter to parents, not a database" * 100)
    with pytest.raises(DatabaseRefused, match="not a hubdesk database or is damaged"):
        open_app(Settings(database=str(bad), data_dir=tmp_path, backup_dir=tmp_path / "b"))


def test_head_revision_recorded(hub: HubApp) -> None:
    with hub.engine.connect() as conn:
        recorded = {row[0] for row in conn.exec_driver_sql("SELECT version_num FROM alembic_version")}
    assert "+".join(sorted(recorded)) == head_revision()


def test_every_change_is_audited_with_before_and_after(hub: HubApp,
                                                       two_schools: dict[str, int]) -> None:
    child_id = hub.children.save(child_form(two_schools["oak"]))
    form = hub.children.get(child_id)
    from dataclasses import replace

    hub.children.save(replace(form, surname="Wiśniewska-Nowak", fsm=True))
    with hub.factory() as s:
        entries = s.scalars(select(AuditEntry).where(AuditEntry.table_name == "children")
                            .order_by(AuditEntry.id)).all()
    assert [e.action for e in entries] == ["insert", "update"]
    assert entries[0].user == "tester"
    assert entries[1].changes["surname"] == ["Wiśniewska", "Wiśniewska-Nowak"]
    assert entries[1].changes["fsm"] == [False, True]
    assert "forename" not in entries[1].changes
    history = hub.audit.history(child_id=child_id)
    assert len(history) == 2 and "Wiśniewska-Nowak" in history[0].changes


def test_a_copy_of_the_migrated_template_opens_without_migrating(
        migrated_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The test databases are copies of one template: each must be a WAL file already at the heads."""
    from hubdesk.core import schema
    from tests.conftest import copy_database

    def refuse(*_args: object) -> None:
        raise AssertionError("the copy was migrated again")

    monkeypatch.setattr(schema, "_upgrade_locked", refuse)
    target = tmp_path / "copy.db"
    copy_database(migrated_template, target)
    assert not Path(f"{migrated_template}-wal").exists()  # checkpointed: the file is everything
    assert target.read_bytes()[18:20] == b"\x02\x02"  # the file header says WAL mode
    app = open_app(Settings(database=str(target), data_dir=tmp_path, backup_dir=tmp_path / "b"))
    try:
        assert schema.current_revisions(app.engine) == schema.head_revisions()
    finally:
        app.close()
