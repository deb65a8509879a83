"""``hubdesk referrals list`` (the table, the overdue filter, a sentence when there is nothing) and
``hubdesk export-person`` and ``hubdesk retention``."""

from __future__ import annotations

import stat
from datetime import date
from pathlib import Path

import pytest

from hubdesk import cli
from hubdesk.app import HubApp
from hubdesk.services.referrals import ReferralForm
from tests.conftest import child_form


def test_list_and_overdue(hub: HubApp, two_schools: dict[str, int],
                          capsys: pytest.CaptureFixture[str]) -> None:
    db = hub.settings.database
    assert cli.main(["referrals", "list", "--overdue", "--database", db]) == 0
    assert capsys.readouterr().out == "No overdue referrals.\n"
    child = hub.children.save(child_form(two_schools["oak"]))
    category = hub.referrals.categories()[0].id
    hub.referrals.save(ReferralForm("camhs", category, "Mr Hale", date(2026, 9, 7), child_id=child))
    hub.referrals.save(ReferralForm("school_nurse", category, "Mr Hale", date(2026, 9, 8),
                                    child_id=child, kind="signposting"))
    assert cli.main(["referrals", "list", "--database", db]) == 0
    out = capsys.readouterr().out
    assert "Łucja Wiśniewska" in out and "CAMHS" in out and "Signposted" in out
    assert cli.main(["referrals", "list", "--overdue", "--database", db]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 3 and "Overdue" in out[1] and out[2].startswith("1 entry; 1 overdue")


def test_export_person_writes_an_owner_only_zip_or_says_why_not(
        hub: HubApp, two_schools: dict[str, int], capsys: pytest.CaptureFixture[str],
        tmp_path: Path) -> None:
    db = hub.settings.database
    hub.children.save(child_form(two_schools["oak"], upn="A123456789012"))
    target = tmp_path / "sar.zip"
    assert cli.main(["export-person", "--child", "a123456789012", "-o", str(target),
                     "--database", db]) == 0
    assert "Everything held about Łucja Wiśniewska" in capsys.readouterr().out
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert cli.main(["export-person", "--child", "B1", "-o", str(tmp_path / "b.zip"),
                     "--database", db]) == 2
    assert capsys.readouterr().err == ("hubdesk: No child has the UPN B1. Check it against the "
                                       "school's MIS.\n")
    assert cli.main(["export-person", "--carer", "5", "-o", str(tmp_path / "no" / "c.zip"),
                     "--database", db]) == 2
    assert "does not exist. Nothing was written." in capsys.readouterr().err
    assert not (tmp_path / "b.zip").exists()
    for number in ("99999999999999999999", "0", "-3", "five"):
        with pytest.raises(SystemExit) as refused:
            cli.main(["export-person", "--carer", number, "-o", str(tmp_path / "c.zip"),
                      "--database", db])
        assert refused.value.code == 2
        assert "argument --carer:" in capsys.readouterr().err
    assert not (tmp_path / "c.zip").exists()


def test_retention_preview_then_purge(hub: HubApp, two_schools: dict[str, int],
                                      capsys: pytest.CaptureFixture[str]) -> None:
    db = hub.settings.database
    assert cli.main(["retention", "preview", "--database", db]) == 0
    out = capsys.readouterr().out
    assert "Rule — Children who left: Anonymise children who left more than 3 years ago" in out
    assert out.endswith("Nothing was changed.\n")
    assert cli.main(["retention", "purge", "--database", db]) == 0
    assert capsys.readouterr().out.startswith("This is the preview. Add --yes")
    assert cli.main(["retention", "purge", "--yes", "--database", db]) == 0
    out = capsys.readouterr().out
    assert out.endswith("Nothing is due under the retention rules; nothing was changed.\n")
    assert not any(hub.settings.backup_dir.glob("*.db"))  # nothing to do: no backup either
