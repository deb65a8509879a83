"""The Parent learning page driven through its widgets against a real temporary database:
a course through the editor, enrolling a parent, the waiting list, withdrawing, the register,
progress notes, the crèche, and printing."""

from __future__ import annotations

from datetime import time, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from hubdesk.app import HubApp
from hubdesk.services.learning.courses import CourseForm
from hubdesk.services.learning.creche import CrecheChildForm
from hubdesk.services.people.carers import CarerForm, CarerLink
from hubdesk.services.sites.calendars import EntryForm
from hubdesk.ui.common import page as common_page
from hubdesk.ui.learning.page import CRECHE, REGISTER, LearningPage
from hubdesk.ui.shell.events import AppEvents
from tests.conftest import SCHOOL_DAY, child_form
from tests.reports.pdf_helpers import pages_text
from tests.ui.helpers import Said, click, type_text

TODAY = SCHOOL_DAY  # the day the hub fixture's clock is stopped at


@pytest.fixture
def course(hub: HubApp, two_schools: dict[str, int]) -> int:
    """A course meeting every weekday from eight weeks ago to four weeks ahead, whatever today is."""
    oak = two_schools["oak"]
    hub.calendars.save_entry(EntryForm(oak, "term", TODAY - timedelta(days=70),
                                       TODAY + timedelta(days=70), "Test term"))
    return hub.learning.courses.save(CourseForm(
        "Family English", "english", oak, TODAY - timedelta(weeks=8), TODAY + timedelta(weeks=4),
        (0, 1, 2, 3, 4), time(9, 15), time(11, 15), capacity=2, creche_places=3))


@pytest.fixture
def page(qtbot: QtBot, hub: HubApp, course: int, said: Said) -> LearningPage:
    widget = LearningPage(hub, AppEvents())
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def parent_of_pupil(hub: HubApp, school: int, forename: str, surname: str) -> int:
    pupil = hub.children.save(child_form(school, forename="Zeynep", surname=surname))
    return hub.carers.save_link(pupil, CarerLink(CarerForm(forename, surname,
                                                           phone_mobile="07700 900456")))


def test_enrol_a_known_parent_and_a_new_adult(qtbot: QtBot, page: LearningPage, hub: HubApp,
                                              two_schools: dict[str, int], course: int,
                                              said: Said) -> None:
    parent_of_pupil(hub, two_schools["oak"], "Ayşe", "Kaya")
    assert page.selected() is not None and page.selected().title == "Family English"
    click(qtbot, page.learners.enrol_button)
    dialog = page.learners.dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(dialog.search, "ayse ka")
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    assert [c.forename for c in dialog.matches.rows] == ["Ayşe"]
    click(qtbot, dialog.known_button)
    assert not dialog.isVisible()
    assert [r.name for r in page.learners.model.rows] == ["Kaya, Ayşe"]
    assert page.selected().places == "1/2"
    assert "Zeynep (Oakfield Primary)" in page.learners.model.rows[0].children

    # A new adult whose name is already there: asked first, and refusing goes back to search.
    click(qtbot, page.learners.enrol_button)
    dialog = page.learners.dialog
    dialog.tabs.setCurrentIndex(1)
    type_text(qtbot, dialog.forename, "Ayşe")
    qtbot.keyClicks(dialog.surname, "Kaya")
    said.confirm = False
    click(qtbot, dialog.new_button)
    assert dialog.isVisible() and dialog.tabs.currentIndex() == 0
    assert [c.surname for c in dialog.matches.rows] == ["Kaya"]
    # Saying yes without a phone or email is still refused by the service: shown in the dialog.
    said.confirm = True
    dialog.tabs.setCurrentIndex(1)
    click(qtbot, dialog.new_button)
    assert dialog.isVisible()
    assert "already in the database" in dialog.visible_errors()[0]
    dialog.reject()

    click(qtbot, page.learners.enrol_button)
    dialog = page.learners.dialog
    dialog.tabs.setCurrentIndex(1)
    type_text(qtbot, dialog.forename, "Łucja")
    type_text(qtbot, dialog.surname, "Wiśniewska")
    qtbot.keyClicks(dialog.mobile, "07700 900111")
    click(qtbot, dialog.new_button)
    assert not dialog.isVisible()
    assert {r.name for r in page.learners.model.rows} == {"Kaya, Ayşe", "Wiśniewska, Łucja"}
    assert hub.carers.find("lucja")[0].phone_mobile == "07700 900111"

    # The course is full now: the next adult goes on the waiting list, and is told so.
    hub.carers.save_link(hub.children.save(child_form(two_schools["elm"], surname="Doğan")),
                         CarerLink(CarerForm("Emre", "Doğan")))
    click(qtbot, page.learners.enrol_button)
    dialog = page.learners.dialog
    qtbot.keyClicks(dialog.search, "dogan")
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    click(qtbot, dialog.known_button)
    assert said.infos[-1] == "The course is full: Emre Doğan is number 1 on the waiting list."
    assert page.model.index(0, 5).data() == "1"  # Waiting column
    assert said.warnings == []


def test_mark_a_register(qtbot: QtBot, page: LearningPage, hub: HubApp, course: int,
                         said: Said) -> None:
    for name in (("Ayşe", "Kaya"), ("Emre", "Doğan")):
        hub.learning.enrolments.enrol(course, new_adult=CarerForm(*name, phone_mobile="07700 900000"))
    page.refresh()
    page.tabs.setCurrentIndex(1)
    register = page.register
    past = [x for x in hub.learning.courses.sessions(course) if x.day < TODAY][-1]
    register.choose_session(past.day)
    assert register.session_id() == past.id
    assert register.table.rowCount() == 2 and register.save_button.isEnabled()
    click(qtbot, register.all_present_button)
    doğan = register.row_of("Doğan, Emre")
    register.mark_box(doğan).setFocus()
    qtbot.keyClicks(register.mark_box(doğan), "Absent")
    assert register.mark_box(doğan).currentText() == "Absent"
    assert register.reason_box(doğan).isEnabled()
    qtbot.keyClicks(register.reason_box(doğan).lineEdit(), "Hospital appointment")
    click(qtbot, register.save_button)
    assert said.warnings == []
    _session, lines = hub.learning.enrolments.register(past.id)
    assert [(line.name, line.present, line.reason) for line in lines] == [
        ("Doğan, Emre", False, "Hospital appointment"), ("Kaya, Ayşe", True, "")]
    assert register.session_id() == past.id  # still on the same session after saving
    assert "2 of 2 marked, 1 present" in register.state.text()
    future = next(x for x in hub.learning.courses.sessions(course) if x.day > TODAY)
    register.choose_session(future.day)
    assert not register.save_button.isEnabled()
    assert "mark it on the day" in register.state.text()


def test_withdraw_complete_and_progress_notes(qtbot: QtBot, page: LearningPage, hub: HubApp,
                                              course: int, said: Said) -> None:
    for name in (("Ayşe", "Kaya"), ("Emre", "Doğan"), ("Ana", "Ruiz")):
        hub.learning.enrolments.enrol(course, new_adult=CarerForm(*name, phone_mobile="07700 900000"))
    page.refresh()
    tab = page.learners
    tab.select("Doğan, Emre")
    click(qtbot, tab.withdraw_button)
    assert said.warnings[-1].startswith("Type why")
    qtbot.keyClicks(tab.reason, "Started a job")
    click(qtbot, tab.withdraw_button)
    assert said.infos[-1] == "Ana Ruiz moved up from the waiting list."
    statuses = {r.name: r.status for r in tab.model.rows}
    assert statuses == {"Kaya, Ayşe": "enrolled", "Ruiz, Ana": "enrolled",
                        "Doğan, Emre": "withdrawn"}
    tab.select("Kaya, Ayşe")
    qtbot.keyClicks(tab.notes["starting_point"], "Reads short texts")
    qtbot.keyClicks(tab.notes["goals"], "Read to my children")
    click(qtbot, tab.save_notes_button)
    click(qtbot, tab.complete_button)
    row = next(r for r in hub.learning.enrolments.learners(course) if r.name == "Kaya, Ayşe")
    assert (row.status, row.notes.goals) == ("completed", "Read to my children")
    assert tab.selected() is not None and tab.selected().name == "Kaya, Ayşe"
    assert tab.uncomplete_button.isEnabled() and not tab.complete_button.isEnabled()
    assert said.warnings == ["Type why the learner is withdrawing, then press Withdraw."]


def test_new_course_through_the_editor(qtbot: QtBot, page: LearningPage, hub: HubApp,
                                       said: Said) -> None:
    click(qtbot, page.new_button)
    dialog = page.dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.title, "Digital skills for parents")
    for box in dialog.weekday_boxes:
        box.setChecked(False)
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    click(qtbot, save)
    assert dialog.isVisible() and list(dialog.visible_errors()) == ["weekdays"]
    click(qtbot, dialog.by_partner)
    click(qtbot, dialog.weekday_boxes[TODAY.weekday() % 5])
    click(qtbot, save)
    assert list(dialog.visible_errors()) == ["provider"]
    qtbot.keyClicks(dialog.provider, "City Adult College")
    qtbot.keyClicks(dialog.tutor_name, "Sam Patel")
    qtbot.keyClicks(dialog.fee, "twelve")
    click(qtbot, save)
    assert list(dialog.visible_errors()) == ["fee_pence"]
    dialog.fee.clear()
    qtbot.keyClicks(dialog.fee, "12.50")
    click(qtbot, save)
    assert not dialog.isVisible(), dialog.visible_errors()
    chosen = page.selected()
    assert chosen is not None and chosen.title == "Digital skills for parents"
    assert (chosen.provider, chosen.tutor, chosen.fee) == ("City Adult College", "Sam Patel",
                                                           "£12.50")
    assert said.warnings == []
    click(qtbot, page.delete_button)  # set up by mistake: it can go while nobody is enrolled
    assert said.warnings == []
    assert [c.title for c in page.model.rows] == ["Family English"]
    hub.learning.enrolments.enrol(page.model.rows[0].id, new_adult=CarerForm("Ana", "Ruiz",
                                                                             phone_mobile="07700 900000"))
    click(qtbot, page.delete_button)
    assert "has 1 learner record, so it is kept" in said.warnings[0]


def test_creche_booking_staff_and_register(qtbot: QtBot, page: LearningPage, hub: HubApp,
                                           course: int, said: Said) -> None:
    mum = hub.learning.enrolments.enrol(course, new_adult=CarerForm("Ayşe", "Kaya",
                                                                    phone_mobile="07700 900000")).carer_id
    hub.learning.creche.save_child(CrecheChildForm("Can", "Kaya", TODAY - timedelta(days=800),
                                                   mum))
    page.refresh()
    page.tabs.setCurrentIndex(2)
    tab = page.creche
    assert tab.learner.currentText() == "Kaya, Ayşe"
    assert tab.child.count() == 1
    click(qtbot, tab.new_child_button)
    dialog = tab.dialog
    assert dialog is not None and dialog.surname.text() == "Kaya"
    qtbot.keyClicks(dialog.forename, "Defne")
    dialog.date_of_birth.setDate(TODAY - timedelta(days=300))
    qtbot.keyClicks(dialog.allergies, "Egg")
    click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Save))
    assert tab.child.currentText().startswith("Defne Kaya")
    click(qtbot, tab.book_button)
    tab.child.setCurrentIndex(0)
    click(qtbot, tab.book_button)
    assert said.warnings == []
    assert [b.name for b in tab.bookings.rows] == ["Kaya, Can", "Kaya, Defne"]
    assert "2 of 3" in tab.summary.text()
    assert {x.required_staff for x in tab.sessions.rows} == {1}  # 1:3 under 2, 1:5 two-year-olds
    today = [x for x in tab.sessions.rows if x.day == TODAY]
    if today:  # a weekday in term: the crèche register is kept now
        assert tab.sign_in_button.isEnabled()
        tab.register_view.selectRow(0)
        click(qtbot, tab.sign_in_button)
        assert tab.register.rows[0].signed_in
        tab.register_view.selectRow(0)
        assert tab.collected_by.text() == "Ayşe Kaya"
        click(qtbot, tab.sign_out_button)
        assert tab.register.rows[0].collected_by == "Ayşe Kaya"
    else:
        assert not tab.sign_in_button.isEnabled()
        assert "kept on the day" in tab.register_state.text()
    # A stricter rule typed by the office: one adult per baby.
    click(qtbot, tab.rules_button)
    rules = tab.rules_dialog
    assert rules is not None and rules.table.rowCount() == 3
    rules.table.item(0, 1).setText("one")
    click(qtbot, rules.buttons.button(QDialogButtonBox.StandardButton.Save))
    assert rules.isVisible() and "whole numbers" in rules.visible_errors()["rules"]
    rules.table.item(0, 1).setText("1")
    click(qtbot, rules.buttons.button(QDialogButtonBox.StandardButton.Save))
    assert not rules.isVisible()
    assert {x.required_staff for x in tab.sessions.rows} == {2}
    assert "1:1 under 2" in tab.summary.text()
    assert said.warnings == []


def test_print_register_and_certificates(qtbot: QtBot, page: LearningPage, hub: HubApp,
                                         course: int, said: Said,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[Path] = []
    monkeypatch.setattr(common_page, "open_pdf", opened.append)
    enrolled = hub.learning.enrolments.enrol(course, new_adult=CarerForm(
        "Şükrü", "Öztürk", phone_mobile="07700 900000"))
    page.refresh()
    click(qtbot, page.print_register_button)
    qtbot.waitUntil(lambda: bool(opened), timeout=10000)
    assert "Course register: Family English" in pages_text(opened[0])[0]
    assert "Öztürk, Şükrü" in pages_text(opened[0])[0]
    click(qtbot, page.print_certificates_button)
    qtbot.waitUntil(lambda: bool(said.warnings), timeout=10000)
    assert "No learner has completed" in said.warnings[0]
    hub.learning.enrolments.set_completed(enrolled.enrolment_id, True)
    click(qtbot, page.print_certificates_button)
    qtbot.waitUntil(lambda: len(opened) == 2, timeout=10000)
    assert "Şükrü Öztürk" in pages_text(opened[1])[0]
    assert opened[1].parent == hub.settings.data_dir / "printouts"


def test_the_register_and_creche_tabs_are_built_when_first_shown(qtbot: QtBot, page: LearningPage,
                                                                 hub: HubApp, course: int) -> None:
    """Most visits look at the learners: the other two tabs cost nothing until shown, and then show
    the course chosen meanwhile."""
    assert page.lazy.built(REGISTER) is None and page.lazy.built(CRECHE) is None
    hub.learning.enrolments.enrol(course, new_adult=CarerForm("Ayşe", "Kaya", phone_mobile="07700 900000"))
    page.refresh()
    assert page.lazy.built(REGISTER) is None
    page.tabs.setCurrentIndex(CRECHE)
    creche = page.lazy.built(CRECHE)
    assert creche is page.creche and page.tabs.currentWidget() is creche
    assert page.lazy.built(REGISTER) is None
    page.tabs.setCurrentIndex(REGISTER)
    assert page.tabs.currentWidget() is page.register
    assert page.register.table.rowCount() == 1  # the chosen course's learner, read when shown
