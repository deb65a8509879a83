"""A carer as seen from one child, and finding a carer already known (a sibling's parent).

Linking the existing adult instead of typing them again keeps one family with one set of phone
numbers: a change made from one child is seen from every sibling.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from hubdesk.services.people import CarerForm, CarerLink, CarerMatch, CarerService
from hubdesk.ui.children.child_fields import HINT_STYLE, line, notes
from hubdesk.ui.common.dialog_keys import Dialog
from hubdesk.ui.common.forms import InlineFormDialog
from hubdesk.ui.shell import feedback

RELATIONSHIPS = ["Mother", "Father", "Step-mother", "Step-father", "Grandmother", "Grandfather",
                 "Aunt", "Uncle", "Sister", "Brother", "Foster carer", "Guardian", "Childminder",
                 "Family friend", "Neighbour", "Social worker"]


def carer_name(carer: CarerForm) -> str:
    name = f"{carer.surname}, {carer.forename}" if carer.surname else carer.forename
    return f"{name} ({carer.title})" if carer.title else name


class CarerLinkDialog(InlineFormDialog):
    """Add or edit one carer of one child; saving links them (or updates the link)."""

    def __init__(self, carers: CarerService, child_id: int, link: CarerLink | None = None,
                 parent: QWidget | None = None) -> None:
        known = link is not None and link.carer.id is not None
        super().__init__("Carer" if known else "New carer", parent)
        self.carers, self.child_id = carers, child_id
        self.original = link or CarerLink(CarerForm(forename="", surname=""))
        self._build_person(self.original.carer, self.original.relationship)
        self._build_link(self.original)
        if known:
            shared = QLabel("Name, phones, email and address are shared with every child this "
                            "carer is linked to.")
            shared.setWordWrap(True)
            shared.setStyleSheet(HINT_STYLE)
            self.form.addRow(shared)
        self._add_rows()
        self.setMinimumWidth(520)
        (self.relationship if known else self.forename).setFocus()

    def _build_person(self, c: CarerForm, relationship: str) -> None:
        """Who the carer is and how to reach them (shared by every child they are linked to)."""
        self.title = line(c.title, 20, "e.g. Mrs, Dr")
        self.forename = line(c.forename, 100)
        self.surname = line(c.surname, 100)
        self.relationship = QComboBox()
        self.relationship.setEditable(True)
        self.relationship.setMinimumContentsLength(18)
        self.relationship.addItems(RELATIONSHIPS)
        self.relationship.setCurrentText(relationship)
        typed = self.relationship.lineEdit()
        assert typed is not None  # an editable combo box always has its line edit
        typed.setMaxLength(40)
        typed.setPlaceholderText("e.g. Mother")
        self.phone_mobile = line(c.phone_mobile, 30, "e.g. 07700 900123")
        self.phone_home = line(c.phone_home, 30)
        self.phone_work = line(c.phone_work, 30)
        self.email = line(c.email, 200, "e.g. name@example.org")
        self.address = notes(c.address, 3)
        self.postcode = line(c.postcode, 10)

    def _build_link(self, k: CarerLink) -> None:
        """What this carer may do for this child."""
        self.parental_responsibility = QCheckBox("Has parental responsibility")
        self.lives_with = QCheckBox("The child lives with this carer")
        self.can_collect = QCheckBox("May collect the child")
        self.must_not_collect = QCheckBox("Must NOT collect the child (court order, safeguarding)")
        for box, value in ((self.parental_responsibility, k.parental_responsibility),
                           (self.lives_with, k.lives_with), (self.can_collect, k.can_collect),
                           (self.must_not_collect, k.must_not_collect)):
            box.setChecked(value)
        # None: this role may not see passwords; the field stays hidden and the password as it is.
        self.password_hidden = k.collection_password is None
        self.collection_password = line(k.collection_password or "", 60, "asked at the door")
        self.emergency_priority = QSpinBox()
        self.emergency_priority.setRange(0, 9)
        self.emergency_priority.setSpecialValueText("not an emergency contact")
        self.emergency_priority.setValue(k.emergency_priority or 0)
        self.emergency_priority.setToolTip("1 is called first.")

    def _add_rows(self) -> None:
        self.add_row("Title:", "title", self.title)
        self.add_row("Forename:", "forename", self.forename)
        self.add_row("Surname:", "surname", self.surname)
        self.add_row("Relationship:", "relationship", self.relationship)
        self.add_row("Mobile:", "phone_mobile", self.phone_mobile)
        self.add_row("Home phone:", "phone_home", self.phone_home)
        self.add_row("Work phone:", "phone_work", self.phone_work)
        self.add_row("Email:", "email", self.email)
        self.add_row("Address:", "address", self.address)
        self.add_row("Postcode:", "postcode", self.postcode)
        self.form.addRow("", self.parental_responsibility)
        self.form.addRow("", self.lives_with)
        self.form.addRow("", self.can_collect)
        self.add_row("", "must_not_collect", self.must_not_collect)
        if not self.password_hidden:
            self.add_row("Collection password:", "collection_password", self.collection_password)
        self.add_row("Emergency priority:", "emergency_priority", self.emergency_priority)

    def link(self) -> CarerLink:
        priority = self.emergency_priority.value()
        return CarerLink(
            carer=CarerForm(
                id=self.original.carer.id, title=self.title.text(),
                forename=self.forename.text(), surname=self.surname.text(),
                phone_mobile=self.phone_mobile.text(), phone_home=self.phone_home.text(),
                phone_work=self.phone_work.text(), email=self.email.text().strip(),
                address=self.address.toPlainText(), postcode=self.postcode.text().upper()),
            relationship=self.relationship.currentText(),
            parental_responsibility=self.parental_responsibility.isChecked(),
            lives_with=self.lives_with.isChecked(),
            can_collect=self.can_collect.isChecked(),
            must_not_collect=self.must_not_collect.isChecked(),
            collection_password=(None if self.password_hidden
                                 else self.collection_password.text().strip()),
            emergency_priority=priority or None,
        )

    def save(self) -> int:
        return self.carers.save_link(self.child_id, self.link())


class FindCarerDialog(Dialog):
    """Search the carers already known; ``chosen`` is set when the dialog is accepted."""

    LIMIT = 20

    def __init__(self, carers: CarerService, linked: set[int], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Link an existing carer")
        self.carers, self.linked = carers, linked
        self.chosen: CarerForm | None = None
        self.search = QLineEdit()
        self.search.setPlaceholderText("Type a name, email or mobile number, e.g. kaya")
        self.search.setClearButtonEnabled(True)
        self.results = QListWidget()
        self.results.setWordWrap(True)
        self.status = QLabel("Type at least part of a name.")
        self.status.setStyleSheet(HINT_STYLE)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Link this carer…")
        self.buttons.accepted.connect(self.choose)
        self.buttons.rejected.connect(self.reject)
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(200)
        self._typing.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _text: self._typing.start())
        self.results.itemDoubleClicked.connect(lambda _item: self.choose())
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.resize(560, 420)
        self.search.setFocus()

    def refresh(self) -> None:
        self._typing.stop()
        matches = feedback.guarded(self, self.windowTitle(),
                                   lambda: self.carers.find_matches(self.search.text(),
                                                                     self.LIMIT))
        self.results.clear()
        for match in matches or []:
            item = QListWidgetItem(self._describe(match))
            item.setData(Qt.ItemDataRole.UserRole, match.carer)
            self.results.addItem(item)
        if self.results.count():
            self.results.setCurrentRow(0)
        found = self.results.count()
        if found >= self.LIMIT:
            text = f"The first {found} are shown: type more of the name to narrow the list."
        elif found:
            text = f"{found} found: choose one and press Link."
        elif self.search.text().strip():
            text = "Nobody found: check the spelling, or add a new carer instead."
        else:
            text = "Type at least part of a name."
        self.status.setText(text)

    def _describe(self, match: CarerMatch) -> str:
        c = match.carer
        contact = " · ".join(p for p in (c.phone_mobile, c.email, c.postcode) if p)
        text = carer_name(c) + (f" — {contact}" if contact else "")
        if match.children:
            text += "\n    carer of " + "; ".join(match.children)
        if c.id in self.linked:
            text += "\n    (already linked to this child)"
        return text

    def choose(self) -> None:
        item = self.results.currentItem()
        if item is None:
            feedback.inform(self, self.windowTitle(), "Choose a carer in the list first.")
            return
        self.chosen = item.data(Qt.ItemDataRole.UserRole)
        self.accept()
