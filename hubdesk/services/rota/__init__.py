"""The rota domain's public face: what other layers and domains may import."""

from typing import TYPE_CHECKING, Any

from hubdesk.services.rota.dto import (
    AssignForm,
    Candidate,
    ExpiringItem,
    PersonWeek,
    ProblemRow,
    Proposal,
    RatioBandRow,
    SessionCell,
    SessionStaffing,
    ShiftRow,
    StaffWeek,
    WeekGrid,
)
from hubdesk.services.rota.fill import propose
from hubdesk.services.rota.queries import RotaSettings, load_sessions, monday_of
from hubdesk.services.rota.service import RotaService

if TYPE_CHECKING:
    from hubdesk.services.rota.ical import shifts_calendar


def __getattr__(name: str) -> Any:
    """The iCalendar export loads icalendar (and through it asyncio) when asked for, not with the
    rota: the rota's printout and page never need it."""
    if name == "shifts_calendar":
        from hubdesk.services.rota.ical import shifts_calendar

        return shifts_calendar
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "AssignForm", "Candidate", "ExpiringItem", "PersonWeek", "ProblemRow", "Proposal", "RatioBandRow",
    "RotaService", "RotaSettings", "SessionCell", "SessionStaffing", "ShiftRow", "StaffWeek", "WeekGrid",
    "load_sessions", "monday_of", "propose", "shifts_calendar",
]
