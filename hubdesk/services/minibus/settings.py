"""The minibus rules the office can change: the school day used for transport (when children are
free after school, when breakfast children must be back), the longest ride, loading minutes at a
stop, and when an escort must ride, for the cluster and per school; and the office's phone number,
which every run sheet prints so a driver knows whom to ring."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import time

from sqlalchemy import select
from sqlalchemy.orm import Session

from hubdesk.core.errors import NotFound, ValidationError
from hubdesk.core.models import Site
from hubdesk.core.models.minibus import MinibusSettings as SettingsRow
from hubdesk.core.models.minibus import MinibusSiteRule
from hubdesk.core.rules.minibus import ESCORT_RULES, LOADING_MINUTES, MAX_RIDE_MINUTES, escort_needed
from hubdesk.services.base import Service
from hubdesk.services.minibus.journey import office_phone, store_office_phone

ESCORT_LABELS = {"children": "When children are aboard", "anyone": "Whenever anyone is aboard",
                 "none": "Not required"}
MAX_RIDE_LIMITS = (5, 180)
_PHONE = re.compile(r"[0-9 +()\-]*")
LOADING_LIMITS = (0, 30)


@dataclass(frozen=True)
class SiteRule:
    """A school's own values; None uses the cluster's."""

    site_id: int
    school_starts: time | None = None
    school_ends: time | None = None
    escort_rule: str | None = None

    @property
    def empty(self) -> bool:
        return self.school_starts is None and self.school_ends is None and self.escort_rule is None


@dataclass(frozen=True)
class MinibusSettings:
    school_starts: time = time(8, 50)
    school_ends: time = time(15, 15)
    max_ride_minutes: int = MAX_RIDE_MINUTES
    loading_minutes: int = LOADING_MINUTES
    escort_rule: str = "children"
    escort_blocking: bool = False  # a missing escort blocks the run instead of warning
    sites: tuple[SiteRule, ...] = field(default=())
    office_phone: str = ""  # kept in the meta table: an office setting, not a minibus row

    def _rule(self, site_id: int) -> SiteRule | None:
        return next((r for r in self.sites if r.site_id == site_id), None)

    def starts(self, site_id: int) -> time:
        """When school starts at a site: breakfast children must be back by then."""
        rule = self._rule(site_id)
        return rule.school_starts if rule and rule.school_starts else self.school_starts

    def ends(self, site_id: int) -> time:
        """When school ends at a site: children are free to board after it."""
        rule = self._rule(site_id)
        return rule.school_ends if rule and rule.school_ends else self.school_ends

    def escort_rule_at(self, site_id: int) -> str:
        rule = self._rule(site_id)
        return rule.escort_rule if rule and rule.escort_rule else self.escort_rule

    def needs_escort(self, site_ids: Iterable[int], children: bool, anyone: bool) -> bool:
        return escort_needed([self.escort_rule_at(s) for s in site_ids], children, anyone)


def load_settings(s: Session) -> MinibusSettings:
    """The stored settings, or the defaults when the office has not changed them."""
    row = s.get(SettingsRow, 1)
    sites = tuple(SiteRule(r.site_id, r.school_starts, r.school_ends, r.escort_rule)
                  for r in s.scalars(select(MinibusSiteRule).order_by(MinibusSiteRule.site_id)))
    phone = office_phone(s)
    if row is None:
        return MinibusSettings(sites=sites, office_phone=phone)
    return MinibusSettings(row.school_starts, row.school_ends, row.max_ride_minutes,
                           row.loading_minutes, row.escort_rule, row.escort_blocking, sites, phone)


def validate_settings(settings: MinibusSettings) -> None:
    phone = settings.office_phone.strip()
    if len(phone) > 30 or not _PHONE.fullmatch(phone):
        raise ValidationError("Write the office phone number with digits, spaces and + ( ) - only, "
                              "e.g. 01706 230145.", "office_phone")
    if settings.school_ends <= settings.school_starts:
        raise ValidationError("School must end after it starts.", "school_ends")
    low, high = MAX_RIDE_LIMITS
    if not low <= settings.max_ride_minutes <= high:
        raise ValidationError(f"The longest ride must be between {low} and {high} minutes.",
                              "max_ride_minutes")
    low, high = LOADING_LIMITS
    if not low <= settings.loading_minutes <= high:
        raise ValidationError(f"Loading at a stop takes between {low} and {high} minutes.",
                              "loading_minutes")
    if settings.escort_rule not in ESCORT_RULES:
        raise ValidationError("Choose when an escort must ride.", "escort_rule")
    seen: set[int] = set()
    for rule in settings.sites:
        if rule.site_id in seen:
            raise ValidationError("A school is listed twice; keep one row for it.", "sites")
        seen.add(rule.site_id)
        if rule.escort_rule is not None and rule.escort_rule not in ESCORT_RULES:
            raise ValidationError("Choose when an escort must ride.", "sites")
        starts = rule.school_starts or settings.school_starts
        ends = rule.school_ends or settings.school_ends
        if ends <= starts:
            raise ValidationError(f"At one school the day would end ({ends:%H:%M}) before it starts "
                                  f"({starts:%H:%M}).", "sites")


class MinibusSettingsService(Service):
    def get(self) -> MinibusSettings:
        with self._read() as s:
            return load_settings(s)

    def save(self, settings: MinibusSettings) -> None:
        """Store the settings; schools whose row is empty go back to the cluster's values."""
        validate_settings(settings)
        with self._write() as s:
            names = dict(s.execute(select(Site.id, Site.name)).all())
            for rule in settings.sites:
                if rule.site_id not in names:
                    raise NotFound("One of the schools no longer exists; close and reopen the settings.")
            row = s.get(SettingsRow, 1)
            if row is None:
                row = SettingsRow(id=1)
                s.add(row)
            row.school_starts, row.school_ends = settings.school_starts, settings.school_ends
            row.max_ride_minutes, row.loading_minutes = settings.max_ride_minutes, settings.loading_minutes
            row.escort_rule, row.escort_blocking = settings.escort_rule, settings.escort_blocking
            store_office_phone(s, settings.office_phone)
            stored = {r.site_id: r for r in s.scalars(select(MinibusSiteRule))}
            wanted = {r.site_id: r for r in settings.sites if not r.empty}
            for site_id, old in stored.items():
                if site_id not in wanted:
                    s.delete(old)
            for site_id, rule in wanted.items():
                target = stored.get(site_id) or MinibusSiteRule(site_id=site_id)
                if site_id not in stored:
                    s.add(target)
                target.school_starts, target.school_ends = rule.school_starts, rule.school_ends
                target.escort_rule = rule.escort_rule
