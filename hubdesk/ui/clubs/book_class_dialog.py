"""Book a class: pick a school and year group, tick children, book them all in one go.

The booking runs off the GUI thread (a class of 30 on a term is a thousand dates) and ends with a
report: who was booked, and who was refused and why.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from hubdesk.app import HubApp
from hubdesk.core.vocabulary import YEAR_GROUPS, year_label
from hubdesk.core.words import count
from hubdesk.services.clubs import ClassRefusal, ClassReport, ClassRequest, ClubForm, ClubRow
from hubdesk.ui.common.dates import date_edit, qdate, to_date
from hubdesk.ui.common.dialog_keys import Dialog
from hubdesk.ui.common.forms import error_label, hbox
from hubdesk.ui.common.tables import DtoTableModel, fit_columns, table_view
from hubdesk.ui.common.widgets import WeekdayBoxes
from hubdesk.ui.shell import feedback
from hubdesk.ui.shell.events import AppEvents
from hubdesk.ui.shell.tasks import run_task


def refusal_model() -> DtoTableModel[ClassRefusal]:
    return DtoTableModel([("Child", lambda r: r.child_name), ("Why not booked", lambda r: r.reason)],
                         [], tooltip=lambda r: r.reason)


def report_text(report: ClassReport) -> str:
    dates = sum(n for _cid, _name, n in report.booked)
    text = f"Booked {count(len(report.booked), 'child')}, {count(dates, 'date')} in all."
    if report.refused:
        text += f" {len(report.refused)} not booked (see the list)."
    return text


class BookClassDialog(Dialog):
    def __init__(self, app: HubApp, events: AppEvents, today: date, club: ClubRow,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Book a class into {club.name}")
        self.app, self.events, self.club = app, events, club
        self.report: ClassReport | None = None
        form = app.clubs.get(club.id)
        self.banner = error_label()
        fields = self._build_fields(form, today)
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.refusals = refusal_model()
        self.refusals_view = table_view(self.refusals)
        self.refusals_view.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Close)
        self.book_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.book_button.setText("Book the ticked children")
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(fields, 1)
        layout.addWidget(self.result_label)
        layout.addWidget(self.refusals_view, 1)
        layout.addWidget(self.buttons)
        self._connect()
        self.resize(640, 700)
        self.load_children()

    def _build_fields(self, form: ClubForm, today: date) -> QFormLayout:
        """Which class (school and year group), which children of it, and how they are booked."""
        self.school = QComboBox()
        for site in self.app.sites.list():
            if site.kind == "school" or site.id == self.club.site_id:
                self.school.addItem(site.name, site.id)
        self.school.setCurrentIndex(max(0, self.school.findData(self.club.site_id)))
        self.year = QComboBox()
        for year in YEAR_GROUPS:
            self.year.addItem(year_label(year), year)
        self.year.setCurrentIndex(max(0, self.year.findData(max(form.min_year, 0))))
        self.pupils = QListWidget()
        self.tick_all, self.tick_none = QPushButton("Tick all"), QPushButton("Tick none")
        self.ticked_label = QLabel()
        self.standing = QRadioButton("Standing (every week on the ticked days)")
        self.one_off = QRadioButton("One-off")
        group = QButtonGroup(self)
        group.addButton(self.standing)
        group.addButton(self.one_off)
        self.standing.setChecked(True)
        self.weekdays = WeekdayBoxes(form.weekdays)
        self.start_date = date_edit(max(today, form.start_date))
        self.end_date = date_edit(form.end_date)
        fields = QFormLayout()
        fields.addRow("School:", self.school)
        fields.addRow("Year group:", self.year)
        fields.addRow("Children:", self.pupils)
        fields.addRow("", hbox(self.tick_all, self.tick_none, (self.ticked_label, 1)))
        fields.addRow("Kind:", hbox(self.standing, self.one_off, stretch=True))
        fields.addRow("Weekdays:", self.weekdays)
        fields.addRow("Dates:", hbox(self.start_date, "to", self.end_date, stretch=True))
        return fields

    def _connect(self) -> None:
        self.buttons.accepted.connect(self.book)
        self.buttons.rejected.connect(self.reject)
        self.school.currentIndexChanged.connect(lambda _i: self.load_children())
        self.year.currentIndexChanged.connect(lambda _i: self.load_children())
        self.pupils.itemChanged.connect(lambda _item: self._count())
        self.tick_all.clicked.connect(lambda: self._tick(True))
        self.tick_none.clicked.connect(lambda: self._tick(False))
        self.standing.toggled.connect(self._kind)

    def load_children(self) -> None:
        school, year = self.school.currentData(), self.year.currentData()
        self.pupils.clear()
        if school is None or year is None:
            return
        found = feedback.guarded(self, self.windowTitle(), lambda: self.app.clubs.eligible_children(
            self.club.id, int(school), int(year))) or []
        self.pupils.blockSignals(True)
        for child_id, name in found:
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, child_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)  # the office ticks who the form names
            self.pupils.addItem(item)
        self.pupils.blockSignals(False)
        self._count()

    def _tick(self, on: bool) -> None:
        state = Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
        self.pupils.blockSignals(True)
        for i in range(self.pupils.count()):
            self.pupils.item(i).setCheckState(state)
        self.pupils.blockSignals(False)
        self._count()

    def ticked(self) -> tuple[int, ...]:
        return tuple(int(self.pupils.item(i).data(Qt.ItemDataRole.UserRole))
                     for i in range(self.pupils.count())
                     if self.pupils.item(i).checkState() == Qt.CheckState.Checked)

    def _count(self) -> None:
        self.ticked_label.setText(f"{len(self.ticked())} of {self.pupils.count()} ticked")

    def _kind(self, standing: bool) -> None:
        self.weekdays.setEnabled(standing)
        self.end_date.setEnabled(standing)
        if not standing:
            self.end_date.setDate(qdate(to_date(self.start_date)))

    def request(self) -> ClassRequest:
        standing = self.standing.isChecked()
        return ClassRequest(
            school_id=int(self.school.currentData()), year_group=int(self.year.currentData()),
            child_ids=self.ticked(), club_id=self.club.id, start_date=to_date(self.start_date),
            end_date=to_date(self.end_date) if standing else None,
            weekdays=self.weekdays.days() if standing else ())

    def book(self) -> None:
        self.banner.hide()
        request = self.request()
        if not request.child_ids:
            self.banner.setText("Tick at least one child.")
            self.banner.show()
            return
        self.book_button.setEnabled(False)

        def failed(message: str) -> None:
            self.book_button.setEnabled(True)
            self.banner.setText(message)
            self.banner.show()

        run_task(self, "Booking the class", lambda _p: self.app.bookings.book_class(request),
                 self.show_report, failed)

    def show_report(self, report: ClassReport) -> None:
        self.report = report
        self.book_button.setEnabled(True)
        self.result_label.setText(report_text(report))
        self.refusals.set_rows(report.refused)
        self.refusals_view.setVisible(bool(report.refused))
        fit_columns(self.refusals_view, stretch=1)
        if report.booked:
            self.events.bookings_changed.emit()
