"""Signing in to the window: the first administrator, wrong passwords, the title, the pages and
menus each role gets, signing out from the menu and after inactivity, the Users and Roles dialogs."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from hubdesk.app import HubApp, open_app
from hubdesk.core.permissions import DEFAULT_ROLES
from hubdesk.settings import Settings
from hubdesk.ui.shell.main_window import MainWindow
from hubdesk.ui.shell.pages import PAGE_PERMISSIONS, PAGES, READ_PERMISSIONS
from hubdesk.ui.shell.sign_in import SignInDialog
from hubdesk.ui.shell.users_dialog import NewUserDialog, RolesDialog, UsersDialog
from tests.conftest import DEMO_TODAY, copy_database, frozen_clock, sign_in_as
from tests.ui.helpers import Said


def _menu_texts(window: MainWindow) -> list[str]:
    found = []
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        found += [a.text() for a in menu.actions()] if menu is not None else []  # type: ignore[union-attr]
    return found


def test_first_start_creates_the_administrator(qtbot: QtBot, hub: HubApp) -> None:
    dialog = SignInDialog(hub, first=True)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.name, "Ada Admin")
    qtbot.keyClicks(dialog.password, "correct horse")
    qtbot.keyClicks(dialog.again, "correct hors")
    dialog.try_sign_in()
    assert dialog.error.text() == "The two passwords differ; type them again."
    qtbot.keyClicks(dialog.password, "correct horse")
    qtbot.keyClicks(dialog.again, "correct horse")
    dialog.try_sign_in()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert hub.signed_in is not None and hub.signed_in.name == "Ada Admin"


def test_a_wrong_password_is_said_in_the_dialog(qtbot: QtBot, admin_hub: HubApp) -> None:
    admin_hub.sign_in(None)
    dialog = SignInDialog(admin_hub)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.name, "Ada Admin")
    qtbot.keyClicks(dialog.password, "wrong password")
    dialog.try_sign_in()
    assert "not right" in dialog.error.text() and dialog.password.text() == ""
    for _ in range(4):  # the account locks: a sentence of two lines
        qtbot.keyClicks(dialog.password, "wrong password")
        dialog.try_sign_in()
    assert "locked until" in dialog.error.text()
    # the dialog grew for the sentence: neither the fields nor the sentence are squeezed
    assert dialog.name.height() >= dialog.name.sizeHint().height()
    assert dialog.error.height() >= dialog.error.heightForWidth(dialog.error.width())
    assert admin_hub.clock.frozen_at is not None
    admin_hub.clock.frozen_at += timedelta(minutes=16)  # the lock has run out
    assert admin_hub.signed_in is None
    qtbot.keyClicks(dialog.password, "correct horse")
    dialog.try_sign_in()
    assert admin_hub.signed_in is not None


@pytest.mark.parametrize("role", sorted(DEFAULT_ROLES))
def test_each_role_sees_its_pages_and_menus(qtbot: QtBot, admin_hub: HubApp, role: str) -> None:
    actor = sign_in_as(admin_hub, role, "Pat Person")
    window = MainWindow(admin_hub)
    qtbot.addWidget(window)
    assert window.windowTitle().endswith(f"— Pat Person ({actor.role_label})")
    shown = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert shown == [t for t, _ in PAGES
                     if PAGE_PERMISSIONS.get(t) is None or actor.may(PAGE_PERMISSIONS[t] or "")
                     or any(actor.may(p) for p in READ_PERMISSIONS.get(t, ()))]
    menus = _menu_texts(window)
    assert ("&Users and roles…" in menus) == (role == "administrator")
    assert "Sign &out" in menus
    if role == "driver":
        assert shown == ["Today", "Minibus"]
        assert "&Import children from the MIS…" not in menus


def test_sign_out_from_the_menu_and_after_inactivity(qtbot: QtBot, admin_hub: HubApp) -> None:
    window = MainWindow(admin_hub)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.signed_out) as blocker:
        next(a for a in window.findChildren(type(window.menuBar().actions()[0]))
             if a.text() == "Sign &out").trigger()
    assert blocker.args == [""] and admin_hub.signed_in is None and not window.isVisible()
    admin_hub.sign_in(admin_hub.users.sign_in("Ada Admin", "correct horse"))
    window = MainWindow(admin_hub)
    qtbot.addWidget(window)
    assert window.idle.minutes == 15
    clock = admin_hub.clock
    assert clock.frozen_at is not None
    clock.frozen_at += timedelta(minutes=14)
    window.idle.check()
    assert admin_hub.signed_in is not None
    clock.frozen_at += timedelta(minutes=1)
    with qtbot.waitSignal(window.signed_out) as blocker:
        window.idle.check()
    assert "without use" in blocker.args[0] and admin_hub.signed_in is None


def test_users_dialog_adds_deactivates_and_edits_roles(qtbot: QtBot, admin_hub: HubApp,
                                                       said: Said) -> None:
    dialog = UsersDialog(admin_hub)
    qtbot.addWidget(dialog)
    form = NewUserDialog(admin_hub, dialog)
    qtbot.keyClicks(form.name, "Dan Driver")
    form.role.setCurrentIndex(form.role.findData("driver"))
    qtbot.keyClicks(form.password, "short")
    form.save()
    assert "at least 8" in form.error.text()
    qtbot.keyClicks(form.password, " enough")
    form.save()
    assert form.result() == QDialog.DialogCode.Accepted
    dialog.refresh()
    names = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
    assert names == ["Ada Admin", "Dan Driver"]
    dialog.table.selectRow(1)
    dialog.toggle_active()
    assert dialog.table.item(1, 3).text() == "deactivated"
    dialog.table.selectRow(0)
    dialog.toggle_active()
    assert "only active administrator" in said.texts[-1]
    roles = RolesDialog(admin_hub, dialog)
    qtbot.addWidget(roles)
    roles.role.setCurrentIndex(roles.role.findData("driver"))
    assert [n for n, b in roles.boxes.items() if b.isChecked()] == ["minibus.run_sheets"]
    roles.boxes["children.medical"].setChecked(True)
    roles.save()
    driver = {r.name: r for r in admin_hub.users.roles()}["driver"]
    assert driver.permissions == {"minibus.run_sheets", "children.medical"}


def test_after_signing_out_the_next_person_gets_their_own_window(
        qtbot: QtBot, admin_hub: HubApp, monkeypatch: pytest.MonkeyPatch) -> None:
    from hubdesk.ui.shell import main

    admin_hub.users.add("Dan Driver", "driver", "drive safely")
    asked: list[str] = []

    def sign_in_dan(app: HubApp, reason: str = "") -> bool:
        asked.append(reason)
        app.sign_in(app.users.sign_in("Dan Driver", "drive safely"))
        return True

    monkeypatch.setattr(main, "ask_sign_in", sign_in_dan)
    first = MainWindow(admin_hub)
    qtbot.addWidget(first)
    main.keep_signing_in(first, MainWindow)
    first.show()
    first.sign_out("You were signed out after a while without use.")
    following = main._windows[0]
    qtbot.addWidget(following)
    assert asked == ["You were signed out after a while without use."]
    assert following is not first and not first.isVisible() and following.isVisible()
    assert following.windowTitle().endswith("— Dan Driver (Driver)")
    assert [following.nav.item(i).text() for i in range(following.nav.count())] == [
        "Today", "Minibus"]


def test_a_scripted_start_signs_in_from_the_environment(
        demo_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """HUBDESK_USER with HUBDESK_PASSWORD_FILE signs the window in as for commands (the test
    environment names the demo's administrator); a wrong password leaves the dialog to ask."""
    from hubdesk.services.users import early_check_file
    from hubdesk.ui.shell.sign_in import sign_in_from_environment
    target = tmp_path / "scripted.db"
    copy_database(demo_template, target)
    app = open_app(Settings(database=str(target), data_dir=tmp_path / "data",
                            backup_dir=tmp_path / "backups"), clock=frozen_clock(DEMO_TODAY))
    try:
        assert sign_in_from_environment(app)
        assert app.signed_in is not None and app.signed_in.name == "admin"
        app.sign_in(None)
        # as the program starts it: the check begun before the file was opened
        early = early_check_file(target, "admin", "demo-admin")
        assert early is not None and sign_in_from_environment(app, early)
        assert app.signed_in is not None and app.signed_in.name == "admin"
        app.sign_in(None)
        wrong = tmp_path / "wrong"
        wrong.write_text("not-the-password\n", encoding="utf-8")
        monkeypatch.setenv("HUBDESK_PASSWORD_FILE", str(wrong))
        assert not sign_in_from_environment(app)
        assert app.signed_in is None and app.needs_sign_in()
    finally:
        app.close()


def test_while_the_person_types_the_dialog_loads_what_comes_next(
        qtbot: QtBot, admin_hub: HubApp, monkeypatch: pytest.MonkeyPatch) -> None:
    from hubdesk.ui.shell.sign_in import load_while_typing

    admin_hub.sign_in(None)
    loaded: list[str] = []
    monkeypatch.setattr(admin_hub, "load_models", lambda: loaded.append("models"))
    dialog = SignInDialog(admin_hub)
    qtbot.addWidget(dialog)
    dialog.show()
    load_while_typing(dialog)
    qtbot.waitUntil(lambda: loaded == ["models"], timeout=5000)
    assert "users" in vars(admin_hub)  # the users service was built first


def test_a_key_or_a_click_in_the_window_or_a_dialog_counts_as_use(qtbot: QtBot,
                                                                   admin_hub: HubApp) -> None:
    """Presses are watched where they arrive, on hubdesk's windows (not on every widget's events)."""
    window = MainWindow(admin_hub)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    clock = admin_hub.clock
    assert clock.frozen_at is not None
    started = window.idle.last_use
    clock.frozen_at += timedelta(minutes=10)
    QTest.mouseClick(window.windowHandle(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     QPoint(400, 5))
    assert window.idle.last_use == clock.now() != started
    dialog = QDialog(window)
    dialog.resize(200, 100)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QGuiApplication.focusWindow() is dialog.windowHandle())
    clock.frozen_at += timedelta(minutes=14)
    QTest.keyClick(dialog.windowHandle(), Qt.Key.Key_Shift)
    assert window.idle.last_use == clock.now()
    dialog.close()
    clock.frozen_at += timedelta(minutes=14)
    window.idle.check()
    assert admin_hub.signed_in is not None  # 14 minutes since the last press: still signed in
