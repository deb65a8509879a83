"""A day's work on a PostgreSQL copy of the demo cluster: registers, the rota and minibus week
checks, and printing the day's registers from the command line."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from hubdesk.app import HubApp, open_app
from hubdesk.cli import main
from hubdesk.commands import signin
from hubdesk.core.models import Attendance
from hubdesk.core.words import count
from tests.conftest import DEMO_TODAY
from tests.reports.pdf_helpers import embedded_fonts, pages_text

EVENING = datetime(DEMO_TODAY.year, DEMO_TODAY.month, DEMO_TODAY.day, 18, 30)  # UTC = London


@pytest.fixture
def evening(demo_hub: HubApp) -> datetime:
    demo_hub.clock.frozen_at = EVENING
    return EVENING


def test_register_sign_in_and_out(demo_hub: HubApp, evening: datetime) -> None:
    take = demo_hub.registers.take
    registers = [r for r in take.day_registers(DEMO_TODAY) if r.header.kind_label != "Breakfast club"
                 and r.header.status == "running"]
    assert registers and all(line.state in {"expected", "missing"} for r in registers for line in r.lines)
    register = registers[0]
    line = next(x for x in register.lines if take.collectors(x.session_booking_id))
    day = register.header.day
    arrived = datetime.combine(day, register.header.start_time) + timedelta(minutes=3)
    signed_in = take.sign_in(line.session_booking_id, arrived)
    assert (signed_in.state, signed_in.time_in) == ("in", arrived.strftime("%H:%M"))
    collector = take.collectors(line.session_booking_id)[0]
    left = datetime.combine(day, register.header.end_time) - timedelta(minutes=5)
    out = take.sign_out(line.session_booking_id, collector, left, password_checked=True)
    assert (out.state, out.collected_by, out.late_minutes) == ("out", collector.name, 0)
    again = take.register(register.header.session_id)
    assert again.count("out") == 1 and again.count("in") == 0
    with demo_hub.factory() as s:
        row = s.scalars(select(Attendance).where(
            Attendance.session_booking_id == line.session_booking_id)).one()
        assert (row.signed_in_at, row.signed_out_at) == (arrived, left)


def test_rota_week_check_finds_the_deliberate_problems(demo_hub: HubApp) -> None:
    problems = demo_hub.rota.problems(DEMO_TODAY)
    codes = [p.code for p in problems]
    assert problems[0].blocking and codes.count("no_dbs") == 1
    assert codes.count("under_ratio") == 1 and codes.count("double_booked") >= 1
    grids = demo_hub.rota.week_grids(DEMO_TODAY)
    assert len(grids) == 8
    staffed = [c for g in grids for c in g.sessions if c.children]
    assert staffed and sum(1 for c in staffed if c.status == "ok") > 0.9 * len(staffed)


def test_minibus_week_check_finds_the_one_conflict(demo_hub: HubApp) -> None:
    monday = DEMO_TODAY - timedelta(days=DEMO_TODAY.weekday())
    friday = monday + timedelta(days=4)
    runs = demo_hub.minibus.runs.runs(monday, friday)
    assert len({r.vehicle for r in runs}) == 2 and all(r.driver for r in runs)
    blocking = [p for p in demo_hub.minibus.checks.check(monday, friday, today=DEMO_TODAY)
                if p.blocking]
    assert [p.code for p in blocking] == ["vehicle_two_places"]
    assert "Swimming gala" in blocking[0].message


def test_print_the_days_registers_from_the_command_line(demo_hub: HubApp, evening: datetime,
                                                       tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    # The command opens its own app: it runs on the test's stopped clock, in the evening.
    monkeypatch.setattr(signin, "open_app",
                        lambda settings, **kw: open_app(settings, clock=demo_hub.clock, **kw))
    registers = demo_hub.registers.take.day_registers(DEMO_TODAY)
    booked = sum(len(r.lines) for r in registers)
    out = tmp_path / "registers.pdf"
    assert main(["print", "registers", "--database", demo_hub.settings.database,
                 "--date", DEMO_TODAY.isoformat(), "-o", str(out)]) == 0
    said = capsys.readouterr().out
    assert f"{count(len(registers), 'session')}, {count(booked, 'child')}" in said
    texts = [" ".join(page.split()) for page in pages_text(out)]
    whole = "\n".join(texts)
    assert all(f"Page {i} of {len(texts)}" in page for i, page in enumerate(texts, start=1))
    some = [line.name for r in registers[:3] for line in r.lines[:3]]
    assert some and all(name in whole for name in some)
    assert all(embedded_fonts(out).values())
