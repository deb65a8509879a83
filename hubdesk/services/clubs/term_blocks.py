"""Term blocks: a booking that takes every running session of a term at once is charged the club's
term block price (when it has one), spread over the sessions so each place carries its share."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from hubdesk.core.models import CalendarEntry, Club, ClubBlockPrice, ClubSession
from hubdesk.core.rules.charging import block_shares


def block_price_on(s: Session, club_id: int, day: date, now: datetime) -> int | None:
    """The block price for a term starting on ``day`` that is known ``now`` (None: no block)."""
    return s.scalar(select(ClubBlockPrice.pence).where(
        ClubBlockPrice.club_id == club_id, ClubBlockPrice.from_date <= day,
        ClubBlockPrice.created_at <= now).order_by(
        ClubBlockPrice.from_date.desc(), ClubBlockPrice.created_at.desc(),
        ClubBlockPrice.id.desc()).limit(1))


def term_block_shares(s: Session, club_id: int, session_ids: Sequence[int],
                      now: datetime) -> dict[int, int]:
    """Each session's share of the block price for every term whose running sessions of this club
    are all among ``session_ids``; sessions outside a whole term are left out (session price)."""
    wanted = set(session_ids)
    if not wanted or not s.scalar(select(ClubBlockPrice.id).where(
            ClubBlockPrice.club_id == club_id).limit(1)):
        return {}
    site_id = s.scalar(select(Club.site_id).where(Club.id == club_id))
    terms = s.execute(select(CalendarEntry.start_date, CalendarEntry.end_date).where(
        CalendarEntry.site_id == site_id, CalendarEntry.kind == "term")).all()
    running = s.execute(select(ClubSession.id, ClubSession.day).where(
        ClubSession.club_id == club_id, ClubSession.status == "running")).all()
    shares: dict[int, int] = {}
    for start, end in terms:
        in_term = sorted((day, sid) for sid, day in running if start <= day <= end)
        if not in_term or not {sid for _day, sid in in_term} <= wanted:
            continue
        price = block_price_on(s, club_id, start, now)
        if price is None:
            continue
        for (_day, sid), share in zip(in_term, block_shares(price, len(in_term)), strict=True):
            shares[sid] = share
    return shares
