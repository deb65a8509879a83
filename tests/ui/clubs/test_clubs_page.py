"""The Clubs page driven through its widgets against a real temporary database: the club editor,
occupancy per week, a club's sessions, cancelling and adding a session."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from hubdesk.app import HubApp
from hubdesk.services.clubs.booking_plan import BookingRequest
from hubdesk.ui.clubs.club_dialog import ClubDialog
from hubdesk.ui.clubs.page import ClubsPage
from hubdesk.ui.clubs.session_dialogs import AddSessionDialog, CancelSessionDialog
from hubdesk.ui.common.dates import qdate
from hubdesk.ui.shell.events import AppEvents
from tests.services.clubs.club_setup import carer_for, child, club, freeze
from tests.ui.helpers import Said, click, save

MON, WED = date(2026, 9, 14), date(2026, 9, 16)


@pytest.fixture
def setup(hub: HubApp, two_schools: dict[str, int]) -> dict[str, int]:
    freeze(hub)
    oak = two_schools["oak"]
    return {**two_schools, "football": club(hub, oak),
            "ella": child(hub, oak, forename="Ella", surname="Ng")}


def make_page(qtbot: QtBot, hub: HubApp, events: AppEvents) -> ClubsPage:
    page = ClubsPage(hub, events)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    qtbot.waitExposed(page)
    return page


@pytest.fixture
def page(qtbot: QtBot, hub: HubApp, setup: dict[str, int], events: AppEvents) -> ClubsPage:
    return make_page(qtbot, hub, events)


def test_page_lists_clubs_with_this_weeks_occupancy(qtbot: QtBot, page: ClubsPage, hub: HubApp,
                                                    setup: dict[str, int], events: AppEvents) -> None:
    assert [r.name for r in page.model.rows] == ["Football"]
    assert page.model.index(0, 7).data() == "0/20"  # Mon and Wed of the week of Tue 8 Sep
    hub.bookings.confirm(BookingRequest(setup["ella"], setup["football"], MON))
    page.week.setDate(qdate(MON))
    assert page.model.index(0, 7).data() == "1/20"
    click(qtbot, page.prev_week)
    assert page.model.index(0, 7).data() == "0/20"
    click(qtbot, page.this_week)
    assert page.week_day() == date(2026, 9, 8)
    assert "Football" in page.panel.heading.text()
    session = page.panel.selected_session()
    assert session is not None and session.day == date(2026, 9, 7)  # first session of the week
    page.week.setDate(qdate(WED))
    session = page.panel.selected_session()
    assert session is not None and session.day == MON


def test_create_a_club_through_the_dialog(qtbot: QtBot, page: ClubsPage, hub: HubApp,
                                          setup: dict[str, int], events: AppEvents,
                                          said: Said) -> None:
    click(qtbot, page.new_button)
    dialog = page.dialog
    assert isinstance(dialog, ClubDialog) and dialog.isVisible()
    qtbot.keyClicks(dialog.name, "Chess")
    dialog.site.setCurrentIndex(dialog.site.findData(setup["elm"]))
    dialog.kind.setCurrentIndex(dialog.kind.findData("activity"))
    dialog.weekdays.set_days(())
    save(qtbot, dialog)
    assert dialog.visible_errors() == {"weekdays": "Tick the weekdays the club runs."}
    assert dialog.errors["weekdays"].isVisible()
    click(qtbot, dialog.weekdays.boxes[3])  # Thursday
    dialog.capacity.setValue(12)
    dialog.price.setValue(4.5)
    dialog.start_date.setDate(qdate(date(2026, 9, 3)))
    dialog.end_date.setDate(qdate(date(2026, 12, 18)))
    with qtbot.waitSignal(events.clubs_changed):
        save(qtbot, dialog)
    assert said.texts == [] and not dialog.isVisible()
    row = next(r for r in hub.clubs.list(date(2026, 9, 10)) if r.name == "Chess")
    assert (row.site, row.weekdays, row.capacity, row.price_pence, row.kind) == \
        ("Elm Street Primary", "Thu", 12, 450, "activity")
    assert "Chess" in [r.name for r in page.model.rows]
    assert "Saved Chess" in page.status.text() and "sessions added" in page.status.text()
    sessions = hub.club_sessions.sessions(row.id, date(2026, 9, 1), date(2026, 12, 31))
    assert sessions[0].day == date(2026, 9, 3) and len(sessions) == 15  # no Thu in half-term


def test_club_editor_refuses_bad_times_and_duplicate_names_inline(
        qtbot: QtBot, page: ClubsPage, hub: HubApp) -> None:
    click(qtbot, page.new_button)
    dialog = page.dialog
    assert isinstance(dialog, ClubDialog)
    qtbot.keyClicks(dialog.name, "Football")
    assert dialog.site.currentText() == "Elm Street Primary"  # first in the list
    dialog.site.setCurrentIndex(dialog.site.findText("Oakfield Primary"))
    dialog.start_time.setTime(dialog.start_time.time().fromString("16:00", "HH:mm"))
    dialog.end_time.setTime(dialog.end_time.time().fromString("15:00", "HH:mm"))
    save(qtbot, dialog)
    assert dialog.visible_errors() == {"end_time": "The club must end after it starts."}
    dialog.end_time.setTime(dialog.end_time.time().fromString("17:00", "HH:mm"))
    save(qtbot, dialog)
    assert dialog.visible_errors() == {"name": "This site already has a club with that name."}
    assert dialog.isVisible() and len(hub.clubs.list()) == 1


def test_change_that_touches_bookings_lists_them_and_asks(qtbot: QtBot, page: ClubsPage,
                                                          hub: HubApp, setup: dict[str, int],
                                                          events: AppEvents) -> None:
    carer_for(hub, [setup["ella"]], phone="07700 900555")
    hub.bookings.confirm(BookingRequest(setup["ella"], setup["football"], date(2026, 9, 14),
                                        date(2026, 10, 23), (0, 2)))
    page.view.selectRow(0)
    click(qtbot, page.edit_button)
    dialog = page.dialog
    assert isinstance(dialog, ClubDialog) and dialog.name.text() == "Football"
    click(qtbot, dialog.weekdays.boxes[2])  # untick Wednesday
    save(qtbot, dialog)
    assert dialog.isVisible() and dialog.decision_pending()
    # one standing booking losing 6 dates: the banner counts bookings, not dates
    assert "affects 1 booking " in dialog.banner.text()
    assert dialog.banner.isVisible() and "affects" in dialog.banner.text()
    [affected] = dialog.affected.rows
    assert affected.child_name == "Ella Ng" and affected.sessions == 6
    assert "07700 900555" in dialog.affected.index(0, 4).data()
    click(qtbot, dialog.copy_button)
    assert QGuiApplication.clipboard().text() == (
        "Ella Ng, from 16/09/2026: the club no longer meets that day; the booking will be "
        "cancelled – Anna Wiśniewska: 07700 900555")
    assert hub.clubs.get(setup["football"]).weekdays == (0, 2)  # nothing changed yet
    with qtbot.waitSignal(events.bookings_changed):
        save(qtbot, dialog)
    assert not dialog.isVisible()
    assert hub.clubs.get(setup["football"]).weekdays == (0,)
    live = [x for x in hub.bookings.history(setup["ella"]) if x.status == "booked"]
    assert all(x.day.weekday() == 0 for x in live) and len(live) == 6
    assert "6 bookings cancelled" in page.status.text()


def test_changing_anything_after_the_warning_asks_again(qtbot: QtBot, page: ClubsPage,
                                                        hub: HubApp, setup: dict[str, int]) -> None:
    hub.bookings.confirm(BookingRequest(setup["ella"], setup["football"], WED))
    click(qtbot, page.edit_button)
    dialog = page.dialog
    assert isinstance(dialog, ClubDialog)
    dialog.end_time.setTime(dialog.end_time.time().fromString("17:00", "HH:mm"))
    save(qtbot, dialog)
    assert dialog.decision_pending()
    assert "times change from 15:15–16:30 to 15:15–17:00" in dialog.affected.rows[0].reason
    dialog.end_time.setTime(dialog.end_time.time().fromString("17:15", "HH:mm"))
    save(qtbot, dialog)  # a different change: asked again, not saved
    assert dialog.isVisible() and "17:15" in dialog.affected.rows[0].reason
    assert hub.clubs.get(setup["football"]).end_time == time(16, 30)
    save(qtbot, dialog)
    assert not dialog.isVisible() and hub.clubs.get(setup["football"]).end_time == time(17, 15)


def test_capacity_below_places_taken_is_refused(qtbot: QtBot, page: ClubsPage, hub: HubApp,
                                                setup: dict[str, int]) -> None:
    hub.bookings.confirm(BookingRequest(setup["ella"], setup["football"], WED))
    hub.bookings.confirm(BookingRequest(child(hub, setup["oak"], forename="Sam"),
                                        setup["football"], WED))
    click(qtbot, page.edit_button)
    dialog = page.dialog
    assert isinstance(dialog, ClubDialog)
    dialog.capacity.setValue(1)
    save(qtbot, dialog)
    assert "cannot go below 2" in dialog.banner.text() and not dialog.decision_pending()
    assert hub.clubs.get(setup["football"]).capacity == 10


def test_sessions_show_booked_waiting_and_free(qtbot: QtBot, hub: HubApp, setup: dict[str, int],
                                               events: AppEvents) -> None:
    small = club(hub, setup["oak"], name="Cooking", capacity=1)
    hub.bookings.confirm(BookingRequest(setup["ella"], small, MON))
    sam = child(hub, setup["oak"], forename="Sam", surname="Ali")
    hub.bookings.confirm(BookingRequest(sam, small, MON), waiting_list=True)
    page = make_page(qtbot, hub, events)
    page.week.setDate(qdate(MON))
    row = next(i for i, r in enumerate(page.model.rows) if r.name == "Cooking")
    page.view.selectRow(row)
    assert page.model.index(row, 7).data() == "1/2" and page.model.index(row, 8).data() == "1"
    panel = page.panel
    session = panel.selected_session()
    assert session is not None and session.day == MON
    line = panel.sessions.rows.index(session)
    assert [panel.sessions.index(line, c).data() for c in range(1, 7)] == \
        ["15:15–16:30", "1/1", "0", "1", "", "Full"]
    assert [c.name for c in panel.booked.rows] == ["Ella Ng"]
    assert "1 waiting" in panel.booked_label.text()


def test_cancel_a_session_lists_the_families_to_phone(qtbot: QtBot, page: ClubsPage, hub: HubApp,
                                                      setup: dict[str, int],
                                                      events: AppEvents) -> None:
    carer_for(hub, [setup["ella"]], phone="07700 900777")
    hub.bookings.confirm(BookingRequest(setup["ella"], setup["football"], MON))
    page.week.setDate(qdate(MON))
    panel = page.panel
    assert panel.selected_session() is not None and panel.selected_session().day == MON
    click(qtbot, panel.cancel_session_button)
    dialog = panel.dialog
    assert isinstance(dialog, CancelSessionDialog)
    save(qtbot, dialog)
    assert list(dialog.visible_errors()) == ["reason"]
    qtbot.keyClicks(dialog.reason, "Hall flooded")
    with qtbot.waitSignal(events.bookings_changed):
        save(qtbot, dialog)
    assert dialog.isVisible() and dialog.families.isVisible()
    text = dialog.families.text()
    assert "cancelled: Hall flooded" in text and "Ella Ng – Anna Wiśniewska: 07700 900777" in text
    click(qtbot, dialog.families.copy_button)
    assert QGuiApplication.clipboard().text() == text
    save(qtbot, dialog)  # "Close"
    assert not dialog.isVisible()
    session = next(x for x in panel.sessions.rows if x.day == MON)
    assert session.status == "cancelled"
    line = panel.sessions.rows.index(session)
    assert panel.sessions.index(line, 6).data() == "Cancelled: Hall flooded"
    assert [x.status for x in hub.bookings.history(setup["ella"])] == ["cancelled"]


def test_add_an_extra_session(qtbot: QtBot, page: ClubsPage, hub: HubApp,
                              setup: dict[str, int], events: AppEvents) -> None:
    panel = page.panel
    click(qtbot, panel.add_session_button)
    dialog = panel.dialog
    assert isinstance(dialog, AddSessionDialog)
    dialog.day.setDate(qdate(date(2026, 10, 27)))  # half-term: the site is closed
    save(qtbot, dialog)
    assert "closed" in dialog.visible_errors()["day"]
    friday = date(2026, 9, 18)
    dialog.day.setDate(qdate(friday))
    with qtbot.waitSignal(events.clubs_changed):
        save(qtbot, dialog)
    extra = next(x for x in panel.sessions.rows if x.day == friday)
    assert extra.extra and panel.sessions.index(panel.sessions.rows.index(extra), 6).data() == \
        "Extra session"


def test_models_pass_the_model_tester(qtmodeltester: object, page: ClubsPage, hub: HubApp,
                                      setup: dict[str, int]) -> None:
    hub.bookings.confirm(BookingRequest(setup["ella"], setup["football"], date(2026, 9, 9)))
    page.refresh()
    page.panel.sessions_view.selectRow(1)
    for model in (page.model, page.panel.sessions, page.panel.booked):
        assert model.rowCount() > 0
        qtmodeltester.check(model)  # type: ignore[attr-defined]


def test_demo_cluster_clubs_with_occupancy_and_waiting(qtbot: QtBot, demo_hub: HubApp,
                                                       events: AppEvents) -> None:
    from tests.conftest import DEMO_TODAY

    freeze(demo_hub, datetime(DEMO_TODAY.year, DEMO_TODAY.month, DEMO_TODAY.day, 12, 0))
    page = make_page(qtbot, demo_hub, events)
    rows = page.model.rows
    assert len(rows) >= 30 and len({r.site for r in rows}) == 8
    assert any(r.waiting for r in rows) and all(r.week_sessions for r in rows if r.kind != "holiday")
    assert sum(r.week_booked for r in rows) > 1000
    page.site.setCurrentIndex(1)
    assert {r.site for r in page.model.rows} == {page.site.currentText()}
    session = page.panel.selected_session()
    assert session is not None and session.day >= date(2026, 11, 23)
    assert len(page.panel.booked.rows) == session.booked
