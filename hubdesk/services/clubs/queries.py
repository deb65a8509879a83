"""What the club, booking and waiting-list services share inside one transaction.

``take_place`` and ``free_place`` are the only code that changes a session's counters: a
conditional UPDATE, so the database itself decides who gets the last place (SQLite serialises
writers with BEGIN IMMEDIATE; PostgreSQL re-checks the WHERE after the row lock), and a CHECK
constraint refuses ``booked + held > capacity`` whatever the code does.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from sqlalchemy import Update, select, update
from sqlalchemy.orm import Session, aliased

from hubdesk.core.clock import LONDON
from hubdesk.core.models import Carer, Child, ChildCarer, Club, ClubSession, MetaValue
from hubdesk.core.rules.club_rules import DEFAULT_RULES, ClubRules, rules_from_json
from hubdesk.services.base import fetch

RULES_KEY = "club_rules"
UTC = ZoneInfo("UTC")


def load_club(s: Session, club_id: int) -> Club:
    return fetch(s, Club, club_id, "That club no longer exists.")


def load_session(s: Session, session_id: int) -> ClubSession:
    return fetch(s, ClubSession, session_id, "That club session no longer exists.")


def load_child(s: Session, child_id: int) -> Child:
    return fetch(s, Child, child_id, "That child no longer exists.")


def child_name(child: Child) -> str:
    return f"{child.preferred_forename or child.forename} {child.preferred_surname or child.surname}"


def time_span(start: time, end: time) -> str:
    return f"{start:%H:%M}–{end:%H:%M}"


def load_rules(s: Session) -> ClubRules:
    stored = s.get(MetaValue, RULES_KEY)
    return DEFAULT_RULES if stored is None else rules_from_json(stored.value)


def start_moment(day: date, start: time) -> datetime:
    """A session's start as a naive UTC moment (club times are London wall-clock times)."""
    local = datetime.combine(day, start, tzinfo=LONDON)
    return local.astimezone(UTC).replace(tzinfo=None)


def take_place(s: Session, session_id: int, from_held: bool = False) -> bool:
    """Book one place if one is free (or turn a held place into a booking); False when full."""
    t = ClubSession
    stmt = update(t).where(t.id == session_id, t.status == "running")
    if from_held:
        stmt = stmt.where(t.held > 0).values(booked=t.booked + 1, held=t.held - 1)
    else:
        stmt = stmt.where(t.booked + t.held < t.capacity).values(booked=t.booked + 1)
    return _changed(s, stmt) == 1


def take_places(s: Session, session_ids: list[int]) -> set[int]:
    """Book one place in each session that has one free, in one statement; returns those booked.

    The same conditional UPDATE as ``take_place``, for many sessions at once (RETURNING names the
    rows it changed; both SQLite 3.35+ and PostgreSQL have it).
    """
    if not session_ids:
        return set()
    if not s.get_bind().dialect.update_returning:
        return {i for i in session_ids if take_place(s, i)}
    t = ClubSession
    taken: set[int] = set()
    for chunk in range(0, len(session_ids), 500):
        stmt = (update(t).where(t.id.in_(session_ids[chunk:chunk + 500]), t.status == "running",
                                t.booked + t.held < t.capacity)
                .values(booked=t.booked + 1).returning(t.id)
                .execution_options(synchronize_session=False))
        taken.update(s.execute(stmt).scalars())
    return taken


def hold_place(s: Session, session_id: int) -> bool:
    """Hold a free place for a waiting-list offer; False when none is free."""
    t = ClubSession
    stmt = (update(t).where(t.id == session_id, t.status == "running",
                            t.booked + t.held < t.capacity)
            .values(held=t.held + 1))
    return _changed(s, stmt) == 1


def release_held(s: Session, session_id: int) -> None:
    t = ClubSession
    _changed(s, update(t).where(t.id == session_id, t.held > 0).values(held=t.held - 1))


def free_places(s: Session, session_ids: Iterable[int]) -> None:
    """Give back one booked place in each session (each id once per cancelled booking)."""
    ids = list(session_ids)
    t = ClubSession
    for chunk in range(0, len(ids), 500):
        _changed(s, update(t).where(t.id.in_(ids[chunk:chunk + 500])).values(booked=t.booked - 1))


def _changed(s: Session, stmt: Update) -> int:
    """Run a counter UPDATE without touching loaded objects; returns the rows changed."""
    result = s.execute(stmt.execution_options(synchronize_session=False))
    return int(result.rowcount)  # type: ignore[attr-defined]  # an UPDATE gives a CursorResult


def family_ids(s: Session, child_id: int) -> list[int]:
    """The child and every child sharing a carer with them (brothers, sisters, step-siblings)."""
    mine = aliased(ChildCarer)
    theirs = aliased(ChildCarer)
    stmt = (select(theirs.child_id).join(mine, mine.carer_id == theirs.carer_id)
            .where(mine.child_id == child_id))
    found = set(s.scalars(stmt))
    found.add(child_id)
    return sorted(found)


def carer_phones(s: Session, child_ids: Iterable[int]) -> dict[int, tuple[str, ...]]:
    """'Name: phone' for each child's carers, emergency order first, for telling families."""
    ids = list(child_ids)
    result: dict[int, list[str]] = {cid: [] for cid in ids}
    if not ids:
        return {}
    # The columns shown, not whole carers: a cluster's waiting lists name a few thousand.
    stmt = (select(ChildCarer.child_id, ChildCarer.emergency_priority, Carer.surname, Carer.forename,
                   Carer.phone_mobile, Carer.phone_home, Carer.phone_work)
            .join(Carer, Carer.id == ChildCarer.carer_id)
            .where(ChildCarer.child_id.in_(ids), ChildCarer.must_not_collect.is_(False)))
    rows = sorted(s.execute(stmt), key=lambda r: (r[1] is None, r[1] or 0, r[2]))
    for child_id, _priority, surname, forename, mobile, home, work in rows:
        phone = mobile or home or work or "no phone"
        name = f"{forename} {surname}".strip()
        result[child_id].append(f"{name}: {phone}")
    return {cid: tuple(v) for cid, v in result.items()}
