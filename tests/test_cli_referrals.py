"""``hubdesk referrals list``: the table, the overdue filter and a sentence when there is nothing."""

from __future__ import annotations

from datetime import date

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
