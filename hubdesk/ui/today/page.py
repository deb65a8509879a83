"""Today: the day at a glance for the office — which sites are open, the clubs running with how many
children, and what needs someone now (late collections, offers waiting for an answer, rota and minibus
problems, staff checks running out). Double-click a line to go to the page that deals with it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hubdesk.app import HubApp
from hubdesk.ui.common.page import Page
from hubdesk.ui.shell.events import AppEvents
from hubdesk.ui.today.attention import Line
from hubdesk.ui.today.loader import AREAS, SitesArea, TodayReader, sees
from hubdesk.ui.today.referrals_area import OverdueReferrals

if TYPE_CHECKING:
    from hubdesk.services.rota import ExpiringItem

URGENT = QBrush(QColor("#b00020"))
CLOSED = QBrush(QColor("#6b6b6b"))
LOADING = "Loading…"
NOTHING = "Nothing needs attention right now."


class TodayPage(Page):
    loads_when_built = True
    def __init__(self, app: HubApp, events: AppEvents, parent: QWidget | None = None,
                 today: Callable[[], date] | None = None) -> None:
        super().__init__(app, events, parent)
        self.app, self.today = app, today or app.clock.today
        self.heading = QLabel()
        self.heading.setObjectName("pageTitle")
        self.sites = QTableWidget(0, 4)
        self.sites.setHorizontalHeaderLabels(["Site", "Today", "Club sessions", "Children booked"])
        self.sites.verticalHeader().hide()
        self.sites.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.sites.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.sites.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.sites.cellDoubleClicked.connect(lambda _r, _c: self.go_to("Registers"))
        self.summary = QLabel(LOADING)
        self.loading = QLabel(LOADING)
        self.loading.setObjectName("todayLoading")
        self._reader: TodayReader | None = None
        self._generation = 0
        self._pending: set[str] = set()
        self._attention_lines: list[Line] = []
        self._money_lines: list[Line] = []
        self.attention = QListWidget()
        self.attention.setWordWrap(True)
        self.attention.itemDoubleClicked.connect(self.open_line)
        self.expiring = QListWidget()
        self.expiring.setWordWrap(True)
        self.expiring.itemDoubleClicked.connect(lambda _item: self.go_to("Staff"))
        sites_box, attention_box, expiring_box = (QGroupBox(t) for t in (
            "Sites today", "Needs attention", "Staff checks running out"))
        QVBoxLayout(sites_box).addWidget(self.sites)
        box = QVBoxLayout(attention_box)
        box.addWidget(self.attention)
        QVBoxLayout(expiring_box).addWidget(self.expiring)
        grid = QGridLayout()
        grid.addWidget(sites_box, 0, 0)
        grid.addWidget(attention_box, 0, 1)
        grid.addWidget(expiring_box, 1, 1)
        expiring_box.setVisible(sees(app, "staff", "read_all"))  # staff records' roles only
        # Overdue referrals: its own area (for the safeguarding lead only, once roles exist).
        self.referrals = OverdueReferrals()
        self.referrals.setVisible(app.actor.may("referrals"))
        self.referrals.open_list.connect(self.open_overdue_referrals)
        left = QVBoxLayout()
        left.addWidget(self.summary)
        left.addWidget(self.referrals, 1)
        grid.addLayout(left, 1, 0)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        grid.setRowStretch(0, 3)
        grid.setRowStretch(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(QLabel("Double-click a line to go to the page that deals with it."))
        layout.addWidget(self.loading)
        layout.addLayout(grid, 1)
        for signal in (events.data_reloaded, events.children_changed, events.staff_changed,
                       events.bookings_changed, events.clubs_changed, events.sites_changed,
                       events.referrals_changed):
            signal.connect(self._refresh_if_shown)
        events.calendars_changed.connect(lambda _site: self._refresh_if_shown())
        self.attention.addItem(LOADING)
        self.expiring.addItem(LOADING)
        self.refresh()

    def _refresh_if_shown(self) -> None:
        """A change elsewhere: reload now only if the page is on screen (showing it reloads it).

        Saving a booking on another page would otherwise wait for this whole page to reload.
        """
        if self.isVisible():
            self.refresh()

    def on_shown(self) -> None:
        self.refresh()

    def go_to(self, title: str) -> object:
        """Show another page by its title; returns it (None outside the main window)."""
        window = self.window()
        show_page = getattr(window, "show_page", None)
        if title and callable(show_page):
            return show_page(title)
        return None

    def refresh(self) -> None:
        """Read every area again in the background; the areas fill in as they arrive."""
        day = self.today()
        self.heading.setText(f"Today — {day:%A %d %B %Y}")
        if self._reader is not None:
            self._reader.cancelled = True  # its late answers are ignored by their generation
        self._generation += 1
        self._pending = {name for name, _read in AREAS}
        self.loading.setText(LOADING)
        reader = TodayReader(self.app, day, self._generation)
        reader.signals.area.connect(self._area_read)
        reader.signals.finished.connect(self._reader_finished)
        self._reader = reader
        # Started from the event loop: the window is drawn before the worker imports the services.
        QTimer.singleShot(0, reader.start)

    @property
    def loaded(self) -> bool:
        """True once every area of the latest refresh is on screen."""
        return not self._pending

    def open_overdue_referrals(self) -> None:
        page = self.go_to("Referrals")
        overdue_only = getattr(page, "overdue_only", None)
        if overdue_only is not None:
            overdue_only.setChecked(True)

    def _area_read(self, generation: int, name: str, data: object) -> None:
        if generation != self._generation:
            return
        self._pending.discard(name)
        if name == "sites" and isinstance(data, SitesArea):
            self._fill_sites(data)
        elif name == "attention" and isinstance(data, list):
            self._attention_lines = data
            self._fill_attention()
        elif name == "money" and isinstance(data, list):
            self._money_lines = data
            self._fill_attention()
        elif name == "expiring" and isinstance(data, (list, tuple)):
            self._fill_expiring(data)
        elif name == "referrals" and isinstance(data, (list, tuple)):
            self.referrals.fill(data)
        if not self._pending:  # the line stays (text only), so nothing moves under the pointer
            self.loading.setText(f"Read at {self.app.clock.local_now():%H:%M}; F5 reads it again.")

    def _reader_finished(self, generation: int) -> None:
        if generation == self._generation:
            self._reader = None
            if self._pending:  # an area the reader skipped or could not hand over
                self.loading.setText("Some areas could not be read; press F5 to try again.")

    def _fill_sites(self, area: SitesArea) -> None:
        self.sites.setRowCount(len(area.rows))
        for row, line in enumerate(area.rows):
            for column, value in enumerate(line.cells):
                item = QTableWidgetItem(value)
                if column >= 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if not line.open:
                    item.setForeground(CLOSED)
                self.sites.setItem(row, column, item)
        self.summary.setText(area.summary)

    def _fill_attention(self) -> None:
        """The lines read so far; the money line of the last read stays until the new one arrives
        (it comes last, seconds later on a large cluster), so it does not blink out on every visit."""
        self.attention.clear()
        lines = self._attention_lines + self._money_lines
        if not lines:
            self.attention.addItem(NOTHING)
        for line in lines:
            item = QListWidgetItem(("⚠ " if line.urgent else "") + line.text)
            item.setData(Qt.ItemDataRole.UserRole, line)
            if line.urgent:
                item.setForeground(URGENT)
            self.attention.addItem(item)

    def open_line(self, item: QListWidgetItem) -> None:
        """Go to the page that deals with a line, at its site or day when it names one."""
        line = item.data(Qt.ItemDataRole.UserRole)
        if not isinstance(line, Line) or not line.page:
            return
        page = self.go_to(line.page)
        choose_site, show_day = getattr(page, "choose_site", None), getattr(page, "show_day", None)
        if line.site_id is not None and callable(choose_site):
            choose_site(line.site_id)
        if line.day is not None and callable(show_day):
            show_day(line.day, line.week)

    def _fill_expiring(self, items: Sequence[ExpiringItem]) -> None:
        self.expiring.clear()
        for i in items:
            verb = "ran out" if i.expired else "runs out"
            item = QListWidgetItem(f"{i.name}: {i.what} {verb} {i.when:%d/%m/%Y}")
            if i.expired:
                item.setForeground(URGENT)
            self.expiring.addItem(item)
        if not items:
            self.expiring.addItem("No staff checks run out soon.")
