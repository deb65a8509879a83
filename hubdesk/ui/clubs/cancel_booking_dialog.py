"""Cancel a child's booking: one date, or a standing booking from a date on.

Cancelled dates stay listed (with "late" when after the cut-off), nothing is deleted. A place
that frees goes to the first child on the waiting list, and the office is told who to phone.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import (
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hubdesk.app import HubApp
from hubdesk.core.errors import DomainError, ValidationError
from hubdesk.core.words import count
from hubdesk.services.clubs import BookingLine, BookingSummary, CancelResult
from hubdesk.ui.common.busy import busy_pointer, one_click
from hubdesk.ui.common.dates import date_edit, qdate, to_date
from hubdesk.ui.common.dialog_keys import Dialog
from hubdesk.ui.common.forms import error_label
from hubdesk.ui.common.tables import (
    GREY,
    DtoTableModel,
    TintedTableModel,
    fit_columns,
    selected_row,
    table_view,
)
from hubdesk.ui.shell import feedback
from hubdesk.ui.shell.events import AppEvents

log = logging.getLogger(__name__)


def status_text(line: BookingLine) -> str:
    if line.status == "booked":
        return "Booked"
    return "Cancelled – late" if line.late else "Cancelled"


def summary_model() -> DtoTableModel[BookingSummary]:
    return DtoTableModel(
        [("Club", lambda b: b.club_name),
         ("Kind", lambda b: "Standing" if b.kind == "standing" else "One-off"),
         ("Days", lambda b: b.weekdays), ("From", lambda b: f"{b.start_date:%d/%m/%Y}"),
         ("To", lambda b: f"{b.end_date:%d/%m/%Y}"),
         ("Cancelled from", lambda b: f"{b.cancelled_from:%d/%m/%Y}" if b.cancelled_from else ""),
         ("Dates booked", lambda b: b.live_sessions)], [])


def line_model() -> TintedTableModel[BookingLine]:
    return TintedTableModel(
        [("Date", lambda x: f"{x.day:%a %d/%m/%Y}"), ("Times", lambda x: x.times),
         ("Status", status_text), ("Reason", lambda x: x.cancel_reason)], [],
        tint=lambda x: GREY if x.status != "booked" else None)


def cancel_text(result: CancelResult, cutoff_hours: int) -> str:
    lines = [f"Cancelled {count(result.cancelled, 'date')}."]
    if result.late:
        lines.append(f"{result.late} of them late (less than {count(cutoff_hours, 'hour')} before the "
                     "session).")
    for offer in result.offers:
        lines.append(f"The place on {offer.day:%a %d/%m} is offered to {offer.child_name} from the "
                     f"waiting list – phone {'; '.join(offer.phones) or '(no phone)'} and confirm "
                     "on the Waiting lists page.")
    return "\n".join(lines)


class CancelBookingDialog(Dialog):
    def __init__(self, app: HubApp, events: AppEvents, child_id: int, child_name: str,
                 today: date, session_booking_id: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Cancel bookings of {child_name}")
        self.app, self.events, self.child_id, self.today = app, events, child_id, today
        self.last: CancelResult | None = None
        self.cutoff = app.clubs.rules().late_cutoff_hours
        self.banner = error_label()
        self.bookings = summary_model()
        self.bookings_view = table_view(self.bookings)
        self.lines = line_model()
        self.lines_view = table_view(self.lines)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("Why (optional), e.g. moving school, parent now at home")
        self.from_day = date_edit(today)
        self.cancel_one = QPushButton("Cancel the chosen date")
        self.cancel_from_button = QPushButton("Cancel this booking from")
        note = QLabel(f"Cancelling less than {self.cutoff} hours before a session marks it late. "
                      "Cancelled dates stay in the list.")
        note.setWordWrap(True)
        actions = QHBoxLayout()
        actions.addWidget(self.cancel_one)
        actions.addStretch(1)
        actions.addWidget(self.cancel_from_button)
        actions.addWidget(self.from_day)
        reason_row = QHBoxLayout()
        reason_row.addWidget(QLabel("Reason:"))
        reason_row.addWidget(self.reason, 1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(QLabel("Bookings (standing and one-off):"))
        layout.addWidget(self.bookings_view, 1)
        layout.addWidget(QLabel("Dates of the chosen booking:"))
        layout.addWidget(self.lines_view, 2)
        layout.addLayout(reason_row)
        layout.addLayout(actions)
        layout.addWidget(note)
        layout.addWidget(close)
        self.bookings_view.selectionModel().selectionChanged.connect(lambda *_a: self._show_lines())
        self.lines_view.selectionModel().selectionChanged.connect(lambda *_a: self._update())
        self.cancel_one.clicked.connect(one_click(self.cancel_one, self.cancel_selected, self._update))
        self.cancel_from_button.clicked.connect(one_click(self.cancel_from_button, self.cancel_from,
                                                          self._update))
        self.resize(780, 620)
        self.refresh(session_booking_id)

    def refresh(self, session_booking_id: int | None = None) -> None:
        keep = self.selected_booking()
        rows = self.app.bookings.bookings_of(self.child_id)
        self._history = self.app.bookings.history(self.child_id)
        self.bookings.set_rows(rows)
        fit_columns(self.bookings_view, stretch=0)
        wanted = keep.id if keep else None
        if session_booking_id is not None:
            wanted = next((x.booking_id for x in self._history
                           if x.session_booking_id == session_booking_id), wanted)
        index = next((i for i, b in enumerate(rows) if b.id == wanted), 0 if rows else None)
        if index is not None:
            self.bookings_view.selectRow(index)
        self._show_lines(session_booking_id)

    def selected_booking(self) -> BookingSummary | None:
        row = selected_row(self.bookings_view)
        return self.bookings.row(row) if row is not None else None

    def selected_line(self) -> BookingLine | None:
        row = selected_row(self.lines_view)
        return self.lines.row(row) if row is not None else None

    def _show_lines(self, session_booking_id: int | None = None) -> None:
        booking = self.selected_booking()
        lines = sorted((x for x in self._history if booking and x.booking_id == booking.id),
                       key=lambda x: x.day)
        self.lines.set_rows(lines)
        fit_columns(self.lines_view, stretch=3)
        pick = next((i for i, x in enumerate(lines) if x.session_booking_id == session_booking_id),
                    next((i for i, x in enumerate(lines)
                          if x.status == "booked" and x.day >= self.today), None))
        if pick is not None:
            self.lines_view.selectRow(pick)
            self.lines_view.scrollTo(self.lines.index(pick, 0))
            self.from_day.setDate(qdate(max(lines[pick].day, self.today)))
        self._update()

    def _update(self) -> None:
        line = self.selected_line()
        self.cancel_one.setEnabled(line is not None and line.status == "booked")
        booking = self.selected_booking()
        self.cancel_from_button.setEnabled(booking is not None and booking.live_sessions > 0)

    def cancel_selected(self) -> None:
        line = self.selected_line()
        if line is None or line.status != "booked":
            return
        if not feedback.confirm(self, "Cancel a date", f"Cancel {line.club_name} on "
                                f"{line.day:%a %d/%m/%Y}?"):
            return
        self._run(lambda: self.app.bookings.cancel(line.session_booking_id, self.reason.text()))

    def cancel_from(self) -> None:
        booking = self.selected_booking()
        if booking is None:
            return
        day = to_date(self.from_day)
        if not feedback.confirm(self, "Cancel a booking", f"Cancel {booking.club_name} from "
                                f"{day:%a %d/%m/%Y} on? Earlier dates stay booked."):
            return
        self._run(lambda: self.app.bookings.cancel_from(booking.id, day, self.reason.text()))

    def _run(self, work: Callable[[], CancelResult]) -> None:
        self.banner.hide()
        try:
            with busy_pointer():
                result = work()
        except ValidationError as exc:
            self.banner.setText(exc.message)
            self.banner.show()
            return
        except DomainError as exc:
            self.banner.setText(str(exc))
            self.banner.show()
            return
        except Exception:
            log.exception("cancelling failed")
            feedback.warn(self, "Cancel", "Something went wrong and nothing was cancelled. The "
                                          "details are in the log file.")
            return
        self.last = result
        self.events.bookings_changed.emit()
        self.refresh()
        feedback.inform(self, "Cancelled", cancel_text(result, self.cutoff))
