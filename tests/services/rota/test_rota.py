"""The rota services against a real database: grids, assigning, checks, copying, proposals."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time

import pytest

from hubdesk.app import HubApp
from hubdesk.core.errors import Conflict, NotFound, ValidationError
from hubdesk.services.people.staff import StaffForm
from hubdesk.services.rota.dto import AssignForm, RatioBandRow
from hubdesk.services.rota.queries import RotaSettings
from tests.services.rota.rota_setup import (
    MONDAY,
    WEDNESDAY,
    checked,
    club_with_children,
    session_target,
)


@pytest.fixture
def oak_club(hub: HubApp, two_schools: dict[str, int]) -> str:
    """17 Year 2 children at Oakfield on Monday: 3 staff by ratio."""
    club_with_children(hub, two_schools["oak"], two_schools["oak"], 17)
    return session_target(hub, two_schools["oak"], MONDAY)


def test_session_need_comes_from_the_children_booked(hub: HubApp, two_schools: dict[str, int],
                                                    oak_club: str) -> None:
    grid = hub.rota.week_grid(two_schools["oak"], WEDNESDAY)
    assert grid.monday == MONDAY and len(grid.days) == 5
    monday = grid.sessions_on(MONDAY)[0]
    assert (monday.children, monday.by_ratio, monday.required, monday.counted) == (17, 3, 3, "booked")
    assert monday.status == "under" and "17 children need 3 staff and 0 are" in monday.problems[0]
    wednesday = grid.sessions_on(WEDNESDAY)[0]
    assert wednesday.children == 0 and wednesday.status == "none"


def test_assign_until_the_ratio_is_met(hub: HubApp, two_schools: dict[str, int], oak_club: str) -> None:
    oak = two_schools["oak"]
    ids = [hub.staff.save(checked(n, "Smith", oak)) for n in ("Ann", "Bea", "Cat")]
    first = hub.rota.assign(AssignForm(ids[0], oak_club, "lead"))
    assert first.warnings == ()
    cell = hub.rota.week_grid(oak, MONDAY).sessions_on(MONDAY)[0]
    assert cell.status == "under" and [s.name for s in cell.staff] == ["Ann Smith"]
    assert cell.staff[0].role_label == "Lead" and cell.staff[0].times == "15:15–18:00"
    for staff_id in ids[1:]:
        hub.rota.assign(AssignForm(staff_id, oak_club))
    cell = hub.rota.week_grid(oak, MONDAY).sessions_on(MONDAY)[0]
    assert cell.status == "ok" and cell.problems == () and any(x.first_aider for x in cell.staff)
    with pytest.raises(Conflict, match="already on that session"):
        hub.rota.assign(AssignForm(ids[0], oak_club))


def test_no_dbs_is_refused_and_named(hub: HubApp, two_schools: dict[str, int], oak_club: str) -> None:
    raw = hub.staff.save(StaffForm("Dan", "New", "play worker", home_site_id=two_schools["oak"]))
    with pytest.raises(Conflict, match="No DBS recorded for Dan New"):
        hub.rota.assign(AssignForm(raw, oak_club))
    unchecked = hub.staff.save(checked("Eve", "Late", dbs_checked_by="", dbs_checked_on=None))
    with pytest.raises(Conflict, match="has not been checked"):
        hub.rota.assign(AssignForm(unchecked, oak_club))
    no_barred = hub.staff.save(checked("Fay", "Part", barred_list_checked=False))
    with pytest.raises(Conflict, match="barred-list"):
        hub.rota.assign(AssignForm(no_barred, oak_club))
    assert hub.rota.week_grid(two_schools["oak"], MONDAY).sessions_on(MONDAY)[0].staff == ()


def test_blocking_problem_shows_when_a_dbs_is_removed_later(hub: HubApp, two_schools: dict[str, int],
                                                            oak_club: str) -> None:
    staff_id = hub.staff.save(checked("Gil", "Moss", two_schools["oak"]))
    hub.rota.assign(AssignForm(staff_id, oak_club))
    form = hub.staff.get(staff_id)
    hub.staff.save(replace(form, dbs_checked_by="", dbs_checked_on=None, barred_list_checked=False))
    problems = hub.rota.problems(MONDAY)
    assert problems[0].blocking and problems[0].staff_id == staff_id
    assert "Gil Moss's DBS certificate has not been checked" in problems[0].message


def test_double_booked_across_sites_and_travel(hub: HubApp, two_schools: dict[str, int],
                                               oak_club: str) -> None:
    oak, elm = two_schools["oak"], two_schools["elm"]
    club_with_children(hub, elm, elm, 4, name="Elm club", start=time(17, 0), end=time(18, 0))
    elm_target = session_target(hub, elm, MONDAY, "Elm club")
    staff_id = hub.staff.save(checked("Hal", "Roe", oak, site_ids=(elm,)))
    hub.rota.assign(AssignForm(staff_id, oak_club))
    result = hub.rota.assign(AssignForm(staff_id, elm_target))
    assert any("Hal Roe is in two places" in w for w in result.warnings)
    elm_grid = hub.rota.week_grid(elm, MONDAY)
    assert any(p.code == "double_booked" for p in elm_grid.problems)
    # Finishing at 17:00 at Oakfield leaves no time to travel to Elm Street for 17:00.
    shift = hub.rota.person_week(staff_id, MONDAY).week.days[0][0]
    hub.rota.unassign(shift.id)
    duty = hub.rota.assign(AssignForm(staff_id, "duty", "duty", day=MONDAY, site_id=oak,
                                      start=time(15, 0), end=time(16, 55)))
    assert any("cannot get from" in w for w in duty.warnings)


def test_unassign_keeps_the_shift_for_the_history(hub: HubApp, two_schools: dict[str, int],
                                                  oak_club: str) -> None:
    staff_id = hub.staff.save(checked("Ivy", "Lane", two_schools["oak"]))
    shift_id = hub.rota.assign(AssignForm(staff_id, oak_club)).shift_id
    hub.rota.unassign(shift_id)
    assert hub.rota.person_week(staff_id, MONDAY).week.shifts == ()
    with pytest.raises(NotFound):
        hub.rota.unassign(shift_id)
    hub.rota.assign(AssignForm(staff_id, oak_club))  # can be put back on


def test_duty_needs_times_and_day(hub: HubApp, two_schools: dict[str, int]) -> None:
    staff_id = hub.staff.save(checked("Jo", "Tate", two_schools["oak"]))
    with pytest.raises(ValidationError) as err:
        hub.rota.assign(AssignForm(staff_id, "duty", "duty", day=MONDAY, site_id=two_schools["oak"]))
    assert err.value.field == "start"
    with pytest.raises(ValidationError):
        hub.rota.assign(AssignForm(staff_id, "duty", "lead", day=MONDAY, site_id=two_schools["oak"],
                                   start=time(8), end=time(9)))
    with pytest.raises(ValidationError, match="end after"):
        hub.rota.assign(AssignForm(staff_id, "duty", "duty", day=MONDAY, site_id=two_schools["oak"],
                                   start=time(9), end=time(8)))


def test_hours_availability_and_other_site_warnings(hub: HubApp, two_schools: dict[str, int],
                                                    oak_club: str) -> None:
    staff_id = hub.staff.save(checked("Kim", "Yeo", two_schools["elm"], contracted_day_minutes=120,
                                      availability=((0, time(8), time(12)),)))
    result = hub.rota.assign(AssignForm(staff_id, oak_club))
    codes = {p.code for p in hub.rota.person_week(staff_id, MONDAY).problems}
    assert codes == {"other_site", "day_hours"}  # other site reported before availability
    assert len(result.warnings) == 2


def test_copy_last_week_then_fix(hub: HubApp, two_schools: dict[str, int], oak_club: str) -> None:
    oak = two_schools["oak"]
    staff_id = hub.staff.save(checked("Lee", "Ash", oak))
    gone = hub.staff.save(checked("Max", "Gone", oak))
    last_week = session_target(hub, oak, date(2026, 11, 16))
    hub.rota.assign(AssignForm(staff_id, last_week, "lead"))
    hub.rota.assign(AssignForm(gone, last_week))
    hub.rota.assign(AssignForm(staff_id, "duty", "duty", day=date(2026, 11, 20), site_id=oak,
                               start=time(8), end=time(9)))
    hub.staff.save(replace(hub.staff.get(gone), active=False))
    result = hub.rota.copy_last_week(MONDAY)
    assert result.copied == 2 and len(result.skipped) == 1 and "Max Gone has left" in result.skipped[0]
    week = hub.rota.person_week(staff_id, MONDAY).week
    assert [(s.day, s.role) for s in week.shifts] == [(MONDAY, "lead"), (date(2026, 11, 27), "duty")]
    again = hub.rota.copy_last_week(MONDAY)
    assert again.copied == 0  # nobody is put on twice


def test_fill_the_gaps_proposes_only_allowed_people(hub: HubApp, two_schools: dict[str, int],
                                                    oak_club: str) -> None:
    oak = two_schools["oak"]
    lead = hub.staff.save(checked("Nia", "Cole", oak, role="club leader", first_aid_expires=None))
    helper = hub.staff.save(checked("Oli", "Park", oak, first_aid_expires=None))
    aider = hub.staff.save(checked("Pat", "Quin", two_schools["elm"], site_ids=(oak,)))
    hub.staff.save(StaffForm("Rex", "Nodbs", "play worker", home_site_id=oak))
    busy = hub.staff.save(checked("Sam", "Busy", oak))
    hub.rota.assign(AssignForm(busy, "duty", "duty", day=MONDAY, site_id=oak, start=time(15),
                               end=time(18)))
    proposals = hub.rota.propose_fill(MONDAY, oak)
    assert [p.staff_id for p in proposals] == [aider, lead, helper]  # first-aider first
    assert proposals[0].reason.startswith("first-aider")
    assert hub.rota.week_grid(oak, MONDAY).sessions_on(MONDAY)[0].staff == ()  # nothing saved yet
    assert hub.rota.apply(proposals) == 3
    cell = hub.rota.week_grid(oak, MONDAY).sessions_on(MONDAY)[0]
    assert cell.status == "ok" and len(cell.staff) == 3
    assert hub.rota.propose_fill(MONDAY, oak) == []


def test_candidates_list_blocking_last(hub: HubApp, two_schools: dict[str, int], oak_club: str) -> None:
    oak = two_schools["oak"]
    hub.staff.save(StaffForm("Al", "Nodbs", "play worker", home_site_id=oak))
    hub.staff.save(checked("Bo", "Fine", oak))
    found = hub.rota.candidates(oak_club, MONDAY)
    assert [c.name for c in found] == ["Bo Fine", "Al Nodbs"]
    assert found[0].blocking == () and found[1].blocking


def test_ratio_bands_per_site_change_the_need(hub: HubApp, two_schools: dict[str, int],
                                              oak_club: str) -> None:
    oak = two_schools["oak"]
    bands, own = hub.rota.ratio_bands(oak)
    assert (bands, own) == ([RatioBandRow(0, 8), RatioBandRow(8, 10)], False)
    hub.rota.save_ratio_bands(oak, [RatioBandRow(0, 6)])
    assert hub.rota.week_grid(oak, MONDAY).sessions_on(MONDAY)[0].by_ratio == 3  # 17/6
    hub.rota.save_ratio_bands(oak, [RatioBandRow(0, 20)])
    assert hub.rota.week_grid(oak, MONDAY).sessions_on(MONDAY)[0].required == 2  # minimum staff
    with pytest.raises(ValidationError, match="start at 0"):
        hub.rota.save_ratio_bands(oak, [RatioBandRow(4, 8)])
    hub.rota.save_ratio_bands(oak, None)
    assert hub.rota.ratio_bands(oak)[1] is False
    hub.rota.save_settings(RotaSettings(minimum_staff=4))
    assert hub.rota.week_grid(oak, MONDAY).sessions_on(MONDAY)[0].required == 4
    with pytest.raises(ValidationError):
        hub.rota.save_settings(RotaSettings(warn_days=-1))


def test_expiring_list_uses_the_warning_window(hub: HubApp) -> None:
    hub.staff.save(checked("Una", "Soon", first_aid_expires=date(2026, 12, 1)))
    hub.staff.save(checked("Vic", "Later", first_aid_expires=date(2027, 6, 1)))
    items = hub.rota.expiring(date(2026, 11, 20))
    assert [(i.name, i.what) for i in items] == [("Una Soon", "Paediatric first aid")]
    hub.rota.save_settings(RotaSettings(warn_days=365))
    assert len(hub.rota.expiring(date(2026, 11, 20))) == 2
