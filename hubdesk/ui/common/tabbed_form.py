"""An inline-error form spread over tabs: an error on a hidden tab brings that tab forward."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QLayout, QTabWidget, QVBoxLayout, QWidget

from hubdesk.ui.common.inline_form import InlineFormDialog


class TabbedFormDialog(InlineFormDialog):
    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.tabs = QTabWidget()
        layout = self.layout()
        layout.removeItem(self.form)  # the plain form of the base class stays unused
        layout.insertWidget(1, self.tabs, 1)  # type: ignore[attr-defined]

    def form_tab(self, title: str) -> QFormLayout:
        """A new tab holding a form; fields are added with ``add_row_to``."""
        page = QWidget()
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        box = QVBoxLayout(page)
        box.addLayout(form)
        box.addStretch(1)  # spare height goes below the fields, not between them
        self.tabs.addTab(page, title)
        return form

    def add_row_to(self, form: QFormLayout, label: str, name: str, field: QWidget | QLayout,
                   focus: QWidget | None = None) -> QLabel:
        base_form, self.form = self.form, form
        try:
            return self.add_row(label, name, field, focus)
        finally:
            self.form = base_form

    def tab_of(self, widget: QWidget) -> int:
        for number in range(self.tabs.count()):
            if self.tabs.widget(number).isAncestorOf(widget):
                return number
        return -1

    def show_error(self, field: str | None, message: str) -> None:
        widget = self.fields.get(field or "")
        if widget is not None and (number := self.tab_of(widget)) >= 0:
            self.tabs.setCurrentIndex(number)
        super().show_error(field, message)
