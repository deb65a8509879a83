"""The Staff rota page driven through its widgets against a real temporary database."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from hubdesk.app import HubApp
from hubdesk.services.people.staff import StaffForm
from hubdesk.services.rota.dto import AssignForm
from hubdesk.ui.common import page as common_page
from hubdesk.ui.rota import page as rota_view
from hubdesk.ui.rota.dialogs import FillDialog, PersonDayDialog, SessionStaffDialog
from hubdesk.ui.rota.page import RotaPage
from hubdesk.ui.shell.events import AppEvents
from tests.services.rota.rota_setup import MONDAY, WEDNESDAY, checked, club_with_children, session_target
from tests.ui.helpers import Said


@pytest.fixture
def page(qtbot: QtBot, hub: HubApp, two_schools: dict[str, int], events: AppEvents) -> RotaPage:
    oak = two_schools["oak"]
    club_with_children(hub, oak, oak, 17)
    hub.staff.save(checked("Ann", "Smith", oak, role="club leader"))
    hub.staff.save(checked("Bea", "Jones", oak, first_aid_expires=None))
    hub.staff.save(StaffForm("Cal", "Nodbs", "play worker", home_site_id=oak))
    widget = RotaPage(hub, events, today=WEDNESDAY)
    qtbot.addWidget(widget)
    widget.choose_site(oak)
    widget.resize(1300, 800)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def session_cell_position(page: RotaPage) -> tuple[int, int]:
    return next(pos for pos, cell in page._cells.items() if cell.day == MONDAY)


def test_grid_shows_the_week_and_under_ratio_stands_out(page: RotaPage) -> None:
    assert page.monday() == MONDAY and page.week.date().dayOfWeek() == 1
    row, col = session_cell_position(page)
    item = page.table.item(row, col)
    assert "17 booked · 0/3 staff" in item.text() and "UNDER RATIO" in item.text()
    assert item.background().color().name() == rota_view.COLOURS["under"]
    assert item.font().bold()
    header = [page.table.verticalHeaderItem(r).text() for r in range(page.table.rowCount())]
    assert header[:2] == ["Play club", "Staff"] and "Ann Smith ✚" in header
    assert "1 under ratio" in page.summary.text()
    assert any("under ratio" in page.problems.item(n).text() for n in range(page.problems.count()))


def test_double_click_a_session_to_put_people_on(qtbot: QtBot, page: RotaPage, hub: HubApp,
                                                 said: Said, events: AppEvents) -> None:
    row, col = session_cell_position(page)
    page.open_cell(row, col)
    dialog = page.dialog
    assert isinstance(dialog, SessionStaffDialog) and dialog.isVisible()
    names = [dialog.candidates.item(n).text() for n in range(dialog.candidates.count())]
    assert names[0].startswith("Ann Smith ✚") and "may not work with children" in names[-1]
    dialog.candidates.setCurrentRow(len(names) - 1)  # the one without a DBS
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert said.texts and "No DBS recorded for Cal Nodbs" in said.texts[-1]
    dialog.candidates.setCurrentRow(0)
    dialog.role.setCurrentIndex(dialog.role.findData("lead"))
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert [dialog.on_shift.item(n).text() for n in range(dialog.on_shift.count())] == [
        "Ann Smith — Lead 15:15–18:00 ✚ first-aider"]
    with qtbot.waitSignal(events.staff_changed):
        dialog.reject()
    row, col = session_cell_position(page)
    assert "Ann Smith ✚" in page.table.item(row, col).text()
    assert "1/3 staff" in page.table.item(row, col).text()


def test_double_click_a_persons_day_for_a_site_duty(qtbot: QtBot, page: RotaPage, hub: HubApp,
                                                    said: Said) -> None:
    staff_row = next(r for r, w in page._people.items() if w.name == "Bea Jones")
    page.open_cell(staff_row, 1)  # Tuesday
    dialog = page.dialog
    assert isinstance(dialog, PersonDayDialog)
    dialog.choice.setCurrentIndex(dialog.choice.findData("duty"))
    dialog.start.setTime(dialog.start.time().fromString("08:00", "HH:mm"))
    dialog.end.setTime(dialog.end.time().fromString("08:45", "HH:mm"))
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: "08:00–08:45 Site duty" in (page.table.item(staff_row, 1).text()
                                                         if page.table.item(staff_row, 1) else ""))


def test_fill_the_gaps_copy_and_jump(qtbot: QtBot, page: RotaPage, hub: HubApp, said: Said) -> None:
    page.fill_gaps()
    dialog = page.dialog
    assert isinstance(dialog, FillDialog) and dialog.list.count() == 2  # Cal has no DBS
    dialog.list.item(1).setCheckState(Qt.CheckState.Unchecked)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    row, col = session_cell_position(page)
    assert "1/3 staff" in page.table.item(row, col).text()
    # a problem about a session opens it, ready to fix
    under = next(n for n in range(page.problems.count()) if "under ratio" in page.problems.item(n).text())
    page.jump_to_problem(page.problems.item(under))
    assert isinstance(page.dialog, SessionStaffDialog)
    page.dialog.reject()
    page.next_button.click()
    assert page.monday().isoformat() == "2026-11-30"
    page.copy_last_week()
    assert said.texts[-1].startswith("1 shifts copied")
    assert any("Play club" in (page.table.item(r, 0).text() if page.table.item(r, 0) else "")
               for r in page._people)


def test_print_site_and_person_and_calendar(qtbot: QtBot, page: RotaPage, hub: HubApp, said: Said,
                                            monkeypatch: pytest.MonkeyPatch, two_schools: dict[str, int]
                                            ) -> None:
    opened: list[Path] = []
    monkeypatch.setattr(common_page, "open_pdf", opened.append)
    ann = next(r.id for r in hub.staff.list("ann"))
    hub.rota.assign(AssignForm(ann, session_target(hub, two_schools["oak"], MONDAY), "lead"))
    page.print_sites(all_sites=True)
    qtbot.waitUntil(lambda: len(opened) == 1, timeout=10000)
    assert opened[0].exists() and opened[0].read_bytes().startswith(b"%PDF")
    page.tabs.setCurrentIndex(1)
    page.person.choose(ann)
    assert page.person.table.rowCount() == 1 and "2 h 45 min" in page.person.hours.text()
    page.print_person()
    qtbot.waitUntil(lambda: len(opened) == 2, timeout=10000)
    page.person.weeks.setValue(2)
    page.export_calendar()
    ics = page.printed[-1]
    assert ics.suffix == ".ics" and b"Play club (Lead)" in ics.read_bytes()
    assert "for 2 weeks" in said.texts[-1]


def test_page_grab_is_not_blank(page: RotaPage) -> None:
    image = page.grab().toImage()
    assert image.width() >= 1000 and not image.isNull()
