"""The shared minibus, one entry point for the front ends.

Split by responsibility: ``minibus_vehicles`` (vehicles, walk-round checks, service history),
``minibus_runs`` (dated runs, stops, passengers, rota shifts for driver and escort),
``minibus_patterns`` (weekly runs over term dates), ``minibus_needs`` (needs derived from bookings,
shifts and transport requests), ``minibus_checks`` (blocking and warning checks),
``minibus_assign`` (the automatic assignment), ``minibus_sheets`` (what the PDFs print) and
``minibus_settings`` (school times, longest ride, loading minutes, escort rule: the office's data).
"""

from __future__ import annotations

from sqlalchemy.orm import Session, sessionmaker

from hubdesk.core.clock import Clock
from hubdesk.services.minibus.assign import MinibusAssign
from hubdesk.services.minibus.checks import MinibusChecks
from hubdesk.services.minibus.needs import MinibusNeeds
from hubdesk.services.minibus.patterns import MinibusPatterns
from hubdesk.services.minibus.runs import MinibusRuns
from hubdesk.services.minibus.settings import MinibusSettingsService
from hubdesk.services.minibus.sheets import MinibusSheets
from hubdesk.services.minibus.vehicles import MinibusVehicles


class Minibus:
    """The minibus services, built once in the composition root."""

    def __init__(self, factory: sessionmaker[Session], user: str | None, clock: Clock) -> None:
        self.vehicles = MinibusVehicles(factory, user, clock)
        self.runs = MinibusRuns(factory, user, clock)
        self.patterns = MinibusPatterns(factory, user, clock)
        self.needs = MinibusNeeds(factory, user, clock)
        self.checks = MinibusChecks(factory, user, clock)
        self.assign = MinibusAssign(factory, user, clock)
        self.sheets = MinibusSheets(factory, user, clock)
        self.settings = MinibusSettingsService(factory, user, clock)
