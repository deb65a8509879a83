"""The password's check started early, on a worker thread, while the program loads what comes next:
the same answers as checking it in the sign-in itself, and never an answer for a hash that changed."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from hubdesk.app import HubApp
from hubdesk.services.users import SignInRefused, early_check
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
