"""A small cluster day for register tests: clubs, sessions, booked children and their carers.

Written straight through the ORM (the booking screens are tested elsewhere); time is frozen at
``NOW`` by the ``frozen_now`` fixture so "missing" and "late" do not depend on the hour tests run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time

import pytest
from sqlalchemy.orm import Session

from hubdesk.app import HubApp
from hubdesk.core.models import (
    Booking,
    Carer,
    Child,
    ChildCarer,
    Club,
    ClubSession,
    SessionBooking,
    Shift,
    Staff,
)

DAY = date(2026, 11, 24)  # a Tuesday in the autumn term of the two_schools calendars
NOW = datetime(2026, 11, 24, 17, 45)  # UTC = London in November: 15 minutes after the club ends


@dataclass
class Cluster:
    oak: int
    elm: int
    after_school: int  # session id at Oakfield, 15:15–17:30
    breakfast: int  # session id at Oakfield, 07:45–08:45
    elm_session: int  # session id at Elm Street, 15:15–17:15
    children: dict[str, int] = field(default_factory=dict)  # key -> child id
    carers: dict[str, int] = field(default_factory=dict)
    bookings: dict[tuple[str, int], int] = field(default_factory=dict)  # (child, session) -> sb id

    def sb(self, child: str, session: int | None = None) -> int:
        return self.bookings[(child, self.after_school if session is None else session)]


NAMES = {
    "lucja": ("Łucja", "Wiśniewska", 3),
    "sukru": ("Şükrü", "Öztürk", 5),
    "aoife": ("Aoife", "O'Neill-Brennan", 1),
    "tom": ("Tom <Tiny>", "Smith & Jones", 6),
}


@pytest.fixture
def frozen_now(hub: HubApp) -> datetime:
    hub.clock.frozen_at = NOW
    return NOW


def add_session(s: Session, site_id: int, name: str, start: time, end: time, capacity: int = 20,
                lead: int | None = None, kind: str = "after_school") -> int:
    club = Club(site_id=site_id, name=name, kind=kind, weekdays="01234", start_time=start,
                end_time=end, capacity=capacity, start_date=date(2026, 9, 3),
                end_date=date(2026, 12, 18), lead_staff_id=lead, price_pence=0 if kind ==
                "free_breakfast" else 800)
    club.refresh_search_key()
    s.add(club)
    s.flush()
    session = ClubSession(club_id=club.id, day=DAY, start_time=start, end_time=end,
                          capacity=capacity)
    s.add(session)
    s.flush()
    return session.id


def book(s: Session, child_id: int, session_id: int) -> int:
    session = s.get_one(ClubSession, session_id)
    booking = Booking(child_id=child_id, club_id=session.club_id, kind="standing",
                      weekdays="01234", start_date=date(2026, 9, 3), end_date=date(2026, 12, 18),
                      created_at=NOW)
    s.add(booking)
    s.flush()
    sb = SessionBooking(booking_id=booking.id, session_id=session_id, child_id=child_id,
                        booked_at=NOW)
    s.add(sb)
    session.booked += 1
    s.flush()
    return sb.id


def build_cluster(hub: HubApp, schools: dict[str, int], capacity: int = 20) -> Cluster:
    with hub.factory.begin() as s:
        lead = Staff(forename="Grace", surname="Ndlovu", role="club leader")
        lead.refresh_search_key()
        s.add(lead)
        s.flush()
        oak, elm = schools["oak"], schools["elm"]
        c = Cluster(oak, elm,
                    add_session(s, oak, "Oak Owls after-school club", time(15, 15), time(17, 30),
                                capacity, lead.id),
                    add_session(s, oak, "Oak breakfast club", time(7, 45), time(8, 45),
                                kind="breakfast"),
                    add_session(s, elm, "Elm after-school club", time(15, 15), time(17, 15)))
        for key, (forename, surname, year) in NAMES.items():
            child = Child(forename=forename, surname=surname, date_of_birth=date(2026 - 5 - year,
                                                                                 3, 1),
                          school_site_id=elm if key == "aoife" else oak, year_group=year)
            if key == "lucja":
                child.allergies = "Peanuts & tree nuts: EpiPen in the office <red bag>"
                child.consent_photos = True
            if key == "tom":
                child.consent_walk_home_alone = True
            child.refresh_search_key()
            s.add(child)
            s.flush()
            c.children[key] = child.id
        mum = Carer(forename="Anna", surname="Wiśniewska", phone_mobile="07700 900001")
        gran = Carer(forename="Maria", surname="Nowak", phone_mobile="07700 900002")
        dad = Carer(forename="Piotr", surname="Wiśniewski", phone_mobile="07700 900003")
        for carer in (mum, gran, dad):
            carer.refresh_search_key()  # as the carers service does, so History finds them
        s.add_all([mum, gran, dad])
        s.flush()
        s.add_all([
            ChildCarer(child_id=c.children["lucja"], carer_id=mum.id, relationship_="mother",
                       parental_responsibility=True, can_collect=True,
                       collection_password="bluebird", emergency_priority=1),
            ChildCarer(child_id=c.children["lucja"], carer_id=gran.id, relationship_="grandmother",
                       can_collect=False, emergency_priority=2),
            ChildCarer(child_id=c.children["lucja"], carer_id=dad.id, relationship_="father",
                       must_not_collect=True),
        ])
        c.carers = {"mum": mum.id, "gran": gran.id, "dad": dad.id}
        for key in ("lucja", "sukru", "tom"):
            c.bookings[(key, c.after_school)] = book(s, c.children[key], c.after_school)
        c.bookings[("sukru", c.breakfast)] = book(s, c.children["sukru"], c.breakfast)
        c.bookings[("aoife", c.elm_session)] = book(s, c.children["aoife"], c.elm_session)
    return c


def add_shift(hub: HubApp, name: str, kind: str, role: str, site_id: int, start: time, end: time,
              session_id: int | None = None, cancelled: bool = False) -> int:
    """Put a (new) person on the rota as the rota page would store it."""
    forename, surname = name.split(" ", 1)
    with hub.factory.begin() as s:
        person = Staff(forename=forename, surname=surname, role="play worker")
        s.add(person)
        s.flush()
        shift = Shift(staff_id=person.id, kind=kind, role=role, day=DAY, start_time=start,
                      end_time=end, site_id=site_id, club_session_id=session_id,
                      created_at=NOW, cancelled_at=NOW if cancelled else None)
        s.add(shift)
        s.flush()
        return shift.id
