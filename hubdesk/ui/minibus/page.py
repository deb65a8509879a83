"""Minibus: the timeline of a day or week (one lane per vehicle), the needs met and unmet beside
it, the checks underneath; vehicles with their walk-round checks on a second tab; printing."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta
from itertools import pairwise
from pathlib import Path

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from hubdesk.app import HubApp
from hubdesk.core.words import count
from hubdesk.services.minibus import NeedRow, RunRow
from hubdesk.services.progress import Progress
from hubdesk.ui.common.dates import date_edit, qdate, to_date
from hubdesk.ui.common.forms import hbox
from hubdesk.ui.common.page import Page
from hubdesk.ui.common.remember import remember_choice
from hubdesk.ui.common.tables import DtoTableModel, fit_columns, table_view
from hubdesk.ui.minibus.dialogs import AssignDialog, RunDialog
from hubdesk.ui.minibus.patterns_dialog import PatternsDialog
from hubdesk.ui.minibus.run_timeline import Lane, RunTimeline
from hubdesk.ui.minibus.settings_dialog import MinibusSettingsDialog
from hubdesk.ui.minibus.vehicles import VehiclesTab
from hubdesk.ui.shell import feedback
from hubdesk.ui.shell.events import AppEvents

NEED_FOR, NEED_RUN = 6, 7  # secondary: what the trip is for, and the run (both whole on hover)


def needs_model() -> DtoTableModel[NeedRow]:
    return DtoTableModel(
        [("", lambda n: "✓" if n.met else ("–" if n.optional else "✗")), ("Who", lambda n: n.name),
         ("Day", lambda n: f"{n.day:%a}"), ("From", lambda n: n.from_site), ("To", lambda n: n.to_site),
         ("When", lambda n: n.times), ("For", lambda n: n.purpose),
         ("Run", lambda n: n.run or n.why or ("may make own way" if n.optional else "unmet"))],
        [], tooltip=lambda n: (f"{n.name}: {n.from_site} → {n.to_site} {n.times}\n{n.purpose}"
                               + (f"\nMedical: {n.medical}" if n.medical else "")))


class MinibusPage(Page):
    loads_when_built = True
    def __init__(self, app: HubApp, events: AppEvents, parent: QWidget | None = None) -> None:
        super().__init__(app, events, parent)
        self.dialog: QDialog | None = None
        self.day = date_edit(app.clock.today())
        self.day.setKeyboardTracking(False)  # the page reloads once the date is typed, not per key
        bar = self._build_bar()
        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_runs_tab(), "Runs and needs")
        self.vehicles_tab = VehiclesTab(app, lambda: to_date(self.day), self.refresh)
        self.tabs.addTab(self.vehicles_tab, "Vehicles")
        layout = QVBoxLayout(self)
        layout.addWidget(self.page_title("Minibus"))
        layout.addLayout(bar)
        layout.addWidget(self.tabs, 1)
        for signal in (events.bookings_changed, events.clubs_changed, events.staff_changed,
                       events.sites_changed, events.data_reloaded):
            signal.connect(self.refresh)
        self.refresh()

    def _build_bar(self) -> QHBoxLayout:
        """The day or week shown, the run actions, and printing and settings on the right."""
        self.mode = QComboBox()
        self.mode.addItems(["Day", "Week"])
        remember_choice(self.mode, "minibus/day-or-week")
        back, forward = QPushButton("◀"), QPushButton("▶")
        back.setToolTip("Previous day or week")
        forward.setToolTip("Next day or week")
        back.clicked.connect(lambda: self.step_day(-1))
        forward.clicked.connect(lambda: self.step_day(1))
        self.new_run_button = QPushButton("New run…")
        self.patterns_button = QPushButton("Weekly runs…")
        self.patterns_button.setToolTip("Runs that repeat every week in term time: add one, or "
                                        "change one from a date")
        self.settings_button = QPushButton("Settings…")
        self.settings_button.setToolTip("School times, the longest ride, loading minutes and when "
                                        "an escort must ride")
        self.patterns_button.clicked.connect(self.weekly_runs)
        self.settings_button.clicked.connect(self.edit_settings)
        self.assign_button = QPushButton("Assign automatically…")
        self.assign_button.setToolTip("Place the day's unmet needs on runs; you review before saving")
        self.print_button = QPushButton("Print run sheets")
        self.print_week_button = QPushButton("Print week")
        self.new_run_button.clicked.connect(lambda: self.edit_run(None))
        self.assign_button.clicked.connect(self.assign)
        self.print_button.clicked.connect(self.print_sheets)
        self.print_week_button.clicked.connect(self.print_week)
        self.day.dateChanged.connect(lambda _d: self.refresh())
        self.mode.currentIndexChanged.connect(lambda _i: self.refresh())
        return hbox(self.day, back, forward, self.mode, self.new_run_button, self.patterns_button,
                    self.assign_button,
                    end=(self.print_button, self.print_week_button, self.settings_button))

    def _build_runs_tab(self) -> QSplitter:
        """The runs as a timeline over their problems; the day's travel needs beside them."""
        self.timeline = RunTimeline()
        self.timeline.run_clicked.connect(self.edit_run)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.timeline)
        self.problems = QListWidget()
        self.problems.setWordWrap(True)  # checks are sentences: wrap them, never scroll sideways
        self.problems.setToolTip("Double-click a line to open its run")
        self.problems.itemDoubleClicked.connect(self._problem_clicked)
        left = QSplitter()
        left.setOrientation(left.orientation().Vertical)
        left.addWidget(scroll)
        left.addWidget(self.problems)
        left.setSizes([380, 160])
        self.needs = needs_model()
        self.needs_view = table_view(self.needs)
        self.needs_summary = QLabel()
        right = QWidget()
        box = QVBoxLayout(right)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.needs_summary)
        box.addWidget(self.needs_view, 1)
        runs_tab = QSplitter()
        runs_tab.addWidget(left)
        runs_tab.addWidget(right)
        # The needs' names, places and times stay whole at 1366 px; the timeline gives way.
        runs_tab.setStretchFactor(0, 2)
        runs_tab.setStretchFactor(1, 3)
        runs_tab.setSizes([480, 680])
        return runs_tab

    # -- reading ----------------------------------------------------------------------------------

    def on_shown(self) -> None:
        self.refresh()

    def span(self) -> tuple[date, date]:
        day = to_date(self.day)
        if self.mode.currentText() == "Week":
            monday = day - timedelta(days=day.weekday())
            return monday, monday + timedelta(days=4)
        return day, day

    def show_day(self, day: date, week: bool = False) -> None:
        """Show one day, or its week (another page sends the office here for a problem)."""
        self.mode.setCurrentText("Week" if week else "Day")
        self.day.setDate(qdate(day))

    def step_day(self, step: int) -> None:
        days = 7 if self.mode.currentText() == "Week" else 1
        self.day.setDate(self.day.date().addDays(step * days))

    def refresh(self) -> None:
        start, end = self.span()

        def load() -> tuple[object, ...]:
            mb = self.app.minibus
            needs = [n for d in range((end - start).days + 1)
                     for n in mb.needs.day(start + timedelta(days=d))]
            return (mb.runs.runs(start, end), mb.checks.check(start, end),
                    mb.vehicles.overview(start), needs, self.app.sites.travel_times())

        loaded = feedback.guarded(self, "Minibus", load)
        if loaded is None:
            return
        runs, problems, vehicles, needs, travel = loaded
        assert isinstance(runs, list) and isinstance(problems, list)
        assert isinstance(vehicles, list) and isinstance(needs, list) and isinstance(travel, dict)
        self.vehicles_tab.set_rows(vehicles)
        days = [start + timedelta(days=d) for d in range((end - start).days + 1)]
        week = len(days) > 1
        lanes = [Lane(f"{day:%a %d/%m} · {v.label}" if week else v.label, v.id, day)
                 for day in days for v in vehicles]
        known = {v.id for v in vehicles}
        for run in runs:
            if run.vehicle_id not in known:
                lanes.append(Lane(run.vehicle, run.vehicle_id, run.day))
                known.add(run.vehicle_id)
        blocked = {i for p in problems if p.blocking for i in (p.run_id, p.other_run_id) if i}
        self.timeline.set_data(lanes, runs, blocked,
                               {p.run_id for p in problems if not p.blocking and p.run_id},
                               self._dead_running(runs, travel))
        self.problems.clear()
        for p in problems:
            item = QListWidgetItem(f"{'BLOCKING' if p.blocking else 'Warning'} · {p.day:%a %d/%m}: "
                                   f"{p.message}")
            item.setData(256, p.run_id)
            if p.blocking:
                item.setForeground(QColor("#b00020"))
            self.problems.addItem(item)
        if not problems:
            self.problems.addItem("No problems found." if runs else "No runs planned.")
        needs.sort(key=lambda n: (n.met, n.optional, n.day, n.arrive_by or n.ready_at or datetime.min.time()))
        self.needs.set_rows(needs)
        self.needs_view.setColumnHidden(2, not week)  # the weekday only matters in the week
        fit_columns(self.needs_view, stretch=NEED_RUN, elide=(NEED_FOR,))
        met = sum(n.met for n in needs)
        unmet = sum(1 for n in needs if not n.met and not n.optional)
        self.needs_summary.setText(f"<b>{len(needs)}</b> transport needs: <b>{met}</b> met, "
                                   f"<b style='color:#b00020'>{unmet}</b> unmet")
        self.assign_button.setEnabled(not week)

    @staticmethod
    def _dead_running(runs: list[RunRow], travel: dict[tuple[int, int], int]) -> dict[tuple[int, int], int]:
        lanes: dict[tuple[int, date], list[RunRow]] = defaultdict(list)
        for run in runs:
            lanes[(run.vehicle_id, run.day)].append(run)
        found = {}
        for own in lanes.values():
            own.sort(key=lambda r: r.start)
            for a, b in pairwise(own):
                start, end = a.stops[-1].site_id, b.stops[0].site_id
                if start != end:
                    found[(a.id, b.id)] = travel.get((start, end), 15)
        return found

    # -- actions ----------------------------------------------------------------------------------

    def _problem_clicked(self, item: QListWidgetItem) -> None:
        run_id = item.data(256)
        if run_id:
            self.edit_run(int(run_id))

    def _open(self, dialog: QDialog) -> None:
        """A dialog whose saving changes the day shown."""
        dialog.accepted.connect(self.refresh)
        self.dialog = self.open_dialog(dialog)

    def edit_run(self, run_id: int | None) -> None:
        dialog = feedback.guarded(self, "Run", lambda: RunDialog(self.app, self.span()[0], run_id, self))
        if dialog is not None:
            self._open(dialog)

    def assign(self) -> None:
        day = self.span()[0]
        proposal = feedback.guarded(self, "Assign automatically",
                                    lambda: self.app.minibus.assign.propose(day))
        if proposal is None:
            return
        if not proposal.rides and not proposal.unmet:
            feedback.inform(self, "Assign automatically", "Every need of the day is already met.")
            return
        dialog = AssignDialog(proposal, self)

        def save() -> None:
            result = feedback.guarded(self, "Assign automatically",
                                      lambda: self.app.minibus.assign.apply(dialog.chosen()))
            if result is not None:
                extra = ("\n\nNot placed:\n" + "\n".join(result.skipped)) if result.skipped else ""
                feedback.inform(self, "Assign automatically",
                                f"{count(result.placed, 'passenger')} placed, "
                                f"{count(result.runs_created, 'new run')} made. Add a driver to "
                                f"new runs.{extra}")
                self.refresh()

        dialog.accepted.connect(save)
        self.dialog = self.open_dialog(dialog)

    def weekly_runs(self) -> None:
        dialog = feedback.guarded(self, "Weekly runs", lambda: PatternsDialog(self.app, self))
        if dialog is not None:
            dialog.finished.connect(lambda _r: self.refresh() if dialog.changed else None)
            self.dialog = self.open_dialog(dialog)

    def edit_settings(self) -> None:
        dialog = feedback.guarded(self, "Minibus settings", lambda: MinibusSettingsDialog(self.app, self))
        if dialog is not None:
            self._open(dialog)

    def print_sheets(self) -> None:
        day, sheets = self.span()[0], self.app.minibus.sheets

        def write(target: Path, progress: Progress) -> None:
            progress.step(0, 2, "Reading the runs…")
            found = sheets.run_sheets(day)
            progress.step(1, 2, "Writing the PDF…")
            from hubdesk.reports.run_sheets import write_run_sheets  # when printing

            write_run_sheets(found, target, day)

        self.print_pdf("minibus-runs", write, "Print run sheets")

    def print_week(self) -> None:
        day, sheets = self.span()[0], self.app.minibus.sheets

        def write(target: Path, progress: Progress) -> None:
            progress.step(0, 2, "Reading the week…")
            week = sheets.week(day)
            progress.step(1, 2, "Writing the PDF…")
            from hubdesk.reports.run_sheets import write_week_timetable  # when printing

            write_week_timetable(week, target)

        self.print_pdf("minibus-week", write, "Print week")
