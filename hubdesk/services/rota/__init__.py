"""The rota domain's public face: what other layers and domains may import."""

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
from hubdesk.services.rota.ical import shifts_calendar
from hubdesk.services.rota.queries import RotaSettings, load_sessions, monday_of
from hubdesk.services.rota.service import RotaService

__all__ = [
    "AssignForm", "Candidate", "ExpiringItem", "PersonWeek", "ProblemRow", "Proposal", "RatioBandRow",
    "RotaService", "RotaSettings", "SessionCell", "SessionStaffing", "ShiftRow", "StaffWeek", "WeekGrid",
    "load_sessions", "monday_of", "propose", "shifts_calendar",
]
