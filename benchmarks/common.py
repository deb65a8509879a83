"""Helpers shared by the benchmark scripts: a demo database in a temporary folder, and a stopwatch."""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from hubdesk.app import HubApp, open_app
from hubdesk.core.clock import Clock
from hubdesk.core.permissions import Actor
from hubdesk.demo.service import DemoService, DemoSummary
from hubdesk.settings import Settings

TODAY = date(2026, 11, 24)  # a Tuesday in the autumn term, so "this week" has clubs running


def benchmark_clock() -> Clock:
    """The benchmarks' clock: noon in London on TODAY, so every run measures the same week."""
    return Clock.at_local(TODAY, 12)


def settings_for(path: Path) -> Settings:
    return Settings(database=str(path), data_dir=path.parent, backup_dir=path.parent / "backups",
                    user="benchmark")


@contextmanager
def demo_app(scale: int = 1) -> Iterator[tuple[HubApp, DemoSummary]]:
    """A HubApp on a freshly built demo cluster of the given scale."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"demo-{scale}.db"
        app = bench_open(settings_for(path), clock=benchmark_clock(), create=True)
        try:
            summary = DemoService(app.factory, "benchmark", app.clock).build(scale=scale, seed=1, today=TODAY)
            yield app, summary
        finally:
            app.close()


def timed(work: Callable[[], object], repeat: int = 5) -> float:
    """Median wall time of ``work`` in milliseconds over ``repeat`` runs (after one warm-up)."""
    work()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def report(name: str, measured_ms: float, target_ms: float) -> str:
    verdict = "ok" if measured_ms <= target_ms else "SLOW"
    line = f"{name:<58} {measured_ms:9.1f} ms   target {target_ms:7.0f} ms   {verdict}"
    print(line, flush=True)
    return line


def bench_open(settings: Settings, **options: Any) -> HubApp:
    """``open_app`` signed in with every permission: the demo has users, and what is timed is the
    services' and pages' work, not signing in."""
    app = open_app(settings, **options)
    app.sign_in(Actor.unrestricted("benchmark"))
    return app
