"""A staff member's shifts as an iCalendar file, so they can see them on their phone.

Times are London wall-clock times with the time zone written into the file; each shift keeps the
same UID on every export, so importing a newer file updates the events instead of doubling them.
The UID carries the database's own identifier: shift 12 of one cluster's database and shift 12 of
another's (or of the demo) are different events on the same phone.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from icalendar import Calendar, Event

from hubdesk.core.clock import LONDON
from hubdesk.services.rota.dto import ShiftRow


def shifts_calendar(name: str, shifts: Sequence[ShiftRow], now: datetime,
                    database_id: str = "") -> bytes:
    """The .ics text for one person's shifts; ``now`` (naive UTC, from the clock) stamps each event;
    ``database_id`` (from ``RotaService.database_id``) keeps UIDs apart across databases."""
    cal = Calendar()
    cal.add("prodid", "-//hubdesk//staff rota//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", f"Rota: {name}")
    stamp = now.replace(tzinfo=UTC)
    for shift in shifts:
        event = Event()
        event.add("uid", f"shift-{shift.id}-{database_id}@hubdesk" if database_id
                  else f"shift-{shift.id}@hubdesk")
        event.add("dtstamp", stamp)
        event.add("dtstart", datetime.combine(shift.day, shift.start, tzinfo=LONDON))
        event.add("dtend", datetime.combine(shift.day, shift.end, tzinfo=LONDON))
        event.add("summary", f"{shift.title} ({shift.role_label})")
        if shift.site:
            event.add("location", shift.site)
        details = [f"{shift.role_label}, {shift.times}"]
        if shift.note:
            details.append(shift.note)
        event.add("description", "\n".join(details))
        cal.add_component(event)
    cal.add_missing_timezones()
    return bytes(cal.to_ical())
