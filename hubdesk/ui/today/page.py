"""Today: the day at a glance for the office — which sites are open, the clubs running with how many
children, and what needs someone now (late collections, offers waiting for an answer, rota and minibus
problems, staff checks running out). Double-click a line to go to the page that deals with it."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import date
from typing import TypeVar

from PySide6.QtCore import Qt
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
from hubdesk.core.calendar import DayStatus
from hubdesk.core.errors import DomainError
from hubdesk.core.money import money
from hubdesk.core.words import count
from hubdesk.ui.common.page import Page
from hubdesk.ui.shell.events import AppEvents
from hubdesk.ui.today.attention import Line, minibus_lines, rota_lines
from hubdesk.ui.today.referrals_area import OverdueReferrals

T = TypeVar("T")
R = TypeVar("R")
log = logging.getLogger(__name__)
URGENT = QBrush(QColor("#b00020"))
CLOSED = QBrush(QColor("#6b6b6b"))


def _safe(read: Callable[[], T], fallback: T) -> T:
    """One area failing to load must not blank the whole page."""
    try:
        return read()
    except DomainError as exc:
        log.warning("Today page: %s", exc)
    except Exception:
        log.exception("Today page: an area could not be read")
    return fallback


def _safe_rows(read: Callable[[], Sequence[R]]) -> Sequence[R]:
    """Rows for one area, or none when it cannot be read (the failure is logged)."""
    return _safe(read, ())


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
        self.summary = QLabel()
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
        # Overdue referrals: its own area (for the safeguarding lead only, once roles exist).
        self.referrals = OverdueReferrals(lambda: _safe_rows(app.referrals.overdue))
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
        layout.addLayout(grid, 1)
        for signal in (events.data_reloaded, events.children_changed, events.staff_changed,
                       events.bookings_changed, events.clubs_changed, events.sites_changed,
                       events.referrals_changed):
            signal.connect(self._refresh_if_shown)
        events.calendars_changed.connect(lambda _site: self._refresh_if_shown())
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
        day = self.today()
        self.heading.setText(f"Today — {day:%A %d %B %Y}")
        self._fill_sites(day)
        self._fill_attention(day)
        self._fill_expiring(day)
        self.referrals.refresh()

    def open_overdue_referrals(self) -> None:
        page = self.go_to("Referrals")
        overdue_only = getattr(page, "overdue_only", None)
        if overdue_only is not None:
            overdue_only.setChecked(True)

    def _fill_sites(self, day: date) -> None:
        sites = _safe_rows(self.app.sites.list)
        sessions = _safe_rows(lambda: self.app.registers.take.sessions(day))
        per_site: dict[int, tuple[int, int]] = {}
        for h in sessions:
            if h.status != "running":
                continue
            count, booked = per_site.get(h.site_id, (0, 0))
            per_site[h.site_id] = (count + 1, booked + h.booked)
        months: dict[int, list[DayStatus]] = _safe(lambda: self.app.calendars.months(
            [site.id or 0 for site in sites], day.year, day.month), {})  # every site in one read
        self.sites.setRowCount(len(sites))
        for row, site in enumerate(sites):
            month = months.get(site.id or 0)
            status = month[day.day - 1] if month else None
            is_open = status is None or status.open
            state = "open" if is_open else f"closed: {status.reason}" if status else "closed"
            count, booked = per_site.get(site.id or 0, (0, 0))
            values = (site.name, state, str(count) if count else "–", f"{booked:,}" if count else "–")
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if column >= 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if not is_open:
                    item.setForeground(CLOSED)
                self.sites.setItem(row, column, item)
        children = _safe(self.app.children.count, 0)
        booked_today = sum(b for _c, b in per_site.values())
        self.summary.setText(f"{children:,} children on roll across the cluster; "
                             f"{booked_today:,} club places booked today.")

    def _fill_attention(self, day: date) -> None:
        self.attention.clear()
        lines: list[Line] = []
        for late in _safe_rows(lambda: self.app.registers.late.late_children(day)):
            lines.append(Line(f"{late.name} not collected from {late.club} at {late.site}: "
                              f"{late.minutes_late} min late — {late.next_step}", "Registers", True))
        offers = _safe_rows(self.app.waiting_lists.open_offers)
        if offers:
            lines.append(Line(f"{count(len(offers), 'waiting-list offer')} waiting for the family's answer "
                              f"(first: {offers[0].child_name}, {offers[0].club_name}).", "Waiting lists"))
        lines += rota_lines(self.app, day, _safe_rows)
        lines += minibus_lines(self.app, day, _safe_rows)
        overdue, families, old = _safe(self.app.money.accounts.overdue_total, (0, 0, 0))
        if overdue:
            lines.append(Line(f"Money: {money(overdue)} overdue from {count(families, 'family', 'families')} "
                              f"({money(old)} over 60 days).", "Money", old > 0))
        if not lines:
            lines.append(Line("Nothing needs attention right now.", ""))
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

    def _fill_expiring(self, day: date) -> None:
        self.expiring.clear()
        items = _safe_rows(lambda: self.app.rota.expiring(day))
        for i in items:
            verb = "ran out" if i.expired else "runs out"
            item = QListWidgetItem(f"{i.name}: {i.what} {verb} {i.when:%d/%m/%Y}")
            if i.expired:
                item.setForeground(URGENT)
            self.expiring.addItem(item)
        if not items:
            self.expiring.addItem("No staff checks run out soon.")
