"""File › Retention…: rules saved, a preview listing what would change, and a purge only after a
confirmation naming the counts (No changes nothing)."""

from __future__ import annotations

from datetime import date

from pytestqt.qtbot import QtBot

from hubdesk.app import HubApp
from hubdesk.services.people import CarerForm, CarerLink
from hubdesk.ui.shell.events import AppEvents
from hubdesk.ui.shell.retention_dialog import RetentionDialog
from tests.conftest import child_form, frozen_clock
from tests.ui.helpers import Said


def test_preview_then_purge_with_a_confirmation(qtbot: QtBot, hub: HubApp, events: AppEvents,
                                                two_schools: dict[str, int], said: Said) -> None:
    child = hub.children.save(child_form(two_schools["oak"]))
    hub.carers.save_link(child, CarerLink(CarerForm(forename="Agnieszka", surname="Nowak")))
    hub.children.mark_left(child, date(2026, 11, 20))
    hub.clock.frozen_at = frozen_clock(date(2030, 12, 2)).now()
    dialog = RetentionDialog(hub, events)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.purge_button.isEnabled()
    dialog.years["registers"].setValue(4)
    assert dialog.counts.text().startswith("The rules changed")
    dialog.save_button.click()
    assert {r.key: r.years for r in hub.retention.rules()}["registers"] == 4
    assert "older than 4 years" in dialog.explained["registers"].text()
    dialog.preview_button.click()
    plan = hub.retention.preview()
    assert plan.total > 2  # the leaver, the carer left alone, and the history of 2026 trimmed
    assert dialog.counts.text() == (f"A purge today would change {plan.total} records — Children "
                                    "who left: 1; Carers with no children: 1; Registers: 0; "
                                    "Accidents, incidents and medicines: 0; History details: "
                                    f"{plan.total - 2}.")
    assert dialog.lines.item(0).text().startswith("Anonymise Łucja Wiśniewska")
    said.confirm = False
    dialog.purge_button.click()
    assert said.texts[-1].startswith(f"Purge {plan.total} records now?\n\nChildren who left: 1;")
    assert hub.retention.preview() == plan  # No: nothing purged
    said.confirm = True
    with qtbot.waitSignal(events.data_reloaded, timeout=10_000):
        dialog.purge_button.click()
    assert said.infos[-1].startswith(f"Purged {plan.total} records. The backup from before is ")
    assert hub.children.get(child).forename == "Former pupil"
    assert not dialog.purge_button.isEnabled()
