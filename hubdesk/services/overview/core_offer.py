"""The extended-schools core offer per school and term: five strands, each None / Some / Full /
Sustainable with evidence.

What hubdesk's own data shows is suggested (activities and 8am–6pm childcare from clubs and their
sessions, parenting and family learning from courses); the head confirms or changes each strand,
and what is saved per term stays as the strand's history.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import time

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hubdesk.core.errors import NotFound, ValidationError
from hubdesk.core.models import Club, ClubSession, CoreOfferStatus, Course, Site
from hubdesk.services.base import Service, check_characters
from hubdesk.services.overview.children_views import RUNNING
from hubdesk.services.overview.periods import TERM_NAME, Term, load_terms

STRANDS = {
    "activities": "A varied menu of activities (study support, sport, arts)",
    "childcare": "Childcare 8am–6pm, 48 weeks a year",
    "parenting": "Parenting and family support, including family learning",
    "swift_access": "Swift and easy access to targeted and specialist services",
    "community": "Community access to facilities (adult learning, ICT, sport)",
}
OFFER_STATUSES = {"not_known": "Not known", "none": "None", "some": "Some", "full": "Full",
                  "sustainable": "Sustainable"}
WEEKDAYS = "01234"
DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
EARLY, LATE = time(8, 0), time(18, 0)


@dataclass(frozen=True)
class OfferRow:
    """One strand of one school in one term: what is recorded, and what the data suggests."""

    site_id: int
    school: str
    term: str
    strand: str
    status: str  # saved status, or the suggestion when nothing is saved
    evidence: str
    suggested: str
    suggested_evidence: str
    saved: bool
    updated: str  # "30/11/2026 by tester" or ""

    @property
    def label(self) -> str:
        return STRANDS[self.strand]


@dataclass(frozen=True)
class OfferForm:
    site_id: int
    term: str
    strand: str
    status: str
    evidence: str = ""


def _days(weekdays: set[str]) -> str:
    return ", ".join(DAY_NAMES[int(d)] for d in sorted(weekdays)) or "no weekday"


def _activities(clubs: list[tuple[str, str, str, time, time, int]]) -> tuple[str, str]:
    mine = [c for c in clubs if c[1] in ("activity", "after_school")]
    days = {d for c in mine for d in c[2] if d in WEEKDAYS}
    if not mine:
        return "none", "No activity or after-school club ran this term."
    status = "full" if len(days) == 5 else "some"
    sessions = sum(c[5] for c in mine)
    return status, (f"{len(mine)} activity and after-school clubs, {sessions} sessions, on "
                    f"{_days(days)}: " + ", ".join(sorted(c[0] for c in mine)) + ".")


def _childcare(clubs: list[tuple[str, str, str, time, time, int]]) -> tuple[str, str]:
    early = {d for c in clubs if c[1] in ("breakfast", "free_breakfast") and c[3] <= EARLY
             for d in c[2]}
    late = {d for c in clubs if c[1] == "after_school" and c[4] >= LATE for d in c[2]}
    both = early & late & set(WEEKDAYS)
    evidence = (f"Breakfast from 8am or earlier on {_days(early)}; after-school care to 6pm or "
                f"later on {_days(late)}.")
    if len(both) == 5:
        return "full", evidence
    return ("some" if early or late else "none"), evidence


def _parenting(courses: list[tuple[str, str]]) -> tuple[str, str]:
    if not courses:
        return "none", "No parent-learning course ran this term."
    family = [t for t, kind in courses if kind in ("family_learning", "parenting")]
    status = "full" if len(courses) >= 2 and family else "some"
    count = f"{len(courses)} course" + ("s" if len(courses) != 1 else "")
    return status, f"{count}: " + ", ".join(sorted(t for t, _k in courses)) + "."


_SAVED = (CoreOfferStatus.site_id, CoreOfferStatus.term, CoreOfferStatus.strand,
          CoreOfferStatus.status, CoreOfferStatus.evidence, CoreOfferStatus.updated_at,
          CoreOfferStatus.updated_by)
HAND = "Not in hubdesk's data: record it by hand."


class CoreOfferService(Service):
    """The core offer's strands per school and term, suggested from the data, saved by hand."""

    def offer(self, term: str, site_id: int | None = None) -> list[OfferRow]:
        """Every school's five strands in ``term`` (four statements, whatever the cluster's size)."""
        with self._read() as s:
            found = _term(s, term)
            schools = s.execute(select(Site.id, Site.name).where(
                Site.kind == "school", Site.active.is_(True)).order_by(Site.name)).all()
            if site_id is not None:
                schools = [row for row in schools if row[0] == site_id]
            clubs, courses = _evidence(s, found)
            saved = {(r.site_id, r.strand): r for r in s.execute(
                select(*_SAVED).where(CoreOfferStatus.term == found.name))}
        rows = []
        for sid, school in schools:
            suggested = {"activities": _activities(clubs[sid]), "childcare": _childcare(clubs[sid]),
                         "parenting": _parenting(courses[sid]),
                         "swift_access": ("not_known", HAND), "community": ("not_known", HAND)}
            for strand in STRANDS:
                guess, why = suggested[strand]
                mine = saved.get((sid, strand))
                rows.append(OfferRow(
                    sid, school, found.name, strand, mine.status if mine else guess,
                    mine.evidence if mine else why, guess, why, mine is not None,
                    f"{mine.updated_at:%d/%m/%Y} by {mine.updated_by}" if mine else ""))
        return rows

    def history(self, site_id: int) -> list[OfferRow]:
        """What was saved for one school, term by term (newest first)."""
        with self._read() as s:
            rows = s.execute(select(*_SAVED, Site.name).join(
                Site, Site.id == CoreOfferStatus.site_id).where(
                CoreOfferStatus.site_id == site_id)).all()
        out = [OfferRow(r.site_id, r.name, r.term, r.strand, r.status, r.evidence, "", "", True,
                        f"{r.updated_at:%d/%m/%Y} by {r.updated_by}") for r in rows]
        order = list(STRANDS)
        return sorted(out, key=lambda r: (r.term[:4], ("autumn", "spring", "summer").index(
            r.term[5:]) if r.term[5:] in ("autumn", "spring", "summer") else 0,
            -order.index(r.strand)), reverse=True)

    def save(self, form: OfferForm) -> None:
        """Record one strand's status and evidence for a school and term."""
        if form.strand not in STRANDS:
            raise ValidationError("Choose one of the five strands of the core offer.", "strand")
        if form.status not in OFFER_STATUSES:
            raise ValidationError("Choose None, Some, Full, Sustainable or Not known.", "status")
        if not TERM_NAME.match(form.term):
            raise ValidationError("Write the term as 2026-autumn, 2027-spring or 2027-summer.",
                                  "term")
        evidence = form.evidence.strip()
        check_characters(form, multiline=("evidence",))
        if form.status in ("full", "sustainable") and not evidence:
            raise ValidationError("Say what shows the strand is full or sustainable: a sentence of "
                                  "evidence for the governors.", "evidence")
        with self._write() as s:
            if s.get(Site, form.site_id) is None:
                raise NotFound("That school is no longer there.")
            row = s.scalar(select(CoreOfferStatus).where(
                CoreOfferStatus.site_id == form.site_id, CoreOfferStatus.term == form.term,
                CoreOfferStatus.strand == form.strand))
            if row is None:
                row = CoreOfferStatus(site_id=form.site_id, term=form.term, strand=form.strand)
                s.add(row)
            row.status, row.evidence = form.status, evidence
            row.updated_at, row.updated_by = self._clock.now(), self._user or ""


def _term(s: Session, name: str) -> Term:
    for t in load_terms(s):
        if t.name == name:
            return t
    raise ValidationError(f"The calendars have no {name} term; add it on Sites & calendars.",
                          "term")


def _evidence(s: Session, term: Term) -> tuple[
        dict[int, list[tuple[str, str, str, time, time, int]]], dict[int, list[tuple[str, str]]]]:
    clubs: dict[int, list[tuple[str, str, str, time, time, int]]] = defaultdict(list)
    for site_id, name, kind, days, start, end, n in s.execute(
            select(Club.site_id, Club.name, Club.kind, Club.weekdays, Club.start_time,
                   Club.end_time, func.count(ClubSession.id)).join(
                ClubSession, ClubSession.club_id == Club.id).where(
                ClubSession.day.between(term.start, term.end), RUNNING)
            .group_by(Club.id, Club.site_id, Club.name, Club.kind, Club.weekdays, Club.start_time,
                      Club.end_time)):
        clubs[site_id].append((name, kind, days, start, end, n))
    courses: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for site_id, title, kind in s.execute(select(Course.site_id, Course.title, Course.kind).where(
            Course.start_date <= term.end, Course.end_date >= term.start)):
        courses[site_id].append((title, kind))
    return clubs, courses

