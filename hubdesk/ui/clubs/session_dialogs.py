"""Cancel one club session (then list the families to tell, with phone numbers to copy) and
add an extra session."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from hubdesk.core.words import are, count, were
from hubdesk.services.clubs import CancelledSession, ClubForm, ClubSessionService, SessionRow
from hubdesk.ui.common.dates import date_edit, time_edit, to_date, to_time
from hubdesk.ui.common.forms import InlineFormDialog
from hubdesk.ui.common.widgets import CopyableText
from hubdesk.ui.shell.events import AppEvents


def families_text(done: CancelledSession, club_name: str) -> str:
    """Plain text the office can paste into an email or work down with the phone."""
    x = done.session
    lines = [f"{club_name} on {x.day:%A %d/%m/%Y} ({x.start_time:%H:%M}–{x.end_time:%H:%M}) "
             f"is cancelled: {x.cancel_reason}", ""]
    if not done.families:
        lines.append("Nobody was booked, so there is nobody to tell.")
    for family in done.families:
        phones = "; ".join(family.phones) or "no carer's phone on record"
        lines.append(f"{family.child_name} – {phones}")
    if done.waiting_removed:
        lines += ["", f"{count(done.waiting_removed, 'child')} waiting for this session "
                      f"{were(done.waiting_removed)} taken off "
                      "its waiting list."]
    return "\n".join(lines)


class CancelSessionDialog(InlineFormDialog):
    """Asks why; once cancelled, stays open showing who to phone."""

    def __init__(self, sessions: ClubSessionService, events: AppEvents, session: SessionRow,
                 club_name: str, parent: QWidget | None = None) -> None:
        super().__init__(f"Cancel {club_name} on {session.day:%a %d/%m/%Y}", parent)
        self.sessions, self.events, self.session, self.club_name = \
            sessions, events, session, club_name
        self.cancelled: CancelledSession | None = None
        about = QLabel(f"{count(session.booked, 'child')} {are(session.booked)} booked. "
                       "Their bookings are kept, marked "
                       "cancelled, and you get the list of families to tell.")
        about.setWordWrap(True)
        self.form.addRow(about)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("e.g. staff illness, hall needed for a concert")
        self.add_row("Reason:", "reason", self.reason)
        self.families = CopyableText()
        self.families.setMinimumHeight(220)
        self.families.hide()
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(layout.count() - 1, self.families)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText("Cancel the session")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Keep it")
        self.setMinimumWidth(560)
        self.reason.setFocus()

    def save(self) -> int:
        self.cancelled = self.sessions.cancel_session(self.session.id, self.reason.text())
        return self.session.id

    def try_save(self) -> None:
        if self.cancelled is not None:
            self.accept()
            return
        self.clear_errors()
        super().try_save()

    def accept(self) -> None:
        if self.cancelled is not None and self.families.isHidden():
            # First time through: show who to tell instead of closing.
            self.events.clubs_changed.emit()
            self.events.bookings_changed.emit()
            self.families.set_text(families_text(self.cancelled, self.club_name))
            self.families.show()
            self.resize(max(self.width(), 640), max(self.height(), 460))
            self.reason.setReadOnly(True)
            self.buttons.button(QDialogButtonBox.StandardButton.Save).setText("Close")
            self.buttons.button(QDialogButtonBox.StandardButton.Cancel).hide()
            return
        super().accept()


class AddSessionDialog(InlineFormDialog):
    """An extra session (a day the club does not normally meet, or a cancelled one brought back)."""

    def __init__(self, sessions: ClubSessionService, club: ClubForm, day: date,
                 parent: QWidget | None = None) -> None:
        super().__init__(f"Extra session of {club.name}", parent)
        self.sessions, self.club = sessions, club
        self.day = date_edit(day)
        self.start_time, self.end_time = time_edit(club.start_time), time_edit(club.end_time)
        self.capacity = QSpinBox()
        self.capacity.setRange(0, 999)
        self.capacity.setValue(club.capacity)
        self.capacity.setSuffix(" places")
        self.add_row("Date:", "day", self.day)
        self.add_row("Starts:", "start_time", self.start_time)
        self.add_row("Ends:", "end_time", self.end_time)
        self.add_row("Capacity:", "capacity", self.capacity)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText("Add session")
        self.setMinimumWidth(420)

    def save(self) -> int:
        return self.sessions.add_session(self.club.id or 0, to_date(self.day),
                                         to_time(self.start_time), to_time(self.end_time),
                                         self.capacity.value())

