"""Put a child on a club's waiting list for any week on some weekdays (a full club), the way
families usually ask; a single full date is joined from the booking dialog instead."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from hubdesk.core.errors import ValidationError
from hubdesk.services.clubs import ClubService, WaitingListService
from hubdesk.services.people import ChildService
from hubdesk.ui.clubs.club_choices import club_label
from hubdesk.ui.common.child_picker import ChildPicker
from hubdesk.ui.common.forms import InlineFormDialog
from hubdesk.ui.common.widgets import WeekdayBoxes


class JoinWaitingDialog(InlineFormDialog):
    def __init__(self, waiting: WaitingListService, clubs: ClubService, children: ChildService,
                 today: date, club_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__("Put a child on a waiting list", parent)
        self.waiting, self.clubs = waiting, clubs
        self.picker = ChildPicker(children)
        self.club = QComboBox()
        for row in clubs.list(today):
            self.club.addItem(club_label(row), row.id)
        self.club.setCurrentIndex(max(0, self.club.findData(club_id)))
        self.weekdays = WeekdayBoxes()
        self.notes = QLineEdit()
        self.notes.setPlaceholderText("e.g. would take any day; mum works Tuesdays")
        self.add_row("Child:", "child_id", self.picker, focus=self.picker.search)
        self.add_row("Club:", "club_id", self.club)
        self.add_row("Weekdays wanted:", "weekdays", self.weekdays)
        self.add_row("Note:", "notes", self.notes)
        self.buttons.button(self.buttons.StandardButton.Save).setText("Put on the list")
        self.club.currentIndexChanged.connect(lambda _i: self._club_days())
        self._club_days()
        self.setMinimumWidth(720)

    def _club_days(self) -> None:
        club_id = self.club.currentData()
        if club_id is not None:
            self.weekdays.set_days(self.clubs.get(int(club_id)).weekdays)

    def save(self) -> int:
        child_id, club_id = self.picker.child_id(), self.club.currentData()
        if child_id is None:
            raise ValidationError("Find the child first: type part of their name.", "child_id")
        if club_id is None:
            raise ValidationError("Choose a club.", "club_id")
        return self.waiting.join(child_id, int(club_id), None, self.weekdays.days(),
                                 self.notes.text())
