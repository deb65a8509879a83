"""Users and roles: signing in, locking, the administrator's changes, and what each role may see."""

from __future__ import annotations

from datetime import timedelta

import pytest

from hubdesk.app import HubApp
from hubdesk.core.errors import DomainError, ValidationError
from hubdesk.core.permissions import DEFAULT_ROLES, PERMISSIONS
from hubdesk.services.base import PermissionRefused
from hubdesk.services.people.carers import CarerForm, CarerLink
from hubdesk.services.users import SignInRefused
from tests.conftest import child_form, sign_in_as


def test_first_administrator_then_sign_in(hub: HubApp) -> None:
    assert not hub.has_users()
    admin = hub.users.create_first_administrator("  Ada   Admin ", "correct horse")
    assert (admin.name, admin.role) == ("Ada Admin", "administrator")
    assert admin.may("users") and admin.pc
    with pytest.raises(DomainError, match="already has users"):
        hub.users.create_first_administrator("Eve", "another one")
    again = hub.users.sign_in("ada admin", "correct horse")
    assert again.user_id == admin.user_id


def test_the_password_is_hashed_with_argon2_and_never_audited(admin_hub: HubApp) -> None:
    from sqlalchemy import select

    from hubdesk.core.models import AuditEntry, User

    with admin_hub.factory() as s:
        stored = s.scalar(select(User.password_hash))
        changes = [e.changes for e in s.scalars(select(AuditEntry)
                                                .where(AuditEntry.table_name == "users"))]
    assert stored is not None and stored.startswith("$argon2id$")
    assert "correct horse" not in repr(changes) and "$argon2" not in repr(changes)


def test_five_wrong_passwords_lock_for_fifteen_minutes(admin_hub: HubApp) -> None:
    uid = admin_hub.users.add("Dan Driver", "driver", "drive safely")
    for _ in range(4):
        with pytest.raises(SignInRefused, match="not right"):
            admin_hub.users.sign_in("Dan Driver", "wrong one!")
    with pytest.raises(SignInRefused, match="locked until"):
        admin_hub.users.sign_in("Dan Driver", "wrong one!")
    with pytest.raises(SignInRefused, match="locked until"):
        admin_hub.users.sign_in("Dan Driver", "drive safely")
    row = admin_hub.users.find("dan driver")
    assert row.locked_until == admin_hub.clock.now() + timedelta(minutes=15)
    assert admin_hub.clock.frozen_at is not None
    admin_hub.clock.frozen_at += timedelta(minutes=16)
    assert admin_hub.users.sign_in("Dan Driver", "drive safely").user_id == uid


def test_administrator_unlocks_resets_and_deactivates(admin_hub: HubApp) -> None:
    uid = admin_hub.users.add("Olive Office", "office", "office pass")
    for _ in range(5):
        with pytest.raises(SignInRefused):
            admin_hub.users.sign_in("Olive Office", "nope nope")
    admin_hub.users.unlock(uid)
    assert admin_hub.users.sign_in("Olive Office", "office pass").role == "office"
    admin_hub.users.reset_password(uid, "new office pass")
    with pytest.raises(SignInRefused):
        admin_hub.users.sign_in("Olive Office", "office pass")
    admin_hub.users.set_role(uid, "head")
    assert admin_hub.users.sign_in("Olive Office", "new office pass").role == "head"
    admin_hub.users.set_active(uid, False)
    with pytest.raises(SignInRefused, match="no longer an active user"):
        admin_hub.users.sign_in("Olive Office", "new office pass")
    assert [u.name for u in admin_hub.users.users()] == ["Ada Admin", "Olive Office"]


def test_bad_input_gets_sentences(admin_hub: HubApp) -> None:
    with pytest.raises(ValidationError, match="at least 8"):
        admin_hub.users.add("Short", "office", "abc")
    with pytest.raises(ValidationError, match="no role called"):
        admin_hub.users.add("Someone", "janitor", "long enough")
    admin_hub.users.add("Sam", "office", "long enough")
    with pytest.raises(ValidationError, match="already a user called"):
        admin_hub.users.add("sam", "office", "long enough")
    only = admin_hub.users.find("Ada Admin").id
    with pytest.raises(DomainError, match="only active administrator"):
        admin_hub.users.set_active(only, False)
    with pytest.raises(ValidationError, match="must keep"):
        admin_hub.users.set_permissions("administrator", frozenset({"children"}))


def test_roles_are_rows_the_administrator_edits(admin_hub: HubApp) -> None:
    roles = {r.name: r for r in admin_hub.users.roles()}
    assert set(roles) == set(DEFAULT_ROLES)
    assert roles["driver"].permissions == {"minibus.run_sheets"}
    assert roles["administrator"].permissions == set(PERMISSIONS)
    admin_hub.users.set_permissions("driver", frozenset({"minibus", "children.medical"}))
    assert {r.name: r for r in admin_hub.users.roles()}["driver"].permissions == {
        "minibus", "children.medical"}


def test_a_role_without_users_may_not_manage_them(admin_hub: HubApp) -> None:
    sign_in_as(admin_hub, "office")
    with pytest.raises(PermissionRefused, match="Your role, office, does not allow"):
        admin_hub.users.add("Mallory", "administrator", "let me in!")


def test_signed_out_app_writes_nothing(admin_hub: HubApp, two_schools: dict[str, int]) -> None:
    admin_hub.sign_in(None)
    assert admin_hub.needs_sign_in()
    with pytest.raises(PermissionRefused, match="No one is signed in"):
        admin_hub.children.save(child_form(two_schools["oak"]))


def _child_with_secrets(app: HubApp, school: int) -> int:
    child = app.children.save(child_form(school, medical_notes="asthma, blue inhaler",
                                         allergies="peanuts"))
    app.carers.save_link(child, CarerLink(CarerForm(forename="Anna", surname="Nowak"),
                                          can_collect=True, collection_password="tiger42"))
    return child


@pytest.mark.parametrize("role", sorted(DEFAULT_ROLES))
def test_what_each_role_sees_of_a_child(admin_hub: HubApp, two_schools: dict[str, int],
                                        role: str) -> None:
    child = _child_with_secrets(admin_hub, two_schools["oak"])
    actor = sign_in_as(admin_hub, role)
    form = admin_hub.children.get(child)
    link = admin_hub.carers.links(child)[0]
    if actor.may("children.medical"):
        assert (form.medical_notes, form.allergies) == ("asthma, blue inhaler", "peanuts")
    else:
        assert (form.medical_notes, form.allergies, form.gp_details) == (None, None, None)
        assert not any(row.has_medical for row in admin_hub.children.search())
    assert link.collection_password == ("tiger42" if actor.may("children.passwords") else None)


def test_a_role_without_medical_keeps_them_when_saving(admin_hub: HubApp,
                                                       two_schools: dict[str, int]) -> None:
    child = _child_with_secrets(admin_hub, two_schools["oak"])
    admin_hub.users.set_permissions("office", DEFAULT_ROLES["office"][1] - {"children.medical",
                                                                           "children.passwords"})
    sign_in_as(admin_hub, "office")
    form = admin_hub.children.get(child)
    admin_hub.children.save(form.__class__(**{**form.__dict__, "class_name": "Willow"}))
    link = admin_hub.carers.links(child)[0]
    admin_hub.carers.save_link(child, link)
    with pytest.raises(PermissionRefused, match="medical"):
        admin_hub.children.save(child_form(two_schools["oak"], allergies="kiwi"))
    sign_in_as(admin_hub, "administrator")
    assert admin_hub.children.get(child).medical_notes == "asthma, blue inhaler"
    assert admin_hub.carers.links(child)[0].collection_password == "tiger42"


def test_opening_medical_details_is_logged(admin_hub: HubApp, two_schools: dict[str, int]) -> None:
    child = _child_with_secrets(admin_hub, two_schools["oak"])
    sign_in_as(admin_hub, "club_staff", "Cara Clubs")
    admin_hub.children.get(child)
    sign_in_as(admin_hub, "administrator")
    lines = admin_hub.audit.history(child_id=child)
    assert lines[0].user == "Cara Clubs" and "opened medical details" in lines[0].sentence
    assert lines[0].pc == "TEST-PC"


def test_history_hides_sensitive_fields_and_never_shows_a_password(
        admin_hub: HubApp, two_schools: dict[str, int]) -> None:
    from sqlalchemy import insert

    from hubdesk.core.models import AuditEntry

    child = _child_with_secrets(admin_hub, two_schools["oak"])
    with admin_hub.factory.begin() as s:  # an entry logged before passwords were masked
        s.execute(insert(AuditEntry), [{
            "at": admin_hub.clock.now(), "user": "old", "action": "update",
            "table_name": "child_carers", "record_id": f"{child}/1", "child_id": child,
            "changes": {"collection_password": ["lion7", "tiger42"]}}])
    everything = " ".join(line.changes + line.sentence for line in admin_hub.audit.history())
    assert "asthma" in everything
    assert "tiger42" not in everything and "lion7" not in everything
    sign_in_as(admin_hub, "head")
    seen = " ".join(line.changes + line.sentence for line in admin_hub.audit.history())
    assert "asthma" not in seen and "peanuts" not in seen and "tiger42" not in seen
    sign_in_as(admin_hub, "driver")
    with pytest.raises(PermissionRefused, match="driver"):
        admin_hub.audit.history()


def test_the_audit_names_the_hubdesk_user_not_the_login(
        admin_hub: HubApp, two_schools: dict[str, int], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("USER", "headteacher")
    monkeypatch.setenv("LOGNAME", "headteacher")
    sign_in_as(admin_hub, "office", "Olive Office")
    admin_hub.children.save(child_form(two_schools["oak"]))
    line = admin_hub.audit.history()[0]
    assert (line.user, line.pc) == ("Olive Office", "TEST-PC")


def test_idle_sign_out_is_a_setting(admin_hub: HubApp) -> None:
    assert admin_hub.users.idle_minutes() == 15
    admin_hub.users.set_idle_minutes(30)
    assert admin_hub.users.idle_minutes() == 30
    with pytest.raises(ValidationError):
        admin_hub.users.set_idle_minutes(-1)


def test_history_tells_sign_ins_in_words(admin_hub: HubApp) -> None:
    admin_hub.users.add("Dan Driver", "driver", "drive safely")
    with pytest.raises(SignInRefused):
        admin_hub.users.sign_in("Dan Driver", "wrong one!")
    admin_hub.users.sign_in("Dan Driver", "drive safely")
    said = [line.sentence for line in admin_hub.audit.history(table_name="users")]
    assert said[:3] == ["Dan Driver signed in", "A wrong password for Dan Driver (1 in a row)",
                        "User Dan Driver added (driver)"]


@pytest.mark.parametrize("role", sorted(DEFAULT_ROLES))
def test_what_each_role_may_do_with_a_child(admin_hub: HubApp, two_schools: dict[str, int],
                                            role: str) -> None:
    child = _child_with_secrets(admin_hub, two_schools["oak"])
    actor = sign_in_as(admin_hub, role)
    if actor.may("children"):
        assert admin_hub.children.mark_left(child, None) >= 1
    else:
        with pytest.raises(PermissionRefused, match=f"Your role, {actor.role_label.lower()}, "
                                                    "does not allow"):
            admin_hub.children.mark_left(child, None)


def test_showing_collection_passwords_is_logged(admin_hub: HubApp,
                                                two_schools: dict[str, int]) -> None:
    child = _child_with_secrets(admin_hub, two_schools["oak"])
    sign_in_as(admin_hub, "office", "Olive Office")
    assert admin_hub.carers.links(child)[0].collection_password == "tiger42"
    sign_in_as(admin_hub, "administrator")
    line = admin_hub.audit.history(child_id=child)[0]
    assert (line.user, line.sentence) == ("Olive Office",
                                          "Łucja Wiśniewska: opened collection passwords")


@pytest.mark.parametrize("role", sorted(DEFAULT_ROLES))
def test_each_domain_refuses_changes_the_role_may_not_make(admin_hub: HubApp, role: str) -> None:
    from hubdesk.services.sites.sites import SiteForm

    actor = sign_in_as(admin_hub, role)
    save = lambda: admin_hub.sites.save(SiteForm(name=f"Site of {role}"))  # noqa: E731
    if actor.may("sites"):
        assert save() > 0
    else:
        with pytest.raises(PermissionRefused, match="sites, rooms and school calendars"):
            save()
    assert actor.may("minibus") == (role in ("coordinator", "administrator"))


def test_a_run_sheet_without_medical_words_keeps_the_marker() -> None:
    from datetime import date

    from hubdesk.services.base import without_medical
    from hubdesk.services.minibus.sheets import (
        ASK_THE_OFFICE,
        RunSheet,
        SheetPassenger,
        SheetStop,
        _marked,
    )

    epipen = SheetPassenger("Amy Pond", "child", "Oak Y3", "Oak", "Elm", "ALLERGY: peanuts, EpiPen",
                            "07700 900123", False, must_act=True)
    glasses = SheetPassenger("Rory Williams", "child", "Oak Y4", "Oak", "Elm", "Wears glasses",
                             "07700 900124", False)
    sheet = RunSheet(1, date(2026, 11, 24), "15:30 Oak → Elm", "Minibus 1", 12, "Dan", "", "",
                     "", (SheetStop("Oak", None, None, (epipen, glasses), ()),),
                     (epipen, glasses), ())
    shown = _marked(without_medical(sheet))
    assert [p.medical for p in shown.passengers] == [ASK_THE_OFFICE, ""]
    assert [p.medical for p in shown.stops[0].on] == [ASK_THE_OFFICE, ""]
    assert "EpiPen" not in repr(shown) and "glasses" not in repr(shown)


def test_the_demo_has_one_user_per_role_with_the_documented_passwords(demo_hub: HubApp) -> None:
    from pathlib import Path

    from hubdesk.demo.users import DEMO_USERS

    readme = (Path(__file__).resolve().parents[3] / "README.md").read_text(encoding="utf-8")
    assert {role for _, role, _ in DEMO_USERS} == set(DEFAULT_ROLES)
    for name, role, password in DEMO_USERS:
        assert demo_hub.users.sign_in(name, password).role == role
        assert f"| {name} | " in readme and f" | {password} |" in readme
