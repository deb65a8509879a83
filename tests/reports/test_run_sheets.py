"""Run sheets and the week's timetable, read back: every passenger once, medical markers, phones,
stops with times, blocking problems printed, fonts embedded; and 'hubdesk print minibus'."""

from __future__ import annotations

import subprocess
from dataclasses import replace
from datetime import time
from pathlib import Path

import pytest
from sqlalchemy import delete

from hubdesk.app import HubApp
from hubdesk.cli import main
from hubdesk.core.errors import ValidationError
from hubdesk.core.models import Club, Room, VehicleCheck
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
    assert "⚠ ALLERGY: Peanuts" in text
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
    assert "Minibus timetable: week of Monday 14 September 2026" in text
    assert "Monday 14 September" in text and "Friday 18 September" in text
    assert "Pat Driver, escort Zoë Driver" in " ".join(text.split())
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


def _flat(path: Path) -> str:
    return " ".join("\n".join(pages_text(path)).split())


def test_the_sheet_says_where_each_child_is_going_and_who_receives_them(
        hub: HubApp, sc: Scene, tmp_path: Path) -> None:
    lead = driver(hub, "Rhiannon", surname="Lead", role="club leader")
    with hub.factory.begin() as s:
        club = s.get_one(Club, sc.club_id)
        room = Room(site_id=club.site_id, name="Drama studio")
        s.add(room)
        s.flush()
        club.room_id, club.lead_staff_id = room.id, lead
    [sheet] = hub.minibus.sheets.run_sheets(MON)
    assert {p.going_to for p in sheet.passengers} == {
        "Drama, Drama studio; received by Rhiannon Lead"}
    target = tmp_path / "sheets.pdf"
    write_run_sheets([sheet], target, MON)
    lines = subprocess.run(["pdftotext", "-layout", str(target), "-"], capture_output=True,
                           text=True, check=True).stdout.splitlines()
    lines = lines[next(n for n, x in enumerate(lines) if x.strip() == "Passengers"):]
    for n in range(3):  # every passenger line carries the destination
        line = next(x for x in lines if f"Kid{n} Öztürk" in x)
        assert "Drama, Drama" in line, line
    flat = _flat(target)
    assert "received by Rhiannon Lead" in flat


def test_the_walk_round_check_the_office_phone_and_the_escort(
        hub: HubApp, sc: Scene, tmp_path: Path) -> None:
    target = tmp_path / "sheets.pdf"
    write_run_sheets(hub.minibus.sheets.run_sheets(MON), target, MON)
    flat = _flat(target)
    assert "Walk-round check: done by Pat Driver at 07:00, every item passed." in flat
    assert "Office not set (Minibus settings)" in flat
    assert "Escort Zoë Driver 07700 900555" in flat
    hub.minibus.settings.save(replace(hub.minibus.settings.get(), office_phone="01706 230145"))
    with hub.factory.begin() as s:
        s.execute(delete(VehicleCheck))
    write_run_sheets(hub.minibus.sheets.run_sheets(MON), target, MON)
    flat = _flat(target)
    assert "Office 01706 230145" in flat
    assert "not recorded today. Do it before setting off: done by" in flat


def test_a_bad_office_phone_is_refused_with_a_sentence(hub: HubApp, sc: Scene) -> None:
    with pytest.raises(ValidationError, match="office phone number"):
        hub.minibus.settings.save(replace(hub.minibus.settings.get(), office_phone="ring Sue"))
