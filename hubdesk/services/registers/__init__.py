"""Registers, one entry point for the front ends.

The work is split by responsibility: ``take`` (signing in and out, absences, unbooked arrivals,
one-off collection permissions), ``collect`` (who may collect), ``late`` (late collection, calls,
fee rule), ``site`` (who is on site now, fire drills), ``health`` (accidents and incidents) with
``medicines`` (written permissions and doses), ``sign_in`` (the signing-in book for other adults)
and ``staff`` (staff on duty, from the rota's shifts). ``queries`` holds the register rows and the
bulk loading.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session, sessionmaker

from hubdesk.core.clock import Clock
from hubdesk.core.permissions import Actor
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
from hubdesk.services.registers.take import RegisterService

if TYPE_CHECKING:
    from hubdesk.services.registers.health import (
        DoseRow,
        HealthLogService,
        IncidentForm,
        IncidentRow,
        MedicineDue,
        PermissionForm,
        PermissionRow,
    )
    from hubdesk.services.registers.sign_in import KINDS, SignInBookService, SignInForm, SignInRow
    from hubdesk.services.registers.site import (
        DrillForm,
        DrillRow,
        FireList,
        OnSiteChild,
        SiteRollService,
    )

# Loaded when first named: a printout of registers takes and reads, and needs none of these.
_HEALTH = {"DoseRow", "HealthLogService", "IncidentForm", "IncidentRow", "MedicineDue",
           "PermissionForm", "PermissionRow"}
_SIGN_IN = {"KINDS", "SignInBookService", "SignInForm", "SignInRow"}
_SITE = {"DrillForm", "DrillRow", "FireList", "OnSiteChild", "SiteRollService"}


def __getattr__(name: str) -> object:
    if name in _HEALTH:
        from hubdesk.services.registers import health
        return getattr(health, name)
    if name in _SIGN_IN:
        from hubdesk.services.registers import sign_in
        return getattr(sign_in, name)
    if name in _SITE:
        from hubdesk.services.registers import site
        return getattr(site, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class Registers:
    """The register services, built once in the composition root; those a printout of registers
    does not use (the site's roll, the health log, the signing-in book) when first used."""

    def __init__(self, factory: sessionmaker[Session], user: Actor | str | None, clock: Clock) -> None:
        self._made_with = (factory, user, clock)
        self.take = RegisterService(factory, user, clock)
        self.late = LateCollectionService(factory, user, clock)

    @cached_property
    def site(self) -> SiteRollService:
        from hubdesk.services.registers.site import SiteRollService
        return SiteRollService(*self._made_with)

    @cached_property
    def health(self) -> HealthLogService:
        from hubdesk.services.registers.health import HealthLogService
        return HealthLogService(*self._made_with)

    @cached_property
    def book(self) -> SignInBookService:
        from hubdesk.services.registers.sign_in import SignInBookService
        return SignInBookService(*self._made_with)


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
