"""Every dialog a person reaches from the window, opened the way the window opens it, on the demo cluster.

The keyboard and 1366×768 walks (tests/ui/shell/test_dialog_walk.py) and the screenshot script go
through this one list, so a dialog added to the program is walked once it is added here.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time

from PySide6.QtWidgets import QApplication, QDialog, QTableView, QWidget
from pytestqt.qtbot import QtBot

from hubdesk.services.registers.late import Contact, LateChild
from hubdesk.ui.children.carer_dialog import CarerLinkDialog
from hubdesk.ui.children.child_dialog import MarkLeftDialog
from hubdesk.ui.learning.creche_child_dialog import CrecheChildDialog
from hubdesk.ui.minibus.dialogs import CheckDialog, VehicleDialog
from hubdesk.ui.minibus.patterns_dialog import PatternDialog
from hubdesk.ui.registers.dialogs import AbsenceDialog, CallDialog, DrillDialog, LateFeeDialog, TimesDialog
from hubdesk.ui.registers.medicine_dialogs import DoseDialog, PermissionDialog
from hubdesk.ui.registers.sign_out_dialog import OneOffDialog, SignOutDialog
from hubdesk.ui.shell.main_window import MainWindow

Opener = Callable[[MainWindow], object]


def _first_row(view: QTableView) -> None:
    view.selectRow(0)


def _page(window: MainWindow, title: str) -> QWidget:
    page = window.show_page(title)
    QApplication.processEvents()
    return page


def _child(window: MainWindow) -> object:
    page = _page(window, "Children & families")
    _first_row(page.view)  # type: ignore[attr-defined]
    return page.open_selected()  # type: ignore[attr-defined]


def _register(window: MainWindow) -> object:
    page = _page(window, "Registers")
    return page


def _line(window: MainWindow) -> object:
    page = _register(window)
    lines = page.table.register_model.lines  # type: ignore[attr-defined]
    return page, lines[0]


def _sign_out(window: MainWindow) -> object:
    page, line = _line(window)  # type: ignore[misc]
    return SignOutDialog(page.take, line, page.current.header.day, window.app.clock, page)


def _one_off(window: MainWindow) -> object:
    page, line = _line(window)  # type: ignore[misc]
    return OneOffDialog(page.take, line, page.current.header.day, page)


def _absence(window: MainWindow) -> object:
    page, line = _line(window)  # type: ignore[misc]
    return AbsenceDialog(page.take, line, page)


def _times(window: MainWindow) -> object:
    page, line = _line(window)  # type: ignore[misc]
    return TimesDialog(page.take, line, page.current.header.day, window.app.clock, page)


def _permission(window: MainWindow) -> object:
    page, line = _line(window)  # type: ignore[misc]
    return PermissionDialog(window.app.registers.health, line.child_id, line.name,
                            page.current.header.day, page)


def _dose(window: MainWindow) -> object:
    page, line = _line(window)  # type: ignore[misc]
    return DoseDialog(window.app.registers.health, [], line.name, window.app.clock, None, page)


def _carer(window: MainWindow) -> object:
    page = _page(window, "Children & families")
    child = page.model.rows[0]  # type: ignore[attr-defined]
    return CarerLinkDialog(window.app.carers, child.id, None, page)


def _left(window: MainWindow) -> object:
    page = _page(window, "Children & families")
    child = window.app.children.get(page.model.rows[0].id)  # type: ignore[attr-defined]
    return MarkLeftDialog(window.app.children, child, window.app.clock.today(), page)


def _club(window: MainWindow) -> object:
    page = _page(window, "Clubs")
    _first_row(page.view)  # type: ignore[attr-defined]
    return page.edit_selected()  # type: ignore[attr-defined]


def _booking(window: MainWindow) -> object:
    page = _page(window, "Children & families")
    _first_row(page.view)  # type: ignore[attr-defined]
    return page.book_selected()  # type: ignore[attr-defined]


def _child_week(window: MainWindow) -> object:
    page = _page(window, "Children & families")
    _first_row(page.view)  # type: ignore[attr-defined]
    return page.week_of_selected()  # type: ignore[attr-defined]


def _club_panel(window: MainWindow) -> QWidget:
    page = _page(window, "Clubs")
    _first_row(page.view)  # type: ignore[attr-defined]
    QApplication.processEvents()
    panel = page.panel  # type: ignore[attr-defined]
    panel.sessions_view.selectRow(0)
    return panel  # type: ignore[no-any-return]


def _staff(window: MainWindow) -> object:
    page = _page(window, "Staff")
    _first_row(page.view)  # type: ignore[attr-defined]
    return page.edit_staff()  # type: ignore[attr-defined]


def _site(window: MainWindow) -> object:
    tab = _page(window, "Sites & calendars").sites  # type: ignore[attr-defined]
    _first_row(tab.view)
    return tab.edit_site()


def _calendar_entry(window: MainWindow) -> object:
    page = _page(window, "Sites & calendars")
    return page.calendar.add_entry()  # type: ignore[attr-defined]


def _run(window: MainWindow) -> object:
    page = _page(window, "Minibus")
    return page.edit_run(None)  # type: ignore[attr-defined]


def _vehicle(window: MainWindow) -> object:
    return VehicleDialog(window.app, None, _page(window, "Minibus"))


def _check(window: MainWindow) -> object:
    page = _page(window, "Minibus")
    vehicle = window.app.minibus.vehicles.overview()[0]
    return CheckDialog(window.app, vehicle.id, vehicle.registration, window.app.clock.today(), page)


def _course(window: MainWindow) -> object:
    return _page(window, "Parent learning").new_course()  # type: ignore[attr-defined]


def _creche_child(window: MainWindow) -> object:
    return CrecheChildDialog(window.app.learning.creche, 1, "Kaya, Ayşe", window.app.clock.today(),
                             None, _page(window, "Parent learning"))


def _late_fee(window: MainWindow) -> object:
    return LateFeeDialog(window.app.registers.late, _register(window))


def _drill(window: MainWindow) -> object:
    page = _register(window)
    return DrillDialog(window.app.registers.site, page.site_id(), window.app.clock,  # type: ignore[attr-defined]
                       page)


def _call(window: MainWindow) -> object:
    page, line = _line(window)  # type: ignore[misc]
    end = datetime.combine(page.current.header.day, time(18, 0))
    contacts = (Contact(1, "Anna Wiśniewska", "mother", "07700 900001", 1),
                Contact(2, "Tomasz Wiśniewski", "father", "07700 900002", 2))
    late = LateChild(1, line.child_id, line.name, "After-School Club", "Oakfield Primary", end, 17,
                     contacts, ())
    return CallDialog(window.app.registers.late, late, page)


def _pattern(window: MainWindow) -> object:
    return PatternDialog(window.app, None, _page(window, "Minibus"))


def _visitor(window: MainWindow) -> object:
    page = _register(window)
    page.tabs.setCurrentWidget(page.day_tabs.book)  # type: ignore[attr-defined]
    QApplication.processEvents()
    return page.day_tabs.book.sign_in()  # type: ignore[attr-defined]


def _menu(name: str) -> Opener:
    return lambda window: getattr(window, name)()


DIALOGS: dict[str, Opener] = {
    "child": _child,
    "carer": _carer,
    "mark left": _left,
    "club": _club,
    "club rules": lambda w: _page(w, "Clubs").edit_rules(),  # type: ignore[attr-defined]
    "booking": _booking,
    "child's week": _child_week,
    "add session": lambda w: _club_panel(w).add_session(),  # type: ignore[attr-defined]
    "cancel session": lambda w: _club_panel(w).cancel_session(),  # type: ignore[attr-defined]
    "book a class": lambda w: (_first_row(_page(w, "Clubs").view),  # type: ignore[attr-defined]
                               _page(w, "Clubs").book_class()),  # type: ignore[attr-defined]
    "join waiting list": lambda w: _page(w, "Waiting lists").join(),  # type: ignore[attr-defined]
    "staff": _staff,
    "new staff": lambda w: _page(w, "Staff").new_staff(),  # type: ignore[attr-defined]
    "ratio rules": lambda w: _page(w, "Staff rota").edit_rules(),  # type: ignore[attr-defined]
    "site": _site,
    "calendar entry": _calendar_entry,
    "run": _run,
    "vehicle": _vehicle,
    "walk-round check": _check,
    "weekly runs": lambda w: _page(w, "Minibus").weekly_runs(),  # type: ignore[attr-defined]
    "weekly run": _pattern,
    "minibus settings": lambda w: _page(w, "Minibus").edit_settings(),  # type: ignore[attr-defined]
    "course": _course,
    "crèche child": _creche_child,
    "sign out": _sign_out,
    "someone else collects": _one_off,
    "absence": _absence,
    "correct times": _times,
    "add child to register": lambda w: _register(w).add_child(),  # type: ignore[attr-defined]
    "medicine permission": _permission,
    "medicine dose": _dose,
    "late fee": _late_fee,
    "fire drill": _drill,
    "call about late child": _call,
    "sign in a visitor": _visitor,
    "about": _menu("show_about"),
    "backups": _menu("show_backups"),
    "retention": _menu("show_retention"),
    "charging rules": lambda w: _page(w, "Money").edit_rules(),  # type: ignore[attr-defined]
    "new price": lambda w: _page(w, "Money").set_price(),  # type: ignore[attr-defined]
    "arrears": lambda w: _page(w, "Money").show_arrears(),  # type: ignore[attr-defined]
    "unmatched TFC": lambda w: _page(w, "Money").show_unmatched(),  # type: ignore[attr-defined]
    "import payments": lambda w: _page(w, "Money").import_payments(),  # type: ignore[attr-defined]
    "export money": lambda w: _page(w, "Money").export_money(),  # type: ignore[attr-defined]
    "staff cost rates": lambda w: _page(w, "Overview").edit_rates(),  # type: ignore[attr-defined]
    "new referral": lambda w: _page(w, "Referrals").new_button.click(),  # type: ignore[attr-defined]
    "import children": _menu("import_children"),
    "import bookings": _menu("import_bookings"),
}


def open_dialog_named(qtbot: QtBot, window: MainWindow, name: str) -> QDialog:
    """Open the dialog ``name`` from ``window`` and return it shown (whatever opened it)."""
    before = {id(w) for w in QApplication.topLevelWidgets() if w.isVisible()}
    made = DIALOGS[name](window)
    if isinstance(made, QDialog) and not made.isVisible():
        made.show()
    qtbot.wait(20)
    shown = [w for w in QApplication.topLevelWidgets()
             if isinstance(w, QDialog) and w.isVisible() and id(w) not in before]
    assert shown, f"the {name} dialog did not open"
    return shown[-1]
