"""Sign a child out: who collected, chosen from the adults allowed, with their password to check.

Anyone not on the list is refused here; the office records a parent's one-off permission (the
"Someone else…" button), after which that adult appears in the list.
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QLabel,
    QPushButton,
    QRadioButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from hubdesk.core.clock import Clock, to_local
from hubdesk.core.errors import DomainError, ValidationError
from hubdesk.services.registers.queries import Collector, RegisterLine, moment
from hubdesk.services.registers.take import RegisterService
from hubdesk.ui.common.inline_form import InlineFormDialog
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


def time_edit(now: datetime) -> QTimeEdit:
    """A time field set to ``now`` (naive UTC) as a London wall-clock time."""
    edit = QTimeEdit()
    edit.setDisplayFormat("HH:mm")
    local = to_local(now)
    edit.setTime(QTime(local.hour, local.minute))
    return edit


def moment_of(edit: QTimeEdit, day: date) -> datetime:
    t = edit.time()
    return moment(day, t.toPython().replace(second=0, microsecond=0))  # type: ignore[union-attr]


class SignOutDialog(RegisterFormDialog):
    def __init__(self, take: RegisterService, line: RegisterLine, day: date, clock: Clock,
                 parent: QWidget | None = None) -> None:
        super().__init__(f"Sign out {line.name}", parent)
        self.take, self.line, self.day = take, line, day
        self.result_line: RegisterLine | None = None
        self.one_off: QWidget | None = None  # the one-off permission form, while open
        self.buttons.button(self.buttons.StandardButton.Save).setText("Sign out")
        intro = QLabel(f"<b>{line.name}</b> was signed in at {line.time_in}. Who is collecting? "
                       "Check the collection password before letting the child go.")
        intro.setWordWrap(True)
        self.form.addRow(intro)
        self.choices = QButtonGroup(self)
        self.radios: list[QRadioButton] = []
        box = QVBoxLayout()
        self.collectors = take.collectors(line.session_booking_id)
        for n, who in enumerate(self.collectors):
            text = who.label
            if who.password:
                text += f"    password: “{who.password}”"
            elif who.kind != "alone":
                text += "    (no password set)"
            radio = QRadioButton(text)
            self.choices.addButton(radio, n)
            self.radios.append(radio)
            box.addWidget(radio)
        if not self.collectors:
            none = QLabel("Nobody is allowed to collect this child yet. Do not let them go: "
                          "call the office.")
            none.setWordWrap(True)
            box.addWidget(none)
        self.other = QPushButton("Someone else…")
        self.other.setToolTip("An adult not on this list: the office records a parent's "
                              "permission first")
        self.other.clicked.connect(self.someone_else)
        box.addWidget(self.other)
        self.add_row("Collected by:", "collector", box)
        self.password_checked = QCheckBox("Password checked")
        self.add_row("", "password", self.password_checked)
        self.when = time_edit(clock.now())
        self.add_row("Time out:", "sign-out_at", self.when)
        self.setMinimumWidth(520)

    def chosen(self) -> Collector | None:
        n = self.choices.checkedId()
        return self.collectors[n] if n >= 0 else None

    def save(self) -> int:
        who = self.chosen()
        if who is None:
            raise ValidationError("Choose who collected the child.", "collector")
        self.result_line = self.take.sign_out(self.line.session_booking_id, who,
                                              moment_of(self.when, self.day),
                                              self.password_checked.isChecked())
        return self.line.session_booking_id

    def someone_else(self) -> None:
        from hubdesk.ui.registers.dialogs import OneOffDialog

        dialog = OneOffDialog(self.take, self.line, self.day, self)
        self.one_off = dialog

        def finished(code: int) -> None:
            self.one_off = None
            dialog.deleteLater()
            if code:
                self.done(2)  # reopened by the page with the new adult listed

        dialog.finished.connect(finished)
        dialog.open()
