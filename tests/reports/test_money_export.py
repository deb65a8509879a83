"""Finance exports: CSV with a BOM and a balances file beside it, .xlsx with two sheets, formulas inert."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from hubdesk.app import HubApp
from hubdesk.services.clubs.booking_plan import BookingRequest
from hubdesk.services.money.dto import PaymentForm
from tests.services.clubs.club_setup import carer_for, child, club, freeze


@pytest.fixture
def db(hub: HubApp, two_schools: dict[str, int]) -> str:
    freeze(hub)
    oak = two_schools["oak"]
    kid = child(hub, oak, forename="=HYPERLINK(1)", surname="Ünal")
    carer_for(hub, [kid])
    hub.bookings.confirm(BookingRequest(kid, club(hub, oak), date(2026, 9, 14)))
    hub.money.payments.record(PaymentForm(kid, "bank", 1000, date(2026, 9, 8), "-SO 123"))
    return hub.settings.database


def test_export_money_csv_and_xlsx(db: str, tmp_path: Path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    from hubdesk.cli import main

    out = tmp_path / "money.csv"
    assert main(["export", "money", "--database", db, "--from", "2026-09-01", "--to",
                 "2026-09-30", "-o", str(out)]) == 0
    assert "2 charges and payments, 1 families" in capsys.readouterr().out
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0][0] == "Type" and rows[1][0] == "payment" and rows[1][8] == "-10.00"
    assert rows[1][7] == "'-SO 123" and rows[2][4] == "'=HYPERLINK(1) Ünal" and rows[2][8] == "7.50"
    balances = list(csv.reader((tmp_path / "money-balances.csv").read_text("utf-8-sig").splitlines()))
    assert balances[1][2:] == ["0.00", "7.50", "10.00", "-2.50"]
    book = tmp_path / "money.xlsx"
    assert main(["export", "money", "--database", db, "--from", "2026-09-01", "--to",
                 "2026-09-30", "-o", str(book)]) == 0
    wb = load_workbook(book)
    assert wb.sheetnames == ["Ledger", "Balances"]
    assert [c.value for c in wb["Balances"][2]][2:] == [0, 7.5, 10, -2.5]
    assert wb["Ledger"]["E3"].value == "'=HYPERLINK(1) Ünal"
    assert main(["export", "money", "--database", db, "--from", "2026-09-30", "--to",
                 "2026-09-01", "-o", str(book)]) == 2
    assert "ends before it starts" in capsys.readouterr().err
