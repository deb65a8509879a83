"""The Registers page's other tabs: late collection, on site now with fire drills, incidents and
medicines. Each loads when shown, for the page's chosen day and site."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractItemModel, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hubdesk.app import HubApp
from hubdesk.core.clock import format_local
from hubdesk.reports.fire_register import write_fire_register
from hubdesk.services.progress import Progress
from hubdesk.services.registers_common import RegisterLine
from hubdesk.services.registers_health import IncidentRow
from hubdesk.services.registers_late import LateChild
from hubdesk.services.registers_site import DrillRow, OnSiteChild
from hubdesk.ui import feedback
from hubdesk.ui.dialogs.register_dialogs import CallDialog, DrillDialog, IncidentDialog
from hubdesk.ui.models.dto_table import DtoTableModel
from hubdesk.ui.tasks import run_task

if TYPE_CHECKING:
    from hubdesk.ui.views.registers import RegistersPage


def table_view(model: QAbstractItemModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.verticalHeader().hide()
    view.horizontalHeader().setStretchLastSection(True)
    return view


def fit(view: QTableView) -> None:
    view.resizeColumnsToContents()
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setStretchLastSection(True)


class LateTab(QWidget):
    """Children still signed in after their session ended, minutes late, and the calls made."""

    def __init__(self, app: HubApp, page: RegistersPage) -> None:
        super().__init__(page)
        self.app, self.page = app, page
        self.day: date | None = None
        self.site_id: int | None = None
        self.dialog: CallDialog | None = None
        self.model: DtoTableModel[LateChild] = DtoTableModel(
            [("Child", lambda x: x.name), ("Club", lambda x: x.club),
             ("Minutes late", lambda x: x.minutes_late), ("Calls made", lambda x: "; ".join(
                 f"{c.time} {c.called}: {c.outcome or 'no outcome noted'}" for c in x.calls)
              or "none yet"), ("What to do now", lambda x: x.next_step)], [],
            tooltip=lambda x: "\n".join(f"{c.name}: {c.phone}" for c in x.contacts))
        self.view = table_view(self.model)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.call_button = QPushButton("Record a call…")
        self.call_button.clicked.connect(self.record_call)
        row = QHBoxLayout()
        row.addWidget(self.call_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.view, 1)
        layout.addLayout(row)
        self.timer = QTimer(self)  # minutes late keep counting while the tab is open
        self.timer.setInterval(60_000)
        self.timer.timeout.connect(lambda: self.isVisible() and self.reload())

    def load(self, day: date, site_id: int | None) -> None:
        self.day, self.site_id = day, site_id
        self.reload()
        self.timer.start()

    def reload(self) -> None:
        if self.day is None:
            return
        day, site = self.day, self.site_id
        rows = feedback.guarded(self, "Late collection",
                                lambda: self.app.registers.late.late_children(day, site))
        if rows is None:
            return
        self.model.set_rows(rows)
        fit(self.view)
        rule = self.app.registers.late.rule()
        fee = (f" Late fee: £{rule.pence_per_block / 100:.2f} per started {rule.block_minutes} "
               f"minutes after {rule.grace_minutes} minutes' grace." if rule.pence_per_block
               else "")
        self.note.setText(("Nobody is waiting to be collected." if not rows else
                           f"{len(rows)} child(ren) still here after the end of their session. "
                           "Call parents first, emergency contacts after about 30 minutes, "
                           "children's social care after about an hour; two staff stay.") + fee)

    def record_call(self) -> None:
        rows = self.view.selectionModel().selectedRows()
        if not rows:
            feedback.inform(self, "Record a call", "Choose a child in the list first.")
            return
        dialog = CallDialog(self.app.registers.late, self.model.row(rows[0].row()), self)
        self.dialog = dialog
        dialog.accepted.connect(self.reload)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()


class OnSiteTab(QWidget):
    """Everyone signed in at the site now, printable as the fire register; the drill log."""

    def __init__(self, app: HubApp, page: RegistersPage) -> None:
        super().__init__(page)
        self.app, self.page = app, page
        self.site_id: int | None = None
        self.dialog: DrillDialog | None = None
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.children_model: DtoTableModel[OnSiteChild] = DtoTableModel(
            [("Child", lambda x: x.name), ("Year", lambda x: x.year), ("Club", lambda x: x.club),
             ("Room", lambda x: x.room), ("In", lambda x: x.time_in),
             ("Medical", lambda x: "⚠ yes" if x.has_medical else ""),
             ("Emergency", lambda x: x.emergency)], [],
            tooltip=lambda x: "\n".join(v for v in (x.allergies, x.medical) if v))
        self.children_view = table_view(self.children_model)
        self.fire_button = QPushButton("Print fire register")
        self.fire_button.setStyleSheet("font-weight: bold;")
        self.fire_button.clicked.connect(self.print_fire_register)
        self.reminder = QLabel()
        self.reminder.setStyleSheet("color: #b00020; font-weight: bold;")
        self.drills_model: DtoTableModel[DrillRow] = DtoTableModel(
            [("When", lambda x: format_local(x.held_at)), ("Out in", lambda x: x.time_taken),
             ("Children", lambda x: x.children_out), ("Staff", lambda x: x.staff_out),
             ("Real alarm", lambda x: x.real_alarm), ("Led by", lambda x: x.led_by),
             ("Notes", lambda x: x.notes)], [])
        self.drills_view = table_view(self.drills_model)
        self.drill_button = QPushButton("Record a fire drill…")
        self.drill_button.clicked.connect(self.record_drill)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.fire_button)
        drills = QHBoxLayout()
        drills.addWidget(QLabel("<b>Fire drills</b>"))
        drills.addWidget(self.reminder, 1)
        drills.addWidget(self.drill_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.children_view, 2)
        layout.addLayout(drills)
        layout.addWidget(self.drills_view, 1)

    def load(self, site_id: int | None) -> None:
        self.site_id = site_id
        if site_id is None:
            return
        roll = feedback.guarded(self, "On site now", lambda: self.app.registers.site.on_site(
            site_id))
        if roll is None:
            return
        self.children_model.set_rows(roll.children)
        fit(self.children_view)
        staff = ", ".join(roll.staff) or "no staff recorded"
        n = len(roll.children)
        self.heading.setText(f"<b>On site at {roll.site} now ({roll.when})</b>: "
                             f"{n} child{'' if n == 1 else 'ren'} signed in. "
                             f"Staff on duty: {staff}.")
        self.drills_model.set_rows(self.app.registers.site.drills(site_id))
        fit(self.drills_view)
        self.reminder.setText(self.app.registers.site.drill_reminder(site_id, self.page.chosen_day()))

    def print_fire_register(self) -> None:
        site_id = self.site_id
        if site_id is None:
            return
        folder = self.app.settings.data_dir / "printouts"
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"fire-register-{site_id}-{datetime.now():%Y%m%d-%H%M%S}.pdf"
        site = self.app.registers.site

        def work(_progress: Progress) -> Path:
            write_fire_register(site.on_site(site_id), target)
            return target

        def done(path: object) -> None:
            if isinstance(path, Path):
                from hubdesk.ui.views import registers

                self.page.printed.append(path)
                registers.open_pdf(path)

        run_task(self, "Fire register", work, done,
                 lambda message: feedback.warn(self, "Fire register", message))
        self.load(site_id)

    def record_drill(self) -> None:
        if self.site_id is None:
            return
        dialog = DrillDialog(self.app.registers.site, self.site_id, self)
        self.dialog = dialog
        dialog.accepted.connect(lambda: self.load(self.site_id))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()


class HealthTab(QWidget):
    """Accidents and incidents at the site over the last weeks, and what is still owed."""

    def __init__(self, app: HubApp, page: RegistersPage) -> None:
        super().__init__(page)
        self.app, self.page = app, page
        self.site_id: int | None = None
        self.day: date | None = None
        self.dialog: IncidentDialog | None = None
        self.model: DtoTableModel[IncidentRow] = DtoTableModel(
            [("When", lambda x: format_local(x.happened_at)), ("Child", lambda x: x.child),
             ("Kind", lambda x: x.kind_label), ("What happened", lambda x: x.what),
             ("Dealt with by", lambda x: x.dealt_with_by),
             ("Parent told", lambda x: format_local(x.parent_informed_at)),
             ("Still to do", lambda x: x.needs)], [],
            tooltip=lambda x: f"{x.what}\nAction: {x.action_taken}")
        self.view = table_view(self.model)
        self.told_button = QPushButton("Parent told now")
        self.told_button.clicked.connect(self.parent_told)
        self.medicine_label = QLabel()
        self.medicine_label.setWordWrap(True)
        self.view.clicked.connect(lambda _i: self.show_medicines())
        row = QHBoxLayout()
        row.addWidget(self.told_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Accidents, incidents and first aid in the 30 days to the chosen "
                                "day. Record new ones from the register (Accident / incident…)."))
        layout.addWidget(self.view, 1)
        layout.addLayout(row)
        layout.addWidget(self.medicine_label)

    def load(self, site_id: int | None, day: date) -> None:
        from datetime import timedelta

        self.site_id, self.day = site_id, day
        rows = feedback.guarded(self, "Incidents", lambda: self.app.registers.health.incidents(
            site_id=site_id, start=day - timedelta(days=30), end=day))
        if rows is not None:
            self.model.set_rows(rows)
            fit(self.view)

    def selected(self) -> IncidentRow | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.row(rows[0].row()) if rows else None

    def show_medicines(self) -> None:
        row = self.selected()
        if row is None:
            return
        health = self.app.registers.health
        permissions = health.permissions(row.child_id)
        doses = health.doses(row.child_id)[:5]
        text = [f"<b>Medicines for {row.child}</b>: " + ("; ".join(
            f"{p.medicine} {p.dose} ({p.when_to_give or 'as written'}), signed by {p.signed_by}"
            for p in permissions) or "no written permission on file.")]
        if doses:
            text.append("Last doses: " + "; ".join(
                f"{format_local(d.given_at)} {d.medicine} {d.amount} by {d.given_by}"
                for d in doses))
        self.medicine_label.setText("<br>".join(text))

    def parent_told(self) -> None:
        row = self.selected()
        if row is None:
            feedback.inform(self, "Parent told", "Choose an entry first.")
            return
        if feedback.guarded(self, "Parent told", lambda: self.app.registers.health.parent_informed(
                row.id, "told by the club") or True):
            self.load(self.site_id, self.day or row.happened_at.date())

    def record(self, lines: list[RegisterLine], session_id: int, child_id: int | None) -> None:
        dialog = IncidentDialog(self.app.registers.health, lines, session_id, self, child_id)
        self.dialog = dialog
        dialog.accepted.connect(lambda: self.load(self.site_id, self.page.chosen_day()))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
