"""Sites & calendars: the schools and centres, travel times between them, each school's calendar."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from hubdesk.app import HubApp
from hubdesk.core.errors import ValidationError
from hubdesk.services.sites import KIND_LABELS, EntryForm, SiteForm
from hubdesk.ui.common.forms import InlineFormDialog
from hubdesk.ui.common.keys import enter_opens
from hubdesk.ui.common.page import Page, open_dialog
from hubdesk.ui.common.tables import DtoTableModel, table_view
from hubdesk.ui.shell import feedback
from hubdesk.ui.shell.events import AppEvents
from hubdesk.ui.sites.calendar_entry_dialog import CalendarEntryDialog
from hubdesk.ui.sites.calendar_month import MonthView
from hubdesk.ui.sites.site_dialog import KIND_LABELS as SITE_KINDS
from hubdesk.ui.sites.site_dialog import OFSTED_SHORT, SiteDialog


def _buttons(*buttons: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    return row


def _open(dialog: InlineFormDialog, on_saved: Callable[[], None]) -> None:
    """Show a form window-modally without blocking, so tests can type into it."""
    dialog.accepted.connect(on_saved)
    open_dialog(dialog)


def short(site: SiteForm) -> str:
    return site.short_name or site.name


class SiteListTab(QWidget):
    def __init__(self, app: HubApp, events: AppEvents, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.events = app, events
        self.dialog: SiteDialog | None = None
        self.model: DtoTableModel[SiteForm] = DtoTableModel(
            [("Name", lambda s: s.name), ("Kind", lambda s: SITE_KINDS.get(s.kind, s.kind)),
             ("DfE number", lambda s: s.dfe_number),
             ("Ofsted", lambda s: OFSTED_SHORT.get(s.ofsted_status, s.ofsted_status)),
             ("Hub", lambda s: "Hub" if s.is_hub else ""), ("Rooms", lambda s: ", ".join(s.rooms)),
             ("Active", lambda s: "Yes" if s.active else "No (left)")],
            [], tooltip=lambda s: f"{s.address}\n{s.postcode}\n{s.phone}".strip())
        self.view = table_view(self.model)
        self.view.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.view.doubleClicked.connect(lambda _index: self.edit_site())
        enter_opens(self.view, self.edit_site)
        self.new_button = QPushButton("New site…")
        self.edit_button = QPushButton("Edit site…")
        self.new_button.clicked.connect(self.new_site)
        self.edit_button.clicked.connect(self.edit_site)
        layout = QVBoxLayout(self)
        layout.addLayout(_buttons(self.new_button, self.edit_button))
        layout.addWidget(self.view)

    def refresh(self) -> None:
        self.model.set_rows(self.app.sites.list(include_inactive=True))
        self.view.resizeColumnsToContents()
        self.view.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)

    def selected(self) -> SiteForm | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.row(rows[0].row()) if rows else None

    def new_site(self) -> None:
        self._show(SiteDialog(self.app.sites, None, self))

    def edit_site(self) -> None:
        site = self.selected()
        if site is None or site.id is None:
            feedback.inform(self, "Edit site", "Choose a site in the list first.")
            return
        form = feedback.guarded(self, "Edit site", lambda: self.app.sites.get(site.id or 0))
        if form is not None:
            self._show(SiteDialog(self.app.sites, form, self))

    def _show(self, dialog: SiteDialog) -> None:
        self.dialog = dialog
        _open(dialog, self.events.sites_changed.emit)


class TravelTimesTab(QWidget):
    """Minutes from the row's site to the column's site; edits are saved as soon as made."""

    def __init__(self, app: HubApp, events: AppEvents, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.events = app, events
        self.site_ids: list[int] = []
        self._saving = False
        self.table = QTableWidget()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.table.itemChanged.connect(self._edited)
        self.both_ways = QCheckBox("Same time both ways")
        self.both_ways.setChecked(True)
        self.both_ways.setToolTip("Untick to give a different time for the way back "
                                  "(one-way streets, school-run traffic).")
        note = QLabel("Minutes from the site on the left to the site at the top, including "
                      "loading. Double-click a number to change it (1 to 600).")
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.both_ways)
        layout.addWidget(self.table, 1)

    def refresh(self) -> None:
        sites = self.app.sites.list()
        times = self.app.sites.travel_times()
        self.site_ids = [s.id or 0 for s in sites]
        table = self.table
        table.blockSignals(True)
        table.clear()
        table.setRowCount(len(sites))
        table.setColumnCount(len(sites))
        table.setVerticalHeaderLabels([s.name for s in sites])
        table.setHorizontalHeaderLabels([textwrap.fill(short(s), 12) for s in sites])
        for column, site in enumerate(sites):
            header = table.horizontalHeaderItem(column)
            if header is not None:
                header.setToolTip(site.name)
        for row, a in enumerate(sites):
            for column, b in enumerate(sites):
                item = QTableWidgetItem()
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if row == column:
                    item.setText("—")
                    item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                    item.setBackground(QBrush(QColor("#e6e6e6")))
                else:
                    minutes = times.get((a.id or 0, b.id or 0))
                    if minutes is not None:
                        item.setData(Qt.ItemDataRole.EditRole, minutes)
                    item.setToolTip(f"{a.name} → {b.name}: "
                                    + (f"{minutes} minutes" if minutes else "not set"))
                table.setItem(row, column, item)
        table.resizeColumnsToContents()
        table.resizeRowsToContents()
        table.blockSignals(False)

    def refresh_unless_editing(self) -> None:
        if not self._saving:  # _edited redraws by itself once the editor has closed
            self.refresh()

    def cell(self, from_site: int, to_site: int) -> QTableWidgetItem | None:
        return self.table.item(self.site_ids.index(from_site), self.site_ids.index(to_site))

    def _edited(self, item: QTableWidgetItem) -> None:
        a, b = self.site_ids[item.row()], self.site_ids[item.column()]
        value = item.data(Qt.ItemDataRole.EditRole)

        def save() -> bool:
            try:
                minutes = int(str(value).strip())
            except ValueError:
                raise ValidationError("Enter the travel time in whole minutes, e.g. 12.") from None
            self.app.sites.set_travel_time(a, b, minutes, both_ways=self.both_ways.isChecked())
            return True

        self._saving = True
        try:
            if feedback.guarded(self, "Travel time", save):
                self.events.sites_changed.emit()
        finally:
            self._saving = False
        # Redraw after the editor has closed: shows the saved value, or puts the old one back.
        QTimer.singleShot(0, self, self.refresh)


class CalendarTab(QWidget):
    def __init__(self, app: HubApp, events: AppEvents, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.events = app, events
        self.dialog: CalendarEntryDialog | None = None
        self.school = QComboBox()
        self.school.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.school.setMinimumContentsLength(14)
        self.school.currentIndexChanged.connect(self._school_chosen)
        self.model: DtoTableModel[EntryForm] = DtoTableModel(
            [("Kind", lambda e: KIND_LABELS.get(e.kind, e.kind)),
             ("From", lambda e: f"{e.start_date:%a %d/%m/%y}"),
             ("To", lambda e: f"{e.end_date:%a %d/%m/%y}"),
             ("Label", lambda e: e.label)], [], tooltip=lambda e: e.label)
        self.entries = table_view(self.model)
        self.entries.doubleClicked.connect(self._open_entry)
        self.add_button = QPushButton("Add…")
        self.edit_button = QPushButton("Edit…")
        self.delete_button = QPushButton("Delete")
        self.add_button.clicked.connect(self.add_entry)
        self.edit_button.clicked.connect(self.edit_entry)
        self.delete_button.clicked.connect(self.delete_entry)
        self.month_view = MonthView(app.calendars, app.clock.today)
        left = QWidget()
        box = QVBoxLayout(left)
        box.setContentsMargins(0, 0, 0, 0)
        chooser = QHBoxLayout()
        chooser.addWidget(QLabel("School:"))
        chooser.addWidget(self.school, 1)
        box.addLayout(chooser)
        hint = QLabel("Terms, half-terms, INSET days and closures. England's bank holidays "
                      "are added by themselves.")
        hint.setWordWrap(True)
        box.addWidget(hint)
        box.addWidget(self.entries, 1)
        box.addLayout(_buttons(self.add_button, self.edit_button, self.delete_button))
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.month_view)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([350, 730])
        # Comparing is about every school at once: give the whole width to the grid.
        self.month_view.compare.toggled.connect(lambda on: left.setVisible(not on))
        QVBoxLayout(self).addWidget(splitter)

    def site_id(self) -> int | None:
        data = self.school.currentData()
        return int(data) if data is not None else None

    def refresh(self) -> None:
        chosen = self.site_id()
        sites = self.app.sites.list()
        self.school.blockSignals(True)
        self.school.clear()
        for site in sites:
            self.school.addItem(site.name, site.id)
        self.school.setCurrentIndex(max(0, self.school.findData(chosen)))
        self.school.blockSignals(False)
        self.month_view.sites = [(s.id or 0, short(s)) for s in sites]
        self._school_chosen()

    def _school_chosen(self) -> None:
        site_id = self.site_id()
        self.model.set_rows(self.app.calendars.entries(site_id) if site_id is not None else [])
        self.entries.resizeColumnsToContents()
        self.entries.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.month_view.set_site(site_id)

    def selected(self) -> EntryForm | None:
        rows = self.entries.selectionModel().selectedRows()
        return self.model.row(rows[0].row()) if rows else None

    def add_entry(self) -> None:
        site_id = self.site_id()
        if site_id is None:
            feedback.inform(self, "Add calendar entry", "Add a school on the Sites tab first.")
            return
        view, today = self.month_view, self.app.clock.today()
        # Start on the month being looked at: today if it is this month, else its first day.
        start = today if (view.year, view.month) == (today.year, today.month) else date(
            view.year, view.month, 1)
        self._show(CalendarEntryDialog(self.app.calendars, site_id, self.school.currentText(),
                                       None, start, self))

    def edit_entry(self) -> None:
        entry = self.selected()
        if entry is None:
            feedback.inform(self, "Edit calendar entry", "Choose an entry in the list first.")
            return
        self._show(CalendarEntryDialog(self.app.calendars, entry.site_id,
                                       self.school.currentText(), entry, None, self))

    def _open_entry(self, _index: QModelIndex) -> None:
        self.edit_entry()

    def _show(self, dialog: CalendarEntryDialog) -> None:
        self.dialog = dialog

        def saved() -> None:
            first = dialog.entry_form().start_date
            self.month_view.year, self.month_view.month = first.year, first.month
            self.events.calendars_changed.emit(dialog.original.site_id)

        _open(dialog, saved)

    def delete_entry(self) -> None:
        entry = self.selected()
        if entry is None or entry.id is None:
            feedback.inform(self, "Delete calendar entry", "Choose an entry in the list first.")
            return
        kind = KIND_LABELS.get(entry.kind, entry.kind)
        when = f"{entry.start_date:%d/%m/%Y}" + (
            f" to {entry.end_date:%d/%m/%Y}" if entry.end_date != entry.start_date else "")
        if not feedback.confirm(self, "Delete calendar entry",
                                f"Delete the {kind} ({when}) from {self.school.currentText()}'s "
                                "calendar? It can be restored from History."):
            return
        entry_id = entry.id

        def delete() -> bool:
            self.app.calendars.delete_entry(entry_id)
            return True

        if feedback.guarded(self, "Delete calendar entry", delete):
            self.events.calendars_changed.emit(entry.site_id)


class SitesPage(Page):
    loads_when_built = True

    def __init__(self, app: HubApp, events: AppEvents, parent: QWidget | None = None) -> None:
        super().__init__(app, events, parent)
        title = self.page_title("Sites & calendars")
        self.sites = SiteListTab(app, events)
        self.travel = TravelTimesTab(app, events)
        self.calendar = CalendarTab(app, events)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.sites, "Sites")
        self.tabs.addTab(self.travel, "Travel times")
        self.tabs.addTab(self.calendar, "Calendar")
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.tabs)
        events.sites_changed.connect(self.refresh)
        events.data_reloaded.connect(self.refresh)
        events.calendars_changed.connect(self._calendars_changed)
        self.refresh()

    def _calendars_changed(self, _site_id: int) -> None:
        feedback.guarded(self, "Sites & calendars", self.calendar.refresh)

    def on_shown(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        feedback.guarded(self, "Sites & calendars", self._refresh)

    def _refresh(self) -> None:
        self.sites.refresh()
        self.travel.refresh_unless_editing()
        self.calendar.refresh()
