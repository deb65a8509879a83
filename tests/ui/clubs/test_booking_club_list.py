"""The booking dialog's club list on the demo: the clubs a child can attend first (own school,
their year group, another site the minibus reaches in time), then the rest greyed under a separator."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from hubdesk.app import HubApp
from hubdesk.ui.clubs.booking_dialog import BookingDialog
from hubdesk.ui.clubs.club_choices import GREY, OTHERS
from hubdesk.ui.shell.events import AppEvents
from tests.conftest import DEMO_TODAY
from tests.statements import counting


def test_the_clubs_a_child_can_attend_come_first(qtbot: QtBot, demo_hub: HubApp) -> None:
    child = demo_hub.children.search(limit=1)[0]
    choices = {c.club_id: c for c in demo_hub.clubs.choices_for(child.id)}
    can = {i for i, c in choices.items() if c.can_attend}
    assert can and len(can) < len(choices)
    dialog = BookingDialog(demo_hub, AppEvents(), DEMO_TODAY, child_id=child.id)
    qtbot.addWidget(dialog)
    combo = dialog.club
    texts = [combo.itemText(i) for i in range(combo.count())]
    header = texts.index(OTHERS)
    first = [combo.itemData(i) for i in range(header - 1)]  # header - 1 is the separator
    rest = [combo.itemData(i) for i in range(header + 1, combo.count())]
    assert set(first) == can and set(rest) == set(choices) - can
    assert combo.currentData() in can
    assert not combo.model().flags(combo.model().index(header, 0)) & Qt.ItemFlag.ItemIsEnabled
    for i in range(header + 1, combo.count()):
        assert combo.itemData(i, Qt.ItemDataRole.ForegroundRole).color() == GREY.color()
    reasons = {t.split(" — ")[-1] for t in texts[:header] if " — " in t}
    assert "at their school" in reasons
    priced = [r for r in demo_hub.clubs.list(DEMO_TODAY) if r.price_pence]
    assert priced and all("£" in combo.itemText(combo.findData(r.id)) for r in priced)
    free = [r for r in demo_hub.clubs.list(DEMO_TODAY) if not r.price_pence]
    assert all("£" not in combo.itemText(combo.findData(r.id)) for r in free)


def test_choosing_a_child_reorders_the_list_and_keeps_the_club(qtbot: QtBot, demo_hub: HubApp) -> None:
    dialog = BookingDialog(demo_hub, AppEvents(), DEMO_TODAY)
    qtbot.addWidget(dialog)
    assert OTHERS not in [dialog.club.itemText(i) for i in range(dialog.club.count())]
    child = demo_hub.children.search(limit=1)[0]
    can = [c.club_id for c in demo_hub.clubs.choices_for(child.id) if c.can_attend]
    dialog.club.setCurrentIndex(dialog.club.findData(can[-1]))
    assert dialog.picker is not None
    dialog.picker.search.setText(child.name)
    dialog.picker.look_up()
    assert dialog.picker.child_id() == child.id
    assert OTHERS in [dialog.club.itemText(i) for i in range(dialog.club.count())]
    assert dialog.club_id() == can[-1]


def test_a_closed_dialog_reads_nothing_more(qtbot: QtBot, demo_hub: HubApp) -> None:
    """A closed dialog lives until Qt deletes it; its pending preview must not reach the database
    (a test's closed dialog once read the file after the file's folder was gone)."""
    child = demo_hub.children.search(limit=1)[0]
    for shown in (False, True):
        dialog = BookingDialog(demo_hub, AppEvents(), DEMO_TODAY, child_id=child.id)
        qtbot.addWidget(dialog)
        if shown:
            dialog.show()
            qtbot.waitExposed(dialog)
        dialog.schedule_preview()
        with counting(demo_hub.engine) as sql:
            qtbot.wait(400)  # the preview waits 150 ms after the last change
        assert sql.count > 0
        dialog.schedule_preview()
        with counting(demo_hub.engine) as sql:
            dialog.close()
            qtbot.wait(400)
        assert sql.count == 0
