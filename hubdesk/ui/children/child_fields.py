"""The editable tabs of the child editor: Details, Health, Consents and Funding.

The date of birth is a text field (dd/mm/yyyy), so a mistyped date stays visible with its error
beside it instead of being silently corrected by a date widget.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
)

from hubdesk.core.dates import parse_day
from hubdesk.core.errors import ValidationError
from hubdesk.core.vocabulary import EAL_STATUSES, SEN_LEVELS, YEAR_GROUPS, year_label
from hubdesk.services.people import CONSENTS, FUNDING, ChildForm
from hubdesk.services.sites import SiteForm
from hubdesk.ui.common.forms import TabbedFormDialog, say_in

HINT_STYLE = "color: #555;"


def line(text: str, max_length: int, placeholder: str = "") -> QLineEdit:
    edit = QLineEdit(text)
    edit.setMaxLength(max_length)
    if placeholder:
        edit.setPlaceholderText(placeholder)
    return edit


def notes(text: str, lines: int = 4) -> QPlainTextEdit:
    edit = QPlainTextEdit(text)
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 12)
    return edit


def read_date(text: str, field: str, what: str) -> date:
    """A typed date, or a ValidationError for ``field`` that says what is wrong with it."""
    if not text.strip():
        raise ValidationError(f"Enter the {what} as dd/mm/yyyy.", field)
    try:
        return parse_day(text)
    except ValueError as exc:
        raise ValidationError(f"The {what} {exc}; type it as dd/mm/yyyy, e.g. 04/05/2018.",
                              field) from None


def choice(labels: dict[str, str], current: str) -> QComboBox:
    """A chooser of vocabulary words showing their labels, with ``current`` chosen."""
    combo = QComboBox()
    for key, label in labels.items():
        combo.addItem(label, key)
    combo.setCurrentIndex(max(0, combo.findData(current)))
    return combo


def age_on(born: date, today: date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


class ChildFields:
    """Builds the four editable tabs into ``dialog`` and reads them back as a ChildForm."""

    def __init__(self, dialog: TabbedFormDialog, form: ChildForm | None,
                 sites: list[SiteForm], today: Callable[[], date], medical: bool = True) -> None:
        self.dialog, self.today = dialog, today
        # A role that may not see medical details gets no Health tab (the service sends None).
        self.medical = medical and (form is None or form.medical_notes is not None)
        self._details(form, sites)
        if self.medical:
            self._health(form)
        self._choices(form)

    def _details(self, f: ChildForm | None, sites: list[SiteForm]) -> None:
        d = self.dialog
        tab = d.form_tab("Details")
        self.forename = line(f.forename if f else "", 100)
        self.surname = line(f.surname if f else "", 100)
        self.preferred_forename = line(f.preferred_forename if f else "", 100,
                                       "if the child goes by another name")
        self.preferred_surname = line(f.preferred_surname if f else "", 100)
        self.date_of_birth = line(f"{f.date_of_birth:%d/%m/%Y}" if f else "", 10, "dd/mm/yyyy")
        self.age = QLabel()
        self.age.setStyleSheet(HINT_STYLE)
        self.school = QComboBox()
        self.school.addItem("(choose a school)", None)
        for site in sites:
            if site.active or (f and site.id == f.school_site_id):
                self.school.addItem(site.name, site.id)
        self.school.setCurrentIndex(max(0, self.school.findData(f.school_site_id if f else None)))
        self.year_group = QComboBox()
        for year in YEAR_GROUPS:
            self.year_group.addItem(year_label(year), year)
        self.year_group.setCurrentIndex(max(0, self.year_group.findData(f.year_group if f else 0)))
        self.class_name = line(f.class_name if f else "", 40, "e.g. Willow")
        self.upn = line(f.upn if f else "", 13, "13 characters, e.g. A123456789012")
        self.mis_id = line(f.mis_id if f else "", 40, "the id in the school's MIS export")
        self.lives_with = line(f.lives_with if f else "", 200, "e.g. Mother and stepfather")
        self.notes = notes(f.notes if f else "", 3)
        born = QHBoxLayout()
        born.addWidget(self.date_of_birth)
        born.addWidget(self.age, 1)
        d.add_row_to(tab, "Legal forename:", "forename", self.forename)
        d.add_row_to(tab, "Legal surname:", "surname", self.surname)
        d.add_row_to(tab, "Preferred forename:", "preferred_forename", self.preferred_forename)
        d.add_row_to(tab, "Preferred surname:", "preferred_surname", self.preferred_surname)
        d.add_row_to(tab, "Date of birth:", "date_of_birth", born, focus=self.date_of_birth)
        d.add_row_to(tab, "School:", "school_site_id", self.school)
        d.add_row_to(tab, "Year group:", "year_group", self.year_group)
        d.add_row_to(tab, "Class:", "class_name", self.class_name)
        d.add_row_to(tab, "UPN:", "upn", self.upn)
        d.add_row_to(tab, "MIS id:", "mis_id", self.mis_id)
        d.add_row_to(tab, "Lives with:", "lives_with", self.lives_with)
        d.add_row_to(tab, "Notes:", "notes", self.notes)
        self.date_of_birth.editingFinished.connect(self.check_date_of_birth)
        self.date_of_birth.textEdited.connect(lambda _text: self.age.clear())
        self.check_date_of_birth()

    def _health_values(self) -> tuple[str | None, str | None, str | None, str | None]:
        """Medical notes, allergies, dietary needs and GP; None each when not shown."""
        if not self.medical:
            return None, None, None, None
        return (self.medical_notes.toPlainText(), self.allergies.toPlainText(),
                self.dietary_needs.toPlainText(), self.gp_details.text())

    def _health(self, f: ChildForm | None) -> None:
        d = self.dialog
        tab = d.form_tab("Health")
        self.medical_notes = notes(f.medical_notes or "" if f else "")
        self.medical_notes.setPlaceholderText("conditions, medicines, care plans")
        self.allergies = notes(f.allergies or "" if f else "", 3)
        self.allergies.setPlaceholderText("e.g. peanuts (EpiPen in office)")
        self.dietary_needs = notes(f.dietary_needs or "" if f else "", 3)
        self.dietary_needs.setPlaceholderText("e.g. vegetarian, halal, no pork")
        self.gp_details = line(f.gp_details or "" if f else "", 200, "surgery name and phone")
        d.add_row_to(tab, "Medical notes:", "medical_notes", self.medical_notes)
        d.add_row_to(tab, "Allergies:", "allergies", self.allergies)
        d.add_row_to(tab, "Dietary needs:", "dietary_needs", self.dietary_needs)
        d.add_row_to(tab, "GP:", "gp_details", self.gp_details)

    def _choices(self, f: ChildForm | None) -> None:
        d = self.dialog
        consents = d.form_tab("Consents")
        hint = QLabel("Tick what the parent or carer has agreed to in writing.")
        hint.setStyleSheet(HINT_STYLE)
        consents.addRow(hint)
        self.consents: dict[str, QCheckBox] = {}
        for name, label in CONSENTS.items():
            box = QCheckBox(label)
            box.setChecked(bool(f and getattr(f, name)))
            self.consents[name] = box
            consents.addRow(box)
        self._funding(f)

    def _funding(self, f: ChildForm | None) -> None:
        """What the school's MIS records: funding flags, SEN level and first language."""
        d = self.dialog
        funding = d.form_tab("Funding")
        self.funding: dict[str, QCheckBox] = {}
        labels = {"fsm": "Free school meals (FSM) now", "fsm_ever6": "Ever 6 FSM (FSM in the "
                  "last six years)", "looked_after": "Looked-after child (LAC)",
                  "previously_looked_after": "Previously looked-after (adopted, SGO or CAO)"}
        for name, label in FUNDING.items():
            box = QCheckBox(labels.get(name, label))
            box.setChecked(bool(f and getattr(f, name)))
            self.funding[name] = box
            funding.addRow(box)
        self.sen_level = choice(SEN_LEVELS, f.sen_level if f else "none")
        d.add_row_to(funding, "SEN level:", "sen_level", self.sen_level)
        self.eal = choice(EAL_STATUSES, f.eal if f else "not_recorded")
        d.add_row_to(funding, "First language:", "eal", self.eal)
        self.first_language = line(f.first_language if f else "", 60, "e.g. Polish")
        d.add_row_to(funding, "Language name:", "first_language", self.first_language)
        self.tfc_reference = line(f.tfc_reference if f else "", 20, "e.g. ABCD12345TFC")
        d.add_row_to(funding, "Tax-Free Childcare reference:", "tfc_reference", self.tfc_reference)

    def check_date_of_birth(self) -> None:
        """Say at once when the typed date is not a date; otherwise show the age."""
        error = self.dialog.errors["date_of_birth"]
        text = self.date_of_birth.text()
        if not text.strip():
            self.age.clear()
            return
        try:
            born = read_date(text, "date_of_birth", "date of birth")
        except ValidationError as exc:
            self.age.clear()
            say_in(error, exc.message)
            return
        error.clear()
        error.hide()
        self.age.setText(f"{age_on(born, self.today())} years old")

    def to_form(self, base: ChildForm | None) -> ChildForm:
        """The form as typed; ``base`` supplies id, version and leaving date of an existing child."""
        school = self.school.currentData()
        born = read_date(self.date_of_birth.text(), "date_of_birth", "date of birth")
        if school is None:
            raise ValidationError("Choose the child's school.", "school_site_id")
        health = self._health_values()
        return ChildForm(
            id=base.id if base else None,
            row_version=base.row_version if base else None,
            left_on=base.left_on if base else None,
            forename=self.forename.text(),
            surname=self.surname.text(),
            preferred_forename=self.preferred_forename.text(),
            preferred_surname=self.preferred_surname.text(),
            date_of_birth=born,
            school_site_id=int(school),
            year_group=int(self.year_group.currentData()),
            class_name=self.class_name.text(),
            upn=self.upn.text(),
            mis_id=self.mis_id.text(),
            lives_with=self.lives_with.text(),
            notes=self.notes.toPlainText(),
            medical_notes=health[0], allergies=health[1], dietary_needs=health[2],
            gp_details=health[3],
            tfc_reference=self.tfc_reference.text(),
            sen_level=str(self.sen_level.currentData()),
            eal=str(self.eal.currentData()),
            first_language=self.first_language.text(),
            **{name: box.isChecked() for name, box in {**self.consents, **self.funding}.items()},
        )
