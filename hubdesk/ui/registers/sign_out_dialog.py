"""Sign a child out: who collected, chosen from the adults allowed, with their password to check.

Anyone not on the list is refused here; the office records a parent's one-off permission (the
"Someone else…" button, ``OneOffDialog``), after which that adult appears in the list.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from hubdesk.core.clock import Clock
from hubdesk.core.errors import ValidationError
from hubdesk.services.registers import Collector, RegisterLine, RegisterService
from hubdesk.ui.common.page import open_dialog
from hubdesk.ui.registers.register_form import RegisterFormDialog, moment_of, now_time_edit


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
        self.when = now_time_edit(clock.now())
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
        dialog = OneOffDialog(self.take, self.line, self.day, self)
        self.one_off = dialog

        def finished(code: int) -> None:
            self.one_off = None
            if code:
                self.done(2)  # reopened by the page with the new adult listed

        dialog.finished.connect(finished)
        open_dialog(dialog)


class OneOffDialog(RegisterFormDialog):
    """The office records a parent's permission for another adult to collect, today only."""

    def __init__(self, take: RegisterService, line: RegisterLine, day: date,
                 parent: QWidget | None = None) -> None:
        super().__init__(f"One-off collection: {line.name}", parent)
        self.take, self.line, self.day = take, line, day
        self.parent_carer = QComboBox()
        for p in take.parents(line.child_id):
            self.parent_carer.addItem(p.label, p.carer_id)
        self.adult = QLineEdit()
        self.adult.setPlaceholderText("full name of the adult collecting")
        self.how = QComboBox()
        self.how.setEditable(True)
        self.how.addItems(["phone call to the office", "signed note", "in person", "email"])
        self.description = QLineEdit()
        self.description.setPlaceholderText("e.g. aunt; photo ID to be shown")
        self.password = QLineEdit()
        self.add_row("Permission from:", "authorised_by", self.parent_carer)
        self.add_row("Adult collecting:", "adult_name", self.adult)
        self.add_row("Given by:", "given_how", self.how)
        self.add_row("Description:", "description", self.description)
        self.add_row("Password agreed:", "password", self.password)
        self.setMinimumWidth(480)

    def save(self) -> int:
        carer = self.parent_carer.currentData()
        if carer is None:
            raise ValidationError("Only a parent with parental responsibility can give "
                                  "permission, and none is recorded for this child.",
                                  "authorised_by")
        return self.take.authorise_one_off(self.line.child_id, self.day, self.adult.text(),
                                           int(carer), self.how.currentText(),
                                           self.description.text(), self.password.text())
