"""The parts of the import dialog that say what the office knows about the export and what the
import understood: the school and contacts file, each column's meaning, values, and leavers."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hubdesk.core.words import count
from hubdesk.services.people import COLUMN_CHOICES, ImportOptions, ImportPreview, Leaver
from hubdesk.ui.common.forms import hbox

FROM_FILE = "Named in the file (School column)"
NOT_USED = "not used"


def choose_contacts(parent: QWidget | None) -> str:
    """Ask for the contacts export (tests patch this)."""
    path, _ = QFileDialog.getOpenFileName(parent, "Choose the contacts export", str(Path.home()),
                                          "Spreadsheets (*.csv *.xlsx *.txt);;All files (*)")
    return path


class OptionsBar(QWidget):
    """The school the file comes from, its contacts file and whether it is the full list."""

    changed = Signal()

    def __init__(self, schools: list[tuple[int, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.contacts_path = ""
        self.school = QComboBox()
        self.school.addItem(FROM_FILE, None)
        for site_id, name in schools:
            self.school.addItem(name, site_id)
        self.school.setToolTip("For an export of one school with no School column; the column "
                               "choices you make are kept for this school's next export.")
        self.school.currentIndexChanged.connect(self.changed)
        self.contacts_label = QLabel("No contacts file")
        self.contacts_button = QPushButton("Contacts file…")
        self.contacts_button.setToolTip("A separate contacts export (SIMS, Arbor, Bromcom), "
                                        "matched to the pupils by UPN or admission number.")
        self.contacts_button.clicked.connect(self._choose_contacts)
        self.clear_contacts = QPushButton("No contacts")
        self.clear_contacts.clicked.connect(lambda: self.set_contacts(""))
        self.clear_contacts.setEnabled(False)
        self.full_export = QCheckBox("This is the school's full list: offer pupils not in it as leavers")
        self.full_export.toggled.connect(self.changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(hbox("School of this export:", (self.school, 1), self.contacts_button,
                              (self.contacts_label, 1), self.clear_contacts))
        layout.addWidget(self.full_export)

    def _choose_contacts(self) -> None:
        path = choose_contacts(self)
        if path:
            self.set_contacts(path)

    def set_contacts(self, path: str) -> None:
        self.contacts_path = path
        self.contacts_label.setText(f"Contacts: {Path(path).name}" if path else "No contacts file")
        self.clear_contacts.setEnabled(bool(path))
        self.changed.emit()

    def options(self, columns: tuple[tuple[str, str], ...]) -> ImportOptions:
        school = self.school.currentData()
        return ImportOptions(school_site_id=int(school) if school is not None else None,
                             contacts_path=self.contacts_path, columns=columns,
                             full_export=self.full_export.isChecked())


class ColumnsPanel(QWidget):
    """Each heading and what it was read as (changeable), then how values were understood."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choices: dict[str, str] = {}  # heading -> field ("" = not used), the office's own
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels(["Column in the file", "Read as"])
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.values = QPlainTextEdit()
        self.values.setReadOnly(True)
        self.values.setObjectName("importValues")
        hint = QLabel("Change 'Read as' for a column hubdesk did not recognise; your choice is kept "
                      "for the school's next export. How each value was read is listed below.")
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.table, 3)
        layout.addWidget(self.values, 2)

    def show_preview(self, preview: ImportPreview) -> None:
        self.table.setRowCount(len(preview.columns))
        for row, use in enumerate(preview.columns):
            self.table.setItem(row, 0, QTableWidgetItem(use.heading))
            if use.label == "contact details":
                self.table.setCellWidget(row, 1, QLabel("contact details"))
                continue
            combo = QComboBox()
            combo.addItem(NOT_USED, "")
            for name, label in COLUMN_CHOICES.items():
                combo.addItem(label, name)
            combo.setCurrentIndex(max(0, combo.findData(use.field)))
            if use.chosen:
                combo.setToolTip("Your choice, kept for this school")
            combo.currentIndexChanged.connect(
                lambda _i, h=use.heading, c=combo: self._chosen(h, str(c.currentData())))
            self.table.setCellWidget(row, 1, combo)
        unknown = [f"NOT UNDERSTOOD — {line}" for line in preview.unknown_values]
        self.values.setPlainText("\n".join([*unknown, *preview.notes, *preview.understood]))

    def _chosen(self, heading: str, name: str) -> None:
        self.choices[heading] = name
        self.changed.emit()

    def columns(self) -> tuple[tuple[str, str], ...]:
        return tuple(self.choices.items())


class LeaversPanel(QWidget):
    """Pupils the school's full list no longer has: ticked ones can be marked as left."""

    mark = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.leavers: tuple[Leaver, ...] = ()
        self.intro = QLabel("")
        self.intro.setWordWrap(True)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["Child", "School", "Booked from today"])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.mark_button = QPushButton("Mark the ticked children as left today…")
        self.mark_button.clicked.connect(self.mark)
        self.tick_all = QPushButton("Tick all")
        self.tick_all.clicked.connect(self._tick_all)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(hbox(self.tick_all, self.mark_button, stretch=True))

    def show_leavers(self, leavers: tuple[Leaver, ...], full_export: bool) -> None:
        self.leavers = leavers
        self.intro.setText(
            f"{count(len(leavers), 'child', 'children')} on roll not in this export. Nobody is deleted: tick "
            "those who have left; they are marked as left today and their bookings from today are "
            "cancelled (the places go to the waiting lists)." if leavers else
            "Nobody on roll is missing from this export." if full_export else
            "Tick \"This is the school's full list\" to see who is on roll but not in the export.")
        self.table.setRowCount(len(leavers))
        for row, leaver in enumerate(leavers):
            name = QTableWidgetItem(leaver.name)
            name.setFlags(name.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            name.setCheckState(Qt.CheckState.Unchecked)
            self.table.setItem(row, 0, name)
            self.table.setItem(row, 1, QTableWidgetItem(leaver.school))
            booked = "\n".join(leaver.bookings)
            self.table.setItem(row, 2, QTableWidgetItem(booked or "nothing booked"))
        self.table.resizeRowsToContents()
        self.mark_button.setEnabled(bool(leavers))
        self.tick_all.setEnabled(bool(leavers))

    def _tick_all(self) -> None:
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            if item is not None:
                item.setCheckState(Qt.CheckState.Checked)

    def ticked(self) -> tuple[int, ...]:
        return tuple(leaver.child_id for row, leaver in enumerate(self.leavers)
                     if (item := self.table.item(row, 0)) is not None
                     and item.checkState() == Qt.CheckState.Checked)
