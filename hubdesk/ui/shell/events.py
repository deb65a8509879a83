"""Signals emitted after a service call succeeded, so every open page can refresh itself."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class AppEvents(QObject):
    children_changed = Signal()
    carers_changed = Signal(int)  # child id
    sites_changed = Signal()
    calendars_changed = Signal(int)  # site id
    staff_changed = Signal()
    bookings_changed = Signal()
    clubs_changed = Signal()
    referrals_changed = Signal()
    data_reloaded = Signal()  # import, demo, restore: everything may have changed
