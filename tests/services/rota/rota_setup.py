"""Builders shared by the rota tests: checked staff, a club with children booked."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from hubdesk.app import HubApp
from hubdesk.services.clubs.booking_plan import BookingRequest
from hubdesk.services.people.staff import StaffForm
from tests.services.clubs.club_setup import child, club, freeze

MONDAY = date(2026, 11, 23)
WEDNESDAY = date(2026, 11, 25)


def checked(forename: str, surname: str, site: int | None = None, **overrides: Any) -> StaffForm:
    """A staff member who may work with children (DBS checked, barred list, first aid)."""
    values: dict[str, Any] = {
        "forename": forename, "surname": surname, "role": "play worker", "home_site_id": site,
        "dbs_number": "001234567890", "dbs_issued_on": date(2025, 1, 10),
        "dbs_checked_by": "J. Head", "dbs_checked_on": date(2025, 1, 12),
        "barred_list_checked": True, "first_aid_expires": date(2028, 6, 30),
    }
    values.update(overrides)
    return StaffForm(**values)


def club_with_children(hub: HubApp, site: int, school: int, children: int, *, name: str = "Play club",
                       start: time = time(15, 15), end: time = time(18, 0), year: int = 2,
                       born: date = date(2019, 1, 5), days: tuple[date, ...] = (MONDAY,)) -> int:
    """A Monday/Wednesday club with ``children`` booked one-off on each of ``days``."""
    freeze(hub, datetime(2026, 11, 2, 8, 0))
    club_id = club(hub, site, name=name, weekdays=(0, 2), start_time=start, end_time=end,
                   capacity=40, min_year=-1, max_year=6)
    for n in range(children):
        cid = child(hub, school, forename=f"Kid{n}", surname=f"{name[:3]}{n}", year_group=year,
                    date_of_birth=born)
        for day in days:
            hub.bookings.confirm(BookingRequest(cid, club_id, day))
    return club_id


def session_target(hub: HubApp, site: int, day: date, name: str = "Play club") -> str:
    grid = hub.rota.week_grid(site, day)
    return next(c.target for c in grid.sessions if c.day == day and c.title == name)
