"""The Overview's service: every view of a period and site in one read, and the cost rates."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from hubdesk.core.clock import Clock
from hubdesk.core.errors import NotFound, ValidationError
from hubdesk.core.models import Site, StaffCostRate
from hubdesk.core.permissions import Actor
from hubdesk.services.base import Service
from hubdesk.services.overview import adult_views, children_views
from hubdesk.services.overview.children_views import Scope
from hubdesk.services.overview.dto import Overview, RateRow, ReferralRow
from hubdesk.services.overview.periods import Period, PeriodChoice, load_terms, resolve

FROM_MONEY = "Income is what Money charged for each club's sessions in the period."


class OverviewService(Service):
    """What heads and governors need to see: places, take-up, who is missing out, the cost."""

    def __init__(self, factory: sessionmaker[Session], actor: Actor | str | None, clock: Clock) -> None:
        super().__init__(factory, actor, clock)

    def terms(self) -> list[str]:
        """The names of the terms the calendars hold, oldest first ('2026-autumn' …)."""
        with self._read() as s:
            return [t.name for t in load_terms(s)]

    def period(self, choice: PeriodChoice, site_id: int | None = None) -> Period:
        with self._read() as s:
            return resolve(load_terms(s, site_id) or load_terms(s), choice, self._clock.today())

    def overview(self, choice: PeriodChoice, site_id: int | None = None) -> Overview:
        """Every view for the period and site chosen (None: all sites): the period resolved once,
        Money's income and the referral counts read by their own domains, the rest in one read."""
        period = self.period(choice, site_id)
        income = self._income(period)
        referrals = self._referrals(period.start, period.end)
        with self._read() as s:
            site = "All sites"
            if site_id is not None:
                name = s.scalar(select(Site.name).where(Site.id == site_id))
                if name is None:
                    raise NotFound("That site is no longer there; choose another.")
                site = name
            scope = Scope(period.start, period.end, site_id)
            viability, unrated = adult_views.viability(s, scope, income)
            return Overview(
                period, site, tuple(children_views.places(s, scope)),
                tuple(children_views.take_up(s, scope)), tuple(children_views.missing(s, scope)),
                tuple(adult_views.learning(s, scope)), tuple(adult_views.learners(s, scope)),
                tuple(adult_views.runs(s, scope)), tuple(adult_views.carried(s, scope)),
                tuple(viability), FROM_MONEY,
                tuple(unrated), referrals)

    def _income(self, period: Period) -> Mapping[int, int]:
        """What Money charged for each club's sessions in the period (pence by club id)."""
        from hubdesk.services.money import Money

        found = Money(self._factory, self._actor, self._clock).accounts.income_by_club(
            period.start, period.end)
        return {row.club_id: row.pence for row in found}

    def _referrals(self, start: date, end: date) -> tuple[ReferralRow, ...]:
        """Referrals and signposting per school, service and term, counted by the referrals
        domain (no names)."""
        from hubdesk.services.referrals import ReferralService

        counts = ReferralService(self._factory, self._actor, self._clock).referral_counts(start, end)
        return tuple(ReferralRow(c.school, c.service, c.term, c.referrals, c.signposted)
                     for c in counts)

    def rates(self) -> list[RateRow]:
        """The cost of an hour per staff role, for club viability."""
        with self._read() as s:
            return [RateRow(role, pence) for role, pence in s.execute(
                select(StaffCostRate.role, StaffCostRate.pence_per_hour).order_by(
                    StaffCostRate.role))]

    def set_rate(self, role: str, pence_per_hour: int) -> None:
        """Set (or replace) what an hour of ``role`` costs."""
        role = role.strip()
        if not role:
            raise ValidationError("Name the staff role the rate is for.", "role")
        if not 0 <= pence_per_hour <= 100_000:
            raise ValidationError("An hourly rate is between £0.00 and £1,000.00.", "rate")
        with self._write() as s:
            row = s.get(StaffCostRate, role)
            if row is None:
                s.add(StaffCostRate(role=role, pence_per_hour=pence_per_hour))
            else:
                row.pence_per_hour = pence_per_hour
