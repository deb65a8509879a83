"""Importing a TFC or bank statement: preview, all or nothing, and a second import adds nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from hubdesk.app import HubApp
from hubdesk.core.errors import ValidationError
from tests.conftest import child_form
from tests.services.clubs.club_setup import freeze

STATEMENT = ("Payment date,Childcare account reference,Amount\n"
             "01/09/2026,ABCD1234TFC,45.00\n"
             "02/09/2026,ABCD1234TFC,45.00\n"
             "02/09/2026,ABCD1234TFC,45.00\n"
             "03/09/2026,NOPE0000TFC,12.50\n")


def test_tfc_statement_preview_import_and_again(hub: HubApp, two_schools: dict[str, int],
                                                tmp_path: Path) -> None:
    freeze(hub)
    kid = hub.children.save(child_form(two_schools["oak"], tfc_reference="ABCD 1234 TFC"))
    path = tmp_path / "tfc.csv"
    path.write_text(STATEMENT, encoding="utf-8")
    preview = hub.money.imports.preview(path, "tfc")
    assert [ln.status for ln in preview.lines] == ["matched", "matched", "matched", "unmatched"]
    hub.money.imports.run(path, "tfc")
    assert hub.money.accounts.account(kid).paid == 13500
    assert [p.reference for p in hub.money.payments.unmatched_tfc()] == ["NOPE0000TFC"]
    again = hub.money.imports.run(path, "tfc")
    assert again.count("duplicate") == 4 and hub.money.accounts.account(kid).paid == 13500


def test_a_bad_line_imports_nothing(hub: HubApp, two_schools: dict[str, int],
                                    tmp_path: Path) -> None:
    freeze(hub)
    path = tmp_path / "bank.csv"
    path.write_text("Date,Reference,Amount\n01/09/2026,X,ten pounds\n01/09/2026,Y,1\n", "utf-8")
    with pytest.raises(ValidationError, match="Nothing was imported: Row 2"):
        hub.money.imports.run(path, "bank")
    path.write_text("When,Reference,Amount\n", "utf-8")
    with pytest.raises(Exception, match="no date column"):
        hub.money.imports.preview(path, "bank")


def test_import_payments_command(hub: HubApp, two_schools: dict[str, int], tmp_path: Path,
                                 capsys: pytest.CaptureFixture[str],
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from hubdesk.app import open_app
    from hubdesk.cli import main
    from hubdesk.commands import import_cmd

    monkeypatch.setattr(import_cmd, "open_app",
                        lambda settings, **kw: open_app(settings, clock=hub.clock, **kw))
    freeze(hub)
    hub.children.save(child_form(two_schools["oak"], tfc_reference="ABCD1234TFC"))
    path = tmp_path / "tfc.csv"
    path.write_text(STATEMENT, encoding="utf-8")
    db = hub.settings.database
    assert main(["import", "payments", str(path), "--database", db, "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "matched:    3" in out and "unmatched:  1" in out and "Dry run" in out
    assert main(["import", "payments", str(path), "--database", db]) == 0
    assert "Imported 4 payment(s); 0 already imported." in capsys.readouterr().out
    assert main(["import", "payments", str(path), "--database", db]) == 0
    assert "Imported 0 payment(s); 4 already imported." in capsys.readouterr().out
