"""The database's refusals as sentences for the office: constraint failures, values too long, a busy
or full database, a server gone, a damaged file.

Shared by the services' ORM sessions (``services/base.py``) and signing in on a Core connection
(which runs before the ORM has loaded), so this module imports no ORM.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy.exc import DatabaseError, DataError, IntegrityError, OperationalError, SQLAlchemyError

from hubdesk.core.errors import Conflict, DatabaseDamaged, DomainError, ValidationError

SERVER_GONE = ("The database server cannot be reached (the network or the server is down). Check the "
               "network and try again; tell whoever looks after the server if it goes on.")
_GONE = ("connection failed", "server closed the connection", "connection is lost",
         "connection is closed", "terminating connection", "could not connect")


def server_gone(exc: OperationalError) -> bool:
    """True when a server connection failed or broke off (not when a statement was refused)."""
    return exc.connection_invalidated or any(word in str(exc.orig).lower() for word in _GONE)


# SQLite and PostgreSQL saying the disk is full or the file can no longer be written.
_CANNOT_WRITE = ("disk is full", "no space left", "disk i/o error", "readonly database",
                 "read-only file system")
# SQLite: "database is locked/busy"; PostgreSQL: two transactions waited on each other.
_BUSY = ("locked", "busy", "deadlock detected", "could not serialize access")

_MESSAGES = {
    "uq_children_upn": "Another child already has this UPN.",
    "uq_children_school_site_id": "Another child at this school already has this MIS id.",
    "uq_sites_name": "Another site already has this name.",
    "uq_sites_dfe_number": "Another site already has this DfE number.",
    "uq_rooms_site_id": "This site already has a room with that name.",
    "collect_consistent": "A carer cannot both be allowed to collect and be barred from collecting.",
    "year_group_range": "The year group must be Nursery, Reception or Y1 to Y6.",
    "dates_in_order": "The end date must be on or after the start date.",
    "minutes_range": "Travel time must be between 1 and 600 minutes.",
    "places_within_capacity": "The session is full: another PC has just taken the last place. Nothing was "
                              "booked; offer the waiting list instead.",
    "UNIQUE constraint failed: session_bookings.session_id, session_bookings.child_id":
        "The child is already booked into that session.",
    "uq_session_bookings_live": "The child is already booked into that session.",
    "UNIQUE constraint failed: clubs.site_id, clubs.name": "This site already has a club with that name.",
    "uq_clubs_site_id": "This site already has a club with that name.",
    "UNIQUE constraint failed: vehicles.registration": "Another vehicle already has this registration.",
    "uq_vehicles_registration": "Another vehicle already has this registration.",
    "uq_shifts_club_live": "This person is already on that session.",
    "UNIQUE constraint failed: shifts.staff_id, shifts.club_session_id":
        "This person is already on that session.",
    "FOREIGN KEY": "This record is still used elsewhere, or refers to a record that is gone.",
    "violates foreign key constraint":
        "This record is still used elsewhere, or refers to a record that is gone.",
    "UNIQUE constraint failed: children.upn": "Another child already has this UPN.",
    "UNIQUE constraint failed: sites.name": "Another site already has this name.",
    "UNIQUE constraint failed: sites.dfe_number": "Another site already has this DfE number.",
}


def integrity_message(exc: IntegrityError) -> str:
    """A sentence for the office from a database constraint failure."""
    text = str(exc.orig)
    for key, message in _MESSAGES.items():
        if key in text:
            return message
    return f"The change was refused by the database ({text}). Nothing was saved."


def data_message(exc: DataError) -> str:
    """A sentence for a value the database cannot store (PostgreSQL enforces text lengths)."""
    text = str(exc.orig)
    too_long = re.search(r"character varying\((\d+)\)", text)
    if too_long:
        return (f"A text is longer than the {too_long.group(1)} characters the database keeps. "
                "Shorten it; nothing was saved.")
    return f"A value cannot be stored ({text.splitlines()[0]}). Nothing was saved."


DAMAGED_READ = ("The database file is damaged ({}), so this could not be read; nothing was changed. "
                "Restore the newest good backup: File › Backups…, or 'hubdesk backup --restore'.")


def damaged_file(exc: DatabaseError) -> bool:
    """SQLite's own words for a damaged file (not a busy or missing one)."""
    text = str(exc.orig).lower()
    return "malformed" in text or "not a database" in text


def write_refused(exc: BaseException) -> DomainError | None:
    """The sentence for a write the database refused; None for anything else (a fault, raised on)."""
    if isinstance(exc, IntegrityError):
        return Conflict(integrity_message(exc))
    if isinstance(exc, DataError):
        return ValidationError(data_message(exc))
    if isinstance(exc, OperationalError):
        words = str(exc).lower()
        if any(word in words for word in _BUSY):
            return Conflict("The database is busy with another change. Wait a moment and try again.")
        if server_gone(exc):
            return DomainError(SERVER_GONE + " Nothing was saved.")
        if any(word in words for word in _CANNOT_WRITE):
            return DomainError(
                "The database could not be written: the disk is full or its folder can no longer be "
                f"written to ({str(exc.orig).strip()[:120]}). Nothing was saved. Free some space or "
                "check the folder, then try again.")
    return None


def read_refused(exc: BaseException) -> DomainError | None:
    """The sentence for a read the database refused (a server gone, a damaged page); else None."""
    if isinstance(exc, OperationalError):
        return DomainError(SERVER_GONE) if server_gone(exc) else None
    if isinstance(exc, DatabaseError) and damaged_file(exc):
        return DatabaseDamaged(DAMAGED_READ.format(exc.orig))
    return None


@contextmanager
def as_sentences(refused: Callable[[BaseException], DomainError | None]) -> Iterator[None]:
    """Within the block, a database refusal that ``refused`` (``write_refused`` or ``read_refused``)
    has a sentence for is raised as that DomainError, the original chained; anything else goes on."""
    try:
        yield
    except SQLAlchemyError as exc:
        sentence = refused(exc)
        if sentence is None:
            raise
        raise sentence from exc
