"""A click that writes cannot write twice: a double click, or a second click while the first is saving."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from hubdesk.app import HubApp
from hubdesk.services.clubs.booking_plan import BookingRequest
from hubdesk.ui.clubs.booking_dialog import BookingDialog
from hubdesk.ui.clubs.cancel_booking_dialog import CancelBookingDialog
from hubdesk.ui.shell.events import AppEvents
from tests.services.clubs.club_setup import NOW, child, club, freeze
from tests.ui.helpers import Said

TODAY = NOW.date()
MON = date(2026, 9, 14)


@pytest.fixture
def ids(hub: HubApp, two_schools: dict[str, int]) -> dict[str, int]:
    freeze(hub)
    oak = two_schools["oak"]
    return {"club": club(hub, oak), "ella": child(hub, oak, forename="Ella", surname="Ng")}


def double_click(qtbot: QtBot, button: QWidget) -> None:
    """What a double click delivers: a press and release, then a double-click press and release."""
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.mouseDClick(button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # and an impatient third, for good measure


def _dialog(qtbot: QtBot, hub: HubApp, events: AppEvents, ids: dict[str, int]) -> BookingDialog:
    dialog = BookingDialog(hub, events, TODAY, child_id=ids["ella"], club_id=ids["club"], day=MON)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.refresh_preview()
    assert dialog.book_button.isEnabled()
    return dialog


def test_a_double_click_on_book_books_once(qtbot: QtBot, hub: HubApp, ids: dict[str, int],
                                            events: AppEvents, said: Said) -> None:
    dialog = _dialog(qtbot, hub, events, ids)
    calls: list[BookingRequest] = []
    confirm = hub.bookings.confirm

    def counted(request: BookingRequest, **kwargs: bool) -> object:
        calls.append(request)
        return confirm(request, **kwargs)

    hub.bookings.confirm = counted  # type: ignore[method-assign]
    double_click(qtbot, dialog.book_button)
    assert len(calls) == 1 and not dialog.book_button.isEnabled()
    assert [x.day for x in hub.bookings.history(ids["ella"])] == [MON]
    assert said.texts and said.texts[0].startswith("Booked Ella Ng")


def test_a_second_click_while_saving_is_ignored(qtbot: QtBot, hub: HubApp, ids: dict[str, int],
                                               events: AppEvents, said: Said) -> None:
    dialog = _dialog(qtbot, hub, events, ids)
    calls: list[bool] = []
    confirm = hub.bookings.confirm

    def impatient(request: BookingRequest, **kwargs: bool) -> object:
        calls.append(dialog.book_button.isEnabled())
        if len(calls) == 1:
            qtbot.mouseClick(dialog.book_button, Qt.MouseButton.LeftButton)  # clicked again meanwhile
            dialog.buttons.accepted.emit()  # and Enter pressed
        return confirm(request, **kwargs)

    hub.bookings.confirm = impatient  # type: ignore[method-assign]
    qtbot.mouseClick(dialog.book_button, Qt.MouseButton.LeftButton)
    assert calls == [False]  # one call, with the button off while it ran
    assert len(hub.bookings.history(ids["ella"])) == 1


def test_cancel_cannot_be_pressed_twice(qtbot: QtBot, hub: HubApp, ids: dict[str, int],
                                       events: AppEvents, said: Said) -> None:
    hub.bookings.confirm(BookingRequest(ids["ella"], ids["club"], MON))
    dialog = CancelBookingDialog(hub, events, ids["ella"], "Ella Ng", TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.cancel_one.isEnabled()
    double_click(qtbot, dialog.cancel_one)
    assert [x.status for x in hub.bookings.history(ids["ella"])] == ["cancelled"]
    assert not dialog.cancel_one.isEnabled()  # the date is cancelled now
    assert [t for t in said.texts if t.startswith("Cancelled")] == ["Cancelled 1 date."]
