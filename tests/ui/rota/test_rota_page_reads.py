"""When the Staff rota page reads: the person's week when its tab is shown, and a change made on another
page when the rota is next on screen (every visit reads it again), never a stale week."""

from __future__ import annotations

from datetime import date

import pytest
from pytestqt.qtbot import QtBot

from hubdesk.app import HubApp
from hubdesk.services.rota.dto import AssignForm, PersonWeek
from hubdesk.ui.rota.page import RotaPage
from hubdesk.ui.shell.events import AppEvents
from tests.services.rota.rota_setup import MONDAY, WEDNESDAY, checked, club_with_children, session_target


@pytest.fixture
def page(qtbot: QtBot, hub: HubApp, two_schools: dict[str, int], events: AppEvents) -> RotaPage:
    oak = two_schools["oak"]
    club_with_children(hub, oak, oak, 9)
    hub.staff.save(checked("Ann", "Smith", oak))
    widget = RotaPage(hub, events, today=WEDNESDAY)
    qtbot.addWidget(widget)
    widget.choose_site(oak)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _cell_text(page: RotaPage) -> str:
    row, col = next(pos for pos, cell in page._cells.items() if cell.day == MONDAY)
    item = page.table.item(row, col)
    assert item is not None
    return item.text()


def test_the_persons_week_is_read_when_its_tab_is_shown(page: RotaPage, hub: HubApp,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[int] = []
    person_week = hub.rota.person_week

    def counted(staff_id: int, day: date) -> PersonWeek:
        asked.append(staff_id)
        return person_week(staff_id, day)

    monkeypatch.setattr(hub.rota, "person_week", counted)
    page.refresh()
    assert asked == [] and page.person.person.count() == 0  # the site's grid is the tab on screen
    page.tabs.setCurrentIndex(1)
    assert len(asked) == 1 and page.person.person.currentText() == "Smith, Ann"
    assert "not on the rota" in page.person.hours.text()
    page._move(7)  # another week while the tab is on screen: read at once
    assert len(asked) == 2 and page.person.monday.isoformat() == "2026-11-30"


def test_a_change_elsewhere_shows_when_the_page_is_shown_again(
        page: RotaPage, hub: HubApp, events: AppEvents, two_schools: dict[str, int]) -> None:
    ann = next(r.id for r in hub.staff.list("ann"))
    page.hide()
    hub.rota.assign(AssignForm(ann, session_target(hub, two_schools["oak"], MONDAY)))
    events.staff_changed.emit()  # hidden: not read now
    assert "Ann Smith" not in _cell_text(page)
    page.show()
    page.on_shown()  # what the window does on every visit
    assert "Ann Smith" in _cell_text(page)
    assert page.grid is not None
    hub.rota.unassign(next(c for c in page.grid.sessions if c.day == MONDAY).staff[0].id)
    events.staff_changed.emit()  # on screen: read at once
    assert "Ann Smith" not in _cell_text(page)
