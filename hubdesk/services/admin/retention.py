"""The retention schedule and the purge: rules as data, a preview of exactly what a purge would
change, then the purge itself in one transaction after a backup.

The preview runs the very same steps inside a transaction that is rolled back, so what it lists is
what the purge does. The purge's audit entry holds counts per rule, never the contents removed, and
the steps write no per-row audit (the data they remove must not live on in the history).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from hubdesk.core.audit import record_event
from hubdesk.core.clock import Clock
from hubdesk.core.errors import Conflict, DomainError, NotFound, ValidationError
from hubdesk.core.models import RetentionRule
from hubdesk.core.permissions import Actor
from hubdesk.services.admin import retention_steps as steps
from hubdesk.services.admin.backup import BackupService
from hubdesk.services.base import Service

# key -> (label, what it does, with {years})
RULES = {
    "leavers": ("Children who left", "Anonymise children who left more than {years} years ago: names, "
                "UPN, contacts, medical and notes removed; school, year and funding kept for counts."),
    "lone_carers": ("Carers with no children", "Delete carers linked to no child and named in no "
                    "record, unchanged for {years} years."),
    "registers": ("Registers", "Delete register entries, late calls, one-off collection permissions "
                  "and the signing-in book older than {years} years."),
    "incidents": ("Accidents, incidents and medicines", "Delete accident, incident and medicine "
                  "records once the child is {years} years old."),
    "audit_details": ("History details", "Trim history entries older than {years} years to a count "
                      "of the fields changed (who and when stay)."),
}
ORDER = tuple(RULES)  # leavers first: their carer links go, so a lone carer goes in the same purge
MAX_LINES = 5000
CHANGED = ("The records changed since the preview, so nothing was purged. Look at the new preview "
           "and confirm again.")


@dataclass(frozen=True)
class RuleRow:
    key: str
    label: str
    years: int
    active: bool

    @property
    def explanation(self) -> str:
        years = "1 year" if self.years == 1 else f"{self.years} years"
        return RULES[self.key][1].replace("{years} years", years).format(years=self.years)


@dataclass(frozen=True)
class RuleCount:
    key: str
    label: str
    count: int


@dataclass(frozen=True)
class RetentionPlan:
    """What a purge changes: a count per active rule and a line per person or group."""

    counts: tuple[RuleCount, ...]
    lines: tuple[str, ...]

    @property
    def total(self) -> int:
        return sum(c.count for c in self.counts)

    def summary(self) -> str:
        return "; ".join(f"{c.label}: {c.count:,}" for c in self.counts) or "no active rules"


@dataclass(frozen=True)
class Purged:
    plan: RetentionPlan
    backup: Path | None  # None on a server database (its own backups apply)


class _Rehearsed(Exception):
    """Carries the preview out of the transaction so that the transaction is rolled back."""

    def __init__(self, plan: RetentionPlan) -> None:
        super().__init__("preview")
        self.plan = plan


class RetentionService(Service):
    def __init__(self, factory: sessionmaker[Session], actor: Actor | str | None, clock: Clock,
                 backups: BackupService) -> None:
        super().__init__(factory, actor, clock)
        self._backups = backups

    def _check(self, permission: str) -> None:
        """Every use needs its permission (referrals, retention, subject access)."""
        self._require(permission)

    def rules(self) -> list[RuleRow]:
        self._check("retention")
        with self._read() as s:
            found = {r.key: (r.years, r.active) for r in s.scalars(select(RetentionRule))}
        return [RuleRow(k, RULES[k][0], *found[k]) for k in ORDER if k in found]

    def save_rules(self, rules: Sequence[RuleRow]) -> None:
        """Change the years and on/off of the rules given, all in one transaction."""
        self._check("retention")
        for rule in rules:
            if rule.key not in RULES:
                raise ValidationError("There is no such retention rule.", "key")
            if not 1 <= rule.years <= 100:
                raise ValidationError(f"{rule.label}: give the number of years, from 1 to 100.",
                                      "years")
        with self._write() as s:
            for rule in rules:
                row = s.get(RetentionRule, rule.key)
                if row is None:
                    raise NotFound("That retention rule no longer exists.")
                row.years, row.active = rule.years, rule.active

    def preview(self) -> RetentionPlan:
        """What a purge would change today, without changing anything."""
        self._check("retention")
        try:
            with self._write() as s:
                raise _Rehearsed(self._apply(s))
        except _Rehearsed as done:
            return done.plan

    def purge(self, expected: RetentionPlan | None = None) -> Purged:
        """Back up, then apply every active rule in one transaction with one audit entry of counts.

        ``expected`` is the preview the person confirmed: when the data changed since, nothing is
        done and they are asked to look at the preview again.
        """
        self._check("retention")
        rehearsal = self.preview()
        if expected is not None and rehearsal.counts != expected.counts:
            raise Conflict(CHANGED)
        if rehearsal.total == 0:  # nothing is due: no backup, no change, no history entry
            return Purged(rehearsal, None)
        backup = self._backup()
        with self._write() as s:
            plan = self._apply(s)
            if expected is not None and plan.counts != expected.counts:
                raise Conflict(CHANGED)
            record_event(s, "retention", "purge", {
                "purged": [None, f"{plan.total:,} records under the retention rules"],
                "rules": {c.key: c.count for c in plan.counts}, "total": plan.total,
                "backup": str(backup) if backup else ""})
        return Purged(plan, backup)

    def _backup(self) -> Path | None:
        if self._backups.database is None:
            return None  # a server database: the server's nightly pg_dump is the backup
        try:
            return self._backups.backup_now()
        except OSError as exc:
            raise DomainError(f"The backup before the purge could not be made ({exc.strerror}), so "
                              "nothing was purged. Check the backup folder and its free space.") from exc

    def _apply(self, s: Session) -> RetentionPlan:
        today = self._clock.today()
        rules = {r.key: r for r in s.scalars(select(RetentionRule)) if r.active}
        counts: list[RuleCount] = []
        lines: list[str] = []
        for key in ORDER:
            rule = rules.get(key)
            if rule is None:
                continue
            result = _step(key, rule.years, today)(s)
            counts.append(RuleCount(key, RULES[key][0], result.count))
            lines += result.lines
        return RetentionPlan(tuple(counts), tuple(lines[:MAX_LINES]))


def _step(key: str, years: int, today: date) -> Callable[[Session], steps.StepResult]:
    cutoff = steps.years_before(today, years)
    return {
        "leavers": lambda s: steps.anonymise_leavers(s, cutoff),
        "lone_carers": lambda s: steps.delete_lone_carers(s, cutoff),
        "registers": lambda s: steps.delete_old_registers(s, cutoff),
        "incidents": lambda s: steps.delete_grown_up_records(s, years, today),
        "audit_details": lambda s: steps.trim_old_audit(s, cutoff),
    }[key]
