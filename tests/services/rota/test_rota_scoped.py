"""A site's grid, a person's week and a session's dialog read only what they show; they must say
exactly what the whole cluster's check says about the same site, person or session."""

from __future__ import annotations

from datetime import time, timedelta

from hubdesk.app import HubApp
from hubdesk.services.rota.dto import AssignForm
from tests.conftest import DEMO_TODAY
from tests.services.rota.rota_setup import MONDAY, checked, club_with_children, session_target
from tests.statements import counting


def test_each_sites_grid_matches_the_whole_clusters_check(demo_hub: HubApp) -> None:
    rota = demo_hub.rota
    for site in demo_hub.sites.list():
        assert site.id is not None
        assert rota.week_grid(site.id, DEMO_TODAY) == rota.week_grids(DEMO_TODAY, [site.id])[0]


def test_a_persons_week_has_their_problems_from_the_whole_check(demo_hub: HubApp) -> None:
    problems = demo_hub.rota.problems(DEMO_TODAY)
    people = {p.staff_id for p in problems if p.staff_id is not None}
    assert people
    for staff_id in people:
        week = demo_hub.rota.person_week(staff_id, DEMO_TODAY)
        assert list(week.problems) == [p for p in problems if p.staff_id == staff_id]


def test_a_sessions_dialog_shows_what_the_grid_and_candidates_show(demo_hub: HubApp) -> None:
    grids = demo_hub.rota.week_grids(DEMO_TODAY)
    cells = [c for g in grids for c in g.sessions]
    under = [c for c in cells if c.status == "under"]
    assert under
    for cell in [*under, *cells[::25]]:
        staffing = demo_hub.rota.session_staffing(cell.target, cell.day)
        assert staffing.cell == cell
        assert list(staffing.candidates) == demo_hub.rota.candidates(cell.target, cell.day)


def test_a_clash_at_another_site_still_shows_on_this_sites_grid(
        hub: HubApp, two_schools: dict[str, int]) -> None:
    oak, elm = two_schools["oak"], two_schools["elm"]
    club_with_children(hub, oak, oak, 5)
    club_with_children(hub, elm, elm, 4, name="Elm club", start=time(15, 0), end=time(16, 0))
    staff_id = hub.staff.save(checked("Hal", "Roe", elm))  # based at Elm, not linked to Oakfield
    hub.rota.assign(AssignForm(staff_id, session_target(hub, elm, MONDAY, "Elm club")))
    hub.rota.assign(AssignForm(staff_id, session_target(hub, oak, MONDAY)))
    oak_grid = hub.rota.week_grid(oak, MONDAY)
    row = next(r for r in oak_grid.staff if r.staff_id == staff_id)
    assert [x.title for x in row.days[0]] == ["Elm club", "Play club"]  # the whole week, both sites
    # the Oakfield shift clashes with the Elm one, which only the whole week of the person shows
    assert any(p.code == "double_booked" and p.staff_id == staff_id for p in oak_grid.problems)
    assert any(p.code == "other_site" for p in oak_grid.problems)


def test_put_on_and_the_dialog_read_a_bounded_number_of_statements(demo_hub: HubApp) -> None:
    """Putting someone on, then showing the session again, costs the same whatever the staff."""
    cell = next(c for g in demo_hub.rota.week_grids(DEMO_TODAY) for c in g.sessions if c.kind == "club")
    person = next(c for c in demo_hub.rota.session_staffing(cell.target, cell.day).candidates
                  if not c.blocking)
    with counting(demo_hub.engine) as counter:
        demo_hub.rota.assign(AssignForm(person.staff_id, cell.target))
        staffing = demo_hub.rota.session_staffing(cell.target, cell.day)
    assert person.staff_id in {x.staff_id for x in staffing.cell.staff}
    assert counter.count <= 45  # the demo sends 40: bulk reads, none a row


def test_copying_a_week_reads_the_sessions_once_not_per_shift(demo_hub: HubApp) -> None:
    site = demo_hub.sites.list()[0].id
    later = DEMO_TODAY + timedelta(days=14)  # the demo's rota has this week and the next
    with counting(demo_hub.engine) as counter:
        result = demo_hub.rota.copy_last_week(later, site)
    assert result.copied > 10
    assert counter.count <= 20, "\n".join(x[:90].replace("\n", " ") for x in counter.statements)
    grid = demo_hub.rota.week_grid(site or 0, later)
    assert sum(len(c.staff) for c in grid.sessions) == result.copied - sum(
        1 for row in grid.staff for x in row.shifts if x.kind == "duty" and x.site_id == site)
