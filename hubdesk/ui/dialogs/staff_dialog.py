"""New / edit staff member. Staff are never deleted: unticking "active" retires them."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QWidget

from hubdesk.core.models import STAFF_ROLES
from hubdesk.services.sites import SiteForm
from hubdesk.services.staff import StaffForm, StaffService
from hubdesk.ui.dialogs.inline_form import InlineFormDialog


class StaffDialog(InlineFormDialog):
    def __init__(self, staff: StaffService, sites: list[SiteForm], form: StaffForm | None = None,
                 parent: QWidget | None = None) -> None:
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
        self.setMinimumWidth(520)
        self.forename.setFocus()

    def staff_form(self) -> StaffForm:
        site = self.home_site.currentData()
        return StaffForm(
            id=self.original.id,
            forename=self.forename.text(),
            surname=self.surname.text(),
            role=str(self.role.currentData() or ""),
            home_site_id=int(site) if site is not None else None,
            phone=self.phone.text(),
            email=self.email.text(),
            active=self.active.isChecked(),
        )

    def save(self) -> int:
        return self.staff.save(self.staff_form())
