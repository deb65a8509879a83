"""Money, one entry point for the front ends.

``money_prices`` (prices from a date, free-place rules, discretionary places, charging rules),
``money_accounts`` (balances, a family's account, statements, arrears; charges derived from
bookings and registers) and ``money_payments`` (payments by route, refunds, reversals, unmatched
Tax-Free Childcare payments, extra charges) and ``money_imports`` (bank and TFC statements).
"""

from __future__ import annotations

from sqlalchemy.orm import Session, sessionmaker

from hubdesk.core.clock import Clock
from hubdesk.services.money.accounts import AccountService
from hubdesk.services.money.import_payments import PaymentImportService
from hubdesk.services.money.payments import PaymentService
from hubdesk.services.money.prices import PriceService


class Money:
    """The money services, built once in the composition root."""

    def __init__(self, factory: sessionmaker[Session], user: str | None, clock: Clock) -> None:
        self.prices = PriceService(factory, user, clock)
        self.accounts = AccountService(factory, user, clock)
        self.payments = PaymentService(factory, user, clock)
        self.imports = PaymentImportService(factory, user, clock)
