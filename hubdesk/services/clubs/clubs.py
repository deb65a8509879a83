"""Clubs: the list with this week's occupancy, the editor, and changes that touch bookings.

A saved club expands into dated sessions on the days its site is open. Changing a club's days,
times, capacity or year groups never silently breaks bookings: ``change_impact`` lists what a
change would touch; ``save`` refuses such a change (``ChangeNeedsDecision``) until the office
confirms it with ``accept_changes=True``, and refuses outright a capacity below places taken.
"""

from __future__ import annotations

import builtins
from dataclasses import dataclass, field
from datetime import date, time

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hubdesk.core import words
from hubdesk.core.errors import Conflict, NotFound, ValidationError
from hubdesk.core.models import Child, Club, ClubSession, Room, Site, Staff, WaitingListEntry
from hubdesk.core.models.meta import store_meta
from hubdesk.core.rules.club_rules import ClubRules, rules_to_json, validate_rules
from hubdesk.core.rules.recurrence import club_days, week_of, weekday_set, weekdays_code, weekdays_label
from hubdesk.core.vocabulary import CLUB_KIND_LABELS, CLUB_KINDS, WAITING_OPEN, fold, search_words, year_label
from hubdesk.services.base import Service
from hubdesk.services.clubs.changes import AffectedBooking, ChangeImpact, apply_change, impact_of
from hubdesk.services.clubs.choices import ClubChoice, choice_for
from hubdesk.services.clubs.queries import RULES_KEY, load_club, load_rules, time_span
from hubdesk.services.minibus import load_settings as load_minibus_settings
from hubdesk.services.sites import load_calendar, load_travel

_TEXT_LIMITS = {"name": 120, "notes": 2000}


@dataclass(frozen=True)
class ClubForm:
    name: str
    site_id: int
    weekdays: tuple[int, ...]
    start_time: time
    end_time: time
    capacity: int
    start_date: date
    end_date: date
    kind: str = "after_school"
    min_year: int = 0
    max_year: int = 6
    price_pence: int = 0
    room_id: int | None = None
    lead_staff_id: int | None = None
    open_to_other_schools: bool = False
    active: bool = True
    notes: str = ""
    id: int | None = None


@dataclass(frozen=True)
class ClubRow:
    """One line of the clubs list; ``week_*`` count the running sessions of the chosen week."""

    id: int
    name: str
    site_id: int
    site: str
    kind: str
    kind_label: str
    weekdays: str  # "Mon, Wed"
    times: str  # "15:15–17:30"
    years: str  # "Reception to Y6"
    capacity: int
    price_pence: int
    open_to_other_schools: bool
    active: bool
    week_sessions: int
    week_booked: int
    week_places: int
    waiting: int

    @property
    def occupancy(self) -> str:
        return f"{self.week_booked}/{self.week_places}" if self.week_sessions else "–"


@dataclass(frozen=True)
class SaveResult:
    club_id: int
    sessions_added: int = 0
    sessions_cancelled: int = 0
    bookings_cancelled: int = 0
    affected: tuple[AffectedBooking, ...] = field(default_factory=tuple)


class ChangeNeedsDecision(Conflict):
    """The change touches existing bookings; ``impact`` lists them for the office to decide."""

    def __init__(self, impact: ChangeImpact) -> None:
        count = len(impact.affected)
        super().__init__(f"This change affects {words.count(count, 'booking')} from today on "
                         f"(first: {impact.affected[0].describe()}). Look at the list, tell the "
                         "families, and confirm the change to go ahead.")
        self.impact = impact


def years_label(low: int, high: int) -> str:
    return year_label(low) if low == high else f"{year_label(low)} to {year_label(high)}"


def validate_club(form: ClubForm) -> None:
    """Raise ValidationError naming the first bad field."""
    if not form.name.strip():
        raise ValidationError("Enter the club's name.", "name")
    for name, limit in _TEXT_LIMITS.items():
        if len(str(getattr(form, name)).strip()) > limit:
            raise ValidationError(f"This can be at most {limit} characters.", name)
    if form.kind not in CLUB_KINDS:
        raise ValidationError("Choose breakfast, free breakfast, after-school, holiday club or "
                              "activity.", "kind")
    if not form.weekdays:
        raise ValidationError("Tick the weekdays the club runs.", "weekdays")
    if any(not 0 <= d <= 4 for d in form.weekdays):
        raise ValidationError("Clubs run Monday to Friday.", "weekdays")
    if form.end_time <= form.start_time:
        raise ValidationError("The club must end after it starts.", "end_time")
    if not 1 <= form.capacity <= 500:
        raise ValidationError("The capacity is between 1 and 500 places.", "capacity")
    if form.min_year > form.max_year:
        raise ValidationError("The youngest year group is above the oldest.", "max_year")
    if not (-1 <= form.min_year <= 6 and -1 <= form.max_year <= 6):
        raise ValidationError("Year groups run from Nursery to Y6.", "min_year")
    if form.price_pence < 0:
        raise ValidationError("The price cannot be negative.", "price_pence")
    if form.kind == "free_breakfast" and form.price_pence:
        raise ValidationError("A free breakfast club costs nothing; set the price to 0.",
                              "price_pence")
    if form.end_date < form.start_date:
        raise ValidationError("The last day is before the first day.", "end_date")
    if (form.end_date - form.start_date).days > 400:
        raise ValidationError("A club can be set up for at most one school year at a time.",
                              "end_date")


def expand_sessions(s: Session, club: Club, start: date) -> int:
    """Add the club's missing sessions from ``start`` on; returns how many were added."""
    calendar = load_calendar(s, club.site_id)
    first = max(start, club.start_date)
    wanted = club_days(calendar, weekday_set(club.weekdays), first, club.end_date,
                       holiday_club=club.kind == "holiday")
    have = set(s.scalars(select(ClubSession.day).where(ClubSession.club_id == club.id,
                                                       ClubSession.day >= first)))
    new = [ClubSession(club_id=club.id, day=d, start_time=club.start_time,
                       end_time=club.end_time, capacity=club.capacity)
           for d in wanted if d not in have]
    s.add_all(new)
    return len(new)


class ClubService(Service):

    def list(self, week_of_day: date | None = None, site_id: int | None = None,
             include_inactive: bool = False, query: str = "") -> list[ClubRow]:
        """Clubs with the week's occupancy (booked / places of running sessions) and waiting."""
        monday, sunday = week_of(week_of_day or self._clock.today())
        week = (select(ClubSession.club_id, func.count().label("n"),
                       func.sum(ClubSession.booked).label("booked"),
                       func.sum(ClubSession.capacity).label("places"))
                .where(ClubSession.day.between(monday, sunday), ClubSession.status == "running")
                .group_by(ClubSession.club_id).subquery())
        waiting = (select(WaitingListEntry.club_id, func.count().label("n"))
                   .where(WaitingListEntry.status.in_(WAITING_OPEN))
                   .group_by(WaitingListEntry.club_id).subquery())
        stmt = (select(Club, Site.name, week.c.n, week.c.booked, week.c.places, waiting.c.n)
                .join(Site, Site.id == Club.site_id)
                .outerjoin(week, week.c.club_id == Club.id)
                .outerjoin(waiting, waiting.c.club_id == Club.id)
                .order_by(Site.name, Club.start_time, Club.name))
        if site_id is not None:
            stmt = stmt.where(Club.site_id == site_id)
        if not include_inactive:
            stmt = stmt.where(Club.active.is_(True))
        for word in search_words(query):
            stmt = stmt.where(Club.search_key.contains(word, autoescape=True))
        with self._read() as s:
            return [_row(c, site, n or 0, booked or 0, places or 0, wait or 0)
                    for c, site, n, booked, places, wait in s.execute(stmt)]

    def choices_for(self, child_id: int) -> builtins.list[ClubChoice]:
        """For each active club, whether the child can attend it (own site, year group, minibus)."""
        with self._read() as s:
            child = s.get(Child, child_id)
            if child is None:
                raise NotFound("That child is no longer on the roll.")
            travel, settings = load_travel(s), load_minibus_settings(s)
            names = {site_id: name for site_id, name in s.execute(select(Site.id, Site.name))}
            clubs = s.scalars(select(Club).where(Club.active.is_(True)))
            return [choice_for(child, club, travel, settings, names) for club in clubs]

    def get(self, club_id: int) -> ClubForm:
        with self._read() as s:
            return _form(load_club(s, club_id))

    def find(self, id_or_name: str) -> ClubRow:
        """A club by number or by (unique) name, for the command line and imports."""
        rows = self.list(include_inactive=True)
        text = id_or_name.strip()
        if text.isdigit():
            found = [r for r in rows if r.id == int(text)]
        else:
            found = [r for r in rows if fold(r.name) == fold(text)]
        if not found:
            raise NotFound(f"There is no club '{text}'; 'hubdesk clubs' lists them.")
        if len(found) > 1:
            raise ValidationError(f"Several sites have a club called '{text}'; use its number.",
                                  "club")
        return found[0]

    def save(self, form: ClubForm, accept_changes: bool = False) -> SaveResult:
        validate_club(form)
        today = self._clock.today()
        with self._write() as s:
            _check_links(s, form)
            if form.id is None:
                club = Club()
                s.add(club)
                _copy(form, club)
                s.flush()
                added = expand_sessions(s, club, club.start_date)
                return SaveResult(club.id, sessions_added=added)
            club = load_club(s, form.id)
            impact = impact_of(s, club, form, today)
            if impact.refused:
                raise Conflict(impact.refused)
            if impact.affected and not accept_changes:
                raise ChangeNeedsDecision(impact)
            _copy(form, club)
            s.flush()
            cancelled, bookings = apply_change(s, club, impact, today, self._clock.now())
            added = expand_sessions(s, club, today)
            return SaveResult(club.id, added, cancelled, bookings, impact.affected)

    def rules(self) -> ClubRules:
        with self._read() as s:
            return load_rules(s)

    def save_rules(self, rules: ClubRules) -> None:
        try:
            validate_rules(rules)
        except ValueError as exc:
            raise ValidationError(str(exc), "rules") from exc
        with self._write() as s:
            store_meta(s, RULES_KEY, rules_to_json(rules))

    def eligible_children(self, club_id: int, school_id: int,
                          year_group: int) -> builtins.list[tuple[int, str]]:
        """(id, name) of a class still at school, for ticking in 'book a class'."""
        with self._read() as s:
            load_club(s, club_id)
            stmt = (select(Child.id, Child.forename, Child.surname)
                    .where(Child.school_site_id == school_id, Child.year_group == year_group,
                           Child.left_on.is_(None))
                    .order_by(Child.sort_key))
            return [(cid, f"{fore} {sur}") for cid, fore, sur in s.execute(stmt)]


def _check_links(s: Session, form: ClubForm) -> None:
    if s.get(Site, form.site_id) is None:
        raise NotFound("That site no longer exists; choose another.")
    if form.room_id is not None:
        room = s.get(Room, form.room_id)
        if room is None or room.site_id != form.site_id:
            raise ValidationError("Choose a room at the club's site.", "room_id")
    if form.lead_staff_id is not None and s.get(Staff, form.lead_staff_id) is None:
        raise ValidationError("That staff member no longer exists; choose another lead.",
                              "lead_staff_id")
    clash = s.scalar(select(Club.id).where(Club.site_id == form.site_id,
                                           Club.name == form.name.strip()))
    if clash is not None and clash != form.id:
        raise ValidationError("This site already has a club with that name.", "name")


_FIELDS = ("site_id", "kind", "start_time", "end_time", "capacity", "min_year", "max_year",
           "price_pence", "room_id", "lead_staff_id", "start_date", "end_date",
           "open_to_other_schools", "active")


def _copy(form: ClubForm, club: Club) -> None:
    for name in _FIELDS:
        setattr(club, name, getattr(form, name))
    club.name = form.name.strip()
    club.notes = form.notes.strip()
    club.weekdays = weekdays_code(form.weekdays)
    club.refresh_search_key()


def _form(club: Club) -> ClubForm:
    return ClubForm(name=club.name, weekdays=tuple(sorted(weekday_set(club.weekdays))),
                    notes=club.notes, id=club.id, **{n: getattr(club, n) for n in _FIELDS})


def _row(club: Club, site: str, sessions: int, booked: int, places: int, waiting: int) -> ClubRow:
    return ClubRow(club.id, club.name, club.site_id, site, club.kind, CLUB_KIND_LABELS[club.kind],
                   weekdays_label(club.weekdays), time_span(club.start_time, club.end_time),
                   years_label(club.min_year, club.max_year), club.capacity, club.price_pence,
                   club.open_to_other_schools, club.active, sessions, booked, places, waiting)

