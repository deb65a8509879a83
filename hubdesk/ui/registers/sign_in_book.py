"""The Registers page's signing-in book tab: adults on site (staff, learners, visitors,
contractors) signed in and out, and the day's book printed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hubdesk.app import HubApp
from hubdesk.services.progress import Progress
from hubdesk.services.registers import KINDS, SignInForm, SignInRow
from hubdesk.ui.common.page import Page, open_dialog
from hubdesk.ui.common.tables import DtoTableModel, fit_columns, table_view
from hubdesk.ui.registers.register_form import RegisterFormDialog, moment_of, now_time_edit
from hubdesk.ui.shell import feedback


class SignInDialog(RegisterFormDialog):
    """One adult arriving: name, who they are, organisation, whom visiting, car, and when they
    came (now, or earlier today when the book is written up after they walked in)."""

    def __init__(self, app: HubApp, site_id: int, parent: QWidget | None = None) -> None:
        super().__init__("Sign an adult in", parent)
        self.app, self.site_id = app, site_id
        self.name, self.organisation = QLineEdit(), QLineEdit()
        self.visiting, self.car = QLineEdit(), QLineEdit()
        self.kind = QComboBox()
        for key, label in KINDS.items():
            self.kind.addItem(label, key)
        self.kind.setCurrentIndex(list(KINDS).index("visitor"))
        self.car.setPlaceholderText("e.g. KX21 ABC")
        self.arrived = now_time_edit(app.clock.now())
        self.arrived.setToolTip("When they arrived today: now, or earlier if the book is being "
                                "written up after they came in")
        self.add_row("Name", "name", self.name)
        self.add_row("Who", "kind", self.kind)
        self.add_row("Organisation", "organisation", self.organisation)
        self.add_row("Visiting", "visiting", self.visiting)
        self.add_row("Car registration", "car_registration", self.car)
        self.add_row("Arrived at", "at", self.arrived)
        self.name.setFocus()

    def arrival(self) -> datetime | None:
        """The moment typed, or None (now) when the field still shows the minute it opened."""
        now = self.app.clock.now()
        at = moment_of(self.arrived, self.app.clock.today())
        return None if at == now.replace(second=0, microsecond=0) else at

    def save(self) -> int:
        row = self.app.registers.book.sign_in(SignInForm(
            self.site_id, self.name.text(), str(self.kind.currentData()),
            self.organisation.text(), self.visiting.text(), self.car.text(), self.arrival()))
        return row.id


class SignInBookTab(QWidget):
    """The day's book at the chosen site; sign in, sign out, print."""

    def __init__(self, app: HubApp, page: Page, chosen_day: Callable[[], date],
                 site_name: Callable[[], str]) -> None:
        super().__init__(page)
        self.app, self.page, self.chosen_day, self.site_name = app, page, chosen_day, site_name
        self.site_id: int | None = None
        self.dialog: SignInDialog | None = None
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.model: DtoTableModel[SignInRow] = DtoTableModel(
            [("Name", lambda x: x.name), ("Who", lambda x: x.kind_label),
             ("Organisation", lambda x: x.organisation), ("Visiting", lambda x: x.visiting),
             ("Car", lambda x: x.car_registration), ("In", lambda x: x.time_in),
             ("Out", lambda x: x.time_out or "still here")], [])
        self.view = table_view(self.model, stretch=-1)
        self.in_button = QPushButton("Sign in…")
        self.out_button = QPushButton("Sign out")
        self.print_button = QPushButton("Print the book")
        self.in_button.clicked.connect(self.sign_in)
        self.out_button.clicked.connect(self.sign_out)
        self.print_button.clicked.connect(self.print_book)
        row = QHBoxLayout()
        for button in (self.in_button, self.out_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.view, 1)
        layout.addLayout(row)

    def load(self, site_id: int | None) -> None:
        self.site_id = site_id
        if site_id is None:
            self.note.setText("Choose a site to see its signing-in book.")
            return
        day = self.chosen_day()
        rows = feedback.guarded(self, "Signing-in book",
                                lambda: self.app.registers.book.day(site_id, day))
        if rows is None:
            return
        self.model.set_rows(rows)
        fit_columns(self.view)
        here = sum(1 for r in rows if r.signed_out_at is None)
        self.note.setText(f"Adults on site other than children: staff, learners, tutors, "
                          f"visitors, contractors. {len(rows)} signed in on "
                          f"{day:%A} {day.day} {day:%B}, {here} still here. The fire register "
                          "lists everyone still here.")

    def sign_in(self) -> None:
        if self.site_id is None:
            feedback.inform(self, "Sign in", "Choose a site first.")
            return
        dialog = SignInDialog(self.app, self.site_id, self)
        self.dialog = dialog
        dialog.accepted.connect(lambda: self.load(self.site_id))
        open_dialog(dialog)

    def sign_out(self) -> None:
        chosen = self.view.selectionModel().selectedRows()
        if not chosen:
            feedback.inform(self, "Sign out", "Choose the person leaving in the list first.")
            return
        entry = self.model.row(chosen[0].row())
        if feedback.guarded(self, "Sign out",
                            lambda: self.app.registers.book.sign_out(entry.id)) is not None:
            self.load(self.site_id)

    def print_book(self) -> None:
        site_id = self.site_id
        if site_id is None:
            return
        book, day, site = self.app.registers.book, self.chosen_day(), self.site_name()

        def write(target: Path, _progress: Progress) -> None:
            from hubdesk.reports.sign_in_book import write_sign_in_book  # only when printing

            write_sign_in_book(book.day(site_id, day), site, day, target)

        self.page.print_pdf(f"signing-in-book-{site}", write, "Signing-in book")
