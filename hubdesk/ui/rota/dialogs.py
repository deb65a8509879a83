"""Rota dialogs: who is on a session (put someone on, take someone off), a person's day at a site,
and the proposals to fill the gaps (applied only when accepted)."""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hubdesk.app import HubApp
from hubdesk.services.rota import AssignForm, Candidate, Proposal, SessionCell
from hubdesk.ui.common.busy import one_click
from hubdesk.ui.common.dates import time_edit, to_time
from hubdesk.ui.common.dialog_keys import Dialog
from hubdesk.ui.shell import feedback

BLOCKED = QColor("#9e9e9e")


class SessionStaffDialog(Dialog):
    """Double-click on a session: the people on it, and everyone who could be put on it."""

    def __init__(self, app: HubApp, cell: SessionCell, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.cell = app, cell
        self.changed = False
        self.setWindowTitle(f"{cell.title}, {cell.day:%A %d %B}")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.on_shift = QListWidget()
        self.remove_button = QPushButton("Take off the session")
        self.candidates = QListWidget()
        self.role = QComboBox()
        if cell.kind == "creche":
            self.role.addItem("Crèche", "creche")
        else:
            self.role.addItem("Assistant", "assistant")
            self.role.addItem("Lead", "lead")
        self.add_button = QPushButton("Put on the session")
        self.note = QLabel()
        self.note.setWordWrap(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        self.remove_button.clicked.connect(self.take_off)
        put_on = one_click(self.add_button, self.put_on)  # the button and a double click share it
        self.add_button.clicked.connect(put_on)
        self.candidates.itemDoubleClicked.connect(lambda _item: put_on())
        self.candidates.currentItemChanged.connect(lambda *_: self._explain())
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(QLabel("<b>On this session</b>"))
        layout.addWidget(self.on_shift)
        layout.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(QLabel("<b>Who could take it</b> (double-click to put on; greyed: may not "
                                "work with children)"))
        layout.addWidget(self.candidates, 2)
        row = QHBoxLayout()
        row.addWidget(QLabel("Role:"))
        row.addWidget(self.role)
        row.addStretch(1)
        row.addWidget(self.add_button)
        layout.addLayout(row)
        layout.addWidget(self.note)
        layout.addWidget(close)
        self.resize(560, 620)
        self.reload()

    def reload(self) -> None:
        """Show the session and its candidates again (one read of the week for both)."""
        staffing = feedback.guarded(self, self.windowTitle(), lambda: self.app.rota.session_staffing(
            self.cell.target, self.cell.day))
        if staffing is None:
            return
        self.cell = c = staffing.cell
        room = f", {c.room}" if c.room else ""
        text = (f"{c.times}{room}. {c.children} children {c.counted}; {c.required} staff required, "
                f"{len(c.staff)} on the rota.")
        if c.problems:
            text += "<br><span style='color:#b00020'>" + "<br>".join(c.problems) + "</span>"
        self.summary.setText(text)
        self.on_shift.clear()
        for x in c.staff:
            mark = " ✚ first-aider" if x.first_aider else ""
            item = QListWidgetItem(f"{x.name} — {x.role_label} {x.times}{mark}")
            item.setData(Qt.ItemDataRole.UserRole, x.id)
            self.on_shift.addItem(item)
        self._fill_candidates(staffing.candidates)

    def _fill_candidates(self, found: tuple[Candidate, ...]) -> None:
        self.candidates.clear()
        for person in found:
            flag = " ✚" if person.first_aider else ""
            extra = " — may not work with children" if person.blocking else (
                f" — {len(person.warnings)} warning{'s' if len(person.warnings) != 1 else ''}"
                if person.warnings else "")
            item = QListWidgetItem(f"{person.name}{flag} ({person.role}){extra}")
            item.setData(Qt.ItemDataRole.UserRole, person.staff_id)
            item.setToolTip("\n".join(person.blocking + person.warnings) or "No problems.")
            if person.blocking:
                item.setForeground(BLOCKED)
            self.candidates.addItem(item)

    def _explain(self) -> None:
        item = self.candidates.currentItem()
        self.note.setText(item.toolTip() if item else "")

    def put_on(self) -> None:
        item = self.candidates.currentItem()
        if item is None:
            feedback.inform(self, "Put on the session", "Choose a person in the list first.")
            return
        form = AssignForm(int(item.data(Qt.ItemDataRole.UserRole)), self.cell.target,
                          str(self.role.currentData()))
        result = feedback.guarded(self, "Put on the session", lambda: self.app.rota.assign(form))
        if result is None:
            return
        self.changed = True
        self.reload()
        self.note.setText("Saved." + ("<br>" + "<br>".join(result.warnings) if result.warnings else ""))

    def take_off(self) -> None:
        item = self.on_shift.currentItem()
        if item is None:
            feedback.inform(self, "Take off the session", "Choose a person on the session first.")
            return
        shift_id = int(item.data(Qt.ItemDataRole.UserRole))
        if feedback.attempt(self, "Take off the session", lambda: self.app.rota.unassign(shift_id)):
            self.changed = True
            self.reload()


class PersonDayDialog(Dialog):
    """Double-click on a person's day: put them on one of the site's sessions or a site duty."""

    def __init__(self, app: HubApp, staff_id: int, name: str, site_id: int, day: date,
                 sessions: list[SessionCell], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.staff_id, self.site_id, self.day = app, staff_id, site_id, day
        self.changed = False
        self.setWindowTitle(f"{name}, {day:%A %d %B}")
        self.choice = QComboBox()
        for cell in sessions:
            if all(x.staff_id != staff_id for x in cell.staff):
                self.choice.addItem(f"{cell.title} {cell.times} ({len(cell.staff)}/{cell.required})",
                                    cell.target)
        self.choice.addItem("Site duty (times below)", "duty")
        self.start, self.end = time_edit(time(8, 0)), time_edit(time(9, 0))
        self.message = QLabel()
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"Put {name} on:"))
        layout.addWidget(self.choice)
        times = QHBoxLayout()
        times.addWidget(QLabel("Duty from"))
        times.addWidget(self.start)
        times.addWidget(QLabel("to"))
        times.addWidget(self.end)
        times.addStretch(1)
        layout.addLayout(times)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def save(self) -> None:
        target = str(self.choice.currentData())
        if target == "duty":
            form = AssignForm(self.staff_id, "duty", "duty", day=self.day, site_id=self.site_id,
                              start=to_time(self.start), end=to_time(self.end))
        else:
            form = AssignForm(self.staff_id, target, "assistant")
        result = feedback.guarded(self, self.windowTitle(), lambda: self.app.rota.assign(form))
        if result is None:
            return
        self.changed = True
        if result.warnings:
            feedback.inform(self, self.windowTitle(), "Saved, but check:\n" + "\n".join(result.warnings))
        self.accept()


class FillDialog(Dialog):
    """The proposed staff for under-staffed sessions, each with a tick; only ticked ones are saved."""

    def __init__(self, proposals: list[Proposal], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Fill the gaps")
        self.proposals = proposals
        self.list = QListWidget()
        for p in proposals:
            item = QListWidgetItem(f"{p.day:%a %d %b} {p.start:%H:%M}–{p.end:%H:%M}  {p.title} at "
                                   f"{p.site}: {p.name} ({p.role}) — {p.reason}")
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.list.addItem(item)
        intro = QLabel(f"{len(proposals)} proposals. Nobody is proposed who lacks a checked DBS or "
                       "would be in two places, over their hours or outside their availability. "
                       "Untick any you do not want, then Save." if proposals else
                       "No proposals: every session is staffed, or nobody else can take one "
                       "without a problem.")
        intro.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(bool(proposals))
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        self.resize(760, 480)

    def accepted_proposals(self) -> list[Proposal]:
        return [p for n, p in enumerate(self.proposals)
                if self.list.item(n).checkState() == Qt.CheckState.Checked]
