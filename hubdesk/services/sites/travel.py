"""The travel table for one transaction: every check that needs minutes between sites loads it here.

Two statements whatever the cluster's size: the table's rows and the office's default. The default
is an office setting of its own (sites own travel); databases from before it was moved keep the
value they had in the rota settings.
"""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from hubdesk.core.models import MetaValue, TravelTime
from hubdesk.core.models.meta import store_meta
from hubdesk.core.rules.travel import DEFAULT_TRAVEL_MINUTES, TravelTimes

DEFAULT_KEY = "travel_default_minutes"
_OLD_HOME = ("rota_settings", "default_travel_minutes")  # where the default was kept before


def travel_default(s: Session) -> int:
    """The office's minutes for a pair of sites with no row (15 until the office changes it)."""
    rows = s.execute(select(MetaValue.key, MetaValue.value)
                     .where(MetaValue.key.in_((DEFAULT_KEY, _OLD_HOME[0]))))
    stored = {key: value for key, value in rows}
    own = stored.get(DEFAULT_KEY, "").strip()
    if own.isdigit():
        return int(own)
    try:
        return int(json.loads(stored[_OLD_HOME[0]])[_OLD_HOME[1]])
    except (ValueError, TypeError, KeyError):
        return DEFAULT_TRAVEL_MINUTES


def save_travel_default(s: Session, minutes: int) -> None:
    """Store the default (the caller has checked it is 1 to 600 minutes)."""
    store_meta(s, DEFAULT_KEY, str(int(minutes)))


def load_travel(s: Session) -> TravelTimes:
    """The whole travel table and its default, for ``travel(a, b)`` within this transaction."""
    rows = s.execute(select(TravelTime.from_site_id, TravelTime.to_site_id, TravelTime.minutes))
    return TravelTimes({(a, b): m for a, b, m in rows}, travel_default(s))
