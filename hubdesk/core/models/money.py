"""Money kept as rows: prices from a date, free-place rules, discretionary places, extra charges
and payments. Session charges are not rows: they follow from bookings and registers (see
``core/rules/charging.py``), so nothing is typed twice. All amounts are integer pence.

A price row is never changed: a new price is a new row from a date, and a charge uses the price
that was known when the session was booked, so a new price never rewrites a charge made.
A payment is never deleted: a reversal marks it with the moment, who and why.
"""

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from hubdesk.core.models.base import Base


class ClubPrice(Base):
    """A club's price per session (a holiday club's day) from a date on."""

    __tablename__ = "club_prices"
    __table_args__ = (
        CheckConstraint("pence BETWEEN 0 AND 1000000", name="pence_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    club_id: Mapped[int] = mapped_column(ForeignKey("clubs.id"), index=True)
    from_date: Mapped[date] = mapped_column(Date)
    pence: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime)  # UTC: bookings before it keep the old


class ClubBlockPrice(Base):
    """A club's price for a whole term booked at once (a term block), from a date on: a booking
    covering every running session of a term is charged this, spread over its sessions."""

    __tablename__ = "club_block_prices"
    __table_args__ = (
        CheckConstraint("pence BETWEEN 0 AND 10000000", name="pence_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    club_id: Mapped[int] = mapped_column(ForeignKey("clubs.id"), index=True)
    from_date: Mapped[date] = mapped_column(Date)
    pence: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime)  # UTC: bookings before it keep the old


class FreePlaceRule(Base):
    """A reduction for a funding basis in one kind of club (100 = a free place)."""

    __tablename__ = "free_place_rules"
    __table_args__ = (
        UniqueConstraint("club_kind", "basis"),
        CheckConstraint("basis IN ('fsm', 'pupil_premium', 'looked_after', 'haf')", name="basis"),
        CheckConstraint("percent_off BETWEEN 1 AND 100", name="percent_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    club_kind: Mapped[str] = mapped_column(String(20))
    basis: Mapped[str] = mapped_column(String(20))
    percent_off: Mapped[int] = mapped_column(Integer)


class DiscretionaryPlace(Base):
    """A head's discretionary free or reduced place for one child, with a reason and an end date."""

    __tablename__ = "discretionary_places"
    __table_args__ = (
        CheckConstraint("percent_off BETWEEN 1 AND 100", name="percent_range"),
        CheckConstraint("end_date >= start_date", name="dates_in_order"),
        CheckConstraint("length(reason) > 0", name="reason_present"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("children.id"), index=True)
    percent_off: Mapped[int] = mapped_column(Integer)
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(String(200))
    granted_by: Mapped[str] = mapped_column(String(80), default="")


class ExtraCharge(Base):
    """A one-off charge (trip, T-shirt) with a reason; cancelled by a reversal, never deleted."""

    __tablename__ = "extra_charges"
    __table_args__ = (
        CheckConstraint("pence > 0", name="pence_positive"),
        CheckConstraint("length(reason) > 0", name="reason_present"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("children.id"), index=True)
    day: Mapped[date] = mapped_column(Date, index=True)
    pence: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    reversed_at: Mapped[datetime | None] = mapped_column(DateTime)
    reversed_reason: Mapped[str] = mapped_column(String(200), default="")


class Payment(Base):
    """Money in (or a refund out) for a family, held against one of its children.

    A Tax-Free Childcare payment whose reference matches no child has no child yet: it waits in
    the list of unmatched payments until the office resolves it.
    """

    __tablename__ = "payments"
    __table_args__ = (
        CheckConstraint("route IN ('cash', 'card', 'bank', 'tfc', 'voucher', 'universal_credit', "
                        "'refund')", name="route"),
        CheckConstraint("pence > 0", name="pence_positive"),
        CheckConstraint("route <> 'voucher' OR length(provider) > 0", name="voucher_provider"),
        CheckConstraint("route <> 'tfc' OR length(reference) > 0", name="tfc_reference"),
        CheckConstraint("route = 'tfc' OR child_id IS NOT NULL", name="child_unless_tfc"),
        CheckConstraint("(reversed_at IS NULL) = (length(reversed_reason) = 0)",
                        name="reversal_has_reason"),
        UniqueConstraint("import_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    child_id: Mapped[int | None] = mapped_column(ForeignKey("children.id"), index=True)
    route: Mapped[str] = mapped_column(String(20))
    pence: Mapped[int] = mapped_column(Integer)  # always positive; a refund is money out
    received_on: Mapped[date] = mapped_column(Date, index=True)
    reference: Mapped[str] = mapped_column(String(60), default="")
    provider: Mapped[str] = mapped_column(String(80), default="")
    note: Mapped[str] = mapped_column(String(200), default="")
    import_key: Mapped[str | None] = mapped_column(String(120))  # file line identity: idempotent
    created_at: Mapped[datetime] = mapped_column(DateTime)
    reversed_at: Mapped[datetime | None] = mapped_column(DateTime)
    reversed_reason: Mapped[str] = mapped_column(String(200), default="")


class FundingChange(Base):
    """A change to a child's FSM, Pupil Premium or looked-after flag, with the value it replaced.

    Free places follow the flags a child had on the day of each session: a session before
    ``changed_on`` is charged with ``before``, so ticking FSM today never rewrites charges already
    made. Written by ``core/funding_history.py`` whenever a child's flag changes, however it is
    changed (the child form, the MIS import).
    """

    audit_exempt = True  # itself a history of audited changes to the child

    __tablename__ = "funding_changes"
    __table_args__ = (
        CheckConstraint("basis IN ('fsm', 'pupil_premium', 'looked_after')", name="basis"),
        Index("ix_funding_changes_child_basis", "child_id", "basis", "changed_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("children.id"))
    basis: Mapped[str] = mapped_column(String(20))
    before: Mapped[bool] = mapped_column(Boolean)
    changed_on: Mapped[date] = mapped_column(Date)  # the office's day of the change (London)
