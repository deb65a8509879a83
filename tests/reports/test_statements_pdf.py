"""Family statements read back: siblings in one section, names kept, balance, Ofsted and TFC details."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from hubdesk.app import HubApp
from hubdesk.core.rules.charging import MoneyRules
from hubdesk.services.clubs.booking_plan import BookingRequest
from hubdesk.services.money.dto import PaymentForm
from tests.reports.pdf_helpers import embedded_fonts, pages_text
from tests.services.clubs.club_setup import carer_for, child, club, freeze


def test_print_statements_command(hub: HubApp, two_schools: dict[str, int], tmp_path: Path,
                                  capsys: pytest.CaptureFixture[str],
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from hubdesk.app import open_app
    from hubdesk.cli import main
    from hubdesk.commands import signin

    monkeypatch.setattr(signin, "open_app",
                        lambda settings, **kw: open_app(settings, clock=hub.clock, **kw))
    freeze(hub)
    oak = two_schools["oak"]
    kids = [child(hub, oak, forename="Zoë", surname="Łukasz <&>", tfc_reference="LUKA1234TFC"),
            child(hub, oak, forename="Ali", surname="Łukasz <&>")]
    carer_for(hub, kids)
    other = child(hub, oak, forename="Ben", surname="Other")
    carer_for(hub, [other], surname="Other")
    football = club(hub, oak)
    for kid in (*kids, other):
        hub.bookings.confirm(BookingRequest(kid, football, date(2026, 9, 14)))
    hub.money.payments.record(PaymentForm(None, "tfc", 1000, date(2026, 9, 8), "LUKA1234TFC"))
    hub.money.prices.save_rules(MoneyRules(payee="Oak Hub Clubs", tfc_provider_reference="PRV99"))
    db, out = hub.settings.database, tmp_path / "st.pdf"
    assert main(["print", "statements", "--database", db, "--month", "2026-09", "-o",
                 str(out)]) == 0
    assert "Statements 01/09/2026 to 30/09/2026: 2 families." in capsys.readouterr().out
    pages = pages_text(out)
    assert len(pages) == 2 and all(embedded_fonts(out).values())
    first = pages[0]
    assert "Statement: Łukasz <&> family" in first and "Zoë Łukasz <&>" in first
    assert "Ali Łukasz <&>" in first and "TFC reference LUKA1234TFC" in first
    assert "Balance to pay: £4.25" in first and "sibling discount 10%" in first
    assert "PRV99" in first and "Oak Hub Clubs" in first
    assert "Statement: Other family" in pages[1] and "Balance to pay: £7.50" in pages[1]
    assert main(["print", "statements", "--database", db, "--month", "2026-09", "--family",
                 "ben", "-o", str(out)]) == 0
    assert "1 family" in capsys.readouterr().out
    assert main(["print", "statements", "--database", db, "--month", "2026-09", "--family",
                 "nobody", "-o", str(out)]) == 2
    assert "No family matching 'nobody'" in capsys.readouterr().err
    assert main(["print", "statements", "--database", db, "-o", str(out)]) == 2
    assert "Say which period" in capsys.readouterr().err


def test_a_long_statement_names_its_family_on_every_page(tmp_path: Path) -> None:
    """A family with many sessions runs over pages: each page still says whose statement it is,
    the charges' header repeats, every row prints once and the balance is at the end."""
    from hubdesk.reports.statements import write_statements
    from hubdesk.services.money.dto import (
        AccountLine,
        Family,
        FamilyChild,
        PaymentRow,
        Statement,
        StatementBook,
    )

    kid = FamilyChild(1, "Zoë Łukasz <&>", "Oak Primary", "LUKA1234TFC")
    family = Family(1, "Łukasz <&>", "Ms Ana Łukasz", "1 Oak Road, Ashworth", (kid,))
    lines = tuple(AccountLine(date(2026, 9, 1 + n % 30), kid.name, "session",
                              f"After-School Club {n}", 1250, 1250, "", 0, "yes")
                  for n in range(150))
    paid = (PaymentRow(1, date(2026, 9, 7), 1, kid.name, "tfc", 5000, "LUKA1234TFC", "", "",
                       False, ""),)
    other = Family(2, "Other", "Mr Ben Other", "2 Elm Road", (FamilyChild(2, "Ben Other", "Oak", ""),))
    book = StatementBook("Oak Hub Clubs", "", "PRV99", "Oak Hub Clubs", (
        Statement(family, date(2026, 9, 1), date(2026, 9, 30), 0, lines, paid, 1250 * 150 - 5000),
        Statement(other, date(2026, 9, 1), date(2026, 9, 30), 750, (), (), 750)))
    out = tmp_path / "long.pdf"
    write_statements(book, out)
    pages = pages_text(out)
    first = [p for p in pages if "Łukasz <&> family" in p]
    assert len(first) >= 3 and len(pages) == len(first) + 1
    assert all("Date" in p and "Charged" in p for p in first[:-1])  # the header repeats
    every = "\n".join(first)
    assert all(len(re.findall(rf"After-School Club {n}\b", every)) == 1 for n in range(150))
    assert "Balance to pay: £1,825.00" in first[-1] and "PRV99" in first[-1]
    assert "Statement: Other family" in pages[-1] and "Balance to pay: £7.50" in pages[-1]
