"""A child's week and a family's week (all brothers and sisters): clubs, times and sites."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from sqlalchemy import select

from hubdesk.core.errors import NotFound
from hubdesk.core.models import Child, Club, ClubSession, SessionBooking, Site
from hubdesk.core.rules.recurrence import week_of
from hubdesk.core.vocabulary import year_label
from hubdesk.services.base import Service
from hubdesk.services.clubs.queries import child_name, family_ids


@dataclass(frozen=True)
class WeekItem:
    session_booking_id: int
    day: date
    start_time: time
    end_time: time
    club_id: int
    club_name: str
    site: str


@dataclass(frozen=True)
class ChildWeek:
    child_id: int
    child_name: str
    school: str
    year: str
    monday: date
    items: tuple[WeekItem, ...]


@dataclass(frozen=True)
class FamilyWeek:
    monday: date
    children: tuple[ChildWeek, ...]


class WeekService(Service):
    def child_week(self, child_id: int, day: date) -> ChildWeek:
        """The clubs a child is booked into in the week holding ``day``."""
        return self._weeks([child_id], day, must_exist=child_id)[0]

    def family_week(self, child_id: int, day: date) -> FamilyWeek:
        """The week of the child and every child sharing a carer with them."""
        with self._read() as s:
            ids = family_ids(s, child_id)
        weeks = self._weeks(ids, day, must_exist=child_id)
        return FamilyWeek(week_of(day)[0], tuple(weeks))

    def _weeks(self, child_ids: list[int], day: date, must_exist: int) -> list[ChildWeek]:
        monday, sunday = week_of(day)
        with self._read() as s:
            children = s.execute(select(Child, Site.name)
                                 .join(Site, Site.id == Child.school_site_id)
                                 .where(Child.id.in_(child_ids))
                                 .order_by(Child.date_of_birth, Child.forename)).all()
            if must_exist not in {c.id for c, _ in children}:
                raise NotFound("That child no longer exists.")
            items: dict[int, list[WeekItem]] = {c.id: [] for c, _ in children}
            stmt = (select(SessionBooking.id, SessionBooking.child_id, ClubSession.day,
                           ClubSession.start_time, ClubSession.end_time, Club.id, Club.name,
                           Site.name)
                    .join(ClubSession, ClubSession.id == SessionBooking.session_id)
                    .join(Club, Club.id == ClubSession.club_id)
                    .join(Site, Site.id == Club.site_id)
                    .where(SessionBooking.child_id.in_(child_ids),
                           SessionBooking.status == "booked",
                           ClubSession.day.between(monday, sunday))
                    .order_by(ClubSession.day, ClubSession.start_time))
            for sb, cid, d, st, en, club_id, club, site in s.execute(stmt):
                items[cid].append(WeekItem(sb, d, st, en, club_id, club, site))
            return [ChildWeek(c.id, child_name(c), school, year_label(c.year_group), monday,
                              tuple(items[c.id])) for c, school in children]
