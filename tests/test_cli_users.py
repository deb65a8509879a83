"""``hubdesk users`` and signing in for commands: HUBDESK_USER with HUBDESK_PASSWORD_FILE."""

from __future__ import annotations

from pathlib import Path

import pytest

from hubdesk import cli
from hubdesk.app import HubApp, open_app
from hubdesk.settings import Settings


def _secret(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text + "\n", encoding="utf-8")
    return str(path)


def test_users_from_the_command_line(hub: HubApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    db = hub.settings.database
    ada = _secret(tmp_path, "ada", "ada's long password")
    bob = _secret(tmp_path, "bob", "bob drives safely")
    assert cli.main(["users", "add", "Ada", "--role", "office", "--password-file", ada,
                     "--database", db]) == 2
    assert "first one must be the administrator" in capsys.readouterr().err
    assert cli.main(["users", "add", "Ada", "--role", "administrator", "--password-file", ada,
                     "--database", db]) == 0
    monkeypatch.setenv("HUBDESK_USER", "Ada")
    monkeypatch.setenv("HUBDESK_PASSWORD_FILE", ada)
    assert cli.main(["users", "add", "Bob", "--role", "driver", "--password-file", bob,
                     "--database", db]) == 0
    assert cli.main(["users", "set-role", "bob", "office", "--database", db]) == 0
    capsys.readouterr()
    assert cli.main(["users", "list", "--database", db]) == 0
    listed = capsys.readouterr().out
    assert "Ada" in listed and "Bob" in listed and "Office" in listed
    assert cli.main(["users", "deactivate", "Bob", "--database", db]) == 0
    monkeypatch.setenv("HUBDESK_USER", "Bob")
    monkeypatch.setenv("HUBDESK_PASSWORD_FILE", bob)
    assert cli.main(["clubs", "--database", db]) == 2
    assert "no longer an active user" in capsys.readouterr().err


def test_a_command_refuses_without_a_signed_in_user(
        hub: HubApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    hub.users.create_first_administrator("Ada", "ada's long password")
    db = hub.settings.database
    monkeypatch.delenv("HUBDESK_USER")
    target = tmp_path / "out.ics"
    assert cli.main(["rota-ical", "--database", db, "--person", "nobody", "--week", "2026-11-23",
                     "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("hubdesk: This database has users: sign in") and err.count("\n") == 1
    monkeypatch.setenv("HUBDESK_USER", "Ada")
    monkeypatch.setenv("HUBDESK_PASSWORD_FILE", _secret(tmp_path, "wrong", "not the password"))
    assert cli.main(["clubs", "--database", db]) == 2
    assert "not right" in capsys.readouterr().err
    monkeypatch.setenv("HUBDESK_PASSWORD_FILE", str(tmp_path / "missing"))
    assert cli.main(["clubs", "--database", db]) == 2
    assert "cannot be read" in capsys.readouterr().err


def test_a_command_records_the_hubdesk_user_not_the_login(
        settings: Settings, two_schools: dict[str, int], hub: HubApp, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    hub.users.create_first_administrator("Ada", "ada's long password")
    monkeypatch.setenv("USER", "headteacher")
    monkeypatch.setenv("LOGNAME", "headteacher")
    monkeypatch.setenv("HUBDESK_USER", "Ada")
    monkeypatch.setenv("HUBDESK_PASSWORD_FILE", _secret(tmp_path, "ada", "ada's long password"))
    rows = tmp_path / "children.csv"
    rows.write_text("UPN,Legal Forename,Legal Surname,DOB,Year,School\n"
                    "A123456789012,Amy,Pond,04/05/2018,3,Oakfield Primary\n", encoding="utf-8")
    code = cli.main(["import", "children", str(rows), "--database", settings.database])
    app = open_app(settings)
    try:
        app.sign_in(app.users.sign_in("Ada", "ada's long password"))
        users = {line.user for line in app.audit.history()}
    finally:
        app.close()
    assert "headteacher" not in users
    assert code == 0 and "Ada" in users and "not signed in" not in users
