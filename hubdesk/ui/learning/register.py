"""The Register tab: pick a session, mark each learner present or absent (with a reason), save."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hubdesk.app import HubApp
from hubdesk.services.learning import CourseRow, Mark, RegisterLine
from hubdesk.ui.shell import feedback

MARKS = ("—", "Present", "Absent")
REASONS = ("", "Ill", "Child ill", "Childcare", "Work", "Appointment", "Holiday", "Not known")


def default_session(days: list[date], today: date) -> int:
    """Index of today's session, else the last one before today, else the first."""
    best = 0
    for n, day in enumerate(days):
        if day <= today:
            best = n
    return best


class RegisterTab(QWidget):
    def __init__(self, app: HubApp, changed: Callable[[], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.changed = app, changed
        self.course: CourseRow | None = None
        self.lines: list[RegisterLine] = []
        self.session = QComboBox()
        self.session.setMinimumContentsLength(30)
        self.session.currentIndexChanged.connect(lambda _i: self.load())
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["Learner", "Mark", "Reason if absent"])
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.all_present_button = QPushButton("Everyone unmarked is present")
        self.save_button = QPushButton("Save register")
        self.all_present_button.clicked.connect(self.all_present)
        self.save_button.clicked.connect(self.save)
        top = QHBoxLayout()
        top.addWidget(QLabel("Session:"))
        top.addWidget(self.session, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.all_present_button)
        bottom.addStretch(1)
        bottom.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.state)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

    def set_course(self, course: CourseRow | None) -> None:
        keep = self.session_id() if self.course and course and self.course.id == course.id else None
        self.course = course
        sessions = [] if course is None else feedback.guarded(
            self, "Register", lambda: self.app.learning.courses.sessions(course.id)) or []
        self.session.blockSignals(True)
        self.session.clear()
        for x in sessions:
            marked = f"  ✓ {x.present}/{x.marked} present" if x.marked else ""
            self.session.addItem(x.label + marked, x.id)
        index = self.session.findData(keep) if keep is not None else -1
        self.session.setCurrentIndex(index if index >= 0 else
                                     default_session([x.day for x in sessions], self.app.clock.today())
                                     if sessions else -1)
        self.session.blockSignals(False)
        self.load()

    def session_id(self) -> int | None:
        data = self.session.currentData()
        return None if data is None else int(data)

    def choose_session(self, day: date) -> None:
        sessions = self.app.learning.courses.sessions(self.course.id) if self.course else []
        for x in sessions:
            if x.day == day:
                self.session.setCurrentIndex(self.session.findData(x.id))

    def load(self) -> None:
        session_id = self.session_id()
        self.table.setRowCount(0)
        self.lines = []
        if session_id is None:
            self.state.setText("This course has no sessions." if self.course else "")
            self.save_button.setEnabled(False)
            return
        found = feedback.guarded(self, "Register",
                                 lambda: self.app.learning.enrolments.register(session_id))
        if found is None:
            return
        session, self.lines = found
        future = session.day > self.app.clock.today()
        self.save_button.setEnabled(not future and bool(self.lines))
        self.all_present_button.setEnabled(not future and bool(self.lines))
        if future:
            self.state.setText(f"This session is on {session.day:%A %d/%m/%Y}: mark it on the "
                               "day or afterwards.")
        elif not self.lines:
            self.state.setText("Nobody has a place on this course yet.")
        else:
            self.state.setText(f"{session.marked} of {len(self.lines)} marked, "
                               f"{session.present} present.")
        self.table.setRowCount(len(self.lines))
        for row, line in enumerate(self.lines):
            name = QTableWidgetItem(line.name)
            self.table.setItem(row, 0, name)
            mark = QComboBox()
            mark.addItems(MARKS)
            mark.setCurrentIndex(0 if line.present is None else 1 if line.present else 2)
            reason = QComboBox()
            reason.setEditable(True)
            reason.addItems(REASONS)
            reason.setCurrentText(line.reason)
            reason.setEnabled(line.present is False)
            mark.currentIndexChanged.connect(
                lambda i, box=reason: box.setEnabled(i == 2))
            self.table.setCellWidget(row, 1, mark)
            self.table.setCellWidget(row, 2, reason)
        self.table.resizeRowsToContents()

    def mark_box(self, row: int) -> QComboBox:
        widget = self.table.cellWidget(row, 1)
        assert isinstance(widget, QComboBox)
        return widget

    def reason_box(self, row: int) -> QComboBox:
        widget = self.table.cellWidget(row, 2)
        assert isinstance(widget, QComboBox)
        return widget

    def row_of(self, name: str) -> int:
        return [line.name for line in self.lines].index(name)

    def all_present(self) -> None:
        for row in range(self.table.rowCount()):
            if self.mark_box(row).currentIndex() == 0:
                self.mark_box(row).setCurrentIndex(1)

    def marks(self) -> list[Mark]:
        result = []
        for row, line in enumerate(self.lines):
            index = self.mark_box(row).currentIndex()
            present = None if index == 0 else index == 1
            result.append(Mark(line.enrolment_id, present,
                               self.reason_box(row).currentText() if present is False else ""))
        return result

    def save(self) -> None:
        session_id = self.session_id()
        if session_id is None:
            return
        marks = self.marks()

        def save() -> bool:
            self.app.learning.enrolments.mark(session_id, marks)
            return True

        if feedback.guarded(self, "Register", save):
            self.changed()
