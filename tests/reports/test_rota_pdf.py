"""The rota PDFs and calendar files read back: sites per page, staff and roles, first-aiders,
under-ratio sessions, page x of y, fonts embedded; ``hubdesk print rota`` and ``hubdesk rota-ical``."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, time
from pathlib import Path

import pytest
from icalendar import Calendar

from hubdesk.app import HubApp, open_app
from hubdesk.cli import main
from hubdesk.core.clock import LONDON
from hubdesk.reports.rota import write_person_rota, write_site_rota
from hubdesk.services.rota.dto import AssignForm
from hubdesk.services.rota.ical import shifts_calendar
from hubdesk.settings import Settings
from tests.reports.pdf_helpers import embedded_fonts, pages_text
from tests.services.rota.rota_setup import MONDAY, checked, club_with_children, session_target


@pytest.fixture
def rota(hub: HubApp, two_schools: dict[str, int]) -> dict[str, int]:
    oak, elm = two_schools["oak"], two_schools["elm"]
    club_with_children(hub, oak, oak, 17)
    target = session_target(hub, oak, MONDAY)
    lead = hub.staff.save(checked("Łucja", "O'Neill-Brennan", oak, role="club leader"))
    helper = hub.staff.save(checked("Tom <b>", "& Jerry", oak, first_aid_expires=None))
    hub.rota.assign(AssignForm(lead, target, "lead"))
    hub.rota.assign(AssignForm(helper, target))
    hub.rota.assign(AssignForm(helper, "duty", "duty", day=MONDAY, site_id=oak, start=time(8),
                               end=time(8, 45), note="Gate"))
    return {"oak": oak, "elm": elm, "lead": lead, "helper": helper}


def test_site_rota_one_page_per_site(hub: HubApp, rota: dict[str, int], tmp_path: Path) -> None:
    path = tmp_path / "rota.pdf"
    write_site_rota(hub.rota.week_grids(MONDAY), path)
    pages = pages_text(path)
    assert len(pages) == 2
    elm, oak = pages  # sites in name order
    assert "Staff rota: Elm Street Primary" in elm and "Staff rota: Oakfield Primary" in oak
    assert "Monday 23 Nov" in oak and "Friday 27 Nov" in oak
    assert "15:15–18:00" in oak and "17 booked / 3 staff required" in oak
    assert "Łucja O'Neill-Brennan ✚" in oak and "(Lead)" in oak
    assert "Tom <b> & Jerry" in oak and "UNDER RATIO" in oak
    assert "08:00–08:45" in oak  # the gate duty
    assert "Page 1 of 2" in elm and "Page 2 of 2" in oak
    fonts = embedded_fonts(path)
    assert fonts and all(fonts.values())


def test_person_rota(hub: HubApp, rota: dict[str, int], tmp_path: Path) -> None:
    path = tmp_path / "person.pdf"
    write_person_rota([hub.rota.person_week(rota["helper"], MONDAY)], path)
    (page,) = pages_text(path)
    assert "Rota for Tom <b> & Jerry" in page
    assert "08:00–08:45" in page and "Site duty" in page and "Play club" in page
    assert "3 h 30 min" in page.replace("\n", " ")
    assert "hours" not in page and "3.5" not in page


def test_long_week_splits_over_pages(hub: HubApp, two_schools: dict[str, int], tmp_path: Path) -> None:
    oak = two_schools["oak"]
    for n in range(14):
        club_with_children(hub, oak, oak, 0, name=f"Club {n:02d}")
    path = tmp_path / "long.pdf"
    write_site_rota([hub.rota.week_grid(oak, MONDAY)], path)
    pages = pages_text(path)
    assert len(pages) >= 2 and f"Page 1 of {len(pages)}" in pages[0]
    # a page that carries on the grid still names its site at its top
    assert all("Staff rota · Oakfield Primary · week of Monday 23 November 2026" in p for p in pages)
    text = "".join(pages)
    assert all(f"Club {n:02d}" in text for n in range(14))


def test_print_rota_and_ical_commands(hub: HubApp, rota: dict[str, int], tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    db = hub.settings.database
    out = tmp_path / "oak.pdf"
    assert main(["print", "rota", "--database", db, "--week", "2026-11-25", "--site", "oakfield",
                 "-o", str(out)]) == 0
    assert "1 site, 1 session under ratio" in capsys.readouterr().out
    assert len(pages_text(out)) == 1
    person = tmp_path / "tom.pdf"
    assert main(["print", "rota", "--database", db, "--week", "2026-11-23", "--person", "jerry",
                 "-o", str(person)]) == 0
    assert "Rota for Tom <b> & Jerry" in pages_text(person)[0]
    assert main(["print", "rota", "--database", db, "--week", "2026-11-23", "--site", "Nowhere",
                 "-o", str(tmp_path / "x.pdf")]) == 2
    assert "No site is called 'Nowhere'" in capsys.readouterr().err
    ics = tmp_path / "tom.ics"
    assert main(["rota-ical", "--database", db, "--person", "Tom", "--week", "2026-11-24",
                 "-o", str(ics)]) == 0
    calendar = Calendar.from_ical(ics.read_bytes())
    events = sorted(calendar.walk("VEVENT"), key=lambda e: e.decoded("dtstart"))
    assert [str(e["summary"]) for e in events] == ["Site duty at Oakfield Primary (Site duty)",
                                                   "Play club (Assistant)"]
    assert events[0].decoded("dtstart") == datetime(2026, 11, 23, 8, 0, tzinfo=LONDON)
    assert str(events[1]["location"]) == "Oakfield Primary"
    assert calendar.walk("VTIMEZONE")  # phones need the zone to show London time


def test_every_page_names_its_site_and_the_header_is_whole(
        hub: HubApp, rota: dict[str, int], tmp_path: Path) -> None:
    path = tmp_path / "rota.pdf"
    write_site_rota(hub.rota.week_grids(MONDAY), path)
    elm, oak = pages_text(path)
    assert "Staff rota · Elm Street Primary · week of" in elm
    assert "Staff rota · Oakfield Primary · week of" in oak
    assert "Monday 23 November 2026" in oak and "Wednesday 25 November" in oak


def test_someone_with_no_dbs_is_marked_in_their_cell(
        hub: HubApp, rota: dict[str, int], tmp_path: Path) -> None:
    """A ✚ beside a person without a DBS must not make the session look fine."""
    hub.staff.save(replace(hub.staff.get(rota["lead"]), dbs_number="", dbs_checked_by="",
                           dbs_checked_on=None, dbs_issued_on=None, barred_list_checked=False))
    path = tmp_path / "rota.pdf"
    write_site_rota([hub.rota.week_grid(rota["oak"], MONDAY)], path)
    (page,) = pages_text(path)
    flat = " ".join(page.split())
    assert "Łucja O'Neill-Brennan ✚ ✖ NO DBS" in flat
    assert "✖ BLOCKED" in flat and "Blocking: No DBS recorded" in flat


def test_two_staff_with_the_same_name_each_print(
        hub: HubApp, two_schools: dict[str, int], tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    oak = two_schools["oak"]
    first = hub.staff.save(checked("Sam", "Patel", oak, email="sam.p@oak.example"))
    second = hub.staff.save(checked("Sam", "Patel", oak, email="sam.patel@elm.example"))
    hub.rota.assign(AssignForm(second, "duty", "duty", day=MONDAY, site_id=oak, start=time(8),
                               end=time(8, 40)))
    db = hub.settings.database
    out = tmp_path / "sam.pdf"
    assert main(["print", "rota", "--database", db, "--week", "2026-11-23", "--person", "Sam Patel",
                 "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "matches 2 staff members" in err and "sam.p@oak.example" in err
    assert main(["print", "rota", "--database", db, "--week", "2026-11-23", "--person",
                 "sam.patel@elm.example", "-o", str(out)]) == 0
    assert "40 min" in pages_text(out)[0] and "08:00–08:40" in pages_text(out)[0]
    assert main(["print", "rota", "--database", db, "--week", "2026-11-23", "--person", str(first),
                 "-o", str(out)]) == 0
    page = pages_text(out)[0]
    assert "Rota for Sam Patel" in page and "08:00–08:40" not in page


def test_calendar_uids_differ_between_databases(hub: HubApp, rota: dict[str, int],
                                                tmp_path: Path) -> None:
    """Shift 1 of one cluster's database and shift 1 of another's must be two events on a phone."""
    own = hub.rota.database_id()
    assert len(own) == 32 and own == hub.rota.database_id()  # stored once, the same every time
    shifts = hub.rota.person_shifts(rota["helper"], MONDAY, MONDAY)
    first = Calendar.from_ical(shifts_calendar("Tom", shifts, hub.clock.now(), own))
    uids = {str(e["uid"]) for e in first.walk("VEVENT")}
    assert uids and all(own in uid for uid in uids)
    other_path = tmp_path / "other.db"
    other = open_app(Settings(database=str(other_path), data_dir=other_path.parent,
                              backup_dir=other_path.parent / "b", user="tester"), create=True)
    try:
        assert other.rota.database_id() not in ("", own)
    finally:
        other.close()
