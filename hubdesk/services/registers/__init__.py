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
from hubdesk.services.registers.health import HealthLogService
from hubdesk.services.registers.late import LateCollectionService
from hubdesk.services.registers.sign_in import SignInBookService
from hubdesk.services.registers.site import SiteRollService
from hubdesk.services.registers.take import RegisterService


class Registers:
    """The register services, built once in the composition root."""

    def __init__(self, factory: sessionmaker[Session], user: str | None, clock: Clock) -> None:
        self.take = RegisterService(factory, user, clock)
        self.late = LateCollectionService(factory, user, clock)
        self.site = SiteRollService(factory, user, clock)
        self.health = HealthLogService(factory, user, clock)
        self.book = SignInBookService(factory, user, clock)
