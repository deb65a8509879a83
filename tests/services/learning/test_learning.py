"""Parent learning through the services: sessions on open days, enrolment rules, the waiting list,
registers, completion, the crèche and its ratios, and the term summary."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time

import pytest
from sqlalchemy import func, select

from hubdesk.app import HubApp
from hubdesk.core.errors import Conflict, DomainError, NotFound, ValidationError
from hubdesk.core.models import AuditEntry, Carer, CourseSession
from hubdesk.core.rules.creche import CrecheRules, RatioBand
from hubdesk.services.learning.courses import CourseForm
from hubdesk.services.learning.creche import CrecheChildForm
from hubdesk.services.learning.enrolments import Mark, ProgressNotes
from hubdesk.services.people.carers import CarerForm, CarerLink
from hubdesk.services.sites.calendars import EntryForm
from tests.conftest import child_form, frozen_clock

TUESDAYS_10 = [date(2026, 9, 8), date(2026, 9, 15), date(2026, 9, 22), date(2026, 9, 29),
               date(2026, 10, 6), date(2026, 10, 13), date(2026, 10, 20), date(2026, 11, 3),
               date(2026, 11, 10), date(2026, 11, 17)]
TODAY = date(2026, 11, 24)


def course_form(site_id: int, **overrides: object) -> CourseForm:
    values: dict[str, object] = {
        "title": "Family English", "kind": "english", "site_id": site_id,
        "start_date": date(2026, 9, 7), "end_date": date(2026, 11, 20), "weekdays": (1,),
        "start_time": time(9, 15), "end_time": time(11, 15), "capacity": 2,
    }
    values.update(overrides)
    return CourseForm(**values)  # type: ignore[arg-type]


def adult(hub: HubApp, forename: str, surname: str, child_of: int | None = None) -> int:
    """A carer, linked to a child when ``child_of`` is given, else created through enrolment."""
    if child_of is not None:
        return hub.carers.save_link(child_of, CarerLink(CarerForm(forename, surname),
                                                        relationship="Mother"))
    with hub.factory.begin() as s:
        carer = Carer(forename=forename, surname=surname)
        carer.refresh_search_key()
        s.add(carer)
        s.flush()
        return carer.id


def test_sessions_fall_on_open_days_of_the_site(hub: HubApp, two_schools: dict[str, int]) -> None:
    course_id = hub.learning.courses.save(course_form(two_schools["oak"]))
    assert [x.day for x in hub.learning.courses.sessions(course_id)] == TUESDAYS_10
    row = hub.learning.courses.row(course_id)
    assert (row.sessions, row.hours, row.weekdays, row.places) == (10, 20.0, "Tue", "0/2")
    # Fridays at Elm Street skip half-term and the INSET day on 27 November.
    elm = hub.learning.courses.save(course_form(
        two_schools["elm"], title="Digital skills", weekdays=(4,), start_date=date(2026, 10, 16),
        end_date=date(2026, 12, 4)))
    assert [x.day for x in hub.learning.courses.sessions(elm)] == [
        date(2026, 10, 16), date(2026, 10, 23), date(2026, 11, 6), date(2026, 11, 13),
        date(2026, 11, 20),
        date(2026, 12, 4)]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"title": " "}, "title"),
        ({"kind": "yoga"}, "kind"),
        ({"weekdays": ()}, "weekdays"),
        ({"weekdays": (5,)}, "weekdays"),
        ({"end_date": date(2026, 9, 1)}, "end_date"),
        ({"end_time": time(9, 0)}, "end_time"),
        ({"capacity": 0}, "capacity"),
        ({"fee_pence": -100}, "fee_pence"),
        ({"creche_places": 61}, "creche_places"),
        ({"external": True, "provider": ""}, "provider"),
        ({"start_date": date(2026, 10, 26), "end_date": date(2026, 10, 30)}, "start_date"),
        ({"room_id": 999}, "room_id"),
    ],
)
def test_bad_course_input_names_the_field_and_saves_nothing(
        hub: HubApp, two_schools: dict[str, int], change: dict[str, object], field: str) -> None:
    with pytest.raises(ValidationError) as err:
        hub.learning.courses.save(course_form(two_schools["oak"], **change))
    assert err.value.field == field
    assert hub.learning.courses.list() == []
    with hub.factory() as s:
        assert s.scalar(select(func.count()).select_from(CourseSession)) == 0


def test_full_course_waiting_list_and_withdrawal(hub: HubApp, two_schools: dict[str, int]) -> None:
    course_id = hub.learning.courses.save(course_form(two_schools["oak"]))
    ids = [adult(hub, "Ayşe", "Kaya"), adult(hub, "Łucja", "Wiśniewska"),
           adult(hub, "Siobhán", "O'Neill"), adult(hub, "Emre", "Doğan")]
    enrol = hub.learning.enrolments.enrol
    hub.clock.frozen_at = frozen_clock(date(2026, 9, 1)).now()  # the queue follows when people asked
    results = [enrol(course_id, carer_id=i, today=date(2026, 9, 1)) for i in ids]
    assert [r.status for r in results] == ["enrolled", "enrolled", "waiting", "waiting"]
    assert [r.position for r in results] == [None, None, 1, 2]
    assert "number 2 on the waiting list" in results[3].message
    with pytest.raises(Conflict, match="already on this course"):
        enrol(course_id, carer_id=ids[2], today=date(2026, 9, 1))
    with pytest.raises(ValidationError, match="why"):
        hub.learning.enrolments.withdraw(results[0].enrolment_id, "  ")
    out = hub.learning.enrolments.withdraw(results[0].enrolment_id, "Started a job",
                                           today=date(2026, 9, 10))
    assert out.promoted == ("Siobhán O'Neill",)
    learners = hub.learning.enrolments.learners(course_id)
    assert [(r.name, r.status, r.position) for r in learners] == [
        ("O'Neill, Siobhán", "enrolled", None), ("Wiśniewska, Łucja", "enrolled", None),
        ("Doğan, Emre", "waiting", 1), ("Kaya, Ayşe", "withdrawn", None)]
    assert learners[-1].withdraw_reason == "Started a job"
    # A withdrawn learner may come back: the same record, at the back of the queue.
    hub.clock.frozen_at = frozen_clock(date(2026, 9, 11)).now()
    again = enrol(course_id, carer_id=ids[0], today=date(2026, 9, 11))
    assert (again.enrolment_id, again.status, again.position) == \
        (results[0].enrolment_id, "waiting", 2)
    # More places: the waiting list moves up in order.
    hub.learning.courses.save(replace(hub.learning.courses.get(course_id), capacity=3),
                              today=date(2026, 9, 12))
    statuses = {r.name: r.status for r in hub.learning.enrolments.learners(course_id)}
    assert statuses == {"O'Neill, Siobhán": "enrolled", "Wiśniewska, Łucja": "enrolled",
                        "Doğan, Emre": "enrolled", "Kaya, Ayşe": "waiting"}
    assert hub.learning.courses.row(course_id).waiting == 1
    with pytest.raises(ValidationError, match="3 learners already have places") as err:
        hub.learning.courses.save(replace(hub.learning.courses.get(course_id), capacity=2))
    assert err.value.field == "capacity"


def test_a_new_adult_is_never_a_second_copy(hub: HubApp, two_schools: dict[str, int]) -> None:
    course_id = hub.learning.courses.save(course_form(two_schools["oak"], capacity=10))
    pupil = hub.children.save(child_form(two_schools["oak"], forename="Zeynep", surname="Kaya"))
    mum = hub.carers.save_link(pupil, CarerLink(CarerForm("Ayşe", "Kaya",
                                                          phone_mobile="07700 900456")))
    enrol = hub.learning.enrolments.enrol
    with pytest.raises(Conflict, match="already in the database"):
        enrol(course_id, new_adult=CarerForm("ayse", "KAYA", phone_mobile="07700900456"),
              today=date(2026, 9, 1))
    with pytest.raises(Conflict, match="mobile number or email"):
        enrol(course_id, new_adult=CarerForm("Ayşe", "Kaya"), today=date(2026, 9, 1))
    other = enrol(course_id, new_adult=CarerForm("Ayşe", "Kaya", phone_mobile="07700 900999"),
                  today=date(2026, 9, 1))
    assert other.carer_id != mum
    newcomer = enrol(course_id, new_adult=CarerForm("Ştefan", "Mărculescu", email="s@example.org"),
                     today=date(2026, 9, 1))
    assert hub.carers.find("stefan marculescu")[0].id == newcomer.carer_id
    known = enrol(course_id, carer_id=mum, today=date(2026, 9, 1))
    assert known.carer_id == mum
    with hub.factory() as s:
        assert s.scalar(select(func.count()).select_from(Carer)) == 3
    with pytest.raises(ValidationError):
        enrol(course_id, today=date(2026, 9, 1))
    with pytest.raises(Conflict, match="finished"):
        enrol(course_id, carer_id=mum, today=date(2026, 12, 1))
    learners = {r.carer_id: r for r in hub.learning.enrolments.learners(course_id)}
    assert learners[mum].children == "Zeynep (Oakfield Primary)"
    assert learners[other.carer_id].children == ""


def test_register_marks_and_attendance(hub: HubApp, two_schools: dict[str, int]) -> None:
    course_id = hub.learning.courses.save(course_form(two_schools["oak"], capacity=2,
                                                      end_date=date(2026, 12, 18)))
    a = hub.learning.enrolments.enrol(course_id, carer_id=adult(hub, "Ayşe", "Kaya"),
                                      today=date(2026, 9, 1))
    b = hub.learning.enrolments.enrol(course_id, carer_id=adult(hub, "Emre", "Doğan"),
                                      today=date(2026, 9, 1))
    waiting = hub.learning.enrolments.enrol(course_id, carer_id=adult(hub, "Ana", "Ruiz"),
                                            today=date(2026, 9, 1))
    sessions = hub.learning.courses.sessions(course_id)
    first, future = sessions[0], sessions[-1]
    hub.learning.enrolments.mark(first.id, [Mark(a.enrolment_id, True),
                                            Mark(b.enrolment_id, False, "")], today=TODAY)
    row, lines = hub.learning.enrolments.register(first.id)
    assert (row.marked, row.present) == (2, 1)
    assert [(line.name, line.present, line.reason) for line in lines] == [
        ("Doğan, Emre", False, "No reason given"), ("Kaya, Ayşe", True, "")]
    hub.learning.enrolments.mark(first.id, [Mark(b.enrolment_id, False, "Child ill")], today=TODAY)
    hub.learning.enrolments.mark(sessions[1].id, [Mark(b.enrolment_id, True)], today=TODAY)
    assert hub.learning.enrolments.register(first.id)[1][0].reason == "Child ill"
    with pytest.raises(ValidationError, match="on the day or afterwards"):
        hub.learning.enrolments.mark(future.id, [Mark(a.enrolment_id, True)], today=TODAY)
    with pytest.raises(ValidationError, match="waiting list"):
        hub.learning.enrolments.mark(first.id, [Mark(a.enrolment_id, True),
                                                Mark(waiting.enrolment_id, True)], today=TODAY)
    assert hub.learning.enrolments.register(first.id)[0].marked == 2  # nothing half-saved
    hub.learning.enrolments.mark(sessions[1].id, [Mark(b.enrolment_id, None)], today=TODAY)
    attendance = {r.name: r.attendance for r in hub.learning.enrolments.learners(course_id)}
    assert attendance == {"Kaya, Ayşe": "1/1", "Doğan, Emre": "0/1", "Ruiz, Ana": ""}


def test_completion_and_progress_notes(hub: HubApp, two_schools: dict[str, int]) -> None:
    course_id = hub.learning.courses.save(course_form(two_schools["oak"]))
    a = hub.learning.enrolments.enrol(course_id, carer_id=adult(hub, "Ayşe", "Kaya"),
                                      today=date(2026, 9, 1))
    with pytest.raises(ValidationError, match="not started"):
        hub.learning.enrolments.set_completed(a.enrolment_id, True, on=date(2026, 9, 1))
    notes = ProgressNotes("Reads short texts", "Read to my children", "Reads picture books",
                          "Entry 3 reading")
    hub.learning.enrolments.save_progress(a.enrolment_id, notes)
    hub.learning.enrolments.set_completed(a.enrolment_id, True, on=date(2026, 11, 17))
    row = hub.learning.enrolments.learners(course_id)[0]
    assert (row.status, row.completed_on, row.notes) == ("completed", date(2026, 11, 17), notes)
    with pytest.raises(Conflict, match="Undo the completion"):
        hub.learning.enrolments.withdraw(a.enrolment_id, "Moved away")
    hub.learning.enrolments.set_completed(a.enrolment_id, False)
    assert hub.learning.enrolments.learners(course_id)[0].status == "enrolled"
    certs = hub.learning.reports
    with pytest.raises(DomainError, match="No learner has completed"):
        certs.certificates(course_id)


def test_a_session_with_a_register_is_not_dropped(hub: HubApp,
                                                   two_schools: dict[str, int]) -> None:
    course_id = hub.learning.courses.save(course_form(two_schools["oak"]))
    a = hub.learning.enrolments.enrol(course_id, carer_id=adult(hub, "Ayşe", "Kaya"),
                                      today=date(2026, 9, 1))
    first = hub.learning.courses.sessions(course_id)[0]
    hub.learning.enrolments.mark(first.id, [Mark(a.enrolment_id, True)], today=TODAY)
    form = hub.learning.courses.get(course_id)
    with pytest.raises(Conflict, match="Tue 08/09/2026 already has a register"):
        hub.learning.courses.save(replace(form, start_date=date(2026, 9, 14)))
    hub.learning.courses.save(replace(form, end_date=date(2026, 10, 1), start_time=time(9, 30)))
    sessions = hub.learning.courses.sessions(course_id)
    assert [x.day for x in sessions] == TUESDAYS_10[:4]
    assert sessions[0].id == first.id and sessions[0].start_time == time(9, 30)
    with pytest.raises(Conflict, match="learner record"):
        hub.learning.courses.delete(course_id)
    spare = hub.learning.courses.save(course_form(form.site_id, title="Set up twice"))
    hub.learning.courses.delete(spare)
    assert [c.id for c in hub.learning.courses.list()] == [course_id]
    with hub.factory() as s:
        assert s.scalar(select(func.count()).select_from(CourseSession)
                        .where(CourseSession.course_id == spare)) == 0


def test_find_course_by_number_or_title(hub: HubApp, two_schools: dict[str, int]) -> None:
    english = hub.learning.courses.save(course_form(two_schools["oak"]))
    hub.learning.courses.save(course_form(two_schools["oak"], title="Family English 2"))
    hub.learning.courses.save(course_form(two_schools["oak"], title="Digital skills"))
    assert hub.learning.courses.find(str(english)).title == "Family English"
    assert hub.learning.courses.find("family english").id == english
    assert hub.learning.courses.find("DIGITAL").title == "Digital skills"
    with pytest.raises(ValidationError, match="matches 2 courses"):
        hub.learning.courses.find("english")
    with pytest.raises(NotFound, match="hubdesk courses"):
        hub.learning.courses.find("pottery")
    # Finished courses stay listed for six weeks (completion, certificates), then drop off.
    assert len(hub.learning.courses.list(include_finished=False, today=date(2026, 12, 31))) == 3
    assert hub.learning.courses.list(include_finished=False, today=date(2027, 1, 2)) == []
    assert len(hub.learning.courses.list(today=date(2027, 1, 2))) == 3


def _creche_setup(hub: HubApp, two_schools: dict[str, int], places: int = 2
                  ) -> tuple[int, int, int]:
    course_id = hub.learning.courses.save(course_form(
        two_schools["oak"], creche_places=places, end_date=date(2026, 12, 18), capacity=5))
    mum = adult(hub, "Ayşe", "Kaya")
    enrolled = hub.learning.enrolments.enrol(course_id, carer_id=mum, today=date(2026, 9, 1))
    return course_id, mum, enrolled.enrolment_id


def test_creche_bookings_and_rules(hub: HubApp, two_schools: dict[str, int]) -> None:
    course_id, mum, enrolment = _creche_setup(hub, two_schools)
    creche = hub.learning.creche
    baby = creche.save_child(CrecheChildForm("Defne", "Kaya", date(2025, 6, 1), mum,
                                             allergies="Egg"), today=TODAY)
    toddler = creche.save_child(CrecheChildForm("Can", "Kaya", date(2024, 1, 10), mum),
                                today=TODAY)
    with pytest.raises(ValidationError, match="under 5"):
        creche.save_child(CrecheChildForm("Elif", "Kaya", date(2021, 6, 1), mum), today=TODAY)
    assert creche.book(course_id, baby, today=date(2026, 9, 1)) == 1
    creche.book(course_id, toddler, today=date(2026, 9, 1))
    with pytest.raises(Conflict, match="already booked"):
        creche.book(course_id, toddler, today=date(2026, 9, 1))
    other = adult(hub, "Emre", "Doğan")
    third = creche.save_child(CrecheChildForm("Mert", "Doğan", date(2023, 3, 3), other),
                              today=TODAY)
    with pytest.raises(Conflict, match="not enrolled"):
        creche.book(course_id, third, today=date(2026, 9, 1))
    hub.learning.enrolments.enrol(course_id, carer_id=other, today=date(2026, 9, 1))
    with pytest.raises(Conflict, match="full: all 2 places"):
        creche.book(course_id, third, today=date(2026, 9, 1))
    assert [b.name for b in creche.bookings(course_id)] == ["Kaya, Can", "Kaya, Defne"]
    # Defne is under 2 (1:3), Can turns 3 on 10 January: one adult for both all autumn.
    sessions = creche.sessions(course_id)
    assert {x.required_staff for x in sessions} == {1}
    assert sessions[0].explanation == "1 under 2, 1 2-year-olds: 1 staff"
    assert creche.required_staff(sessions[0].session_id) == 1
    creche.save_rules(CrecheRules(bands=(RatioBand(0, 1, "under 2"), RatioBand(24, 1, "older")),
                                  minimum_staff=1))
    assert creche.required_staff(sessions[0].session_id) == 2
    needs = creche.staffing_needs(date(2026, 11, 1), date(2026, 11, 30))
    assert [(n.day, n.required_staff, n.site) for n in needs] == [
        (date(2026, 11, d), 2, "Oakfield Primary") for d in (3, 10, 17, 24)]
    with pytest.raises(ValidationError, match="start at birth"):
        creche.save_rules(CrecheRules(bands=(RatioBand(3, 3, "x"),)))
    # Withdrawing the parent frees the crèche places.
    out = hub.learning.enrolments.withdraw(enrolment, "Moved away", today=date(2026, 9, 20))
    assert out.creche_cancelled == 2
    assert creche.bookings(course_id) == []
    assert creche.staffing_needs(date(2026, 9, 1), date(2026, 12, 31)) == []


def test_creche_needs_a_crèche_and_an_under_five(hub: HubApp,
                                                 two_schools: dict[str, int]) -> None:
    course_id, mum, _ = _creche_setup(hub, two_schools, places=0)
    creche = hub.learning.creche
    child = creche.save_child(CrecheChildForm("Defne", "Kaya", date(2021, 12, 1), mum), today=TODAY)
    with pytest.raises(Conflict, match="no crèche"):
        creche.book(course_id, child, today=TODAY)
    hub.learning.courses.save(replace(hub.learning.courses.get(course_id), creche_places=4))
    with pytest.raises(Conflict, match="5 or older on 01/12/2026"):
        creche.book(course_id, child, today=date(2026, 11, 25))
    creche.book(course_id, child, today=TODAY)  # today's session: still 4


def test_nursery_pupil_joins_the_creche_from_the_family(hub: HubApp,
                                                        two_schools: dict[str, int]) -> None:
    course_id, _, _ = _creche_setup(hub, two_schools)
    pupil = hub.children.save(child_form(two_schools["oak"], forename="Şule", surname="Yılmaz",
                                         year_group=-1, date_of_birth=date(2023, 2, 1),
                                         allergies="Peanuts"))
    older = hub.children.save(child_form(two_schools["oak"], forename="Ali", surname="Yılmaz"))
    mum = hub.carers.save_link(pupil, CarerLink(CarerForm("Zehra", "Yılmaz")))
    hub.carers.save_link(older, CarerLink(hub.carers.find("zehra")[0]))
    hub.learning.enrolments.enrol(course_id, carer_id=mum, today=date(2026, 9, 1))
    creche = hub.learning.creche
    assert [c.name for c in creche.family_candidates(mum, on=TODAY)] == ["Yılmaz, Şule"]
    kid = creche.add_family_child(mum, pupil, today=TODAY)
    assert creche.family_candidates(mum, on=TODAY) == []
    assert creche.children_of(mum)[0].allergies == "Peanuts"
    creche.book(course_id, kid, today=date(2026, 9, 1))
    session = creche.sessions(course_id)[0]
    arrive = datetime(2026, 9, 8, 8, 5)  # 09:05 in London (BST)
    with pytest.raises(ValidationError, match="kept on the day"):
        creche.sign_in(session.session_id, kid, at=datetime(2026, 9, 9, 8, 5))
    creche.sign_in(session.session_id, kid, at=arrive)
    with pytest.raises(Conflict, match="already signed in"):
        creche.sign_in(session.session_id, kid, at=arrive)
    with pytest.raises(ValidationError, match="who collected"):
        creche.sign_out(session.session_id, kid, " ", at=datetime(2026, 9, 8, 10, 20))
    creche.sign_out(session.session_id, kid, "Zehra Yılmaz", at=datetime(2026, 9, 8, 10, 20))
    line = creche.register(session.session_id)[0]
    assert (line.name, line.signed_in, line.signed_out, line.collected_by) == \
        ("Yılmaz, Şule", "09:05", "11:20", "Zehra Yılmaz")
    assert "Peanuts" in line.medical and not line.is_in
    creche.undo(session.session_id, kid)
    assert creche.register(session.session_id)[0].is_in
    with hub.factory() as s:
        tables = set(s.scalars(select(AuditEntry.table_name)))
    assert {"creche_children", "creche_bookings", "creche_attendance", "enrolments"} <= tables


def test_term_summary_by_school(hub: HubApp, two_schools: dict[str, int]) -> None:
    oak, elm = two_schools["oak"], two_schools["elm"]
    hub.calendars.save_entry(EntryForm(oak, "term", date(2026, 4, 13), date(2026, 7, 22)))
    hub.learning.courses.save(course_form(oak, title="Summer maths", start_date=date(2026, 6, 1),
                                          end_date=date(2026, 7, 10)))
    english = hub.learning.courses.save(course_form(oak, capacity=3))
    digital = hub.learning.courses.save(course_form(elm, title="Digital skills", kind="digital",
                                                    weekdays=(3,), capacity=1))
    zeynep = hub.children.save(child_form(oak, forename="Zeynep", surname="Kaya"))
    ali = hub.children.save(child_form(elm, forename="Ali", surname="Doğan"))
    mia = hub.children.save(child_form(oak, forename="Mia", surname="Doğan"))
    ayse = adult(hub, "Ayşe", "Kaya", child_of=zeynep)
    emre = adult(hub, "Emre", "Doğan", child_of=ali)
    hub.carers.save_link(mia, CarerLink(hub.carers.find("emre dogan")[0]))
    ana = adult(hub, "Ana", "Ruiz")
    day = date(2026, 9, 1)
    enrol = hub.learning.enrolments.enrol
    e = {name: enrol(english, carer_id=i, today=day).enrolment_id
         for name, i in (("ayse", ayse), ("emre", emre), ("ana", ana))}
    d_emre = enrol(digital, carer_id=emre, today=day).enrolment_id
    assert enrol(digital, carer_id=ana, today=day).status == "waiting"
    s1, s2 = hub.learning.courses.sessions(english)[:2]
    hub.learning.enrolments.mark(s1.id, [Mark(e["ayse"], True), Mark(e["emre"], False, "Ill"),
                                         Mark(e["ana"], True)], today=TODAY)
    hub.learning.enrolments.mark(s2.id, [Mark(e["ayse"], True)], today=TODAY)
    d1 = hub.learning.courses.sessions(digital)[0]
    hub.learning.enrolments.mark(d1.id, [Mark(d_emre, True)], today=TODAY)
    hub.learning.enrolments.set_completed(e["ayse"], True, on=date(2026, 11, 17))

    summary = hub.learning.reports.term_summary(date(2026, 9, 1), date(2026, 12, 31))
    assert [(c.title, c.enrolled, c.completed, c.waiting, c.attendance_rate)
            for c in summary.courses] == [("Digital skills", 1, 0, 1, 1.0),
                                          ("Family English", 3, 1, 0, 0.75)]
    assert [(x.school, x.learners, x.enrolments, x.completed, x.attendance_rate)
            for x in summary.schools] == [
        ("Elm Street Primary", 1, 2, 0, 0.5),
        ("Oakfield Primary", 2, 3, 1, 0.75),
        ("No child at a cluster school", 1, 1, 0, 1.0)]
    assert (summary.learners, summary.enrolled, summary.completed, summary.attendance_rate) == \
        (3, 4, 1, 0.8)
    with pytest.raises(ValidationError):
        hub.learning.reports.term_summary(date(2026, 12, 31), date(2026, 9, 1))
