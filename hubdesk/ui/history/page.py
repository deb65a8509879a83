"""History: the audit log, newest first, filterable by record type and id."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hubdesk.app import HubApp
from hubdesk.services.admin.audit import HistoryLine
from hubdesk.ui.common.page import Page
from hubdesk.ui.common.tables import FIT_ROWS, DtoTableModel
from hubdesk.ui.shell.events import AppEvents

TABLES = ["(all)", "children", "carers", "child_carers", "sites", "calendar_entries", "staff",
          "travel_times", "rooms"]


def history_model(lines: list[HistoryLine] | None = None) -> DtoTableModel[HistoryLine]:
    return DtoTableModel(
        [("When", lambda h: h.when), ("Who", lambda h: h.user), ("Action", lambda h: h.action),
         ("Record", lambda h: h.record), ("Changes", lambda h: h.changes)],
        lines or [],
    )


class HistoryPage(Page):
    def __init__(self, app: HubApp, events: AppEvents, parent: QWidget | None = None) -> None:
        super().__init__(app, events, parent)
        self.table_filter = QComboBox()
        self.table_filter.addItems(TABLES)
        self.record_filter = QLineEdit()
        self.record_filter.setPlaceholderText("record id (optional)")
        show = QPushButton("Show")
        show.clicked.connect(self.refresh)
        self.record_filter.returnPressed.connect(self.refresh)
        top = QHBoxLayout()
        top.addWidget(QLabel("Record type:"))
        top.addWidget(self.table_filter)
        top.addWidget(self.record_filter)
        top.addWidget(show)
        top.addStretch(1)
        self.model = history_model()
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setWordWrap(True)
        self.view.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view)
        events.data_reloaded.connect(self.refresh)

    def on_shown(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        table = self.table_filter.currentText()
        record = self.record_filter.text().strip() or None
        lines = self.app.audit.history(table_name=None if table == "(all)" else table,
                                       record_id=record)
        self.model.set_rows(lines)
        self.view.horizontalHeader().setResizeContentsPrecision(FIT_ROWS)  # not all the rows
        self.view.resizeColumnsToContents()
