"""The Clubs page on the scale-1 demo cluster (about 40 clubs, 160,000 session bookings).

Target (issue 4): the Clubs page with this week's occupancy in under 200 ms — the page built and
filled, the first club's sessions and booked children shown. Also timed: moving to the next week,
and the booking dialog's preview of a whole-year standing booking (shown while the office types).
"""

from __future__ import annotations

import os
import sys
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from common import TODAY, demo_app, report, timed
from PySide6.QtWidgets import QApplication

from hubdesk.ui.clubs.booking_dialog import BookingDialog
from hubdesk.ui.clubs.page import ClubsPage
from hubdesk.ui.common.dates import qdate
from hubdesk.ui.shell.events import AppEvents

# Noon UTC on the benchmark's Tuesday: "this week" is the demo's busy autumn week.
TODAY_NOON = datetime(TODAY.year, TODAY.month, TODAY.day, 12, 0)


def main() -> None:
    qt = QApplication.instance() or QApplication([])
    with demo_app(scale=1) as (app, _summary):
        app.clock.frozen_at = TODAY_NOON
        events = AppEvents()
        pages: list[ClubsPage] = []

        def build() -> None:
            page = ClubsPage(app, events)
            pages.append(page)
            qt.processEvents()

        clubs = len(app.clubs.list(TODAY))
        report(f"Clubs page with this week's occupancy ({clubs} clubs)", timed(build), 200)
        page = pages[-1]
        assert page.model.rowCount() == clubs and page.panel.sessions.rowCount() > 0
        week = [TODAY]

        def next_week() -> None:
            week[0] += timedelta(days=7)
            page.week.setDate(qdate(week[0]))

        report("Clubs page: move to the next week", timed(next_week), 200)
        first = page.model.rows[0]
        child = app.children.search(school_id=first.site_id, limit=1)[0]
        dialog = BookingDialog(app, events, TODAY, child_id=child.id, club_id=first.id)
        report("Booking dialog: preview a standing booking to the year's end",
               timed(dialog.refresh_preview), 100)
        for widget in [*pages, dialog]:
            widget.deleteLater()
        qt.processEvents()


if __name__ == "__main__":
    main()
