"""The Today page: sites open today with their clubs, what needs attention, staff checks running out."""

from __future__ import annotations

from datetime import timedelta

from pytestqt.qtbot import QtBot

from hubdesk.app import HubApp
from hubdesk.ui.shell.events import AppEvents
from hubdesk.ui.shell.main_window import MainWindow
from hubdesk.ui.today.page import TodayPage
from tests.conftest import DEMO_TODAY
from tests.services.rota.rota_setup import checked


def texts(widget: object) -> list[str]:
    return [widget.item(i).text() for i in range(widget.count())]  # type: ignore[attr-defined]


def test_expiring_staff_checks_are_listed_and_refresh(qtbot: QtBot, hub: HubApp) -> None:
    events = AppEvents()
    hub.staff.save(checked("Dee", "O'Hara <Soon>", first_aid_expires=hub.clock.today() + timedelta(days=10)))
    page = TodayPage(hub, events, today=hub.clock.today)
    qtbot.addWidget(page)
    page.show()  # on screen: a change reloads it at once (hidden, it reloads when shown)
    assert any(t.startswith("Dee O'Hara <Soon>: Paediatric first aid runs out") for t in texts(page.expiring))
    hub.staff.save(checked("Eli", "Later", first_aid_expires=hub.clock.today() - timedelta(days=1)))
    events.staff_changed.emit()
    assert any(t.startswith("Eli Later: Paediatric first aid ran out") for t in texts(page.expiring))


def test_the_demo_day_shows_sites_clubs_and_problems(qtbot: QtBot, demo_hub: HubApp) -> None:
    page = TodayPage(demo_hub, AppEvents(), today=lambda: DEMO_TODAY)
    qtbot.addWidget(page)
    assert page.heading.text() == "Today — Tuesday 24 November 2026"
    assert page.sites.rowCount() == 8
    rows = {page.sites.item(r, 0).text(): [page.sites.item(r, c).text() for c in range(1, 4)]
            for r in range(page.sites.rowCount())}
    hub_row = rows["Ashworth Hub Primary School"]
    assert hub_row[0] == "open" and int(hub_row[1]) >= 3 and int(hub_row[2].replace(",", "")) > 50
    attention = texts(page.attention)
    assert any(t.startswith("⚠ Rota:") for t in attention)  # the demo's planted DBS problem
    assert "club places booked today" in page.summary.text()


def test_double_click_goes_to_the_page_that_deals_with_it(qtbot: QtBot, demo_hub: HubApp) -> None:
    window = MainWindow(demo_hub)
    qtbot.addWidget(window)
    page = window.pages["Today"]
    rota_line = next(i for i in range(page.attention.count())
                     if page.attention.item(i).text().startswith("⚠ Rota:"))
    page.attention.itemDoubleClicked.emit(page.attention.item(rota_line))
    assert window.stack.currentWidget() is window.pages["Staff rota"]
