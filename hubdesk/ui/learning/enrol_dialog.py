"""Enrol an adult on a course: find someone already known (a parent or carer of a pupil, or a past
learner) or add a new adult. Typing a new adult's name first shows who is already there, so the
same person is never entered twice."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from hubdesk.core.errors import DomainError, ValidationError
from hubdesk.core.words import count
from hubdesk.services.learning import EnrolResult, Learning
from hubdesk.services.people import CarerForm, CarerService
from hubdesk.ui.common.dialog_keys import Dialog
from hubdesk.ui.common.forms import error_label
from hubdesk.ui.common.tables import DtoTableModel, table_view
from hubdesk.ui.shell import feedback


def carer_model() -> DtoTableModel[CarerForm]:
    return DtoTableModel(
        [("Name", lambda c: f"{c.surname}, {c.forename}".strip(", ")),
         ("Mobile", lambda c: c.phone_mobile or c.phone_home), ("Email", lambda c: c.email),
         ("Postcode", lambda c: c.postcode)], [])


class EnrolDialog(Dialog):
    """Returns (via ``enrolled``) what the enrolment did; the page shows it and any clash warning."""

    def __init__(self, learning: Learning, carers: CarerService, course_id: int, course_title: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Enrol on {course_title}")
        self.learning, self.carers, self.course_id = learning, carers, course_id
        self.enrolled: EnrolResult | None = None
        self.banner = error_label()
        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_known(), "Someone already known")
        self.tabs.addTab(self._build_new(), "New adult")
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(close)
        self.resize(640, 460)
        self.search.setFocus()

    def _build_known(self) -> QWidget:
        """Someone already known: parents and carers of pupils, and past learners, found as typed."""
        self.search = QLineEdit()
        self.search.setPlaceholderText("Type a name, phone number or email")
        self.search.setClearButtonEnabled(True)
        self.matches = carer_model()
        self.match_view = table_view(self.matches)
        self.match_view.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.match_view.doubleClicked.connect(lambda _i: self.enrol_known())
        self.known_button = QPushButton("Enrol the chosen adult")
        self.known_button.clicked.connect(self.enrol_known)
        known = QWidget()
        box = QVBoxLayout(known)
        box.addWidget(QLabel("Parents and carers of pupils, and past learners:"))
        box.addWidget(self.search)
        box.addWidget(self.match_view, 1)
        box.addWidget(self.known_button)
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(200)
        self._typing.timeout.connect(self.find_adults)
        self.search.textChanged.connect(lambda _t: self._typing.start())
        self.search.returnPressed.connect(self.find_adults)
        return known

    def _build_new(self) -> QWidget:
        """A new adult, with a warning when someone of the same name is already known."""
        self.forename, self.surname = QLineEdit(), QLineEdit()
        self.mobile, self.email, self.postcode = QLineEdit(), QLineEdit(), QLineEdit()
        self.mobile.setPlaceholderText("tells two people with the same name apart")
        self.same_name = QLabel()
        self.same_name.setWordWrap(True)
        self.same_name.setStyleSheet("color: #8a5a00;")
        self.new_button = QPushButton("Add and enrol this adult")
        self.new_button.clicked.connect(self.enrol_new)
        new = QWidget()
        form = QFormLayout(new)
        self.new_errors = {name: error_label() for name in ("forename", "email")}
        form.addRow("Forename:", self.forename)
        form.addRow("Surname:", self.surname)
        form.addRow("", self.new_errors["forename"])
        form.addRow("Mobile:", self.mobile)
        form.addRow("Email:", self.email)
        form.addRow("", self.new_errors["email"])
        form.addRow("Postcode:", self.postcode)
        form.addRow("", self.same_name)
        form.addRow("", self.new_button)
        for edit in (self.forename, self.surname):
            edit.editingFinished.connect(self.check_same_name)
        return new

    def find_adults(self) -> None:
        self._typing.stop()
        if not self.isVisible():
            return
        query = self.search.text().strip()
        found = feedback.guarded(self, "Find", lambda: self.carers.find(query)) if query else []
        self.matches.set_rows(found or [])
        self.match_view.resizeColumnsToContents()
        if found:
            self.match_view.selectRow(0)

    def chosen(self) -> CarerForm | None:
        rows = self.match_view.selectionModel().selectedRows()
        return self.matches.row(rows[0].row()) if rows else None

    def enrol_known(self) -> None:
        carer = self.chosen()
        if carer is None or carer.id is None:
            self._error(None, "Find the adult and choose them in the list first.")
            return
        carer_id = carer.id
        self._enrol(lambda: self.learning.enrolments.enrol(self.course_id, carer_id=carer_id))

    def new_form(self) -> CarerForm:
        return CarerForm(forename=self.forename.text(), surname=self.surname.text(),
                         phone_mobile=self.mobile.text(), email=self.email.text(),
                         postcode=self.postcode.text())

    def same_name_matches(self) -> list[CarerForm]:
        query = f"{self.forename.text()} {self.surname.text()}".strip()
        return self.carers.find(query) if query else []

    def check_same_name(self) -> None:
        found = feedback.guarded(self, "Find", self.same_name_matches) or []
        if found:
            listed = "; ".join(f"{c.forename} {c.surname} ({c.phone_mobile or c.email or 'no contact'})"
                               for c in found[:3])
            self.same_name.setText(f"Already in the database: {listed}. If this is one of them, "
                                   "use 'Someone already known'.")
        else:
            self.same_name.clear()

    def enrol_new(self) -> None:
        form = self.new_form()
        found = feedback.guarded(self, "Find", self.same_name_matches) or []
        if found and not feedback.confirm(
                self, "New adult",
                f"{count(len(found), 'adult')} with a similar name already in the database "
                f"({'; '.join(f'{c.forename} {c.surname}' for c in found[:3])}). "
                "Add a new adult anyway?"):
            self.search.setText(f"{form.forename} {form.surname}")
            self.tabs.setCurrentIndex(0)
            self.find_adults()
            return
        self._enrol(lambda: self.learning.enrolments.enrol(self.course_id, new_adult=form))

    def _enrol(self, action: Callable[[], EnrolResult]) -> None:
        self._clear()

        def attempt() -> EnrolResult | None:
            try:
                return action()
            except ValidationError as exc:
                self._error(exc.field, exc.message)
            except DomainError as exc:
                self._error(None, exc.message)
            return None

        result = feedback.guarded(self, self.windowTitle(), attempt)
        if result is not None:
            self.enrolled = result
            self.accept()

    def _clear(self) -> None:
        for label in [self.banner, *self.new_errors.values()]:
            label.clear()
            label.hide()

    def _error(self, field: str | None, message: str) -> None:
        label = self.new_errors.get(field or "", self.banner)
        label.setText(message)
        label.show()

    def visible_errors(self) -> list[str]:
        return [lab.text() for lab in [self.banner, *self.new_errors.values()] if lab.text()]
