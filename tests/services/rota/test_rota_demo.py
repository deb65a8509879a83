"""The demo cluster's rota: a full current and next week with the deliberate problems."""

from __future__ import annotations

from datetime import timedelta

from hubdesk.app import HubApp
from tests.conftest import DEMO_TODAY


def test_demo_rota_has_the_deliberate_problems(demo_hub: HubApp) -> None:
    problems = demo_hub.rota.problems(DEMO_TODAY)
    codes = [p.code for p in problems]
    assert problems[0].blocking and codes.count("no_dbs") == 1
    assert codes.count("under_ratio") == 1 and codes.count("double_booked") >= 1
    assert sum(1 for p in problems if p.blocking) == 1
    grids = demo_hub.rota.week_grids(DEMO_TODAY)
    assert len(grids) == 8
    staffed = [c for g in grids for c in g.sessions if c.children]
    assert staffed and sum(1 for c in staffed if c.status == "ok") > 0.9 * len(staffed)
    next_week = demo_hub.rota.week_grids(DEMO_TODAY + timedelta(days=7))
    assert all(c.staff for g in next_week for c in g.sessions if c.children)


def test_demo_staff_have_qualifications(demo_hub: HubApp) -> None:
    items = demo_hub.rota.expiring(DEMO_TODAY)
    assert any(i.what == "Paediatric first aid" and not i.expired for i in items)
    assert any(i.what == "MiDAS" for i in items)
    rows = demo_hub.staff.list()
    assert sum(1 for r in rows if r.dbs == "Missing") == 1
    assert sum(1 for r in rows if r.dbs == "Checked") == len(rows) - 1
