"""The day, week and date fields of the pages and dialogs that kept Qt's own box now take typed dates."""

from __future__ import annotations

from datetime import date

import pytest
from pytestqt.qtbot import QtBot

from hubdesk.app import HubApp
from hubdesk.ui.common.dates import DayEdit, optional_date, to_date
from hubdesk.ui.learning.creche_child_dialog import CrecheChildDialog
from hubdesk.ui.minibus.dialogs import VehicleDialog
from hubdesk.ui.minibus.page import MinibusPage
from hubdesk.ui.registers.page import RegistersPage
from hubdesk.ui.rota.page import RotaPage
from hubdesk.ui.shell.events import AppEvents

TYPED = ["30/11", "30/11/26", "2026-11-30"]


def type_date(qtbot: QtBot, edit: DayEdit, text: str) -> None:
    edit.setFocus()
    edit.lineEdit().selectAll()
    qtbot.keyClicks(edit, text)
    edit.complete()


@pytest.mark.parametrize("typed", TYPED)
@pytest.mark.parametrize("kind", [RegistersPage, RotaPage, MinibusPage])
def test_the_page_day_takes_a_typed_date(qtbot: QtBot, hub: HubApp, events: AppEvents,
                                         two_schools: dict[str, int], kind: type, typed: str) -> None:
    page = kind(hub, events)
    qtbot.addWidget(page)
    page.show()
    field = page.week if isinstance(page, RotaPage) else page.day
    assert isinstance(field, DayEdit)
    type_date(qtbot, field, typed)
    assert to_date(field) == date(2026, 11, 30)  # a Monday, so the rota keeps it


@pytest.mark.parametrize("typed", ["04/05/24", "4/5/2024", "2024-05-04"])
def test_a_creche_childs_birthday_is_typed(qtbot: QtBot, hub: HubApp, typed: str) -> None:
    dialog = CrecheChildDialog(hub.learning.creche, 1, "Kaya, Ayşe", date(2026, 11, 24))
    qtbot.addWidget(dialog)
    dialog.show()
    assert isinstance(dialog.date_of_birth, DayEdit)
    type_date(qtbot, dialog.date_of_birth, typed)
    assert dialog.child_form().date_of_birth == date(2024, 5, 4)


def test_a_vehicles_dates_are_typed_or_left_not_recorded(qtbot: QtBot, hub: HubApp) -> None:
    dialog = VehicleDialog(hub, None)
    qtbot.addWidget(dialog)
    dialog.show()
    mot = dialog.dates["mot_due"]
    assert mot.text() == "not recorded" and optional_date(mot) is None
    type_date(qtbot, mot, "30/11/26")
    assert optional_date(mot) == date(2026, 11, 30)
    mot.clear()  # emptied again: not recorded
    assert optional_date(mot) is None and mot.text() == "not recorded"
