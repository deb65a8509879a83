"""Today: the day at a glance for the office (what is open, how many children, warnings)."""

from __future__ import annotations

import html
from datetime import date

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from hubdesk.app import HubApp
from hubdesk.ui.events import AppEvents


class TodayPage(QWidget):
    def __init__(self, app: HubApp, events: AppEvents, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.heading = QLabel()
        self.heading.setObjectName("pageTitle")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        self.expiring = QLabel()  # staff qualifications running out (rota warning window)
        self.expiring.setWordWrap(True)
        layout.addWidget(self.expiring)
        layout.addStretch(1)
        events.data_reloaded.connect(self.refresh)
        events.children_changed.connect(self.refresh)
        events.calendars_changed.connect(self.refresh)
        events.staff_changed.connect(self.refresh)
        self.refresh()

    def on_shown(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        today = date.today()
        self.heading.setText(f"Today — {today:%A %d %B %Y}")
        lines = []
        for site in self.app.sites.list():
            status = self.app.calendars.month(site.id or 0, today.year, today.month)[today.day - 1]
            state = "open" if status.open else f"closed ({status.reason})"
            lines.append(f"<b>{site.name}</b>: {state}")
        children = self.app.children.count()
        lines.append(f"<br>{children:,} children on roll across the cluster.")
        self.summary.setText("<br>".join(lines) if lines else "No sites yet.")
        items = self.app.rota.expiring(today)
        shown = [f"{html.escape(i.name, quote=False)}: {i.what} "
                 f"{'ran out' if i.expired else 'runs out'} {i.when:%d/%m/%Y}" for i in items[:8]]
        more = f"<br>… and {len(items) - 8} more (see Staff)." if len(items) > 8 else ""
        self.expiring.setText(
            "<br><b>Staff checks running out</b><br>" + "<br>".join(shown) + more if items else "")
