"""New / edit staff member. Staff are never deleted: unticking "active" retires them.

Besides the basics the form has tabs for DBS and qualifications, driver details, and hours, sites and
availability; dates are the house date fields (typed or picked) and may be left empty.
"""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QTabWidget,
    QTimeEdit,
    QWidget,
)

from hubdesk.core.errors import ValidationError
from hubdesk.core.vocabulary import STAFF_ROLES
from hubdesk.services.people import StaffForm, StaffService
from hubdesk.services.sites import SiteForm
from hubdesk.ui.common.dates import DayEdit, optional_date, optional_date_edit, time_edit, to_time
from hubdesk.ui.common.forms import InlineFormDialog
from hubdesk.ui.common.history import HistoryView, Source

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")


def _day(edit: DayEdit, field: str) -> date | None:
    """The date typed, None when empty, or an inline error on the field."""
    problem = edit.problem()
    if problem:
        raise ValidationError(problem, field)
    return optional_date(edit)


def _parse_hours(text: str, field: str) -> int | None:
    text = text.strip().replace(",", ".")
    if not text:
        return None
    try:
        return round(float(text) * 60)
    except ValueError:
        raise ValidationError("Write the hours as a number, e.g. 17.5, or leave it empty.",
                              field) from None


def _hours_text(minutes: int | None) -> str:
    return "" if minutes is None else f"{minutes / 60:g}"


class StaffDialog(InlineFormDialog):
    def __init__(self, staff: StaffService, sites: list[SiteForm], form: StaffForm | None = None,
                 parent: QWidget | None = None, history: Source | None = None) -> None:
        super().__init__("Edit staff member" if form else "New staff member", parent)
        self.staff = staff
        self.original = form or StaffForm(forename="", surname="", role="play worker")
        f = self.original
        self.forename = QLineEdit(f.forename)
        self.surname = QLineEdit(f.surname)
        self.role = QComboBox()
        roles = list(STAFF_ROLES)
        if f.role and f.role not in roles:
            roles.append(f.role)  # a role typed before the list changed stays as it is
        for role in roles:
            self.role.addItem(role[:1].upper() + role[1:], role)
        self.role.setCurrentIndex(max(0, self.role.findData(f.role)))
        self.home_site = QComboBox()
        self.home_site.addItem("(no home site)", None)
        for site in sites:
            if site.active or site.id == f.home_site_id:
                self.home_site.addItem(site.name, site.id)
        self.home_site.setCurrentIndex(max(0, self.home_site.findData(f.home_site_id)))
        self.phone = QLineEdit(f.phone)
        self.phone.setPlaceholderText("e.g. 07700 900123")
        self.email = QLineEdit(f.email)
        self.email.setPlaceholderText("e.g. name@school.org.uk")
        self.active = QCheckBox("Active (untick when they leave: staff are never deleted)")
        self.active.setChecked(f.active)
        self.add_row("Forename:", "forename", self.forename)
        self.add_row("Surname:", "surname", self.surname)
        self.add_row("Role:", "role", self.role)
        self.add_row("Home site:", "home_site_id", self.home_site)
        self.add_row("Phone:", "phone", self.phone)
        self.add_row("Email:", "email", self.email)
        self.form.addRow("", self.active)
        self.tabs = QTabWidget()
        self._tab_of: dict[str, int] = {}
        basics = self.form
        self._checks_tab(f)
        self._driver_tab(f)
        self._hours_tab(f, sites)
        self.history: HistoryView | None = None
        if history is not None:  # what changed about this person, in words
            self.history = HistoryView(history)
            self.tabs.addTab(self.history, "History")
            self.history.refresh()
        self.form = basics
        self.form.addRow(self.tabs)
        self.setMinimumWidth(620)
        self.forename.setFocus()

    # --- tabs ---------------------------------------------------------------------------------
    def _tab(self, title: str) -> None:
        page = QWidget()
        self.form = QFormLayout(page)
        self.tabs.addTab(page, title)

    def _row(self, label: str, name: str, field: QWidget) -> None:
        self.add_row(label, name, field)
        self._tab_of[name] = self.tabs.count() - 1

    @staticmethod
    def _date(value: date | None, two_digit_years: bool = True) -> DayEdit:
        """The house date field, left empty when there is no date (adults' birth years and
        licence dates need four digits: 01/05/88 is not read as 2088)."""
        return optional_date_edit(value, two_digit_years)

    def _checks_tab(self, f: StaffForm) -> None:
        self._tab("DBS and qualifications")
        self.dbs_number = QLineEdit(f.dbs_number)
        self.dbs_number.setPlaceholderText("12 digits, from the certificate")
        self.dbs_issued_on = self._date(f.dbs_issued_on)
        self.dbs_checked_by = QLineEdit(f.dbs_checked_by)
        self.dbs_checked_on = self._date(f.dbs_checked_on)
        self.barred_list = QCheckBox("Children's barred list checked (needed for regulated activity)")
        self.barred_list.setChecked(f.barred_list_checked)
        self.update_service = QCheckBox("Subscribes to the DBS Update Service")
        self.update_service.setChecked(f.dbs_update_service)
        self.first_aid = self._date(f.first_aid_expires)
        self.food_hygiene = self._date(f.food_hygiene_expires)
        self.safeguarding = QCheckBox("Designated safeguarding lead")
        self.safeguarding.setChecked(f.safeguarding_lead)
        self._row("Enhanced DBS number:", "dbs_number", self.dbs_number)
        self._row("Issued on:", "dbs_issued_on", self.dbs_issued_on)
        self._row("Checked by:", "dbs_checked_by", self.dbs_checked_by)
        self._row("Checked on:", "dbs_checked_on", self.dbs_checked_on)
        self.form.addRow("", self.barred_list)
        self.form.addRow("", self.update_service)
        self._row("Paediatric first aid until:", "first_aid_expires", self.first_aid)
        self._row("Food hygiene until:", "food_hygiene_expires", self.food_hygiene)
        self.form.addRow("", self.safeguarding)

    def _driver_tab(self, f: StaffForm) -> None:
        self._tab("Driver")
        self.licence = QLineEdit(f.licence_categories)
        self.licence.setPlaceholderText("e.g. B, D1")
        self.licence_first_held = self._date(f.licence_first_held, two_digit_years=False)
        self.date_of_birth = self._date(f.date_of_birth, two_digit_years=False)
        self.midas = self._date(f.midas_expires)
        self._row("Licence categories:", "licence_categories", self.licence)
        self._row("Licence first held:", "licence_first_held", self.licence_first_held)
        self._row("Date of birth:", "date_of_birth", self.date_of_birth)
        self._row("MiDAS until:", "midas_expires", self.midas)

    def _hours_tab(self, f: StaffForm, sites: list[SiteForm]) -> None:
        self._tab("Hours, sites and availability")
        self.week_hours = QLineEdit(_hours_text(f.contracted_week_minutes))
        self.week_hours.setPlaceholderText("empty: no limit")
        self.day_hours = QLineEdit(_hours_text(f.contracted_day_minutes))
        self.day_hours.setPlaceholderText("empty: no limit")
        self._row("Contracted hours a week:", "contracted_week_minutes", self.week_hours)
        self._row("Contracted hours a day:", "contracted_day_minutes", self.day_hours)
        self.sites = QListWidget()
        for site in sites:
            if site.id is None or not (site.active or site.id in f.site_ids):
                continue
            item = QListWidgetItem(site.name)
            item.setData(Qt.ItemDataRole.UserRole, site.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if site.id in f.site_ids
                               else Qt.CheckState.Unchecked)
            self.sites.addItem(item)
        self.sites.setMaximumHeight(110)
        self._row("Also works at:", "site_ids", self.sites)
        grid = QGridLayout()
        windows = {d: (a, b) for d, a, b in f.availability}
        self.available: list[tuple[QCheckBox, QTimeEdit, QTimeEdit]] = []
        for n, name in enumerate(WEEKDAYS):
            start, end = windows.get(n, (time(7, 30), time(18, 0)))
            box = QCheckBox(name)
            box.setChecked(n in windows)
            edits = (time_edit(start), time_edit(end))
            grid.addWidget(box, n, 0)
            grid.addWidget(edits[0], n, 1)
            grid.addWidget(QLabel("to"), n, 2)
            grid.addWidget(edits[1], n, 3)
            self.available.append((box, *edits))
        holder = QWidget()
        holder.setLayout(grid)
        self._row("Available:", "availability", holder)
        self.form.addRow("", QLabel("No day ticked: available any time."))

    def show_error(self, field: str | None, message: str) -> None:
        if field in self._tab_of:
            self.tabs.setCurrentIndex(self._tab_of[field])
        super().show_error(field, message)

    # --- the form -----------------------------------------------------------------------------
    def staff_form(self) -> StaffForm:
        site = self.home_site.currentData()
        sites = tuple(int(self.sites.item(n).data(Qt.ItemDataRole.UserRole))
                      for n in range(self.sites.count())
                      if self.sites.item(n).checkState() == Qt.CheckState.Checked)
        availability = tuple((n, to_time(a), to_time(b))
                             for n, (box, a, b) in enumerate(self.available) if box.isChecked())
        return StaffForm(
            id=self.original.id,
            forename=self.forename.text(),
            surname=self.surname.text(),
            role=str(self.role.currentData() or ""),
            home_site_id=int(site) if site is not None else None,
            phone=self.phone.text(),
            email=self.email.text(),
            active=self.active.isChecked(),
            dbs_number=self.dbs_number.text().replace(" ", ""),
            dbs_issued_on=_day(self.dbs_issued_on, "dbs_issued_on"),
            dbs_checked_by=self.dbs_checked_by.text(),
            dbs_checked_on=_day(self.dbs_checked_on, "dbs_checked_on"),
            barred_list_checked=self.barred_list.isChecked(),
            dbs_update_service=self.update_service.isChecked(),
            first_aid_expires=_day(self.first_aid, "first_aid_expires"),
            food_hygiene_expires=_day(self.food_hygiene, "food_hygiene_expires"),
            safeguarding_lead=self.safeguarding.isChecked(),
            licence_categories=self.licence.text(),
            licence_first_held=_day(self.licence_first_held, "licence_first_held"),
            date_of_birth=_day(self.date_of_birth, "date_of_birth"),
            midas_expires=_day(self.midas, "midas_expires"),
            contracted_week_minutes=_parse_hours(self.week_hours.text(), "contracted_week_minutes"),
            contracted_day_minutes=_parse_hours(self.day_hours.text(), "contracted_day_minutes"),
            site_ids=sites,
            availability=availability,
        )

    def save(self) -> int:
        return self.staff.save(self.staff_form())
