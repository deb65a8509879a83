"""Taking the register: sign in and out, who may collect, absences, missing, unbooked arrivals."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from hubdesk.app import HubApp
from hubdesk.core.errors import Conflict, ValidationError
from hubdesk.core.models import Attendance, AuditEntry, ClubSession, SessionBooking
from hubdesk.services.registers.queries import Collector
from tests.conftest import child_form
from tests.services.registers.registers_data import DAY, NOW, Cluster, build_cluster, frozen_now

__all__ = ["frozen_now"]


@pytest.fixture
def cluster(hub: HubApp, two_schools: dict[str, int], frozen_now: datetime) -> Cluster:
    return build_cluster(hub, two_schools)


def at(hour: int, minute: int) -> datetime:
    return datetime(DAY.year, DAY.month, DAY.day, hour, minute)  # UTC = London in November


def carer(hub: HubApp, c: Cluster, sb: int, name: str) -> Collector:
    return next(x for x in hub.registers.take.collectors(sb) if x.name.startswith(name))


def test_register_lists_every_booked_child_with_markers(hub: HubApp, cluster: Cluster) -> None:
    reg = hub.registers.take.register(cluster.after_school)
    assert reg.header.club == "Oak Owls after-school club"
    assert reg.header.staff == ("Grace Ndlovu (club leader)",)
    assert [x.name for x in reg.lines] == [
        "Öztürk, Şükrü", "Smith & Jones, Tom <Tiny>", "Wiśniewska, Łucja"]
    lucja = reg.lines[2]
    assert lucja.has_medical and "EpiPen" in lucja.medical_summary
    assert lucja.photo_consent and lucja.collectors == ("Anna Wiśniewska",)
    assert lucja.emergency == "Anna Wiśniewska (mother): 07700 900001"
    # 17:45 is long after 15:15 + 15 minutes: nobody signed in means missing
    assert {x.state for x in reg.lines} == {"missing"}
    early = hub.registers.take.register(cluster.after_school, now=at(15, 29))
    assert {x.state for x in early.lines} == {"expected"}
    assert hub.registers.take.register(cluster.after_school, now=at(15, 30)).count("missing") == 3


def test_sign_in_and_out_to_an_authorised_carer(hub: HubApp, cluster: Cluster) -> None:
    sb = cluster.sb("lucja")
    line = hub.registers.take.sign_in(sb, at(15, 20))
    assert (line.state, line.time_in) == ("in", "15:20")
    mum = carer(hub, cluster, sb, "Anna")
    assert mum.password == "bluebird" and mum.relationship == "mother"
    names = [x.name for x in hub.registers.take.collectors(sb)]
    assert names == ["Anna Wiśniewska"]  # grandmother may not collect, father is barred
    out = hub.registers.take.sign_out(sb, mum, at(17, 20), password_checked=True)
    assert (out.state, out.time_out, out.collected_by, out.late_minutes) == (
        "out", "17:20", "Anna Wiśniewska", 0)
    with pytest.raises(Conflict, match="already signed out at 17:20"):
        hub.registers.take.sign_out(sb, mum)


def test_sign_out_refuses_adults_who_may_not_collect(hub: HubApp, cluster: Cluster) -> None:
    sb = cluster.sb("lucja")
    hub.registers.take.sign_in(sb, at(15, 20))
    dad = Collector("carer", "Piotr Wiśniewski", carer_id=cluster.carers["dad"])
    with pytest.raises(Conflict, match="must NOT collect"):
        hub.registers.take.sign_out(sb, dad)
    gran = Collector("carer", "Maria Nowak", carer_id=cluster.carers["gran"])
    with pytest.raises(Conflict, match="not on the list .* one-off"):
        hub.registers.take.sign_out(sb, gran)
    with pytest.raises(Conflict, match="no consent to walk home alone"):
        hub.registers.take.sign_out(sb, Collector("alone", "Walked home alone"))
    assert hub.registers.take.line(sb).state == "in"
    # the office records the mother's permission for the grandmother, today only
    auth = hub.registers.take.authorise_one_off(cluster.children["lucja"], DAY, "Maria Nowak",
                                                cluster.carers["mum"], "phone call",
                                                password="sparrow")
    one_off = next(x for x in hub.registers.take.collectors(sb) if x.kind == "one_off")
    assert one_off.authorisation_id == auth and one_off.password == "sparrow"
    assert "authorised by Anna Wiśniewska" in one_off.relationship
    line = hub.registers.take.sign_out(sb, one_off)
    assert line.collected_by == "Maria Nowak (one-off)"


def test_only_a_parent_can_authorise_a_one_off(hub: HubApp, cluster: Cluster) -> None:
    for who in ("gran", "dad"):
        with pytest.raises(Conflict, match="parental responsibility"):
            hub.registers.take.authorise_one_off(cluster.children["lucja"], DAY, "Someone",
                                                 cluster.carers[who], "note")
    with pytest.raises(ValidationError) as err:
        hub.registers.take.authorise_one_off(cluster.children["lucja"], DAY, " ",
                                             cluster.carers["mum"], "note")
    assert err.value.field == "adult_name"


def test_an_old_or_cancelled_one_off_is_refused(hub: HubApp, cluster: Cluster) -> None:
    sb = cluster.sb("lucja")
    hub.registers.take.sign_in(sb, at(15, 20))
    yesterday = hub.registers.take.authorise_one_off(
        cluster.children["lucja"], DAY - timedelta(days=1), "Maria Nowak", cluster.carers["mum"],
        "note")
    with pytest.raises(Conflict, match="no permission"):
        hub.registers.take.sign_out(sb, Collector("one_off", "Maria", authorisation_id=yesterday))
    today = hub.registers.take.authorise_one_off(cluster.children["lucja"], DAY, "Maria Nowak",
                                                 cluster.carers["mum"], "note")
    hub.registers.take.cancel_authorisation(today)
    assert [x.kind for x in hub.registers.take.collectors(sb)] == ["carer"]
    with pytest.raises(Conflict, match="no permission"):
        hub.registers.take.sign_out(sb, Collector("one_off", "Maria", authorisation_id=today))


def test_walk_home_alone_needs_the_consent(hub: HubApp, cluster: Cluster) -> None:
    sb = cluster.sb("tom")
    hub.registers.take.sign_in(sb, at(15, 16))
    alone = hub.registers.take.collectors(sb)[-1]
    assert alone.kind == "alone"
    line = hub.registers.take.sign_out(sb, alone, at(17, 31))
    assert (line.collected_by, line.late_minutes) == ("Walked home alone", 1)


def test_late_sign_out_stores_minutes_and_fee(hub: HubApp, cluster: Cluster) -> None:
    sb = cluster.sb("lucja")
    hub.registers.take.sign_in(sb, at(15, 20))
    hub.registers.take.sign_out(sb, carer(hub, cluster, sb, "Anna"), at(17, 44))
    with hub.factory() as s:
        a = s.scalars(select(Attendance).where(Attendance.session_booking_id == sb)).one()
        assert (a.late_minutes, a.late_fee_pence) == (14, 500)  # 5 min grace, £5 per 15 min
    assert hub.registers.late.late_minutes_for_session(cluster.after_school) == {
        cluster.children["lucja"]: 14}


def test_times_are_checked_and_corrections_remembered(hub: HubApp, cluster: Cluster) -> None:
    sb = cluster.sb("sukru")
    with pytest.raises(ValidationError, match="future"):
        hub.registers.take.sign_in(sb, NOW + timedelta(minutes=10))
    with pytest.raises(ValidationError, match="on the day of the session"):
        hub.registers.take.sign_in(sb, NOW - timedelta(days=1))
    hub.registers.take.sign_in(sb)
    with pytest.raises(Conflict, match="already signed in at 17:45"):
        hub.registers.take.sign_in(sb)
    line = hub.registers.take.correct_times(sb, at(15, 18), note="signed in on paper")
    assert (line.time_in, line.corrected) == ("15:18", True)
    mum_less = hub.registers.take.collectors(sb)
    assert mum_less == []  # nobody may collect Şükrü yet: the office must add carers
    with pytest.raises(ValidationError, match="not signed out"):
        hub.registers.take.correct_times(sb, at(15, 18), at(17, 0))


def test_history_keeps_every_attendance_change(hub: HubApp, cluster: Cluster) -> None:
    sb = cluster.sb("lucja")
    hub.registers.take.sign_in(sb, at(15, 20))
    hub.registers.take.correct_times(sb, at(15, 17))
    hub.registers.take.sign_out(sb, carer(hub, cluster, sb, "Anna"), at(17, 25))
    hub.registers.take.undo_sign_out(sb)
    with hub.factory() as s:
        entries = s.scalars(select(AuditEntry).where(AuditEntry.table_name == "attendance")
                            .order_by(AuditEntry.id)).all()
    assert [e.action for e in entries] == ["insert", "update", "update", "update"]
    assert all(e.user == "tester" and e.child_id == cluster.children["lucja"] for e in entries)
    assert entries[1].changes["signed_in_at"] == ["2026-11-24T15:20:00", "2026-11-24T15:17:00"]
    assert entries[3].changes["status"] == ["out", "in"]


def test_absences_and_arrival_after_all(hub: HubApp, cluster: Cluster) -> None:
    sb = cluster.sb("sukru")
    with pytest.raises(ValidationError):
        hub.registers.take.mark_absent(sb, "bored")
    with pytest.raises(ValidationError, match="Say why"):
        hub.registers.take.mark_absent(sb, "other")
    line = hub.registers.take.mark_absent(sb, "ill", "temperature")
    assert (line.state, line.absence) == ("absent", "Ill: temperature")
    assert hub.registers.take.register(cluster.after_school).count("missing") == 2
    line = hub.registers.take.sign_in(sb, at(16, 0))  # turned up after all
    assert (line.state, line.absence) == ("in", "")
    with pytest.raises(Conflict, match="signed in at 16:00"):
        hub.registers.take.mark_absent(sb, "no_show")


def test_add_an_unbooked_child_if_there_is_room(hub: HubApp, two_schools: dict[str, int],
                                                frozen_now: datetime) -> None:
    cluster = build_cluster(hub, two_schools, capacity=4)
    aoife = cluster.children["aoife"]
    assert [x.name for x in hub.registers.take.find_children("o'neill")] == [
        "O'Neill-Brennan, Aoife"]
    line = hub.registers.take.add_unbooked(cluster.after_school, aoife)
    assert (line.state, line.one_off, line.time_in) == ("in", True, "17:45")
    with pytest.raises(Conflict, match="already on this register"):
        hub.registers.take.add_unbooked(cluster.after_school, aoife)
    with hub.factory() as s:
        assert s.get_one(ClubSession, cluster.after_school).booked == 4
        assert s.scalar(select(SessionBooking.id).where(
            SessionBooking.session_id == cluster.after_school,
            SessionBooking.child_id == aoife)) == line.session_booking_id
    other = hub.children.save(child_form(two_schools["oak"], forename="Zoe", surname="Ng"))
    with pytest.raises(Conflict, match="full"):
        hub.registers.take.add_unbooked(cluster.after_school, other)


def test_cancelled_sessions_and_future_days_are_refused(hub: HubApp, cluster: Cluster) -> None:
    with hub.factory.begin() as s:
        s.get_one(ClubSession, cluster.breakfast).status = "cancelled"
        s.get_one(ClubSession, cluster.breakfast).cancelled_at = NOW
    with pytest.raises(Conflict, match="cancelled"):
        hub.registers.take.sign_in(cluster.sb("sukru", cluster.breakfast))
    assert [h.club for h in hub.registers.take.sessions(DAY, cluster.oak)] == [
        "Oak breakfast club", "Oak Owls after-school club"]
    printed = hub.registers.take.day_registers(DAY)
    assert [r.header.club for r in printed] == ["Elm after-school club",
                                                "Oak Owls after-school club"]
    days = {x.name: x.sessions for x in hub.registers.take.sites(DAY)}
    assert days == {"Elm Street Primary": 1, "Oakfield Primary": 2}


def test_database_refuses_a_sign_out_without_a_collector(hub: HubApp, cluster: Cluster) -> None:
    hub.registers.take.sign_in(cluster.sb("tom"), at(15, 20))
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError), hub.factory.begin() as s:
        a = s.scalars(select(Attendance)).one()
        a.status, a.signed_out_at = "out", at(17, 0)
    with pytest.raises(IntegrityError), hub.factory.begin() as s:
        a = s.scalars(select(Attendance)).one()
        a.status, a.absence_reason = "absent", None


def test_breakfast_children_are_taken_to_class(hub: HubApp, cluster: Cluster) -> None:
    sb = cluster.sb("sukru", cluster.breakfast)
    hub.registers.take.sign_in(sb, at(7, 50))
    [to_class] = hub.registers.take.collectors(sb)
    assert (to_class.kind, to_class.name) == ("school", "Taken to class by staff")
    line = hub.registers.take.sign_out(sb, to_class, at(8, 45))
    assert (line.collected_by, line.late_minutes) == ("Taken to class by staff", 0)
    after = cluster.sb("tom")
    hub.registers.take.sign_in(after, at(15, 20))
    with pytest.raises(Conflict, match="Only breakfast-club children"):
        hub.registers.take.sign_out(after, to_class)


def test_breakfast_children_still_in_are_for_class_not_a_late_fee(hub: HubApp,
                                                                  cluster: Cluster) -> None:
    sb = cluster.sb("sukru", cluster.breakfast)
    take, late = hub.registers.take, hub.registers.late
    take.sign_in(sb, at(7, 50))
    [waiting] = late.late_children(DAY, cluster.oak, now=at(9, 30))
    assert waiting.to_class and waiting.minutes_late == 45
    assert waiting.next_step.startswith("Breakfast club: check the child is in class")
    [to_class] = take.collectors(sb)
    line = take.sign_out(sb, to_class, at(9, 30))  # signed out late on the PC: no fee, no minutes
    assert line.late_minutes == 0
    line = take.correct_times(sb, at(7, 50), at(9, 40), "taken up late")
    assert line.late_minutes == 0
    with hub.factory() as s:
        a = s.scalars(select(Attendance).where(Attendance.session_booking_id == sb)).one()
        assert (a.late_minutes, a.late_fee_pence) == (0, 0)
    # an after-school child is still a late collection
    tom = cluster.sb("tom")
    take.sign_in(tom, at(15, 20))
    [owls] = late.late_children(DAY, cluster.oak, now=at(17, 45))
    assert not owls.to_class and owls.next_step == "Call the parents."
