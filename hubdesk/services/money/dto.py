"""What the money service takes and gives: frozen dataclasses, amounts in integer pence."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

ROUTES = ("cash", "card", "bank", "tfc", "voucher", "universal_credit")
ROUTE_LABELS = {"cash": "Cash", "card": "Card", "bank": "Bank transfer", "tfc": "Tax-Free Childcare",
                "voucher": "Childcare voucher", "universal_credit": "Universal Credit",
                "refund": "Refund"}
KIND_LABELS = {"session": "Session", "late_cancel": "Late cancellation", "hub_credit": "Credit",
               "late_collection": "Late collection", "extra": "Extra charge"}


@dataclass(frozen=True)
class FamilyChild:
    child_id: int
    name: str
    school: str
    tfc_reference: str


@dataclass(frozen=True)
class Family:
    """Children linked through shared carers; ``key`` is the lowest child id among them."""

    key: int
    name: str
    payer: str  # the first carer with parental responsibility, for the statement's address
    address: str
    children: tuple[FamilyChild, ...]


@dataclass(frozen=True)
class FamilyBalance:
    key: int
    name: str
    children: str
    charged: int
    paid: int
    balance: int  # positive: owed by the family; negative: credit carried forward
    overdue: int


@dataclass(frozen=True)
class AccountLine:
    day: date
    child: str
    kind: str
    text: str
    full_pence: int
    pence: int
    why: str
    unpaid: int
    attended: str = ""  # from the register: "yes", "absent (ill)", "" (not taken, or not a session)


def attended_word(line: AccountLine) -> str:
    """What the register says of a session line: Yes, Absent (ill), or "—" before it is taken."""
    if line.kind != "session":
        return ""
    return {"yes": "Yes", "": "—"}.get(line.attended, line.attended.capitalize())


@dataclass(frozen=True)
class PaymentRow:
    id: int
    received_on: date
    child_id: int
    child: str
    route: str
    pence: int  # money in is positive, a refund negative
    reference: str
    provider: str
    note: str
    reversed: bool
    reversed_reason: str


@dataclass(frozen=True)
class Account:
    family: Family
    lines: tuple[AccountLine, ...]
    payments: tuple[PaymentRow, ...]
    charged: int
    paid: int
    balance: int
    credit: int
    overdue: tuple[int, int, int]


@dataclass(frozen=True)
class PaymentForm:
    child_id: int | None
    route: str
    pence: int
    received_on: date
    reference: str = ""
    provider: str = ""
    note: str = ""


@dataclass(frozen=True)
class ExtraChargeForm:
    child_id: int
    day: date
    pence: int
    reason: str


@dataclass(frozen=True)
class PriceChange:
    from_date: date
    pence: int
    entered: datetime  # UTC; sessions booked before this moment keep their old price


@dataclass(frozen=True)
class ClubPrices:
    """One club's price now, its opening price and every price from a date (newest first)."""

    club_id: int
    club: str
    kind: str
    opening_pence: int
    current_pence: int
    next_change: str
    changes: tuple[PriceChange, ...]
    block_pence: int | None = None  # the term block price today (None: no block sold)
    block_changes: tuple[PriceChange, ...] = ()  # term block prices from a date, newest first


@dataclass(frozen=True)
class PriceRow:
    club_id: int
    club: str
    site: str
    kind: str
    current_pence: int
    next_change: str  # "£3.50 from 05/01/2027" or ""


@dataclass(frozen=True)
class FreePlaceRuleRow:
    club_kind: str
    basis: str
    percent_off: int


@dataclass(frozen=True)
class DiscretionaryForm:
    child_id: int
    percent_off: int
    start_date: date
    end_date: date
    reason: str
    granted_by: str = ""  # the head who agreed it (the signed-in user when blank)


@dataclass(frozen=True)
class Statement:
    """A family's month (or any period): what happened in it, and the balance either side."""

    family: Family
    start: date
    end: date
    opening: int
    lines: tuple[AccountLine, ...]
    payments: tuple[PaymentRow, ...]
    closing: int
    ofsted: str = ""  # the Ofsted registration numbers of the sites this family used


@dataclass(frozen=True)
class StatementBook:
    hub: str
    ofsted: str  # the Ofsted registration number(s) of the sites
    tfc_provider_reference: str
    payee: str
    statements: tuple[Statement, ...]


@dataclass(frozen=True)
class ArrearsRow:
    key: int
    family: str
    phone: str
    days_0_30: int
    days_31_60: int
    days_61_plus: int
    total: int
    oldest: date | None
    reminder: str


@dataclass(frozen=True)
class UnmatchedPayment:
    id: int
    received_on: date
    pence: int
    reference: str
    note: str


@dataclass(frozen=True)
class LedgerRow:
    """One charge or payment for the school's finance system (amount: charges +, payments -)."""

    kind: str  # charge, payment, refund
    day: date
    family: str
    family_key: int
    child: str
    description: str
    route: str
    reference: str
    pence: int


@dataclass(frozen=True)
class BalanceRow:
    family: str
    family_key: int
    opening: int
    charged: int
    paid: int
    closing: int


@dataclass(frozen=True)
class FinanceExport:
    start: date
    end: date
    ledger: tuple[LedgerRow, ...]
    balances: tuple[BalanceRow, ...]


@dataclass(frozen=True)
class BookingCost:
    """What a booking would cost before Book, and the family's balance against the limit."""

    sessions: int
    pence: int
    why: str  # a free or reduced place, if any
    balance: int
    limit: int

    @property
    def over_limit(self) -> bool:
        return self.balance > self.limit


@dataclass(frozen=True)
class ClubIncome:
    """What families were charged for one club's sessions in a period (the heads' overview)."""

    club_id: int
    club: str
    site: str
    sessions: int  # booked sessions charged (hub-cancelled and cancelled ones left out)
    pence: int  # after free places, discounts and credits; late-collection fees included
