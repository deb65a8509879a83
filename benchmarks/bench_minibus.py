"""Minibus speed: checking a week of runs (target 300 ms), 'assign automatically' for a day of about
150 needs (target 1 s), and drawing the week's timeline (target 300 ms).

The demo cluster gets every day of its week assigned automatically first (so the week holds the
demo's runs plus the proposed ones). The assignment is timed twice: the service on the demo's
busiest day (database reads included), and the pure rule on 150 needs across eight sites.
"""

from __future__ import annotations

import os
import random
import sys
from datetime import timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import TODAY, demo_app, report, timed

from hubdesk.core.rules.minibus import Busy, Stop
from hubdesk.core.rules.minibus_assign import NeedSpec, RunSpec, VehicleSpec, assign


def synthetic_day(count: int = 150) -> tuple[list[NeedSpec], list[RunSpec], list[VehicleSpec]]:
    rng = random.Random(7)
    needs = []
    for n in range(count):
        start = rng.randint(1, 7)
        due = rng.choice((945, 950, 960, 990))
        needs.append(NeedSpec(f"n{n}", start, 8, 915, due, rng.random() < 0.03))
    runs = [RunSpec(i, 100 + i % 2, (Stop(i % 7 + 1, None, 915), Stop((i + 1) % 7 + 1, 925, 930),
                                     Stop(8, 940, None)), 16, 1) for i in range(1, 11)]
    vehicles = [VehicleSpec(100 + v, f"Bus {v}", 16, 1, tuple(
        Busy(r.id, 915, 940, r.stops[0].site_id, 8, "run") for r in runs if r.vehicle_id == 100 + v))
        for v in range(2)]
    return needs, runs, vehicles


def _more_buses(app: object, days: list) -> None:  # type: ignore[type-arg]
    """Six more buses, checked each day, so the assignment can make runs for every unmet need."""
    from hubdesk.services.minibus import CHECK_ITEMS, CheckForm, CheckItem, VehicleForm

    minibus = app.minibus  # type: ignore[attr-defined]
    for n in range(6):
        bus = minibus.vehicles.save(VehicleForm(
            f"BN{n} BUS", 16, name=f"Spare {n}", permit_number="S19/X",
            permit_expiry=TODAY.replace(year=2030), mot_due=TODAY.replace(year=2030),
            last_inspection=TODAY - timedelta(days=7)))
        for day in days:
            if day <= app.clock.today() + timedelta(days=1):  # type: ignore[attr-defined]
                minibus.vehicles.record_check(CheckForm(bus, day, "Benchmark", tuple(
                    CheckItem(item, True) for item in CHECK_ITEMS)))


def main() -> None:
    from PySide6.QtWidgets import QApplication

    from hubdesk.ui.minibus.page import MinibusPage
    from hubdesk.ui.shell.events import AppEvents

    qt = QApplication.instance() or QApplication([])
    needs, runs, vehicles = synthetic_day()
    result = assign(needs, runs, vehicles, lambda a, b: 10 + abs(a - b), {})
    report(f"assign automatically: rule, 150 needs ({len(result.assignments)} placed, "
           f"{len(result.new_runs)} new runs)",
           timed(lambda: assign(needs, runs, vehicles, lambda a, b: 10 + abs(a - b), {}), 5), 1000)
    with demo_app(1) as (app, _summary):
        monday = TODAY - timedelta(days=TODAY.weekday())
        days = [monday + timedelta(days=n) for n in range(5)]
        sizes = {day: len(app.minibus.needs.day(day)) for day in days}
        busiest = max(days, key=lambda d: sizes[d])
        report(f"assign automatically: service, demo {busiest:%a} ({sizes[busiest]} needs)",
               timed(lambda: app.minibus.assign.propose(busiest), 5), 1000)
        _more_buses(app, days)
        for day in days:
            app.minibus.assign.apply(app.minibus.assign.propose(day))
        count = len(app.minibus.runs.runs(days[0], days[-1]))
        report(f"check a week of runs ({count} runs)",
               timed(lambda: app.minibus.checks.check(days[0], days[-1], today=TODAY), 5), 300)
        page = MinibusPage(app, AppEvents())
        page.resize(1400, 800)
        page.mode.setCurrentIndex(1)
        page.day.setDate(page.day.date().fromString(f"{TODAY:%Y-%m-%d}", "yyyy-MM-dd"))
        page.show()
        qt.processEvents()
        report(f"timeline of a week draws ({len(page.timeline.runs)} runs, "
               f"{len(page.timeline.lanes)} lanes)", timed(lambda: page.timeline.grab(), 5), 300)
        report("Minibus page: load and show the week", timed(page.refresh, 3), 1000)
        page.close()
        _editing(app, days)


def _editing(app: object, days: list) -> None:  # type: ignore[type-arg]
    """The run editor's seat preview on the fullest run, and changing a term-long weekly run."""
    from dataclasses import replace
    from datetime import time

    from hubdesk.services.minibus import Boarding, PatternForm

    minibus = app.minibus  # type: ignore[attr-defined]
    runs = minibus.runs.runs(days[0], days[-1])
    fullest = max(runs, key=lambda r: r.passengers)
    form = minibus.runs.get(fullest.id).form
    unmet = [n for n in minibus.needs.day(fullest.day) if not n.met]
    add = tuple(Boarding(n.key) for n in unmet[:3])
    report(f"run editor: seats per stretch shown ({fullest.passengers} aboard, {len(add)} added)",
           timed(lambda: minibus.runs.seat_preview(form, add), 5), 100)
    sites = [s.id for s in app.sites.list()]  # type: ignore[attr-defined]
    stops = minibus.runs.default_stops(sites[:2], depart=time(15, 20))
    vehicle = runs[0].vehicle_id
    end = TODAY + timedelta(days=150)
    created = minibus.patterns.save(PatternForm("Benchmark weekly run", vehicle, (0, 2, 4), TODAY, end,
                                                sites[0], stops))
    pattern = minibus.patterns.get(created.pattern_id)
    later = minibus.runs.default_stops(sites[:3], depart=time(15, 25))
    report(f"change a weekly run from a date ({created.created} runs: new stops, weekdays)",
           timed(lambda: minibus.patterns.change(created.pattern_id, replace(
               pattern, stops=later, weekdays=(0, 1, 2)), TODAY + timedelta(days=7), today=TODAY), 3),
           1000)


if __name__ == "__main__":
    main()
