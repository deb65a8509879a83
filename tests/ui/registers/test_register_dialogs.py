"""The register's smaller forms driven through their widgets: a one-off collection permission
from inside the sign-out, the fire-drill log, the incident log and the late-collection fee rule."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from hubdesk.app import HubApp
from hubdesk.ui.registers.dialogs import (
    DrillDialog,
    IncidentDialog,
    LateFeeDialog,
)
from hubdesk.ui.registers.page import RegistersPage
from hubdesk.ui.registers.sign_out_dialog import OneOffDialog, SignOutDialog
from tests.services.registers.registers_data import DAY, NOW, Cluster
from tests.ui.helpers import save
from tests.ui.registers.registers_ui import row_of


def sign_out_dialog(qtbot: QtBot, page: RegistersPage, cluster: Cluster, key: str) -> SignOutDialog:
    button = page.table.buttons[cluster.sb(key)]
    if button.text() == "Sign in":
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, SignOutDialog) and dialog.isVisible()
    return dialog


def test_someone_else_collects_with_a_parents_one_off_permission(
        qtbot: QtBot, page: RegistersPage, hub: HubApp, cluster: Cluster) -> None:
    first = sign_out_dialog(qtbot, page, cluster, "lucja")
    assert [r.text() for r in first.radios] == ["Anna Wiśniewska (mother)    password: “bluebird”"]
    qtbot.mouseClick(first.other, Qt.MouseButton.LeftButton)
    form = first.one_off
    assert isinstance(form, OneOffDialog) and form.isVisible()
    assert form.parent_carer.currentText() == "Anna Wiśniewska (mother)"  # the father is barred
    assert form.parent_carer.count() == 1
    save(qtbot, form.buttons)
    assert form.visible_errors() == {"adult_name": "Enter the name of the adult collecting."}
    qtbot.keyClicks(form.adult, "Ewa Kowalska")
    qtbot.keyClicks(form.description, "aunt; photo ID shown")
    qtbot.keyClicks(form.password, "kite")
    save(qtbot, form.buttons)
    # the sign-out closes and comes back with the adult listed and their password to check
    qtbot.waitUntil(lambda: page.dialog is not first and isinstance(page.dialog, SignOutDialog))
    again = page.dialog
    assert isinstance(again, SignOutDialog)
    texts = [r.text() for r in again.radios]
    assert texts[1] == ("Ewa Kowalska (one-off today, authorised by Anna Wiśniewska (phone call "
                        "to the office); aunt; photo ID shown)    password: “kite”")
    qtbot.mouseClick(again.radios[1], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(again.password_checked, Qt.MouseButton.LeftButton)
    save(qtbot, again.buttons)
    qtbot.waitUntil(lambda: not again.isVisible())
    model = page.table.register_model
    assert model.index(row_of(page, "Wiśniewska, Łucja"), 8).data() == "Ewa Kowalska (one-off)"
    assert hub.registers.take.line(cluster.sb("lucja")).state == "out"


def test_a_one_off_needs_a_parent_on_record(qtbot: QtBot, page: RegistersPage,
                                           cluster: Cluster) -> None:
    dialog = sign_out_dialog(qtbot, page, cluster, "sukru")  # no carers at all
    assert dialog.radios == []
    qtbot.mouseClick(dialog.other, Qt.MouseButton.LeftButton)
    form = dialog.one_off
    assert isinstance(form, OneOffDialog)
    qtbot.keyClicks(form.adult, "A Neighbour")
    save(qtbot, form.buttons)
    assert "parental responsibility" in form.visible_errors()["authorised_by"]
    form.reject()
    qtbot.waitUntil(lambda: dialog.one_off is None)
    assert dialog.isVisible()  # still asking who collected; nobody new listed
    assert page.dialog is dialog


def test_record_a_fire_drill(qtbot: QtBot, page: RegistersPage, hub: HubApp,
                             cluster: Cluster) -> None:
    page.tabs.setCurrentWidget(page.day_tabs.on_site)
    tab = page.day_tabs.on_site
    assert "No fire drill" in tab.reminder.text()
    qtbot.mouseClick(tab.drill_button, Qt.MouseButton.LeftButton)
    drill = tab.dialog
    assert isinstance(drill, DrillDialog) and drill.isVisible()
    save(qtbot, drill.buttons)  # nobody timed it yet
    assert list(drill.visible_errors()) == ["evacuation_seconds"]
    drill.held.setDateTime(drill.held.dateTime().addDays(1))
    drill.minutes.setValue(2)
    save(qtbot, drill.buttons)
    assert drill.visible_errors() == {"held_at": "A drill cannot be recorded before it happens."}
    drill.held.setDateTime(drill.held.dateTime().addDays(-1).addSecs(-30 * 60))
    qtbot.keyClicks(drill.seconds, "30")
    drill.children_out.setValue(17)
    drill.staff_out.setValue(3)
    qtbot.keyClicks(drill.led_by, "Grace Ndlovu")
    qtbot.keyClicks(drill.notes, "Hall door stiff & slow <report to caretaker>")
    save(qtbot, drill.buttons)
    qtbot.waitUntil(lambda: len(tab.drills_model.rows) == 1)
    assert [tab.drills_model.index(0, c).data() for c in range(4)] == [
        "24/11/2026 17:15", "2 min 30 s", "17", "3"]
    assert tab.reminder.text() == ""
    [kept] = hub.registers.site.drills(cluster.oak)
    assert (kept.led_by, kept.notes) == ("Grace Ndlovu", "Hall door stiff & slow <report to caretaker>")


def test_record_an_incident_from_the_register(qtbot: QtBot, page: RegistersPage, hub: HubApp,
                                              cluster: Cluster) -> None:
    page.table.selectRow(row_of(page, "Smith & Jones, Tom <Tiny>"))
    qtbot.mouseClick(page.incident_button, Qt.MouseButton.LeftButton)
    incident = page.day_tabs.health.dialog
    assert isinstance(incident, IncidentDialog) and incident.isVisible()
    assert incident.child.currentText() == "Smith & Jones, Tom <Tiny>"  # the selected child
    assert incident.child.count() == 3
    save(qtbot, incident.buttons)
    assert incident.visible_errors() == {"what": "Describe what happened."}
    qtbot.keyClicks(incident.what, "Fell off the climbing frame, grazed knee")
    incident.kind.setCurrentIndex(incident.kind.findData("first_aid"))
    save(qtbot, incident.buttons)
    assert incident.visible_errors() == {"dealt_with_by": "Say who dealt with it."}
    qtbot.keyClicks(incident.dealt, "Grace Ndlovu")
    qtbot.keyClicks(incident.action, "Cleaned, plaster")
    incident.happened.setDateTime(incident.happened.dateTime().addSecs(3600))
    save(qtbot, incident.buttons)
    assert incident.visible_errors() == {"happened_at": "The time it happened is in the future."}
    incident.happened.setDateTime(incident.happened.dateTime().addSecs(-3600 - 45 * 60))
    save(qtbot, incident.buttons)
    qtbot.waitUntil(lambda: not incident.isVisible())
    [row] = hub.registers.health.incidents(child_id=cluster.children["tom"])
    assert (row.kind_label, row.dealt_with_by, row.site, row.parent_informed_at) == (
        "First aid", "Grace Ndlovu", "Oakfield Primary", None)
    assert row.happened_at == datetime(DAY.year, DAY.month, DAY.day, 17, 0)
    page.tabs.setCurrentWidget(page.day_tabs.health)
    tab = page.day_tabs.health
    assert [x.child for x in tab.model.rows] == ["Smith & Jones, Tom <Tiny>"]
    assert tab.model.index(0, 6).data() == "tell the parent today"
    tab.view.selectRow(0)
    qtbot.mouseClick(tab.told_button, Qt.MouseButton.LeftButton)
    assert tab.model.index(0, 5).data() == "24/11/2026 17:45" == f"{NOW:%d/%m/%Y %H:%M}"
    assert tab.model.index(0, 6).data() == ""


def test_late_fee_rule_from_the_late_collection_tab(qtbot: QtBot, page: RegistersPage,
                                                    hub: HubApp, cluster: Cluster) -> None:
    qtbot.mouseClick(page.table.buttons[cluster.sb("lucja")], Qt.MouseButton.LeftButton)
    page.tabs.setCurrentWidget(page.day_tabs.late)
    tab = page.day_tabs.late
    assert "£5.00 per started 15 minutes after 5 minutes' grace" in tab.note.text()
    qtbot.mouseClick(tab.fee_button, Qt.MouseButton.LeftButton)
    dialog = tab.dialog
    assert isinstance(dialog, LateFeeDialog) and dialog.isVisible()
    assert (dialog.grace.value(), dialog.block.value(), dialog.charge.value()) == (5, 15, 5.0)
    assert dialog.example.text() == ("For example: 6 min late £5.00, 20 min late £5.00, "
                                     "45 min late £15.00.")
    dialog.grace.setValue(10)
    dialog.block.setValue(10)
    dialog.charge.clear()
    qtbot.keyClicks(dialog.charge, "2.50")
    assert dialog.example.text() == ("For example: 11 min late £2.50, 20 min late £2.50, "
                                     "45 min late £10.00.")
    save(qtbot, dialog.buttons)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    rule = hub.registers.late.rule()
    assert (rule.grace_minutes, rule.block_minutes, rule.pence_per_block) == (10, 10, 250)
    assert "£2.50 per started 10 minutes after 10 minutes' grace" in tab.note.text()
    # the rule is used when the child goes home: 17:45 is 15 minutes after the end
    take = hub.registers.take
    take.sign_out(cluster.sb("lucja"), take.collectors(cluster.sb("lucja"))[0])
    from sqlalchemy import select

    from hubdesk.core.models import Attendance
    with hub.factory() as s:
        a = s.scalar(select(Attendance).where(Attendance.session_booking_id == cluster.sb("lucja")))
        assert a is not None and (a.late_minutes, a.late_fee_pence) == (15, 250)
