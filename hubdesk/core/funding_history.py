"""Keeps the history of children's funding flags, so free places follow the flags at the time.

Choice: a history of changes rather than a snapshot on each booking. A snapshot would have to be
written by every path that makes a booking (the booking dialog, standing bookings, imports, the
demo) and would freeze a flag for sessions months ahead; a history is written in one place, here,
whatever path changes a flag, and lets a session be charged with the flags of its own day: a child
marked FSM today keeps the charges of earlier sessions, and sessions from today on are free.

A ``before_flush`` listener on the session factory sees every change to ``fsm``,
``pupil_premium`` or ``looked_after`` made through the ORM and adds a ``FundingChange`` row with
the value replaced and the office's day of the change (from the session's clock).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session, sessionmaker

from hubdesk.core.audit import session_clock

TRACKED = ("fsm", "pupil_premium", "looked_after")


def _before_flush(session: Session, _context: Any, _instances: Any) -> None:
    if not session.dirty:
        return
    # Loaded by then (a dirty object is a model); a session of Core statements (signing in) needs none.
    from hubdesk.core.models import Child, FundingChange

    changed = [obj for obj in session.dirty if isinstance(obj, Child)]
    if not changed:
        return
    today = session_clock(session).today()
    for child in changed:
        state = inspect(child)
        for basis in TRACKED:
            hist = state.attrs[basis].history
            if not hist.has_changes() or not hist.deleted:
                continue
            before, after = bool(hist.deleted[0]), bool(hist.added[0]) if hist.added else False
            if before != after:
                session.add(FundingChange(child_id=child.id, basis=basis, before=before,
                                          changed_on=today))


def install_funding_history(factory: sessionmaker[Session]) -> None:
    """Record every change to a child's funding flags made through sessions of ``factory``."""
    event.listen(factory, "before_flush", _before_flush)
