"""Registers, one entry point for the front ends.

The work is split by responsibility: ``registers_take`` (signing in and out, absences, unbooked
arrivals, one-off collection permissions), ``registers_collect`` (who may collect),
``registers_late`` (late collection, calls, fee rule), ``registers_site`` (who is on site now,
fire drills), ``registers_health`` (accidents and incidents) with ``registers_medicines``
(written permissions and doses), and ``registers_staff`` (staff on duty, from the rota's shifts).
``registers_common`` holds the register DTOs and the bulk loading.
"""

from __future__ import annotations

from sqlalchemy.orm import Session, sessionmaker

from hubdesk.core.clock import Clock
from hubdesk.core.permissions import Actor
from hubdesk.services.registers.health import (
    DoseRow,
    HealthLogService,
    IncidentForm,
    IncidentRow,
    MedicineDue,
    PermissionForm,
    PermissionRow,
)
from hubdesk.services.registers.late import LateChild, LateCollectionService, LateFeeRule
from hubdesk.services.registers.queries import (
    SCHOOL_DAY_CLUBS,
    Collector,
    Register,
    RegisterLine,
    SessionHeader,
    current_medicines,
    hhmm,
    moment,
)
from hubdesk.services.registers.sign_in import KINDS, SignInBookService, SignInForm, SignInRow
from hubdesk.services.registers.site import DrillForm, DrillRow, FireList, OnSiteChild, SiteRollService
from hubdesk.services.registers.take import RegisterService


class Registers:
    """The register services, built once in the composition root."""

    def __init__(self, factory: sessionmaker[Session], user: Actor | str | None, clock: Clock) -> None:
        self.take = RegisterService(factory, user, clock)
        self.late = LateCollectionService(factory, user, clock)
        self.site = SiteRollService(factory, user, clock)
        self.health = HealthLogService(factory, user, clock)
        self.book = SignInBookService(factory, user, clock)

__all__ = [
    "KINDS",
    "SCHOOL_DAY_CLUBS",
    "Clock",
    "Collector",
    "DoseRow",
    "DrillForm",
    "DrillRow",
    "FireList",
    "HealthLogService",
    "IncidentForm",
    "IncidentRow",
    "LateChild",
    "LateCollectionService",
    "LateFeeRule",
    "MedicineDue",
    "OnSiteChild",
    "PermissionForm",
    "PermissionRow",
    "Register",
    "RegisterLine",
    "RegisterService",
    "Registers",
    "Session",
    "SessionHeader",
    "SignInBookService",
    "SignInForm",
    "SignInRow",
    "SiteRollService",
    "annotations",
    "current_medicines",
    "hhmm",
    "moment",
    "sessionmaker",
]
