"""The Today page: sites open today with their clubs, what needs attention, staff checks running out."""

from __future__ import annotations

import re
import threading
from dataclasses import replace
from datetime import timedelta

from pytestqt.qtbot import QtBot

from hubdesk.app import HubApp
from hubdesk.ui.shell.events import AppEvents
from hubdesk.ui.shell.main_window import MainWindow
from hubdesk.ui.today.page import TodayPage
from tests.conftest import DEMO_TODAY
from tests.services.rota.rota_setup import checked


def loaded(qtbot: QtBot, page: TodayPage) -> None:
    """The page reads its areas in the background: wait for the last one."""
    qtbot.waitUntil(lambda: page.loaded, timeout=30000)


def texts(widget: object) -> list[str]:
    return [widget.item(i).text() for i in range(widget.count())]  # type: ignore[attr-defined]


def test_expiring_staff_checks_are_listed_and_refresh(qtbot: QtBot, hub: HubApp) -> None:
    events = AppEvents()
    hub.staff.save(checked("Dee", "O'Hara <Soon>", first_aid_expires=hub.clock.today() + timedelta(days=10)))
    page = TodayPage(hub, events, today=hub.clock.today)
    qtbot.addWidget(page)
    page.show()  # on screen: a change reloads it at once (hidden, it reloads when shown)
    loaded(qtbot, page)
    assert any(t.startswith("Dee O'Hara <Soon>: Paediatric first aid runs out") for t in texts(page.expiring))
    hub.staff.save(checked("Eli", "Later", first_aid_expires=hub.clock.today() - timedelta(days=1)))
    events.staff_changed.emit()
    loaded(qtbot, page)
    assert any(t.startswith("Eli Later: Paediatric first aid ran out") for t in texts(page.expiring))


def test_the_demo_day_shows_sites_clubs_and_problems(qtbot: QtBot, demo_hub: HubApp) -> None:
    page = TodayPage(demo_hub, AppEvents(), today=lambda: DEMO_TODAY)
    qtbot.addWidget(page)
    loaded(qtbot, page)
    assert page.heading.text() == "Today — Tuesday 24 November 2026"
    assert page.sites.rowCount() == 8
    rows = {page.sites.item(r, 0).text(): [page.sites.item(r, c).text() for c in range(1, 4)]
            for r in range(page.sites.rowCount())}
    hub_row = rows["Ashworth Hub Primary School"]
    assert hub_row[0] == "open" and int(hub_row[1]) >= 3 and int(hub_row[2].replace(",", "")) > 50
    attention = texts(page.attention)
    assert any(t.startswith("⚠ Rota:") for t in attention)  # the demo's planted DBS problem
    assert "club places booked today" in page.summary.text()


def test_double_click_goes_to_the_page_that_deals_with_it(qtbot: QtBot, demo_hub: HubApp) -> None:
    window = MainWindow(demo_hub)
    qtbot.addWidget(window)
    page = window.pages["Today"]
    loaded(qtbot, page)
    rota_line = next(i for i in range(page.attention.count())
                     if page.attention.item(i).text().startswith("⚠ Rota:"))
    page.attention.itemDoubleClicked.emit(page.attention.item(rota_line))
    assert window.stack.currentWidget() is window.pages["Staff rota"]


def _number(text: str, pattern: str) -> int:
    found = re.search(pattern, text)
    return int(found.group(1).replace(",", "")) if found else 0


def test_todays_counts_equal_the_pages_they_lead_to(qtbot: QtBot, demo_hub: HubApp) -> None:
    window = MainWindow(demo_hub)
    qtbot.addWidget(window)
    today = window.pages["Today"]
    loaded(qtbot, today)
    lines = texts(today.attention)
    rota_lines = [t for t in lines if t.lstrip("⚠ ").startswith("Rota at ")]
    assert rota_lines and all("week of Mon 23 Nov" in t for t in rota_lines)
    rota = window.pages["Staff rota"]
    for row in range(today.attention.count()):
        item = today.attention.item(row)
        text = item.text()
        if not text.lstrip("⚠ ").startswith("Rota at "):
            continue
        today.attention.itemDoubleClicked.emit(item)
        assert window.stack.currentWidget() is rota
        site = text.lstrip("⚠ ")[len("Rota at "):].split(", week of")[0]
        assert rota.site.currentText() == site
        title = rota.problems_title.text()
        assert _number(text, r"(\d+) blocking problem") == _number(title, r"(\d+) blocking")
        assert _number(text, r"(\d+) warning") == _number(title, r"(\d+) warnings")
        assert "warning(s)" not in text and not re.search(r"\b1 warnings\b|\b1 blocking problems\b", text)
    minibus = window.pages["Minibus"]
    week_line = next(i for i in range(today.attention.count())
                     if "Minibus, week of Mon 23 Nov" in today.attention.item(i).text())
    today.attention.itemDoubleClicked.emit(today.attention.item(week_line))
    assert window.stack.currentWidget() is minibus and minibus.mode.currentText() == "Week"
    shown = texts(minibus.problems)
    week_text = today.attention.item(week_line).text()
    assert _number(week_text, r"(\d+) blocking problem") == sum(t.startswith("BLOCKING") for t in shown)
    assert _number(week_text, r"(\d+) warning") == sum(t.startswith("Warning") for t in shown)
    unmet_line = next(i for i in range(today.attention.count())
                      if today.attention.item(i).text().startswith("⚠ Minibus today:"))
    unmet_text = today.attention.item(unmet_line).text()
    today.attention.itemDoubleClicked.emit(today.attention.item(unmet_line))
    assert minibus.mode.currentText() == "Day" and minibus.day.date().toPython() == DEMO_TODAY
    assert _number(unmet_text, r"(\d+) transport needs? not met") == _number(
        minibus.needs_summary.text(), r"(\d+)</b> unmet") > 0


def test_a_run_with_no_driver_this_week_shows_on_today(qtbot: QtBot, demo_hub: HubApp) -> None:
    friday = DEMO_TODAY + timedelta(days=4 - DEMO_TODAY.weekday())
    run = demo_hub.minibus.runs.runs(friday, friday)[0]
    demo_hub.minibus.runs.save(replace(demo_hub.minibus.runs.get(run.id).form, driver_staff_id=None))
    page = TodayPage(demo_hub, AppEvents(), today=lambda: DEMO_TODAY)
    qtbot.addWidget(page)
    loaded(qtbot, page)
    lines = texts(page.attention)
    assert any(t.startswith("⚠ Minibus: ") and t.endswith("on Fri 27/11 has no driver.") for t in lines)
    week = next(t for t in lines if "Minibus, week of Mon 23 Nov" in t)
    assert week.startswith("⚠ ") and "2 blocking problems" in week


def test_the_other_lines_do_not_wait_for_the_money_line(qtbot: QtBot, demo_hub: HubApp) -> None:
    """The money owed is read last (seconds on a large cluster): the rota and minibus lines show first."""
    money_read = threading.Event()

    def slow_overdue() -> tuple[int, int, int]:
        assert money_read.wait(30)
        return 12_345, 2, 0

    demo_hub.money.accounts.overdue_total = slow_overdue  # type: ignore[method-assign]
    page = TodayPage(demo_hub, AppEvents(), today=lambda: DEMO_TODAY)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: any(t.startswith("⚠ Rota:") for t in texts(page.attention)), timeout=30000)
    assert not page.loaded and page.loading.text() == "Loading…"
    assert not any(t.startswith("Money:") for t in texts(page.attention))
    money_read.set()
    loaded(qtbot, page)
    assert "Money: £123.45 overdue from 2 families (£0.00 over 60 days)." in texts(page.attention)
    assert page.loading.text().startswith("Read at ")
