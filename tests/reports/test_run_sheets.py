"""Run sheets and the week's timetable, read back: every passenger once, medical markers, phones,
stops with times, blocking problems printed, fonts embedded; and 'hubdesk print minibus'."""

from __future__ import annotations

from dataclasses import replace
from datetime import time
from pathlib import Path

import pytest

from hubdesk.app import HubApp
from hubdesk.cli import main
from hubdesk.reports.run_sheets import write_run_sheets, write_week_timetable
from tests.reports.pdf_helpers import embedded_fonts, pages_text
from tests.services.minibus.minibus_setup import MON, Scene, driver, elm_to_oak, scene


@pytest.fixture
def sc(hub: HubApp, two_schools: dict[str, int]) -> Scene:
    found = scene(hub, two_schools, children=3)
    run_id = elm_to_oak(hub, found, escort_staff_id=driver(hub, "Zoë", role="escort",
                                                           phone="07700 900555"))
    for need in hub.minibus.needs.day(MON):
        hub.minibus.runs.add_passenger(run_id, need.key)
    return found


def test_run_sheet_lists_each_passenger_once_with_marker_and_phone(hub: HubApp, sc: Scene,
                                                                   tmp_path: Path) -> None:
    sheets = hub.minibus.sheets.run_sheets(MON)
    target = tmp_path / "sheets.pdf"
    write_run_sheets(sheets, target, MON)
    text = "\n".join(pages_text(target))
    for n in range(3):
        assert f"Kid{n} Öztürk" in text
    assert "⚠ Peanuts" in text
    assert "07700 900100" in text and "Zoë Driver" in text and "Pat Driver" in text
    assert "Elm Street Primary" in text and "15:20" in text
    assert "Page 1 of" in text
    assert all(embedded_fonts(target).values())


def test_cancelled_booking_leaves_the_sheet_and_blocks_are_printed(hub: HubApp, sc: Scene,
                                                                   tmp_path: Path) -> None:
    kid1 = next(n for n in hub.minibus.needs.day(MON) if n.name.startswith("Kid1"))
    hub.bookings.cancel(int(kid1.key.split(":")[1]), "Ill")
    [run] = hub.minibus.runs.runs(MON, MON)
    hub.minibus.runs.save(replace(hub.minibus.runs.get(run.id).form, driver_staff_id=None))
    target = tmp_path / "sheets.pdf"
    write_run_sheets(hub.minibus.sheets.run_sheets(MON), target, MON)
    text = "\n".join(pages_text(target))
    assert "Kid1" not in text and "Kid0 Öztürk" in text
    assert "Do not set off until sorted" in text and "has no driver" in text


def test_week_timetable_and_the_print_command(hub: HubApp, sc: Scene, tmp_path: Path) -> None:
    elm_to_oak(hub, sc, depart=time(15, 25))  # the same bus again before it can be back
    week = hub.minibus.sheets.week(MON)
    target = tmp_path / "week.pdf"
    write_week_timetable(week, target)
    text = "\n".join(pages_text(target))
    assert "Minibus timetable: week of 14 September 2026" in text
    assert "Monday 14/09" in text and "Friday 18/09" in text
    assert week.problems and "⚠ 15:25" in text and "both at once" in text
    database = hub.settings.database
    out = tmp_path / "cli.pdf"
    assert main(["print", "minibus", "--date", "2026-09-14", "--database", database,
                 "-o", str(out)]) == 0
    assert "Kid2 Öztürk" in "\n".join(pages_text(out))
    assert main(["print", "minibus", "--week", "14/09/2026", "--database", database,
                 "-o", str(tmp_path / "w.pdf")]) == 0
    empty = tmp_path / "empty.pdf"
    assert main(["print", "minibus", "--date", "2026-09-15", "--database", database,
                 "-o", str(empty)]) == 0
    assert "No runs are planned on this day." in pages_text(empty)[0]


def test_a_clash_is_printed_on_both_runs_sheets(hub: HubApp, sc: Scene) -> None:
    second = elm_to_oak(hub, sc, depart=time(15, 25), driver_staff_id=driver(hub, "Lee"))
    sheets = {s.run_id: s for s in hub.minibus.sheets.run_sheets(MON)}
    assert len(sheets) == 2
    for sheet in sheets.values():
        assert any("both at once" in p for p in sheet.problems), sheet.label
    assert second in sheets
