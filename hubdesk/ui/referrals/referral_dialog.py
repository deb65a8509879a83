"""New / edit referral or signposting entry. Nothing is deleted: a referral is closed with an outcome
(one made in error is closed with that outcome)."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QToolButton,
    QWidget,
)

from hubdesk.core.errors import DomainError, ValidationError
from hubdesk.core.vocabulary import REFERRAL_KINDS, REFERRAL_SERVICES
from hubdesk.services.people import CarerService, ChildService
from hubdesk.services.referrals import Category, ReferralForm, ReferralService
from hubdesk.ui.common.dates import DayEdit, date_edit, optional_date, optional_date_edit, to_date
from hubdesk.ui.common.forms import InlineFormDialog, fit_on_screen, hbox
from hubdesk.ui.referrals.person_picker import PersonPicker

STEPS = (("acknowledged_on", "Acknowledged:"), ("allocated_on", "Allocated:"),
         ("contacted_on", "Family contacted:"), ("closed_on", "Closed:"))


def ask_category(parent: QWidget) -> str:
    """The name of a new category, '' when cancelled (tests patch this)."""
    name, ok = QInputDialog.getText(parent, "New category", "Name of the new category:")
    return name if ok else ""


def notes(text: str, lines: int) -> QPlainTextEdit:
    """A plain text box about ``lines`` lines high."""
    edit = QPlainTextEdit(text)
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 14)
    return edit


def combo(items: dict[str, str] | list[tuple[str, object]], current: object) -> QComboBox:
    box = QComboBox()
    for value, label in (items.items() if isinstance(items, dict) else
                         ((v, lab) for lab, v in items)):
        box.addItem(str(label), value)
    box.setCurrentIndex(max(0, box.findData(current)))
    return box


class ReferralDialog(InlineFormDialog):
    def __init__(self, referrals: ReferralService, categories: list[Category], today: date,
                 people: tuple[ChildService, CarerService], form: ReferralForm | None = None,
                 person: str = "", parent: QWidget | None = None) -> None:
        super().__init__("Edit referral" if form else "New referral or signposting", parent)
        self.referrals, self.original = referrals, form
        f = form or ReferralForm("school_nurse", categories[0].id if categories else 0, "", today)
        self.picker: PersonPicker | None = None
        if form is None:
            self.picker = PersonPicker(*people)
            self.add_row("For:", "person", self.picker)
        else:
            self.add_row("For:", "person", QLabel(person))
        self.kind = combo(REFERRAL_KINDS, f.kind)
        self.service = combo(REFERRAL_SERVICES, f.service)
        self.provider = QLineEdit(f.provider)
        self.provider.setPlaceholderText("the provider's name, e.g. Brightside Family Hub")
        self.category = combo([(c.name, c.id) for c in categories], f.category_id)
        self.new_category = QToolButton()
        self.new_category.setText("New category…")
        self.new_category.clicked.connect(self.add_category)
        self.notes = notes(f.notes, 3)
        self.consent_by = QLineEdit(f.consent_by)
        self.consent_by.setPlaceholderText("e.g. Mother (Ama Owusu), verbally 16/11")
        self.made_by = QLineEdit(f.made_by)
        self.made_by.setPlaceholderText("e.g. Mrs Patel, SENCo at Oakfield")
        self.made_on = date_edit(f.made_on)
        self.steps: dict[str, DayEdit] = {name: optional_date_edit(getattr(f, name))
                                          for name, _label in STEPS}
        self.outcome = notes(f.outcome, 2)
        self._rows()
        self.kind.currentIndexChanged.connect(self._follow_kind)
        self.service.currentIndexChanged.connect(self._follow_service)
        self._follow_kind()
        self._follow_service()
        self.setMinimumWidth(640)
        fit_on_screen(self)

    def _rows(self) -> None:
        self.add_row("Kind:", "kind", self.kind)
        self.add_row("To:", "service", self.service)
        self.add_row("Provider:", "provider", self.provider)
        self.add_row("Why:", "category_id", hbox(self.category, self.new_category, stretch=True),
                     self.category)
        self.add_row("Notes:", "notes", self.notes)
        self.add_row("Consent given by:", "consent_by", self.consent_by)
        self.add_row("Made by:", "made_by", self.made_by)
        self.add_row("Made on:", "made_on", self.made_on)
        for name, label in STEPS:
            self.add_row(label, name, self.steps[name])
        self.add_row("Outcome:", "outcome", self.outcome)

    def add_category(self) -> None:
        """Add a category to the list everyone chooses from, and choose it."""
        name = ask_category(self).strip()
        if not name:
            return
        self.clear_errors()
        try:
            new_id = self.referrals.add_category(name)
        except DomainError as exc:
            self.show_error("category_id", str(exc))
            return
        self.category.addItem(name, new_id)
        self.category.setCurrentIndex(self.category.findData(new_id))

    def _follow_kind(self) -> None:
        """Signposting has no acknowledgement, allocation or contact: those fields go."""
        referral = self.kind.currentData() == "referral"
        for name in ("acknowledged_on", "allocated_on", "contacted_on"):
            self.steps[name].setEnabled(referral)

    def _follow_service(self) -> None:
        self.provider.setEnabled(self.service.currentData() == "local_provider")

    def _day(self, edit: DayEdit, field: str) -> date | None:
        problem = edit.problem()
        if problem:
            raise ValidationError(problem, field)
        return optional_date(edit)

    def form_values(self) -> ReferralForm:
        """The form as typed; a date that cannot be read is an inline error on its field."""
        child_id, carer_id = self.picker.chosen() if self.picker else (
            self.original.child_id if self.original else None,
            self.original.carer_id if self.original else None)
        made = self._day(self.made_on, "made_on")
        referral = self.kind.currentData() == "referral"
        steps = {name: self._day(edit, name) if referral or name == "closed_on" else None
                 for name, edit in self.steps.items()}
        category = self.category.currentData()
        return ReferralForm(
            service=str(self.service.currentData()), category_id=int(category or 0),
            made_by=self.made_by.text(), made_on=made or to_date(self.made_on),
            child_id=child_id, carer_id=carer_id, kind=str(self.kind.currentData()),
            provider=self.provider.text() if self.provider.isEnabled() else "",
            notes=self.notes.toPlainText(), consent_by=self.consent_by.text(),
            outcome=self.outcome.toPlainText(), **steps,
            id=self.original.id if self.original else None,
            row_version=self.original.row_version if self.original else None)

    def save(self) -> int:
        return self.referrals.save(self.form_values())
