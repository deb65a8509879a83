"""Money, one entry point for the front ends.

``money_prices`` (prices from a date, free-place rules, discretionary places, charging rules),
``money_accounts`` (balances, a family's account, statements, arrears; charges derived from
bookings and registers) and ``money_payments`` (payments by route, refunds, reversals, unmatched
Tax-Free Childcare payments, extra charges) and ``money_imports`` (bank and TFC statements).
"""

from __future__ import annotations

from sqlalchemy.orm import Session, sessionmaker

from hubdesk.core.clock import Clock
from hubdesk.core.permissions import Actor
from hubdesk.services.money.accounts import AccountService, month_bounds
from hubdesk.services.money.dto import (
    KIND_LABELS,
    ROUTE_LABELS,
    ROUTES,
    Account,
    AccountLine,
    ArrearsRow,
    ClubIncome,
    ClubPrices,
    DiscretionaryForm,
    ExtraChargeForm,
    Family,
    FamilyBalance,
    FinanceExport,
    PaymentForm,
    PaymentRow,
    PriceChange,
    Statement,
    StatementBook,
    UnmatchedPayment,
    attended_word,
)
from hubdesk.services.money.import_payments import (
    IMPORT_ROUTES,
    ImportLine,
    PaymentImportPreview,
    PaymentImportService,
)
from hubdesk.services.money.ledger import MONEY_RULES_KEY, charge_lines, load_families
from hubdesk.services.money.payments import PaymentService
from hubdesk.services.money.prices import CLUB_KINDS, PriceService
from hubdesk.services.money.stored import bring_up_to_date, differences_from_afresh


class Money:
    """The money services, built once in the composition root."""

    def __init__(self, factory: sessionmaker[Session], user: Actor | str | None, clock: Clock) -> None:
        self.prices = PriceService(factory, user, clock)
        self.accounts = AccountService(factory, user, clock)
        self.payments = PaymentService(factory, user, clock)
        self.imports = PaymentImportService(factory, user, clock)

__all__ = [
    "CLUB_KINDS",
    "IMPORT_ROUTES",
    "KIND_LABELS",
    "MONEY_RULES_KEY",
    "ROUTES",
    "ROUTE_LABELS",
    "Account",
    "AccountLine",
    "AccountService",
    "ArrearsRow",
    "Clock",
    "ClubIncome",
    "ClubPrices",
    "DiscretionaryForm",
    "ExtraChargeForm",
    "Family",
    "FamilyBalance",
    "FinanceExport",
    "ImportLine",
    "Money",
    "PaymentForm",
    "PaymentImportPreview",
    "PaymentImportService",
    "PaymentRow",
    "PaymentService",
    "PriceChange",
    "PriceService",
    "Session",
    "Statement",
    "StatementBook",
    "UnmatchedPayment",
    "annotations",
    "attended_word",
    "bring_up_to_date",
    "charge_lines",
    "differences_from_afresh",
    "load_families",
    "month_bounds",
    "sessionmaker",
]
