"""Filling a site chooser again after sites change, keeping the user's choice and firing no signals."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QComboBox

from hubdesk.services.sites import SiteForm


def refill_sites(combo: QComboBox, sites: Iterable[SiteForm], all_label: str | None = None) -> None:
    """Sites by name (with an 'all' entry holding None when ``all_label`` is given); the choice stays."""
    keep = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    if all_label is not None:
        combo.addItem(all_label, None)
    for site in sites:
        combo.addItem(site.name, site.id)
    combo.setCurrentIndex(max(0, combo.findData(keep)))
    combo.blockSignals(False)
