"""Form dialogs that save through a service and show a ValidationError beside its field: a plain
one-column form and one spread over tabs.

The dialog stays open on any refusal, so nothing typed is lost.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from hubdesk.core.errors import ValidationError
from hubdesk.ui.common.busy import one_click
from hubdesk.ui.common.dialog_keys import SCREEN_MARGIN, Dialog
from hubdesk.ui.shell import feedback

ERROR_STYLE = "color: #b00020; font-weight: bold;"


def error_label() -> QLabel:
    label = QLabel()
    label.setProperty("role", "error")
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label




def fit_on_screen(dialog: QWidget, width: int | None = None, height: int | None = None) -> None:
    """Size ``dialog`` to what it needs (or the size asked), never taller or wider than the screen it
    is on leaves room for; grows it when an inline error adds a line, so nothing overlaps."""
    screen = dialog.screen()
    area = screen.availableGeometry() if screen is not None else None
    hint = dialog.sizeHint()
    want_w = max(dialog.width() if dialog.isVisible() else 0, width or 0, hint.width())
    want_h = max(dialog.height() if dialog.isVisible() else 0, height or 0, hint.height())
    if area is not None:
        want_w = min(want_w, area.width() - 20)
        want_h = min(want_h, area.height() - SCREEN_MARGIN)
    dialog.resize(want_w, want_h)


def say_in(label: QLabel, message: str) -> None:
    """Show ``message`` in an error line and grow its window to fit it: a dialog that stayed the same
    size squeezed its fields to make room, cutting their text in half."""
    label.setText(message)
    label.show()
    window = label.window()
    layout = window.layout()
    if layout is not None:
        layout.activate()
    fit_on_screen(window)


class InlineFormDialog(Dialog):
    """Subclasses add rows with ``add_row`` and implement ``save()`` returning the saved id."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.banner = error_label()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        # Save is off while saving: a double click or Enter pressed twice saves once.
        save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.buttons.accepted.connect(one_click(save_button, self.try_save))
        self.buttons.rejected.connect(self.reject)
        self.errors: dict[str, QLabel] = {}
        self.fields: dict[str, QWidget] = {}
        self.saved_id: int | None = None
        self.body = QVBoxLayout(self)
        self.body.addWidget(self.banner)
        self.body.addLayout(self.form)
        self.body.addWidget(self.buttons)

    def add_row(self, label: str, name: str, field: QWidget | QLayout,
                focus: QWidget | None = None) -> QLabel:
        """A labelled field with its own (hidden) error line underneath."""
        error = error_label()
        box = QVBoxLayout()
        box.setSpacing(2)
        if isinstance(field, QLayout):
            box.addLayout(field)
        else:
            box.addWidget(field)
        box.addWidget(error)
        caption = QLabel(label)
        self.form.addRow(caption, box)
        self.errors[name] = error
        widget = focus or (field if isinstance(field, QWidget) else None)
        if widget is not None:
            self.fields[name] = widget
            caption.setBuddy(widget)  # Alt+its letter goes to the field
        return error

    def clear_errors(self) -> None:
        for label in [self.banner, *self.errors.values()]:
            label.clear()
            label.hide()

    def show_error(self, field: str | None, message: str) -> None:
        say_in(self.errors.get(field or "", self.banner), message)
        widget = self.fields.get(field or "")
        if widget is not None:
            widget.setFocus()

    def visible_errors(self) -> dict[str, str]:
        """Field name (or "" for the banner) -> message; for tests and screen readers."""
        shown: dict[str, str] = {}
        for name, label in self.errors.items():
            if label.text() and label.text() not in shown.values():  # fields may share a line
                shown[name] = label.text()
        if self.banner.text():
            shown[""] = self.banner.text()
        return shown

    def save(self) -> int:
        raise NotImplementedError

    def try_save(self) -> None:
        self.clear_errors()

        def attempt() -> int | None:
            try:
                return self.save()
            except ValidationError as exc:
                self.show_error(exc.field, exc.message)
                return None

        saved = feedback.guarded(self, self.windowTitle(), attempt)
        if saved is not None:
            self.saved_id = saved
            self.accept()


class TabbedFormDialog(InlineFormDialog):
    """An inline-error form spread over tabs: an error on a hidden tab brings that tab forward."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.tabs = QTabWidget()
        self.body.removeItem(self.form)  # the plain form of the base class stays unused
        self.body.insertWidget(1, self.tabs, 1)

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
            page = self.tabs.widget(number)
            if page is not None and page.isAncestorOf(widget):
                return number
        return -1

    def show_error(self, field: str | None, message: str) -> None:
        widget = self.fields.get(field or "")
        if widget is not None and (number := self.tab_of(widget)) >= 0:
            self.tabs.setCurrentIndex(number)
        super().show_error(field, message)


def hbox(*parts: QWidget | QLayout | str | tuple[QWidget, int], stretch: bool = False,
         end: Sequence[QWidget] = ()) -> QHBoxLayout:
    """A row of fields: text becomes a label, (widget, n) gets stretch factor n. ``stretch`` (or any
    ``end`` widgets, which sit at the right) pushes the parts to the left."""
    row = QHBoxLayout()
    for part in parts:
        if isinstance(part, str):
            row.addWidget(QLabel(part))
        elif isinstance(part, tuple):
            row.addWidget(part[0], part[1])
        elif isinstance(part, QLayout):
            row.addLayout(part)
        else:
            row.addWidget(part)
    if stretch or end:
        row.addStretch(1)
    for widget in end:
        row.addWidget(widget)
    return row


def column(*parts: QWidget | QLayout | tuple[QWidget, int]) -> QWidget:
    """A widget stacking its parts top to bottom, without margins (one side of a splitter)."""
    holder = QWidget()
    box = QVBoxLayout(holder)
    box.setContentsMargins(0, 0, 0, 0)
    for part in parts:
        if isinstance(part, tuple):
            box.addWidget(part[0], part[1])
        elif isinstance(part, QLayout):
            box.addLayout(part)
        else:
            box.addWidget(part)
    return holder
