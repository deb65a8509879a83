"""Clicks that write, through the real dialogs on the scale-1 demo: from the click to the dialog settled.

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_clicks.py

Each click is made on a fresh dialog (building it is not timed) several times on different records, and
the median is printed beside the 100 ms target. Message boxes are answered at once (Yes / OK), as the
tests do, so what is timed is hubdesk's own work: the service call, its commit and the dialog's update.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import TODAY, demo_app
from PySide6.QtWidgets import QApplication

from hubdesk.app import HubApp
from hubdesk.services.clubs.booking_plan import BookingRequest
from hubdesk.ui.clubs.booking_dialog import BookingDialog
from hubdesk.ui.clubs.cancel_booking_dialog import CancelBookingDialog
from hubdesk.ui.minibus.run_dialog import RunDialog
from hubdesk.ui.rota.dialogs import SessionStaffDialog
from hubdesk.ui.shell import feedback
from hubdesk.ui.shell.events import AppEvents
from hubdesk.ui.shell.main import qt_app

TARGET_MS = 100.0
TIMES = 5
NEXT_MONDAY = TODAY + timedelta(days=7 - TODAY.weekday())


def clicked(qapp: QApplication, click: Callable[[], object]) -> float:
    started = time.perf_counter()
    click()
    qapp.processEvents()
    return (time.perf_counter() - started) * 1000


def report(name: str, times: list[float]) -> None:
    if not times:
        print(f"{name:<52} (nothing to click on in the demo)", flush=True)
        return
    median = statistics.median(times)
    verdict = "ok" if median <= TARGET_MS else "SLOW"
    print(f"{name:<52} {median:7.1f} ms (max {max(times):6.1f}, n={len(times)})  target "
          f"{TARGET_MS:.0f} ms  {verdict}", flush=True)


def bookable(app: HubApp) -> Iterator[tuple[int, int, date]]:
    """(child, club, day) one-off bookings the demo can take next week."""
    for club in app.clubs.list():
        sessions = app.club_sessions.sessions(club.id, NEXT_MONDAY, NEXT_MONDAY + timedelta(days=4))
        for session in sessions:
            for child in app.children.search("")[:400:37]:
                preview = app.bookings.preview(BookingRequest(child.id, club.id, session.day))
                if preview.ok and preview.bookable:
                    yield child.id, club.id, session.day


def book(qapp: QApplication, app: HubApp, events: AppEvents) -> list[float]:
    times = []
    for child_id, club_id, day in bookable(app):
        dialog = BookingDialog(app, events, TODAY, child_id=child_id, club_id=club_id, day=day)
        dialog.show()
        dialog.refresh_preview()
        if dialog.book_button.isEnabled():
            times.append(clicked(qapp, dialog.book_button.click))
        dialog.deleteLater()
        if len(times) == TIMES:
            break
    return times


def cancel(qapp: QApplication, app: HubApp, events: AppEvents) -> list[float]:
    times = []
    for child in app.children.search("")[:200:11]:
        dialog = CancelBookingDialog(app, events, child.id, child.name, TODAY)
        dialog.show()
        line = dialog.selected_line()
        if line is not None and line.status == "booked" and dialog.cancel_one.isEnabled():
            times.append(clicked(qapp, dialog.cancel_one.click))
        dialog.deleteLater()
        if len(times) == TIMES:
            break
    return times


def assign(qapp: QApplication, app: HubApp) -> list[float]:
    times = []
    grids = app.rota.week_grids(NEXT_MONDAY)
    cells = [c for g in grids for c in g.sessions if c.kind == "club"]
    for cell in cells[:TIMES * 3]:
        dialog = SessionStaffDialog(app, cell)
        dialog.show()
        for row in range(dialog.candidates.count()):
            item = dialog.candidates.item(row)
            if item is not None and "BLOCK" not in item.toolTip().upper():
                dialog.candidates.setCurrentRow(row)
                times.append(clicked(qapp, dialog.add_button.click))
                break
        dialog.deleteLater()
        if len(times) == TIMES:
            break
    return times


def save_run(qapp: QApplication, app: HubApp) -> list[float]:
    times = []
    for run in app.minibus.runs.runs(TODAY, TODAY + timedelta(days=4))[:TIMES]:
        dialog = RunDialog(app, run.day, run.id)
        dialog.show()
        save = dialog.buttons.accepted.emit
        times.append(clicked(qapp, save))
        dialog.deleteLater()
    return times


def offer(app: HubApp) -> list[float]:
    """The waiting list's Offer button calls this one service method (the page's own work is a reload)."""
    times = []
    for entry in app.waiting_lists.open_entries()[:TIMES]:
        if entry.session_id is None:
            continue
        started = time.perf_counter()
        app.waiting_lists.offer_next(entry.session_id)
        times.append((time.perf_counter() - started) * 1000)
    return times


def main() -> int:
    qapp = qt_app()
    feedback.confirm = lambda *_a: True  # type: ignore[assignment]
    feedback.inform = lambda *_a: None  # type: ignore[assignment]
    feedback.warn = lambda *_a: None  # type: ignore[assignment]
    with demo_app(1) as (app, _summary):
        events = AppEvents()
        report("book a club (one-off), Book clicked", book(qapp, app, events))
        report("cancel a date, Cancel clicked", cancel(qapp, app, events))
        report("put someone on a session (rota), Put on clicked", assign(qapp, app))
        report("save a minibus run, Save clicked", save_run(qapp, app))
        report("offer a waiting-list place (service call)", offer(app))
        qapp.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
