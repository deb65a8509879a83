"""The Registers page's late collection and on-site-now tabs (the incidents and medicines tab is in
``health_tab``). Each loads when shown, for the page's chosen day and site."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hubdesk.app import HubApp
from hubdesk.core.clock import format_local
from hubdesk.core.words import count
from hubdesk.services.progress import Progress
from hubdesk.services.registers import DrillRow, LateChild, OnSiteChild
from hubdesk.ui.common.page import Page, open_dialog
from hubdesk.ui.common.tables import DtoTableModel, fit_columns, table_view
from hubdesk.ui.registers.dialogs import CallDialog, DrillDialog, LateFeeDialog
from hubdesk.ui.shell import feedback


class LateTab(QWidget):
    """Children still signed in after their session ended, minutes late, and the calls made."""

    def __init__(self, app: HubApp, page: Page, chosen_day: Callable[[], date]) -> None:
        super().__init__(page)
        self.app, self.page, self.chosen_day = app, page, chosen_day
        self.day: date | None = None
        self.site_id: int | None = None
        self.dialog: CallDialog | LateFeeDialog | None = None
        self.model: DtoTableModel[LateChild] = DtoTableModel(
            [("Child", lambda x: x.name), ("Club", lambda x: x.club),
             ("Minutes late", lambda x: x.minutes_late), ("Calls made", lambda x: "; ".join(
                 f"{c.time} {c.called}: {c.outcome or 'no outcome noted'}" for c in x.calls)
              or "none yet"), ("What to do now", lambda x: x.next_step)], [],
            tooltip=lambda x: "\n".join(f"{c.name}: {c.phone}" for c in x.contacts))
        self.view = table_view(self.model, stretch=-1)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.call_button = QPushButton("Record a call…")
        self.call_button.clicked.connect(self.record_call)
        self.fee_button = QPushButton("Late fee rule…")
        self.fee_button.setToolTip("The grace period and the charge per started block of minutes")
        self.fee_button.clicked.connect(self.edit_fee_rule)
        row = QHBoxLayout()
        row.addWidget(self.call_button)
        row.addStretch(1)
        row.addWidget(self.fee_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.view, 1)
        layout.addLayout(row)
        self.timer = QTimer(self)  # minutes late keep counting while the tab is open
        self.timer.setInterval(60_000)
        self.timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        if self.isVisible():
            self.reload()

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
        fit_columns(self.view)
        rule = self.app.registers.late.rule()
        fee = (f" Late fee: £{rule.pence_per_block / 100:.2f} per started {rule.block_minutes} "
               f"minutes after {rule.grace_minutes} minutes' grace." if rule.pence_per_block
               else "")
        self.note.setText(("Nobody is waiting to be collected." if not rows else
                           f"{count(len(rows), 'child')} still here after the end of their session. "
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
        open_dialog(dialog)


    def edit_fee_rule(self) -> None:
        dialog = LateFeeDialog(self.app.registers.late, self)
        self.dialog = dialog
        dialog.accepted.connect(self.reload)
        open_dialog(dialog)


class OnSiteTab(QWidget):
    """Everyone signed in at the site now, printable as the fire register; the drill log."""

    def __init__(self, app: HubApp, page: Page, chosen_day: Callable[[], date]) -> None:
        super().__init__(page)
        self.app, self.page, self.chosen_day = app, page, chosen_day
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
        self.children_view = table_view(self.children_model, stretch=-1)
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
        self.drills_view = table_view(self.drills_model, stretch=-1)
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
        fit_columns(self.children_view)
        staff = ", ".join(roll.staff) or "no staff recorded"
        n = len(roll.children)
        self.heading.setText(f"<b>On site at {roll.site} now ({roll.when})</b>: "
                             f"{n} child{'' if n == 1 else 'ren'} signed in. "
                             f"Staff on duty: {staff}.")
        self.drills_model.set_rows(self.app.registers.site.drills(site_id))
        fit_columns(self.drills_view)
        self.reminder.setText(self.app.registers.site.drill_reminder(site_id, self.chosen_day()))

    def print_fire_register(self) -> None:
        site_id = self.site_id
        if site_id is None:
            return
        site = self.app.registers.site

        def write(target: Path, _progress: Progress) -> None:
            from hubdesk.reports.fire_register import write_fire_register  # only when printing

            write_fire_register(site.on_site(site_id), target)

        self.page.print_pdf(f"fire-register-{site_id}", write, "Fire register")
        self.load(site_id)

    def record_drill(self) -> None:
        if self.site_id is None:
            return
        dialog = DrillDialog(self.app.registers.site, self.site_id, self.app.clock, self)
        self.dialog = dialog
        dialog.accepted.connect(lambda: self.load(self.site_id))
        open_dialog(dialog)
