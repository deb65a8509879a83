"""Every text a person could read in a widget tree: labels, fields, buttons, tooltips and the
cells (shown text and tooltip) of every list and table."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QWidget

_GETTERS = ("text", "toolTip", "placeholderText", "windowTitle", "toPlainText", "title",
            "currentText")


def widget_text(root: QWidget) -> str:
    parts: list[str] = []
    for widget in [root, *root.findChildren(QWidget)]:
        for name in _GETTERS:
            getter = getattr(widget, name, None)
            if callable(getter):
                try:
                    value = getter()
                except TypeError:
                    continue
                if isinstance(value, str) and value:
                    parts.append(value)
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            parts.extend(model_text(widget.model()))
    return "\n".join(parts)


def model_text(model: QAbstractItemModel, parent: QModelIndex | None = None) -> list[str]:
    parent = parent or QModelIndex()
    found: list[str] = []
    try:
        columns = model.columnCount(parent)
    except TypeError:  # a list model keeps columnCount private: one column
        columns = 1
    for row in range(model.rowCount(parent)):
        for column in range(max(1, columns)):
            index = model.index(row, column, parent)
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = model.data(index, role)
                if isinstance(value, str) and value:
                    found.append(value)
            if column == 0 and index.isValid() and parent.isValid() is False \
                    and model.rowCount(index) > 0:
                found.extend(model_text(model, index))
    return found


# Words of the demo's medical notes, allergies and diets (hubdesk/demo/names.py).
MEDICAL_WORDS = ("inhaler", "Eczema", "diabetes", "Epilepsy", "Hay fever", "Hearing aid",
                 "EpiPen", "Sesame", "Penicillin", "Kiwi", "Shellfish", "Halal", "Gluten",
                 "Wears glasses")


def medical_words_in(text: str) -> list[str]:
    lowered = text.lower()
    return [word for word in MEDICAL_WORDS if word.lower() in lowered]
