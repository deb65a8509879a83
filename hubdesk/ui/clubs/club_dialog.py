"""New / edit club. A change that touches existing bookings is never saved silently: the
dialog lists the bookings affected, with the families' phone numbers, and saves only when the
office presses Save again for exactly that change."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, time

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QDoubleSpinBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from hubdesk.core.errors import Conflict, ValidationError
from hubdesk.core.money import money
from hubdesk.core.vocabulary import CLUB_KIND_LABELS, CLUB_KINDS, YEAR_GROUPS, year_label
from hubdesk.core.words import are, count
from hubdesk.services.clubs import AffectedBooking, ChangeNeedsDecision, ClubForm, ClubService, SaveResult
from hubdesk.services.money import PriceService
from hubdesk.ui.common.dates import date_edit, time_edit, to_date, to_time
from hubdesk.ui.common.forms import InlineFormDialog, hbox
from hubdesk.ui.common.tables import DtoTableModel, fit_columns, table_view
from hubdesk.ui.common.widgets import WeekdayBoxes
from hubdesk.ui.money.club_prices import ClubPricesDialog

Choices = Sequence[tuple[int, str]]


def school_year_end(today: date) -> date:
    """The last day a club set up today would normally run: late July of this school year."""
    return date(today.year + (1 if today.month >= 8 else 0), 7, 22)


def affected_model() -> DtoTableModel[AffectedBooking]:
    return DtoTableModel(
        [("Child", lambda a: a.child_name), ("From", lambda a: f"{a.first_day:%a %d/%m/%Y}"),
         ("Sessions", lambda a: a.sessions), ("What happens", lambda a: a.reason),
         ("Phone", lambda a: "; ".join(a.phones))], [],
        tooltip=affected_line)


def affected_line(a: AffectedBooking) -> str:
    return f"{a.describe()} – " + ("; ".join(a.phones) or "no carer's phone on record")


class ClubDialog(InlineFormDialog):
    def __init__(self, clubs: ClubService, sites: Choices, staff: Choices,
                 rooms: Callable[[int], Choices], today: date, form: ClubForm | None = None,
                 parent: QWidget | None = None, prices: PriceService | None = None) -> None:
        super().__init__("Edit club" if form else "New club", parent)
        self.clubs, self._rooms = clubs, rooms
        self.prices, self.today = prices, today
        self.outcome: SaveResult | None = None
        self._decided: ClubForm | None = None  # the change the office agreed to
        self.original = form or ClubForm(
            name="", site_id=sites[0][0] if sites else 0, weekdays=(0, 1, 2, 3, 4),
            start_time=time(15, 15), end_time=time(17, 30), capacity=20, start_date=today,
            end_date=school_year_end(today), min_year=0, max_year=6)
        f = self.original
        self._build_what(f, sites)
        self._build_places(f, staff)
        self._add_rows()
        self._build_impact_box()
        self._fill_rooms(f.room_id)
        self.site.currentIndexChanged.connect(lambda _i: self._fill_rooms(None))
        self.setMinimumWidth(640)
        self.name.setFocus()

    def _build_what(self, f: ClubForm, sites: Choices) -> None:
        """Name, place, kind and when it meets."""
        self.name = QLineEdit(f.name)
        self.name.setPlaceholderText("e.g. Football, Breakfast club")
        self.site = QComboBox()
        for site_id, site_name in sites:
            self.site.addItem(site_name, site_id)
        self.site.setCurrentIndex(max(0, self.site.findData(f.site_id)))
        self.kind = QComboBox()
        for kind in CLUB_KINDS:
            self.kind.addItem(CLUB_KIND_LABELS[kind], kind)
        self.kind.setCurrentIndex(max(0, self.kind.findData(f.kind)))
        self.weekdays = WeekdayBoxes(f.weekdays)
        self.start_time, self.end_time = time_edit(f.start_time), time_edit(f.end_time)
        self.room = QComboBox()
        self.start_date, self.end_date = date_edit(f.start_date), date_edit(f.end_date)
        self.open_to_others = QCheckBox("Children from other schools of the cluster may book it")
        self.open_to_others.setChecked(f.open_to_other_schools)
        self.active = QCheckBox("Active (untick to close the club; nothing is deleted)")
        self.active.setChecked(f.active)
        self.notes = QPlainTextEdit(f.notes)
        self.notes.setFixedHeight(self.fontMetrics().height() * 3 + 12)

    def _build_places(self, f: ClubForm, staff: Choices) -> None:
        """Places, year groups, price and the lead."""
        self.capacity = QSpinBox()
        self.capacity.setRange(0, 999)
        self.capacity.setValue(f.capacity)
        self.capacity.setSuffix(" places")
        self.min_year, self.max_year = QComboBox(), QComboBox()
        for box, value in ((self.min_year, f.min_year), (self.max_year, f.max_year)):
            for year in YEAR_GROUPS:
                box.addItem(year_label(year), year)
            box.setCurrentIndex(max(0, box.findData(value)))
        self.price = QDoubleSpinBox()
        self.price.setPrefix("£")
        self.price.setDecimals(2)
        self.price.setRange(0, 999)
        self.price.setValue(f.price_pence / 100)
        self.lead = QComboBox()
        self.lead.addItem("(nobody chosen)", None)
        for staff_id, staff_name in staff:
            self.lead.addItem(staff_name, staff_id)
        self.lead.setCurrentIndex(max(0, self.lead.findData(f.lead_staff_id)))

    def _price_row(self) -> QWidget | QHBoxLayout:
        """A new club's opening price; an existing club's price changes from a date, in Prices…
        (typing over it would rewrite what booked sessions cost)."""
        if self.prices is None or self.original.id is None:
            return self.price
        self.price.setEnabled(False)
        self.price.setToolTip("The opening price. Change the price from a date with Prices…")
        self.prices_button = QPushButton("Prices and history…")
        self.prices_button.clicked.connect(self.show_prices)
        self._show_price_now()
        return hbox(self.price, self.price_now, self.prices_button, stretch=True)

    def _show_price_now(self) -> None:
        if not hasattr(self, "price_now"):
            self.price_now = QLabel()
        if self.prices is not None and self.original.id is not None:
            shown = self.prices.club_prices(self.original.id)
            nxt = f"; {shown.next_change}" if shown.next_change else ""
            self.price_now.setText(f"today {money(shown.current_pence)}{nxt}")

    def show_prices(self) -> None:
        if self.prices is None or self.original.id is None:
            return
        dialog = ClubPricesDialog(self.prices, self.original.id, self.today, self)
        dialog.finished.connect(lambda _r: self._show_price_now())
        dialog.open()
        self.price_dialog = dialog

    def _add_rows(self) -> None:
        self.add_row("Name:", "name", self.name)
        self.add_row("Site:", "site_id", self.site)
        self.add_row("Kind:", "kind", self.kind)
        self.add_row("Weekdays:", "weekdays", self.weekdays)
        self.add_row("Times:", "end_time", hbox(self.start_time, "to", self.end_time, stretch=True),
                     focus=self.end_time)
        self.add_row("Room:", "room_id", self.room)
        self.add_row("Capacity:", "capacity", self.capacity)
        self.add_row("Year groups:", "max_year", hbox(self.min_year, "to", self.max_year, stretch=True),
                     focus=self.max_year)
        self.errors["min_year"] = self.errors["max_year"]
        self.add_row("Price per session:", "price_pence", self._price_row())
        self.add_row("Lead staff:", "lead_staff_id", self.lead)
        self.add_row("Runs:", "end_date", hbox(self.start_date, "to", self.end_date, stretch=True),
                     focus=self.end_date)
        self.errors["start_date"] = self.errors["end_date"]
        self.form.addRow("", self.open_to_others)
        self.form.addRow("", self.active)
        self.add_row("Notes:", "notes", self.notes)

    def _build_impact_box(self) -> None:
        self.impact_box = QGroupBox("Bookings this change affects")
        self.impact_text = QLabel()
        self.impact_text.setWordWrap(True)
        self.affected = affected_model()
        self.affected_view = table_view(self.affected)
        self.affected_view.setMinimumHeight(140)
        box = QVBoxLayout(self.impact_box)
        box.addWidget(self.impact_text)
        box.addWidget(self.affected_view)
        self.copy_button = QPushButton("Copy the list (with phone numbers)")
        self.copy_button.clicked.connect(lambda: QGuiApplication.clipboard().setText(
            "\n".join(affected_line(a) for a in self.affected.rows)))
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.copy_button)
        box.addLayout(row)
        self.impact_box.hide()
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(layout.count() - 1, self.impact_box)

    def _fill_rooms(self, room_id: int | None) -> None:
        self.room.clear()
        self.room.addItem("(no particular room)", None)
        site_id = self.site.currentData()
        if site_id is not None:
            for choice_id, choice_name in self._rooms(int(site_id)):
                self.room.addItem(choice_name, choice_id)
        self.room.setCurrentIndex(max(0, self.room.findData(room_id)))

    def club_form(self) -> ClubForm:
        site, room, lead = self.site.currentData(), self.room.currentData(), self.lead.currentData()
        return ClubForm(
            id=self.original.id, name=self.name.text(), site_id=int(site) if site is not None else 0,
            kind=str(self.kind.currentData()), weekdays=self.weekdays.days(),
            start_time=to_time(self.start_time), end_time=to_time(self.end_time),
            capacity=self.capacity.value(), start_date=to_date(self.start_date),
            end_date=to_date(self.end_date), min_year=int(self.min_year.currentData()),
            max_year=int(self.max_year.currentData()),
            price_pence=round(self.price.value() * 100),
            room_id=int(room) if room is not None else None,
            lead_staff_id=int(lead) if lead is not None else None,
            open_to_other_schools=self.open_to_others.isChecked(),
            active=self.active.isChecked(), notes=self.notes.toPlainText())

    def save(self) -> int:
        form = self.club_form()
        try:
            self.outcome = self.clubs.save(form, accept_changes=form == self._decided)
        except ChangeNeedsDecision as exc:
            self._ask_decision(form, exc)
            raise ValidationError(str(exc), None) from exc
        except Conflict as exc:  # refused outright: say so where the office is looking
            raise ValidationError(str(exc), None) from exc
        return self.outcome.club_id

    def _ask_decision(self, form: ClubForm, exc: ChangeNeedsDecision) -> None:
        self._decided = form
        affected = exc.impact.affected
        children = len({a.child_id for a in affected})
        self.impact_text.setText(
            f"{count(children, 'child')} {are(children)} booked on dates this change touches. "
            "Tell the families "
            "(phone numbers below); press Save again to make the change, or Cancel to keep "
            "the club as it is. Changing anything else first asks again.")
        self.affected.set_rows(affected)
        fit_columns(self.affected_view, stretch=4)
        self.impact_box.show()
        self.resize(max(self.width(), 980), max(self.height(), self.sizeHint().height()))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText("Save and change bookings")

    def decision_pending(self) -> bool:
        return self.impact_box.isVisible()

    def try_save(self) -> None:
        if self._decided is not None and self.club_form() != self._decided:
            self._decided = None  # something else changed: ask again for the new change
            self.impact_box.hide()
            self.buttons.button(QDialogButtonBox.StandardButton.Save).setText("Save")
        super().try_save()


def summary(result: SaveResult, name: str) -> str:
    """One line for the status bar of the page after a save."""
    parts = [f"Saved {name}"]
    if result.sessions_added:
        parts.append(f"{count(result.sessions_added, 'session')} added")
    if result.sessions_cancelled:
        parts.append(f"{count(result.sessions_cancelled, 'session')} cancelled")
    if result.bookings_cancelled:
        parts.append(f"{count(result.bookings_cancelled, 'booking')} cancelled")
    return ", ".join(parts) + "."

