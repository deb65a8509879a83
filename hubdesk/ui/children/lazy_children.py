"""The children list: a lazy model over ChildService.search, 200 rows a page.

Only a marker says that a child has medical or allergy notes; the notes themselves stay in the
editor, so a list on a shared office screen shows as little personal data as it can.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from hubdesk.services.people import CODE_NAMES, ChildRow
from hubdesk.ui.common.tables import LazyTableModel

NAME, SCHOOL, YEAR, CLASS, MEDICAL, FLAGS, LEFT = range(7)
COLUMNS: list[tuple[str, Callable[[ChildRow], Any]]] = [
    ("Name", lambda r: r.name),
    ("School", lambda r: r.school),
    ("Year", lambda r: r.year),
    ("Class", lambda r: r.class_name),
    ("Medical", lambda r: "Yes" if r.has_medical else ""),
    ("Flags", lambda r: r.codes),
    ("Left", lambda r: f"{r.left_on:%d/%m/%Y}" if r.left_on else ""),
]
_MEDICAL_BACKGROUND = QBrush(QColor("#fde2e1"))
_LEFT_FOREGROUND = QBrush(QColor("#777777"))


def _tooltip(row: ChildRow, column: int) -> str | None:
    if column == MEDICAL and row.has_medical:
        return "Has medical or allergy notes: open the child to read them."
    if column == FLAGS and row.codes:
        return ", ".join(CODE_NAMES.get(code, code) for code in row.codes.split())
    if column == NAME:
        return f"Born {row.date_of_birth:%d/%m/%Y}" + (
            f"; left on {row.left_on:%d/%m/%Y}" if row.left_on else "")
    return None


def _background(row: ChildRow, column: int) -> QBrush | None:
    return _MEDICAL_BACKGROUND if column == MEDICAL and row.has_medical else None


def _foreground(row: ChildRow, _column: int) -> QBrush | None:
    return _LEFT_FOREGROUND if row.left else None


def _alignment(_row: ChildRow, column: int) -> Qt.AlignmentFlag | None:
    if column in (YEAR, MEDICAL):
        return Qt.AlignmentFlag.AlignCenter
    return None


def children_model(page_size: int = 200) -> LazyTableModel[ChildRow]:
    return LazyTableModel(COLUMNS, page_size, roles={
        Qt.ItemDataRole.ToolTipRole: _tooltip,
        Qt.ItemDataRole.BackgroundRole: _background,
        Qt.ItemDataRole.ForegroundRole: _foreground,
        Qt.ItemDataRole.TextAlignmentRole: _alignment,
    })
