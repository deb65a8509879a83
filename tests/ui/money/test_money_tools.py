"""The Money page's tools: import payments with a preview, match an unmatched TFC payment,
export a period, grant a discretionary place."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from hubdesk.app import HubApp
from hubdesk.services.clubs.booking_plan import BookingRequest
from hubdesk.ui.common import import_preview
from hubdesk.ui.money import tools
from hubdesk.ui.money.tools import (
    DiscretionaryPlaceDialog,
    ExportMoneyDialog,
    ImportPaymentsDialog,
    MatchTfcDialog,
)
from tests.conftest import child_form
from tests.services.clubs.club_setup import carer_for, club, freeze
from tests.ui.helpers import Said, save, type_text

STATEMENT = ("Payment date,Childcare account reference,Amount\n"
             "01/09/2026,ABCD1234TFC,45.00\n"
             "03/09/2026,NOPE0000TFC,12.50\n")


@pytest.fixture
def kid(hub: HubApp, two_schools: dict[str, int]) -> int:
    freeze(hub)
    oak = two_schools["oak"]
    found = hub.children.save(child_form(oak, forename="Ola", surname="Zed",
                                         tfc_reference="ABCD 1234 TFC"))
    carer_for(hub, [found])
    hub.bookings.confirm(BookingRequest(found, club(hub, oak), date(2026, 9, 14)))
    return found


def test_import_preview_then_match_the_unmatched_payment(
        qtbot: QtBot, hub: HubApp, kid: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        said: Said) -> None:
    path = tmp_path / "tfc.csv"
    path.write_text(STATEMENT, encoding="utf-8")
    monkeypatch.setattr(import_preview, "choose_file", lambda _parent, _what: str(path))
    dialog = ImportPaymentsDialog(hub)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=5000)
    assert [dialog.model.index(i, 4).data() for i in range(2)] == ["Matched", "Unmatched"]
    assert dialog.summary.text() == "2 lines: 1 matched, 1 unmatched."
    assert hub.money.accounts.account(kid).paid == 0  # the preview saved nothing
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.imported is not None, timeout=5000)
    assert hub.money.accounts.account(kid).paid == 4500
    assert said.log[-1].startswith("inform: Imported tfc.csv: 2 lines")

    match = MatchTfcDialog(hub)
    qtbot.addWidget(match)
    assert match.model.rowCount() == 1 and match.model.index(0, 2).data() == "NOPE0000TFC"
    match.match()
    assert "type the child's name" in match.message.text()
    type_text(qtbot, match.picker.search, "Ola")
    match.picker.look_up()
    match.match()
    assert match.model.rowCount() == 0 and match.matched == 1
    assert hub.money.accounts.account(kid).paid == 4500 + 1250


def test_export_money_as_a_workbook(qtbot: QtBot, hub: HubApp, kid: int, tmp_path: Path,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "money"
    monkeypatch.setattr(tools, "export_path", lambda _parent, _name: str(target))
    dialog = ExportMoneyDialog(hub)
    qtbot.addWidget(dialog)
    dialog.start.setDate(date(2026, 9, 1))
    dialog.end.setDate(date(2026, 8, 1))
    save(qtbot, dialog)
    assert "ends before it starts" in dialog.visible_errors()["end"]
    dialog.end.setDate(date(2026, 9, 30))
    save(qtbot, dialog)
    assert dialog.written == tmp_path / "money.xlsx"
    book = load_workbook(dialog.written)
    assert book.sheetnames == ["Ledger", "Balances"]


def test_discretionary_place_needs_the_head_and_reduces_charges(
        qtbot: QtBot, hub: HubApp, kid: int) -> None:
    family = hub.money.accounts.account(kid).family
    dialog = DiscretionaryPlaceDialog(hub, family)
    qtbot.addWidget(dialog)
    dialog.start.setDate(date(2026, 9, 1))
    dialog.end.setDate(date(2026, 9, 30))
    type_text(qtbot, dialog.reason, "Family crisis")
    save(qtbot, dialog)
    assert "head who agreed" in dialog.visible_errors()["granted_by"]
    type_text(qtbot, dialog.head, "Mrs Okafor")
    save(qtbot, dialog)
    [line] = hub.money.accounts.account(kid).lines
    assert line.pence == 0 and line.why == "discretionary place: Family crisis"


def test_child_record_shows_the_family_balance_and_opens_the_account(
        qtbot: QtBot, hub: HubApp, kid: int) -> None:
    from PySide6.QtWidgets import QMainWindow

    from hubdesk.ui.children.child_dialog import ChildDialog
    from hubdesk.ui.money.page import MoneyPage
    from hubdesk.ui.shell.events import AppEvents

    class Window(QMainWindow):
        def __init__(self) -> None:
            super().__init__()
            self.money = MoneyPage(hub, AppEvents())
            self.setCentralWidget(self.money)

        def show_page(self, title: str) -> MoneyPage:
            assert title == "Money"
            return self.money

    window = Window()
    qtbot.addWidget(window)  # the dialogs are its children and close with it
    dialog = ChildDialog(hub, AppEvents(), hub.children.get(kid), hub.sites.list(), window)
    assert dialog.money.label.text() == "Family account: £7.50 owed."
    window.money.search.setText("nobody")
    qtbot.mouseClick(dialog.money.open_button, Qt.MouseButton.LeftButton)
    assert window.money.account is not None and window.money.account.family.key == kid
    assert window.money.search.text() == ""
    new = ChildDialog(hub, AppEvents(), None, hub.sites.list(), window)
    assert not new.money.open_button.isEnabled()


def test_club_editor_prices_from_a_date_keep_booked_sessions(
        qtbot: QtBot, hub: HubApp, kid: int) -> None:
    from hubdesk.ui.clubs.club_dialog import ClubDialog

    club_id = hub.clubs.list()[0].id
    sites = [(s.id, s.name) for s in hub.sites.list()]
    dialog = ClubDialog(hub.clubs, sites, [], lambda _site: [], hub.clock.today(),
                        hub.clubs.get(club_id), prices=hub.money.prices)
    qtbot.addWidget(dialog)
    assert not dialog.price.isEnabled() and dialog.price_now.text() == "today £7.50"
    dialog.show_prices()
    prices = dialog.price_dialog
    prices.amount.setText("nine")
    prices.set_price()
    assert "not an amount" in prices.error.text()
    freeze(hub, datetime(2026, 9, 8, 9))  # an hour after the booking was made
    prices.amount.setText("9.00")
    prices.start.setDate(date(2026, 9, 10))
    prices.set_price()
    assert prices.model.rowCount() == 1 and prices.model.index(0, 1).data() == "£9.00"
    assert "£9.00</b> per session today" not in prices.current.text()  # from 10 Sept: not yet
    prices.close()
    assert "£9.00 from 10/09/2026" in dialog.price_now.text()
    assert [ln.pence for ln in hub.money.accounts.account(kid).lines] == [750]  # booked before
    new = ClubDialog(hub.clubs, sites, [], lambda _site: [], hub.clock.today(), None,
                     prices=hub.money.prices)
    qtbot.addWidget(new)
    assert new.price.isEnabled()


def test_club_editor_sets_a_term_block_price_from_a_date(
        qtbot: QtBot, hub: HubApp, kid: int, tmp_path: Path) -> None:
    from hubdesk.ui.money.club_prices import ClubPricesDialog

    club_id = hub.clubs.list()[0].id
    prices = ClubPricesDialog(hub.money.prices, club_id, hub.clock.today())
    qtbot.addWidget(prices)
    prices.block_amount.setText("minus")
    prices.set_block_price()
    assert "not an amount" in prices.error.text()
    prices.block_amount.setText("180.00")
    prices.block_start.setDate(date(2026, 9, 1))
    prices.set_block_price()
    assert prices.block_model.rowCount() == 1 and prices.block_model.index(0, 1).data() == "£180.00"
    assert "Term block: <b>£180.00</b> a whole term" in prices.current.text()
    assert hub.money.prices.club_prices(club_id).block_pence == 18000
    prices.show()
    prices.grab().save(str(tmp_path / "block-prices.png"))


def test_booking_dialog_costs_a_whole_term_at_the_block_price(
        qtbot: QtBot, hub: HubApp, two_schools: dict[str, int], tmp_path: Path) -> None:
    from hubdesk.ui.clubs.booking_dialog import BookingDialog
    from hubdesk.ui.shell.events import AppEvents

    freeze(hub, datetime(2026, 9, 1, 8))
    oak = two_schools["oak"]
    found = hub.children.save(child_form(oak, forename="Ola", surname="Zed"))
    carer_for(hub, [found])
    football = club(hub, oak)
    hub.money.prices.set_block_price(football, date(2026, 9, 1), 18000)
    dialog = BookingDialog(hub, AppEvents(), hub.clock.today(), child_id=found, club_id=football,
                           day=date(2026, 9, 3))
    qtbot.addWidget(dialog)
    dialog.standing.setChecked(True)
    dialog.end_date.setDate(date(2026, 12, 18))
    dialog.refresh_preview()
    assert "<b>£180.00</b> for 28 sessions (term block price)" in dialog.cost.text()
    dialog.end_date.setDate(date(2026, 12, 9))
    dialog.refresh_preview()
    assert "<b>£195.00</b> for 26 sessions." in dialog.cost.text()  # part of a term: £7.50 each
    dialog.end_date.setDate(date(2026, 12, 18))
    dialog.refresh_preview()
    dialog.show()
    dialog.grab().save(str(tmp_path / "block-booking.png"))
