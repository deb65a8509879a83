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
from hubdesk.core.permissions import Actor
from hubdesk.services.minibus.assign import AssignProposal, MinibusAssign
from hubdesk.services.minibus.checks import MinibusChecks
from hubdesk.services.minibus.journey import store_office_phone
from hubdesk.services.minibus.needs import MinibusNeeds, Need, NeedRow, derive_needs
from hubdesk.services.minibus.passengers import Boarding, add_rider
from hubdesk.services.minibus.patterns import MinibusPatterns, PatternChange, PatternForm
from hubdesk.services.minibus.queries import load_runs, monday_of
from hubdesk.services.minibus.runs import (
    MinibusRuns,
    PassengerRow,
    RunDetail,
    RunForm,
    RunRow,
    StopForm,
    sync_shifts,
)
from hubdesk.services.minibus.settings import (
    ESCORT_LABELS,
    MinibusSettings,
    MinibusSettingsService,
    SiteRule,
    load_settings,
)
from hubdesk.services.minibus.sheets import (
    MinibusSheets,
    RunSheet,
    SheetPassenger,
    TimetableRun,
    WeekTimetable,
)
from hubdesk.services.minibus.vehicles import (
    CHECK_ITEMS,
    CheckForm,
    CheckItem,
    MinibusVehicles,
    VehicleForm,
    VehicleRow,
)


class Minibus:
    """The minibus services, built once in the composition root."""

    def __init__(self, factory: sessionmaker[Session], user: Actor | str | None, clock: Clock) -> None:
        self.vehicles = MinibusVehicles(factory, user, clock)
        self.runs = MinibusRuns(factory, user, clock)
        self.patterns = MinibusPatterns(factory, user, clock)
        self.needs = MinibusNeeds(factory, user, clock)
        self.checks = MinibusChecks(factory, user, clock)
        self.assign = MinibusAssign(factory, user, clock)
        self.sheets = MinibusSheets(factory, user, clock)
        self.settings = MinibusSettingsService(factory, user, clock)

__all__ = [
    "CHECK_ITEMS",
    "ESCORT_LABELS",
    "AssignProposal",
    "Boarding",
    "CheckForm",
    "CheckItem",
    "Clock",
    "Minibus",
    "MinibusAssign",
    "MinibusChecks",
    "MinibusNeeds",
    "MinibusPatterns",
    "MinibusRuns",
    "MinibusSettings",
    "MinibusSettingsService",
    "MinibusSheets",
    "MinibusVehicles",
    "Need",
    "NeedRow",
    "PassengerRow",
    "PatternChange",
    "PatternForm",
    "RunDetail",
    "RunForm",
    "RunRow",
    "RunSheet",
    "Session",
    "SheetPassenger",
    "SiteRule",
    "StopForm",
    "TimetableRun",
    "VehicleForm",
    "VehicleRow",
    "WeekTimetable",
    "add_rider",
    "annotations",
    "derive_needs",
    "load_runs",
    "load_settings",
    "monday_of",
    "sessionmaker",
    "store_office_phone",
    "sync_shifts",
]
