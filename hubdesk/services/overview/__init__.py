"""The Overview domain's public face: what heads and governors need to see of a period.

Places offered, booked and attended; take-up by group against the roll; children who attended
nothing; parent learning; the minibus; club viability; and the core offer per school and term.
"""

from __future__ import annotations

from sqlalchemy.orm import Session, sessionmaker

from hubdesk.core.clock import Clock
from hubdesk.core.permissions import Actor
from hubdesk.services.overview.core_offer import (
    OFFER_STATUSES,
    STRANDS,
    CoreOfferService,
    OfferForm,
    OfferRow,
)
from hubdesk.services.overview.dto import (
    CLUSTER,
    SMALL,
    CarriedRow,
    LearnersBySchool,
    LearningRow,
    MissingChild,
    Overview,
    PlacesRow,
    RateRow,
    ReferralRow,
    RunUse,
    TakeUpRow,
    ViabilityRow,
    percent,
    suppressed,
)
from hubdesk.services.overview.periods import PERIOD_KINDS, Period, PeriodChoice, term_name
from hubdesk.services.overview.service import OverviewService


class Overviews:
    """The Overview's services, built once in the composition root."""

    def __init__(self, factory: sessionmaker[Session], actor: Actor | str | None, clock: Clock) -> None:
        self.figures = OverviewService(factory, actor, clock)
        self.core_offer = CoreOfferService(factory, actor, clock)


__all__ = [
    "CLUSTER",
    "OFFER_STATUSES",
    "PERIOD_KINDS",
    "SMALL",
    "STRANDS",
    "CarriedRow",
    "CoreOfferService",
    "LearnersBySchool",
    "LearningRow",
    "MissingChild",
    "OfferForm",
    "OfferRow",
    "Overview",
    "OverviewService",
    "Overviews",
    "Period",
    "PeriodChoice",
    "PlacesRow",
    "RateRow",
    "ReferralRow",
    "RunUse",
    "TakeUpRow",
    "ViabilityRow",
    "percent",
    "suppressed",
    "term_name",
]
