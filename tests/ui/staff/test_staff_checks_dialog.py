"""The staff form's DBS, driver and hours tabs, typed into and saved through the real service."""

from __future__ import annotations

from datetime import date, time

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from hubdesk.app import HubApp
from hubdesk.services.people.staff import StaffForm
from hubdesk.ui.shell.events import AppEvents
from hubdesk.ui.staff.page import StaffPage
from tests.ui.helpers import save


@pytest.fixture
def page(qtbot: QtBot, hub: HubApp, two_schools: dict[str, int]) -> StaffPage:
    hub.staff.save(StaffForm("Ben", "Carter", "driver", home_site_id=two_schools["elm"]))
    widget = StaffPage(hub, AppEvents())
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_checks_driver_and_hours_are_saved(qtbot: QtBot, page: StaffPage, hub: HubApp,
                                          two_schools: dict[str, int]) -> None:
    assert page.model.index(0, 6).data() == "Missing"
    page.view.selectRow(0)
    page.edit_staff()
    dialog = page.dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.dbs_number, "0012 3456 789")
    qtbot.keyClicks(dialog.dbs_issued_on, "12/01/2025")
    save(qtbot, dialog)
    assert dialog.visible_errors() == {"dbs_number": "A DBS certificate number has 12 digits, "
                                                     "e.g. 001234567890."}
    assert dialog.tabs.currentIndex() == 0
    qtbot.keyClicks(dialog.dbs_number, "0")
    qtbot.keyClicks(dialog.dbs_checked_by, "J. Head")
    qtbot.keyClicks(dialog.dbs_checked_on, "14/01/2025")
    qtbot.mouseClick(dialog.barred_list, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(dialog.first_aid, "31/13/2027")
    save(qtbot, dialog)
    assert list(dialog.visible_errors()) == ["first_aid_expires"]
    dialog.first_aid.clear()
    qtbot.keyClicks(dialog.first_aid, "30/06/2027")
    qtbot.keyClicks(dialog.licence, "b d1")
    qtbot.keyClicks(dialog.date_of_birth, "02/03/1970")
    qtbot.keyClicks(dialog.licence_first_held, "01/05/1988")
    qtbot.keyClicks(dialog.midas, "01/02/2028")
    qtbot.keyClicks(dialog.week_hours, "17,5")
    dialog.sites.item(dialog.sites.count() - 1).setCheckState(Qt.CheckState.Checked)  # Oakfield
    box, start, _end = dialog.available[0]
    box.setChecked(True)
    start.setTime(start.time().fromString("15:00", "HH:mm"))
    save(qtbot, dialog)
    assert not dialog.isVisible(), dialog.visible_errors()
    form = hub.staff.get(page.model.rows[0].id)
    assert (form.dbs_number, form.dbs_issued_on, form.dbs_checked_by, form.barred_list_checked) == (
        "001234567890", date(2025, 1, 12), "J. Head", True)
    assert (form.licence_categories, form.licence_first_held, form.midas_expires) == (
        "B, D1", date(1988, 5, 1), date(2028, 2, 1))
    assert form.contracted_week_minutes == 1050 and form.site_ids == (two_schools["oak"],)
    assert form.availability == ((0, time(15, 0), time(18, 0)),)
    assert page.model.index(0, 6).data() == "Checked"
    assert page.model.index(0, 7).data() == "30/06/2027"


def test_dates_and_licences_checked_in_the_service(hub: HubApp) -> None:
    from hubdesk.core.errors import ValidationError

    base = StaffForm("Ann", "Lee", "driver")
    for changes, field in (({"dbs_issued_on": date(2025, 1, 1)}, "dbs_number"),
                           ({"dbs_number": "12", }, "dbs_number"),
                           ({"licence_categories": "B, Z9"}, "licence_categories"),
                           ({"date_of_birth": date(2020, 1, 1)}, "date_of_birth"),
                           ({"date_of_birth": date(1990, 1, 1), "licence_first_held": date(2000, 1, 1)},
                            "licence_first_held"),
                           ({"contracted_week_minutes": 4000}, "contracted_week_minutes"),
                           ({"availability": ((0, time(18), time(8)),)}, "availability")):
        with pytest.raises(ValidationError) as err:
            hub.staff.save(StaffForm(**{**base.__dict__, **changes}))  # type: ignore[arg-type]
        assert err.value.field == field, changes
