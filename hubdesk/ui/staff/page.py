"""Staff: who works for the hub, their role, home site and contact. Nobody is deleted."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hubdesk.app import HubApp
from hubdesk.services.people import StaffRow
from hubdesk.ui.common.keys import enter_opens, search_leads_to
from hubdesk.ui.common.page import Page
from hubdesk.ui.common.tables import DtoTableModel, fit_columns, table_view
from hubdesk.ui.shell import feedback
from hubdesk.ui.shell.events import AppEvents
from hubdesk.ui.staff.staff_dialog import StaffDialog


def staff_model() -> DtoTableModel[StaffRow]:
    return DtoTableModel(
        [("Name", lambda r: r.name), ("Role", lambda r: r.role[:1].upper() + r.role[1:]),
         ("Home site", lambda r: r.home_site), ("Phone", lambda r: r.phone),
         ("Email", lambda r: r.email), ("Active", lambda r: "Yes" if r.active else "No (left)"),
         ("DBS", lambda r: r.dbs),
         ("First aid until", lambda r: f"{r.first_aid_expires:%d/%m/%Y}" if r.first_aid_expires else "")],
        [])


EMAIL = 4  # the one column that may be cut short (whole on hover); names, sites and checks stay whole


class StaffPage(Page):
    loads_when_built = True
    def __init__(self, app: HubApp, events: AppEvents, parent: QWidget | None = None) -> None:
        super().__init__(app, events, parent)
        self.dialog: StaffDialog | None = None
        title = self.page_title("Staff")
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search by name or role, e.g. driver")
        self.search.setClearButtonEnabled(True)
        self.show_inactive = QCheckBox("Show people who have left")
        self.new_button = QPushButton("New staff member…")
        self.edit_button = QPushButton("Edit…")
        self.count = QLabel()
        # Typing refreshes after a short pause, not on every key.
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(250)
        self._typing.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _text: self._typing.start())
        self.search.returnPressed.connect(self.refresh)
        self.show_inactive.toggled.connect(self.refresh)
        self.new_button.clicked.connect(self.new_staff)
        self.edit_button.clicked.connect(self.edit_staff)
        self.model = staff_model()
        self.view = table_view(self.model)
        self.view.doubleClicked.connect(lambda _index: self.edit_staff())
        enter_opens(self.view, self.edit_staff)
        search_leads_to(self.search, self.view)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.show_inactive)
        top.addWidget(self.new_button)
        top.addWidget(self.edit_button)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count)
        events.staff_changed.connect(self.refresh)
        events.sites_changed.connect(self.refresh)  # home-site names
        events.data_reloaded.connect(self.refresh)
        self.refresh()

    def on_shown(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        self._typing.stop()
        rows = feedback.guarded(self, "Staff", lambda: self.app.staff.list(
            self.search.text(), include_inactive=self.show_inactive.isChecked()))
        if rows is None:
            return
        self.model.set_rows(rows)
        fit_columns(self.view, stretch=EMAIL, elide=(EMAIL,))
        self.count.setText(f"{len(rows)} staff shown." if rows else (
            "Nobody matches that search." if self.search.text().strip()
            else "No staff yet: use New staff member."))

    def selected(self) -> StaffRow | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.row(rows[0].row()) if rows else None

    def new_staff(self) -> None:
        self._show(None)

    def edit_staff(self) -> None:
        row = self.selected()
        if row is None:
            feedback.inform(self, "Edit staff member", "Choose a person in the list first.")
            return
        self._show(row.id)

    def _show(self, staff_id: int | None) -> None:
        def load() -> StaffDialog:
            form = self.app.staff.get(staff_id) if staff_id is not None else None
            sites = self.app.sites.list(include_inactive=True)
            audit = self.app.audit
            history = None if staff_id is None else (
                lambda text, offset, limit: audit.history(staff_id=staff_id, search=text,
                                                          offset=offset, limit=limit))
            return StaffDialog(self.app.staff, sites, form, self, history)

        dialog = feedback.guarded(self, "Staff", load)
        if dialog is None:
            return
        self.dialog = dialog
        dialog.accepted.connect(self.events.staff_changed.emit)
        self.open_dialog(dialog)
