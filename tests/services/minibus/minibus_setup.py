"""Builders shared by the minibus tests: vehicles that may go out, drivers who may drive, a club at
the hub with children from the other school booked into it (real services, real database)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from typing import Any

from hubdesk.app import HubApp
from hubdesk.core.models import Staff
from hubdesk.services.clubs.booking_plan import BookingRequest
from hubdesk.services.minibus.runs import RunForm
from hubdesk.services.minibus.vehicles import CHECK_ITEMS, CheckForm, CheckItem, VehicleForm
from tests.conftest import frozen_clock
from tests.services.clubs.club_setup import carer_for, child, club, freeze

MON = date(2026, 9, 14)
TUE = date(2026, 9, 15)


def vehicle(hub: HubApp, reg: str = "PN19 XKA", seats: int = 12, **changes: Any) -> int:
    values: dict[str, Any] = {
        "registration": reg, "seats": seats, "name": f"Bus {reg[-3:]}", "wheelchair_spaces": 1,
        "gross_weight_kg": 3500, "permit_number": "S19/0042", "permit_expiry": date(2029, 1, 1),
        "mot_due": date(2027, 6, 1), "last_inspection": date(2026, 9, 1)}
    values.update(changes)
    return hub.minibus.vehicles.save(VehicleForm(**values))


def walk_round(hub: HubApp, vehicle_id: int, day: date, failed: str = "") -> int:
    items = tuple(CheckItem(i, i != failed, "Worn" if i == failed else "") for i in CHECK_ITEMS)
    return hub.minibus.vehicles.record_check(CheckForm(vehicle_id, day, "Pat Driver", items))


def driver(hub: HubApp, forename: str = "Pat", **changes: Any) -> int:
    values: dict[str, Any] = {
        "forename": forename, "surname": "Driver", "role": "driver", "dbs_number": "001234567890",
        "barred_list_checked": True, "date_of_birth": date(1970, 1, 1), "licence_categories": "B",
        "licence_first_held": date(1990, 1, 1), "midas_expires": date(2028, 1, 1),
        "search_key": forename.lower()}
    values.update(changes)
    with hub.factory.begin() as s:
        person = Staff(**values)
        s.add(person)
        s.flush()
        return person.id


@dataclass
class Scene:
    oak: int  # the hub school, where the club is
    elm: int  # the other school
    club_id: int
    children: list[int]
    bus: int
    pat: int


def scene(hub: HubApp, two_schools: dict[str, int], children: int = 3, seats: int = 12) -> Scene:
    """A Monday/Wednesday club at Oak from 15:45, children from Elm booked in, one bus, one driver."""
    freeze(hub)
    oak, elm = two_schools["oak"], two_schools["elm"]
    club_id = club(hub, oak, name="Drama", start_time=time(15, 45), end_time=time(17, 15),
                   open_to_other_schools=True, price_pence=0)
    ids = []
    for n in range(children):
        cid = child(hub, elm, forename=f"Kid{n}", surname="Öztürk", allergies="Peanuts" if n == 0 else "")
        carer_for(hub, [cid], phone=f"07700 90010{n}", surname=f"Öztürk{n}")
        hub.bookings.confirm(BookingRequest(cid, club_id, MON, date(2026, 12, 18)))
        ids.append(cid)
    hub.clock.frozen_at = frozen_clock(MON, 7).now()  # bookings made; the runs' Monday begins
    bus = vehicle(hub, seats=seats)
    walk_round(hub, bus, MON)
    return Scene(oak, elm, club_id, ids, bus, driver(hub))


def elm_to_oak(hub: HubApp, sc: Scene, day: date = MON, depart: time = time(15, 20),
               **changes: Any) -> int:
    stops = hub.minibus.runs.default_stops([sc.elm, sc.oak], depart=depart)
    values: dict[str, Any] = {"vehicle_id": sc.bus, "day": day, "stops": stops,
                              "driver_staff_id": sc.pat}
    values.update(changes)
    return hub.minibus.runs.save(RunForm(**values))
