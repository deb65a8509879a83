"""The demo's registers: every past session of the term is recorded, and the logs have entries."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from hubdesk.app import HubApp
from hubdesk.core.models import Attendance, AuditEntry, FireDrill, Incident, LateCall
from tests.conftest import DEMO_TODAY


def test_past_sessions_are_fully_recorded(demo_hub: HubApp) -> None:
    yesterday = DEMO_TODAY - timedelta(days=1)
    registers = demo_hub.registers.take.day_registers(yesterday)
    assert len(registers) >= 10
    lines = [x for r in registers for x in r.lines]
    assert lines and {x.state for x in lines} <= {"out", "absent"}
    out = [x for x in lines if x.state == "out"]
    assert all(x.collected_by and x.signed_in_at and x.signed_out_at for x in out)
    breakfast = [r for r in registers if r.header.kind_label == "Breakfast club"]
    assert breakfast and {x.collected_by for r in breakfast for x in r.lines
                          if x.state == "out"} == {"Taken to class by staff"}
    today = demo_hub.registers.take.day_registers(DEMO_TODAY)
    assert {x.state for r in today for x in r.lines} <= {"expected", "missing"}


def test_logs_and_one_audit_event(demo_hub: HubApp) -> None:
    with demo_hub.factory() as s:
        late = s.scalar(select(func.count()).select_from(Attendance)
                        .where(Attendance.late_minutes > 5)) or 0
        assert late >= 10
        assert (s.scalar(select(func.count()).select_from(LateCall)) or 0) >= late
        assert (s.scalar(select(func.count()).select_from(Incident)) or 0) >= 8
        assert (s.scalar(select(func.count()).select_from(FireDrill)) or 0) >= 8
        events = s.scalars(select(AuditEntry).where(AuditEntry.table_name == "attendance")).all()
        assert len(events) == 1 and events[0].changes["attendance"] > 10_000
    site = demo_hub.sites.list()[0]
    assert demo_hub.registers.site.drills(site.id)
