"""Clubs: every club with the chosen week's occupancy (booked / places) and waiting children,
the club editor, and the chosen club's sessions underneath."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from hubdesk.app import HubApp
from hubdesk.core.words import count
from hubdesk.services.clubs import ClubRow
from hubdesk.ui.clubs.sessions import SessionsPanel
from hubdesk.ui.common.dates import date_edit, qdate, to_date
from hubdesk.ui.common.forms import hbox
from hubdesk.ui.common.keys import enter_opens, search_leads_to
from hubdesk.ui.common.page import Page
from hubdesk.ui.common.remember import remember_choice
from hubdesk.ui.common.site_combo import refill_sites
from hubdesk.ui.common.tables import AMBER, GREY, TintedTableModel, fit_columns, selected_row, table_view
from hubdesk.ui.common.unchanged import Unchanged
from hubdesk.ui.common.widgets import money, short_names
from hubdesk.ui.shell import feedback
from hubdesk.ui.shell.events import AppEvents

WEEKDAYS_ALL = "Mon, Tue, Wed, Thu, Fri"


def club_tint(row: ClubRow) -> str | None:
    if not row.active:
        return GREY
    if row.week_sessions and row.week_booked >= row.week_places:
        return AMBER
    return None


def clubs_model(short: dict[str, str]) -> TintedTableModel[ClubRow]:
    """``short`` maps site names to short names, kept up to date by the page."""
    return TintedTableModel(
        [("Club", lambda r: r.name), ("Site", lambda r: short.get(r.site, r.site)),
         ("Kind", lambda r: r.kind_label),
         ("Days", lambda r: "Mon–Fri" if r.weekdays == WEEKDAYS_ALL else r.weekdays),
         ("Times", lambda r: r.times), ("Years", lambda r: r.years),
         ("Places", lambda r: r.capacity), ("This week", lambda r: r.occupancy),
         ("Waiting", lambda r: r.waiting or ""), ("Price", lambda r: money(r.price_pence)),
         ("Any school", lambda r: "Yes" if r.open_to_other_schools else "")], [],
        tint=club_tint,
        tooltip=lambda r: (f"{r.name} at {r.site}: {r.week_booked} of {r.week_places} places booked over "
                           f"{count(r.week_sessions, 'session')} this week, {r.waiting} waiting"))


class ClubsPage(Page):
    loads_when_built = True
    def __init__(self, app: HubApp, events: AppEvents, parent: QWidget | None = None) -> None:
        super().__init__(app, events, parent)
        self.dialog: QDialog | None = None
        self.short: dict[str, str] = {}
        self._lay_out()
        self._connect()
        self._load_sites()
        self.site.currentIndexChanged.connect(lambda _i: self.refresh())
        events.clubs_changed.connect(self._changed)
        events.bookings_changed.connect(self._changed)
        events.sites_changed.connect(self._sites_changed)
        events.calendars_changed.connect(lambda _site: self._changed())
        events.data_reloaded.connect(self._sites_changed)
        # Shown again, the clubs are read again only after a change or on another day.
        self.unchanged = Unchanged(lambda: (app.clubs.last_change(), app.clock.today()))
        self.unchanged.show(self.refresh)

    def _build_filters(self) -> QHBoxLayout:
        """Search, site and the week shown."""
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search clubs, e.g. football")
        self.search.setClearButtonEnabled(True)
        self.site = QComboBox()
        remember_choice(self.site, "site")
        self.site.setMinimumContentsLength(18)
        self.site.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.week = date_edit(self.today())
        self.week.setToolTip("Any day of the week to show")
        self.prev_week, self.next_week = QPushButton("◀"), QPushButton("▶")
        self.this_week = QPushButton("This week")
        for button in (self.prev_week, self.next_week):
            button.setFixedWidth(self.fontMetrics().horizontalAdvance("◀") + 24)
        self.prev_week.setToolTip("Week before")
        self.next_week.setToolTip("Week after")
        self.show_inactive = QCheckBox("Show closed clubs")
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(250)
        return hbox((self.search, 1), self.site, "Week of", self.prev_week, self.week, self.next_week,
                    self.this_week, self.show_inactive)

    def _build_actions(self) -> QHBoxLayout:
        self.new_button = QPushButton("New club…")
        self.edit_button = QPushButton("Edit…")
        self.book_class_button = QPushButton("Book a class…")
        self.child_button = QPushButton("A child's bookings…")
        self.rules_button = QPushButton("Club rules…")
        self.count = QLabel()
        return hbox(self.new_button, self.edit_button, self.book_class_button, self.child_button,
                    self.rules_button, end=(self.count,))

    def _connect(self) -> None:
        self._typing.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self._typing.start())
        self.search.returnPressed.connect(self.refresh)
        self.week.dateChanged.connect(lambda _d: self.refresh())
        self.prev_week.clicked.connect(lambda: self.move_week(-7))
        self.next_week.clicked.connect(lambda: self.move_week(7))
        self.this_week.clicked.connect(lambda: self.week.setDate(qdate(self.today())))
        self.show_inactive.toggled.connect(lambda _on: self.refresh())
        self.new_button.clicked.connect(lambda: self.open_club(None))
        self.edit_button.clicked.connect(self.edit_selected)
        self.book_class_button.clicked.connect(self.book_class)
        self.child_button.clicked.connect(self.child_bookings)
        self.rules_button.clicked.connect(self.edit_rules)
        self.view.doubleClicked.connect(lambda _i: self.edit_selected())
        enter_opens(self.view, self.edit_selected)
        search_leads_to(self.search, self.view)
        self.view.selectionModel().selectionChanged.connect(lambda *_a: self._club_chosen())

    def _lay_out(self) -> None:
        """Filters on top; the club list over the chosen club's sessions; the status line below.
        The frame comes first, so that what goes in it is styled once."""
        layout = QVBoxLayout(self)
        layout.addWidget(self.page_title("Clubs"))
        layout.addLayout(self._build_filters())
        split = QSplitter(Qt.Orientation.Vertical)
        layout.addWidget(split, 1)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        top = QWidget()
        split.addWidget(top)
        top_box = QVBoxLayout(top)
        top_box.setContentsMargins(0, 0, 0, 0)
        self.model = clubs_model(self.short)
        self.view = table_view(self.model)
        top_box.addWidget(self.view, 1)
        top_box.addLayout(self._build_actions())
        self.panel = SessionsPanel(self.app, self.events)
        split.addWidget(self.panel)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)

    def today(self) -> date:
        """The office's day (London), from the program's clock: never the UTC date."""
        return self.app.clock.today()

    def on_shown(self) -> None:
        self.unchanged.show(self.refresh)

    def _load_sites(self) -> None:
        self.short.clear()
        self.short.update(short_names(self.app.sites))
        refill_sites(self.site, self.app.sites.list(), "All sites")

    def _sites_changed(self) -> None:
        self._load_sites()
        self._changed()

    def _changed(self) -> None:
        self.unchanged.changed(self.isVisible, self.refresh)

    def week_day(self) -> date:
        return to_date(self.week)

    def move_week(self, days: int) -> None:
        self.week.setDate(qdate(self.week_day() + timedelta(days=days)))

    def refresh(self) -> None:
        self._typing.stop()
        site = self.site.currentData()
        keep = self.selected()
        rows = feedback.guarded(self, "Clubs", lambda: self.app.clubs.list(
            self.week_day(), site_id=int(site) if site is not None else None,
            include_inactive=self.show_inactive.isChecked(), query=self.search.text()))
        if rows is None:
            return
        self.view.selectionModel().blockSignals(True)
        self.model.set_rows(rows)
        self.view.selectionModel().blockSignals(False)
        fit_columns(self.view, stretch=self.model.columnCount() - 1)
        monday = self.week_day() - timedelta(days=self.week_day().weekday())
        booked = sum(r.week_booked for r in rows)
        places = sum(r.week_places for r in rows)
        self.count.setText(
            f"{count(len(rows), 'club')}; week of {monday:%d/%m/%Y}: {booked:,} of {places:,} places "
            "booked" if rows else ("No club matches." if self.search.text().strip()
                                   else "No clubs yet: use New club."))
        index = next((i for i, r in enumerate(rows) if keep and r.id == keep.id), None)
        if index is None and rows:
            index = 0
        if index is not None:
            self.view.selectionModel().blockSignals(True)  # one sessions load, not two
            self.view.selectRow(index)
            self.view.selectionModel().blockSignals(False)
            self.view.viewport().update()
        self._club_chosen()

    def selected(self) -> ClubRow | None:
        row = selected_row(self.view)
        return self.model.row(row) if row is not None else None

    def _club_chosen(self) -> None:
        club = self.selected()
        self.edit_button.setEnabled(club is not None)
        self.book_class_button.setEnabled(club is not None)
        self.panel.show_club(club, self.week_day())

    def _open(self, dialog: QDialog) -> None:
        self.dialog = dialog
        self.open_dialog(dialog)

    def edit_selected(self) -> None:
        club = self.selected()
        if club is None:
            feedback.inform(self, "Edit club", "Choose a club in the list first.")
            return
        self.open_club(club.id)

    def open_club(self, club_id: int | None) -> None:
        from hubdesk.ui.clubs.club_dialog import ClubDialog, summary  # not needed to show the page

        def load() -> ClubDialog:
            form = self.app.clubs.get(club_id) if club_id is not None else None
            sites = [(s.id or 0, s.name) for s in self.app.sites.list()
                     if s.active or (form and s.id == form.site_id)]
            staff = [(s.id, s.name) for s in self.app.staff.list()]
            return ClubDialog(self.app.clubs, sites, staff, self._rooms, self.today(), form, self,
                              prices=self.app.money.prices)

        dialog = feedback.guarded(self, "Clubs", load)
        if dialog is None:
            return

        def saved() -> None:
            if dialog.outcome is not None:
                self.status.setText(summary(dialog.outcome, dialog.name.text().strip()))
            self.events.clubs_changed.emit()
            if dialog.outcome is not None and dialog.outcome.bookings_cancelled:
                self.events.bookings_changed.emit()

        dialog.accepted.connect(saved)
        self._open(dialog)

    def _rooms(self, site_id: int) -> list[tuple[int, str]]:
        return [(r.id, r.name) for r in self.app.learning.courses.rooms(site_id)]

    def book_class(self) -> None:
        club = self.selected()
        if club is None:
            return
        from hubdesk.ui.clubs.book_class_dialog import BookClassDialog

        self._open(BookClassDialog(self.app, self.events, self.today(), club, self))

    def edit_rules(self) -> None:
        from hubdesk.ui.clubs.club_rules_dialog import ClubRulesDialog

        self._open(ClubRulesDialog(self.app.clubs, self))

    def child_bookings(self) -> None:
        from hubdesk.ui.clubs.child_week import ChildWeekDialog

        self._open(ChildWeekDialog(self.app, self.events, self.today(), None, self))
