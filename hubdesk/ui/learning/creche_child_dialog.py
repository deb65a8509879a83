"""A learner's young child for the course crèche: name, date of birth, allergies and medical notes."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from hubdesk.services.learning import CrecheChildForm, CrecheService
from hubdesk.ui.common.dates import date_edit, to_date
from hubdesk.ui.common.forms import InlineFormDialog


def _notes(text: str, lines: int, owner: QWidget) -> QPlainTextEdit:
    edit = QPlainTextEdit(text)
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(owner.fontMetrics().lineSpacing() * lines)
    return edit


class CrecheChildDialog(InlineFormDialog):
    def __init__(self, creche: CrecheService, carer_id: int, carer_name: str, today: date,
                 form: CrecheChildForm | None = None, parent: QWidget | None = None) -> None:
        super().__init__(f"Crèche child of {carer_name}", parent)
        self.creche = creche
        born = today.replace(year=today.year - 2, day=1)
        self.original = form or CrecheChildForm("", carer_name.split(", ")[0], born, carer_id)
        f = self.original
        self.forename = QLineEdit(f.forename)
        self.surname = QLineEdit(f.surname)
        self.date_of_birth = date_edit(f.date_of_birth)
        self.allergies = _notes(f.allergies, 2, self)
        self.medical_notes = _notes(f.medical_notes, 2, self)
        self.notes = _notes(f.notes, 2, self)
        self.add_row("Forename:", "forename", self.forename)
        self.add_row("Surname:", "surname", self.surname)
        self.add_row("Date of birth:", "date_of_birth", self.date_of_birth)
        self.add_row("Allergies:", "allergies", self.allergies)
        self.add_row("Medical:", "medical_notes", self.medical_notes)
        self.add_row("Notes:", "notes", self.notes)
        self.setMinimumWidth(420)
        self.forename.setFocus()

    def child_form(self) -> CrecheChildForm:
        f = self.original
        return CrecheChildForm(self.forename.text(), self.surname.text(),
                               to_date(self.date_of_birth), f.carer_id, f.id, f.child_id,
                               self.allergies.toPlainText(), self.medical_notes.toPlainText(),
                               self.notes.toPlainText())

    def save(self) -> int:
        return self.creche.save_child(self.child_form())
