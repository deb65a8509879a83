"""Page switches in the main window on the demo cluster: every page, its first visit and later ones.

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_pages.py [--scale 1] [--database demo.db] [--warm]

A switch is timed from the click in the navigation to the page painted (the events processed), with
the SQL statements it sent; "after a change" is the page on screen reading everything again (F5), which
is what a later visit costs once something it shows was saved. The first visit builds the page; later
visits reload its data (or, on Registers, Clubs and Waiting lists, only check that nothing changed).
Without --database the demo is built in a temporary folder first (about a minute at scale 10). ``--warm``
lets the window import the other pages' code (and build those three) while idle first, as hubdesk does
once its window is up (ui/shell/warm_up.py); without it, a first visit is timed as if clicked at once.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import TODAY, bench_open, benchmark_clock, settings_for
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QApplication
from sqlalchemy import event

from hubdesk.app import HubApp
from hubdesk.demo.service import DemoService
from hubdesk.ui.shell.main import qt_app
from hubdesk.ui.shell.main_window import MainWindow
from hubdesk.ui.shell.pages import PAGES

LATER_VISITS = 3


def switch(qapp: QApplication, window: MainWindow, title: str, sent: list[str]) -> tuple[float, int]:
    """Milliseconds and statements for one switch to ``title`` (from another page)."""
    before = len(sent)
    started = time.perf_counter()
    window.show_page(title)
    qapp.processEvents()
    return (time.perf_counter() - started) * 1000, len(sent) - before


def read_again(qapp: QApplication, page: object) -> tuple[float, float]:
    """Milliseconds for the page, on screen, to read everything again (F5, or shown after a change;
    a page that keeps its rows between visits pays this only then): the window held (the GUI thread's
    part), then until everything is filled in (Today and Overview read behind a responsive window)."""
    started = time.perf_counter()
    page.refresh()  # type: ignore[attr-defined]  # every page has one (ui/shell/pages.py)
    qapp.processEvents()
    held = (time.perf_counter() - started) * 1000
    settle(qapp)
    return held, (time.perf_counter() - started) * 1000


def settle(qapp: QApplication) -> None:
    """Let Today's background read finish, so it is not counted against the next page's switch."""
    QThreadPool.globalInstance().waitForDone()
    qapp.processEvents()


def warm(qapp: QApplication, window: MainWindow) -> None:
    """Run the window's idle-time imports to the end, and say how long they took."""
    from hubdesk.ui.shell.warm_up import warm_up

    started = time.perf_counter()
    timer = warm_up(window, start_after_ms=0)
    while timer.isActive():
        qapp.processEvents()
        time.sleep(0.001)
    print(f"{'the other pages imported while idle':<44} "
          f"{(time.perf_counter() - started) * 1000:7.0f} ms", flush=True)


def measure(app: HubApp, target_ms: float, warmed: bool = False) -> None:
    qapp = qt_app()
    sent: list[str] = []
    event.listen(app.engine, "before_cursor_execute", lambda *a: sent.append(a[2]))
    started = time.perf_counter()
    window = MainWindow(app)
    window.show()
    qapp.processEvents()
    shown_ms = (time.perf_counter() - started) * 1000
    print(f"{'window built and shown (the Today page in it)':<44} {shown_ms:7.0f} ms  "
          f"{len(sent):4d} statements", flush=True)
    today = window.pages["Today"]
    while not today.loaded:  # its areas arrive from a worker thread; the window stays responsive
        qapp.processEvents()
        time.sleep(0.005)
    print(f"{'… and the areas of Today, read behind it':<44} "
          f"{(time.perf_counter() - started) * 1000:7.0f} ms  {len(sent):4d} statements", flush=True)
    if warmed:
        warm(qapp, window)
    other = PAGES[1][0]
    worst = 0.0
    for title, _factory in PAGES:
        window.show_page(other if title != other else PAGES[0][0])
        qapp.processEvents()
        settle(qapp)
        first_ms, first_n = switch(qapp, window, title, sent)
        later: list[float] = []
        later_n = 0
        for _ in range(LATER_VISITS):
            window.show_page(other if title != other else PAGES[0][0])
            qapp.processEvents()
            settle(qapp)
            ms, later_n = switch(qapp, window, title, sent)
            later.append(ms)
        again = statistics.median(later)
        rereads = [read_again(qapp, window.pages[title]) for _ in range(LATER_VISITS)]
        reread = statistics.median(held for held, _filled in rereads)
        filled = statistics.median(filled for _held, filled in rereads)
        worst = max(worst, first_ms, again, reread)
        verdict = "ok" if max(first_ms, again, reread) <= target_ms else "SLOW"
        behind = f" (filled {filled:5.0f})" if filled > reread + 5 else " " * 15
        print(f"{title:<24} first {first_ms:7.1f} ms ({first_n:3d} st.)  later {again:7.1f} ms "
              f"({later_n:3d} st.)  after a change {reread:7.1f} ms{behind}  target "
              f"{target_ms:.0f} ms  {verdict}", flush=True)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"slowest switch {worst:.0f} ms; peak memory of this process {peak:.0f} MB", flush=True)
    window.close()
    window.deleteLater()
    qapp.processEvents()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--database", help="an existing demo database (else one is built)")
    parser.add_argument("--warm", action="store_true", help="the idle-time imports run first")
    args = parser.parse_args()
    target = 100.0 if args.scale == 1 else 300.0
    if args.database:
        app = bench_open(settings_for(Path(args.database)), clock=benchmark_clock())
        try:
            measure(app, target, args.warm)
        finally:
            app.close()
        return 0
    with tempfile.TemporaryDirectory() as folder:
        app = bench_open(settings_for(Path(folder) / "demo.db"), clock=benchmark_clock(), create=True)
        try:
            DemoService(app.factory, "benchmark", app.clock).build(scale=args.scale, seed=1, today=TODAY)
            measure(app, target, args.warm)
        finally:
            app.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
