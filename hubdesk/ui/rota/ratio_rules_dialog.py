"""Staffing rules the office can change: adult-to-child age bands per site (or the cluster's defaults)
and the rota settings (warning window, DBS re-check interval, fewest staff, travel time)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from hubdesk.core.errors import ValidationError
from hubdesk.services.rota import RatioBandRow, RotaService, RotaSettings
from hubdesk.ui.common.forms import InlineFormDialog

DEFAULTS = "Cluster defaults (every site without its own)"


def _spin(low: int, high: int, value: int, suffix: str = "") -> QSpinBox:
    box = QSpinBox()
    box.setRange(low, high)
    box.setValue(value)
    box.setSuffix(suffix)
    return box


class RatioRulesDialog(InlineFormDialog):
    def __init__(self, rota: RotaService, sites: list[tuple[int, str]], site_id: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__("Ratios and rota settings", parent)
        self.rota = rota
        self.site = QComboBox()
        self.site.addItem(DEFAULTS, None)
        for sid, name in sites:
            self.site.addItem(name, sid)
        self.own = QCheckBox("This site has its own bands (untick to use the cluster defaults)")
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels(["From age (years)", "Children per adult"])
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(140)
        self.add_button, self.remove_button = QPushButton("Add band"), QPushButton("Remove band")
        self.add_button.clicked.connect(lambda: self._add(RatioBandRow(8, 10)))
        self.remove_button.clicked.connect(lambda: self.table.removeRow(max(self.table.currentRow(), 0)))
        self.add_row("Ratios for:", "site", self.site)
        self.form.addRow("", self.own)
        self.add_row("Age bands:", "bands", self.table)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        self.form.addRow("", buttons)
        hint = QLabel("A child needs 1/N of an adult for the band of their age on the day; a session's "
                      "total is rounded up. 1:8 under eight and 1:10 from eight are common practice, "
                      "not law: set what your insurer and policy ask.")
        hint.setWordWrap(True)
        self.form.addRow("", hint)
        current = rota.settings()
        self.warn_days = _spin(0, 365, current.warn_days, " days")
        self.recheck = _spin(1, 10, current.dbs_recheck_years, " years")
        self.minimum = _spin(1, 10, current.minimum_staff, " staff")
        self.travel = _spin(1, 600, current.default_travel_minutes, " minutes")
        self.add_row("Warn about expiring checks:", "warn_days", self.warn_days)
        self.add_row("Re-check DBS every:", "dbs_recheck_years", self.recheck)
        self.add_row("Fewest staff on a session:", "minimum_staff", self.minimum)
        self.add_row("Travel time when none is set:", "default_travel_minutes", self.travel)
        self.site.currentIndexChanged.connect(lambda _i: self._load())
        self.own.toggled.connect(self._own_toggled)
        index = self.site.findData(site_id) if site_id is not None else 0
        self.site.setCurrentIndex(max(index, 0))
        self._load()
        self.setMinimumWidth(560)

    def _site_id(self) -> int | None:
        value = self.site.currentData()
        return int(value) if value is not None else None

    def _load(self) -> None:
        bands, own = self.rota.ratio_bands(self._site_id())
        is_site = self._site_id() is not None
        self.own.blockSignals(True)
        self.own.setVisible(is_site)
        self.own.setChecked(own or not is_site)
        self.own.blockSignals(False)
        self._show(bands)
        self._own_toggled(self.own.isChecked())

    def _own_toggled(self, own: bool) -> None:
        for widget in (self.table, self.add_button, self.remove_button):
            widget.setEnabled(own)

    def _add(self, band: RatioBandRow) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, 0, QTableWidgetItem(str(band.from_age)))
        self.table.setItem(row, 1, QTableWidgetItem(str(band.per_adult)))

    def _show(self, bands: list[RatioBandRow]) -> None:
        self.table.setRowCount(0)
        for band in bands:
            self._add(band)

    def bands(self) -> list[RatioBandRow]:
        rows = []
        for row in range(self.table.rowCount()):
            cells = [self.table.item(row, c) for c in range(2)]
            texts = [cell.text().strip() if cell is not None else "" for cell in cells]
            if not any(texts):
                continue
            try:
                rows.append(RatioBandRow(int(texts[0]), int(texts[1])))
            except ValueError:
                raise ValidationError(f"Row {row + 1}: the age and the number of children are whole "
                                      "numbers, e.g. 8 and 10.", "bands") from None
        return sorted(rows, key=lambda b: b.from_age)

    def save(self) -> int:
        site_id = self._site_id()
        own = self.own.isChecked() or site_id is None
        # Bands first: they can be refused; the settings are bounded by their spin boxes.
        self.rota.save_ratio_bands(site_id, self.bands() if own else None)
        self.rota.save_settings(RotaSettings(self.warn_days.value(), self.recheck.value(),
                                             self.minimum.value(), self.travel.value()))
        return site_id or 0
