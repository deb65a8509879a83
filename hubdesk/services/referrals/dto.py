"""The referral forms and rows the pages and commands see (frozen, never ORM objects)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from hubdesk.core.vocabulary import REFERRAL_KINDS, REFERRAL_SERVICES

DATE_LABELS = {"made_on": "Made", "acknowledged_on": "Acknowledged", "allocated_on": "Allocated",
               "contacted_on": "Family contacted", "closed_on": "Closed"}


@dataclass(frozen=True)
class ReferralForm:
    """A referral (or signposting entry) for one child or one carer (a family): give one id."""

    service: str  # a key of vocabulary.REFERRAL_SERVICES
    category_id: int
    made_by: str
    made_on: date
    child_id: int | None = None
    carer_id: int | None = None
    kind: str = "referral"
    provider: str = ""  # the local provider's name, when service is local_provider
    notes: str = ""
    consent_by: str = ""
    acknowledged_on: date | None = None
    allocated_on: date | None = None
    contacted_on: date | None = None
    closed_on: date | None = None
    outcome: str = ""
    id: int | None = None
    row_version: int | None = None


@dataclass(frozen=True)
class ReferralRow:
    id: int
    kind: str
    child_id: int | None
    carer_id: int | None
    person: str  # the child, or the carer named as "family of"
    school: str
    service: str
    provider: str
    category: str
    made_by: str
    made_on: date
    due_on: date | None
    acknowledged_on: date | None
    allocated_on: date | None
    contacted_on: date | None
    closed_on: date | None
    outcome: str
    overdue: bool

    @property
    def to_whom(self) -> str:
        label = REFERRAL_SERVICES.get(self.service, self.service)
        return f"{label}: {self.provider}" if self.provider else label

    @property
    def kind_label(self) -> str:
        return REFERRAL_KINDS.get(self.kind, self.kind)

    @property
    def state(self) -> str:
        """Where the referral stands, in the office's words."""
        if self.closed_on is not None:
            return "Closed"
        if self.kind == "signposting":
            return "Signposted"
        if self.overdue:
            return "Overdue"
        for field, label in (("contacted_on", "Family contacted"), ("allocated_on", "Allocated"),
                             ("acknowledged_on", "Acknowledged")):
            if getattr(self, field) is not None:
                return label
        return "Made"

    def timeline(self) -> list[tuple[str, date | None]]:
        """Each step's label and date (None: not yet), with the due date after 'Made'."""
        steps: list[tuple[str, date | None]] = [("Made", self.made_on)]
        if self.kind == "referral":
            steps.append(("Contact due", self.due_on))
            steps += [(DATE_LABELS[f], getattr(self, f)) for f in
                      ("acknowledged_on", "allocated_on", "contacted_on")]
        steps.append(("Closed", self.closed_on))
        return steps


@dataclass(frozen=True)
class ReferralFilter:
    open_only: bool = False
    overdue_only: bool = False
    school_id: int | None = None
    service: str | None = None
    child_id: int | None = None
    carer_id: int | None = None


@dataclass(frozen=True)
class Category:
    id: int
    name: str
    active: bool = True


@dataclass(frozen=True)
class ReferralCount:
    """How many referrals and signposting entries, per school, service and term: no names."""

    school: str
    service: str
    term: str
    referrals: int
    signposted: int
