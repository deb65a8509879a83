"""Changing a weekly run from a date: earlier runs stay as they ran, later runs take the new times,
stops, weekdays, vehicle and crew; passengers stay aboard where the new route still serves them."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time

import pytest
from sqlalchemy import select

from hubdesk.app import HubApp
from hubdesk.core.errors import ValidationError
from hubdesk.core.models import Shift
from hubdesk.services.minibus.patterns import PatternForm
from hubdesk.services.minibus.runs import StopForm
from hubdesk.services.sites.sites import SiteForm
from tests.services.minibus.minibus_setup import Scene, driver, scene, vehicle

START, END = date(2026, 10, 19), date(2026, 11, 30)
FROM = date(2026, 11, 9)  # a Monday
BEFORE = date(2026, 11, 1)  # 'today' for these tests


@pytest.fixture
def sc(hub: HubApp, two_schools: dict[str, int]) -> Scene:
    return scene(hub, two_schools, children=2)


def pattern(hub: HubApp, sc: Scene) -> int:
    stops = hub.minibus.runs.default_stops([sc.elm, sc.oak], depart=time(15, 20))
    return hub.minibus.patterns.save(PatternForm("After school: Elm to Oak", sc.bus, (0, 4), START, END,
                                                 sc.elm, stops, sc.pat)).pattern_id


def runs_by_day(hub: HubApp) -> dict[date, tuple[str, int, str, str]]:
    return {r.day: (f"{r.start:%H:%M}", r.vehicle_id, r.driver, " → ".join(s.site for s in r.stops))
            for r in hub.minibus.runs.runs(START, END)}


def test_change_from_a_date_keeps_earlier_runs(hub: HubApp, sc: Scene) -> None:
    pid = pattern(hub, sc)
    before = runs_by_day(hub)
    ash = hub.sites.save(SiteForm(name="Ash Grove Primary", short_name="Ash"))
    big = vehicle(hub, "YX70 ABC", seats=16)
    lee = driver(hub, "Lee")
    monday = date(2026, 11, 16)
    need = next(n for n in hub.minibus.needs.day(monday))
    run_id = next(r.id for r in hub.minibus.runs.runs(monday, monday))
    hub.minibus.runs.add_passenger(run_id, need.key)
    form = hub.minibus.patterns.get(pid)
    assert form.weekdays == (0, 4) and form.stops[0].depart == time(15, 20)
    new_stops = (StopForm(sc.elm, None, time(15, 25)), StopForm(ash, time(15, 35), time(15, 40)),
                 StopForm(sc.oak, time(15, 44), None))
    result = hub.minibus.patterns.change(pid, replace(form, weekdays=(0, 2), stops=new_stops,
                                                      vehicle_id=big, driver_staff_id=lee),
                                         FROM, today=BEFORE)
    after = runs_by_day(hub)
    assert {d: v for d, v in after.items() if d < FROM} == {d: v for d, v in before.items() if d < FROM}
    route = "Elm Street Primary → Ash → Oakfield Primary"
    assert after[date(2026, 11, 16)] == ("15:25", big, "Lee Driver", route)
    assert date(2026, 11, 13) not in after and date(2026, 11, 20) not in after  # Fridays gone
    assert date(2026, 11, 18) in after and date(2026, 11, 25) in after  # Wednesdays new
    assert (result.changed, result.cancelled, result.created) == (4, 2, 3)
    assert result.passengers_off == ()
    [rider] = hub.minibus.runs.get(run_id).passengers
    assert (rider.board, rider.alight) == (0, 2)  # still Elm to Oak, now through Ash
    assert hub.minibus.needs.day(monday)[0].met
    with hub.factory() as s:
        drivers = {x.staff_id for x in s.scalars(select(Shift).where(
            Shift.run_id == run_id, Shift.cancelled_at.is_(None)))}
    assert drivers == {lee}
    pattern_row = next(p for p in hub.minibus.patterns.patterns() if p.id == pid)
    assert pattern_row.route == route and pattern_row.weekdays.startswith("Mon")
    # A route that misses Elm takes the child off that run, and says so.
    form = hub.minibus.patterns.get(pid)
    result = hub.minibus.patterns.change(pid, replace(form, stops=new_stops[1:]), monday,
                                         today=BEFORE)
    assert result.passengers_off == (f"Mon 16/11: {need.name}",)
    assert hub.minibus.runs.get(run_id).passengers == ()
    assert not hub.minibus.needs.day(monday)[0].met


def test_a_change_is_refused_whole(hub: HubApp, sc: Scene) -> None:
    pid = pattern(hub, sc)
    form = hub.minibus.patterns.get(pid)
    with pytest.raises(ValidationError, match="changes start today or later") as err:
        hub.minibus.patterns.change(pid, form, date(2026, 10, 26), today=BEFORE)
    assert err.value.field == "from_day"
    with pytest.raises(ValidationError, match="Choose the weekdays") as err:
        hub.minibus.patterns.change(pid, replace(form, weekdays=()), FROM, today=BEFORE)
    monday = date(2026, 11, 16)
    run_id = next(r.id for r in hub.minibus.runs.runs(monday, monday))
    for need in hub.minibus.needs.day(monday):
        hub.minibus.runs.add_passenger(run_id, need.key)
    tiny = vehicle(hub, "T1 NY", seats=1)
    before = runs_by_day(hub)
    with pytest.raises(ValidationError, match="On Mon 16/11/2026 the passengers need more seats") as err:
        hub.minibus.patterns.change(pid, replace(form, vehicle_id=tiny, weekdays=(0, 1)), FROM,
                                    today=BEFORE)
    assert err.value.field == "vehicle_id"
    assert runs_by_day(hub) == before and hub.minibus.patterns.get(pid) == form


def test_ended_days_come_back_when_the_run_is_extended(hub: HubApp, sc: Scene) -> None:
    pid = pattern(hub, sc)
    assert hub.minibus.patterns.end(pid, date(2026, 11, 15)) == 4
    office = next(r.id for r in hub.minibus.runs.runs(date(2026, 11, 9), date(2026, 11, 9)))
    hub.minibus.runs.cancel(office, "Road closed")
    form = hub.minibus.patterns.get(pid)
    assert form.end_date == date(2026, 11, 15)
    result = hub.minibus.patterns.change(pid, replace(form, end_date=END), FROM, today=BEFORE)
    assert (result.changed, result.created) == (5, 0)  # Fri 13/11 and the four ended runs again
    days = runs_by_day(hub)
    assert date(2026, 11, 9) not in days  # cancelled by the office for that day: stays cancelled
    assert date(2026, 11, 30) in days and date(2026, 11, 16) in days
