"""The demo's minibus week: two buses, children from two schools to the hub's clubs, a teacher to
training, parents to a course, and exactly one deliberate blocking conflict."""

from __future__ import annotations

from datetime import timedelta

from hubdesk.app import HubApp
from tests.conftest import DEMO_TODAY


def test_demo_week_has_runs_of_every_kind_and_one_conflict(demo_hub: HubApp) -> None:
    monday = DEMO_TODAY - timedelta(days=DEMO_TODAY.weekday())
    friday = monday + timedelta(days=4)
    assert [v.label for v in demo_hub.minibus.vehicles.overview(DEMO_TODAY)] == [
        "Minibus 1 (PN19 XKA)", "Minibus 2 (YX68 HUB)"]
    runs = demo_hub.minibus.runs.runs(monday, friday)
    assert len({r.vehicle for r in runs}) == 2 and all(r.driver for r in runs)
    kinds = {n.kind for day in range(5)
             for n in demo_hub.minibus.needs.day(monday + timedelta(days=day)) if n.met}
    assert kinds == {"child", "staff", "adult"}
    blocking = [p for p in demo_hub.minibus.checks.check(monday, friday, today=DEMO_TODAY)
                if p.blocking]
    assert [p.code for p in blocking] == ["vehicle_two_places"]
    assert "Swimming gala" in blocking[0].message
