"""Every date field takes a typed date, shades the site's closed days and offers term ends."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from hubdesk.app import HubApp
from hubdesk.ui.common.dates import (
    CLOSED_SHADE,
    date_edit,
    optional_date,
    optional_date_edit,
    term_end_button,
    to_date,
)


@pytest.mark.parametrize("typed", ["30/11", "30/11/26", "30/11/2026", "2026-11-30",
                                   "Mon 30/11/2026", "30.11.2026"])
def test_a_date_field_reads_what_is_typed(qtbot: QtBot, typed: str) -> None:
    edit = date_edit(date(2026, 9, 1))
    qtbot.addWidget(edit)
    edit.show()
    edit.lineEdit().selectAll()
    qtbot.keyClicks(edit, typed)
    assert to_date(edit) == date(2026, 11, 30)
    assert edit.text() == "Mon 30/11/2026"


def test_an_adults_birth_year_needs_four_digits_and_empty_means_none(qtbot: QtBot) -> None:
    edit = optional_date_edit(None, two_digit_years=False)
    qtbot.addWidget(edit)
    edit.show()
    assert optional_date(edit) is None
    qtbot.keyClicks(edit, "02/03/70")
    assert edit.problem() == "'02/03/70' needs a four-digit year, e.g. 02/03/2070 (or 19..)."
    edit.clear()
    qtbot.keyClicks(edit, "02/03/1970")
    assert edit.problem() is None and optional_date(edit) == date(1970, 3, 2)


def test_closed_days_are_shaded_and_term_ends_offered(qtbot: QtBot, hub: HubApp,
                                                      two_schools: dict[str, int]) -> None:
    guide = hub.calendars.date_guide(two_schools["oak"], date(2026, 10, 5))
    assert guide.half_term_end == date(2026, 10, 23) and guide.term_end == date(2026, 12, 18)
    edit = date_edit(date(2026, 10, 5))
    qtbot.addWidget(edit)
    button = term_end_button(edit, guide)
    qtbot.addWidget(button)
    shade = edit.calendarWidget().dateTextFormat(QDate(2026, 10, 27)).background().color()
    assert shade == QColor(CLOSED_SHADE)  # half-term
    open_day = edit.calendarWidget().dateTextFormat(QDate(2026, 10, 22)).background().color()
    assert open_day != QColor(CLOSED_SHADE)
    menu = button.menu()
    menu.aboutToShow.emit()
    labels = [a.text() for a in menu.actions()]
    assert labels == ["End of this half-term (Fri 23/10/2026)", "End of term (Fri 18/12/2026)"]
    menu.actions()[1].trigger()
    assert to_date(edit) == date(2026, 12, 18)
