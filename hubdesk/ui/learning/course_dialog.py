"""New / edit course: what, who runs it, where, when (weekdays between dates), places, fee,
funding and crèche. The session dates it will get are shown as the form is filled in."""

from __future__ import annotations

from datetime import date, time, timedelta

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QSpinBox,
    QWidget,
)

from hubdesk.core.errors import DomainError, ValidationError
from hubdesk.core.vocabulary import COURSE_KINDS
from hubdesk.core.words import hours as hours_words
from hubdesk.services.learning import WEEKDAY_NAMES, CourseForm, Learning
from hubdesk.services.sites import SiteForm
from hubdesk.ui.common.dates import date_edit, time_edit, to_date, to_time
from hubdesk.ui.common.forms import InlineFormDialog, hbox


def pence(text: str) -> int:
    """'£12.50', '12.5', '' -> pence; raises ValidationError for anything else."""
    cleaned = text.strip().replace("£", "").replace(",", "")
    if not cleaned:
        return 0
    try:
        value = round(float(cleaned) * 100)
    except ValueError:
        raise ValidationError("Enter the fee in pounds, e.g. 25 or 12.50 (0 or empty: free).",
                              "fee_pence") from None
    return value


class CourseDialog(InlineFormDialog):
    def __init__(self, learning: Learning, sites: list[SiteForm], today: date,
                 form: CourseForm | None = None, parent: QWidget | None = None) -> None:
        super().__init__("Edit course" if form else "New course", parent)
        self.learning = learning
        self.original = form or self._new_course(sites, today)
        f = self.original
        self._build_who(f)
        self._build_when(f, sites)
        self._build_terms(f)
        self._add_rows()
        self._fill_rooms(f.room_id)
        self._connect()
        self._update()
        self.setMinimumWidth(640)
        self.title.setFocus()

    @staticmethod
    def _new_course(sites: list[SiteForm], today: date) -> CourseForm:
        """A ten-week morning course at the hub, starting next week."""
        start = today + timedelta(days=7)
        hub_site = next((s.id for s in sites if s.is_hub), sites[0].id if sites else 0) or 0
        return CourseForm(
            title="", kind="family_learning", site_id=hub_site, start_date=start,
            end_date=start + timedelta(weeks=9), weekdays=(start.weekday() % 5,),
            start_time=time(9, 15), end_time=time(11, 15), capacity=12)

    def _build_who(self, f: CourseForm) -> None:
        self.title = QLineEdit(f.title)
        self.title.setPlaceholderText("e.g. Family English")
        self.kind = QComboBox()
        for value, label in COURSE_KINDS.items():
            self.kind.addItem(label, value)
        self.kind.setCurrentIndex(max(0, self.kind.findData(f.kind)))
        self.by_hub = QRadioButton("The hub")
        self.by_partner = QRadioButton("A partner:")
        (self.by_partner if f.external else self.by_hub).setChecked(True)
        self.provider = QLineEdit(f.provider)
        self.provider.setPlaceholderText("e.g. City Adult College")
        self.tutor = QComboBox()
        self.tutor.addItem("(to be confirmed)", None)
        for choice in self.learning.courses.tutors():
            self.tutor.addItem(choice.name, choice.id)
        self.tutor.setCurrentIndex(max(0, self.tutor.findData(f.tutor_staff_id)))
        self.tutor_name = QLineEdit(f.tutor_name)
        self.tutor_name.setPlaceholderText("the partner's tutor")

    def _build_when(self, f: CourseForm, sites: list[SiteForm]) -> None:
        self.site = QComboBox()
        for site in sites:
            self.site.addItem(site.name, site.id)
        self.site.setCurrentIndex(max(0, self.site.findData(f.site_id)))
        self.room = QComboBox()
        self.weekday_boxes = [QCheckBox(name) for name in WEEKDAY_NAMES]
        for n, box in enumerate(self.weekday_boxes):
            box.setChecked(n in f.weekdays)
        self.start_date, self.end_date = date_edit(f.start_date), date_edit(f.end_date)
        self.start_time, self.end_time = time_edit(f.start_time), time_edit(f.end_time)
        self.preview = QLabel()
        self.preview.setWordWrap(True)
        self.preview.setStyleSheet("color: #333;")
        self.preview.setMinimumHeight(self.fontMetrics().lineSpacing() * 2 + 6)

    def _build_terms(self, f: CourseForm) -> None:
        self.capacity = QSpinBox()
        self.capacity.setRange(1, 200)
        self.capacity.setValue(f.capacity)
        self.fee = QLineEdit("" if f.fee_pence == 0 else f"{f.fee_pence / 100:.2f}")
        self.fee.setPlaceholderText("free")
        self.learning_aim = QLineEdit(f.learning_aim)
        self.learning_aim.setPlaceholderText("college learning aim reference, if funded")
        self.funding_source = QLineEdit(f.funding_source)
        self.funding_source.setPlaceholderText("e.g. Adult Skills Fund")
        self.creche_places = QSpinBox()
        self.creche_places.setRange(0, 60)
        self.creche_places.setSpecialValueText("no crèche")
        self.creche_places.setValue(f.creche_places)
        self.notes = QPlainTextEdit(f.notes)
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(self.fontMetrics().lineSpacing() * 3)

    def _add_rows(self) -> None:
        self.add_row("Title:", "title", self.title)
        self.add_row("Kind:", "kind", self.kind)
        self.add_row("Run by:", "provider", hbox(self.by_hub, self.by_partner, (self.provider, 1)),
                     focus=self.provider)
        self.add_row("Tutor:", "tutor_staff_id", hbox((self.tutor, 1), (self.tutor_name, 1)),
                     focus=self.tutor)
        self.add_row("Where:", "site_id", hbox((self.site, 2), "Room:", (self.room, 1)),
                     focus=self.site)
        self.errors["room_id"] = self.errors["site_id"]
        self.add_row("Meets on:", "weekdays", hbox(*self.weekday_boxes, stretch=True),
                     focus=self.weekday_boxes[0])
        self.add_row("Dates:", "start_date", hbox(self.start_date, "to", self.end_date, stretch=True),
                     focus=self.start_date)
        self.errors["end_date"] = self.errors["start_date"]
        self.fields["end_date"] = self.end_date
        self.add_row("Times:", "start_time", hbox(self.start_time, "to", self.end_time, stretch=True),
                     focus=self.start_time)
        self.errors["end_time"] = self.errors["start_time"]
        self.fields["end_time"] = self.end_time
        self.form.addRow("Sessions:", self.preview)
        self.add_row("Places:", "capacity", self.capacity)
        self.add_row("Fee (£):", "fee_pence", self.fee)
        self.add_row("Crèche places:", "creche_places", self.creche_places)
        self.add_row("Learning aim:", "learning_aim", self.learning_aim)
        self.add_row("Funding source:", "funding_source", self.funding_source)
        self.add_row("Notes:", "notes", self.notes)

    def _connect(self) -> None:
        """The room list follows the site; the session preview follows every date and time."""
        self.site.currentIndexChanged.connect(lambda _i: self._fill_rooms(None))
        for signal in (self.by_hub.toggled, self.site.currentIndexChanged,
                       self.start_date.dateChanged, self.end_date.dateChanged,
                       *[box.toggled for box in self.weekday_boxes],
                       self.start_time.timeChanged, self.end_time.timeChanged):
            signal.connect(self._update)

    def _fill_rooms(self, room_id: int | None) -> None:
        self.room.clear()
        self.room.addItem("(any)", None)
        site_id = self.site.currentData()
        if site_id is not None:
            for choice in self.learning.courses.rooms(int(site_id)):
                self.room.addItem(choice.name, choice.id)
        self.room.setCurrentIndex(max(0, self.room.findData(room_id)))

    def _update(self) -> None:
        external = self.by_partner.isChecked()
        self.provider.setEnabled(external)
        self.tutor.setVisible(not external)
        self.tutor_name.setVisible(external)
        try:
            form = self.course_form()
            days = self.learning.courses.preview_dates(form) if form.weekdays else []
        except DomainError:
            days = []
        if not days:
            self.preview.setText("No sessions yet: tick weekdays on which the site is open "
                                 "between the dates.")
            return
        hours = len(days) * (form.end_time.hour * 60 + form.end_time.minute
                             - form.start_time.hour * 60 - form.start_time.minute) / 60
        listed = ", ".join(f"{d:%d/%m}" for d in days[:12]) + (" …" if len(days) > 12 else "")
        self.preview.setText(f"{len(days)} sessions, {hours_words(max(hours, 0))}: {listed}")

    def course_form(self) -> CourseForm:
        """The form as typed; raises ValidationError for a fee that is not an amount."""
        external = self.by_partner.isChecked()
        tutor = self.tutor.currentData()
        room = self.room.currentData()
        return CourseForm(
            id=self.original.id, row_version=self.original.row_version,
            title=self.title.text(), kind=str(self.kind.currentData()),
            site_id=int(self.site.currentData() or 0),
            start_date=to_date(self.start_date), end_date=to_date(self.end_date),
            weekdays=tuple(n for n, box in enumerate(self.weekday_boxes) if box.isChecked()),
            start_time=to_time(self.start_time), end_time=to_time(self.end_time),
            capacity=self.capacity.value(), provider=self.provider.text() if external else "",
            external=external, tutor_staff_id=None if external or tutor is None else int(tutor),
            tutor_name=self.tutor_name.text() if external else "",
            room_id=None if room is None else int(room), fee_pence=pence(self.fee.text()),
            learning_aim=self.learning_aim.text(), funding_source=self.funding_source.text(),
            creche_places=self.creche_places.value(), notes=self.notes.toPlainText())

    def save(self) -> int:
        return self.learning.courses.save(self.course_form())
