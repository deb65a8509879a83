"""Parent learning, one entry point for the front ends: courses, learners, crèche, printouts.

The work is split by responsibility into ``learning_courses`` (courses and their sessions),
``learning_enrolments`` (learners, waiting list, registers, progress), ``learning_creche``
(crèche children, bookings, ratios, register), ``learning_clash`` (the family clash check) and
``learning_reports`` (what the PDFs show).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session, sessionmaker

from hubdesk.core.clock import Clock
from hubdesk.core.permissions import Actor
from hubdesk.services.learning.creche import (
    CrecheBookingRow,
    CrecheChildForm,
    CrecheRegisterLine,
    CrecheService,
    CrecheSessionRow,
    load_rules,
)

if TYPE_CHECKING:
    from hubdesk.services.learning.courses import (
        WEEKDAY_NAMES,
        CourseForm,
        CourseRow,
        CourseService,
        SessionRow,
        session_dates,
    )
    from hubdesk.services.learning.enrolments import (
        EnrolmentService,
        EnrolResult,
        LearnerRow,
        Mark,
        ProgressNotes,
        RegisterLine,
    )
    from hubdesk.services.learning.reports import (
        NO_SCHOOL,
        Certificate,
        CrecheLine,
        LearningReportService,
        RegisterSheet,
        SheetLine,
        TermSummary,
    )


def __getattr__(name: str) -> Any:
    """Courses, enrolments and the printouts' reading load when first asked for: the rota needs only
    the crèche's ratio rules (``load_rules``), and its printout loaded all of parent learning."""
    if name in __all__:  # only a name not loaded yet comes here
        from hubdesk.services.learning import courses, enrolments, reports

        for module in (courses, enrolments, reports):
            if hasattr(module, name):
                return getattr(module, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class Learning:
    """The parent-learning services, built once in the composition root."""

    def __init__(self, factory: sessionmaker[Session], user: Actor | str | None, clock: Clock) -> None:
        from hubdesk.services.learning.courses import CourseService
        from hubdesk.services.learning.enrolments import EnrolmentService
        from hubdesk.services.learning.reports import LearningReportService

        self.courses = CourseService(factory, user, clock)
        self.enrolments = EnrolmentService(factory, user, clock)
        self.creche = CrecheService(factory, user, clock)
        self.reports = LearningReportService(factory, user, clock)

__all__ = [
    "NO_SCHOOL",
    "WEEKDAY_NAMES",
    "Certificate",
    "Clock",
    "CourseForm",
    "CourseRow",
    "CourseService",
    "CrecheBookingRow",
    "CrecheChildForm",
    "CrecheLine",
    "CrecheRegisterLine",
    "CrecheService",
    "CrecheSessionRow",
    "EnrolResult",
    "EnrolmentService",
    "LearnerRow",
    "Learning",
    "LearningReportService",
    "Mark",
    "ProgressNotes",
    "RegisterLine",
    "RegisterSheet",
    "Session",
    "SessionRow",
    "SheetLine",
    "TermSummary",
    "annotations",
    "load_rules",
    "session_dates",
    "sessionmaker",
]
