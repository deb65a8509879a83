"""History in words: one sentence per audit entry, about people rather than tables.

The audit log stores table names, record ids and raw column values; an office reads
"Wiktoria Wiśniewska signed out of After-School Club, collected by Anna Wiśniewska (password
checked)". ``Names`` holds every name a page of entries mentions (looked up in a few bounded
queries by ``history_names``), and ``sentence`` turns one entry into words with it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from hubdesk.core.clock import to_local

TABLE_WORDS = {
    "children": "Child", "carers": "Carer", "child_carers": "Carer link", "sites": "Site",
    "rooms": "Room", "travel_times": "Travel time", "calendar_entries": "Calendar entry",
    "staff": "Staff member", "staff_sites": "Staff member's sites", "shifts": "Shift",
    "staff_availability": "Staff availability", "ratio_rules": "Ratio rule", "clubs": "Club",
    "club_sessions": "Club session", "bookings": "Booking", "session_bookings": "Place",
    "waiting_list": "Waiting-list place", "attendance": "Register entry",
    "collection_authorisations": "One-off collection", "late_calls": "Late-collection call",
    "fire_drills": "Fire drill", "incidents": "Incident", "medicine_permissions":
    "Medicine permission", "medicine_doses": "Medicine dose", "vehicles": "Minibus",
    "vehicle_checks": "Minibus check", "runs": "Minibus run", "run_stops": "Run stop",
    "run_passengers": "Run passenger", "transport_requests": "Transport need",
    "courses": "Course", "enrolments": "Enrolment", "course_sessions": "Course session",
}

FIELD_WORDS = {
    "fsm": "free school meals", "send": "SEND", "upn": "UPN", "mis_id": "MIS id",
    "dbs_number": "DBS number", "dbs_issued_on": "DBS issued", "dbs_checked_by": "DBS checked by",
    "dbs_checked_on": "DBS checked on", "dbs_update_service": "DBS Update Service",
    "midas_expires": "MiDAS expires", "tfc_reference": "Tax-Free Childcare reference",
    "gp_details": "GP", "relationship": "relationship", "price_pence": "price",
    "late_fee_pence": "late fee", "school_site_id": "school", "home_site_id": "home site",
    "signed_in_at": "signed in", "signed_out_at": "signed out", "collected_kind": "collected",
    "collected_by_carer_id": "collected by", "min_year": "youngest year", "max_year":
    "oldest year", "contracted_week_minutes": "contracted minutes a week",
    "contracted_day_minutes": "contracted minutes a day", "weekdays": "days",
}

_DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
_HIDDEN = {"id", "row_version", "search_key", "created_at", "booked_at", "signed_in_by",
           "signed_out_by", "session_id", "child_id", "club_id", "staff_id", "carer_id"}
_COLLECTED = {"alone": "went home alone", "school": "handed back to school",
              "one_off": "collected by the adult named for the day"}
_ABSENCE = {"ill": "ill", "holiday": "on holiday", "no_show": "did not come",
            "collected_early": "collected early", "other": "other reason"}


@dataclass
class Names:
    """Every name a page of history mentions, keyed by record id."""

    children: dict[int, str] = field(default_factory=dict)
    carers: dict[int, str] = field(default_factory=dict)
    staff: dict[int, str] = field(default_factory=dict)
    clubs: dict[int, str] = field(default_factory=dict)
    sites: dict[int, str] = field(default_factory=dict)
    # record id -> (club name, day) of attendance rows, places, bookings and waiting-list rows
    places: dict[tuple[str, str], tuple[str, date | None]] = field(default_factory=dict)
    shifts: dict[str, tuple[int, date]] = field(default_factory=dict)
    carer_of_attendance: dict[str, int] = field(default_factory=dict)
    users: dict[int, str] = field(default_factory=dict)

    def child(self, child_id: int | None) -> str:
        return self.children.get(child_id or 0, "a child no longer on record")

    def carer(self, carer_id: Any) -> str:
        return self.carers.get(int(carer_id), "a carer") if str(carer_id).isdigit() else "a carer"


@dataclass(frozen=True)
class Entry:
    """The parts of one audit row the words need."""

    action: str
    table: str
    record: str
    child_id: int | None
    changes: dict[str, Any]


def field_words(name: str) -> str:
    """'signed_out_at' → 'signed out', 'fsm' → 'free school meals'."""
    if name in FIELD_WORDS:
        return FIELD_WORDS[name]
    return name.removesuffix("_id").removesuffix("_pence").replace("_", " ")


def value_words(name: str, value: Any) -> str:
    """A stored value as a person writes it: yes/no, 'Mon 30 Nov 2026', '15:52', '£7.50'."""
    if value is None or value == "":
        return "blank"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if name.endswith("_pence") and isinstance(value, int):
        return f"£{value / 100:.2f}"
    if name == "weekdays" and isinstance(value, str) and value.isdigit():
        return ", ".join(_DAYS[int(d)] for d in value if int(d) < 7)
    if isinstance(value, str):
        return _text_value(name, value)
    return str(value)


def _text_value(name: str, value: str) -> str:
    if name.endswith("_at") and len(value) >= 16 and value[10] == "T":
        try:
            return f"{to_local(datetime.fromisoformat(value)):%a %d %b %H:%M}"
        except ValueError:
            return value
    if len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return f"{date.fromisoformat(value):%a %d %b %Y}"
        except ValueError:
            return value
    if name in ("collected_kind",):
        return _COLLECTED.get(value, value.replace("_", " "))
    if name == "absence_reason":
        return _ABSENCE.get(value, value.replace("_", " "))
    return value if len(value) <= 60 else value[:57] + "…"


def changes_words(changes: dict[str, Any], names: Names | None = None) -> str:
    """'surname Smith → Smyth; free school meals no → yes' (ids and bookkeeping left out)."""
    parts = []
    for name, pair in changes.items():
        if name in _HIDDEN or not (isinstance(pair, list) and len(pair) == 2):
            continue
        before, after = pair
        if name == "collected_by_carer_id" and names is not None:
            before = names.carer(before) if before is not None else None
            after = names.carer(after) if after is not None else None
        label = field_words(name)
        if before is None or before == "":
            parts.append(f"{label} {value_words(name, after)}")
        elif after is None or after == "":
            parts.append(f"{label} {value_words(name, before)} removed")
        else:
            parts.append(f"{label} {value_words(name, before)} → {value_words(name, after)}")
    return "; ".join(parts)


def _after(entry: Entry, name: str) -> Any:
    pair = entry.changes.get(name)
    return pair[1] if isinstance(pair, list) and len(pair) == 2 else None


def _day(day: date | None) -> str:
    return f" on {day:%a %d %b}" if day is not None else ""


def _generic(entry: Entry, names: Names, subject: str) -> str:
    verb = {"insert": "added", "delete": "deleted", "update": "changed"}.get(entry.action, "")
    if entry.action == "event":
        return f"{subject}: {changes_words(entry.changes) or 'recorded'}"
    detail = changes_words(entry.changes, names) if entry.action == "update" else ""
    return f"{subject} {verb}" + (f": {detail}" if detail else "")


def _attendance(entry: Entry, names: Names) -> str:
    child = names.child(entry.child_id)
    club, day = names.places.get(("attendance", entry.record), ("a club", None))
    status = _after(entry, "status")
    if status == "in":
        return f"{child} signed in to {club}{_day(day)}"
    if status == "out":
        kind = _after(entry, "collected_kind")
        carer = names.carer_of_attendance.get(entry.record)
        who = (f"collected by {names.carer(carer)}" if kind == "carer"
               else _COLLECTED.get(str(kind), "collected"))
        checked = " (password checked)" if _after(entry, "password_checked") else ""
        return f"{child} signed out of {club}{_day(day)}, {who}{checked}"
    if status == "absent":
        reason = _ABSENCE.get(str(_after(entry, "absence_reason")), "")
        return f"{child} marked absent from {club}{_day(day)}" + (f": {reason}" if reason else "")
    return _generic(entry, names, f"{child}'s register entry for {club}{_day(day)}")


def _booking_like(entry: Entry, names: Names) -> str:
    child = names.child(entry.child_id)
    club, day = names.places.get((entry.table, entry.record), ("a club", None))
    status = _after(entry, "status")
    if entry.table == "waiting_list":
        if entry.action == "insert":
            return f"{child} joined the waiting list for {club}{_day(day)}"
        return _generic(entry, names, f"{child}'s waiting-list place for {club}")
    if entry.action == "insert":
        what = "a place at" if entry.table == "session_bookings" else "a booking for"
        return f"{child} given {what} {club}{_day(day)}"
    if status == "cancelled" or _after(entry, "cancelled_from") is not None:
        return f"{child}'s {'place' if day else 'booking'} at {club}{_day(day)} cancelled"
    return _generic(entry, names, f"{child}'s place at {club}{_day(day)}")


def _link(entry: Entry, names: Names) -> str:
    child_part, _, carer_part = entry.record.partition("/")
    carer = names.carer(carer_part)
    child = names.child(int(child_part) if child_part.isdigit() else None)
    if entry.action == "insert":
        relation = _after(entry, "relationship")
        return f"{carer} linked to {child}" + (f" as {relation}" if relation else "")
    if entry.action == "delete":
        return f"{carer} no longer linked to {child}"
    return _generic(entry, names, f"{carer}'s link to {child}")


def _shift(entry: Entry, names: Names) -> str:
    staff_id, day = names.shifts.get(entry.record, (0, None))
    person = names.staff.get(staff_id, "A staff member")
    if entry.action == "insert":
        return f"{person} put on the rota{_day(day)}"
    if _after(entry, "cancelled_at") is not None:
        return f"{person}'s shift{_day(day)} cancelled"
    return _generic(entry, names, f"{person}'s shift{_day(day)}")


def _named(entry: Entry, names: Names) -> str:
    key = int(entry.record) if entry.record.isdigit() else 0
    subject = {
        "children": lambda: names.child(key),
        "carers": lambda: f"Carer {names.carers.get(key, '')}".strip(),
        "staff": lambda: f"Staff member {names.staff.get(key, '')}".strip(),
        "clubs": lambda: f"Club {names.clubs.get(key, '')}".strip(),
        "sites": lambda: f"Site {names.sites.get(key, '')}".strip(),
    }[entry.table]()
    if entry.table == "children" and entry.action == "update":
        return _generic(entry, names, f"{subject}'s record")
    return _generic(entry, names, subject)


_SENTENCES: dict[str, Callable[[Entry, Names], str]] = {
    "attendance": _attendance, "session_bookings": _booking_like, "bookings": _booking_like,
    "waiting_list": _booking_like, "child_carers": _link, "shifts": _shift,
    "children": _named, "carers": _named, "staff": _named, "clubs": _named, "sites": _named,
}


def sentence(entry: Entry, names: Names) -> str:
    """One entry as a sentence about the people and clubs it concerns."""
    words = _SENTENCES.get(entry.table)
    if words is not None:
        return words(entry, names)
    subject = TABLE_WORDS.get(entry.table, entry.table.replace("_", " ").capitalize())
    if entry.child_id is not None:
        subject = f"{subject} for {names.child(entry.child_id)}"
    return _generic(entry, names, subject)
