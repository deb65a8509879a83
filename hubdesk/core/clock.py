"""The one clock: moments are stored in UTC and shown in Europe/London.

Everything that needs "now" or "today" asks a :class:`Clock`; the program builds one in ``HubApp`` and
passes it to every service and page, and tests build a frozen one, so nothing behaves differently on a
particular date or in a particular time zone. Nothing else in the program reads the wall clock.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")


class Clock:
    """The wall clock, read in one place. ``frozen_at`` (naive UTC) stops it for tests and benchmarks.

    Every service and page of an app shares its one Clock, so setting ``frozen_at`` moves "now" for all.
    """

    def __init__(self, frozen_at: datetime | None = None) -> None:
        self.frozen_at = frozen_at

    @classmethod
    def at_local(cls, day: date, hour: int = 12, minute: int = 0) -> Clock:
        """A clock stopped at a London wall-clock time on ``day``."""
        local = datetime(day.year, day.month, day.day, hour, minute, tzinfo=LONDON)
        return cls(local.astimezone(UTC).replace(tzinfo=None))

    def now(self) -> datetime:
        """The current moment as a naive UTC datetime (how moments are stored)."""
        if self.frozen_at is not None:
            return self.frozen_at
        return datetime.now(UTC).replace(tzinfo=None)

    def local_now(self) -> datetime:
        """The current moment as an aware Europe/London datetime."""
        return to_local(self.now())

    def today(self) -> date:
        """Today's date in Europe/London (the office's day, whatever the PC's zone)."""
        return self.local_now().date()


def to_local(moment: datetime) -> datetime:
    """A stored naive-UTC moment as an aware Europe/London datetime for display."""
    return moment.replace(tzinfo=UTC).astimezone(LONDON)


def format_local(moment: datetime | None) -> str:
    """'24/11/2026 09:05' in London time, or '' for None."""
    if moment is None:
        return ""
    return to_local(moment).strftime("%d/%m/%Y %H:%M")
