"""The staff rota on the demo cluster: the services, the page switch and the Put on click.

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_rota.py [--database demo.db --today 2026-11-30]

Without --database a scale-1 demo is built for the benchmarks' day. With --database (a copy: Put on
writes shifts) give --today the day that demo was built, because `hubdesk demo` puts its shifts in
the week it is run in. Targets (issues 6 and 14): checking the whole cluster's week under 300 ms; a
site's grid (service) under 300 ms; switching to the Staff rota page under 100 ms at scale 1 and
300 ms at scale 10, first and later visits; Put on in a session's dialog under 100 ms at scale 1;
the rota PDF of every site under 1 s.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from common import TODAY, bench_open, demo_app, report, settings_for, timed
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QApplication

from hubdesk.app import HubApp
from hubdesk.core.clock import Clock
from hubdesk.reports.rota import write_site_rota
from hubdesk.ui.rota.dialogs import SessionStaffDialog
from hubdesk.ui.shell import feedback
from hubdesk.ui.shell.main import qt_app
from hubdesk.ui.shell.main_window import MainWindow

LATER_VISITS = 5


def services(app: HubApp, day: date) -> int:
    """The service calls behind the page; returns the busiest site's id."""
    report(f"Check the cluster's week ({len(app.rota.problems(day))} problems)",
           timed(lambda: app.rota.problems(day)), 300)
    busiest = max(app.sites.list(), key=lambda x: len(app.rota.week_grid(x.id or 0, day).sessions))
    site_id = busiest.id or 0
    grid = app.rota.week_grid(site_id, day)
    report(f"One site's grid, service ({len(grid.sessions)} sessions, {len(grid.staff)} staff)",
           timed(lambda: app.rota.week_grid(site_id, day)), 300)
    staff_id = grid.staff[0].staff_id if grid.staff else app.staff.list()[0].id
    report("A person's week, service", timed(lambda: app.rota.person_week(staff_id, day)), 100)
    cell = next(c for c in grid.sessions if c.kind == "club")
    report("A session's dialog: its staff and candidates, service",
           timed(lambda: app.rota.session_staffing(cell.target, cell.day)), 100)
    profile = cProfile.Profile()
    started = time.perf_counter()
    profile.runcall(app.rota.week_grids, day)
    report("Every site's week (service, under cProfile)", (time.perf_counter() - started) * 1000, 1000)
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "rota.pdf"
        report("Rota PDF of every site for a week",
               timed(lambda: write_site_rota(app.rota.week_grids(day), target), repeat=3), 1000)
    return site_id


def page_switch(qapp: QApplication, app: HubApp, site_id: int, target_ms: float) -> None:
    """Switch to the Staff rota page in the main window: the first visit builds it."""
    window = MainWindow(app)
    window.show()
    qapp.processEvents()
    QThreadPool.globalInstance().waitForDone()  # Today's areas, read behind the window
    qapp.processEvents()

    def visit() -> float:
        window.show_page("Staff")
        qapp.processEvents()
        started = time.perf_counter()
        window.show_page("Staff rota")
        qapp.processEvents()
        return (time.perf_counter() - started) * 1000

    first = visit()
    window.pages["Staff rota"].choose_site(site_id)  # the busiest site from now on (remembered)
    later = statistics.median(visit() for _ in range(LATER_VISITS))
    report("Switch to Staff rota, first visit", first, target_ms)
    report("Switch to Staff rota, later visits (busiest site)", later, target_ms)
    window.close()
    window.deleteLater()
    qapp.processEvents()


def put_on(qapp: QApplication, app: HubApp, day: date) -> None:
    """Put on clicked in a session's dialog (assign, then the dialog shows the session again)."""
    feedback.inform = lambda *_a: None  # type: ignore[assignment]
    times: list[float] = []
    cells = [c for g in app.rota.week_grids(day) for c in g.sessions if c.kind == "club"]
    for cell in cells[::3]:
        dialog = SessionStaffDialog(app, cell)
        dialog.show()
        allowed = [n for n in range(dialog.candidates.count())
                   if "may not work" not in dialog.candidates.item(n).text()]
        if allowed:
            dialog.candidates.setCurrentRow(allowed[0])
            started = time.perf_counter()
            dialog.add_button.click()
            qapp.processEvents()
            times.append((time.perf_counter() - started) * 1000)
        dialog.deleteLater()
        if len(times) == 7:
            break
    report(f"Put on clicked in a session's dialog (median of {len(times)})",
           statistics.median(times), 100)


def run(app: HubApp, day: date, target_ms: float) -> None:
    qapp = qt_app()
    site_id = services(app, day)
    page_switch(qapp, app, site_id, target_ms)
    put_on(qapp, app, day)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", help="a copy of a demo database (else a scale-1 demo is built)")
    parser.add_argument("--today", type=date.fromisoformat, default=TODAY,
                        help="the day the demo was built (its rota's week)")
    parser.add_argument("--target", type=float, default=100.0, help="page switch target in ms")
    args = parser.parse_args()
    if args.database:
        app = bench_open(settings_for(Path(args.database)), clock=Clock.at_local(args.today, 12))
        try:
            run(app, args.today, args.target)
        finally:
            app.close()
        return 0
    with demo_app(scale=1) as (app, _summary):
        run(app, TODAY, args.target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
