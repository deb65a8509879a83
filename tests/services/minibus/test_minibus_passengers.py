"""Passengers through the run editor's service calls: seats per stretch shown before saving, adding
and taking off in the same save as the run (all or nothing), and a cancelled booking that neither
counts on the timeline nor holds a seat."""

from __future__ import annotations

from dataclasses import replace
from datetime import time

import pytest

from hubdesk.app import HubApp
from hubdesk.core.errors import Conflict, ValidationError
from hubdesk.services.minibus.passengers import Boarding
from hubdesk.services.minibus.runs import RunForm, StopForm
from hubdesk.services.sites.sites import SiteForm
from tests.services.minibus.minibus_setup import MON, Scene, driver, elm_to_oak, scene


@pytest.fixture
def sc(hub: HubApp, two_schools: dict[str, int]) -> Scene:
    return scene(hub, two_schools, children=3, seats=2)


def booking_of(key: str) -> int:
    return int(key.split(":")[1])


def test_a_cancelled_booking_is_not_counted_and_holds_no_seat(hub: HubApp, sc: Scene) -> None:
    run_id = elm_to_oak(hub, sc)
    first, second, third = (n.key for n in hub.minibus.needs.day(MON))
    hub.minibus.runs.add_passenger(run_id, first)
    hub.minibus.runs.add_passenger(run_id, second)
    [row] = hub.minibus.runs.runs(MON, MON)
    assert row.passengers == 2 and (row.stops[0].on, row.stops[1].off) == (2, 2)
    hub.bookings.cancel(booking_of(first), "Ill")
    [row] = hub.minibus.runs.runs(MON, MON)
    assert row.passengers == 1 and (row.stops[0].on, row.stops[1].off) == (1, 1)
    detail = hub.minibus.runs.get(run_id)
    assert detail.row.passengers == 1
    assert [(p.name, p.stale) for p in detail.passengers] == [("Kid0 Öztürk", True),
                                                               ("Kid1 Öztürk", False)]
    hub.minibus.runs.add_passenger(run_id, third)  # two seats: the cancelled child's is free
    assert hub.minibus.runs.runs(MON, MON)[0].passengers == 2


def test_seats_per_stretch_are_shown_before_saving(hub: HubApp, sc: Scene) -> None:
    ash = hub.sites.save(SiteForm(name="Ash Grove Primary", short_name="Ash"))
    run_id = hub.minibus.runs.save(RunForm(sc.bus, MON, (
        StopForm(sc.elm, None, time(15, 20)), StopForm(sc.oak, time(15, 35), time(15, 40)),
        StopForm(ash, time(15, 55), None)), driver_staff_id=sc.pat))
    form = hub.minibus.runs.get(run_id).form
    keys = [n.key for n in hub.minibus.needs.day(MON)]
    two = hub.minibus.runs.seat_preview(form, (Boarding(keys[0]), Boarding(keys[1])))
    assert two.ok and [(s.seated, s.seats) for s in two.stretches] == [(2, 2), (0, 2)]
    assert two.stretches[0].text.startswith("Elm") and "2/2 seats" in two.stretches[0].text
    three = hub.minibus.runs.seat_preview(form, tuple(Boarding(k) for k in keys))
    assert not three.ok and three.stretches[0].over
    assert "3 passengers between Elm" in three.problems[0] and "only 2 seats" in three.problems[0]
    # Nothing of a refused save is kept: neither the passengers nor the new name.
    with pytest.raises(ValidationError, match="no seat free on every stretch") as err:
        hub.minibus.runs.save(replace(form, name="Drama bus"), tuple(Boarding(k) for k in keys))
    assert err.value.field == "passengers"
    detail = hub.minibus.runs.get(run_id)
    assert detail.passengers == () and detail.form.name == ""
    wrong_way = hub.minibus.runs.seat_preview(replace(form, id=None, stops=form.stops[1:]),
                                              (Boarding(keys[0]),))
    assert "this run does not stop there in that order" in wrong_way.problems[0]


def test_add_and_take_off_in_one_save(hub: HubApp, sc: Scene) -> None:
    run_id = elm_to_oak(hub, sc)
    keys = [n.key for n in hub.minibus.needs.day(MON)]
    form = hub.minibus.runs.get(run_id).form
    hub.minibus.runs.save(form, (Boarding(keys[0]), Boarding(keys[1])))
    detail = hub.minibus.runs.get(run_id)
    assert [p.need_key for p in detail.passengers] == keys[:2]
    full = hub.minibus.runs.seat_preview(form, (Boarding(keys[2]),))
    assert not full.ok
    freed = hub.minibus.runs.seat_preview(form, (Boarding(keys[2]),), (detail.passengers[0].id,))
    assert freed.ok and freed.stretches[0].seated == 2
    hub.minibus.runs.save(form, (Boarding(keys[2]),), (detail.passengers[0].id,))
    assert [p.need_key for p in hub.minibus.runs.get(run_id).passengers] == keys[1:]
    assert [n.met for n in hub.minibus.needs.day(MON)] == [False, True, True]
    other = elm_to_oak(hub, sc, depart=time(15, 25))
    taken = hub.minibus.runs.seat_preview(hub.minibus.runs.get(other).form, (Boarding(keys[1]),))
    assert taken.problems == ("Kid1 Öztürk is already on another run for this.",)


def test_a_stop_can_go_once_its_passenger_is_taken_off(hub: HubApp, sc: Scene) -> None:
    ash = hub.sites.save(SiteForm(name="Ash Grove Primary", short_name="Ash"))
    run_id = hub.minibus.runs.save(RunForm(sc.bus, MON, (
        StopForm(sc.elm, None, time(15, 20)), StopForm(sc.oak, time(15, 35), time(15, 40)),
        StopForm(ash, time(15, 55), None)), driver_staff_id=sc.pat))
    teacher = driver(hub, "Ada", role="tutor", home_site_id=sc.elm)
    request = hub.minibus.needs.request_staff(teacher, MON, sc.elm, ash, time(16, 0), "Meeting")
    hub.minibus.runs.add_passenger(run_id, f"req:{request}:out")  # Elm to Ash
    detail = hub.minibus.runs.get(run_id)
    shorter = replace(detail.form, stops=detail.form.stops[:2])
    with pytest.raises(Conflict, match="take them off the run first"):
        hub.minibus.runs.save(shorter)
    hub.minibus.runs.save(shorter, remove=(detail.passengers[0].id,))  # off, and the stop goes
    after = hub.minibus.runs.get(run_id)
    assert len(after.form.stops) == 2 and after.passengers == ()
    hub.minibus.runs.add_passenger(run_id, hub.minibus.needs.day(MON)[0].key)  # a child to Oak
    assert [p.alight for p in hub.minibus.runs.get(run_id).passengers] == [1]
