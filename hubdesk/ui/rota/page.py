"""Staff rota: a site's week as a grid (sessions as coloured blocks above, staff by days below),
a person's week, and the week's problems with a jump to fix each one.

Double-click a session to put people on it or take them off; double-click a person's day to put
them on a session or a site duty. Under-ratio sessions are red, sessions missing a first-aider or
a second adult amber, staffed ones green.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from hubdesk.app import HubApp
from hubdesk.services.progress import Progress
from hubdesk.services.rota import ProblemRow, SessionCell, StaffWeek, WeekGrid
from hubdesk.ui.common.dates import date_edit, qdate
from hubdesk.ui.common.forms import hbox
from hubdesk.ui.common.page import Page
from hubdesk.ui.common.remember import remember_choice
from hubdesk.ui.common.site_combo import refill_sites
from hubdesk.ui.rota.dialogs import FillDialog, PersonDayDialog, SessionStaffDialog
from hubdesk.ui.rota.person import PersonWeekView
from hubdesk.ui.shell import feedback
from hubdesk.ui.shell.events import AppEvents

COLOURS = {"under": "#f4b6b6", "warning": "#fde3a7", "ok": "#cdebd0", "none": "#eeeeee"}
STAFF_BUSY, STAFF_PROBLEM, CLOSED = "#dde8f6", "#fde3a7", "#f3f3f3"
ROLE_FIRST_AID = " ✚"


def session_text(cell: SessionCell) -> str:
    lines = [f"{cell.title}  {cell.times}"]
    lines.append(f"{cell.children} {cell.counted} · {len(cell.staff)}/{cell.required} staff"
                 if cell.children else "no children booked")
    if cell.status == "under":
        lines.append("UNDER RATIO")
    names = [x.name + (ROLE_FIRST_AID if x.first_aider else "") for x in cell.staff]
    if names:
        lines.append(", ".join(names))
    return "\n".join(lines)


class RotaPage(Page):
    loads_when_built = True
    def __init__(self, app: HubApp, events: AppEvents, parent: QWidget | None = None,
                 today: date | None = None) -> None:
        super().__init__(app, events, parent)
        self.grid: WeekGrid | None = None
        self.dialog: SessionStaffDialog | PersonDayDialog | FillDialog | None = None
        self._cells: dict[tuple[int, int], SessionCell] = {}
        self._people: dict[int, StaffWeek] = {}
        self.site = QComboBox()
        remember_choice(self.site, "site")
        self.week = date_edit(today or app.clock.today())
        self.week.setKeyboardTracking(False)  # the page reloads once the date is typed, not per key
        self.week.setToolTip("Type or pick any day: the rota shows its week, from the Monday")
        self.week.setDate(qdate(self.monday()))
        top, actions = self._build_week_bar(), self._build_actions()
        splitter = QSplitter()
        splitter.addWidget(self._build_tabs())
        splitter.addWidget(self._build_problems())
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.page_title("Staff rota"))
        layout.addLayout(top)
        layout.addLayout(actions)
        layout.addWidget(splitter, 1)
        self._load_sites()
        self.site.currentIndexChanged.connect(lambda _i: self.refresh())
        self.week.dateChanged.connect(self._week_changed)
        for signal in (events.staff_changed, events.sites_changed, events.clubs_changed,
                       events.bookings_changed, events.data_reloaded):
            signal.connect(self._data_changed)
        events.sites_changed.connect(self._load_sites)
        self.refresh()

    def _build_week_bar(self) -> QHBoxLayout:
        self.prev_button, self.next_button = QPushButton("◀ Week"), QPushButton("Week ▶")
        self.prev_button.clicked.connect(lambda: self._move(-7))
        self.next_button.clicked.connect(lambda: self._move(7))
        return hbox("Site:", self.site, self.prev_button, "Week of", self.week, self.next_button,
                    stretch=True)

    def _build_actions(self) -> QHBoxLayout:
        self.copy_button = QPushButton("Copy last week")
        self.fill_button = QPushButton("Fill the gaps…")
        self.rules_button = QPushButton("Ratios && settings…")
        self.rules_button.clicked.connect(self.edit_rules)
        self.print_button = QPushButton("Print site rota")
        self.print_all_button = QPushButton("Print all sites")
        self.copy_button.clicked.connect(self.copy_last_week)
        self.fill_button.clicked.connect(self.fill_gaps)
        self.print_button.clicked.connect(lambda: self.print_sites(all_sites=False))
        self.print_all_button.clicked.connect(lambda: self.print_sites(all_sites=True))
        return hbox(self.copy_button, self.fill_button, self.rules_button, self.print_button,
                    self.print_all_button, stretch=True)

    def _build_tabs(self) -> QTabWidget:
        """The site's week as a grid, and one person's week."""
        self.table = QTableWidget()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.cellDoubleClicked.connect(self.open_cell)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.person = PersonWeekView(self.app, self)
        self.person.print_button.clicked.connect(self.print_person)
        self.person.ical_button.clicked.connect(self.export_calendar)
        self.tabs = QTabWidget()
        site_tab = QWidget()
        site_layout = QVBoxLayout(site_tab)
        site_layout.setContentsMargins(0, 0, 0, 0)
        site_layout.addWidget(self.table, 1)
        site_layout.addWidget(self.summary)
        self.tabs.addTab(site_tab, "Site week")
        self.tabs.addTab(self.person, "Person's week")
        return self.tabs

    def _build_problems(self) -> QWidget:
        self.problems = QListWidget()
        self.problems.setWordWrap(True)
        self.problems.itemDoubleClicked.connect(self.jump_to_problem)
        self.problems_title = QLabel("<b>Rota problems</b>")
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.problems_title)
        side_layout.addWidget(QLabel("Double-click a problem to fix it."))
        side_layout.addWidget(self.problems, 1)
        return side

    # --- navigation -------------------------------------------------------------------------
    def monday(self) -> date:
        d = self.week.date()
        day = date(d.year(), d.month(), d.day())
        return day - timedelta(days=day.weekday())

    def _week_changed(self, _date: QDate) -> None:
        """Any day picked stands for its week: show the Monday."""
        monday = qdate(self.monday())
        if self.week.date() != monday:
            self.week.setDate(monday)  # comes back here once more
            return
        self.refresh()

    def _move(self, days: int) -> None:
        self.week.setDate(self.week.date().addDays(days))

    def _load_sites(self) -> None:
        refill_sites(self.site, feedback.guarded(self, "Staff rota", self.app.sites.list) or [])

    def choose_site(self, site_id: int) -> None:
        self.site.setCurrentIndex(max(0, self.site.findData(site_id)))

    def on_shown(self) -> None:
        self.refresh()

    def _data_changed(self) -> None:
        """Reload now only when the page is on screen: every visit reloads it anyway, so a change
        made on another page costs that page's click nothing here."""
        if self.isVisible():
            self.refresh()

    # --- the grid ---------------------------------------------------------------------------
    def refresh(self) -> None:
        site_id = self.site.currentData()
        if site_id is None:
            self.table.clear()
            self.summary.setText("No sites yet: add them on Sites & calendars.")
            return
        grid = feedback.guarded(self, "Staff rota",
                                lambda: self.app.rota.week_grid(int(site_id), self.monday()))
        if grid is None:
            return
        self.grid = grid
        self._fill_table(grid)
        self._fill_problems(grid.problems)
        self.person.set_week(self.monday())

    def _fill_table(self, grid: WeekGrid) -> None:
        """Sessions by title on top, then a divider, then each member of staff's shifts."""
        titles: list[str] = []
        for cell in grid.sessions:
            if cell.title not in titles:
                titles.append(cell.title)
        self._cells, self._people = {}, {}
        t = self.table
        t.clear()
        t.setColumnCount(len(grid.days))
        t.setRowCount(len(titles) + 1 + len(grid.staff))
        t.setHorizontalHeaderLabels([
            f"{d:%a %d %b}" + (f"\n{closed}" if closed else "") for d, closed in zip(
                grid.days, grid.closed, strict=True)])
        bold = QFont()
        bold.setBold(True)
        self._fill_sessions(grid, titles, bold)
        divider = len(titles)
        t.setVerticalHeaderItem(divider, QTableWidgetItem("Staff"))
        t.setSpan(divider, 0, 1, len(grid.days))
        label = QTableWidgetItem("Staff working at this site (double-click a day to put someone on)")
        label.setFont(bold)
        t.setItem(divider, 0, label)
        self._fill_staff(grid, divider + 1)
        t.resizeRowsToContents()
        under = sum(1 for c in grid.sessions if c.status == "under")
        self.summary.setText(
            f"{len(grid.sessions)} sessions, {under} under ratio · {len(grid.staff)} staff · "
            "red: under ratio, amber: no first-aider or too few staff, green: staffed · "
            "✚ first-aider" if grid.sessions else
            "No club sessions at this site this week. Staff rows show other work.")

    def _fill_sessions(self, grid: WeekGrid, titles: list[str], bold: QFont) -> None:
        """One row per session title, coloured by its staffing."""
        t = self.table
        for row, title in enumerate(titles):
            t.setVerticalHeaderItem(row, QTableWidgetItem(title))
            for col, day in enumerate(grid.days):
                cells = [c for c in grid.sessions if c.title == title and c.day == day]
                if not cells:
                    continue
                cell = cells[0]
                item = QTableWidgetItem(session_text(cell))
                item.setBackground(QBrush(QColor(COLOURS[cell.status])))
                item.setToolTip("\n".join(cell.problems) or "Staffed.")
                if cell.status == "under":
                    item.setFont(bold)
                t.setItem(row, col, item)
                self._cells[(row, col)] = cell

    def _fill_staff(self, grid: WeekGrid, first_row: int) -> None:
        """One row per member of staff from ``first_row``: their shifts, amber where a problem is."""
        t = self.table
        problem_days = {(p.staff_id, p.day) for p in grid.problems if p.staff_id}
        for n, week in enumerate(grid.staff):
            row = first_row + n
            header = week.name + (ROLE_FIRST_AID if week.first_aider else "")
            t.setVerticalHeaderItem(row, QTableWidgetItem(header))
            self._people[row] = week
            for col, shifts in enumerate(week.days):
                text = "\n".join(f"{x.times} {x.title} ({x.role_label})" for x in shifts)
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if shifts:
                    colour = STAFF_PROBLEM if (week.staff_id, grid.days[col]) in problem_days \
                        else STAFF_BUSY
                    item.setBackground(QBrush(QColor(colour)))
                elif grid.closed[col]:
                    item.setBackground(QBrush(QColor(CLOSED)))
                t.setItem(row, col, item)

    def _fill_problems(self, problems: tuple[ProblemRow, ...]) -> None:
        self.problems.clear()
        blocking = sum(1 for p in problems if p.blocking)
        self.problems_title.setText(f"<b>Rota problems</b> ({blocking} blocking, "
                                    f"{len(problems) - blocking} warnings)" if problems
                                    else "<b>Rota problems</b>: none this week")
        for p in problems:
            item = QListWidgetItem(("✖ Blocking: " if p.blocking else "⚠ ") + p.message)
            if p.blocking:
                item.setForeground(QBrush(QColor("#b00020")))
            self.problems.addItem(item)
        self._problem_rows = list(problems)

    def open_cell(self, row: int, col: int) -> None:
        cell = self._cells.get((row, col))
        if cell is not None:
            self.open_session(cell)
            return
        week = self._people.get(row)
        if week is not None and self.grid is not None:
            day = self.grid.days[col]
            dialog = PersonDayDialog(self.app, week.staff_id, week.name, self.grid.site_id, day,
                                     self.grid.sessions_on(day), self)
            self._show(dialog)

    def open_session(self, cell: SessionCell) -> None:
        self._show(SessionStaffDialog(self.app, cell, self))

    def _show(self, dialog: SessionStaffDialog | PersonDayDialog | FillDialog) -> None:
        self.dialog = dialog

        def finished() -> None:
            if getattr(dialog, "changed", False):
                self.events.staff_changed.emit()

        dialog.finished.connect(finished)
        self.open_dialog(dialog)

    def jump_to_problem(self, item: QListWidgetItem) -> None:
        """Show the site and session (or the person) the problem is about, ready to fix."""
        problem = self._problem_rows[self.problems.row(item)]
        if problem.site_id is not None and problem.site_id != self.site.currentData():
            self.choose_site(problem.site_id)
        if problem.target and self.grid is not None:
            for (row, col), cell in self._cells.items():
                if cell.target == problem.target:
                    self.tabs.setCurrentIndex(0)
                    self.table.setCurrentCell(row, col)
                    if problem.staff_id is None:
                        self.open_session(cell)
                        return
        if problem.staff_id is not None:
            self.tabs.setCurrentIndex(1)
            self.person.choose(problem.staff_id)

    # --- week actions -----------------------------------------------------------------------
    def copy_last_week(self) -> None:
        monday = self.monday()
        site_id = self.site.currentData()
        if not feedback.confirm(self, "Copy last week",
                                f"Copy the rota of the week of {monday - timedelta(days=7):%d %B} at "
                                f"{self.site.currentText()} to the week of {monday:%d %B}? People "
                                "already on a session are not doubled."):
            return
        result = feedback.guarded(self, "Copy last week",
                                  lambda: self.app.rota.copy_last_week(monday, site_id))
        if result is None:
            return
        self.events.staff_changed.emit()
        text = f"{result.copied} shifts copied."
        if result.skipped:
            text += "\n\nNot copied:\n" + "\n".join(result.skipped[:15])
        feedback.inform(self, "Copy last week", text)

    def edit_rules(self) -> None:
        from hubdesk.ui.rota.ratio_rules_dialog import RatioRulesDialog

        sites = [(int(self.site.itemData(i)), self.site.itemText(i)) for i in range(self.site.count())]
        current = self.site.currentData()
        dialog = RatioRulesDialog(self.app.rota, sites, int(current) if current is not None else None, self)
        dialog.accepted.connect(self.events.staff_changed.emit)
        self.rules_dialog = self.open_dialog(dialog)

    def fill_gaps(self) -> None:
        site_id = self.site.currentData()
        proposals = feedback.guarded(self, "Fill the gaps",
                                     lambda: self.app.rota.propose_fill(self.monday(), site_id))
        if proposals is None:
            return
        dialog = FillDialog(proposals, self)

        def accepted() -> None:
            chosen = dialog.accepted_proposals()
            if not chosen:
                return
            if feedback.guarded(self, "Fill the gaps", lambda: self.app.rota.apply(chosen)) is not None:
                self.events.staff_changed.emit()

        dialog.accepted.connect(accepted)
        self._show(dialog)

    # --- printing and calendar files ----------------------------------------------------------
    def print_sites(self, all_sites: bool) -> None:
        monday, rota = self.monday(), self.app.rota
        site_ids = None if all_sites else [int(self.site.currentData())]

        def write(target: Path, progress: Progress) -> None:
            from hubdesk.reports.rota import write_site_rota  # reportlab only when printing

            progress.step(0, 2, "Reading the rota…")
            grids = rota.week_grids(monday, site_ids)
            progress.step(1, 2, "Writing the PDF…")
            write_site_rota(grids, target)

        name = "all-sites" if all_sites else self.site.currentText()
        self.print_pdf(f"rota-{name}", write, "Print rota")

    def print_person(self) -> None:
        staff_id = self.person.staff_id()
        if staff_id is None:
            feedback.inform(self, "Print rota", "Choose a person first.")
            return
        monday, rota = self.monday(), self.app.rota

        def write(target: Path, progress: Progress) -> None:
            from hubdesk.reports.rota import write_person_rota

            progress.step(0, 1, "Writing the PDF…")
            write_person_rota([rota.person_week(staff_id, monday)], target)

        self.print_pdf(f"rota-{self.person.person.currentText()}", write, "Print rota")

    def export_calendar(self) -> None:
        staff_id = self.person.staff_id()
        if staff_id is None:
            feedback.inform(self, "Calendar file", "Choose a person first.")
            return
        weeks = self.person.weeks.value()
        monday = self.monday()
        name = self.person.person.currentText()

        def write() -> Path:
            from hubdesk.services.rota import shifts_calendar  # icalendar: only for this file

            shifts = self.app.rota.person_shifts(staff_id, monday,
                                                 monday + timedelta(days=7 * weeks - 1))
            content = shifts_calendar(name, shifts, self.app.clock.now(), self.app.rota.database_id())
            target = self.printout_path(f"shifts-{name}", ".ics")
            target.write_bytes(content)
            self.printed.append(target)
            return target

        path = feedback.guarded(self, "Calendar file", write)
        if path is not None:
            feedback.inform(self, "Calendar file",
                            f"The shifts of {name} for {weeks} week{'s' if weeks != 1 else ''} are in\n"
                            f"{path}\n\nEmail this file to them: opening it adds the shifts to the "
                            "calendar on their phone.")
