"""The Referrals page: a referral typed into the form and saved, filters, the timeline, a bad date
shown beside its field, and the overdue area on Today."""

from __future__ import annotations

from datetime import date

import pytest
from pytestqt.qtbot import QtBot

from hubdesk.app import HubApp
from hubdesk.services.referrals import ReferralForm
from hubdesk.ui.referrals import referral_dialog
from hubdesk.ui.referrals.page import ReferralsPage
from hubdesk.ui.shell.events import AppEvents
from hubdesk.ui.today.page import TodayPage
from tests.conftest import child_form
from tests.ui.helpers import Said, save, type_over


@pytest.fixture
def child(hub: HubApp, two_schools: dict[str, int]) -> int:
    return hub.children.save(child_form(two_schools["oak"]))


@pytest.fixture
def page(qtbot: QtBot, hub: HubApp, child: int) -> ReferralsPage:
    widget = ReferralsPage(hub, AppEvents())
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_a_referral_typed_into_the_form_is_listed_with_its_timeline(
        qtbot: QtBot, page: ReferralsPage, hub: HubApp, said: Said) -> None:
    assert page.count.text() == "No referrals yet: use New referral."
    page.new_button.click()
    dialog = page.dialog
    assert dialog is not None and dialog.picker is not None
    qtbot.keyClicks(dialog.picker.child.search, "Lucja")
    dialog.picker.child.look_up()
    dialog.service.setCurrentIndex(dialog.service.findData("local_provider"))
    qtbot.keyClicks(dialog.made_by, "Mrs Patel")
    type_over(qtbot, dialog.made_on, "16/11/2026")
    save(qtbot, dialog)
    assert dialog.visible_errors() == {"provider": "Name the local provider."}
    qtbot.keyClicks(dialog.provider, "Brightside Family Hub")
    qtbot.keyClicks(dialog.steps["acknowledged_on"], "31/11/2026")
    save(qtbot, dialog)
    assert list(dialog.visible_errors()) == ["acknowledged_on"]
    dialog.steps["acknowledged_on"].clear()
    qtbot.keyClicks(dialog.steps["acknowledged_on"], "17/11/2026")
    save(qtbot, dialog)
    assert not dialog.isVisible(), dialog.visible_errors()
    assert page.model.rowCount() == 1
    row = page.model.row(0)
    assert (row.person, row.to_whom, row.state) == ("Łucja Wiśniewska",
                                                    "Local provider: Brightside Family Hub", "Overdue")
    page.view.selectRow(0)
    assert "Contact due 23/11/2026" in page.timeline.text()
    assert "Acknowledged 17/11/2026" in page.timeline.text() and "Closed —" in page.timeline.text()
    assert said.log == []


def test_filters_by_open_overdue_school_and_service(qtbot: QtBot, page: ReferralsPage,
                                                   hub: HubApp, child: int,
                                                   two_schools: dict[str, int]) -> None:
    category = hub.referrals.categories()[0].id
    hub.referrals.save(ReferralForm("camhs", category, "Mr Hale", date(2026, 11, 16), child_id=child))
    hub.referrals.save(ReferralForm("school_nurse", category, "Mr Hale", date(2026, 11, 23),
                                    child_id=child))
    hub.referrals.save(ReferralForm("school_nurse", category, "Mr Hale", date(2026, 11, 2),
                                    child_id=child, closed_on=date(2026, 11, 20), outcome="Seen"))
    page.events.referrals_changed.emit()
    assert page.model.rowCount() == 3
    page.open_only.setChecked(True)
    assert page.model.rowCount() == 2
    page.overdue_only.setChecked(True)
    assert [r.to_whom for r in page.model.rows] == ["CAMHS"]
    page.overdue_only.setChecked(False)
    page.service.setCurrentIndex(page.service.findData("school_nurse"))
    assert page.model.rowCount() == 1
    page.school.setCurrentIndex(page.school.findData(two_schools["elm"]))
    assert page.model.rowCount() == 0
    assert page.count.text() == "No referrals match these filters."


def test_today_shows_the_overdue_referrals_in_their_own_area(qtbot: QtBot, hub: HubApp,
                                                            child: int) -> None:
    category = hub.referrals.categories()[0].id
    hub.referrals.save(ReferralForm("camhs", category, "Mr Hale", date(2026, 11, 16), child_id=child))
    today = TodayPage(hub, AppEvents())
    qtbot.addWidget(today)
    qtbot.waitUntil(lambda: today.loaded, timeout=30_000)  # Today reads its areas in a worker
    area = today.referrals
    assert area.title() == "Overdue referrals (1)"
    assert area.list.item(0).text().startswith("Łucja Wiśniewska (Oakfield Primary) → CAMHS")


def test_the_target_moves_the_due_dates(qtbot: QtBot, page: ReferralsPage, hub: HubApp,
                                        child: int) -> None:
    category = hub.referrals.categories()[0].id
    hub.referrals.save(ReferralForm("camhs", category, "Mr Hale", date(2026, 11, 16), child_id=child))
    page.events.referrals_changed.emit()
    assert page.model.row(0).state == "Overdue" and page.target.value() == 5
    page.target.setValue(10)
    page.target.editingFinished.emit()
    assert hub.referrals.target_days() == 10
    assert (page.model.row(0).due_on, page.model.row(0).state) == (date(2026, 11, 30), "Made")


def test_a_new_category_is_added_to_the_list_and_chosen(qtbot: QtBot, page: ReferralsPage,
                                                        hub: HubApp,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    page.new_button.click()
    dialog = page.dialog
    assert dialog is not None
    monkeypatch.setattr(referral_dialog, "ask_category", lambda _parent: "Young carer")
    dialog.new_category.click()
    assert dialog.category.currentText() == "Young carer"
    assert "Young carer" in [c.name for c in hub.referrals.categories()]
    dialog.new_category.click()  # the same name again: told beside the field
    assert dialog.visible_errors() == {"category_id": "There is already a category called Young "
                                                      "carer."}
