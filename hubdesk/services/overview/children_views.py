"""Places offered, booked and attended; take-up by group against the roll; who attended nothing.

Each is aggregated in the database (GROUP BY), so the number of statements stays the same however
many children, sessions and bookings a cluster holds.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Select, and_, func, literal_column, or_, select
from sqlalchemy.orm import Session

from hubdesk.core.models import Attendance, Carer, Child, ChildCarer, Club, ClubSession, SessionBooking, Site
from hubdesk.core.vocabulary import EAL_NEEDS, year_label
from hubdesk.services.overview.dto import CLUSTER, MissingChild, PlacesRow, TakeUpRow
from hubdesk.services.people import display_name

# Constants written into the SQL, not bound: SQLite uses a partial index (``uq_session_bookings_live``,
# WHERE status = 'booked') only when it can see the value, which makes the counts several times faster.
BOOKED = SessionBooking.status == literal_column("'booked'")
RUNNING = ClubSession.status == literal_column("'running'")
PRESENT = Attendance.status.in_((literal_column("'in'"), literal_column("'out'")))

# Grouping by "+child_id" keeps SQLite from walking every booking of the year in child order to
# save a sort: it reads the period's sessions first, then their bookings from the partial index.
# (SQLite only: PostgreSQL wants the grouped expression itself selected, and plans well anyway.)
BY_CHILD: ColumnElement[int] = literal_column("+session_bookings.child_id")

Flags = tuple[bool, bool, bool, str, str, int]  # fsm, pupil premium, looked after, SEN, EAL, year


Q = TypeVar("Q", bound="Select[*tuple[Any, ...]]")


@dataclass(frozen=True)
class Scope:
    """The period and the site chosen (None: every site)."""

    start: date
    end: date
    site_id: int | None


def _sessions(query: Q, scope: Scope) -> Q:
    """Limit a query over club sessions to the running ones of the period and site."""
    query = query.where(ClubSession.day.between(scope.start, scope.end),
                        RUNNING)
    if scope.site_id is not None:
        query = query.where(Club.site_id == scope.site_id)
    return query


def places(s: Session, scope: Scope) -> list[PlacesRow]:
    """Per site and club kind: sessions, places offered, booked (the sessions' own counts of places
    taken) and attended (two statements)."""
    keys = (Site.name, Club.kind)
    offered = _sessions(select(*keys, func.count(ClubSession.id), func.sum(ClubSession.capacity),
                               func.sum(ClubSession.booked)).select_from(ClubSession).join(
        Club, Club.id == ClubSession.club_id).join(Site, Site.id == Club.site_id),
        scope).group_by(*keys)
    # Counted per session first, in the order the day index gives them (no sort of every
    # attendance row), then added up per site and kind.
    per_session = _sessions(select(ClubSession.club_id, func.count().label("n")).join(
        Club, Club.id == ClubSession.club_id).join(
        Attendance, and_(Attendance.session_id == ClubSession.id, PRESENT)), scope).group_by(
        ClubSession.day, ClubSession.id).subquery()
    attended = select(*keys, func.sum(per_session.c.n)).select_from(per_session).join(
        Club, Club.id == per_session.c.club_id).join(Site, Site.id == Club.site_id).group_by(*keys)
    counts_attended = {(site, kind): int(n) for site, kind, n in s.execute(attended)}
    rows = [PlacesRow(site, kind, sessions, int(capacity or 0), int(booked or 0),
                      counts_attended.get((site, kind), 0))
            for site, kind, sessions, capacity, booked in s.execute(offered)]
    return sorted(rows, key=lambda r: (r.site, r.kind))


def on_roll(start: date) -> ColumnElement[bool]:
    """Children on a school's roll during the period (not left before it began)."""
    return or_(Child.left_on.is_(None), Child.left_on >= start)


def _in_year(year: int, flags: Flags) -> bool:
    return flags[5] == year


# The groups take-up is shown for: label, and the test on one GROUP BY row of flags.
GROUPS: tuple[tuple[str, Callable[[Flags], bool]], ...] = (
    ("All children", lambda f: True),
    ("FSM", lambda f: f[0]),
    ("Pupil Premium", lambda f: f[1]),
    ("Looked-after", lambda f: f[2]),
    ("SEN support", lambda f: f[3] == "support"),
    ("EHC plan", lambda f: f[3] == "ehcp"),
    ("EAL", lambda f: f[4] in EAL_NEEDS),
    *((year_label(y), partial(_in_year, y)) for y in range(-1, 7)),
)


def take_up(s: Session, scope: Scope) -> list[TakeUpRow]:
    """Each group's share of the roll beside its share of places, per school and the cluster.

    One statement: the places each child booked in the period (clubs at any site) are counted in a
    subquery and the children grouped by school and flags; the groups are then added up here.
    """
    sqlite = s.get_bind().dialect.name == "sqlite"
    per_child = select(SessionBooking.child_id.label("child_id"),
                       func.count(SessionBooking.id).label("places")).join(
        ClubSession, ClubSession.id == SessionBooking.session_id).where(
        BOOKED, RUNNING,
        ClubSession.day.between(scope.start, scope.end)).group_by(
        BY_CHILD if sqlite else SessionBooking.child_id).subquery()
    flags = (Child.fsm, Child.pupil_premium, Child.looked_after, Child.sen_level, Child.eal,
             Child.year_group)
    query = select(Site.name, *flags, func.count(Child.id), func.count(per_child.c.child_id),
                   func.coalesce(func.sum(per_child.c.places), 0)).join(
        Site, Site.id == Child.school_site_id).outerjoin(
        per_child, per_child.c.child_id == Child.id).where(on_roll(scope.start)).group_by(
        Site.name, *flags)
    if scope.site_id is not None:
        query = query.where(Child.school_site_id == scope.site_id)
    combos: dict[str, list[tuple[Flags, int, int, int]]] = defaultdict(list)
    for school, fsm, pp, lac, sen, eal, year, roll, users, booked in s.execute(query):
        row = ((bool(fsm), bool(pp), bool(lac), sen, eal, year), roll, users, int(booked))
        combos[school].append(row)
        combos[CLUSTER].append(row)
    result: list[TakeUpRow] = []
    for school in [*sorted(k for k in combos if k != CLUSTER), CLUSTER]:
        result.extend(_groups(school, combos[school]))
        if school == CLUSTER:
            result.extend(_schools(combos))
    return result


def _groups(school: str, rows: list[tuple[Flags, int, int, int]]) -> Iterable[TakeUpRow]:
    roll_total = sum(r[1] for r in rows)
    places_total = sum(r[3] for r in rows)
    for label, test in GROUPS:
        mine = [r for r in rows if test(r[0])]
        if not mine and label.startswith(("Nursery", "Reception", "Y")):
            continue  # a year group the school does not have
        yield TakeUpRow(school, label, sum(r[1] for r in mine), roll_total,
                        sum(r[2] for r in mine), sum(r[3] for r in mine), places_total)


def _schools(combos: dict[str, list[tuple[Flags, int, int, int]]]) -> Iterable[TakeUpRow]:
    """Each school as a group of the cluster: its share of the cluster's roll and places."""
    roll_total = sum(r[1] for r in combos[CLUSTER])
    places_total = sum(r[3] for r in combos[CLUSTER])
    for school in sorted(k for k in combos if k != CLUSTER):
        rows = combos[school]
        yield TakeUpRow(CLUSTER, school, sum(r[1] for r in rows), roll_total,
                        sum(r[2] for r in rows), sum(r[3] for r in rows), places_total)


def _group_words(fsm: bool, pp: bool, lac: bool, sen: str, eal: str) -> str:
    words = [w for w, on in (("FSM", fsm), ("Pupil Premium", pp), ("Looked-after", lac),
                             ("SEN support", sen == "support"), ("EHC plan", sen == "ehcp"),
                             ("EAL", eal in EAL_NEEDS)) if on]
    return ", ".join(words)


def missing(s: Session, scope: Scope) -> list[MissingChild]:
    """Children on the roll who attended no club session at all in the period, each with the first
    two carers' phones by emergency priority (one statement: a row per child and carer)."""
    # NOT EXISTS, child by child through the attendance's child index: a few rows each, where NOT IN
    # would first gather every attendance of the period.
    attended = select(Attendance.id).join(ClubSession, ClubSession.id == Attendance.session_id).where(
        Attendance.child_id == Child.id, ClubSession.day.between(scope.start, scope.end), PRESENT)
    query = select(Child.id, Child.forename, Child.surname, Child.preferred_forename,
                   Child.preferred_surname, Site.name, Child.year_group, Child.fsm,
                   Child.pupil_premium, Child.looked_after, Child.sen_level, Child.eal,
                   Carer.forename, Carer.surname, ChildCarer.relationship_, Carer.phone_mobile,
                   Carer.phone_home).join(Site, Site.id == Child.school_site_id).outerjoin(
        ChildCarer, and_(ChildCarer.child_id == Child.id, ChildCarer.must_not_collect.is_(False))
    ).outerjoin(Carer, Carer.id == ChildCarer.carer_id).where(
        on_roll(scope.start), ~attended.exists()).order_by(
        Site.name, Child.sort_key, Child.id, func.coalesce(ChildCarer.emergency_priority, 10))
    if scope.site_id is not None:
        query = query.where(Child.school_site_id == scope.site_id)
    children: dict[int, tuple[Any, ...]] = {}
    phones: dict[int, list[str]] = defaultdict(list)
    for row in s.execute(query):
        cid = row[0]
        children.setdefault(cid, tuple(row[:12]))
        fore, sur, rel, mobile, home = row[12:]
        number = mobile or home
        if number and len(phones[cid]) < 2:
            relation = f" ({rel})" if rel else ""
            phones[cid].append(f"{fore} {sur}".strip() + f"{relation} {number}")
    return [MissingChild(cid, display_name(fore, sur, pfore, psur), school, year_label(year),
                         _group_words(fsm, pp, lac, sen, eal), "; ".join(phones.get(cid, [])))
            for cid, fore, sur, pfore, psur, school, year, fsm, pp, lac, sen, eal
            in children.values()]
