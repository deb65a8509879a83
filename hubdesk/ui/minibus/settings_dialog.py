"""Minibus settings the office changes: the school day used for transport, the longest ride, the
loading minutes at a stop and when an escort must ride, for the cluster and per school, and the
office phone number the run sheets print."""

from __future__ import annotations

from datetime import time

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTimeEdit,
    QWidget,
)

from hubdesk.app import HubApp
from hubdesk.services.minibus import ESCORT_LABELS, MinibusSettings, SiteRule
from hubdesk.ui.common.dates import optional_time, time_edit, to_time
from hubdesk.ui.common.forms import InlineFormDialog

AS_CLUSTER = "as the cluster"
def _site_time(value: time | None) -> QTimeEdit:
    """A site's own time; 00:00 shows 'as the cluster' and saves as 'not set'."""
    edit = time_edit(value, blank=AS_CLUSTER)
    edit.setToolTip(f"Type this site's own time, or set it back to 00:00 for '{AS_CLUSTER}'")
    return edit


def _escort_box(current: str | None, with_cluster: bool) -> QComboBox:
    box = QComboBox()
    if with_cluster:
        box.addItem(AS_CLUSTER, None)
    for code, label in ESCORT_LABELS.items():
        box.addItem(label, code)
    box.setCurrentIndex(max(box.findData(current), 0))
    return box


def _spin(low: int, high: int, value: int) -> QSpinBox:
    box = QSpinBox()
    box.setRange(low, high)
    box.setValue(value)
    box.setSuffix(" min")
    return box


class MinibusSettingsDialog(InlineFormDialog):
    def __init__(self, app: HubApp, parent: QWidget | None = None) -> None:
        super().__init__("Minibus settings", parent)
        self.app = app
        current = app.minibus.settings.get()
        self.school_starts = time_edit(current.school_starts)
        self.school_ends = time_edit(current.school_ends)
        # Wider than allowed so the form can say what the limits are instead of stopping silently.
        self.max_ride = _spin(0, 600, current.max_ride_minutes)
        self.loading = _spin(0, 120, current.loading_minutes)
        self.escort = _escort_box(current.escort_rule, with_cluster=False)
        self.escort_blocking = QCheckBox("A run without the escort it needs is blocked (not only a "
                                         "warning)")
        self.escort_blocking.setChecked(current.escort_blocking)
        self.office_phone = QLineEdit(current.office_phone)
        self.office_phone.setPlaceholderText("e.g. 01706 230145")
        self.add_row("School starts", "school_starts", self.school_starts)
        self.add_row("School ends", "school_ends", self.school_ends)
        hint = QLabel("Breakfast-club children must be back at their school when it starts; "
                      "after-school children are ready to board when it ends.")
        hint.setWordWrap(True)
        self.form.addRow("", hint)
        self.add_row("Longest ride", "max_ride_minutes", self.max_ride)
        self.add_row("Loading at a stop", "loading_minutes", self.loading)
        self.add_row("Escort needed", "escort_rule", self.escort)
        self.add_row("", "escort_blocking", self.escort_blocking)
        self.add_row("Office phone (on run sheets)", "office_phone", self.office_phone)
        self.sites = QTableWidget(0, 4)
        self.sites.setHorizontalHeaderLabels(["Site", "School starts", "School ends", "Escort needed"])
        self.sites.verticalHeader().hide()
        self.sites.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.sites.setMinimumHeight(160)
        own = {r.site_id: r for r in current.sites}
        for site in app.sites.list():
            rule = own.get(int(site.id or 0), SiteRule(int(site.id or 0)))
            row = self.sites.rowCount()
            self.sites.insertRow(row)
            item = QTableWidgetItem(site.name)
            item.setData(256, site.id)
            self.sites.setItem(row, 0, item)
            self.sites.setCellWidget(row, 1, _site_time(rule.school_starts))
            self.sites.setCellWidget(row, 2, _site_time(rule.school_ends))
            self.sites.setCellWidget(row, 3, _escort_box(rule.escort_rule, with_cluster=True))
        header = self.sites.horizontalHeader()
        for col in (1, 2, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.add_row("Per site", "sites", self.sites)
        note = QLabel("Leave a site 'as the cluster' unless its day or rule differs. A run needs an "
                      "escort by the strictest rule of the sites it stops at.")
        note.setWordWrap(True)
        self.form.addRow("", note)
        self.resize(860, 640)

    def settings(self) -> MinibusSettings:
        rules = []
        for row in range(self.sites.rowCount()):
            starts, ends = self.sites.cellWidget(row, 1), self.sites.cellWidget(row, 2)
            escort = self.sites.cellWidget(row, 3)
            assert isinstance(starts, QTimeEdit) and isinstance(ends, QTimeEdit)
            assert isinstance(escort, QComboBox)
            item = self.sites.item(row, 0)
            assert item is not None
            rules.append(SiteRule(int(item.data(256)), optional_time(starts), optional_time(ends),
                                  escort.currentData()))
        return MinibusSettings(
            to_time(self.school_starts), to_time(self.school_ends),
            self.max_ride.value(), self.loading.value(), self.escort.currentData(),
            self.escort_blocking.isChecked(), tuple(rules), self.office_phone.text())

    def save(self) -> int:
        self.app.minibus.settings.save(self.settings())
        return 1
