"""New / edit site: every SiteForm field, rooms as an editable list."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hubdesk.core.errors import ValidationError
from hubdesk.services.sites import SiteForm, SiteService
from hubdesk.ui.common.forms import InlineFormDialog, hbox

KIND_LABELS = {"school": "School", "centre": "Centre"}
OFSTED_LABELS = {
    "exempt": "Exempt (run by the school for its own pupils)",
    "registered": "Registered with Ofsted",
    "not_registered": "Not registered",
    "unknown": "Not known yet",
}
OFSTED_SHORT = {"exempt": "Exempt", "registered": "Registered", "not_registered": "Not registered",
                "unknown": "Not known"}


def _combo(labels: dict[str, str], current: str) -> QComboBox:
    combo = QComboBox()
    for value, label in labels.items():
        combo.addItem(label, value)
    combo.setCurrentIndex(max(0, combo.findData(current)))
    return combo


def _number(text: str, field: str, what: str) -> float | None:
    text = text.strip().replace(",", ".")
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        raise ValidationError(f"The {what} is a number such as 50.83, or leave it empty.",
                              field) from None


class SiteDialog(InlineFormDialog):
    def __init__(self, sites: SiteService, form: SiteForm | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__("Edit site" if form else "New site", parent)
        self.sites = sites
        self.original = form or SiteForm(name="")
        self._build_fields(self.original)
        self._add_rows(self.original)
        self.setMinimumWidth(520)
        self.name.setFocus()

    def _build_fields(self, f: SiteForm) -> None:
        self.name = QLineEdit(f.name)
        self.short_name = QLineEdit(f.short_name)
        self.short_name.setPlaceholderText("shown where space is short, e.g. Oakfield")
        self.kind = _combo(KIND_LABELS, f.kind)
        self.dfe_number = QLineEdit(f.dfe_number)
        self.dfe_number.setPlaceholderText("7 digits, e.g. 8882001 or 888/2001")
        self.address = QPlainTextEdit(f.address)
        self.address.setTabChangesFocus(True)
        self.address.setFixedHeight(self.fontMetrics().lineSpacing() * 4)
        self.postcode = QLineEdit(f.postcode)
        self.phone = QLineEdit(f.phone)
        self.latitude = QLineEdit("" if f.latitude is None else str(f.latitude))
        self.latitude.setPlaceholderText("latitude, e.g. 50.83")
        self.longitude = QLineEdit("" if f.longitude is None else str(f.longitude))
        self.longitude.setPlaceholderText("longitude, e.g. -0.14")
        self.ofsted_status = _combo(OFSTED_LABELS, f.ofsted_status)
        self.ofsted_urn = QLineEdit(f.ofsted_urn)
        self.is_hub = QCheckBox("This site is the hub of the cluster")
        self.is_hub.setChecked(f.is_hub)
        self.active = QCheckBox("Active (untick when the site leaves the cluster)")
        self.active.setChecked(f.active)

    def _add_rows(self, f: SiteForm) -> None:
        self.add_row("Name:", "name", self.name)
        self.add_row("Short name:", "short_name", self.short_name)
        self.add_row("Kind:", "kind", self.kind)
        self.add_row("DfE number:", "dfe_number", self.dfe_number)
        self.add_row("Address:", "address", self.address)
        self.add_row("Postcode:", "postcode", self.postcode)
        self.add_row("Phone:", "phone", self.phone)
        self.add_row("Map position:", "latitude", hbox(self.latitude, self.longitude),
                     focus=self.latitude)
        self.errors["longitude"] = self.errors["latitude"]
        self.fields["longitude"] = self.longitude
        hint = QLabel("Optional: used for default travel times to new sites.")
        hint.setStyleSheet("color: #555;")
        self.form.addRow("", hint)
        self.add_row("Ofsted:", "ofsted_status", self.ofsted_status)
        self.add_row("Ofsted URN:", "ofsted_urn", self.ofsted_urn)
        self.form.addRow("", self.is_hub)
        self.form.addRow("", self.active)
        self.add_row("Rooms:", "rooms", self._rooms_box(f.rooms), focus=self.rooms)

    def _rooms_box(self, rooms: tuple[str, ...]) -> QVBoxLayout:
        self.rooms = QListWidget()
        self.rooms.setToolTip("Double-click a room to rename it.")
        self.rooms.setMaximumHeight(self.fontMetrics().lineSpacing() * 6)
        for room in rooms:
            self._add_item(room)
        self.room_name = QLineEdit()
        self.room_name.setPlaceholderText("new room, e.g. Hall")
        self.add_room_button = QPushButton("Add room")
        self.remove_room_button = QPushButton("Remove room")
        self.add_room_button.clicked.connect(self.add_room)
        self.room_name.returnPressed.connect(self.add_room)
        self.remove_room_button.clicked.connect(self.remove_room)
        row = QHBoxLayout()
        row.addWidget(self.room_name, 1)
        row.addWidget(self.add_room_button)
        row.addWidget(self.remove_room_button)
        box = QVBoxLayout()
        box.addWidget(self.rooms)
        box.addLayout(row)
        return box

    def _add_item(self, name: str) -> None:
        item = QListWidgetItem(name)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        self.rooms.addItem(item)

    def add_room(self) -> None:
        name = self.room_name.text().strip()
        if name:
            self._add_item(name)
            self.room_name.clear()
        self.room_name.setFocus()

    def remove_room(self) -> None:
        for item in self.rooms.selectedItems():
            self.rooms.takeItem(self.rooms.row(item))

    def room_names(self) -> tuple[str, ...]:
        """Listed rooms, plus one typed but not yet added (the user meant it)."""
        names = [self.rooms.item(i).text() for i in range(self.rooms.count())]
        names.append(self.room_name.text())
        return tuple(n.strip() for n in names if n.strip())

    def site_form(self) -> SiteForm:
        """The form as typed; raises ValidationError for a map position that is not a number."""
        return SiteForm(
            id=self.original.id,
            name=self.name.text(),
            short_name=self.short_name.text(),
            kind=str(self.kind.currentData()),
            dfe_number=self.dfe_number.text(),
            address=self.address.toPlainText(),
            postcode=self.postcode.text().upper(),
            phone=self.phone.text(),
            latitude=_number(self.latitude.text(), "latitude", "latitude"),
            longitude=_number(self.longitude.text(), "longitude", "longitude"),
            ofsted_status=str(self.ofsted_status.currentData()),
            ofsted_urn=self.ofsted_urn.text(),
            is_hub=self.is_hub.isChecked(),
            active=self.active.isChecked(),
            rooms=self.room_names(),
        )

    def save(self) -> int:
        return self.sites.save(self.site_form())
