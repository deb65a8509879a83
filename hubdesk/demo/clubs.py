"""Demo clubs and a school year of bookings.

About 40 clubs across the eight sites: a breakfast club at every school, a free breakfast club at
some, after-school clubs and activities from music to computers, clubs at the hub school open to
the other schools, and a holiday club at the centre. Children are booked as families do: standing
bookings on some weekdays for the year, never two places at once, skipping days their own school
is closed. Popular clubs fill up and get waiting lists. Rows go in with bulk inserts.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from hubdesk.core.audit import record_event
from hubdesk.core.calendar import SchoolCalendar
from hubdesk.core.models import Booking, Child, Club, ClubSession, Room, SessionBooking, WaitingListEntry
from hubdesk.core.rules.recurrence import club_days, weekdays_code
from hubdesk.core.vocabulary import fold
from hubdesk.demo.context import DemoContext
from hubdesk.services.sites import load_calendar

T = time
Spec = tuple[str, str, tuple[int, ...], time, time, int, int, tuple[int, int], float]
# name, kind, weekdays, start, end, capacity at scale 1, price in pence, years, demand (share of
# places families ask for; above 1 means a waiting list)
EVERY_SCHOOL: list[Spec] = [
    ("Breakfast Club", "breakfast", (0, 1, 2, 3, 4), T(7, 45), T(8, 45), 55, 300, (0, 6), 0.85),
    ("After-School Club", "after_school", (0, 1, 2, 3, 4), T(15, 15), T(17, 45), 40, 1250, (0, 6),
     0.8),
]
FREE_BREAKFAST: Spec = ("Free Breakfast", "free_breakfast", (0, 1, 2, 3, 4), T(8, 15), T(8, 45), 60, 0,
                  (0, 6), 0.7)
ACTIVITIES: list[tuple[str, tuple[int, ...], int, int, tuple[int, int]]] = [
    ("Music Makers", (1,), 16, 600, (2, 6)), ("Football", (2,), 20, 500, (1, 6)),
    ("Art Attack", (3,), 16, 550, (0, 4)), ("Drama", (0,), 18, 550, (2, 6)),
    ("Computers & Coding", (1, 3), 14, 650, (3, 6)), ("Chess Club", (4,), 12, 300, (2, 6)),
    ("Cooking", (2,), 10, 700, (3, 6)), ("Street Dance", (0, 3), 20, 500, (1, 6)),
    ("Gymnastics", (4,), 16, 600, (1, 5)), ("Choir", (1,), 30, 0, (2, 6)),
    ("Science Explorers", (2,), 15, 600, (3, 6)), ("Gardening", (3,), 12, 400, (1, 4)),
    ("Multi-Sports", (0, 2), 24, 500, (1, 6)), ("Homework Club", (1, 3), 20, 0, (4, 6)),
]
HUB_OPEN: list[tuple[str, tuple[int, ...], time, time, int, int, tuple[int, int]]] = [
    ("Cluster Orchestra", (2,), T(15, 50), T(17, 15), 30, 700, (3, 6)),
    ("Robotics & Computers", (1, 3), T(15, 50), T(17, 0), 16, 800, (4, 6)),
    ("Swimming Squad", (4,), T(15, 50), T(17, 0), 20, 650, (2, 6)),
    ("Young Engineers", (0,), T(15, 50), T(17, 0), 18, 700, (3, 6)),
]
CENTRE: list[Spec] = [
    ("Holiday Club", "holiday", (0, 1, 2, 3, 4), T(8, 0), T(17, 30), 45, 2800, (0, 6), 0.75),
    ("Holiday Sports Camp", "holiday", (1, 3), T(9, 30), T(15, 0), 30, 1800, (1, 6), 0.9),
    ("Family Crafts", "activity", (4,), T(15, 45), T(17, 15), 24, 400, (0, 6), 0.9),
]


class _Plan:
    def __init__(self, s: Session, ctx: DemoContext) -> None:
        self.s, self.ctx, self.rng = s, ctx, ctx.rng
        self.calendars: dict[int, SchoolCalendar] = {
            sid: load_calendar(s, sid) for sid in ctx.site_ids}
        self.club_id = (s.scalar(select(func.max(Club.id))) or 0) + 1
        self.session_id = (s.scalar(select(func.max(ClubSession.id))) or 0) + 1
        self.booking_id = (s.scalar(select(func.max(Booking.id))) or 0) + 1
        self.clubs: list[dict[str, Any]] = []
        self.sessions: list[dict[str, Any]] = []
        self.bookings: list[dict[str, Any]] = []
        self.session_bookings: list[dict[str, Any]] = []
        self.waiting: list[dict[str, Any]] = []
        self.demand: dict[int, float] = {}
        self.days: dict[int, list[tuple[int, date]]] = {}  # club -> (session id, day)
        self.rooms = {site: room for room, site in s.execute(
            select(Room.id, Room.site_id).order_by(Room.id.desc()))}
        rows = s.execute(select(Child.id, Child.school_site_id, Child.year_group, Child.left_on,
                                Child.fsm))
        self.children = {cid: (school, year, left) for cid, school, year, left, _f in rows}
        # child -> [(weekday, start, end)] already taken, so no child is in two places at once
        self.taken: dict[int, list[tuple[int, time, time]]] = {}

    def club(self, site: int, name: str, kind: str, weekdays: tuple[int, ...], start: time,
             end: time, capacity: int, price: int, years: tuple[int, int], demand: float,
             open_to_all: bool = False) -> None:
        ctx = self.ctx
        cid = self.club_id
        self.club_id += 1
        places = min(500, capacity * ctx.scale)
        lead = ctx.staff_ids[cid % len(ctx.staff_ids)] if ctx.staff_ids else None
        self.clubs.append({
            "id": cid, "site_id": site, "name": name, "kind": kind,
            "weekdays": weekdays_code(weekdays), "start_time": start, "end_time": end,
            "room_id": self.rooms.get(site), "capacity": places, "min_year": years[0],
            "max_year": years[1], "price_pence": price, "lead_staff_id": lead,
            "start_date": ctx.year_start, "end_date": ctx.year_end,
            "open_to_other_schools": open_to_all, "active": True, "notes": "",
            "search_key": fold(name), "row_version": 1})
        self.demand[cid] = demand
        days = club_days(self.calendars[site], weekdays, ctx.year_start, ctx.year_end,
                         holiday_club=kind == "holiday")
        self.days[cid] = []
        for day in days:
            self.sessions.append({
                "id": self.session_id, "club_id": cid, "day": day, "start_time": start,
                "end_time": end, "capacity": places, "booked": 0, "held": 0,
                "status": "running", "extra": False, "cancelled_at": None, "cancel_reason": ""})
            self.days[cid].append((self.session_id, day))
            self.session_id += 1

    def book_all(self) -> None:
        counts: Counter[int] = Counter()
        by_id = {c["id"]: c for c in self.clubs}
        sessions = {x["id"]: x for x in self.sessions}
        for club in self.clubs:
            self._book_club(club, counts)
        for sid, n in counts.items():
            sessions[sid]["booked"] = n
        # A few cancellations, kept in the history (some after the cut-off).
        for row in self.rng.sample(self.session_bookings, len(self.session_bookings) // 100):
            day = sessions[row["session_id"]]["day"]
            if day >= self.ctx.today:
                continue
            row["status"], row["late"] = "cancelled", self.rng.random() < 0.3
            row["cancelled_at"] = datetime.combine(day - timedelta(days=self.rng.choice(
                (1, 3, 7))), time(9, 0))
            row["cancel_reason"] = self.rng.choice(["ill", "family holiday", "dentist", ""])
            sessions[row["session_id"]]["booked"] -= 1
        assert all(x["booked"] <= x["capacity"] for x in sessions.values()), by_id

    def _book_club(self, club: dict[str, Any], counts: Counter[int]) -> None:
        rng, ctx = self.rng, self.ctx
        weekdays = [int(d) for d in club["weekdays"]]
        site, start, end = club["site_id"], club["start_time"], club["end_time"]
        pool = [cid for cid, (school, year, _left) in self.children.items()
                if club["min_year"] <= year <= club["max_year"]
                and (school == site or club["open_to_other_schools"])]
        rng.shuffle(pool)
        # Families ask for about demand x capacity places per weekday.
        wanted_per_day = club["capacity"] * self.demand[club["id"]]
        per_child_days = max(1.0, len(weekdays) * (0.5 if len(weekdays) == 5 else 1.0))
        asks = int(wanted_per_day * len(weekdays) / per_child_days * 1.1)
        for cid in pool[:asks]:
            school, _year, left = self.children[cid]
            if len(weekdays) == 5:
                days = sorted(rng.sample(weekdays, rng.choice((1, 2, 2, 3, 3, 5, 5))))
            else:
                days = weekdays
            days = [d for d in days if not any(
                w == d and start < e and s < end for w, s, e in self.taken.get(cid, ()))]
            if not days:
                continue
            first = ctx.year_start if rng.random() < 0.8 else ctx.year_start + timedelta(
                days=rng.randint(20, 200))
            own = self.calendars.get(school)
            holiday = club["kind"] == "holiday"
            chosen = [(sid, d) for sid, d in self.days[club["id"]]
                      if d >= first and d.weekday() in days and (left is None or d < left)
                      and (holiday or school == site or own is None or own.is_open(d))]
            free = [(sid, d) for sid, d in chosen if counts[sid] < club["capacity"]]
            if not chosen:
                continue
            if len(free) < len(chosen) * 0.9:  # mostly full: join the waiting list instead
                if len(self.waiting) < 400 * ctx.scale:
                    full = next(((sid, d) for sid, d in chosen if counts[sid] >= club["capacity"]
                                 and d >= ctx.today), None)
                    self.waiting.append({
                        "child_id": cid, "club_id": club["id"],
                        "session_id": full[0] if full and rng.random() < 0.5 else None,
                        "weekdays": weekdays_code(days), "status": "waiting",
                        "joined_at": datetime.combine(ctx.year_start, time(9)) + timedelta(
                            minutes=rng.randint(0, 60 * 24 * 60)),
                        "offered_session_id": None, "offered_at": None, "resolved_at": None,
                        "notes": ""})
                continue
            booking_id = self.booking_id
            self.booking_id += 1
            created = datetime.combine(first - timedelta(days=rng.randint(3, 30)), time(10))
            self.bookings.append({
                "id": booking_id, "child_id": cid, "club_id": club["id"], "kind": "standing",
                "weekdays": weekdays_code(days), "start_date": first,
                "end_date": ctx.year_end, "created_at": created, "cancelled_from": None,
                "cancelled_at": None, "notes": ""})
            for sid, _d in free:
                counts[sid] += 1
                self.session_bookings.append({
                    "booking_id": booking_id, "session_id": sid, "child_id": cid,
                    "status": "booked", "booked_at": created, "cancelled_at": None,
                    "late": False, "cancel_reason": ""})
            self.taken.setdefault(cid, []).extend((d, start, end) for d in days)

    def write(self) -> None:
        s = self.s
        for model, rows in ((Club, self.clubs), (ClubSession, self.sessions),
                            (Booking, self.bookings), (SessionBooking, self.session_bookings),
                            (WaitingListEntry, self.waiting)):
            for chunk in range(0, len(rows), 20000):
                s.execute(insert(model), rows[chunk:chunk + 20000])


def build(s: Session, ctx: DemoContext) -> None:
    plan = _Plan(s, ctx)
    rng = ctx.rng
    schools = list(ctx.school_ids)
    activities = list(ACTIVITIES)
    rng.shuffle(activities)
    for i, school in enumerate(schools):
        for spec in EVERY_SCHOOL:
            plan.club(school, *spec)
        if i % 2 == 0:
            plan.club(school, *FREE_BREAKFAST)
    for i, (title, weekdays, places, cost, span) in enumerate(activities * 2):
        school = schools[i % len(schools)]
        if i >= len(schools) * 2:
            break
        # After-school activities start when the after-school club has its snack.
        plan.club(school, title, "activity", weekdays, T(15, 20), T(16, 30), places, cost, span,
                  rng.choice((0.8, 1.0, 1.3, 1.6)))
    hub = ctx.hub_site_id or schools[0]
    for name, days, start, end, cap, price, years in HUB_OPEN:
        plan.club(hub, name, "activity", days, start, end, cap, price, years, 1.4, True)
    centre = ctx.centre_ids[0] if ctx.centre_ids else hub
    for spec in CENTRE:
        plan.club(centre, *spec, open_to_all=True)
    plan.book_all()
    plan.write()
    record_event(s, "clubs", "demo", {"clubs": len(plan.clubs), "sessions": len(plan.sessions),
                                      "bookings": len(plan.bookings),
                                      "session_bookings": len(plan.session_bookings),
                                      "waiting": len(plan.waiting)})
