"""One club's dated sessions with booked, waiting and free places, and who is booked into the
chosen session; from here the office books a child, cancels a session or adds an extra one."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QPersistentModelIndex, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from hubdesk.app import HubApp
from hubdesk.core.words import count
from hubdesk.services.clubs import BookedChild, ClubForm, ClubRow, SessionRow
from hubdesk.ui.clubs.session_dialogs import AddSessionDialog, CancelSessionDialog
from hubdesk.ui.common.forms import column, hbox
from hubdesk.ui.common.page import open_dialog
from hubdesk.ui.common.tables import (
    AMBER,
    GREEN,
    GREY,
    DtoTableModel,
    TintedTableModel,
    fit_columns,
    selected_row,
    table_view,
)
from hubdesk.ui.common.widgets import short_names
from hubdesk.ui.shell import feedback
from hubdesk.ui.shell.events import AppEvents


def session_status(x: SessionRow) -> str:
    if x.status != "running":
        return f"Cancelled: {x.cancel_reason}" if x.cancel_reason else "Cancelled"
    if x.free == 0:
        return "Full"
    return "Extra session" if x.extra else ""


def session_tint(x: SessionRow) -> str | None:
    if x.status != "running":
        return GREY
    if x.free == 0:
        return AMBER
    return GREEN if x.extra else None


def sessions_model() -> TintedTableModel[SessionRow]:
    return TintedTableModel(
        [("Date", lambda x: f"{x.day:%a %d/%m/%Y}"),
         ("Times", lambda x: f"{x.start_time:%H:%M}–{x.end_time:%H:%M}"),
         ("Booked", lambda x: f"{x.booked}/{x.capacity}"),
         ("Free", lambda x: x.free if x.status == "running" else ""),
         ("Waiting", lambda x: x.waiting or ""),
         ("Offered", lambda x: x.held or ""),
         ("Status", session_status)], [],
        tint=session_tint,
        tooltip=lambda x: f"{x.booked} booked, {x.held} held for a waiting-list offer, "
                          f"{x.waiting} waiting, {x.free} free")


def booked_model(short: dict[str, str]) -> DtoTableModel[BookedChild]:
    return DtoTableModel(
        [("Child", lambda c: c.name), ("School", lambda c: short.get(c.school, c.school)),
         ("Year", lambda c: c.year),
         ("Medical", lambda c: "Yes" if c.allergies or c.medical else ""),
         ("Carers", lambda c: "; ".join(c.phones))], [],
        tooltip=lambda c: "\n".join(x for x in (c.name, *c.phones, c.allergies, c.medical) if x))


class SessionsPanel(QWidget):
    """Shows the club chosen on the Clubs page; ``show_club(None)`` empties it."""

    def __init__(self, app: HubApp, events: AppEvents, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.events = app, events
        self.club: ClubRow | None = None
        self.week = app.clock.today()
        self.dialog: QWidget | None = None
        self.heading = QLabel("Choose a club to see its sessions.")
        self.heading.setWordWrap(True)
        self.sessions = sessions_model()
        self.sessions_view = table_view(self.sessions)
        self.short: dict[str, str] = {}
        self.booked = booked_model(self.short)
        self.booked_view = table_view(self.booked)
        self.booked_label = QLabel()
        self.book_button = QPushButton("Book a child…")
        self.cancel_session_button = QPushButton("Cancel session…")
        self.add_session_button = QPushButton("Add extra session…")
        self.cancel_booking_button = QPushButton("Cancel this child's booking…")
        self.week_button = QPushButton("Child's week…")
        session_actions = hbox(self.book_button, self.cancel_session_button, self.add_session_button,
                               stretch=True)
        left = column((self.sessions_view, 1), session_actions)
        child_actions = hbox(self.cancel_booking_button, self.week_button, stretch=True)
        right = column(self.booked_label, (self.booked_view, 1), child_actions)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(split, 1)
        self._connect()
        self._update()

    def _connect(self) -> None:
        self.sessions_view.selectionModel().selectionChanged.connect(lambda *_a: self._show_booked())
        self.booked_view.selectionModel().selectionChanged.connect(lambda *_a: self._update())
        self.booked_view.doubleClicked.connect(lambda _i: self.child_week())
        self.book_button.clicked.connect(self.book_child)
        self.cancel_session_button.clicked.connect(self.cancel_session)
        self.add_session_button.clicked.connect(self.add_session)
        self.cancel_booking_button.clicked.connect(self.cancel_booking)
        self.week_button.clicked.connect(self.child_week)

    def today(self) -> date:
        """The office's day (London), from the program's clock: never the UTC date."""
        return self.app.clock.today()

    def show_club(self, club: ClubRow | None, week: date) -> None:
        """Load the club's sessions for its whole span; the chosen week's first session is picked."""
        keep = self.selected_session()
        same = (club is not None and self.club is not None and club.id == self.club.id
                and week == self.week)
        self.club, self.week = club, week
        if club is None:
            self.heading.setText("Choose a club to see its sessions.")
            self.sessions.set_rows([])
            self._show_booked()
            return
        self.heading.setText(
            f"<b>{club.name}</b> at {club.site} – {club.weekdays} {club.times}, {club.years}, "
            f"{club.capacity} places. Amber: full; grey: cancelled; green: extra session.")
        form = feedback.guarded(self, "Clubs", lambda: self.app.clubs.get(club.id))
        if form is None:
            return
        rows = feedback.guarded(self, "Clubs", lambda: self.app.club_sessions.sessions(
            club.id, min(form.start_date, week), max(form.end_date, week + timedelta(days=6))))
        self.sessions.set_rows(rows or [])
        fit_columns(self.sessions_view, stretch=6)
        pick = None
        if same and keep is not None:
            pick = next((i for i, x in enumerate(self.sessions.rows) if x.id == keep.id), None)
        if pick is None:
            monday = week - timedelta(days=week.weekday())
            pick = next((i for i, x in enumerate(self.sessions.rows) if x.day >= monday), None)
        if pick is not None:
            self.sessions_view.selectRow(pick)
            self._scroll_to(pick)
        else:
            self._show_booked()

    def _scroll_to(self, row: int) -> None:
        """The chosen week at the top; again once laid out (a hidden table cannot scroll)."""
        index = QPersistentModelIndex(self.sessions.index(row, 0))
        hint = self.sessions_view.ScrollHint.PositionAtTop
        self.sessions_view.scrollTo(self.sessions.index(row, 0), hint)

        def again() -> None:
            if index.isValid():
                self.sessions_view.scrollTo(self.sessions.index(index.row(), 0), hint)

        QTimer.singleShot(0, self.sessions_view, again)

    def selected_session(self) -> SessionRow | None:
        row = selected_row(self.sessions_view)
        return self.sessions.row(row) if row is not None else None

    def selected_child(self) -> BookedChild | None:
        row = selected_row(self.booked_view)
        return self.booked.row(row) if row is not None else None

    def _show_booked(self) -> None:
        session = self.selected_session()
        rows = [] if session is None else feedback.guarded(
            self, "Clubs", lambda: self.app.club_sessions.booked_children(session.id)) or []
        self.short.update(short_names(self.app.sites))
        self.booked.set_rows(rows)
        fit_columns(self.booked_view, stretch=4, elide=(0, 1))  # names give way to the carers
        if session is None:
            self.booked_label.setText("")
        else:
            self.booked_label.setText(
                f"Booked on {session.day:%a %d/%m/%Y}: {count(len(rows), 'child')}, "
                f"{session.free} free" + (f", {session.waiting} waiting" if session.waiting else ""))
        self._update()

    def _update(self) -> None:
        session = self.selected_session()
        running = session is not None and session.status == "running" \
            and session.day >= self.today()  # a past session goes in the register instead
        self.book_button.setEnabled(self.club is not None)
        self.cancel_session_button.setEnabled(running)
        self.add_session_button.setEnabled(self.club is not None)
        has_child = self.selected_child() is not None
        self.cancel_booking_button.setEnabled(has_child)
        self.week_button.setEnabled(has_child)

    def _open(self, dialog: QDialog) -> None:
        self.dialog = dialog
        open_dialog(dialog)

    def book_child(self) -> None:
        if self.club is None:
            return
        session = self.selected_session()
        day = session.day if session is not None and session.status == "running" else None
        from hubdesk.ui.clubs.booking_dialog import BookingDialog  # not needed to show the page

        self._open(BookingDialog(self.app, self.events, self.today(), club_id=self.club.id,
                                 day=day, parent=self))

    def cancel_session(self) -> None:
        session = self.selected_session()
        if session is None or self.club is None:
            return
        self._open(CancelSessionDialog(self.app.club_sessions, self.events, session,
                                       self.club.name, self))

    def add_session(self) -> None:
        if self.club is None:
            return
        club_id = self.club.id
        form: ClubForm | None = feedback.guarded(self, "Clubs", lambda: self.app.clubs.get(club_id))
        if form is None:
            return
        session = self.selected_session()
        dialog = AddSessionDialog(self.app.club_sessions, form,
                                  session.day if session else self.week, self)
        dialog.accepted.connect(self.events.clubs_changed.emit)
        self._open(dialog)

    def cancel_booking(self) -> None:
        child = self.selected_child()
        if child is None:
            return
        from hubdesk.ui.clubs.cancel_booking_dialog import CancelBookingDialog

        self._open(CancelBookingDialog(self.app, self.events, child.child_id, child.name,
                                       self.today(), child.session_booking_id, self))

    def child_week(self) -> None:
        child = self.selected_child()
        if child is None:
            return
        from hubdesk.ui.clubs.child_week import ChildWeekDialog

        self._open(ChildWeekDialog(self.app, self.events, self.today(), child.child_id, self))
