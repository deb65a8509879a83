"""The Overview on the demo cluster (issue 19).

Targets: every view of a term read in under 300 ms at scale 1 and under 1 s at scale 10 (``python
benchmarks/bench_overview.py 10``); the governors' PDF of a term written in under 2 s.
Pass a database path as a second argument to time an existing cluster instead of building one.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import bench_open, benchmark_clock, demo_app, report, settings_for, timed

from hubdesk.app import HubApp
from hubdesk.reports.overview import write_overview
from hubdesk.services.overview import PeriodChoice

TERM = PeriodChoice("term", "2026-autumn")


def scenarios(app: HubApp, scale: int) -> None:
    def read() -> object:
        return app.overview.figures.overview(TERM), app.overview.core_offer.offer("2026-autumn")

    report(f"Overview of a term, every view, scale {scale}", timed(read),
           300 if scale == 1 else 1000)
    print(f"  (processor time of one read: {cpu_ms(read):.0f} ms; on a machine shared with other "
          "work the wall time above is longer)")
    figures, offer = read()
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "overview.pdf"
        report(f"governors' PDF of the term, scale {scale}",
               timed(lambda: write_overview(figures, offer, target), repeat=3), 2000)


def cpu_ms(work: Callable[[], object]) -> float:
    """The least processor time of three runs, in ms: what the work costs with the machine to itself."""
    times = []
    for _ in range(3):
        started = time.process_time()
        work()
        times.append((time.process_time() - started) * 1000)
    return min(times)


def main() -> None:
    scale = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    if len(sys.argv) > 2:
        app = bench_open(settings_for(Path(sys.argv[2])), clock=benchmark_clock())
        try:
            scenarios(app, scale)
        finally:
            app.close()
        return
    with demo_app(scale) as (app, _summary):
        scenarios(app, scale)


if __name__ == "__main__":
    main()
