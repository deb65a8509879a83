"""Builders shared by the club and booking tests (real services, real database)."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from hubdesk.app import HubApp
from hubdesk.services.clubs.clubs import ClubForm
from hubdesk.services.people.carers import CarerForm, CarerLink
from tests.conftest import child_form

# A Tuesday early in the autumn term of the two_schools fixture, 08:00 UTC.
NOW = datetime(2026, 9, 8, 8, 0)


def freeze(hub: HubApp, moment: datetime = NOW) -> None:
    """Stop the app's one clock (every service shares it) at ``moment`` (naive UTC)."""
    hub.clock.frozen_at = moment


def club(hub: HubApp, site: int, **overrides: Any) -> int:
    values: dict[str, Any] = {
        "name": "Football", "site_id": site, "weekdays": (0, 2), "start_time": time(15, 15),
        "end_time": time(16, 30), "capacity": 10, "start_date": date(2026, 9, 3),
        "end_date": date(2026, 12, 18), "min_year": 1, "max_year": 6, "price_pence": 750,
    }
    values.update(overrides)
    return hub.clubs.save(ClubForm(**values)).club_id


def child(hub: HubApp, school: int, **overrides: Any) -> int:
    return hub.children.save(child_form(school, **overrides))


def carer_for(hub: HubApp, child_ids: list[int], phone: str = "07700 900123",
              surname: str = "Wiśniewska") -> int:
    """One carer linked to the children (so they are brothers and sisters)."""
    carer_id: int | None = None
    for cid in child_ids:
        form = CarerForm(forename="Anna", surname=surname, phone_mobile=phone, id=carer_id)
        carer_id = hub.carers.save_link(cid, CarerLink(form, "Mother", can_collect=True,
                                                       parental_responsibility=True,
                                                       emergency_priority=1))
    assert carer_id is not None
    return carer_id
