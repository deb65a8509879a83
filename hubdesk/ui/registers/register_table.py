"""The register of one session as a table: one row per booked child, a button to sign in or out.

Allergy and medical needs show as a red "⚠ ALLERGY" cell (details on hover or one click), missing
children in bold red, children gone home greyed. A change replaces just its own row, so signing a
child in shows at once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QPushButton, QTableView, QWidget

from hubdesk.core.vocabulary import fold
from hubdesk.services.registers import RegisterLine
from hubdesk.ui.common.tables import ElidedTips

Index = QModelIndex | QPersistentModelIndex
MARKER, NAME, SCHOOL, STATUS, TIME_IN, TIME_OUT, COLLECTED, ACTION = 0, 1, 3, 5, 6, 7, 8, 9
MARKER_WIDTH = 92  # "⚠ ALLERGY + MEDICAL + …" elides; the details are a click away
# The widest each fact can get during the session, so signing in or out never cuts it short.
ROOM_FOR = {TIME_IN: "00:00*", TIME_OUT: "00:00", STATUS: "Gone home (00 min late)",
            COLLECTED: "Wiktoria Wiśniewska"}
PADDING = 16
ACTION_WIDTH = 88  # "Sign out…" whole
WIDE_TABLE = 1200  # a register this wide (a 1920-px screen) has room for every medical flag
HEADERS = ("Medical", "Child", "Year", "School", "Photos", "Status", "In", "Out", "Collected by",
           "")
RED = QColor("#b00020")
# Columns are sized from this many rows (the Name column stretches, the others have room for their
# widest value): measuring every row of a 400-child register took most of a page switch.
SIZED_FROM_ROWS = 60


def marker_text(line: RegisterLine) -> str:
    flags = [word for word, present in (("ALLERGY", line.allergies.strip()),
                                        ("MEDICAL", line.medical.strip()),
                                        ("MEDICINE", line.medicines)) if present]
    return f"⚠ {' + '.join(flags)}" if flags else ""


def status_text(line: RegisterLine) -> str:
    if line.state == "absent":
        return f"Absent ({line.absence})"
    if line.state == "out" and line.late_minutes:
        return f"Gone home ({line.late_minutes} min late)"
    return line.state_label + (" (one-off)" if line.one_off else "")


class RegisterModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[RegisterLine] = []
        self.short_schools: dict[str, str] = {}  # full name -> the short name the column shows
        self._texts: list[tuple[str, ...]] = []  # each line's cells, worked out once

    def set_lines(self, lines: list[RegisterLine]) -> None:
        self.beginResetModel()
        self.lines = list(lines)
        self._texts = [self._row_texts(line) for line in self.lines]
        self.endResetModel()

    def replace(self, line: RegisterLine) -> int:
        """Put a changed line in place (or add it); returns its row."""
        for n, old in enumerate(self.lines):
            if old.session_booking_id == line.session_booking_id:
                self.lines[n] = line
                self._texts[n] = self._row_texts(line)
                self.dataChanged.emit(self.index(n, 0), self.index(n, len(HEADERS) - 1))
                return n
        self.beginInsertRows(QModelIndex(), len(self.lines), len(self.lines))
        self.lines.append(line)
        self._texts.append(self._row_texts(line))
        self.endInsertRows()
        return len(self.lines) - 1

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.lines):
            return None
        line, col = self.lines[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._texts[index.row()][col]
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == MARKER and line.has_medical:
                return line.medical_summary + "\n(click for the details)"
            if col == SCHOOL:
                return line.school + (f", class {line.class_name}" if line.class_name else "")
            if col == NAME:
                return f"Emergency: {line.emergency or 'none recorded'}\nMay collect: " + (
                    ", ".join(line.collectors) or "nobody named")
        if role == Qt.ItemDataRole.BackgroundRole and col == MARKER and line.has_medical:
            return QBrush(RED)
        if role == Qt.ItemDataRole.ForegroundRole:
            if col == MARKER and line.has_medical:
                return QBrush(QColor("white"))
            if line.state == "missing" and col in (NAME, 5):
                return QBrush(RED)
            if line.state in ("out", "absent"):
                return QBrush(QColor("#777777"))
        if role == Qt.ItemDataRole.FontRole and (
                (col == MARKER and line.has_medical) or (line.state == "missing" and col == 5)):
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _row_texts(self, line: RegisterLine) -> tuple[str, ...]:
        school = self.short_schools.get(line.school, line.school)
        return (marker_text(line), line.name, line.year, school,
                "Yes" if line.photo_consent else "No", status_text(line),
                line.time_in + ("*" if line.corrected else ""), line.time_out,
                line.collected_by, "")


def action_label(line: RegisterLine) -> str:
    if line.state in ("expected", "missing", "absent"):
        return "Sign in"
    return "Sign out…" if line.state == "in" else ""


class RegisterTable(QTableView):
    """The table with a Sign in / Sign out… button in each row."""

    def __init__(self, act: Callable[[RegisterLine], None], show_medical: Callable[[RegisterLine],
                 None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.act, self.show_medical = act, show_medical
        self.register_model = RegisterModel()
        self.setModel(self.register_model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.verticalHeader().hide()
        self.horizontalHeader().setResizeContentsPrecision(SIZED_FROM_ROWS)
        self.setWordWrap(False)  # one line per child; long names and schools elide, tooltips say all
        self.buttons: dict[int, QPushButton] = {}  # session booking id -> its row's button
        self.clicked.connect(self._clicked)
        ElidedTips(self)

    def _clicked(self, index: QModelIndex) -> None:
        if index.column() == MARKER:
            line = self.register_model.lines[index.row()]
            if line.has_medical:
                self.show_medical(line)

    def set_lines(self, lines: list[RegisterLine]) -> None:
        self.register_model.set_lines(lines)
        self.buttons.clear()
        for n in range(len(lines)):
            self._button(n)
        self.resizeColumnsToContents()
        header = self.horizontalHeader()
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        metrics = self.fontMetrics()
        for column, sample in ROOM_FOR.items():
            self.setColumnWidth(column, max(self.columnWidth(column),
                                            metrics.horizontalAdvance(sample) + PADDING))
        roomy = self.viewport().width() >= WIDE_TABLE  # on a big screen the flags show in full
        self.setColumnWidth(MARKER, min(self.columnWidth(MARKER), MARKER_WIDTH * (2 if roomy else 1)))
        self.setColumnWidth(ACTION, ACTION_WIDTH)

    def update_line(self, line: RegisterLine) -> None:
        row = self.register_model.replace(line)
        self._button(row)
        self._widen_for(row)

    def _widen_for(self, row: int) -> None:
        """A sign-out names who collected: its column grows to show the whole name."""
        bold = QFont(self.font())
        bold.setBold(True)
        for column in (STATUS, TIME_IN, TIME_OUT, COLLECTED):
            text = str(self.register_model.index(row, column).data() or "")
            needed = QFontMetrics(bold).horizontalAdvance(text) + PADDING
            if needed > self.columnWidth(column):
                self.setColumnWidth(column, needed)

    def _button(self, row: int) -> None:
        line = self.register_model.lines[row]
        label = action_label(line)
        index = self.register_model.index(row, ACTION)
        if not label:
            self.setIndexWidget(index, None)  # type: ignore[arg-type]  # None removes the button; the stub lacks Optional
            self.buttons.pop(line.session_booking_id, None)
            return
        button = self.buttons.get(line.session_booking_id)
        if button is None:
            button = QPushButton()
            sb = line.session_booking_id
            button.clicked.connect(lambda _checked=False, sb=sb: self._act(sb))
            self.setIndexWidget(index, button)
            self.buttons[sb] = button
        button.setText(label)

    def _act(self, session_booking_id: int) -> None:
        for line in self.register_model.lines:
            if line.session_booking_id == session_booking_id:
                self.act(line)
                return

    def show_matching(self, text: str) -> int:
        """Show only the children whose name (or class) holds every typed word, select the first;
        returns how many are shown. 'Wiśniewska, Łu' and 'lucja wis' both find Łucja."""
        words = fold(text.replace(",", " ")).split()
        shown: list[int] = []
        for row, line in enumerate(self.register_model.lines):
            key = fold(f"{line.name} {line.class_name}")
            hide = not all(word in key for word in words)
            self.setRowHidden(row, hide)
            if not hide:
                shown.append(row)
        if shown and words:
            self.selectRow(shown[0])
        return len(shown)

    def selected(self) -> RegisterLine | None:
        rows = self.selectionModel().selectedRows()
        return self.register_model.lines[rows[0].row()] if rows else None
