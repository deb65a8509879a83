"""The Learners tab: who is on the course and its waiting list, enrolling, withdrawing with a
reason, completion, and each learner's RARPA progress record."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from hubdesk.app import HubApp
from hubdesk.core.words import count
from hubdesk.services.learning import CourseRow, LearnerRow, ProgressNotes
from hubdesk.ui.common.forms import hbox
from hubdesk.ui.common.page import open_dialog
from hubdesk.ui.common.tables import DtoTableModel, table_view
from hubdesk.ui.learning.enrol_dialog import EnrolDialog
from hubdesk.ui.shell import feedback

RARPA = (("starting_point", "Starting point"), ("goals", "Goals"), ("progress", "Progress"),
         ("achievement", "Achievement"))
HINTS = {"starting_point": "what they could do at the start",
         "goals": "what they want to achieve",
         "progress": "progress seen, session by session",
         "achievement": "what they achieved by the end"}


def _status(r: LearnerRow) -> str:
    if r.status == "waiting":
        return f"Waiting list ({r.position})"
    if r.status == "withdrawn":
        return f"Withdrawn {r.withdrawn_on:%d/%m}" if r.withdrawn_on else "Withdrawn"
    if r.status == "completed":
        return f"Completed {r.completed_on:%d/%m}" if r.completed_on else "Completed"
    return "Enrolled"


def learner_model() -> DtoTableModel[LearnerRow]:
    return DtoTableModel(
        [("Learner", lambda r: r.name), ("Status", _status), ("Phone", lambda r: r.phone),
         ("Children", lambda r: r.children), ("Attended", lambda r: r.attendance)],
        [], tooltip=lambda r: r.withdraw_reason and f"Withdrew: {r.withdraw_reason}")


class LearnersTab(QWidget):
    def __init__(self, app: HubApp, changed: Callable[[], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.changed = app, changed
        self.course: CourseRow | None = None
        self.dialog: EnrolDialog | None = None
        splitter = QSplitter()
        splitter.addWidget(self._build_learners())
        splitter.addWidget(self._build_notes())
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([600, 400])
        splitter.setChildrenCollapsible(False)
        QVBoxLayout(self).addWidget(splitter)
        self._show_notes()

    def _build_learners(self) -> QWidget:
        """The course's learners and what can be done to the chosen one."""
        self.model = learner_model()
        self.view = table_view(self.model)
        self.view.selectionModel().selectionChanged.connect(lambda *_a: self._show_notes())
        self.enrol_button = QPushButton("Enrol…")
        self.complete_button = QPushButton("Mark completed")
        self.uncomplete_button = QPushButton("Undo completion")
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("reason for withdrawing, e.g. started work")
        self.withdraw_button = QPushButton("Withdraw")
        self.enrol_button.clicked.connect(self.enrol)
        self.complete_button.clicked.connect(lambda: self.set_completed(True))
        self.uncomplete_button.clicked.connect(lambda: self.set_completed(False))
        self.withdraw_button.clicked.connect(self.withdraw)
        self.reason.returnPressed.connect(self.withdraw)
        buttons = hbox(self.enrol_button, self.complete_button, self.uncomplete_button)
        buttons.addSpacing(16)
        buttons.addWidget(self.reason, 1)
        buttons.addWidget(self.withdraw_button)
        left = QWidget()
        box = QVBoxLayout(left)
        box.setContentsMargins(0, 0, 0, 0)
        box.addLayout(buttons)
        box.addWidget(self.view, 1)
        return left

    def _build_notes(self) -> QGroupBox:
        """The chosen learner's progress notes (RARPA)."""
        self.notes_box = QGroupBox("Progress (RARPA)")
        self.notes: dict[str, QPlainTextEdit] = {}
        form = QVBoxLayout(self.notes_box)
        for name, label in RARPA:
            edit = QPlainTextEdit()
            edit.setTabChangesFocus(True)
            edit.setPlaceholderText(HINTS[name])
            edit.setMinimumHeight(edit.fontMetrics().lineSpacing() * 2 + 12)  # fits a laptop screen
            self.notes[name] = edit
            form.addWidget(QLabel(f"{label}:"))
            form.addWidget(edit, 1)
        self.save_notes_button = QPushButton("Save progress notes")
        self.save_notes_button.clicked.connect(self.save_notes)
        form.addWidget(self.save_notes_button)
        return self.notes_box

    def set_course(self, course: CourseRow | None) -> None:
        self.course = course
        chosen = self.selected()
        rows = [] if course is None else feedback.guarded(
            self, "Learners", lambda: self.app.learning.enrolments.learners(course.id)) or []
        self.model.set_rows(rows)
        self.view.resizeColumnsToContents()
        self.view.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        ids = [r.enrolment_id for r in rows]
        if chosen is not None and chosen.enrolment_id in ids:
            self.view.selectRow(ids.index(chosen.enrolment_id))
        self._show_notes()

    def selected(self) -> LearnerRow | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.row(rows[0].row()) if rows else None

    def select(self, name: str) -> None:
        names = [r.name for r in self.model.rows]
        self.view.selectRow(names.index(name))

    def _show_notes(self) -> None:
        learner = self.selected()
        self.notes_box.setEnabled(learner is not None)
        self.notes_box.setTitle("Progress (RARPA)" if learner is None
                                else f"Progress (RARPA): {learner.name}")
        for name, _label in RARPA:
            self.notes[name].setPlainText("" if learner is None else getattr(learner.notes, name))
        waiting_or_gone = learner is None or learner.status in ("waiting", "withdrawn")
        self.complete_button.setEnabled(learner is not None and learner.status == "enrolled")
        self.uncomplete_button.setEnabled(learner is not None and learner.status == "completed")
        self.withdraw_button.setEnabled(not waiting_or_gone or (
            learner is not None and learner.status == "waiting"))

    def enrol(self) -> None:
        course = self.course
        if course is None:
            return
        dialog = EnrolDialog(self.app.learning, self.app.carers, course.id, course.title, self)
        self.dialog = dialog

        def done() -> None:
            result = dialog.enrolled
            self.changed()
            if result is None:
                return
            self.select(next(r.name for r in self.model.rows
                             if r.enrolment_id == result.enrolment_id))
            if result.warnings:
                feedback.warn(self, "Family clash", f"{result.message}\n\n"
                              + "\n".join(result.warnings))
            elif result.status == "waiting":
                feedback.inform(self, "Waiting list", result.message)

        dialog.accepted.connect(done)
        open_dialog(dialog)

    def withdraw(self) -> None:
        learner = self.selected()
        if learner is None:
            feedback.inform(self, "Withdraw", "Choose a learner in the list first.")
            return
        reason = self.reason.text().strip()
        if not reason:
            feedback.warn(self, "Withdraw", "Type why the learner is withdrawing, then press "
                                            "Withdraw.")
            self.reason.setFocus()
            return
        if not feedback.confirm(self, "Withdraw", f"Withdraw {learner.name} ({reason})? Their "
                                "register marks are kept; any crèche places are freed."):
            return
        result = feedback.guarded(self, "Withdraw", lambda: self.app.learning.enrolments.withdraw(
            learner.enrolment_id, reason))
        if result is None:
            return
        self.reason.clear()
        self.changed()
        said = []
        if result.promoted:
            said.append(f"{', '.join(result.promoted)} moved up from the waiting list.")
        if result.creche_cancelled:
            said.append(f"{count(result.creche_cancelled, 'crèche place')} freed.")
        if said:
            feedback.inform(self, "Withdraw", " ".join(said))

    def set_completed(self, completed: bool) -> None:
        learner = self.selected()
        if learner is None:
            feedback.inform(self, "Completion", "Choose a learner in the list first.")
            return

        def save() -> bool:
            self.app.learning.enrolments.set_completed(learner.enrolment_id, completed)
            return True

        if feedback.guarded(self, "Completion", save):
            self.changed()

    def save_notes(self) -> None:
        learner = self.selected()
        if learner is None:
            return
        notes = ProgressNotes(**{name: self.notes[name].toPlainText() for name, _ in RARPA})

        def save() -> bool:
            self.app.learning.enrolments.save_progress(learner.enrolment_id, notes)
            return True

        if feedback.guarded(self, "Progress notes", save):
            self.changed()
