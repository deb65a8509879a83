"""Date and time fields in the house format, and the conversions between Qt's and Python's types.

Every page asks here, so a date reads 'Mon 30/11/2026' and a time '15:15' wherever it is typed.
A date field accepts what a person types (30/11, 30/11/26, 2026-11-30), read by the one parser
in core/dates.py; given a site's calendar guide it shades closed days in its calendar and offers
"end of this half-term" and "end of term".
"""

from __future__ import annotations

import re
from datetime import date, time
from typing import Any

from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtGui import QBrush, QColor, QFocusEvent, QKeyEvent, QTextCharFormat, QValidator
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QDateEdit,
    QHBoxLayout,
    QMenu,
    QTimeEdit,
    QToolButton,
    QWidget,
)

from hubdesk.core.dates import parse_day
from hubdesk.services.sites import DateGuide

DATE_FORMAT = "ddd dd/MM/yyyy"
TIME_FORMAT = "HH:mm"
MIDNIGHT = QTime(0, 0)  # a blank time field stands at 00:00 (no club or run starts at midnight)


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def day_text(day: date | None) -> str:
    return "" if day is None else f"{day:%a %d/%m/%Y}"


_WEEKDAY = re.compile(r"^[A-Za-z]{3,9},?\s+")
_FULL_YEAR = re.compile(r"\d{4}")
_TYPING = re.compile(r"[A-Za-z0-9/.\- ,]*")
CLOSED_SHADE = "#e0e0e0"
NO_DATE = QDate(1900, 1, 1)  # an optional date field standing here is empty


def read_day(text: str, today: date | None, two_digit_years: bool = True) -> date:
    """The day typed into a date field ('Mon 30/11/2026', '30/11', '30/11/26', '2026-11-30')."""
    return parse_day(_WEEKDAY.sub("", text.strip()), today, two_digit_years=two_digit_years)


class DayEdit(QDateEdit):
    """A date field that reads whole typed dates rather than Qt's one-section-at-a-time editing.

    A day and month without a year is read in the school year of the date the field shows, so the
    field never consults the wall clock. ``two_digit_years=False`` (dates of birth of adults)
    keeps the imports' rule: 01/01/58 is refused until written with four digits.
    """

    def __init__(self, value: date | None, two_digit_years: bool = True, optional: bool = False,
                 parent: QWidget | None = None, blank: str = " ") -> None:
        super().__init__(parent)
        self._two_digit_years = two_digit_years
        self._optional = optional
        self._blank = blank
        self.setCalendarPopup(True)
        self.setDisplayFormat(DATE_FORMAT)
        if optional:  # the earliest date stands for 'none', shown blank (or as ``blank``)
            self.setMinimumDate(NO_DATE)
            self.setSpecialValueText(blank)
        self.setDate(qdate(value) if value is not None else NO_DATE)
        self.guide: DateGuide | None = None

    def _empty(self, text: str) -> bool:
        """An optional field left empty, or showing its 'none' words."""
        return self._optional and text.strip() in ("", self._blank.strip())

    def _read(self, text: str) -> date | None:
        if self._empty(text):
            return date(NO_DATE.year(), NO_DATE.month(), NO_DATE.day())
        try:
            return read_day(text, self._today(), self._two_digit_years)
        except ValueError:
            return None

    def _today(self) -> date | None:
        """The day a year-less date (30/11) is read near: the date shown, or none when empty."""
        shown = self.date()
        if shown == NO_DATE:
            return None
        return date(shown.year(), shown.month(), shown.day())

    def problem(self) -> str | None:
        """Why the text typed is not a date (a sentence for the form), or None when it is."""
        text = self.lineEdit().text()
        if self._empty(text):
            return None
        try:
            read_day(text, self._today(), self._two_digit_years)
        except ValueError as exc:
            said = str(exc)
            hint = "" if "e.g." in said else " (dd/mm/yyyy, e.g. 30/11/2026)"
            return f"{said[:1].upper()}{said[1:]}{hint}."
        return None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Typed characters go straight into the text: Qt's own date editing jumps between day,
        month and year sections and doubles a typed '/'."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.complete()
        if event.text() and event.text().isprintable():
            QAbstractSpinBox.keyPressEvent(self, event)
        else:
            super().keyPressEvent(event)

    def validate(self, text: str, pos: int) -> Any:
        """Acceptable once a whole date with a four-digit year is typed; a shorter one (30/11,
        30/11/26) is completed by ``fixup`` on Enter or leaving the field, so the date does not
        jump about while the person is still typing."""
        if self._read(text) is not None and (_FULL_YEAR.search(text) or self._empty(text)):
            return QValidator.State.Acceptable, text, pos
        if _TYPING.fullmatch(text):
            return QValidator.State.Intermediate, text, pos
        return QValidator.State.Invalid, text, pos

    def complete(self) -> None:
        """Read a short date still in the text (30/11, 30/11/26) into the field's date."""
        text = self.lineEdit().text()
        if text == self.textFromDateTime(self.date()):
            return
        day = self._read(text)
        if day is not None:
            self.setDate(qdate(day))

    def clear(self) -> None:
        """Empty the whole text (Qt's date field clears only one section)."""
        self.lineEdit().clear()

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab leaves the field, as in every other box: the date is typed whole, not by sections."""
        return QWidget.focusNextPrevChild(self, next)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.complete()
        super().focusOutEvent(event)

    def dateTimeFromText(self, text: str) -> QDateTime:
        day = self._read(text)
        return QDateTime(qdate(day) if day else self.date(), QTime(0, 0))

    def textFromDateTime(self, dt: QDateTime | QDate) -> str:
        value = dt.date() if isinstance(dt, QDateTime) else dt
        if self._optional and value == NO_DATE:
            return self._blank
        return str(value.toString(DATE_FORMAT))

    def set_guide(self, guide: DateGuide | None) -> None:
        """Shade the closed days of the chosen site's calendar; remember its term ends."""
        calendar = self.calendarWidget()
        if self.guide is not None:
            for day in self.guide.closed:
                calendar.setDateTextFormat(qdate(day), QTextCharFormat())
        self.guide = guide
        if guide is None:
            return
        shade = QTextCharFormat()
        shade.setBackground(QBrush(QColor(CLOSED_SHADE)))
        shade.setForeground(QBrush(QColor("#777777")))
        for day in guide.closed:
            calendar.setDateTextFormat(qdate(day), shade)


def date_edit(value: date, two_digit_years: bool = True) -> DayEdit:
    """A date field with a calendar pop-up that also takes a typed date."""
    return DayEdit(value, two_digit_years)


def optional_date_edit(value: date | None, two_digit_years: bool = True,
                       blank: str = " ") -> DayEdit:
    """A date field that may be left empty (read it back with ``optional_date``); ``blank`` is
    what it shows when empty ('not recorded')."""
    return DayEdit(value, two_digit_years, optional=True, blank=blank)


def optional_date(edit: QDateEdit) -> date | None:
    """The date in the field, or None when it is empty."""
    if isinstance(edit, DayEdit):
        edit.complete()
    return None if edit.date() == NO_DATE else to_date(edit)


def term_end_button(edit: DayEdit, guide: DateGuide | None = None) -> QToolButton:
    """'End of…' beside a date field: this half-term's or term's last open day at the site."""
    button = QToolButton()
    button.setText("End of…")
    button.setToolTip("Set the date to the end of this half-term or term at the chosen site")
    button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    button.setProperty("menuButton", True)  # the style sheet leaves room for its arrow
    menu = QMenu(button)
    button.setMenu(menu)

    def fill() -> None:
        menu.clear()
        current = edit.guide
        if current is None:
            menu.addAction("Choose a site first").setEnabled(False)
            return
        for label, day in (("End of this half-term", current.half_term_end),
                           ("End of term", current.term_end)):
            action = menu.addAction(f"{label} ({day_text(day)})" if day else f"{label} (not set)")
            action.setEnabled(day is not None)
            if day is not None:
                action.triggered.connect(lambda _=False, d=day: edit.setDate(qdate(d)))

    menu.aboutToShow.connect(fill)
    if guide is not None:
        edit.set_guide(guide)
    return button


def with_term_ends(edit: DayEdit) -> tuple[QWidget, QToolButton]:
    """The field and its 'End of…' button side by side, for a form row."""
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(edit, 1)
    button = term_end_button(edit)
    layout.addWidget(button)
    return row, button


def to_date(edit: QDateEdit) -> date:
    if isinstance(edit, DayEdit):
        edit.complete()  # a short date still being typed (30/11) is read now
    value = edit.date()
    return date(value.year(), value.month(), value.day())


class TimeEdit(QTimeEdit):
    """A time field that Tab leaves, as every other box (type 15:20; ':' goes to the minutes)."""

    def focusNextPrevChild(self, next: bool) -> bool:
        return QWidget.focusNextPrevChild(self, next)


def time_edit(value: time | None, blank: str = "") -> QTimeEdit:
    """A 24-hour time field. With ``blank`` text, 00:00 shows that text and means 'no time'
    (read it back with ``optional_time``); otherwise None starts the field at 00:00."""
    edit = TimeEdit(QTime(value.hour, value.minute) if value is not None else MIDNIGHT)
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
