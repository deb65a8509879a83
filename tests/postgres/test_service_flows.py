"""The office's everyday work through the services, on a real PostgreSQL database per test."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import date, time
from pathlib import Path

import pytest
from sqlalchemy import select

from hubdesk.app import HubApp, open_app
from hubdesk.core.errors import Conflict, DomainError, ValidationError
from hubdesk.core.models import SessionBooking
from hubdesk.services.clubs.booking_plan import BookingRequest
from hubdesk.services.learning.courses import CourseForm
from hubdesk.services.people.carers import CarerForm, CarerLink
from hubdesk.settings import Settings
from tests.conftest import child_form
from tests.services.clubs.club_setup import child, club, freeze
from tests.services.people.test_import_children import GOOD, counts, write

MON = date(2026, 9, 14)


def test_children_search_save_and_conflicts(pg_hub: HubApp, two_schools: dict[str, int]) -> None:
    oak, elm = two_schools["oak"], two_schools["elm"]
    lucja = pg_hub.children.save(child_form(oak, upn="A123456789012"))
    pg_hub.children.save(child_form(elm, forename="Şükrü", surname="Öztürk", year_group=5))
    pg_hub.children.save(child_form(elm, forename="Aoife", surname="O'Neill-Brennan", year_group=0,
                                    date_of_birth=date(2021, 10, 1)))
    for n in range(25):
        pg_hub.children.save(child_form(oak, forename=f"Child{n:02d}", surname="Page"))
    assert [r.name for r in pg_hub.children.search("lucja wisn")] == ["Wiśniewska, Łucja"]
    assert [r.name for r in pg_hub.children.search("OZTURK")] == ["Öztürk, Şükrü"]
    assert [r.name for r in pg_hub.children.search("o'neill")] == ["O'Neill-Brennan, Aoife"]
    assert pg_hub.children.search("%") == [] and pg_hub.children.search("_") == []
    assert pg_hub.children.count(school_id=elm) == 2
    assert [r.year for r in pg_hub.children.search(year_group=0)] == ["Reception"]
    pages = [pg_hub.children.search("page", offset=o, limit=10) for o in range(0, 30, 10)]
    assert len({row.id for page in pages for row in page}) == 25 == sum(map(len, pages))
    # edit and save; a second, stale copy of the form is refused
    form = pg_hub.children.get(lucja)
    pg_hub.children.save(replace(form, medical_notes="Asthma: inhaler in bag"))
    with pytest.raises(Conflict, match="Someone else saved this child while you were editing"):
        pg_hub.children.save(replace(form, dietary_needs="Vegetarian"))
    assert pg_hub.children.get(lucja).medical_notes == "Asthma: inhaler in bag"
    with pytest.raises(Conflict, match="Another child already has this UPN"):
        pg_hub.children.save(child_form(elm, forename="Other", upn="A123456789012"))
    with pytest.raises(ValidationError) as err:
        pg_hub.children.save(child_form(oak, date_of_birth=date(2099, 1, 1)))
    assert err.value.field == "date_of_birth"
    # carers: siblings share one adult
    brother = pg_hub.children.save(child_form(oak, forename="Jakub", year_group=1,
                                              date_of_birth=date(2020, 1, 17)))
    mum = pg_hub.carers.save_link(lucja, CarerLink(CarerForm("Anna", "Wiśniewska"), "Mother",
                                                   can_collect=True))
    pg_hub.carers.save_link(brother, CarerLink(CarerForm("Anna", "Wiśniewska", id=mum), "Mother"))
    assert "Wiśniewska, Jakub" in {m.name for m in pg_hub.carers.family(lucja)}


def test_import_children_preview_then_apply_then_reimport(pg_hub: HubApp, two_schools: dict[str, int],
                                                          tmp_path: Path) -> None:
    path = write(tmp_path / "mis.csv", GOOD)
    preview = pg_hub.imports.preview(path)
    assert [r.row for r in preview.added] == [2, 3, 4] and not preview.rejected
    assert counts(pg_hub) == (0, 0)
    result = pg_hub.imports.apply(path)
    assert (result.added, result.updated, result.new_carers) == (3, 0, 3)
    assert counts(pg_hub) == (3, 3)
    aoife = pg_hub.children.get(pg_hub.children.search("Aoife")[0].id)
    assert aoife.medical_notes == "=1+2"  # kept as text
    again = pg_hub.imports.preview(path)
    assert not again.added and not again.updated
    assert (pg_hub.imports.apply(path).added, counts(pg_hub)) == (0, (3, 3))
    bad = write(tmp_path / "bad.csv", [*GOOD, ["", "Nobody", "", "", "31/02/2019", "Nowhere", "9",
                                               "", "", "", "", "", "", "", "", "", ""]])
    with pytest.raises(DomainError, match="row 5.*Nothing was imported"):
        pg_hub.imports.apply(bad)
    assert counts(pg_hub) == (3, 3)


def test_standing_booking_and_cancellation(pg_hub: HubApp, two_schools: dict[str, int]) -> None:
    freeze(pg_hub)
    oak = two_schools["oak"]
    football = club(pg_hub, oak, capacity=1)
    ella, sam = child(pg_hub, oak, forename="Ella"), child(pg_hub, oak, forename="Sam")
    request = BookingRequest(ella, football, MON, date(2026, 10, 7), (0, 2))
    preview = pg_hub.bookings.preview(request)
    assert preview.ok and len(preview.lines) == 8
    result = pg_hub.bookings.confirm(request)
    assert len(result.booked) == 8 and result.booking_id is not None
    assert all(s.booked == 1 and s.free == 0 for s in pg_hub.club_sessions.sessions(
        football, MON, date(2026, 10, 7)))
    waiting = pg_hub.bookings.confirm(BookingRequest(sam, football, date(2026, 10, 5)),
                                      waiting_list=True)
    assert waiting.waiting_list == (date(2026, 10, 5),)
    cancelled = pg_hub.bookings.cancel_from(result.booking_id, date(2026, 9, 30), "moving school")
    assert cancelled.days == (date(2026, 9, 30), date(2026, 10, 5), date(2026, 10, 7))
    assert [o.child_id for o in cancelled.offers] == [sam]  # the freed place is offered
    live = [line.day for line in pg_hub.bookings.history(ella, include_cancelled=False)]
    assert max(live) == date(2026, 9, 28) and len(live) == 5
    with pg_hub.factory() as s:
        assert len(s.scalars(select(SessionBooking)).all()) == 8  # nothing deleted
    with pytest.raises(Conflict, match="Nothing is booked from 01/10/2026"):
        pg_hub.bookings.cancel_from(result.booking_id, date(2026, 10, 1))


def test_two_pcs_one_last_place_exactly_one_succeeds(settings: Settings, pg_hub: HubApp,
                                                     two_schools: dict[str, int]) -> None:
    """Two office PCs (own engines and connections) book the last place behind a barrier.

    PostgreSQL does not queue writers at BEGIN as SQLite does: both may pass the first check, and
    the conditional UPDATE on the session row decides; the loser is told the place just went.
    """
    freeze(pg_hub)
    oak = two_schools["oak"]
    football = club(pg_hub, oak, capacity=1, weekdays=(0, 1, 2, 3, 4))
    kids = [child(pg_hub, oak, forename="Ada"), child(pg_hub, oak, forename="Ben")]
    days = [d.day for d in pg_hub.club_sessions.sessions(football, MON, date(2026, 10, 2))]
    pcs = [open_app(settings), open_app(settings)]

    def book(pc: HubApp, child_id: int, day: date, barrier: threading.Barrier,
             results: list[str]) -> None:
        freeze(pc)
        barrier.wait()
        try:
            pc.bookings.confirm(BookingRequest(child_id, football, day))
            results.append("booked")
        except Conflict as exc:
            results.append(f"refused: {exc}")

    try:
        for day in days:  # 15 rounds, a fresh session each
            results: list[str] = []
            barrier = threading.Barrier(2)
            threads = [threading.Thread(target=book, args=(pc, kid, day, barrier, results))
                       for pc, kid in zip(pcs, kids, strict=True)]
            for t in threads:
                t.start()
            for t in threads:
                t.join(30)
            assert len(results) == 2 and sorted(results)[0] == "booked", results
            refused = sorted(results)[1]
            assert refused.startswith(("refused: Football is full on",
                                       "refused: Football became full on")), results
            [session] = pg_hub.club_sessions.sessions(football, day, day)
            assert (session.booked, session.free) == (1, 0)
    finally:
        for pc in pcs:
            pc.close()


def test_course_enrolment_waiting_list_and_withdrawal(pg_hub: HubApp,
                                                     two_schools: dict[str, int]) -> None:
    course = pg_hub.learning.courses.save(CourseForm(
        title="Family English", kind="english", site_id=two_schools["oak"],
        start_date=date(2026, 9, 7), end_date=date(2026, 11, 20), weekdays=(1,),
        start_time=time(9, 15), end_time=time(11, 15), capacity=2))
    assert len(pg_hub.learning.courses.sessions(course)) == 10
    enrol = pg_hub.learning.enrolments.enrol
    adults = [CarerForm("Łucja", "Wiśniewska", phone_mobile="07700900001"),
              CarerForm("Siobhán", "O'Neill", phone_mobile="07700900002"),
              CarerForm("Emre", "Doğan", phone_mobile="07700900003")]
    results = [enrol(course, new_adult=a, today=date(2026, 9, 1)) for a in adults]
    assert [r.status for r in results] == ["enrolled", "enrolled", "waiting"]
    with pytest.raises(Conflict, match="already in the database"):
        enrol(course, new_adult=CarerForm("lucja", "WISNIEWSKA", phone_mobile="07700 900001"),
              today=date(2026, 9, 1))
    out = pg_hub.learning.enrolments.withdraw(results[0].enrolment_id, "Started a job",
                                              today=date(2026, 9, 10))
    assert out.promoted == ("Emre Doğan",)
    statuses = {r.name: r.status for r in pg_hub.learning.enrolments.learners(course)}
    assert statuses["Doğan, Emre"] == "enrolled" and statuses["O'Neill, Siobhán"] == "enrolled"
    assert pg_hub.learning.courses.row(course).places == "2/2"


def test_wrong_passwords_typed_on_two_pcs_at_once_all_count(settings: Settings,
                                                            pg_hub: HubApp) -> None:
    """Each attempt reads the account under a row lock, so two PCs' wrong passwords at the same
    moment count one after the other: after five the account is locked, none lost."""
    from hubdesk.services.users import SignInRefused

    pg_hub.users.create_first_administrator("Ada Admin", "correct horse")
    pcs = [open_app(settings), open_app(settings)]
    said: list[str] = []

    def attempt(pc: HubApp, barrier: threading.Barrier) -> None:
        freeze(pc)
        barrier.wait()
        try:
            pc.users.sign_in("Ada Admin", "wrong password")
        except SignInRefused as exc:
            said.append(str(exc))

    try:
        for _ in range(2):  # four attempts, two at a time
            barrier = threading.Barrier(2)
            threads = [threading.Thread(target=attempt, args=(pc, barrier)) for pc in pcs]
            for t in threads:
                t.start()
            for t in threads:
                t.join(30)
        assert len(said) == 4 and all("not right" in s for s in said)
        freeze(pg_hub)
        with pytest.raises(SignInRefused, match="locked until"):
            pg_hub.users.sign_in("Ada Admin", "wrong password")  # the fifth
    finally:
        for pc in pcs:
            pc.close()
