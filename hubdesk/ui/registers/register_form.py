"""What every register form shares: refusals shown in the form (a field's beside it, any other in the
banner), time fields that start at now, and the conversions from a typed time to a stored moment."""

from __future__ import annotations

from datetime import UTC, date, datetime

from PySide6.QtCore import QDateTime, QTime
from PySide6.QtWidgets import QDateTimeEdit, QTimeEdit, QWidget

from hubdesk.core.clock import LONDON, to_local
from hubdesk.core.errors import DomainError, ValidationError
from hubdesk.services.registers import moment
from hubdesk.ui.common.dates import qdate, time_edit, to_time
from hubdesk.ui.common.forms import InlineFormDialog
from hubdesk.ui.shell import feedback


class RegisterFormDialog(InlineFormDialog):
    """A register form: a field's error beside it, any other refusal in the banner, stay open."""

    def try_save(self) -> None:
        self.clear_errors()

        def attempt() -> int | None:
            try:
                return self.save()
            except ValidationError as exc:
                self.show_error(exc.field if exc.field in self.errors else None, exc.message)
            except DomainError as exc:
                self.show_error(None, exc.message)
            return None

        saved = feedback.guarded(self, self.windowTitle(), attempt)
        if saved is not None:
            self.saved_id = saved
            self.accept()


def now_time_edit(now: datetime) -> QTimeEdit:
    """A time field set to ``now`` (naive UTC) in London, for a moment on the register's day."""
    return time_edit(to_local(now).time())


def moment_of(edit: QTimeEdit, day: date) -> datetime:
    """The time typed on ``day`` (London) as a stored moment."""
    return moment(day, to_time(edit))


class _MomentEdit(QDateTimeEdit):
    """A date-and-time field that Tab leaves, as every other box."""

    def focusNextPrevChild(self, next: bool) -> bool:
        return QWidget.focusNextPrevChild(self, next)


def now_edit(now: datetime) -> QDateTimeEdit:
    """A date-and-time field set to ``now`` (naive UTC) in London time."""
    edit = _MomentEdit()
    edit.setDisplayFormat("dd/MM/yyyy HH:mm")
    local = to_local(now)
    edit.setDateTime(QDateTime(qdate(local.date()), QTime(local.hour, local.minute)))
    edit.setCalendarPopup(True)
    return edit


def utc_of(edit: QDateTimeEdit) -> datetime:
    """The London wall-clock moment typed, as stored: naive UTC."""
    value = edit.dateTime()
    day, hm = value.date(), value.time()
    local = datetime(day.year(), day.month(), day.day(), hm.hour(), hm.minute(), tzinfo=LONDON)
    return local.astimezone(UTC).replace(tzinfo=None)
