"""``hubdesk check``: SQLite's own checks plus hubdesk's invariants, as a readable report."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session, aliased

from hubdesk.core.models import CalendarEntry, Child, ChildCarer, Site, TravelTime
from hubdesk.core.vocabulary import fold
from hubdesk.services.base import Service


@dataclass(frozen=True)
class Finding:
    check: str
    ok: bool
    detail: str


Check = Callable[[Session], Finding]
EXTRA_CHECKS: list[Check] = []


def _skipped(s: Session) -> str:
    """A server database checks its own pages and enforces every foreign key as rows are written."""
    name = s.get_bind().dialect.name
    server = {"postgresql": "PostgreSQL"}.get(name, name)
    return f"skipped: a SQLite check; the {server} server keeps its own pages and foreign keys intact"


def _sqlite_integrity(s: Session) -> Finding:
    if s.get_bind().dialect.name != "sqlite":
        return Finding("integrity_check", True, _skipped(s))
    rows = [r[0] for r in s.execute(text("PRAGMA integrity_check")).all()]
    return Finding("integrity_check", rows == ["ok"], "; ".join(rows[:5]))


def _sqlite_foreign_keys(s: Session) -> Finding:
    if s.get_bind().dialect.name != "sqlite":
        return Finding("foreign_key_check", True, _skipped(s))
    rows = s.execute(text("PRAGMA foreign_key_check")).all()
    detail = "; ".join(f"{r[0]} row {r[1]} -> {r[2]}" for r in rows[:5]) or "ok"
    return Finding("foreign_key_check", not rows, detail)


def _children_at_schools(s: Session) -> Finding:
    bad = s.scalar(select(func.count()).select_from(Child).join(Site, Site.id == Child.school_site_id)
                   .where(Site.kind != "school")) or 0
    return Finding("children belong to schools", bad == 0,
                   f"{bad} children attached to a centre, not a school" if bad else "ok")


def _travel_pairs(s: Session) -> Finding:
    sites = s.scalar(select(func.count()).select_from(Site).where(Site.active.is_(True))) or 0
    a, b = aliased(Site), aliased(Site)
    rows = s.scalar(select(func.count()).select_from(TravelTime)
                    .join(a, a.id == TravelTime.from_site_id).join(b, b.id == TravelTime.to_site_id)
                    .where(a.active.is_(True), b.active.is_(True))) or 0
    expected = sites * (sites - 1)
    return Finding("travel time for every pair of sites", rows >= expected,
                   f"{rows} of {expected} pairs" if rows < expected else "ok")


def _schools_have_terms(s: Session) -> Finding:
    with_terms = select(CalendarEntry.site_id).where(CalendarEntry.kind == "term")
    missing = s.scalars(select(Site.name).where(Site.kind == "school", Site.active.is_(True),
                                                Site.id.not_in(with_terms))).all()
    return Finding("every school has term dates", not missing,
                   "missing: " + ", ".join(missing) if missing else "ok")


def _collectors_consistent(s: Session) -> Finding:
    bad = s.scalar(select(func.count()).select_from(ChildCarer).where(
        ChildCarer.can_collect.is_(True), ChildCarer.must_not_collect.is_(True))) or 0
    return Finding("no carer both may and must not collect", bad == 0, f"{bad} links" if bad else "ok")


def _search_keys(s: Session) -> Finding:
    bad = 0
    for child in s.scalars(select(Child)):
        if fold(child.forename) not in child.search_key or fold(child.surname) not in child.search_key:
            bad += 1
    return Finding("search index matches names", bad == 0, f"{bad} children" if bad else "ok")


BASE_CHECKS: list[Check] = [
    _sqlite_integrity, _sqlite_foreign_keys, _children_at_schools, _travel_pairs,
    _schools_have_terms, _collectors_consistent, _search_keys,
]


class CheckService(Service):
    def run(self) -> list[Finding]:
        from hubdesk.services.admin.check_invariants import INVARIANTS

        with self._read() as s:
            return [check(s) for check in [*BASE_CHECKS, *INVARIANTS, *EXTRA_CHECKS]]
