"""What each retention rule does to the data, as one function per rule working inside the caller's
transaction with plain SQL statements (so the audit log gets counts from the caller, not contents).

Each step returns how many records it changed and a line per person or group for the preview. The
steps run in order: leavers are anonymised first (their carer links go), so a carer left with no
children is deleted in the same purge.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import (
    String,
    Table,
    and_,
    bindparam,
    cast,
    delete,
    exists,
    literal,
    not_,
    or_,
    select,
    update,
)
from sqlalchemy.engine import CursorResult
from sqlalchemy.orm import Session

from hubdesk.core.models import AuditEntry, Base, Carer, Child, Site
from hubdesk.core.vocabulary import fold, name_sort_key
from hubdesk.core.words import count

ANON_FORENAME = "Former pupil"
TRIMMED = "fields changed"  # the one key of an audit entry's details once trimmed to a count


@dataclass(frozen=True)
class StepResult:
    count: int
    lines: tuple[str, ...] = ()


Step = Callable[[Session, date], StepResult]


def years_before(day: date, years: int) -> date:
    """The same day ``years`` earlier (29 February becomes the 28th)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def _run(s: Session, statement: Any) -> int:
    """Execute a DELETE or UPDATE and say how many rows it changed."""
    result: CursorResult[Any] = s.execute(statement)  # type: ignore[assignment]
    return result.rowcount


def _t(name: str) -> Table:
    return Base.metadata.tables[name]


def anonymise_leavers(s: Session, cutoff: date) -> StepResult:
    """Children who left before ``cutoff``: names, contacts, medical and free text removed; the
    school, year group and funding flags stay so counts still add up."""
    children = _t("children")
    found = s.execute(select(Child.id, Child.forename, Child.surname, Child.left_on, Site.name)
                      .join(Site, Site.id == Child.school_site_id)
                      .where(Child.left_on < cutoff, Child.forename != ANON_FORENAME)
                      .order_by(Child.left_on, Child.id)).all()
    if not found:
        return StepResult(0)
    ids = [row.id for row in found]
    blank = {c: "" for c in ("preferred_forename", "preferred_surname", "lives_with", "medical_notes",
                             "allergies", "dietary_needs", "gp_details", "first_language",
                             "tfc_reference", "notes", "class_name")}
    values = [{"b_id": i, "surname": f"#{i}", "search_key": fold(f"{ANON_FORENAME} #{i}"),
               "sort_key": name_sort_key(f"#{i}", ANON_FORENAME)} for i in ids]
    s.execute(update(children).where(children.c.id == bindparam("b_id")).values(
        forename=ANON_FORENAME, surname=bindparam("surname"), search_key=bindparam("search_key"),
        sort_key=bindparam("sort_key"), upn=None, mis_id=None, **blank), values)
    births = s.execute(select(Child.id, Child.date_of_birth).where(Child.id.in_(ids))).all()
    s.execute(update(children).where(children.c.id == bindparam("b_id")).values(
        date_of_birth=bindparam("dob")),  # the year only: the last day of it
        [{"b_id": i, "dob": date(born.year, 12, 31)} for i, born in births])
    _blank_related(s, ids)
    lines = tuple(f"Anonymise {r.forename} {r.surname} ({r.name}, left {r.left_on:%d/%m/%Y})"
                  for r in found)
    return StepResult(len(found), lines)


def _blank_related(s: Session, ids: list[int]) -> None:
    """The leavers' carer links (with collection passwords) go; other adults' names and phone
    numbers, referral notes and the details of their history are blanked."""
    s.execute(delete(_t("child_carers")).where(_t("child_carers").c.child_id.in_(ids)))
    authorisations = _t("collection_authorisations")
    s.execute(update(authorisations).where(authorisations.c.child_id.in_(ids)).values(
        adult_name="(removed)", description="", password=""))
    calls = _t("late_calls")
    s.execute(update(calls).where(calls.c.child_id.in_(ids)).values(called="(removed)", number=""))
    referrals = _t("referrals")
    s.execute(update(referrals).where(referrals.c.child_id.in_(ids)).values(
        notes="", outcome="", consent_by=""))
    _trim(s, AuditEntry.child_id.in_(ids))


def _carer_in_use(carer_id: Any) -> Any:
    """True where any row of any table (other than the carer's own) points at the carer."""
    checks = []
    for table in Base.metadata.sorted_tables:
        for fk in table.foreign_keys:
            if fk.column.table.name == "carers":
                checks.append(exists().where(fk.parent == carer_id))
    return or_(*checks)


def delete_lone_carers(s: Session, cutoff: date) -> StepResult:
    """Carers linked to no child and named by no record, unchanged since ``cutoff``."""
    since = datetime.combine(cutoff, time())
    key = cast(Carer.id, String)
    touched = select(AuditEntry.id).where(
        AuditEntry.at >= since,
        or_(and_(AuditEntry.table_name == "carers", AuditEntry.record_id == key),
            and_(AuditEntry.table_name == "child_carers",
                 AuditEntry.record_id.like(literal("%/") + key))))
    found = s.execute(select(Carer.id, Carer.forename, Carer.surname)
                      .where(not_(_carer_in_use(Carer.id)), not_(exists(touched)))
                      .order_by(Carer.surname, Carer.forename, Carer.id)).all()
    if not found:
        return StepResult(0)
    ids = [r.id for r in found]
    for chunk in range(0, len(ids), 500):
        part = ids[chunk:chunk + 500]
        _trim(s, and_(AuditEntry.table_name == "carers",
                      AuditEntry.record_id.in_([str(i) for i in part])))
        s.execute(delete(_t("carers")).where(_t("carers").c.id.in_(part)))
    return StepResult(len(found), tuple(f"Delete carer {r.forename} {r.surname} (no children)".strip()
                                        for r in found))


def delete_old_registers(s: Session, cutoff: date) -> StepResult:
    """Register entries of sessions before ``cutoff`` (with their late calls), one-off collection
    permissions and the signing-in book from before it."""
    attendance, sessions = _t("attendance"), _t("club_sessions")
    old = select(attendance.c.id).join(sessions, sessions.c.id == attendance.c.session_id) \
        .where(sessions.c.day < cutoff)
    per_year = Counter(_school_year(day) for (day,) in s.execute(
        select(sessions.c.day).join(attendance, attendance.c.session_id == sessions.c.id)
        .where(sessions.c.day < cutoff)))
    calls = _run(s, delete(_t("late_calls")).where(_t("late_calls").c.attendance_id.in_(old)))
    gone = _run(s, delete(attendance).where(attendance.c.id.in_(old)))
    authorisations = _t("collection_authorisations")
    used = select(attendance.c.authorisation_id).where(attendance.c.authorisation_id.is_not(None))
    permits = _run(s, delete(authorisations).where(authorisations.c.day < cutoff,
                                                   authorisations.c.id.not_in(used)))
    signs = _run(s, delete(_t("sign_ins")).where(
        _t("sign_ins").c.signed_in_at < datetime.combine(cutoff, time())))
    counts = [gone, calls, permits, signs]
    lines = [f"Delete {n:,} register entries of the school year {year}"
             for year, n in sorted(per_year.items())]
    for n, what in zip(counts[1:], ("late-collection calls", "one-off collection permissions",
                                    "signing-in book entries"), strict=True):
        if n:
            lines.append(f"Delete {n:,} {what} from before {cutoff:%d/%m/%Y}")
    return StepResult(sum(counts), tuple(lines))


def _school_year(day: date) -> str:
    first = day.year if day.month >= 9 else day.year - 1
    return f"{first}-{(first + 1) % 100:02d}"


def delete_grown_up_records(s: Session, years: int, today: date) -> StepResult:
    """Accident, incident and medicine records of children who are now ``years`` old or more."""
    born_before = years_before(today, years)
    grown = select(Child.id).where(Child.date_of_birth <= born_before)
    names = {r.id: f"{r.forename} {r.surname}" for r in s.execute(
        select(Child.id, Child.forename, Child.surname).where(Child.id.in_(grown)))}
    total, per_child = 0, Counter[int]()
    for table_name in ("incidents", "medicine_doses", "medicine_permissions"):
        table = _t(table_name)
        for (child_id,) in s.execute(select(table.c.child_id).where(table.c.child_id.in_(grown))):
            per_child[child_id] += 1
        total += _run(s, delete(table).where(table.c.child_id.in_(grown)))
    lines = tuple(f"Delete {count(n, 'accident, incident or medicine record')} of {names[c]} "
                  f"(now {years} or older)" for c, n in sorted(per_child.items()))
    return StepResult(total, lines)


def trim_old_audit(s: Session, cutoff: date) -> StepResult:
    """History entries from before ``cutoff`` keep who, when and what kind, with their details
    cut to a count of the fields changed."""
    n = _trim(s, AuditEntry.at < datetime.combine(cutoff, time()))
    return StepResult(n, (f"Trim {n:,} history entries from before {cutoff:%d/%m/%Y} to counts",)
                      if n else ())


def _trim(s: Session, where: Any) -> int:
    audit = _t("audit_log")
    rows = s.execute(select(audit.c.id, audit.c.changes).where(
        where, audit.c.action.in_(("insert", "update", "delete")))).all()
    values = [{"b_id": i, "changes": {TRIMMED: len(changes)}} for i, changes in rows
              if not (isinstance(changes, dict) and list(changes) == [TRIMMED])]
    for chunk in range(0, len(values), 1000):
        s.execute(update(audit).where(audit.c.id == bindparam("b_id"))
                  .values(changes=bindparam("changes")), values[chunk:chunk + 1000])
    return len(values)


__all__ = ["ANON_FORENAME", "StepResult", "anonymise_leavers", "delete_grown_up_records",
           "delete_lone_carers", "delete_old_registers", "trim_old_audit", "years_before"]
