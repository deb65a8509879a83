"""Reading the audit log as History: sentences about people, searchable by name or date.

A page of entries costs a bounded number of statements: one for the entries, then one per kind
of name they mention (children, carers, staff, clubs, sites, places, shifts), whatever the
page's length.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, String, and_, cast, false, or_, select
from sqlalchemy.orm import Session

from hubdesk.core.clock import LONDON, to_local
from hubdesk.core.dates import parse_day
from hubdesk.core.models import (
    Attendance,
    AuditEntry,
    Booking,
    Carer,
    Child,
    Club,
    ClubSession,
    SessionBooking,
    Shift,
    Site,
    Staff,
    User,
    WaitingListEntry,
)
from hubdesk.core.permissions import NEVER_SHOWN, SENSITIVE_FIELDS, Actor
from hubdesk.core.vocabulary import search_words
from hubdesk.services.admin.history_users import user_sentence
from hubdesk.services.admin.history_words import Entry, Names, changes_words, sentence
from hubdesk.services.base import Service

_MATCH_LIMIT = 500  # names a search word may match before it is too vague to help
_PREFIX_LIMIT = 50  # staff whose availability and sites a search follows


@dataclass(frozen=True)
class HistoryLine:
    at: datetime
    when: str  # 'Mon 30 Nov 15:52' in London time
    user: str
    action: str
    record: str  # the table and id the entry belongs to (for the program, never shown)
    changes: str  # the fields changed, in words
    sentence: str  # 'Wiktoria Wiśniewska signed out of After-School Club, collected by …'
    pc: str = ""  # the computer the change was made on ('' in entries from before users)

    @property
    def text(self) -> str:
        """The whole line as the History page shows it."""
        return f"{self.when} · {self.user} · {self.sentence}"


def describe(changes: dict[str, Any]) -> str:
    """'surname Smith → Smyth; free school meals no → yes' for a screen or a printout."""
    return changes_words(changes)


def _ids(values: Iterable[Any]) -> set[int]:
    return {int(v) for v in values if v is not None and str(v).isdigit()}


def _child_name(child: Child) -> str:
    return f"{child.preferred_forename or child.forename} {child.preferred_surname or child.surname}"


def _local_day_bounds(text: str, today: Any) -> tuple[datetime, datetime] | None:
    try:
        day = parse_day(text, today, two_digit_years=True)
    except ValueError:
        return None
    start = datetime.combine(day, time(0), LONDON).astimezone(UTC).replace(tzinfo=None)
    end = datetime.combine(day + timedelta(days=1), time(0), LONDON).astimezone(UTC)
    return start, end.replace(tzinfo=None)


def _as_text(column: Any) -> Any:
    return cast(column, String)


class AuditService(Service):
    def history(self, table_name: str | None = None, record_id: str | None = None,
                child_id: int | None = None, staff_id: int | None = None, search: str = "",
                limit: int = 500, offset: int = 0) -> list[HistoryLine]:
        """Newest first. With ``child_id`` or ``staff_id``: everything about that person.
        ``search`` finds a child, carer, staff member or club by name, or a date (30/11/2026)."""
        stmt = select(AuditEntry)
        if child_id is not None:
            stmt = stmt.where(or_(AuditEntry.child_id == child_id,
                                  (AuditEntry.table_name == "children")
                                  & (AuditEntry.record_id == str(child_id))))
        if staff_id is not None:
            stmt = stmt.where(self._about_staff([staff_id]))
        if table_name is not None:
            stmt = stmt.where(AuditEntry.table_name == table_name)
        if record_id is not None:
            stmt = stmt.where(AuditEntry.record_id == record_id)
        if not self._may("read_all"):  # reading every page includes the history
            self._require("history")
        for table, permission in _SENSITIVE_TABLES:
            if not self._may(permission):
                stmt = stmt.where(AuditEntry.table_name.notlike(table))
        stmt = stmt.order_by(AuditEntry.id.desc()).offset(offset).limit(limit)
        with self._read() as s:
            if search.strip():
                stmt = stmt.where(self._matching(s, search))
            entries = list(s.scalars(stmt))
            names = _names(s, entries)
            return [_line(e, names, self._actor) for e in entries]

    def _matching(self, s: Session, search: str) -> ColumnElement[bool]:
        bounds = _local_day_bounds(search, self._clock.today())
        if bounds is not None:
            return and_(AuditEntry.at >= bounds[0], AuditEntry.at < bounds[1])
        words = search_words(search)
        children = _search_ids(s, Child.id, Child.search_key, words)
        carers = _search_ids(s, Carer.id, Carer.search_key, words)
        staff = _search_ids(s, Staff.id, Staff.search_key, words)
        clubs = _search_ids(s, Club.id, Club.search_key, words)
        sessions = select(ClubSession.id).where(ClubSession.club_id.in_(clubs))
        carer_ids = [str(c) for c in carers]
        return or_(
            AuditEntry.child_id.in_(children),
            and_(AuditEntry.table_name == "children",
                 AuditEntry.record_id.in_([str(c) for c in children])),
            and_(AuditEntry.table_name == "carers", AuditEntry.record_id.in_(carer_ids)),
            and_(AuditEntry.table_name == "clubs", AuditEntry.record_id.in_([str(c) for c in clubs])),
            _record_in("attendance", select(_as_text(Attendance.id))
                       .where(or_(Attendance.session_id.in_(sessions),
                                  Attendance.collected_by_carer_id.in_(carers)))),
            _record_in("session_bookings", select(_as_text(SessionBooking.id))
                       .where(SessionBooking.session_id.in_(sessions))),
            _record_in("bookings", select(_as_text(Booking.id)).where(Booking.club_id.in_(clubs))),
            _record_in("waiting_list", select(_as_text(WaitingListEntry.id))
                       .where(WaitingListEntry.club_id.in_(clubs))),
            self._about_staff(staff) if staff else false(),
            AuditEntry.user.contains(search.strip(), autoescape=True),
        )

    @staticmethod
    def _about_staff(staff_ids: list[int]) -> ColumnElement[bool]:
        return or_(
            and_(AuditEntry.table_name == "staff",
                 AuditEntry.record_id.in_([str(i) for i in staff_ids])),
            _record_in("shifts", select(_as_text(Shift.id)).where(Shift.staff_id.in_(staff_ids))),
            and_(AuditEntry.table_name.in_(("staff_availability", "staff_sites")),
                 or_(false(), *[AuditEntry.record_id.startswith(f"{i}/")
                                for i in staff_ids[:_PREFIX_LIMIT]])),
        )


def _record_in(table: str, ids: Any) -> ColumnElement[bool]:
    return and_(AuditEntry.table_name == table, AuditEntry.record_id.in_(ids))


def _search_ids(s: Session, id_column: Any, key: Any, words: list[str]) -> list[int]:
    if not words:
        return []
    stmt = select(id_column)
    for word in words:
        stmt = stmt.where(key.contains(word, autoescape=True))
    return list(s.scalars(stmt.limit(_MATCH_LIMIT)))


# Whole tables (LIKE patterns) only some roles may see in History.
_SENSITIVE_TABLES = (("referral%", "referrals"), ("signpost%", "referrals"),
                     ("incidents", "incidents"))
_MASK = "••••"


def visible_changes(changes: dict[str, Any], actor: Actor) -> dict[str, Any]:
    """The changes ``actor`` may read: sensitive fields left out for roles that may not see them,
    and a password's value never shown (older entries logged it in plain text)."""
    shown: dict[str, Any] = {}
    for name, pair in changes.items():
        permission = SENSITIVE_FIELDS.get(name)
        if permission is not None and not actor.may(permission):
            continue
        if name in NEVER_SHOWN and isinstance(pair, list):
            pair = [_MASK if value else value for value in pair]
        shown[name] = pair
    return shown


def _line(entry: AuditEntry, names: Names, actor: Actor) -> HistoryLine:
    changes = visible_changes(entry.changes, actor)
    words = Entry(entry.action, entry.table_name, entry.record_id, entry.child_id, changes)
    said = user_sentence(words, names) if entry.table_name == "users" else sentence(words, names)
    return HistoryLine(entry.at, f"{to_local(entry.at):%a %d %b %H:%M}", entry.user, entry.action,
                       f"{entry.table_name} {entry.record_id}", changes_words(changes), said,
                       entry.pc or "")


def _records(entries: list[AuditEntry], table: str) -> set[int]:
    return _ids(e.record_id for e in entries if e.table_name == table)


def _names(s: Session, entries: list[AuditEntry]) -> Names:
    """Every name the entries mention, one statement per kind of record."""
    names = Names()
    _places(s, entries, names)
    children = _ids(e.child_id for e in entries) | _records(entries, "children")
    children |= _ids(e.record_id.partition("/")[0] for e in entries if e.table_name == "child_carers")
    carers = _records(entries, "carers") | set(names.carer_of_attendance.values())
    carers |= _ids(e.record_id.partition("/")[2] for e in entries if e.table_name == "child_carers")
    carers |= _ids(pair[0] if pair[0] is not None else pair[1] for e in entries
                   for k, pair in e.changes.items() if k == "collected_by_carer_id")
    shift_ids = _records(entries, "shifts")
    if shift_ids:
        for sid, staff_id, day in s.execute(select(Shift.id, Shift.staff_id, Shift.day)
                                            .where(Shift.id.in_(shift_ids))):
            names.shifts[str(sid)] = (staff_id, day)
    staff = _records(entries, "staff") | {v[0] for v in names.shifts.values()}
    if children:
        names.children = {c.id: _child_name(c) for c in s.scalars(
            select(Child).where(Child.id.in_(children)))}
    if carers:
        names.carers = {i: f"{f} {n}".strip() for i, f, n in s.execute(
            select(Carer.id, Carer.forename, Carer.surname).where(Carer.id.in_(carers)))}
    if staff:
        names.staff = {i: f"{f} {n}" for i, f, n in s.execute(
            select(Staff.id, Staff.forename, Staff.surname).where(Staff.id.in_(staff)))}
    clubs = _records(entries, "clubs")
    if clubs:
        names.clubs = {i: n for i, n in s.execute(
            select(Club.id, Club.name).where(Club.id.in_(clubs)))}
    users = _records(entries, "users")
    if users:
        names.users = {i: n for i, n in s.execute(select(User.id, User.name)
                                                  .where(User.id.in_(users)))}
    sites = _records(entries, "sites")
    if sites:
        names.sites = {i: n for i, n in s.execute(
            select(Site.id, Site.name).where(Site.id.in_(sites)))}
    return names


def _places(s: Session, entries: list[AuditEntry], names: Names) -> None:
    """Club and day of the register entries, places, bookings and waiting-list rows."""
    attendance = _records(entries, "attendance")
    if attendance:
        for aid, carer, club, day in s.execute(
                select(Attendance.id, Attendance.collected_by_carer_id, Club.name, ClubSession.day)
                .join(ClubSession, ClubSession.id == Attendance.session_id)
                .join(Club, Club.id == ClubSession.club_id).where(Attendance.id.in_(attendance))):
            names.places[("attendance", str(aid))] = (club, day)
            if carer is not None:
                names.carer_of_attendance[str(aid)] = carer
    places = _records(entries, "session_bookings")
    if places:
        for pid, club, day in s.execute(
                select(SessionBooking.id, Club.name, ClubSession.day)
                .join(ClubSession, ClubSession.id == SessionBooking.session_id)
                .join(Club, Club.id == ClubSession.club_id).where(SessionBooking.id.in_(places))):
            names.places[("session_bookings", str(pid))] = (club, day)
    for table, model in (("bookings", Booking), ("waiting_list", WaitingListEntry)):
        ids = _records(entries, table)
        if ids:
            for rid, club in s.execute(select(model.id, Club.name)
                                       .join(Club, Club.id == model.club_id)
                                       .where(model.id.in_(ids))):
                names.places[(table, str(rid))] = (club, None)

