"""Registers: pick a day and a site, then a session, and take its register at the door.

Tabs beside the register: late collection (with calls), who is on site now (fire register and
drill log), and the accident / incident and medicine log.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from hubdesk.app import HubApp
from hubdesk.core.clock import LONDON
from hubdesk.services.progress import Progress
from hubdesk.services.registers import Register, RegisterLine, SessionHeader
from hubdesk.ui.common.dates import date_edit, to_date
from hubdesk.ui.common.page import Page
from hubdesk.ui.common.remember import remember_choice, remember_row
from hubdesk.ui.common.unchanged import Unchanged
from hubdesk.ui.common.widgets import short_names
from hubdesk.ui.registers.day_tabs import DayTabs
from hubdesk.ui.registers.dialogs import AbsenceDialog, AddChildDialog, TimesDialog
from hubdesk.ui.registers.register_form import RegisterFormDialog
from hubdesk.ui.registers.register_table import RegisterTable
from hubdesk.ui.registers.sign_out_dialog import SignOutDialog
from hubdesk.ui.shell import feedback
from hubdesk.ui.shell.events import AppEvents

ROLE_ID = 256
EARLY_SIGN_IN = timedelta(hours=1)  # earlier than this before the start asks first


def _club_of(item: QListWidgetItem) -> str:
    """The club of a session row ('15:15–18:00  After-School Club' -> 'After-School Club')."""
    return item.text().split("\n")[0].split("  ", 1)[-1]


class RegistersPage(Page):
    loads_when_built = True  # the constructor reads the sites, sessions and register once

    def __init__(self, app: HubApp, events: AppEvents, parent: QWidget | None = None) -> None:
        super().__init__(app, events, parent)
        self.take = app.registers.take
        self.current: Register | None = None
        self.dialog: QDialog | None = None
        title = self.page_title("Registers")
        self.day = date_edit(app.clock.today())
        self.day.setKeyboardTracking(False)  # the page reloads once the date is typed, not per key
        self.site = QComboBox()
        self.site.setMinimumContentsLength(24)
        remember_choice(self.site, "site")
        self.print_button = QPushButton("Print registers…")
        self.blank_button = QPushButton("Print blank registers…")
        self.print_button.setToolTip("Every session of the day at this site, with times filled in")
        self.blank_button.setToolTip("The paper version for staff to fill in by hand")
        top = QHBoxLayout()
        top.addWidget(QLabel("Day:"))
        top.addWidget(self.day)
        top.addWidget(QLabel("Site:"))
        top.addWidget(self.site, 1)
        top.addWidget(self.print_button)
        top.addWidget(self.blank_button)
        self.tabs = QTabWidget()
        layout = QVBoxLayout(self)  # the page's frame first: what goes in it is styled once
        layout.addWidget(title)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        self._register_tab()
        self.day_tabs = DayTabs(self, self.tabs, self.chosen_day, self.site_id,  # built when shown
                                lambda: self.site.currentText().split("  (")[0])
        self.day.dateChanged.connect(lambda _d: self.load_sites())
        self.site.currentIndexChanged.connect(lambda _i: self.load_sessions())
        self.tabs.currentChanged.connect(lambda _i: self.day_tabs.load_shown())
        self.print_button.clicked.connect(lambda: self.print_day(blank=False))
        self.blank_button.clicked.connect(lambda: self.print_day(blank=True))
        # Shown again, the register is read again after a change, or a minute later (a child not
        # signed in turns MISSING with the clock).
        self.unchanged = Unchanged(lambda: (self.take.last_change(), app.clock.now().replace(
            second=0, microsecond=0)))
        for signal in (events.bookings_changed, events.clubs_changed, events.children_changed,
                       events.carers_changed, events.data_reloaded, events.sites_changed,
                       events.staff_changed):
            signal.connect(lambda *_a: self.unchanged.changed(self.isVisible, self.refresh))
        self.unchanged.show(self.load_sites)

    def _register_tab(self) -> None:
        """The day's sessions beside the chosen one's register."""
        splitter = QSplitter()
        self.tabs.addTab(splitter, "Register")
        right = QWidget()
        box = QVBoxLayout(right)
        box.setContentsMargins(0, 0, 0, 0)
        self.sessions = QListWidget()
        self.sessions.setMinimumWidth(160)
        self.sessions.setMaximumWidth(260)
        self.sessions.setWordWrap(True)  # a long club name takes a second line, never "After-School Clu"
        self.sessions.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        remember_row(self.sessions, "registers/session", _club_of)
        self.sessions.currentRowChanged.connect(lambda _r: self.load_register())
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.summary = QLabel()
        self.table = RegisterTable(self.act, self.show_medical)
        self.find_box = QLineEdit()
        self.find_box.setPlaceholderText("Find a child in this register (name or class)")
        self.find_box.setClearButtonEnabled(True)
        self.find_box.textChanged.connect(self.table.show_matching)
        self.find_box.returnPressed.connect(self._act_on_found)
        self.absent_button = QPushButton("Absent…")
        self.times_button = QPushButton("Correct times…")
        self.undo_button = QPushButton("Undo sign-out")
        self.add_button = QPushButton("Add unbooked child…")
        self.incident_button = QPushButton("Accident / incident…")
        self.medicines_button = QPushButton("Medical && medicines…")
        self.medicines_button.setToolTip("The child's allergies and medical notes, the parent's "
                                         "written medicine permissions and the doses given")
        self.absent_button.clicked.connect(self.mark_absent)
        self.times_button.clicked.connect(self.correct_times)
        self.undo_button.clicked.connect(self.undo_sign_out)
        self.add_button.clicked.connect(self.add_child)
        self.incident_button.clicked.connect(self.incident)
        self.medicines_button.clicked.connect(self.medicines)
        buttons = QHBoxLayout()
        for b in (self.absent_button, self.times_button, self.undo_button, self.add_button,
                  self.incident_button, self.medicines_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        splitter.addWidget(self.sessions)
        splitter.addWidget(right)
        box.addWidget(self.heading)
        box.addWidget(self.summary)
        box.addWidget(self.find_box)
        box.addWidget(self.table, 1)
        box.addLayout(buttons)
        splitter.setStretchFactor(0, 1)  # a wider screen gives the session names some room too
        splitter.setStretchFactor(1, 8)
        splitter.setSizes([165, 1000])  # the register gets the width, the session list what it needs

    # --- loading -----------------------------------------------------------------------------
    def chosen_day(self) -> date:
        return to_date(self.day)

    def site_id(self) -> int | None:
        value = self.site.currentData()
        return int(value) if value is not None else None

    def on_shown(self) -> None:
        self.unchanged.show(self.refresh)

    def refresh(self) -> None:
        self.load_sites()

    def load_sites(self) -> None:
        keep = self.site_id()
        sites = feedback.guarded(self, "Registers", lambda: self.take.sites(self.chosen_day()))
        if sites is None:
            return
        self.table.register_model.short_schools = feedback.guarded(
            self, "Registers", lambda: short_names(self.app.sites)) or {}
        self.site.blockSignals(True)
        self.site.clear()
        for s in sites:
            self.site.addItem(f"{s.name}  ({s.sessions} session{'' if s.sessions == 1 else 's'})",
                              s.site_id)
        index = self.site.findData(keep)
        if index < 0:  # the first site with sessions today
            index = next((n for n, s in enumerate(sites) if s.sessions), 0)
        self.site.setCurrentIndex(index)
        self.site.blockSignals(False)
        self.load_sessions()

    def load_sessions(self) -> None:
        keep = self.current.header.session_id if self.current else None
        site = self.site_id()
        headers: list[SessionHeader] = [] if site is None else feedback.guarded(
            self, "Registers", lambda: self.take.sessions(self.chosen_day(), site)) or []
        self.sessions.blockSignals(True)
        self.sessions.clear()
        for h in headers:
            text = f"{h.start_time:%H:%M}–{h.end_time:%H:%M}  {h.club}\n{h.booked} booked"
            item_tip = f"{h.club}, {h.start_time:%H:%M}–{h.end_time:%H:%M}: {h.booked} booked"
            if h.cancelled:
                text += " · CANCELLED"
            item = QListWidgetItem(text)
            item.setData(ROLE_ID, h.session_id)
            item.setToolTip(item_tip)
            self.sessions.addItem(item)
        self.sessions.blockSignals(False)
        ids = [h.session_id for h in headers]
        self.sessions.setCurrentRow(ids.index(keep) if keep in ids else (0 if ids else -1))
        if not ids:
            self.current = None
            self.table.set_lines([])
            self.heading.setText("No club sessions at this site on this day." if site else
                                 "No sites yet.")
            self.summary.clear()
        self.day_tabs.load_shown()

    def load_register(self) -> None:
        item = self.sessions.currentItem()
        if item is None:
            return
        session_id = int(item.data(ROLE_ID))
        reg = feedback.guarded(self, "Registers", lambda: self.take.register(session_id))
        if reg is None:
            return
        self.current = reg
        h = reg.header
        staff = ", ".join(h.staff) or "no staff recorded"
        room = f", {h.room}" if h.room else ""
        self.heading.setText(f"<b>{h.club}</b> · {h.site}{room} · {h.day:%a %d/%m/%Y} "
                             f"{h.times} · Staff: {staff}"
                             + (" · <b>CANCELLED</b>" if h.cancelled else ""))
        self.table.set_lines(list(reg.lines))
        self.table.show_matching(self.find_box.text())
        self._summary()

    def _summary(self) -> None:
        if self.current is None:
            return
        lines = self.table.register_model.lines
        reg = Register(self.current.header, tuple(lines))
        self.summary.setText(reg.summary + ("  — MISSING children are booked but not signed in "
                                            "15 minutes after the start." if reg.count("missing")
                                            else ""))

    # --- actions -----------------------------------------------------------------------------
    def _updated(self, line: RegisterLine | None) -> None:
        if line is not None:
            self.table.update_line(line)
            self._summary()

    def _act_on_found(self) -> None:
        """Enter in the find box signs the one child found in or out."""
        if self.table.show_matching(self.find_box.text()) == 1 and (line := self.table.selected()):
            self.act(line)

    def act(self, line: RegisterLine) -> None:
        if line.state == "in":
            self.sign_out(line)
        elif self._early_ok(line):
            self._updated(feedback.guarded(self, "Sign in", lambda: self.take.sign_in(
                line.session_booking_id)))

    def _early_ok(self, line: RegisterLine) -> bool:
        """Signing in long before the session starts is most often the wrong session or day."""
        if self.current is None:
            return True
        header = self.current.header
        starts = datetime.combine(header.day, header.start_time, LONDON)
        early = starts - self.app.clock.local_now()
        if early <= EARLY_SIGN_IN:
            return True
        hours, minutes = divmod(int(early.total_seconds()) // 60, 60)
        wait = f"{hours} h {minutes:02d} min" if hours else f"{minutes} minutes"
        return feedback.confirm(
            self, "Sign in early?",
            f"{header.club} starts at {header.start_time:%H:%M}, {wait} from now. Is this the "
            f"right session? Sign {line.name} in now anyway?")

    def sign_out(self, line: RegisterLine) -> None:
        if self.current is None:
            return
        dialog = SignOutDialog(self.take, line, self.current.header.day, self.app.clock, self)
        self.dialog = dialog

        def finished(code: int) -> None:
            if code == 1:
                self._updated(dialog.result_line)
            elif code == 2:  # a one-off permission was recorded: ask again with it listed
                self.sign_out(line)

        dialog.finished.connect(finished)
        self.open_dialog(dialog)

    def _selected(self, title: str) -> RegisterLine | None:
        line = self.table.selected()
        if line is None:
            feedback.inform(self, title, "Choose a child in the register first.")
        return line

    def _form(self, dialog: RegisterFormDialog, line: RegisterLine | None = None) -> None:
        self.dialog = dialog
        sb = line.session_booking_id if line else None

        def finished(code: int) -> None:
            if code:
                saved = getattr(dialog, "saved_id", None)
                target = sb if sb is not None else saved
                if target is not None:
                    self._updated(feedback.guarded(self, "Registers",
                                                   lambda: self.take.line(target)))
                if sb is None:
                    self.events.bookings_changed.emit()

        dialog.finished.connect(finished)
        self.open_dialog(dialog)

    def mark_absent(self) -> None:
        line = self._selected("Absent")
        if line is not None:
            self._form(AbsenceDialog(self.take, line, self), line)

    def correct_times(self) -> None:
        line = self._selected("Correct times")
        if line is not None and self.current is not None:
            self._form(TimesDialog(self.take, line, self.current.header.day, self.app.clock,
                                   self), line)

    def undo_sign_out(self) -> None:
        line = self._selected("Undo sign-out")
        if line is None:
            return
        if feedback.confirm(self, "Undo sign-out", f"Put {line.name} back as signed in? "
                            "The history keeps the sign-out."):
            self._updated(feedback.guarded(self, "Undo sign-out", lambda: self.take.undo_sign_out(
                line.session_booking_id)))

    def add_child(self) -> None:
        if self.current is None:
            feedback.inform(self, "Add child", "Choose a session first.")
            return
        self._form(AddChildDialog(self.take, self.current.header.session_id, self))

    def incident(self) -> None:
        if self.current is None:
            return
        line = self.table.selected()
        self.day_tabs.health.record(list(self.table.register_model.lines),
                                    self.current.header.session_id, line.child_id if line else None)

    def show_medical(self, line: RegisterLine) -> None:
        """The child's medical details, medicine permissions and doses (one click away)."""
        details = line.medical_summary + (f"\nEmergency: {line.emergency}" if line.emergency
                                          else "")
        self.day_tabs.health.day = self.chosen_day()
        dialog = self.day_tabs.health.medicines(line.child_id, line.name, details)
        self.dialog = dialog
        sb = line.session_booking_id

        def finished(_code: int) -> None:  # a new or ended permission changes the marker
            if dialog.changed:
                self._updated(feedback.guarded(self, "Registers", lambda: self.take.line(sb)))

        dialog.finished.connect(finished)

    def medicines(self) -> None:
        line = self._selected("Medical & medicines")
        if line is not None:
            self.show_medical(line)

    # --- printing ----------------------------------------------------------------------------
    def print_day(self, blank: bool) -> None:
        day, site, take = self.chosen_day(), self.site_id(), self.take
        site_name = re.sub(r"\s+\(.*\)$", "", self.site.currentText())
        title = f"Club registers · {day:%a %d/%m/%Y} · {site_name}"

        def write(target: Path, progress: Progress) -> None:
            from hubdesk.reports.registers import write_registers  # reportlab: only when printing

            registers = take.day_registers(day, site, progress=progress)
            write_registers(registers, target, blank=blank, title=title, progress=progress,
                            empty=f"No club sessions on {day:%A %d/%m/%Y} at {site_name}.")

        name = f"registers-{day:%Y%m%d}-{site_name or 'all'}{'-blank' if blank else ''}"
        self.print_pdf(name, write, "Printing registers")
