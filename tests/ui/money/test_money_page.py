"""The Money page: family balances, a family's account, recording a payment, printing a statement."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate
from pytestqt.qtbot import QtBot

from hubdesk.app import HubApp
from hubdesk.services.clubs.booking_plan import BookingRequest
from hubdesk.ui.common import page as common_page
from hubdesk.ui.money.dialogs import PaymentDialog
from hubdesk.ui.money.page import MoneyPage
from hubdesk.ui.money.rules_dialog import ChargingRulesDialog
from hubdesk.ui.shell.events import AppEvents
from tests.services.clubs.club_setup import carer_for, child, club, freeze
from tests.ui.helpers import Said, save, type_text


@pytest.fixture
def page(qtbot: QtBot, hub: HubApp, two_schools: dict[str, int]) -> MoneyPage:
    freeze(hub)
    oak = two_schools["oak"]
    kids = [child(hub, oak, forename="Zoë", surname="Łukasz"),
            child(hub, oak, forename="Ali", surname="Łukasz")]
    carer_for(hub, kids)
    football = club(hub, oak)
    for kid in kids:
        hub.bookings.confirm(BookingRequest(kid, football, date(2026, 9, 14)))
    result = MoneyPage(hub, AppEvents())
    qtbot.addWidget(result)
    result.refresh()
    return result


def test_balances_account_and_a_payment(qtbot: QtBot, page: MoneyPage, hub: HubApp) -> None:
    assert page.balances.rowCount() == 1 and page.balances.row(0).balance == 1425
    page.family_view.selectRow(0)
    assert "balance £14.25" in page.summary.text() and page.lines.rowCount() == 2
    dialog = PaymentDialog(hub, page.account.family, page)  # type: ignore[union-attr]
    qtbot.addWidget(dialog)
    dialog.accepted.connect(page.refresh)
    save(qtbot, dialog)
    assert "not an amount" in dialog.visible_errors()["pence"]
    type_text(qtbot, dialog.amount, "20")
    save(qtbot, dialog)
    assert page.balances.row(0).balance == -575
    assert "£5.75 credit" in page.summary.text() and page.payments.rowCount() == 1


def test_search_filters_families(qtbot: QtBot, page: MoneyPage) -> None:
    page.search.setText("nobody")
    page.refresh()
    assert page.balances.rowCount() == 0 and not page.account_buttons[0].isEnabled()
    page.search.setText("zoe")
    page.refresh()
    assert page.balances.rowCount() == 1


def test_charging_rules_dialog_saves_the_sibling_discount(qtbot: QtBot, page: MoneyPage,
                                                          hub: HubApp) -> None:
    dialog = ChargingRulesDialog(hub, page)
    qtbot.addWidget(dialog)
    dialog.sibling.setValue(50)
    dialog.cells[("holiday", "haf")].setValue(0)
    save(qtbot, dialog)
    assert hub.money.prices.rules().sibling_percent == 50
    assert ("holiday", "haf") not in {(r.club_kind, r.basis)
                                      for r in hub.money.prices.free_place_rules()}
    page.refresh()
    assert page.balances.row(0).balance == 750 + 375


def test_a_statement_prints_for_the_family(qtbot: QtBot, page: MoneyPage, said: Said,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[Path] = []
    monkeypatch.setattr(common_page, "open_pdf", opened.append)
    page.family_view.selectRow(0)
    page.month.setDate(QDate(2026, 9, 1))
    page.print_family()
    qtbot.waitUntil(lambda: len(opened) == 1, timeout=20_000)
    assert opened[0].read_bytes().startswith(b"%PDF") and said.warnings == []


def test_arrears_list_ages_and_reminder(qtbot: QtBot, page: MoneyPage, hub: HubApp) -> None:
    from datetime import datetime

    from hubdesk.ui.money.arrears_dialog import ArrearsDialog

    freeze(hub, datetime(2026, 11, 20, 12))
    dialog = ArrearsDialog(hub, page)
    qtbot.addWidget(dialog)
    [row] = dialog.model.rows
    assert (row.days_0_30, row.days_31_60, row.days_61_plus) == (0, 1425, 0)  # due 1 October
    assert "£14.25 overdue since 14 September 2026" in dialog.reminder.text()
    assert hub.money.accounts.overdue_total() == (1425, 1, 0)


def test_booking_dialog_shows_the_cost_before_book(qtbot: QtBot, page: MoneyPage,
                                                   hub: HubApp) -> None:
    from hubdesk.ui.clubs.booking_dialog import BookingDialog

    kid = page.balances.row(0).key
    club_id = hub.clubs.list()[0].id
    dialog = BookingDialog(hub, AppEvents(), hub.clock.today(), child_id=kid, club_id=club_id,
                           day=date(2026, 9, 16))
    qtbot.addWidget(dialog)
    dialog.refresh_preview()
    assert "Cost of this booking: <b>£7.50</b> for 1 session" in dialog.cost.text()
    assert "Family balance now: £14.25" in dialog.cost.text() and "limit" not in dialog.cost.text()


def test_new_charging_rules_are_worked_out_off_the_window_then_listed(
        qtbot: QtBot, page: MoneyPage, hub: HubApp, monkeypatch: pytest.MonkeyPatch) -> None:
    from hubdesk.services.money import AccountService

    worked: list[int] = []
    real = AccountService.work_out_sums
    monkeypatch.setattr(AccountService, "work_out_sums",
                        lambda self: worked.append(real(self)) or worked[-1])
    dialog = ChargingRulesDialog(hub, page)
    qtbot.addWidget(dialog)
    dialog.accepted.connect(page.work_out_again)
    dialog.sibling.setValue(50)
    save(qtbot, dialog)
    qtbot.waitUntil(lambda: page.balances.row(0).balance == 750 + 375, timeout=10_000)
    assert worked == [2]  # both children worked out by the background task, then listed


def test_shown_again_it_reads_only_after_a_change_or_on_another_day(
        page: MoneyPage, hub: HubApp, two_schools: dict[str, int]) -> None:
    from datetime import timedelta

    from tests.ui.clubs.test_shown_again import shown_again

    page.on_shown()
    assert shown_again(hub, page) == 0  # only the check that nothing was saved
    sam = child(hub, two_schools["oak"], forename="Sam", surname="Nowak")
    football = hub.clubs.list()[0].id
    hub.bookings.confirm(BookingRequest(sam, football, date(2026, 9, 14)))  # no event: another PC
    assert shown_again(hub, page) > 0
    assert page.balances.rowCount() == 2
    assert shown_again(hub, page) == 0
    hub.clock.frozen_at = hub.clock.now() + timedelta(days=1)  # what is overdue moves with the day
    assert shown_again(hub, page) > 0


def test_no_amount_is_cut_short_at_1366_pixels(qtbot: QtBot, page: MoneyPage, hub: HubApp,
                                               two_schools: dict[str, int]) -> None:
    """The page's share of a 1366 x 768 window: names give way, every amount and date stays whole."""
    from hubdesk.ui.common.tables import is_elided

    long_name = child(hub, two_schools["oak"], forename="Maximilian-Alexander",
                      surname="Arslan-Hughes-Walsh-Montgomery-Fitzgerald")
    carer_for(hub, [long_name])
    hub.bookings.confirm(BookingRequest(long_name, hub.clubs.list()[0].id, date(2026, 9, 14)))
    page.resize(1366 - 180, 700)
    page.show()
    qtbot.waitExposed(page)
    page.refresh()
    page.family_view.selectRow(0)
    for view, columns in ((page.family_view, (2, 3, 4, 5)), (page.line_view, (0, 4, 5, 6))):
        model = view.model()
        for column in columns:  # inside the table's window, not behind its scroll bar
            right = view.columnViewportPosition(column) + view.columnWidth(column)
            assert right <= view.viewport().width(), (column, right, view.viewport().width())
        for row in range(model.rowCount()):
            for column in columns:
                index = model.index(row, column)
                text = str(index.data() or "")
                assert not is_elided(view, index, text), (column, text)
