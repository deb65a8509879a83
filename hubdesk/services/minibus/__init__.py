"""The shared minibus, one entry point for the front ends.

Split by responsibility: ``minibus_vehicles`` (vehicles, walk-round checks, service history),
``minibus_runs`` (dated runs, stops, passengers, rota shifts for driver and escort),
``minibus_patterns`` (weekly runs over term dates), ``minibus_needs`` (needs derived from bookings,
shifts and transport requests), ``minibus_checks`` (blocking and warning checks),
``minibus_assign`` (the automatic assignment), ``minibus_sheets`` (what the PDFs print) and
``minibus_settings`` (school times, longest ride, loading minutes, escort rule: the office's data).
"""

from __future__ import annotations

from functools import cached_property
from importlib import import_module
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session, sessionmaker

from hubdesk.core.clock import Clock
from hubdesk.core.permissions import Actor

if TYPE_CHECKING:
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

# Each name's module, imported the first time the name is used: printing the week's timetable
# loads the sheets and checks, not the automatic assignment, the patterns or the vehicles.
_WHERE = {
    "AssignProposal": "assign",
    "MinibusAssign": "assign",
    "MinibusChecks": "checks",
    "store_office_phone": "journey",
    "MinibusNeeds": "needs",
    "Need": "needs",
    "NeedRow": "needs",
    "derive_needs": "needs",
    "Boarding": "passengers",
    "add_rider": "passengers",
    "MinibusPatterns": "patterns",
    "PatternChange": "patterns",
    "PatternForm": "patterns",
    "load_runs": "queries",
    "monday_of": "queries",
    "MinibusRuns": "runs",
    "PassengerRow": "runs",
    "RunDetail": "runs",
    "RunForm": "runs",
    "RunRow": "runs",
    "StopForm": "runs",
    "sync_shifts": "runs",
    "ESCORT_LABELS": "settings",
    "MinibusSettings": "settings",
    "MinibusSettingsService": "settings",
    "SiteRule": "settings",
    "load_settings": "settings",
    "MinibusSheets": "sheets",
    "RunSheet": "sheets",
    "SheetPassenger": "sheets",
    "TimetableRun": "sheets",
    "WeekTimetable": "sheets",
    "CHECK_ITEMS": "vehicles",
    "CheckForm": "vehicles",
    "CheckItem": "vehicles",
    "MinibusVehicles": "vehicles",
    "VehicleForm": "vehicles",
    "VehicleRow": "vehicles",
}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


class Minibus:
    """The minibus services, built once in the composition root; each part on first use."""

    def __init__(self, factory: sessionmaker[Session], user: Actor | str | None, clock: Clock) -> None:
        self._factory, self._user, self._clock = factory, user, clock

    @cached_property
    def vehicles(self) -> MinibusVehicles:
        from hubdesk.services.minibus.vehicles import MinibusVehicles

        return MinibusVehicles(self._factory, self._user, self._clock)

    @cached_property
    def runs(self) -> MinibusRuns:
        from hubdesk.services.minibus.runs import MinibusRuns

        return MinibusRuns(self._factory, self._user, self._clock)

    @cached_property
    def patterns(self) -> MinibusPatterns:
        from hubdesk.services.minibus.patterns import MinibusPatterns

        return MinibusPatterns(self._factory, self._user, self._clock)

    @cached_property
    def needs(self) -> MinibusNeeds:
        from hubdesk.services.minibus.needs import MinibusNeeds

        return MinibusNeeds(self._factory, self._user, self._clock)

    @cached_property
    def checks(self) -> MinibusChecks:
        from hubdesk.services.minibus.checks import MinibusChecks

        return MinibusChecks(self._factory, self._user, self._clock)

    @cached_property
    def assign(self) -> MinibusAssign:
        from hubdesk.services.minibus.assign import MinibusAssign

        return MinibusAssign(self._factory, self._user, self._clock)

    @cached_property
    def sheets(self) -> MinibusSheets:
        from hubdesk.services.minibus.sheets import MinibusSheets

        return MinibusSheets(self._factory, self._user, self._clock)

    @cached_property
    def settings(self) -> MinibusSettingsService:
        from hubdesk.services.minibus.settings import MinibusSettingsService

        return MinibusSettingsService(self._factory, self._user, self._clock)


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
