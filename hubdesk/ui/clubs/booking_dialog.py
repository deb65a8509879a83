"""Book a child into a club: standing (weekdays, from–to) or one-off.

Before anything is written the dialog shows each date with its free places and the problem
found, the days skipped and why, and what stops the whole booking. A full date offers the
waiting list; other problems can be left out by choice, never silently.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from hubdesk.app import HubApp
from hubdesk.core.errors import Conflict, DomainError, ValidationError
from hubdesk.core.money import money
from hubdesk.core.rules.booking_checks import FULL
from hubdesk.core.rules.recurrence import Skipped
from hubdesk.core.words import count
from hubdesk.services.clubs import BookingPreview, BookingRequest, BookingResult, PreviewLine
from hubdesk.services.sites import DateGuide
from hubdesk.ui.clubs.club_choices import fill_clubs
from hubdesk.ui.common.busy import busy_pointer, one_click
from hubdesk.ui.common.child_picker import ChildPicker
from hubdesk.ui.common.dates import date_edit, qdate, term_end_button, to_date
from hubdesk.ui.common.dialog_keys import Dialog, retext
from hubdesk.ui.common.forms import error_label, hbox
from hubdesk.ui.common.tables import AMBER, RED, TintedTableModel, fit_columns, table_view
from hubdesk.ui.common.widgets import WeekdayBoxes
from hubdesk.ui.shell import feedback
from hubdesk.ui.shell.events import AppEvents

log = logging.getLogger(__name__)


def preview_model() -> TintedTableModel[PreviewLine]:
    return TintedTableModel(
        [("Date", lambda x: f"{x.day:%a %d/%m/%Y}"),
         ("Times", lambda x: f"{x.start_time:%H:%M}–{x.end_time:%H:%M}" if x.start_time
          and x.end_time else ""),
         ("Free places", lambda x: x.free if x.session_id else ""),
         ("Problem", lambda x: x.problem or "OK")], [],
        tint=lambda x: None if x.ok else (AMBER if x.problem_code == FULL else RED),
        tooltip=lambda x: x.problem)


def default_end(club_end: date, guide: DateGuide | None) -> date:
    """A standing booking runs to the end of this term at the club's site (or the club's own
    end, if sooner): a booking to next July is rarely what a parent asks for."""
    term_end = guide.term_end if guide is not None else None
    return min(club_end, term_end) if term_end is not None else club_end


def skipped_text(skipped: Sequence[Skipped]) -> str:
    """A few days in full; many (a whole year has holidays) counted by kind of reason."""
    if len(skipped) <= 3:
        return "Days left out: " + "; ".join(f"{s.day:%a %d/%m} – {s.reason}" for s in skipped)
    groups: dict[str, int] = {}
    for s in skipped:
        # "club not running (bank holiday: Christmas Day)" -> "club not running (bank holiday)"
        key = s.reason.split(":")[0] + ")" if ":" in s.reason else s.reason
        groups[key] = groups.get(key, 0) + 1
    parts = [f"{reason} × {n}" for reason, n in sorted(groups.items(), key=lambda kv: -kv[1])]
    return f"{len(skipped)} days left out (hover for the dates): " + "; ".join(parts)


def result_text(result: BookingResult, preview: BookingPreview | None) -> str:
    """What was done, in words for the office (and the family on the phone)."""
    who = f"{preview.child_name} into {preview.club_name}" if preview else "the child"
    lines = []
    if result.booked:
        lines.append(f"Booked {who}: {count(len(result.booked), 'date')}, from "
                     f"{result.booked[0]:%a %d/%m/%Y} to {result.booked[-1]:%a %d/%m/%Y}.")
    if result.waiting_list:
        days = ", ".join(f"{d:%a %d/%m}" for d in result.waiting_list[:6])
        more = "…" if len(result.waiting_list) > 6 else ""
        lines.append(f"On the waiting list for {count(len(result.waiting_list), 'full date')}: "
                     f"{days}{more}.")
    left_out = [x for x in result.refused if x.problem_code != FULL or not result.waiting_list]
    if left_out:
        lines.append(f"Left out {count(len(left_out), 'date')} with a problem, e.g. {left_out[0].problem}")
    if result.skipped:
        lines.append(f"Skipped {count(len(result.skipped), 'day')}: " + "; ".join(
            f"{s.day:%a %d/%m} {s.reason}" for s in result.skipped[:4])
            + ("…" if len(result.skipped) > 4 else "."))
    return "\n".join(lines) or "Nothing was booked."


class BookingDialog(Dialog):
    def __init__(self, app: HubApp, events: AppEvents, today: date, child_id: int | None = None,
                 club_id: int | None = None, day: date | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Book a club")
        self.app, self.events, self.today = app, events, today
        self.fixed_child = child_id
        self.preview: BookingPreview | None = None
        self.outcome: BookingResult | None = None
        self.banner = error_label()
        form = self._build_form(child_id, club_id, day)
        self._build_preview()
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(form)
        layout.addWidget(self.heading)
        layout.addWidget(self.cost)
        layout.addWidget(self.problems)
        layout.addWidget(self.lines_view, 1)
        parts: tuple[QWidget, ...] = (self.skipped, self.skip_problems, self.waiting, self.buttons)
        for part in parts:
            layout.addWidget(part)
        self._connect()
        self.resize(880, 700)
        self._club_chosen(keep_dates=day is not None)

    def _build_form(self, child_id: int | None, club_id: int | None, day: date | None) -> QFormLayout:
        """Who, which club, standing or one-off, which days and dates."""
        self.child_label = QLabel()
        self.picker: ChildPicker | None = None
        if child_id is None:
            self.picker = ChildPicker(self.app.children)
            self.picker.changed.connect(self._child_changed)
        else:
            self.child_label.setText(self._child_name(child_id))
        self.club = QComboBox()
        self.club.setMinimumContentsLength(40)
        self.club.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.club_rows = self.app.clubs.list(self.today)
        self.fill_club_list(child_id, club_id)
        self.standing = QRadioButton("Standing booking (every week on the ticked days)")
        self.one_off = QRadioButton("One-off (a single date)")
        kinds = QButtonGroup(self)
        kinds.addButton(self.standing)
        kinds.addButton(self.one_off)
        (self.one_off if day is not None else self.standing).setChecked(True)
        self.weekdays = WeekdayBoxes()
        self.start_date = date_edit(day or self.today)
        self.end_date = date_edit(day or self.today)
        self.end_label = QLabel("to")
        self.notes = QLineEdit()
        self.notes.setPlaceholderText("Optional, e.g. booked by phone with mum")
        self.weekdays_error, self.dates_error = error_label(), error_label()
        form = QFormLayout()
        form.addRow("Child:", self.picker if self.picker is not None else self.child_label)
        form.addRow("Club:", self.club)
        kind_box = QVBoxLayout()
        kind_box.addWidget(self.standing)
        kind_box.addWidget(self.one_off)
        form.addRow("Kind:", kind_box)
        form.addRow("Weekdays:", self.weekdays)
        form.addRow("", self.weekdays_error)
        self.end_of = term_end_button(self.end_date)
        form.addRow("Dates:", hbox(self.start_date, self.end_label, self.end_date, self.end_of,
                                   stretch=True))
        form.addRow("", self.dates_error)
        form.addRow("Note:", self.notes)
        return form

    def _build_preview(self) -> None:
        """The dates the booking would make, what stops it, and the Book button."""
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.cost = QLabel()
        self.cost.setWordWrap(True)
        self.problems = error_label()
        self.lines = preview_model()
        self.lines_view = table_view(self.lines)
        self.lines_view.setMinimumHeight(220)
        self.skipped = QLabel()
        self.skipped.setWordWrap(True)
        self.skip_problems = QCheckBox("Book the dates without problems and leave the others out")
        self.waiting = QCheckBox("Put the child on the waiting list for the full dates")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.book_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.book_button.setText("Book")

    def _connect(self) -> None:
        self.buttons.accepted.connect(one_click(self.book_button, self.book, self._after_book))
        self.buttons.rejected.connect(self.reject)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.refresh_preview)
        self.club.currentIndexChanged.connect(lambda _i: self._club_chosen())
        self.standing.toggled.connect(lambda _on: self._kind_changed())
        self.weekdays.on_change(self.schedule_preview)
        self.start_date.dateChanged.connect(lambda _d: self.schedule_preview())
        self.end_date.dateChanged.connect(lambda _d: self.schedule_preview())
        self.skip_problems.toggled.connect(lambda _on: self._update_button())
        self.waiting.toggled.connect(lambda _on: self._update_button())

    def fill_club_list(self, child_id: int | None, keep: int | None) -> None:
        """The clubs this child can attend first; all clubs alike until a child is chosen."""
        choices = (feedback.guarded(self, "Book a club", lambda: self.app.clubs.choices_for(child_id))
                   if child_id is not None else None)
        fill_clubs(self.club, self.club_rows, choices or [], keep)

    def _child_changed(self) -> None:
        before = self.club_id()
        self.fill_club_list(self.child_id(), before)
        if self.club_id() != before:
            self._club_chosen()
        self.schedule_preview()

    def _child_name(self, child_id: int) -> str:
        form = self.app.children.get(child_id)
        return f"{form.preferred_forename or form.forename} {form.preferred_surname or form.surname}"

    def child_id(self) -> int | None:
        return self.fixed_child if self.picker is None else self.picker.child_id()

    def club_id(self) -> int | None:
        value = self.club.currentData()
        return int(value) if value is not None else None

    def _club_chosen(self, keep_dates: bool = False) -> None:
        club_id = self.club_id()
        if club_id is not None:
            club = feedback.guarded(self, "Book a club", lambda: self.app.clubs.get(club_id))
            if club is not None:
                self.weekdays.blockSignals(True)
                self.weekdays.set_days(club.weekdays)
                self.weekdays.blockSignals(False)
                start = max(self.today, club.start_date)
                guide = feedback.guarded(self, "Book a club", lambda: self.app.calendars.date_guide(
                    club.site_id, start))
                self.start_date.set_guide(guide)
                self.end_date.set_guide(guide)
                if not keep_dates:
                    self.start_date.setDate(qdate(start))
                    self.end_date.setDate(qdate(default_end(club.end_date, guide)))
        self._kind_changed()

    def _kind_changed(self) -> None:
        standing = self.standing.isChecked()
        self.weekdays.setEnabled(standing)
        self.end_date.setVisible(standing)
        self.end_label.setVisible(standing)
        self.end_of.setVisible(standing)
        self.schedule_preview()

    def schedule_preview(self) -> None:
        self._timer.start()

    def request(self) -> BookingRequest | None:
        child_id, club_id = self.child_id(), self.club_id()
        if child_id is None or club_id is None:
            return None
        start = to_date(self.start_date)
        if self.one_off.isChecked():
            return BookingRequest(child_id, club_id, start, None, (), self.notes.text())
        return BookingRequest(child_id, club_id, start, to_date(self.end_date),
                              self.weekdays.days(), self.notes.text())

    def refresh_preview(self) -> None:
        """Ask the service what booking now would do; nothing is written."""
        self._timer.stop()
        for label in (self.banner, self.weekdays_error, self.dates_error, self.problems):
            label.hide()
        request = self.request()
        self.preview = None
        if request is None:
            self.heading.setText("Choose a child and a club to see the dates."
                                 if self.club.count() else "There are no clubs yet.")
            self._show_lines()
            return
        if not request.one_off and not request.weekdays:
            self._field_error(self.weekdays_error, "Tick at least one weekday.")
            self._show_lines()
            return
        try:
            self.preview = self.app.bookings.preview(request)
        except ValidationError as exc:
            self._field_error(self.weekdays_error if exc.field == "weekdays"
                              else self.dates_error if exc.field in ("end_date", "start_date")
                              else self.banner, exc.message)
        except DomainError as exc:
            self._field_error(self.banner, str(exc))
        self._show_lines()

    def _field_error(self, label: QLabel, message: str) -> None:
        label.setText(message)
        label.show()

    def _show_lines(self) -> None:
        p = self.preview
        self.lines.set_rows(p.lines if p else [])
        fit_columns(self.lines_view, stretch=3)
        if p is None:
            self.skipped.setText("")
            self._update_button()
            return
        ok = sum(1 for x in p.lines if x.ok)
        full = sum(1 for x in p.lines if x.problem_code == FULL)
        other = len(p.lines) - ok - full
        self.heading.setText(
            f"<b>{p.child_name}</b> into <b>{p.club_name}</b> at {p.site}: {count(len(p.lines), 'date')}"
            f" – {ok} can be booked" + (f", {full} full" if full else "")
            + (f", {other} with a problem" if other else "") + ".")
        if p.problems:
            self._field_error(self.problems, "This booking cannot be made: "
                              + " ".join(x.message for x in p.problems))
        self._show_cost(p)
        self.skipped.setText(skipped_text(p.skipped) if p.skipped else "")
        self.skipped.setToolTip("\n".join(f"{s.day:%a %d/%m/%Y} – {s.reason}"
                                          for s in p.skipped[:80]))
        self.skipped.setVisible(bool(p.skipped))
        self.waiting.setVisible(bool(full) and not p.problems)
        self.waiting.setText(f"Put {p.child_name} on the waiting list for the {count(full, 'full date')}")
        self.skip_problems.setVisible(bool(other or (full and ok)) and not p.problems)
        self._update_button()

    def _show_cost(self, p: BookingPreview) -> None:
        """This booking's cost before Book, and a warning when the family owes over the limit."""
        days = [x.day for x in p.lines if x.ok]
        child, club = self.child_id(), self.club_id()
        cost = (feedback.guarded(self, "Cost", lambda: self.app.money.accounts.booking_cost(
            child, club, days)) if child is not None and club is not None else None)
        if cost is None:
            self.cost.setText("")
            return
        why = f" ({cost.why})" if cost.why else ""
        text = (f"Cost of this booking: <b>{money(cost.pence)}</b> for {count(cost.sessions, 'session')}"
                f"{why}. Family balance now: {money(cost.balance)}.")
        if cost.over_limit:
            text += (f"<br/>⚠ The family owes more than the {money(cost.limit)} limit: the office "
                     "decides whether to book.")
        self.cost.setText(text)

    def _can_book(self) -> bool:
        p = self.preview
        enabled = p is not None and not p.problems and bool(p.lines)
        if p is not None and enabled:
            refused = p.refused
            only_full = all(x.problem_code == FULL for x in refused)
            enabled = not refused or self.skip_problems.isChecked() or (
                only_full and self.waiting.isChecked())
            if not p.bookable and not self.waiting.isChecked():
                enabled = False
        return enabled

    def _update_button(self) -> None:
        p = self.preview
        self.book_button.setEnabled(self._can_book())
        retext(self.book_button, "Put on waiting list" if p is not None and not p.bookable
               and self.waiting.isChecked() else "Book")

    def _after_book(self) -> None:
        """Booked: the button stays off (the dialog is closing); refused: as the preview allows."""
        if self.outcome is None:
            self._update_button()

    def book(self) -> None:
        request = self.request()
        if request is None or not self._can_book():
            return
        skip, wait = self.skip_problems.isChecked(), self.waiting.isChecked()
        try:
            with busy_pointer():
                result = self.app.bookings.confirm(request, skip_problems=skip, waiting_list=wait)
        except ValidationError as exc:
            self._field_error(self.dates_error if exc.field in ("end_date", "start_date")
                              else self.banner, exc.message)
            return
        except Conflict as exc:  # e.g. the last place went to another PC meanwhile
            self.refresh_preview()
            self._field_error(self.banner, str(exc))
            return
        except DomainError as exc:
            self._field_error(self.banner, str(exc))
            return
        except Exception:
            log.exception("booking failed")
            feedback.warn(self, "Book a club", "Something went wrong and nothing was booked. The "
                                               "details are in the log file.")
            return
        self.outcome = result
        self.events.bookings_changed.emit()
        feedback.inform(self, "Booked", result_text(result, self.preview))
        self.accept()
