"""A month of one school's calendar (Mon–Fri grid) or of every school side by side.

Closed days carry a colour AND words or a letter, so a black-and-white printout still reads.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hubdesk.core.calendar import DayStatus
from hubdesk.services.sites import CalendarService

# kind -> (background colour, letter for the compact view, words for the legend and cells)
DAY_STYLES: dict[str, tuple[str, str, str]] = {
    "open": ("#ffffff", "", "Open"),
    "inset": ("#ffd166", "I", "INSET day"),
    "half_term": ("#a8d8f8", "H", "Half-term"),
    "bank_holiday": ("#f4a6a6", "B", "Bank holiday"),
    "closure": ("#d9bdf5", "C", "Closed"),
    "holiday": ("#dddddd", "–", "School holiday"),
}
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri")
TOP_LEFT = Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft


def cell_words(status: DayStatus) -> str:
    """What a closed day says in the grid: the kind, then the name or label if there is one."""
    if status.open:
        return ""
    words = DAY_STYLES.get(status.kind, ("", "", status.reason))[2]
    _, _, detail = status.reason.partition(": ")
    return f"{words}\n{detail}" if detail else words


def describe(status: DayStatus) -> str:
    reason = "open" if status.open else status.reason
    return f"{status.day:%A %d %B %Y}: {reason}"


def weekdays(statuses: list[DayStatus]) -> list[DayStatus]:
    return [s for s in statuses if s.day.weekday() < 5]


class MonthView(QWidget):
    """Shows ``site_id``'s month, or all of ``sites`` when "Compare schools" is ticked."""

    month_changed = Signal(int, int)

    def __init__(self, calendars: CalendarService, today_of: Callable[[], date],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.calendars = calendars
        self.sites: list[tuple[int, str]] = []
        self.site_id: int | None = None
        today = today_of()
        self.year, self.month = today.year, today.month
        self._cells: dict[tuple[int, date], QTableWidgetItem] = {}

        self.title = QLabel()
        self.title.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.previous_button = QPushButton("◀ Previous")
        self.this_month_button = QPushButton("This month")
        self.next_button = QPushButton("Next ▶")
        self.compare = QCheckBox("Compare schools")
        self.compare.setToolTip("One row per school, one column per weekday of the month.")
        self.previous_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(1))
        self.this_month_button.clicked.connect(
            lambda: self.show_month(today_of().year, today_of().month))
        self.compare.toggled.connect(self.refresh)
        top = QHBoxLayout()
        top.addWidget(self.previous_button)
        top.addWidget(self.title, 1, Qt.AlignmentFlag.AlignCenter)
        top.addWidget(self.next_button)
        tools = QHBoxLayout()
        tools.addWidget(self.this_month_button)
        tools.addStretch(1)
        tools.addWidget(self.compare)

        self.grid = QTableWidget()
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.grid.setWordWrap(True)
        self.grid.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(tools)
        layout.addWidget(self.grid, 1)
        layout.addWidget(self.summary)
        layout.addLayout(self._legend())

    def _legend(self) -> QGridLayout:
        """Two rows of three keys, so a narrow window still shows them all."""
        keys = QGridLayout()
        keys.setSpacing(4)
        for n, (colour, letter, words) in enumerate(DAY_STYLES.values()):
            key = QLabel(f"{letter} = {words}" if letter else words)
            key.setStyleSheet(f"background: {colour}; border: 1px solid #777; padding: 2px 6px;"
                              "color: black;")
            keys.addWidget(key, n // 3, n % 3)
        keys.setColumnStretch(3, 1)
        return keys

    # -- choosing what to show ------------------------------------------------------------------

    def set_sites(self, sites: list[tuple[int, str]]) -> None:
        self.sites = list(sites)
        self.refresh()

    def set_site(self, site_id: int | None) -> None:
        self.site_id = site_id
        self.refresh()

    def show_month(self, year: int, month: int) -> None:
        self.year, self.month = year, month
        self.refresh()
        self.month_changed.emit(year, month)

    def step(self, months: int) -> None:
        index = self.year * 12 + self.month - 1 + months
        self.show_month(index // 12, index % 12 + 1)

    def cell_for(self, day: date, site_id: int | None = None) -> QTableWidgetItem | None:
        """The grid cell of ``day`` (of ``site_id`` when comparing); None if not shown."""
        return self._cells.get((site_id or self.site_id or 0, day))

    # -- drawing ----------------------------------------------------------------------------------

    def refresh(self) -> None:
        self.title.setText(f"{date(self.year, self.month, 1):%B %Y}")
        self.grid.clear()
        self.grid.setRowCount(0)  # new rows take the sizes of the mode being drawn
        self.grid.setColumnCount(0)
        self._cells.clear()
        if self.compare.isChecked():
            self._draw_compare()
        else:
            self._draw_one()

    def _item(self, status: DayStatus, text: str, site_id: int, site_name: str) -> QTableWidgetItem:
        colour = DAY_STYLES.get(status.kind, DAY_STYLES["closure"])[0]
        item = QTableWidgetItem(text)
        item.setBackground(QBrush(QColor(colour)))
        item.setForeground(QBrush(QColor("black")))
        item.setToolTip(f"{site_name} — {describe(status)}" if site_name else describe(status))
        item.setData(Qt.ItemDataRole.UserRole, status.kind)
        self._cells[(site_id, status.day)] = item
        return item

    def _draw_one(self) -> None:
        grid = self.grid
        if self.site_id is None:
            grid.setRowCount(0)
            grid.setColumnCount(0)
            self.summary.setText("Choose a school to see its month (schools are added on the Sites tab).")
            return
        days = weekdays(self.calendars.month(self.site_id, self.year, self.month))
        first_monday = days[0].day - timedelta(days=days[0].day.weekday())
        weeks = (days[-1].day - first_monday).days // 7 + 1
        rows = grid.verticalHeader()
        rows.setMinimumSectionSize(self.fontMetrics().lineSpacing() * 3 + 8)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        grid.setColumnCount(5)
        grid.setRowCount(weeks)
        grid.setHorizontalHeaderLabels(list(WEEKDAYS))
        rows.hide()  # the day numbers in the cells say which week it is
        bold = QFont(grid.font())
        bold.setBold(True)
        for status in days:
            text = f"{status.day.day}  {cell_words(status)}".strip()
            item = self._item(status, text, self.site_id, "")
            item.setTextAlignment(TOP_LEFT)
            if not status.open:
                item.setFont(bold)
            row = (status.day - first_monday).days // 7
            grid.setItem(row, status.day.weekday(), item)
        opened = sum(s.open for s in days)
        self.summary.setText(f"<b>{opened}</b> open days in {date(self.year, self.month, 1):%B %Y}. "
                             "Hover over a day to see why it is closed.")

    def _draw_compare(self) -> None:
        grid = self.grid
        ids = [sid for sid, _ in self.sites]
        months = self.calendars.months(ids, self.year, self.month) if ids else {}
        shown = [(sid, name) for sid, name in self.sites if sid in months]
        columns = weekdays(months[shown[0][0]]) if shown else []
        height = self.fontMetrics().lineSpacing() + 12
        rows = grid.verticalHeader()
        rows.setMinimumSectionSize(height)
        rows.setDefaultSectionSize(height)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.show()
        header = grid.horizontalHeader()
        header.setMinimumSectionSize(self.fontMetrics().horizontalAdvance("We") + 6)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        grid.setRowCount(len(shown))
        grid.setColumnCount(len(columns))
        grid.setHorizontalHeaderLabels([f"{WEEKDAYS[s.day.weekday()][:2]}\n{s.day.day}"
                                        for s in columns])
        grid.setVerticalHeaderLabels([name for _, name in shown])
        counts = []
        for row, (sid, name) in enumerate(shown):
            days = weekdays(months[sid])
            for column, status in enumerate(days):
                letter = DAY_STYLES.get(status.kind, ("", "?", ""))[1]
                item = self._item(status, letter, sid, name)
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                grid.setItem(row, column, item)
            counts.append(f"{name} <b>{sum(s.open for s in days)}</b>")
        self.summary.setText(
            f"Open days in {date(self.year, self.month, 1):%B %Y}: " + ", ".join(counts)
            if counts else "No schools to compare.")
