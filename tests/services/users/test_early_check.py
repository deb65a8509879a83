"""The password's check started early, on a worker thread, while the program loads what comes next:
the same answers as checking it in the sign-in itself, and never an answer for a hash that changed."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from hubdesk.app import HubApp
from hubdesk.services.users import SignInRefused, early_check, early_check_file
from hubdesk.services.users import sign_in as signing


def test_an_early_check_signs_in_and_counts_a_wrong_password_once(admin_hub: HubApp) -> None:
    uid = admin_hub.users.add("Olive Office", "office", "office pass")
    admin_hub.sign_in(None)
    with pytest.raises(SignInRefused, match="not right"):
        admin_hub.users.sign_in("Olive Office", "wrong one!",
                                early_check(admin_hub.engine, "Olive Office", "wrong one!"))
    assert _failures(admin_hub, uid) == 1
    actor = admin_hub.users.sign_in("olive office", "office pass",
                                    early_check(admin_hub.engine, "olive office", "office pass"))
    assert (actor.user_id, actor.role) == (uid, "office")
    assert _failures(admin_hub, uid) == 0
    assert early_check(admin_hub.engine, "Nobody", "office pass") is None


def _failures(hub: HubApp, user_id: int) -> int:
    with hub.engine.connect() as conn:
        return int(conn.execute(text("SELECT failed_attempts FROM users WHERE id = :id"),
                                {"id": user_id}).scalar_one())


def test_a_hash_changed_after_the_early_check_is_checked_again(admin_hub: HubApp) -> None:
    uid = admin_hub.users.add("Olive Office", "office", "office pass")
    early = early_check(admin_hub.engine, "Olive Office", "office pass")
    admin_hub.users.reset_password(uid, "a new password")  # meanwhile, on another PC
    admin_hub.sign_in(None)
    with pytest.raises(SignInRefused, match="not right"):
        admin_hub.users.sign_in("Olive Office", "office pass", early)
    assert admin_hub.users.sign_in("Olive Office", "a new password", early).user_id == uid


def test_a_fault_in_the_early_check_is_raised_not_taken_for_a_wrong_password(
        admin_hub: HubApp, monkeypatch: pytest.MonkeyPatch) -> None:
    admin_hub.users.add("Olive Office", "office", "office pass")

    def broken(_stored: str, _password: str) -> bool:
        raise MemoryError("argon2 could not have its memory")

    monkeypatch.setattr(signing, "verify_password", broken)
    early = early_check(admin_hub.engine, "Olive Office", "office pass")
    with pytest.raises(MemoryError):
        early.matches(early.stored, "office pass") if early else None


def test_an_early_check_read_from_the_file_before_it_is_opened(admin_hub: HubApp, tmp_path: Path) -> None:
    """A window started by a script reads the hash straight from the file; whatever cannot be read
    so is left to signing in (None), never an error."""
    uid = admin_hub.users.add("Olive Office", "office", "office pass")
    admin_hub.sign_in(None)
    file = Path(admin_hub.settings.database)
    early = early_check_file(file, " olive OFFICE ", "office pass")
    assert early is not None and early.matches(early.stored, "office pass")
    assert admin_hub.users.sign_in("Olive Office", "office pass", early).user_id == uid
    wrong = early_check_file(file, "Olive Office", "wrong one!")
    assert wrong is not None and not wrong.matches(wrong.stored, "wrong one!")
    # a password other than the one checked early (its file changed meanwhile) is checked again
    assert wrong.matches(wrong.stored, "office pass")
    not_sqlite = tmp_path / "notes.db"
    not_sqlite.write_text("not a database", encoding="utf-8")
    other = tmp_path / "other.db"
    sqlite3.connect(other).close()
    for path in (tmp_path / "missing.db", not_sqlite, other, tmp_path):
        assert early_check_file(path, "Olive Office", "office pass") is None
    assert early_check_file(file, "Nobody", "office pass") is None
    assert not (tmp_path / "missing.db").exists()  # read only: nothing created


def test_a_scripted_window_begins_the_check_before_qt_loads(
        admin_hub: HubApp, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from hubdesk.cli import scripted_password_check

    admin_hub.users.add("Olive Office", "office", "office pass")
    password = tmp_path / "password"
    password.write_text("office pass\n", encoding="utf-8")
    password.chmod(0o600)
    monkeypatch.setenv("HUBDESK_USER", "Olive Office")
    monkeypatch.setenv("HUBDESK_PASSWORD_FILE", str(password))
    early = scripted_password_check(admin_hub.settings.database)
    assert early is not None and early.matches(early.stored, "office pass")
    assert scripted_password_check("postgresql://hub@server/hub") is None
    monkeypatch.setenv("HUBDESK_PASSWORD_FILE", str(tmp_path / "no such file"))
    assert scripted_password_check(admin_hub.settings.database) is None
    monkeypatch.delenv("HUBDESK_USER")
    assert scripted_password_check(admin_hub.settings.database) is None
