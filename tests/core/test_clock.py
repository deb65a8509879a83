"""The one clock: London's day whatever the UTC date, and nobody else reads the wall clock."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

from hubdesk.core.clock import Clock

ROOT = Path(__file__).resolve().parents[2]
# Reading the PC's clock directly: its own zone's day, or "now" bound outside the one Clock.
WALL_CLOCK = re.compile(r"\bdate\.today\(\)|\bdatetime\.now\(|\butcnow\(")


def wall_clock_reads(folder: str) -> list[str]:
    """'path:line: text' for every direct read of the wall clock under ``folder``."""
    found = []
    for path in sorted((ROOT / folder).rglob("*.py")):
        name = path.relative_to(ROOT).as_posix()
        if name == "hubdesk/core/clock.py" or path == Path(__file__).resolve():
            continue  # this file names the reads it looks for
        for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if WALL_CLOCK.search(text):
                found.append(f"{name}:{number}: {text.strip()}")
    return found


def test_only_the_clock_reads_the_wall_clock() -> None:
    assert wall_clock_reads("hubdesk") == []


def test_tests_and_benchmarks_freeze_the_clock_instead_of_reading_it() -> None:
    assert wall_clock_reads("tests") + wall_clock_reads("benchmarks") == []


def test_the_pattern_finds_what_it_is_meant_to() -> None:
    reads = ["x = date.today()", "stamp = datetime.now(UTC)", "at = utcnow()", "clock.utcnow()"]
    assert all(WALL_CLOCK.search(text) for text in reads)
    assert not any(WALL_CLOCK.search(text) for text in ["clock.today()", "app.clock.now()",
                                                         "self._clock.local_now()"])


def test_today_is_the_london_day_also_in_the_first_hour_of_summer_time() -> None:
    summer = Clock(datetime(2027, 7, 14, 23, 30))  # 00:30 BST on the 15th
    winter = Clock(datetime(2026, 11, 30, 23, 30))  # London is on UTC in winter
    assert (summer.today(), winter.today()) == (date(2027, 7, 15), date(2026, 11, 30))
    assert Clock.at_local(date(2027, 7, 15), 0, 30).now() == summer.now()
