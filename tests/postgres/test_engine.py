"""Opening a server database: URLs, the driver, an unreachable server (no server needed here)."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from hubdesk.app import open_app
from hubdesk.cli import main
from hubdesk.core.db import describe, make_engine, server_url, sqlite_file
from hubdesk.core.errors import DatabaseRefused, DomainError
from hubdesk.services.admin.backup import BackupService
from hubdesk.settings import Settings


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_postgresql_url_means_psycopg_and_keeps_a_named_driver() -> None:
    assert server_url("postgresql://u:p@db/hub") == "postgresql+psycopg://u:p@db/hub"
    assert server_url("postgresql+psycopg://u:p@db/hub") == "postgresql+psycopg://u:p@db/hub"
    assert server_url("postgresql+pg8000://u:p@db/hub") == "postgresql+pg8000://u:p@db/hub"


def test_server_url_is_no_sqlite_file_and_gets_no_pragmas() -> None:
    pytest.importorskip("psycopg")
    engine = make_engine("postgresql://u:secret@db.example/hub")
    try:
        assert engine.dialect.name == "postgresql" and engine.driver == "psycopg"
        assert sqlite_file(str(engine.url)) is None
    finally:
        engine.dispose()


def test_a_server_path_that_looks_like_a_share_is_not_refused_as_one() -> None:
    """The network-share guard is for SQLite files; a server URL is how PCs share data."""
    pytest.importorskip("psycopg")
    make_engine("postgresql://u:p@fileserver/hub", check_network=True).dispose()
    with pytest.raises(DatabaseRefused, match="network"):
        make_engine("//fileserver/office/hub.db")


def test_passwords_are_not_shown() -> None:
    assert describe("postgresql://office:s3cret@db/hub") == "postgresql://office:***@db/hub"
    assert describe("/home/office/hub.db") == "/home/office/hub.db"


def test_missing_driver_says_what_to_install() -> None:
    with pytest.raises(DatabaseRefused, match=r'pip install "hubdesk\[postgres\]"'):
        make_engine("postgresql+pg8000://u:p@localhost/hub")


def test_unknown_database_kind_is_refused_clearly() -> None:
    with pytest.raises(DatabaseRefused, match="does not know the database kind"):
        make_engine("oracle+nosuchdriver://u:p@localhost/hub")


def test_unreachable_server_is_a_clear_refusal(tmp_path: Path) -> None:
    pytest.importorskip("psycopg")
    url = f"postgresql://office:s3cret@127.0.0.1:{_closed_port()}/hub"
    settings = Settings(database=url, data_dir=tmp_path, backup_dir=tmp_path / "b", user="t")
    with pytest.raises(DatabaseRefused,
                       match=r"Could not connect to the database server at 127\.0\.0\.1:\d+ ") as err:
        open_app(settings)
    assert "s3cret" not in str(err.value) and "nothing was changed" in str(err.value)


def test_command_line_on_an_unreachable_server(capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("psycopg")
    code = main(["check", "--database", f"postgresql://office:pw@127.0.0.1:{_closed_port()}/hub"])
    err = capsys.readouterr().err
    assert code == 2 and "Could not connect to the database server" in err and "Traceback" not in err


def test_backups_of_a_server_database_point_to_pg_dump(tmp_path: Path) -> None:
    pytest.importorskip("psycopg")
    engine = make_engine("postgresql://u:p@localhost/hub")
    try:
        service = BackupService(sqlite_file(str(engine.url)), tmp_path / "backups")
        assert service.daily_backup() is None
        for action in (service.list, service.backup_now):
            with pytest.raises(DomainError, match="pg_dump"):
                action()
        assert not (tmp_path / "backups").exists()
    finally:
        engine.dispose()


def test_one_window_per_server_database_on_this_pc(tmp_path: Path) -> None:
    from hubdesk.ui.shell.main import _lock_path

    def lock(url: str) -> str:
        return _lock_path(Settings(database=url, data_dir=tmp_path / "data", backup_dir=tmp_path), None)

    same = lock("postgresql://office:pw@db/hub")
    assert same == lock("postgresql://office:other-pw@db/hub")
    assert same != lock("postgresql://office:pw@db/another")
    assert Path(same).parent == tmp_path / "data" and "pw" not in Path(same).name
