"""Every dialog of the window on the demo cluster: from the click that opens it to the dialog painted.

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_dialogs.py --database demo.db [--repeat 3]

The dialogs are those of ``tests/ui/dialog_catalogue.py`` (the list the keyboard walks use), opened the
way the window opens them, after the window's idle work is done (as a person meets them after the first
seconds). A dialog opened from a page is timed with the switch to that page, which is then already built.
Each is opened ``--repeat`` times (closed in between) and the median is printed beside the 100 ms target.
A file's database is changed by nothing here: every dialog is closed without saving.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests.ui.dialog_catalogue
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_pages import settle, warm
from common import bench_open, benchmark_clock, settings_for
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from hubdesk.ui.shell.main import qt_app
from hubdesk.ui.shell.main_window import MainWindow
from tests.ui.dialog_catalogue import DIALOGS

TARGET_MS = 100.0


def shown_dialogs() -> set[QWidget]:
    return {w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()}


def open_once(qapp: QApplication, window: MainWindow, name: str) -> float | None:
    """Milliseconds to open ``name`` and paint it (None: it did not open); closed again after."""
    before = shown_dialogs()
    started = time.perf_counter()
    made = DIALOGS[name](window)
    if isinstance(made, QDialog) and not made.isVisible():
        made.show()
    qapp.processEvents()
    elapsed = (time.perf_counter() - started) * 1000
    opened = shown_dialogs() - before
    for dialog in opened:
        dialog.reject()  # type: ignore[attr-defined]
    qapp.processEvents()
    settle(qapp)
    return elapsed if opened else None


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", required=True, help="a copy of a demo database")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    qapp = qt_app()
    app = bench_open(settings_for(Path(args.database)), clock=benchmark_clock())
    try:
        window = MainWindow(app)
        window.resize(1366, 740)
        window.show()
        qapp.processEvents()
        warm(qapp, window)
        settle(qapp)
        worst = 0.0
        for name in DIALOGS:
            times = [t for t in (open_once(qapp, window, name) for _ in range(args.repeat)) if t is not None]
            if not times:
                print(f"{name:<26} did not open", flush=True)
                continue
            median = statistics.median(times)
            worst = max(worst, median)
            verdict = "ok" if median <= TARGET_MS else "SLOW"
            print(f"{name:<26} {median:7.1f} ms (max {max(times):6.1f})  target {TARGET_MS:.0f} ms  "
                  f"{verdict}", flush=True)
        print(f"slowest dialog {worst:.0f} ms", flush=True)
        window.close()
    finally:
        app.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
