"""Waiting lists: every child waiting, club by club in the office's priority order, with their
position. A free place is offered to the first child (the place is held); the office phones the
family and records yes (booked) or no (offered to the next child)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import TypeVar

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hubdesk.app import HubApp
from hubdesk.core.errors import DomainError
from hubdesk.core.words import count
from hubdesk.services.clubs import Offer, SessionRow, WaitingRow
from hubdesk.ui.clubs.join_waiting_dialog import JoinWaitingDialog
from hubdesk.ui.common.busy import busy_pointer, one_click
from hubdesk.ui.common.forms import hbox
from hubdesk.ui.common.page import Page
from hubdesk.ui.common.remember import remember_choice
from hubdesk.ui.common.site_combo import refill_sites
from hubdesk.ui.common.tables import GREEN, TintedTableModel, fit_columns, selected_row, table_view
from hubdesk.ui.common.unchanged import Unchanged
from hubdesk.ui.common.widgets import short_names
from hubdesk.ui.shell import feedback
from hubdesk.ui.shell.events import AppEvents

T = TypeVar("T")
OFFER_WEEKS = 8  # how far ahead the office looks for a free place to offer


def position_text(row: WaitingRow) -> str:
    if row.status == "offered":
        return f"Offered {row.offered_day:%a %d/%m}" if row.offered_day else "Offered"
    return str(row.position)


def waiting_model(club_sites: dict[int, str],
                  short: dict[str, str]) -> TintedTableModel[WaitingRow]:
    """``club_sites`` (club id -> site) and ``short`` (site -> short name) are kept up to date by
    the page; clubs of the same name run at several sites."""
    return TintedTableModel(
        [("Club", lambda r: f"{r.club_name} ({club_sites.get(r.club_id, '?')})"),
         ("Waiting for", lambda r: f"{r.day:%a %d/%m/%Y}" if r.day else f"Any {r.weekdays}"),
         ("Position", position_text), ("Child", lambda r: r.child_name),
         ("School", lambda r: short.get(r.school, r.school)), ("Year", lambda r: r.year),
         ("Joined", lambda r: r.joined[:10]),
         ("Priority", lambda r: ", ".join(x for x in (
             "sibling booked" if r.sibling_booked else "", "FSM/PP" if r.funded else "") if x)),
         ("Carers", lambda r: "; ".join(r.phones))], [],
        tint=lambda r: GREEN if r.status == "offered" else None,
        tooltip=lambda r: f"{r.child_name} ({r.year}, {r.school}) joined {r.joined}; carers: "
                          + ("; ".join(r.phones) or "no phone on record"))


def offer_text(offer: Offer) -> str:
    phones = "; ".join(offer.phones) or "no carer's phone on record"
    return (f"The place in {offer.club_name} on {offer.day:%a %d/%m/%Y} "
            f"({offer.start_time:%H:%M}–{offer.end_time:%H:%M}) is held for {offer.child_name}. "
            f"Phone {phones}, then press 'Family said yes' or 'Family said no'.")


class WaitingListsPage(Page):
    loads_when_built = True
    def __init__(self, app: HubApp, events: AppEvents, parent: QWidget | None = None) -> None:
        super().__init__(app, events, parent)
        self.club_sites: dict[int, str] = {}
        self.short: dict[str, str] = {}
        self.model = waiting_model(self.club_sites, self.short)
        self.view = table_view(self.model)
        self.dialog: JoinWaitingDialog | None = None
        self.status = QLabel()
        self.status.setWordWrap(True)
        top, actions = self._build_top(), self._build_actions()
        layout = QVBoxLayout(self)
        layout.addWidget(self.page_title("Waiting lists"))
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addLayout(actions)
        layout.addWidget(self.status)
        self._load_sites()
        self.site.currentIndexChanged.connect(lambda _i: self.refresh())
        self.view.selectionModel().selectionChanged.connect(lambda *_a: self._chosen())
        events.bookings_changed.connect(self._changed)
        events.clubs_changed.connect(self._changed)
        events.sites_changed.connect(self._sites_changed)
        events.data_reloaded.connect(self._sites_changed)
        # Shown again, the lists are read again only after a change or on another day.
        self.unchanged = Unchanged(lambda: (app.waiting_lists.last_change(), app.clock.today()))
        self.unchanged.show(self.refresh)

    def _build_top(self) -> QHBoxLayout:
        self.site = QComboBox()
        remember_choice(self.site, "site")
        self.site.setMinimumContentsLength(18)
        self.site.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.count = QLabel()
        self.join_button = QPushButton("Put a child on a list…")
        self.join_button.clicked.connect(self.join)
        return hbox("Site:", self.site, stretch=True, end=(self.count, self.join_button))

    def _build_actions(self) -> QHBoxLayout:
        """Offer a free place in order, record the family's answer, or take a child off."""
        self.place = QComboBox()
        self.place.setMinimumContentsLength(26)
        self.place.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.offer_button = QPushButton("Offer the place to the first child")
        self.yes_button = QPushButton("Family said yes")
        self.no_button = QPushButton("Family said no")
        self.withdraw_button = QPushButton("Take off the list…")
        for button, work in ((self.offer_button, self.offer), (self.yes_button, self.confirm),
                             (self.no_button, self.decline), (self.withdraw_button, self.withdraw)):
            button.clicked.connect(one_click(button, work, self._chosen))
        actions = hbox("Free place on:", self.place, self.offer_button)
        actions.addSpacing(16)
        for button in (self.yes_button, self.no_button, self.withdraw_button):
            actions.addWidget(button)
        actions.addStretch(1)
        return actions

    def today(self) -> date:
        """The office's day (London), from the program's clock: never the UTC date."""
        return self.app.clock.today()

    def on_shown(self) -> None:
        self.unchanged.show(self.refresh)

    def _load_sites(self) -> None:
        refill_sites(self.site, self.app.sites.list(), "All sites")

    def _sites_changed(self) -> None:
        self._load_sites()
        self._changed()

    def _changed(self) -> None:
        self.unchanged.changed(self.isVisible, self.refresh)

    def refresh(self) -> None:
        keep = self.selected()
        site = self.site.currentData()
        rows = feedback.guarded(self, "Waiting lists", lambda: self.app.waiting_lists.open_entries(
            int(site) if site is not None else None))
        if rows is None:
            return
        self.short.clear()
        self.short.update(short_names(self.app.sites))
        self.club_sites.clear()
        self.club_sites.update({c.id: self.short.get(c.site, c.site)
                                for c in self.app.clubs.list(include_inactive=True)})
        self.view.selectionModel().blockSignals(True)
        self.model.set_rows(rows)
        self.view.selectionModel().blockSignals(False)
        fit_columns(self.view, stretch=8, elide=(0,))  # the club gives way; the carers' phones show
        offered = sum(1 for r in rows if r.status == "offered")
        self.count.setText(f"{len(rows)} waiting" + (f", {count(offered, 'place')} on offer" if offered
                                                      else "") if rows else "Nobody is waiting.")
        pick = next((i for i, r in enumerate(rows) if keep and r.id == keep.id), None)
        if pick is not None:
            self.view.selectRow(pick)
        self._chosen()

    def selected(self) -> WaitingRow | None:
        row = selected_row(self.view)
        return self.model.row(row) if row is not None else None

    def _chosen(self) -> None:
        row = self.selected()
        self.place.clear()
        waiting = row is not None and row.status == "waiting"
        if row is not None and waiting:
            for session in self._free_sessions(row):
                self.place.addItem(f"{session.day:%a %d/%m/%Y} ({session.free} free)", session.id)
        if waiting and self.place.count() == 0:
            self.place.addItem("(no free place yet)", None)
        self.place.setEnabled(waiting)
        self.offer_button.setEnabled(waiting and self.place.currentData() is not None)
        offered = row is not None and row.status == "offered"
        self.yes_button.setEnabled(offered)
        self.no_button.setEnabled(offered)
        self.withdraw_button.setEnabled(row is not None)

    def _free_sessions(self, row: WaitingRow) -> list[SessionRow]:
        """Sessions this child waits for that have a free place now."""
        if row.session_id is not None:
            found = feedback.guarded(self, "Waiting lists",
                                     lambda: [self.app.club_sessions.session(row.session_id or 0)])
            return [x for x in found or [] if x.free > 0]
        today = self.today()
        found = feedback.guarded(self, "Waiting lists", lambda: self.app.club_sessions.sessions(
            row.club_id, today, today + timedelta(weeks=OFFER_WEEKS)))
        wanted = {name[:3] for name in row.weekdays.replace(",", " ").split()}
        return [x for x in found or [] if x.free > 0 and x.status == "running"
                and (not wanted or f"{x.day:%a}" in wanted)]

    def join(self) -> None:
        row = self.selected()
        dialog = JoinWaitingDialog(self.app.waiting_lists, self.app.clubs, self.app.children,
                                   self.today(), row.club_id if row else None, self)
        dialog.accepted.connect(self.events.bookings_changed.emit)
        self.dialog = dialog
        self.open_dialog(dialog)

    def _act(self, title: str, work: Callable[[], T]) -> tuple[bool, T | None]:
        """Run a service call; a refusal is shown and (False, None) returned."""
        try:
            with busy_pointer():
                return True, work()
        except DomainError as exc:
            feedback.warn(self, title, str(exc))
            self.refresh()
            return False, None

    def offer(self) -> None:
        session_id = self.place.currentData()
        if session_id is None:
            return
        ok, offer = self._act("Offer a place",
                              lambda: self.app.waiting_lists.offer_next(int(session_id)))
        if not ok:
            return
        self.events.bookings_changed.emit()
        if offer is not None:
            self.status.setText(offer_text(offer))
            feedback.inform(self, "Place offered", offer_text(offer))
        else:
            self.status.setText("Nobody on the list can take that place; it stays free.")

    def confirm(self) -> None:
        row = self.selected()
        if row is None or row.status != "offered":
            return
        ok, _result = self._act("Confirm the place",
                                lambda: self.app.waiting_lists.confirm_offer(row.id))
        if ok:
            self.events.bookings_changed.emit()
            self.status.setText(f"{row.child_name} is booked into {row.club_name}.")

    def decline(self) -> None:
        row = self.selected()
        if row is None or row.status != "offered":
            return
        ok, offer = self._act("Place declined", lambda: self.app.waiting_lists.decline_offer(row.id))
        if ok:
            self._moved_on(row, offer)

    def withdraw(self) -> None:
        row = self.selected()
        if row is None:
            return
        if not feedback.confirm(self, "Take off the waiting list",
                                f"Take {row.child_name} off the waiting list of {row.club_name}?"):
            return
        ok, offer = self._act("Take off the list", lambda: self.app.waiting_lists.withdraw(row.id))
        if ok:
            self._moved_on(row, offer)

    def _moved_on(self, row: WaitingRow, offer: Offer | None) -> None:
        """After a no or a withdrawal: the held place went to the next child, or is free."""
        self.events.bookings_changed.emit()
        if offer is not None:
            self.status.setText(f"{row.child_name} is off the list. " + offer_text(offer))
            feedback.inform(self, "Place offered", offer_text(offer))
        else:
            self.status.setText(f"{row.child_name} is off the list.")
