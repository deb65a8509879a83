"""Demo registers: what happened in the club sessions of the current term up to yesterday.

Most booked children came (arriving in the first minutes), some were ill, on holiday, did not show
or were collected early from school. Breakfast-club children were taken on to class; after other
clubs they went home with a carer who may collect, or alone where that consent exists. A few were
collected late (with the calls made and the fee stored), and each site has a few accidents, a
fire drill each half-term, and written medicine permissions for children with medical needs.
Rows go in with bulk inserts and one audit event.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from hubdesk.core.audit import record_event
from hubdesk.core.models import (
    Attendance,
    CalendarEntry,
    Child,
    ChildCarer,
    Club,
    ClubSession,
    FireDrill,
    Incident,
    LateCall,
    MedicineDose,
    MedicinePermission,
    SessionBooking,
)
from hubdesk.demo.context import DemoContext
from hubdesk.services.registers import SCHOOL_DAY_CLUBS, LateFeeRule, moment

STAFF = ["G. Ndlovu", "S. Patel", "J. Kowalczyk", "M. O'Brien", "A. Hughes"]
ABSENCES = [("ill", 0.4), ("holiday", 0.2), ("no_show", 0.25), ("collected_early", 0.15)]
ACCIDENTS = [
    ("accident", "Tripped on the playground, grazed knee", "Cleaned the graze, plaster"),
    ("accident", "Bumped heads with another child during tag", "Cold compress; watched 30 min"),
    ("first_aid", "Nosebleed during snack", "Pinched nose, sat forward; stopped in 5 minutes"),
    ("incident", "Upset after a falling-out with a friend", "Talked it through; friends again"),
    ("accident", "Trapped finger in the craft-room door", "Cold compress; no swelling"),
]


def _term_start(s: Session, ctx: DemoContext) -> date:
    """The first day of the term the demo's today falls in (or the last one before it)."""
    starts = s.scalars(select(CalendarEntry.start_date).where(
        CalendarEntry.kind == "term", CalendarEntry.start_date <= ctx.today)
        .order_by(CalendarEntry.start_date.desc()).limit(1)).all()
    return starts[0] if starts else ctx.today - timedelta(weeks=8)


def _collectors(s: Session, child_ids: Sequence[int]) -> dict[int, list[int]]:
    found: dict[int, list[int]] = {}
    ids = sorted(set(child_ids))
    for chunk in range(0, len(ids), 900):
        for child_id, carer_id in s.execute(select(ChildCarer.child_id, ChildCarer.carer_id).where(
                ChildCarer.child_id.in_(ids[chunk:chunk + 900]), ChildCarer.can_collect.is_(True),
                ChildCarer.must_not_collect.is_(False)).order_by(ChildCarer.emergency_priority)):
            found.setdefault(child_id, []).append(carer_id)
    return found


def build(s: Session, ctx: DemoContext) -> None:
    rng = ctx.rng
    start = _term_start(s, ctx)
    rows = s.execute(
        select(SessionBooking.id, SessionBooking.session_id, SessionBooking.child_id,
               ClubSession.day, ClubSession.start_time, ClubSession.end_time, Club.kind,
               Club.site_id, Child.consent_walk_home_alone)
        .join(ClubSession, ClubSession.id == SessionBooking.session_id)
        .join(Club, Club.id == ClubSession.club_id)
        .join(Child, Child.id == SessionBooking.child_id)
        .where(ClubSession.day >= start, ClubSession.day < ctx.today,
               ClubSession.status == "running", SessionBooking.status == "booked")
        .order_by(SessionBooking.id)).all()
    collectors = _collectors(s, [r.child_id for r in rows])
    fee = LateFeeRule()
    attendance: list[dict[str, Any]] = []
    late: list[tuple[int, int, datetime, int]] = []  # (attendance id, child id, end, minutes)
    present: dict[int, list[tuple[int, int, datetime]]] = {}  # site -> (child, session, moment)
    next_id = (s.scalar(select(Attendance.id).order_by(Attendance.id.desc()).limit(1)) or 0) + 1
    for r in rows:
        row = _blank(r.id, r.session_id, r.child_id)
        begin, end = moment(r.day, r.start_time), moment(r.day, r.end_time)
        if rng.random() < 0.08:
            row.update(status="absent", absence_reason=_pick(rng, ABSENCES))
        else:
            arrive = begin + timedelta(minutes=rng.randint(0, 25 if r.kind in SCHOOL_DAY_CLUBS
                                                            else 8))
            row.update(status="out", signed_in_at=arrive, signed_in_by="club staff",
                       signed_out_by="club staff")
            if r.kind in SCHOOL_DAY_CLUBS:
                row.update(signed_out_at=end, collected_kind="school")
            else:
                minutes = rng.randint(-70, 0) if rng.random() > 0.006 else rng.randint(6, 45)
                out = max(arrive + timedelta(minutes=20), end + timedelta(minutes=minutes))
                carers = collectors.get(r.child_id, [])
                if r.consent_walk_home_alone and (not carers or rng.random() < 0.5):
                    row.update(collected_kind="alone")
                elif carers:
                    row.update(collected_kind="carer", collected_by_carer_id=rng.choice(carers[:2]),
                               password_checked=rng.random() < 0.3)
                else:  # nobody may collect: the office would have called; a no-show on paper
                    row.update(status="absent", absence_reason="no_show", signed_in_at=None,
                               signed_in_by="", signed_out_by="")
                if row["status"] == "out":
                    over = max(0, int((out - end).total_seconds() // 60))
                    row.update(signed_out_at=out, late_minutes=over, late_fee_pence=fee.fee(over))
                    if over > 5:
                        late.append((next_id, r.child_id, end, over))
            if row["status"] == "out":
                present.setdefault(r.site_id, []).append((r.child_id, r.session_id, arrive))
        row["id"] = next_id
        next_id += 1
        attendance.append(row)
    for chunk in range(0, len(attendance), 5000):
        s.execute(insert(Attendance), attendance[chunk:chunk + 5000])
    calls = _late_calls(rng, late, collectors)
    if calls:
        s.execute(insert(LateCall), calls)
    incidents = _incidents(rng, present)
    if incidents:
        s.execute(insert(Incident), incidents)
    drills = _drills(rng, ctx, start)
    if drills:
        s.execute(insert(FireDrill), drills)
    permissions, doses = _medicines(s, rng, ctx, start, present)
    record_event(s, "attendance", "demo", {
        "from": start.isoformat(), "to": (ctx.today - timedelta(days=1)).isoformat(),
        "attendance": len(attendance), "late_collections": len(late), "calls": len(calls),
        "incidents": len(incidents), "fire_drills": len(drills),
        "medicine_permissions": permissions, "doses": doses})


def _blank(sb_id: int, session_id: int, child_id: int) -> dict[str, Any]:
    return {"session_booking_id": sb_id, "session_id": session_id, "child_id": child_id,
            "status": "absent", "signed_in_at": None, "signed_in_by": "", "signed_out_at": None,
            "signed_out_by": "", "collected_kind": None, "collected_by_carer_id": None,
            "authorisation_id": None, "password_checked": False, "absence_reason": None,
            "absence_note": "", "corrected_by": "", "corrected_at": None, "correction_note": "",
            "late_minutes": 0, "late_fee_pence": 0, "row_version": 1}


def _pick(rng: random.Random, weighted: list[tuple[str, float]]) -> str:
    return rng.choices([k for k, _ in weighted], [w for _, w in weighted])[0]


def _late_calls(rng: random.Random, late: list[tuple[int, int, datetime, int]],
                collectors: dict[int, list[int]]) -> list[dict[str, Any]]:
    calls = []
    for attendance_id, child_id, end, minutes in late:
        carers = collectors.get(child_id, [])
        for n in range(1 if minutes < 20 else 2):
            calls.append({"attendance_id": attendance_id, "child_id": child_id,
                          "carer_id": carers[n] if n < len(carers) else None,
                          "called": "Parent" if n == 0 else "Emergency contact",
                          "number": "", "called_at": end + timedelta(minutes=5 + 10 * n),
                          "outcome": rng.choice(("no answer, left a message",
                                                 "on the way, stuck in traffic",
                                                 "coming in 10 minutes")),
                          "recorded_by": "office"})
    return calls


def _incidents(rng: random.Random, present: dict[int, list[tuple[int, int, datetime]]]
               ) -> list[dict[str, Any]]:
    rows = []
    for site_id, seen in present.items():
        for child_id, session_id, arrived in rng.sample(seen, min(len(seen), 6)):
            kind, what, action = rng.choice(ACCIDENTS)
            happened = arrived + timedelta(minutes=rng.randint(10, 50))
            rows.append({"child_id": child_id, "site_id": site_id, "session_id": session_id,
                         "kind": kind, "happened_at": happened, "what": what,
                         "action_taken": action, "dealt_with_by": rng.choice(STAFF),
                         "parent_informed_at": happened + timedelta(minutes=rng.randint(30, 120)),
                         "parent_informed_how": "told at collection", "serious": False,
                         "ofsted_notified_on": None, "recorded_by": "club staff",
                         "recorded_at": happened + timedelta(minutes=5), "withdrawn_at": None,
                         "withdrawn_reason": ""})
    return rows


def _drills(rng: random.Random, ctx: DemoContext, start: date) -> list[dict[str, Any]]:
    rows = []
    for site_id in ctx.site_ids:
        day = start + timedelta(days=rng.randint(7, 20))
        while day < ctx.today:
            if day.weekday() < 5:
                rows.append({"site_id": site_id,
                             "held_at": moment(day, time(16, rng.randint(0, 45))),
                             "evacuation_seconds": rng.randint(75, 210),
                             "children_out": rng.randint(20, 60), "staff_out": rng.randint(3, 6),
                             "real_alarm": False, "led_by": rng.choice(STAFF),
                             "notes": rng.choice(("All out, register checked",
                                                  "Slow from the hall: fire door sticks",
                                                  "Smooth; visitors' book taken out")),
                             "recorded_by": "club staff"})
                day += timedelta(weeks=7)
            else:
                day += timedelta(days=1)
    return rows


def _medicines(s: Session, rng: random.Random, ctx: DemoContext, start: date,
               present: dict[int, list[tuple[int, int, datetime]]]) -> tuple[int, int]:
    """A permission for each inhaler child who came, signed by a parent; a few doses given."""
    came = {child_id: arrived for seen in present.values() for child_id, _s, arrived in seen}
    children = s.execute(select(Child.id, ChildCarer.carer_id).join(
        ChildCarer, ChildCarer.child_id == Child.id).where(
        Child.medical_notes.like("Asthma%"), ChildCarer.parental_responsibility.is_(True))).all()
    signed: dict[int, int] = {}
    for child_id, carer_id in children:
        if child_id in came:
            signed.setdefault(child_id, carer_id)
    if not signed:
        return 0, 0
    first = (s.scalar(select(MedicinePermission.id).order_by(MedicinePermission.id.desc())
                      .limit(1)) or 0) + 1
    permissions, doses = [], []
    for n, (child_id, carer_id) in enumerate(sorted(signed.items())):
        permissions.append({"id": first + n, "child_id": child_id, "medicine": "Salbutamol inhaler",
                            "dose": "2 puffs", "when_to_give": "when wheezy or after running",
                            "signed_by_carer_id": carer_id, "signed_on": start,
                            "valid_until": ctx.year_end, "stored_where": "in the child's bag",
                            "ended_at": None, "recorded_by": "office"})
        if rng.random() < 0.3:
            given = came[child_id] + timedelta(minutes=40)
            doses.append({"permission_id": first + n, "child_id": child_id, "given_at": given,
                          "amount": "2 puffs", "given_by": rng.choice(STAFF), "witnessed_by": "",
                          "parent_informed_at": given + timedelta(hours=1),
                          "notes": "after football", "recorded_by": "club staff"})
    s.execute(insert(MedicinePermission), permissions)
    if doses:
        s.execute(insert(MedicineDose), doses)
    return len(permissions), len(doses)
