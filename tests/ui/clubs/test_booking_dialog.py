"""Booking and cancelling through the dialogs against a real temporary database: standing and
one-off bookings, the refusals shown before anything is written, the waiting list, book a class,
a family's week, and offering a freed place from the Waiting lists page."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time

import pytest
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from hubdesk.app import HubApp
from hubdesk.services.clubs.booking_plan import BookingRequest
from hubdesk.ui.clubs.book_class_dialog import BookClassDialog
from hubdesk.ui.clubs.booking_dialog import BookingDialog
from hubdesk.ui.clubs.cancel_booking_dialog import CancelBookingDialog
from hubdesk.ui.clubs.child_week import ChildWeekDialog
from hubdesk.ui.clubs.waiting_lists import WaitingListsPage
from hubdesk.ui.common.dates import qdate
from hubdesk.ui.shell.events import AppEvents
from tests.services.clubs.club_setup import NOW, carer_for, child, club, freeze
from tests.ui.helpers import Said, click

TODAY = NOW.date()
MON, WED = date(2026, 9, 14), date(2026, 9, 16)


@pytest.fixture
def setup(hub: HubApp, two_schools: dict[str, int]) -> dict[str, int]:
    freeze(hub)
    oak = two_schools["oak"]
    return {**two_schools, "football": club(hub, oak),
            "ella": child(hub, oak, forename="Ella", surname="Ng")}


def shown(qtbot: QtBot, dialog: BookingDialog) -> BookingDialog:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.refresh_preview()
    return dialog


def test_standing_booking_found_by_name_shows_each_date_then_books(
        qtbot: QtBot, hub: HubApp, setup: dict[str, int], events: AppEvents,
        said: Said) -> None:
    dialog = shown(qtbot, BookingDialog(hub, events, TODAY))
    assert dialog.picker is not None and not dialog.book_button.isEnabled()
    assert "Choose a child" in dialog.heading.text()
    qtbot.keyClicks(dialog.picker.search, "ella ng")
    qtbot.waitUntil(lambda: dialog.preview is not None)
    assert dialog.club.currentText().startswith("Football – Oakfield Primary")
    assert dialog.standing.isChecked() and dialog.weekdays.days() == (0, 2)
    dialog.start_date.setDate(qdate(MON))
    dialog.end_date.setDate(qdate(date(2026, 11, 4)))
    click(qtbot, dialog.weekdays.boxes[2])  # Mondays only
    dialog.refresh_preview()
    preview = dialog.preview
    assert preview is not None and preview.ok
    assert [line.day for line in preview.lines][:2] == [MON, date(2026, 9, 21)]
    assert dialog.lines.index(0, 0).data() == "Mon 14/09/2026"
    assert dialog.lines.index(0, 2).data() == "10" and dialog.lines.index(0, 3).data() == "OK"
    assert "Days left out: Mon 26/10 – club not running (half-term)" in dialog.skipped.text()
    assert dialog.book_button.isEnabled()
    with qtbot.waitSignal(events.bookings_changed):
        click(qtbot, dialog.book_button)
    assert not dialog.isVisible()
    booked = sorted(x.day for x in hub.bookings.history(setup["ella"]))
    assert booked == [line.day for line in preview.lines] and len(booked) == 7
    [summary] = hub.bookings.bookings_of(setup["ella"])
    assert (summary.kind, summary.weekdays, summary.live_sessions) == ("standing", "Mon", 7)
    assert said.texts[0].startswith("Booked Ella Ng into Football: 7 dates, from Mon 14/09/2026")
    assert "Skipped 1 day: Mon 26/10 club not running (half-term)." in said.texts[0]


def test_full_session_is_refused_and_offers_the_waiting_list(
        qtbot: QtBot, hub: HubApp, setup: dict[str, int], events: AppEvents,
        said: Said) -> None:
    small = club(hub, setup["oak"], name="Cooking", capacity=1)
    hub.bookings.confirm(BookingRequest(setup["ella"], small, MON))
    sam = child(hub, setup["oak"], forename="Sam", surname="Ali")
    dialog = shown(qtbot, BookingDialog(hub, events, TODAY, child_id=sam, club_id=small, day=MON))
    assert dialog.one_off.isChecked() and dialog.child_label.text() == "Sam Ali"
    assert dialog.lines.index(0, 3).data() == \
        "Cooking is full on Mon 14/09/2026; the child can go on the waiting list."
    assert dialog.lines.index(0, 2).data() == "0"
    assert not dialog.book_button.isEnabled() and dialog.waiting.isVisible()
    click(qtbot, dialog.waiting)
    assert dialog.book_button.isEnabled()
    assert dialog.book_button.text().replace("&", "") == "Put on waiting list"
    click(qtbot, dialog.book_button)
    assert not dialog.isVisible()
    assert hub.bookings.history(sam) == []
    [waiting] = hub.waiting_lists.open_entries()
    assert (waiting.child_name, waiting.day, waiting.position) == ("Sam Ali", MON, 1)
    assert "On the waiting list for 1 full date: Mon 14/09." in said.texts[0]


def test_wrong_year_group_stops_the_booking_with_its_reason(
        qtbot: QtBot, hub: HubApp, setup: dict[str, int], events: AppEvents) -> None:
    tiny = child(hub, setup["oak"], forename="Mo", year_group=0)  # Reception; club is Y1–Y6
    dialog = shown(qtbot, BookingDialog(hub, events, TODAY, child_id=tiny,
                                        club_id=setup["football"]))
    assert dialog.problems.isVisible()
    assert dialog.problems.text().startswith("This booking cannot be made:")
    assert "Reception" in dialog.problems.text()
    assert not dialog.book_button.isEnabled()
    assert hub.bookings.history(tiny) == []


def test_dates_with_problems_are_left_out_only_when_asked(
        qtbot: QtBot, hub: HubApp, setup: dict[str, int], events: AppEvents,
        said: Said) -> None:
    chess = club(hub, setup["oak"], name="Chess", weekdays=(0,), start_time=time(15, 0),
                 end_time=time(16, 0))
    hub.bookings.confirm(BookingRequest(setup["ella"], chess, MON))
    dialog = shown(qtbot, BookingDialog(hub, events, TODAY, child_id=setup["ella"],
                                        club_id=setup["football"]))
    dialog.start_date.setDate(qdate(MON))
    dialog.end_date.setDate(qdate(WED))
    dialog.refresh_preview()
    assert [dialog.lines.index(r, 3).data() != "OK" for r in range(2)] == [True, False]
    assert "Chess" in dialog.lines.index(0, 3).data()  # the clash says with what
    assert not dialog.book_button.isEnabled() and dialog.skip_problems.isVisible()
    click(qtbot, dialog.skip_problems)
    click(qtbot, dialog.book_button)
    assert [x.day for x in hub.bookings.history(setup["ella"]) if x.club_name == "Football"] \
        == [WED]
    assert "Left out 1 date with a problem" in said.texts[0]


def test_last_place_taken_meanwhile_is_shown_not_crashed(
        qtbot: QtBot, hub: HubApp, setup: dict[str, int], events: AppEvents) -> None:
    small = club(hub, setup["oak"], name="Cooking", capacity=1)
    dialog = shown(qtbot, BookingDialog(hub, events, TODAY, child_id=setup["ella"], club_id=small,
                                        day=MON))
    assert dialog.book_button.isEnabled()
    hub.bookings.confirm(BookingRequest(child(hub, setup["oak"], forename="Sam"), small, MON))
    click(qtbot, dialog.book_button)
    assert dialog.isVisible() and dialog.banner.isVisible()
    assert "full" in dialog.banner.text()
    assert dialog.lines.index(0, 2).data() == "0"  # the preview was refreshed
    assert hub.bookings.history(setup["ella"]) == []


def test_cancel_one_date_then_the_rest_from_a_date(
        qtbot: QtBot, hub: HubApp, setup: dict[str, int], events: AppEvents,
        said: Said) -> None:
    hub.bookings.confirm(BookingRequest(setup["ella"], setup["football"], date(2026, 9, 9),
                                        date(2026, 10, 7), (0, 2)))
    dialog = CancelBookingDialog(hub, events, setup["ella"], "Ella Ng", TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.selected_booking() is not None
    first = dialog.selected_line()
    assert first is not None and first.day == date(2026, 9, 9)  # tomorrow: within 48 hours
    qtbot.keyClicks(dialog.reason, "dentist")
    with qtbot.waitSignal(events.bookings_changed):
        click(qtbot, dialog.cancel_one)
    assert said.texts[-1].startswith("Cancelled 1 date.\n1 of them late (less than 48 hours")
    row = dialog.lines.rows.index(next(x for x in dialog.lines.rows if x.day == date(2026, 9, 9)))
    assert dialog.lines.index(row, 2).data() == "Cancelled – late"
    assert dialog.lines.index(row, 3).data() == "dentist"
    dialog.from_day.setDate(qdate(date(2026, 9, 28)))
    dialog.reason.clear()
    click(qtbot, dialog.cancel_from_button)
    assert said.texts[-1] == "Cancelled 4 dates."
    live = sorted(x.day for x in hub.bookings.history(setup["ella"]) if x.status == "booked")
    assert live == [date(2026, 9, 14), date(2026, 9, 16), date(2026, 9, 21), date(2026, 9, 23)]
    assert dialog.bookings.index(0, 5).data() == "28/09/2026"
    assert dialog.bookings.index(0, 6).data() == "4"
    cancelled = [x for x in hub.bookings.history(setup["ella"]) if x.status == "cancelled"]
    assert len(cancelled) == 5  # kept, not deleted


def test_cancelling_frees_a_place_offered_to_the_waiting_list(
        qtbot: QtBot, hub: HubApp, setup: dict[str, int], events: AppEvents,
        said: Said) -> None:
    small = club(hub, setup["oak"], name="Cooking", capacity=1)
    hub.bookings.confirm(BookingRequest(setup["ella"], small, MON))
    sam = child(hub, setup["oak"], forename="Sam", surname="Ali")
    carer_for(hub, [sam], phone="07700 900321", surname="Ali")
    hub.bookings.confirm(BookingRequest(sam, small, MON), waiting_list=True)
    page = WaitingListsPage(hub, events)
    qtbot.addWidget(page)
    page.show()
    assert [(r.child_name, page.model.index(0, 2).data()) for r in page.model.rows] == \
        [("Sam Ali", "1")]
    assert not page.offer_button.isEnabled()  # no free place yet
    dialog = CancelBookingDialog(hub, events, setup["ella"], "Ella Ng", TODAY)
    qtbot.addWidget(dialog)
    click(qtbot, dialog.cancel_one)
    assert "offered to Sam Ali from the waiting list – phone Anna Ali: 07700 900321" in said.texts[-1]
    page.view.selectRow(0)
    assert page.model.index(0, 2).data() == "Offered Mon 14/09"
    assert page.yes_button.isEnabled()
    click(qtbot, page.yes_button)
    assert [x.day for x in hub.bookings.history(sam)] == [MON]
    assert page.model.rows == [] and page.count.text() == "Nobody is waiting."


def test_offer_a_free_place_then_the_family_says_no(
        qtbot: QtBot, hub: HubApp, setup: dict[str, int], events: AppEvents,
        said: Said) -> None:
    small = club(hub, setup["oak"], name="Cooking", capacity=1)
    hub.bookings.confirm(BookingRequest(setup["ella"], small, MON))
    sam = child(hub, setup["oak"], forename="Sam", surname="Ali")
    ava = child(hub, setup["oak"], forename="Ava", surname="Bell")
    for kid in (sam, ava):
        hub.bookings.confirm(BookingRequest(kid, small, MON), waiting_list=True)
    page = WaitingListsPage(hub, events)
    qtbot.addWidget(page)
    page.show()
    assert [r.child_name for r in page.model.rows] == ["Sam Ali", "Ava Bell"]
    assert [page.model.index(i, 2).data() for i in range(2)] == ["1", "2"]
    # A place frees without anyone offered yet: the office raises the capacity.
    form = hub.clubs.get(small)
    hub.clubs.save(replace(form, capacity=2))
    events.clubs_changed.emit()
    page.view.selectRow(0)
    assert page.place.currentText() == "Mon 14/09/2026 (1 free)"
    click(qtbot, page.offer_button)
    assert "held for Sam Ali" in said.texts[-1]
    assert page.model.rows[0].status == "offered"
    page.view.selectRow(0)
    click(qtbot, page.no_button)
    assert "held for Ava Bell" in said.texts[-1]
    assert [(r.child_name, r.status) for r in page.model.rows] == [("Ava Bell", "offered")]


def test_book_a_class_reports_who_was_refused(
        qtbot: QtBot, hub: HubApp, setup: dict[str, int], events: AppEvents) -> None:
    small = club(hub, setup["oak"], name="Cooking", capacity=2, min_year=3, max_year=3)
    for name in ("Ava", "Ben", "Cy"):
        child(hub, setup["oak"], forename=name, surname="Class")
    rows = hub.clubs.list()
    dialog = BookClassDialog(hub, events, TODAY, next(r for r in rows if r.id == small))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.school.currentText() == "Oakfield Primary"
    assert dialog.year.currentText() == "Y3"
    assert dialog.pupils.count() == 4 and dialog.ticked_label.text() == "0 of 4 ticked"
    click(qtbot, dialog.book_button)
    assert dialog.banner.text() == "Tick at least one child."
    click(qtbot, dialog.tick_all)
    assert dialog.ticked_label.text() == "4 of 4 ticked"
    click(qtbot, dialog.tick_none)
    assert dialog.ticked() == ()
    click(qtbot, dialog.tick_all)
    click(qtbot, dialog.one_off)
    dialog.start_date.setDate(qdate(MON))
    with qtbot.waitSignal(events.bookings_changed, timeout=10_000):
        click(qtbot, dialog.book_button)
    report = dialog.report
    assert report is not None and len(report.booked) == 2 and len(report.refused) == 2
    assert dialog.result_label.text() == "Booked 2 children, 2 dates in all. 2 not booked " \
                                         "(see the list)."
    assert dialog.refusals_view.isVisible()
    assert "full" in dialog.refusals.index(0, 1).data()


def test_family_week_shows_every_sibling(qtbot: QtBot, hub: HubApp, setup: dict[str, int],
                                         events: AppEvents) -> None:
    leo = child(hub, setup["elm"], forename="Leo", surname="Ng", date_of_birth=date(2020, 1, 5),
                year_group=1)
    carer_for(hub, [setup["ella"], leo])
    breakfast = club(hub, setup["elm"], name="Breakfast", kind="breakfast", weekdays=(0, 1, 2, 3, 4),
                     start_time=time(7, 45), end_time=time(8, 45), price_pence=250)
    hub.bookings.confirm(BookingRequest(setup["ella"], setup["football"], MON))
    hub.bookings.confirm(BookingRequest(leo, breakfast, WED))
    dialog = ChildWeekDialog(hub, events, MON, setup["ella"])
    qtbot.addWidget(dialog)
    dialog.show()
    assert [w.child_name for w in dialog.weeks()] == ["Ella Ng", "Leo Ng"]
    assert dialog.model.index(0, 1).data() == "Football\n15:15–16:30 at Oakfield Primary"
    assert dialog.model.index(1, 3).data() == "Breakfast\n07:45–08:45 at Elm Street Primary"
    click(qtbot, dialog.family)
    assert [w.child_name for w in dialog.weeks()] == ["Ella Ng"]
    click(qtbot, dialog.next_week)
    assert dialog.model.index(0, 1).data() == ""
    click(qtbot, dialog.copy_button)
    assert QGuiApplication.clipboard().text() == "Ella Ng: no clubs this week."


def test_booking_models_pass_the_model_tester(qtmodeltester: object, qtbot: QtBot, hub: HubApp,
                                              setup: dict[str, int], events: AppEvents) -> None:
    hub.bookings.confirm(BookingRequest(setup["ella"], setup["football"], MON))
    dialog = shown(qtbot, BookingDialog(hub, events, TODAY, child_id=setup["ella"],
                                        club_id=setup["football"]))
    cancel = CancelBookingDialog(hub, events, setup["ella"], "Ella Ng", TODAY)
    qtbot.addWidget(cancel)
    week = ChildWeekDialog(hub, events, MON, setup["ella"])
    qtbot.addWidget(week)
    for model in (dialog.lines, cancel.bookings, cancel.lines, week.model):
        assert model.rowCount() > 0
        qtmodeltester.check(model)  # type: ignore[attr-defined]


def test_put_a_child_on_a_clubs_waiting_list(qtbot: QtBot, hub: HubApp, setup: dict[str, int],
                                             events: AppEvents) -> None:
    page = WaitingListsPage(hub, events)
    qtbot.addWidget(page)
    page.show()
    click(qtbot, page.join_button)
    dialog = page.dialog
    assert dialog is not None and dialog.weekdays.days() == (0, 2)
    click(qtbot, dialog.buttons.button(dialog.buttons.StandardButton.Save))
    assert list(dialog.visible_errors()) == ["child_id"]
    qtbot.keyClicks(dialog.picker.search, "ella")
    qtbot.waitUntil(lambda: dialog.picker.child_id() == setup["ella"])
    click(qtbot, dialog.weekdays.boxes[0])  # Wednesdays only
    with qtbot.waitSignal(events.bookings_changed):
        click(qtbot, dialog.buttons.button(dialog.buttons.StandardButton.Save))
    assert [(r.child_name, r.weekdays, r.position) for r in page.model.rows] == \
        [("Ella Ng", "Wed", 1)]
    assert page.model.index(0, 1).data() == "Any Wed"
