"""Time helpers: moments are stored in UTC and shown in Europe/London."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")


def utcnow() -> datetime:
    """The current moment as a naive UTC datetime (how moments are stored)."""
    return datetime.now(UTC).replace(tzinfo=None)


def to_local(moment: datetime) -> datetime:
    """A stored naive-UTC moment as an aware Europe/London datetime for display."""
    return moment.replace(tzinfo=UTC).astimezone(LONDON)


def format_local(moment: datetime | None) -> str:
    """'24/11/2026 09:05' in London time, or '' for None."""
    if moment is None:
        return ""
    return to_local(moment).strftime("%d/%m/%Y %H:%M")


def today() -> date:
    """Today's date in Europe/London (the office's day, whatever the PC's zone)."""
    return datetime.now(LONDON).date()
