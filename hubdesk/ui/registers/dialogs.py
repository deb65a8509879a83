"""Small register forms: absence, time correction, unbooked child,
late-collection call and fee rule, fire drill, incident."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from hubdesk.core.clock import Clock, to_local
from hubdesk.core.errors import ValidationError
from hubdesk.core.vocabulary import ABSENCE_REASONS, INCIDENT_KINDS
from hubdesk.services.registers import (
    DrillForm,
    HealthLogService,
    IncidentForm,
    LateChild,
    LateCollectionService,
    LateFeeRule,
    RegisterLine,
    RegisterService,
    SiteRollService,
)
from hubdesk.ui.registers.register_form import RegisterFormDialog, moment_of, now_edit, now_time_edit, utc_of


class AbsenceDialog(RegisterFormDialog):
    def __init__(self, take: RegisterService, line: RegisterLine,
                 parent: QWidget | None = None) -> None:
        super().__init__(f"Absent: {line.name}", parent)
        self.take, self.line = take, line
        self.reason = QComboBox()
        for key, label in ABSENCE_REASONS.items():
            self.reason.addItem(label, key)
        self.note = QLineEdit()
        self.add_row("Reason:", "reason", self.reason)
        self.add_row("Note:", "note", self.note)

    def save(self) -> int:
        self.take.mark_absent(self.line.session_booking_id, str(self.reason.currentData()),
                              self.note.text())
        return self.line.session_booking_id


class TimesDialog(RegisterFormDialog):
    """Correct the times recorded; who corrected and when is kept in the history."""

    def __init__(self, take: RegisterService, line: RegisterLine, day: date, clock: Clock,
                 parent: QWidget | None = None) -> None:
        super().__init__(f"Correct times: {line.name}", parent)
        self.take, self.line, self.day = take, line, day
        self.time_in = now_time_edit(clock.now())
        self.time_out = now_time_edit(clock.now())
        for edit, value in ((self.time_in, line.signed_in_at), (self.time_out, line.signed_out_at)):
            if value is not None:
                local = to_local(value)
                edit.setTime(edit.time().fromString(f"{local:%H:%M}", "HH:mm"))
        self.note = QLineEdit()
        self.note.setPlaceholderText("why, e.g. signed in on paper first")
        self.add_row("Time in:", "sign-in_at", self.time_in)
        if line.state == "out":
            self.add_row("Time out:", "signed_out_at", self.time_out)
        self.add_row("Note:", "note", self.note)

    def save(self) -> int:
        out = moment_of(self.time_out, self.day) if self.line.state == "out" else None
        self.take.correct_times(self.line.session_booking_id, moment_of(self.time_in, self.day),
                                out, self.note.text())
        return self.line.session_booking_id


class AddChildDialog(RegisterFormDialog):
    """Find a child who arrived without a booking and add them (a one-off, if there is room)."""

    def __init__(self, take: RegisterService, session_id: int,
                 parent: QWidget | None = None) -> None:
        super().__init__("Add a child who arrived unbooked", parent)
        self.take, self.session_id = take, session_id
        self.search = QLineEdit()
        self.search.setPlaceholderText("type part of the name")
        self.matches = QListWidget()
        self.sign_in = QCheckBox("Sign in now")
        self.sign_in.setChecked(True)
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(200)
        self._typing.timeout.connect(self.find_children)
        self.search.textChanged.connect(lambda _t: self._typing.start())
        self.add_row("Child:", "child", self.search)
        self.form.addRow("", self.matches)
        self.form.addRow("", self.sign_in)
        self.buttons.button(self.buttons.StandardButton.Save).setText("Add")
        self.setMinimumWidth(460)

    def find_children(self) -> None:
        self._typing.stop()
        self.matches.clear()
        for c in self.take.find_children(self.search.text()):
            item = QListWidgetItem(f"{c.name} · {c.year} · {c.school}")
            item.setData(256, c.child_id)
            self.matches.addItem(item)
        if self.matches.count() == 1:
            self.matches.setCurrentRow(0)

    def save(self) -> int:
        item = self.matches.currentItem()
        if item is None:
            raise ValidationError("Find the child and choose them in the list.", "child")
        line = self.take.add_unbooked(self.session_id, int(item.data(256)),
                                      self.sign_in.isChecked())
        return line.session_booking_id


class CallDialog(RegisterFormDialog):
    def __init__(self, late: LateCollectionService, child: LateChild,
                 parent: QWidget | None = None) -> None:
        super().__init__(f"Call about {child.name}", parent)
        self.late, self.child = late, child
        self.who = QComboBox()
        self.who.setEditable(True)
        for c in child.contacts:
            rel = f" ({c.relationship})" if c.relationship else ""
            self.who.addItem(f"{c.name}{rel}", (c.carer_id, c.phone))
        self.who.addItem("Children's social care", (None, ""))
        self.number = QLineEdit(child.contacts[0].phone if child.contacts else "")
        self.who.currentIndexChanged.connect(self._number)
        self.outcome = QLineEdit()
        self.outcome.setPlaceholderText("e.g. no answer, left a message / on the way, 10 minutes")
        self.add_row("Called:", "called", self.who)
        self.add_row("Number:", "number", self.number)
        self.add_row("Outcome:", "outcome", self.outcome)
        self.setMinimumWidth(480)

    def _number(self, _index: int) -> None:
        data = self.who.currentData()
        if data:
            self.number.setText(data[1])

    def save(self) -> int:
        data = self.who.currentData() or (None, "")
        carer = data[0] if self.who.currentText() == self.who.itemText(
            self.who.currentIndex()) else None
        return self.late.record_call(self.child.attendance_id, self.who.currentText(),
                                     self.number.text(), self.outcome.text(), carer)


class DrillDialog(RegisterFormDialog):
    def __init__(self, site: SiteRollService, site_id: int, clock: Clock,
                 parent: QWidget | None = None) -> None:
        super().__init__("Record a fire drill", parent)
        self.site, self.site_id = site, site_id
        self.held = now_edit(clock.now())
        self.minutes = QSpinBox()
        self.minutes.setRange(0, 120)
        self.minutes.setSuffix(" min")
        self.seconds = QSpinBox()
        self.seconds.setRange(0, 59)
        self.seconds.setSuffix(" s")
        self.children_out = QSpinBox()
        self.children_out.setRange(0, 999)
        self.staff_out = QSpinBox()
        self.staff_out.setRange(0, 999)
        self.real = QCheckBox("A real alarm, not a practice")
        self.led_by = QLineEdit()
        self.notes = QPlainTextEdit()
        self.notes.setFixedHeight(70)
        self.add_row("When:", "held_at", self.held)
        took = QHBoxLayout()
        took.addWidget(self.minutes)
        took.addWidget(self.seconds)
        took.addStretch(1)
        self.add_row("Everyone out in:", "evacuation_seconds", took, focus=self.minutes)
        self.add_row("Children out:", "children_out", self.children_out)
        self.add_row("Staff out:", "staff_out", self.staff_out)
        self.form.addRow("", self.real)
        self.add_row("Led by:", "led_by", self.led_by)
        self.add_row("Notes:", "notes", self.notes)

    def save(self) -> int:
        held = utc_of(self.held)
        return self.site.record_drill(DrillForm(
            self.site_id, held, self.minutes.value() * 60 + self.seconds.value(),
            self.children_out.value(), self.staff_out.value(), self.real.isChecked(),
            self.led_by.text(), self.notes.toPlainText()))


class IncidentDialog(RegisterFormDialog):
    def __init__(self, health: HealthLogService, lines: list[RegisterLine],
                 session_id: int | None, clock: Clock, parent: QWidget | None = None,
                 child_id: int | None = None) -> None:
        super().__init__("Record an accident or incident", parent)
        self.health, self.session_id, self.clock = health, session_id, clock
        self.child = QComboBox()
        for line in lines:
            self.child.addItem(line.name, line.child_id)
        self.child.setCurrentIndex(max(0, self.child.findData(child_id)))
        self.kind = QComboBox()
        for key, label in INCIDENT_KINDS.items():
            self.kind.addItem(label, key)
        self.happened = now_edit(clock.now())
        self.what = QPlainTextEdit()
        self.what.setFixedHeight(70)
        self.action = QPlainTextEdit()
        self.action.setFixedHeight(50)
        self.dealt = QLineEdit()
        self.told = QCheckBox("Parent told already")
        self.told_how = QLineEdit()
        self.told_how.setPlaceholderText("e.g. in person at collection")
        self.told_how.setEnabled(False)
        self.told.toggled.connect(self.told_how.setEnabled)
        self.serious = QCheckBox("Serious injury (Ofsted must be told within 14 days)")
        self.add_row("Child:", "child_id", self.child)
        self.add_row("Kind:", "kind", self.kind)
        self.add_row("When:", "happened_at", self.happened)
        self.add_row("What happened:", "what", self.what)
        self.add_row("Action taken:", "action_taken", self.action)
        self.add_row("Dealt with by:", "dealt_with_by", self.dealt)
        self.form.addRow("", self.told)
        self.add_row("How told:", "parent_informed_how", self.told_how)
        self.form.addRow("", self.serious)
        self.setMinimumWidth(520)

    def save(self) -> int:
        child = self.child.currentData()
        if child is None:
            raise ValidationError("Choose the child.", "child_id")
        happened = utc_of(self.happened)
        informed = self.clock.now() if self.told.isChecked() else None
        return self.health.record_incident(IncidentForm(
            int(child), str(self.kind.currentData()), happened,
            self.what.toPlainText(), self.dealt.text(), self.action.toPlainText(),
            session_id=self.session_id, parent_informed_at=informed,
            parent_informed_how=self.told_how.text() if informed else "",
            serious=self.serious.isChecked()))


class LateFeeDialog(RegisterFormDialog):
    """The late-collection fee rule: a grace period, then a charge per started block of minutes.

    The fee is worked out when a child is signed out, so a change applies from then on.
    """

    def __init__(self, late: LateCollectionService, parent: QWidget | None = None) -> None:
        super().__init__("Late-collection fee", parent)
        self.late = late
        rule = late.rule()
        self.grace = QSpinBox()
        self.grace.setRange(0, 60)
        self.grace.setSuffix(" min")
        self.grace.setValue(rule.grace_minutes)
        self.block = QSpinBox()
        self.block.setRange(1, 120)
        self.block.setSuffix(" min")
        self.block.setValue(rule.block_minutes)
        self.charge = QDoubleSpinBox()
        self.charge.setRange(0, 100)
        self.charge.setDecimals(2)
        self.charge.setPrefix("£")
        self.charge.setSingleStep(0.5)
        self.charge.setValue(rule.pence_per_block / 100)
        self.example = QLabel()
        self.example.setWordWrap(True)
        for spin in (self.grace, self.block, self.charge):
            spin.valueChanged.connect(lambda _v: self._explain())
        about = QLabel("Set the charge to £0.00 for no fee. Minutes late are always kept. A "
                       "change applies to children signed out from now on.")
        about.setWordWrap(True)
        self.form.addRow(about)
        self.add_row("Grace period:", "grace_minutes", self.grace)
        self.add_row("Charge per block of:", "block_minutes", self.block)
        self.add_row("Charge per block:", "pence_per_block", self.charge)
        self.form.addRow("", self.example)
        self._explain()
        self.setMinimumWidth(440)

    def rule(self) -> LateFeeRule:
        return LateFeeRule(self.grace.value(), self.block.value(), round(self.charge.value() * 100))

    def _explain(self) -> None:
        rule = self.rule()
        self.example.setText("For example: " + ", ".join(
            f"{m} min late £{rule.fee(m) / 100:.2f}" for m in (rule.grace_minutes + 1, 20, 45)
            ) + ".")

    def save(self) -> int:
        self.late.save_rule(self.rule())
        return 1
