"""Add / edit one entry of a school's calendar: a term, half-term, INSET day(s) or closure."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from hubdesk.services.sites import KIND_LABELS, CalendarService, EntryForm
from hubdesk.ui.common.dates import date_edit, to_date
from hubdesk.ui.common.forms import InlineFormDialog


class CalendarEntryDialog(InlineFormDialog):
    def __init__(self, calendars: CalendarService, site_id: int, site_name: str,
                 form: EntryForm | None = None, start: date | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__("Edit calendar entry" if form else "Add calendar entry", parent)
        self.calendars = calendars
        if form is None:
            if start is None:
                raise ValueError("A new calendar entry needs the day it starts on.")
            form = EntryForm(site_id, "inset", start, start)
        self.original = form
        f = self.original
        self.kind = QComboBox()
        for value, label in KIND_LABELS.items():
            self.kind.addItem(label, value)
        self.kind.setCurrentIndex(max(0, self.kind.findData(f.kind)))
        self.start_date = date_edit(f.start_date)
        self.end_date = date_edit(f.end_date)
        self.label = QLineEdit(f.label)
        self.label.setPlaceholderText("optional, e.g. Autumn, polling station, staff training")
        self.form.addRow("School:", QLabel(f"<b>{site_name}</b>"))
        self.add_row("Kind:", "kind", self.kind)
        self.add_row("From:", "start_date", self.start_date)
        self.add_row("To:", "end_date", self.end_date)
        self.add_row("Label:", "label", self.label)
        self.start_date.dateChanged.connect(self._keep_order)
        self.setMinimumWidth(440)

    def _keep_order(self, start: QDate) -> None:
        """Moving the first day past the last one drags the last day along (one-day entries)."""
        if self.end_date.date() < start:
            self.end_date.setDate(start)

    def entry_form(self) -> EntryForm:
        return EntryForm(
            id=self.original.id,
            site_id=self.original.site_id,
            kind=str(self.kind.currentData()),
            start_date=to_date(self.start_date),
            end_date=to_date(self.end_date),
            label=self.label.text(),
        )

    def save(self) -> int:
        return self.calendars.save_entry(self.entry_form())
