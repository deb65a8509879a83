"""The Crèche tab: learners' children booked into the course crèche, the crèche staff each session
needs (from the ratio rules), and the crèche register (signed in, signed out, collected by)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hubdesk.app import HubApp
from hubdesk.core.words import count
from hubdesk.services.learning import (
    CourseRow,
    CrecheBookingRow,
    CrecheRegisterLine,
    CrecheSessionRow,
)
from hubdesk.ui.common.page import open_dialog
from hubdesk.ui.common.tables import DtoTableModel, table_view
from hubdesk.ui.learning.creche_child_dialog import CrecheChildDialog
from hubdesk.ui.learning.creche_rules_dialog import CrecheRulesDialog
from hubdesk.ui.learning.register import default_session
from hubdesk.ui.shell import feedback

T = TypeVar("T")

def _table(model: DtoTableModel[Any], stretch: int) -> QTableView:
    """A house-style table whose ``stretch`` column takes the spare width."""
    view = table_view(model)
    view.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return view


class CrecheTab(QWidget):
    def __init__(self, app: HubApp, changed: Callable[[], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.changed = app, changed
        self.course: CourseRow | None = None
        self.dialog: CrecheChildDialog | None = None
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.rules_button = QPushButton("Crèche ratios…")
        self.rules_button.setToolTip("How many children each adult may look after, by age")
        self.rules_button.clicked.connect(self.edit_rules)
        self.rules_dialog: CrecheRulesDialog | None = None
        booked = self._build_bookings()
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self._build_staffing())
        right.addWidget(self._build_register())
        splitter = QSplitter()
        splitter.addWidget(booked)
        splitter.addWidget(right)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([430, 570])
        heading = QHBoxLayout()
        heading.addWidget(self.summary, 1)
        heading.addWidget(self.rules_button)
        layout = QVBoxLayout(self)
        layout.addLayout(heading)
        layout.addWidget(splitter, 1)

    def _build_bookings(self) -> QGroupBox:
        """The children booked for the whole course, and booking one more."""
        self.bookings: DtoTableModel[CrecheBookingRow] = DtoTableModel(
            [("Child", lambda b: b.name), ("Age at start", lambda b: b.age),
             ("Parent", lambda b: b.carer),
             ("Allergies / medical", lambda b: "; ".join(
                 p for p in (b.allergies, b.medical_notes) if p))], [])
        self.booking_view = _table(self.bookings, 3)
        self.learner = QComboBox()
        self.learner.currentIndexChanged.connect(lambda _i: self._fill_children())
        self.child = QComboBox()
        self.child.setPlaceholderText("(none yet: New child…)")
        self.new_child_button = QPushButton("New child…")
        self.book_button = QPushButton("Book place")
        self.cancel_button = QPushButton("Cancel booking")
        self.new_child_button.clicked.connect(self.new_child)
        self.book_button.clicked.connect(self.book)
        self.cancel_button.clicked.connect(self.cancel)
        pick = QHBoxLayout()
        pick.addWidget(QLabel("Parent:"))
        pick.addWidget(self.learner, 1)
        pick.addWidget(QLabel("Child:"))
        pick.addWidget(self.child, 1)
        pick.addWidget(self.new_child_button)
        pick.addWidget(self.book_button)
        booked = QGroupBox("Children booked (every session of the course)")
        box = QVBoxLayout(booked)
        box.addLayout(pick)
        box.addWidget(self.booking_view, 1)
        box.addWidget(self.cancel_button)
        return booked

    def _build_staffing(self) -> QGroupBox:
        self.sessions: DtoTableModel[CrecheSessionRow] = DtoTableModel(
            [("Date", lambda x: f"{x.day:%a %d/%m/%Y}"),
             ("Time", lambda x: f"{x.start_time:%H:%M}–{x.end_time:%H:%M}"),
             ("Booked", lambda x: x.children), ("Staff needed", lambda x: x.required_staff),
             ("Why", lambda x: x.explanation), ("Signed in", lambda x: x.signed_in)], [])
        self.session_view = _table(self.sessions, 4)
        self.session_view.selectionModel().selectionChanged.connect(lambda *_a: self.load_register())
        staffing = QGroupBox("Staffing per session (crèche workers come from the rota)")
        QVBoxLayout(staffing).addWidget(self.session_view)
        return staffing

    def _build_register(self) -> QGroupBox:
        """The chosen session's crèche register with sign in / out."""
        self.register: DtoTableModel[CrecheRegisterLine] = DtoTableModel(
            [("Child", lambda r: r.name), ("Age", lambda r: r.age), ("Parent", lambda r: r.carer),
             ("Allergies / medical", lambda r: r.medical), ("In", lambda r: r.signed_in),
             ("Out", lambda r: r.signed_out), ("Collected by", lambda r: r.collected_by)], [])
        self.register_view = _table(self.register, 6)
        self.register_view.selectionModel().selectionChanged.connect(lambda *_a: self._prefill())
        self.collected_by = QLineEdit()
        self.collected_by.setPlaceholderText("who collected the child")
        self.sign_in_button = QPushButton("Sign in")
        self.sign_out_button = QPushButton("Sign out")
        self.undo_button = QPushButton("Undo")
        self.sign_in_button.clicked.connect(self.sign_in)
        self.sign_out_button.clicked.connect(self.sign_out)
        self.undo_button.clicked.connect(self.undo)
        self.register_state = QLabel()
        actions = QHBoxLayout()
        actions.addWidget(self.sign_in_button)
        actions.addWidget(self.collected_by, 1)
        actions.addWidget(self.sign_out_button)
        actions.addWidget(self.undo_button)
        register = QGroupBox("Crèche register of the chosen session")
        box = QVBoxLayout(register)
        box.addWidget(self.register_state)
        box.addWidget(self.register_view, 1)
        box.addLayout(actions)
        return register

    # --- loading ----------------------------------------------------------------------------
    def set_course(self, course: CourseRow | None) -> None:
        same = self.course is not None and course is not None and self.course.id == course.id
        kept = self.session_id() if same else None
        self.course = course
        offered = course is not None and course.creche_places > 0
        for widget in (self.learner, self.child, self.new_child_button, self.book_button,
                       self.cancel_button, self.booking_view):
            widget.setEnabled(offered)
        if course is None:
            self.summary.setText("")
        elif not offered:
            self.summary.setText("This course has no crèche. To offer one, edit the course and "
                                 "give it crèche places.")
        else:
            rules = feedback.guarded(self, "Crèche", self.app.learning.creche.rules)
            ratios = ", ".join(f"1:{b.per_adult} {b.label}" for b in rules.bands) if rules else ""
            self.summary.setText(f"<b>{course.creche_booked} of {course.creche_places}</b> crèche "
                                 f"places booked. Ratios: {ratios}.")
        self.bookings.set_rows(self._get(lambda c: self.app.learning.creche.bookings(c)))
        self.booking_view.resizeColumnsToContents()
        sessions = self._get(lambda c: self.app.learning.creche.sessions(c))
        self.sessions.set_rows(sessions)
        self.session_view.resizeColumnsToContents()
        ids = [x.session_id for x in sessions]
        if sessions:
            row = ids.index(kept) if kept in ids else default_session(
                [x.day for x in sessions], self.app.clock.today())
            self.session_view.selectRow(row)
        self._fill_learners()
        self.load_register()

    def _get(self, read: Callable[[int], list[T]]) -> list[T]:
        course = self.course
        if course is None or course.creche_places == 0:
            return []
        return feedback.guarded(self, "Crèche", lambda: read(course.id)) or []

    def _fill_learners(self) -> None:
        chosen = self.learner.currentData()
        self.learner.blockSignals(True)
        self.learner.clear()
        learners = self._get(lambda c: self.app.learning.enrolments.learners(c))
        for r in learners:
            if r.status in ("enrolled", "completed"):
                self.learner.addItem(r.name, r.carer_id)
        self.learner.setCurrentIndex(max(0, self.learner.findData(chosen)))
        self.learner.blockSignals(False)
        self._fill_children()

    def _fill_children(self) -> None:
        self.child.clear()
        carer_id = self.learner.currentData()
        if carer_id is None:
            return
        creche = self.app.learning.creche
        booked = {b.creche_child_id for b in self.bookings.rows}
        for c in feedback.guarded(self, "Crèche", lambda: creche.children_of(carer_id)) or []:
            if c.id not in booked:
                self.child.addItem(f"{c.forename} {c.surname} ({c.date_of_birth:%d/%m/%Y})",
                                   ("creche", c.id))
        for p in feedback.guarded(self, "Crèche", lambda: creche.family_candidates(carer_id)) or []:
            self.child.addItem(f"{p.name} ({p.date_of_birth:%d/%m/%Y}, {p.school})",
                               ("pupil", p.child_id))

    def edit_rules(self) -> None:
        rules = feedback.guarded(self, "Crèche ratios", self.app.learning.creche.rules)
        if rules is None:
            return
        dialog = CrecheRulesDialog(self.app.learning.creche, rules, self)
        self.rules_dialog = dialog
        dialog.accepted.connect(self.changed)
        open_dialog(dialog)

    # --- bookings ---------------------------------------------------------------------------
    def new_child(self) -> None:
        carer_id = self.learner.currentData()
        if carer_id is None:
            feedback.inform(self, "Crèche", "Enrol the parent on the course first.")
            return
        dialog = CrecheChildDialog(self.app.learning.creche, int(carer_id),
                                   self.learner.currentText(), self.app.clock.today(), None, self)
        self.dialog = dialog

        def saved() -> None:
            self._fill_children()
            index = self.child.findData(("creche", dialog.saved_id))
            self.child.setCurrentIndex(max(0, index))

        dialog.accepted.connect(saved)
        open_dialog(dialog)

    def book(self) -> None:
        course, choice, carer_id = self.course, self.child.currentData(), self.learner.currentData()
        if course is None or choice is None or carer_id is None:
            feedback.inform(self, "Crèche", "Choose the parent and the child first (or add the "
                                            "child with 'New child…').")
            return
        creche = self.app.learning.creche
        kind, child_id = choice

        def book() -> int:
            if kind == "pupil":
                creche_id = creche.add_family_child(int(carer_id), int(child_id))
            else:
                creche_id = int(child_id)
            return creche.book(course.id, creche_id)

        if feedback.guarded(self, "Crèche", book) is not None:
            self.changed()

    def cancel(self) -> None:
        rows = self.booking_view.selectionModel().selectedRows()
        if self.course is None or not rows:
            feedback.inform(self, "Crèche", "Choose a booked child first.")
            return
        booking, course_id = self.bookings.row(rows[0].row()), self.course.id
        if not feedback.confirm(self, "Crèche", f"Cancel {booking.name}'s crèche place?"):
            return

        def cancel() -> bool:
            self.app.learning.creche.cancel(course_id, booking.creche_child_id)
            return True

        if feedback.guarded(self, "Crèche", cancel):
            self.changed()

    # --- the register -----------------------------------------------------------------------
    def session_id(self) -> int | None:
        rows = self.session_view.selectionModel().selectedRows()
        return self.sessions.row(rows[0].row()).session_id if rows else None

    def load_register(self) -> None:
        session_id = self.session_id()
        lines = [] if session_id is None else feedback.guarded(
            self, "Crèche", lambda: self.app.learning.creche.register(session_id)) or []
        self.register.set_rows(lines)
        self.register_view.resizeColumnsToContents()
        rows = self.session_view.selectionModel().selectedRows()
        today = bool(rows) and self.sessions.row(rows[0].row()).day == self.app.clock.today()
        for widget in (self.sign_in_button, self.sign_out_button, self.undo_button,
                       self.collected_by):
            widget.setEnabled(today and bool(lines))
        if session_id is None:
            self.register_state.setText("")
        elif not today:
            self.register_state.setText("The crèche register is kept on the day of the session.")
        else:
            here = sum(line.is_in for line in lines)
            self.register_state.setText(f"{count(here, 'child')} in the crèche now.")

    def chosen_line(self) -> CrecheRegisterLine | None:
        rows = self.register_view.selectionModel().selectedRows()
        return self.register.row(rows[0].row()) if rows else None

    def _prefill(self) -> None:
        line = self.chosen_line()
        if line is not None and line.is_in:
            first_last = " ".join(reversed(line.carer.split(", "))) if ", " in line.carer \
                else line.carer
            self.collected_by.setText(first_last)

    def _register_action(self, title: str, action: Callable[[int, int], None]) -> None:
        session_id, line = self.session_id(), self.chosen_line()
        if session_id is None or line is None:
            feedback.inform(self, title, "Choose a child in the crèche register first.")
            return
        child_id = line.creche_child_id

        def run() -> bool:
            action(session_id, child_id)
            return True

        if feedback.guarded(self, title, run):
            self.load_register()
            self.sessions.set_rows(self._get(lambda c: self.app.learning.creche.sessions(c)))
            self.session_view.selectRow([x.session_id for x in self.sessions.rows].index(session_id))

    def sign_in(self) -> None:
        self._register_action("Sign in", lambda s, c: self.app.learning.creche.sign_in(s, c))

    def sign_out(self) -> None:
        collected_by = self.collected_by.text()
        self._register_action("Sign out", lambda s, c: self.app.learning.creche.sign_out(
            s, c, collected_by))

    def undo(self) -> None:
        self._register_action("Undo", lambda s, c: self.app.learning.creche.undo(s, c))

