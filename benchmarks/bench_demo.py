"""How long `hubdesk demo` takes to build the cluster (target: under 20 s at scale 1)."""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import TODAY, bench_open, benchmark_clock, report, settings_for

from hubdesk.demo.service import DemoService


def build_ms(scale: int) -> tuple[float, str]:
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        # migrations included, as the command does
        app = bench_open(settings_for(Path(folder) / "demo.db"), clock=benchmark_clock(), create=True)
        summary = DemoService(app.factory, None, app.clock).build(scale=scale, today=TODAY)
        app.close()
        elapsed = (time.perf_counter() - started) * 1000
    return elapsed, f"{summary.children:,} children"


def main() -> None:
    for scale, target in ((1, 20_000), (10, 200_000)):
        elapsed, what = build_ms(scale)
        report(f"hubdesk demo --scale {scale} ({what})", elapsed, target)


if __name__ == "__main__":
    main()
