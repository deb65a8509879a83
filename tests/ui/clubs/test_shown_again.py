"""Clubs, Waiting lists and Registers shown again keep what they read while nothing changed, and read
again as soon as anything they show can have changed: a change saved with no event in this window
(as another PC saves it), another day, or for a register the next minute (MISSING comes with time).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QDate
from pytestqt.qtbot import QtBot

from hubdesk.app import HubApp
from hubdesk.services.clubs.booking_plan import BookingRequest
from hubdesk.ui.clubs.page import ClubsPage
from hubdesk.ui.clubs.waiting_lists import WaitingListsPage
from hubdesk.ui.common.dates import qdate
from hubdesk.ui.money.page import MoneyPage
from hubdesk.ui.registers.page import RegistersPage
from hubdesk.ui.shell.events import AppEvents
from tests.services.clubs.club_setup import child, club, freeze
from tests.services.registers.registers_data import DAY, Cluster, build_cluster
from tests.statements import counting
from tests.ui.clubs.test_clubs_page import MON
from tests.ui.registers.registers_ui import row_of


def shown_again(hub: HubApp, page: ClubsPage | WaitingListsPage | RegistersPage | MoneyPage) -> int:
    """Statements that read the page's rows when it is shown again (the check of the audit log's
    newest entry, and its BEGIN, are not counted)."""
    with counting(hub.engine) as counter:
        page.on_shown()
    return sum(1 for statement in counter.statements
               if "audit_log" not in statement and not statement.startswith("BEGIN"))


def test_clubs_read_again_only_after_a_change(qtbot: QtBot, hub: HubApp,
                                              two_schools: dict[str, int]) -> None:
    freeze(hub)
    oak = two_schools["oak"]
    football, ella = club(hub, oak), child(hub, oak, forename="Ella", surname="Ng")
    page = ClubsPage(hub, AppEvents())
    qtbot.addWidget(page)
    page.week.setDate(qdate(MON))
    assert page.model.index(0, 7).data() == "0/20"
    assert shown_again(hub, page) == 0  # only the check that nothing changed
    hub.bookings.confirm(BookingRequest(ella, football, MON))  # no event: as from another PC
    assert shown_again(hub, page) > 0
    assert page.model.index(0, 7).data() == "1/20"
    assert shown_again(hub, page) == 0


def test_waiting_lists_read_again_after_a_change_or_on_another_day(
        qtbot: QtBot, hub: HubApp, two_schools: dict[str, int]) -> None:
    freeze(hub)
    oak = two_schools["oak"]
    football = club(hub, oak)
    ella, sam = (child(hub, oak, forename=name, surname="Ng") for name in ("Ella", "Sam"))
    hub.waiting_lists.join(ella, football)
    page = WaitingListsPage(hub, AppEvents())
    qtbot.addWidget(page)
    assert [r.child_name for r in page.model.rows] == ["Ella Ng"]
    assert shown_again(hub, page) == 0
    hub.waiting_lists.join(sam, football)
    assert shown_again(hub, page) > 0
    assert [r.child_name for r in page.model.rows] == ["Ella Ng", "Sam Ng"]
    assert shown_again(hub, page) == 0
    hub.clock.frozen_at = hub.clock.now() + timedelta(days=1)
    assert shown_again(hub, page) > 0


def test_a_register_reads_again_after_a_change_and_the_next_minute(
        qtbot: QtBot, hub: HubApp, two_schools: dict[str, int]) -> None:
    cluster: Cluster = build_cluster(hub, two_schools)
    hub.clock.frozen_at = datetime(2026, 11, 24, 15, 25)  # ten minutes into the 15:15 club
    page = RegistersPage(hub, AppEvents())
    qtbot.addWidget(page)
    page.day.setDate(QDate(DAY))
    page.site.setCurrentIndex(page.site.findData(cluster.oak))
    page.sessions.setCurrentRow(1)  # 15:15 after-school
    model = page.table.register_model
    lucja = row_of(page, "Wiśniewska, Łucja")
    assert model.index(lucja, 5).data() == "Expected"
    assert shown_again(hub, page) == 0
    hub.registers.take.sign_in(cluster.sb("sukru"))  # no event: as on the other office PC
    assert shown_again(hub, page) > 0
    assert model.index(row_of(page, "Öztürk, Şükrü"), 5).data() == "In"
    assert shown_again(hub, page) == 0
    hub.clock.frozen_at = datetime(2026, 11, 24, 15, 31)  # over a quarter of an hour late now
    assert shown_again(hub, page) > 0
    assert model.index(row_of(page, "Wiśniewska, Łucja"), 5).data() == "MISSING"


def test_a_hidden_page_reads_a_change_announced_here_when_it_is_next_shown(
        qtbot: QtBot, hub: HubApp, two_schools: dict[str, int]) -> None:
    freeze(hub)
    oak = two_schools["oak"]
    football, ella = club(hub, oak), child(hub, oak, forename="Ella", surname="Ng")
    events = AppEvents()
    page = WaitingListsPage(hub, events)  # built, not on screen
    qtbot.addWidget(page)
    hub.waiting_lists.join(ella, football)
    with counting(hub.engine) as counter:
        events.bookings_changed.emit()
    assert counter.count == 0 and page.model.rows == []
    assert shown_again(hub, page) > 0
    assert [r.child_name for r in page.model.rows] == ["Ella Ng"]
