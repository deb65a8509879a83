"""Family statements read back: siblings in one section, names kept, balance, Ofsted and TFC details."""

from __future__ import annotations

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
    from hubdesk.commands import print_cmd

    monkeypatch.setattr(print_cmd, "open_app",
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
