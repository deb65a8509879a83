"""Date and time fields in the house format, and the conversions between Qt's and Python's types.

Every page asks here, so a date reads 'Mon 30/11/2026' and a time '15:15' wherever it is typed.
"""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import QDateEdit, QTimeEdit

DATE_FORMAT = "ddd dd/MM/yyyy"
TIME_FORMAT = "HH:mm"
MIDNIGHT = QTime(0, 0)  # a blank time field stands at 00:00 (no club or run starts at midnight)


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def day_text(day: date | None) -> str:
    return "" if day is None else f"{day:%a %d/%m/%Y}"


def date_edit(value: date) -> QDateEdit:
    """A date field with a calendar pop-up."""
    edit = QDateEdit(qdate(value))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(DATE_FORMAT)
    return edit


def to_date(edit: QDateEdit) -> date:
    value = edit.date()
    return date(value.year(), value.month(), value.day())


def time_edit(value: time | None, blank: str = "") -> QTimeEdit:
    """A 24-hour time field. With ``blank`` text, 00:00 shows that text and means 'no time'
    (read it back with ``optional_time``); otherwise None starts the field at 00:00."""
    edit = QTimeEdit(QTime(value.hour, value.minute) if value is not None else MIDNIGHT)
    edit.setDisplayFormat(TIME_FORMAT)
    if blank:
        edit.setMinimumTime(MIDNIGHT)
        edit.setSpecialValueText(blank)
    return edit


def to_time(edit: QTimeEdit) -> time:
    value = edit.time()
    return time(value.hour(), value.minute())


def optional_time(edit: QTimeEdit) -> time | None:
    """The time typed, or None when the field stands at 00:00 (shown as its blank text)."""
    return None if edit.time() == MIDNIGHT else to_time(edit)
