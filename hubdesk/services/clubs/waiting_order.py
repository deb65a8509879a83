"""The waiting-list order and rows, read in a fixed number of statements however long the lists are.

A page of waiting lists used to cost a few statements per entry (the child, the club, the school, the
session, the phones, the family and a sibling's bookings, each looked up alone). Here each of those is
one query for every entry at once, and the order is worked out in memory.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple, Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from hubdesk.core.clock import format_local
from hubdesk.core.models import (
    Child,
    ChildCarer,
    Club,
    ClubSession,
    SessionBooking,
    Site,
    WaitingListEntry,
)
from hubdesk.core.rules.club_rules import Candidate, priority_order
from hubdesk.core.rules.recurrence import weekday_set, weekdays_label
from hubdesk.core.vocabulary import year_label
from hubdesk.services.clubs.queries import carer_phones, load_rules

Queue = list[tuple[WaitingListEntry, Candidate]]


class Funded(Protocol):
    """What the priority order needs of a child (a Child, or the columns read for the rows)."""

    @property
    def fsm(self) -> bool: ...

    @property
    def pupil_premium(self) -> bool: ...


class ChildFacts(NamedTuple):
    """The columns a waiting-list row shows of a child (whole children cost five times as much)."""

    id: int
    forename: str
    surname: str
    preferred_forename: str
    preferred_surname: str
    school_site_id: int
    year_group: int
    fsm: bool
    pupil_premium: bool


def child_facts(s: Session, child_ids: Iterable[int]) -> dict[int, ChildFacts]:
    return {row[0]: ChildFacts(*row) for row in s.execute(select(
        Child.id, Child.forename, Child.surname, Child.preferred_forename, Child.preferred_surname,
        Child.school_site_id, Child.year_group, Child.fsm, Child.pupil_premium
    ).where(Child.id.in_(set(child_ids))))}


@dataclass(frozen=True)
class WaitingRow:
    id: int
    child_id: int
    child_name: str
    school: str
    year: str
    club_id: int
    club_name: str
    session_id: int | None  # None: waiting for a place in the club on ``weekdays``
    day: date | None
    weekdays: str
    joined: str  # London time, for display
    status: str  # waiting or offered
    position: int  # 1 = next to be offered; 0 = holding an offer now
    sibling_booked: bool
    funded: bool
    offered_day: date | None = None
    phones: tuple[str, ...] = ()


def siblings_booked(s: Session, entries: Sequence[WaitingListEntry], today: date) -> set[tuple[int, int]]:
    """(child, club) pairs of the entries where a brother or sister is booked into the club from today."""
    child_ids = {e.child_id for e in entries}
    if not child_ids:
        return set()
    mine, theirs = aliased(ChildCarer), aliased(ChildCarer)
    family: dict[int, set[int]] = {}
    for child_id, sibling_id in s.execute(
            select(mine.child_id, theirs.child_id).distinct()
            .join(theirs, theirs.carer_id == mine.carer_id)
            .where(mine.child_id.in_(child_ids), theirs.child_id != mine.child_id)):
        family.setdefault(child_id, set()).add(sibling_id)
    siblings = set().union(*family.values()) if family else set()
    if not siblings:
        return set()
    # Every club the siblings are booked into from today, filtered here: a club filter in the query
    # leads SQLite to walk every session of those clubs (a quarter of a second) instead of the
    # siblings' own bookings (a few milliseconds).
    booked = set(s.execute(
        select(SessionBooking.child_id, ClubSession.club_id).distinct()
        .join(ClubSession, ClubSession.id == SessionBooking.session_id)
        .where(SessionBooking.child_id.in_(siblings), SessionBooking.status == "booked",
               ClubSession.day >= today)))
    return {(e.child_id, e.club_id) for e in entries
            if any((sibling, e.club_id) in booked for sibling in family.get(e.child_id, ()))}


def ordered(s: Session, entries: Sequence[WaitingListEntry], today: date) -> Queue:
    """Entries first to last by the office's priority order (three statements for any number)."""
    if not entries:
        return []
    children = {c.id: c for c in s.scalars(select(Child).where(
        Child.id.in_({e.child_id for e in entries})))}
    return order_entries(entries, children, siblings_booked(s, entries, today),
                         load_rules(s).waiting_priority)


def order_entries(entries: Sequence[WaitingListEntry], children: Mapping[int, Funded],
                  sibling_pairs: set[tuple[int, int]], priority: Sequence[str]) -> Queue:
    """The priority order from what is already loaded."""
    by_id = {e.id: e for e in entries}
    candidates = [Candidate(e.id, e.joined_at, (e.child_id, e.club_id) in sibling_pairs,
                            children[e.child_id].fsm or children[e.child_id].pupil_premium)
                  for e in entries]
    return [(by_id[c.entry_id], c) for c in priority_order(candidates, priority)]


def waits_for(entry: WaitingListEntry, session: ClubSession, booked: set[tuple[int, int]]) -> bool:
    """Whether a waiting entry of the session's club is a candidate for a place in that session.

    Its own entries and club-wide ones wanting its weekday, unless the child is already booked in it
    (``booked`` holds (session, child) pairs).
    """
    if entry.status != "waiting" or entry.club_id != session.club_id:
        return False
    if (session.id, entry.child_id) in booked:
        return False
    if entry.session_id is not None:
        return entry.session_id == session.id
    return not entry.weekdays or session.day.weekday() in weekday_set(entry.weekdays)


class RowReader:
    """Everything the rows of some entries show, loaded once: children, clubs, schools, sessions, phones."""

    def __init__(self, s: Session, entries: Sequence[WaitingListEntry], today: date) -> None:
        child_ids = {e.child_id for e in entries}
        self.children = child_facts(s, child_ids)
        self.clubs = {c.id: c for c in s.scalars(select(Club).where(
            Club.id.in_({e.club_id for e in entries})))}
        schools = {c.school_site_id for c in self.children.values()}
        self.schools = {site_id: name for site_id, name in s.execute(
            select(Site.id, Site.name).where(Site.id.in_(schools)))}
        session_ids = {i for e in entries for i in (e.session_id, e.offered_session_id) if i}
        self.sessions = {x.id: x for x in s.scalars(select(ClubSession).where(
            ClubSession.id.in_(session_ids)))}
        self.phones = carer_phones(s, child_ids)
        self.sibling_pairs = siblings_booked(s, entries, today)
        self.priority = load_rules(s).waiting_priority

    def ordered(self, entries: Sequence[WaitingListEntry]) -> Queue:
        return order_entries(entries, self.children, self.sibling_pairs, self.priority)

    def offered(self, entries: Iterable[WaitingListEntry]) -> list[WaitingRow]:
        """Rows of entries holding an offer now (position 0)."""
        return [self.row(e, 0, None) for e in entries]

    def queued(self, queue: Iterable[tuple[WaitingListEntry, Candidate]],
               session_id: int | None = None) -> list[WaitingRow]:
        """Rows of a queue numbered from 1; with ``session_id``, only that session's own entries."""
        return [self.row(e, i, c) for i, (e, c) in enumerate(queue, 1)
                if session_id is None or e.session_id == session_id]

    def row(self, e: WaitingListEntry, position: int, c: Candidate | None) -> WaitingRow:
        child = self.children[e.child_id]
        club = self.clubs[e.club_id]
        day = self.sessions[e.session_id].day if e.session_id else None
        offered = self.sessions[e.offered_session_id].day if e.offered_session_id else None
        return WaitingRow(
            e.id, child.id, f"{child.preferred_forename or child.forename} "
            f"{child.preferred_surname or child.surname}", self.schools.get(child.school_site_id, ""),
            year_label(child.year_group), club.id, club.name, e.session_id, day,
            weekdays_label(e.weekdays or club.weekdays), format_local(e.joined_at), e.status,
            position, c.sibling_booked if c else False,
            c.funded if c else (child.fsm or child.pupil_premium), offered,
            self.phones.get(child.id, ()))
