"""What the Overview keeps of its own: the core offer per school and term, and staff-cost rates.

The core offer's status is a judgement the head makes each term (with the data's suggestion beside
it), so each (school, term, strand) keeps one row and the terms before stay as its history. The
rate per staff role is the office's data: club viability multiplies rota hours by it.
"""

from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from hubdesk.core.models.base import Base


class CoreOfferStatus(Base):
    """One strand of one school's core offer in one term (``2026-autumn``), with its evidence."""

    __tablename__ = "core_offer_status"
    __table_args__ = (
        UniqueConstraint("site_id", "term", "strand"),
        CheckConstraint("strand IN ('activities', 'childcare', 'parenting', 'swift_access', "
                        "'community')", name="strand"),
        CheckConstraint("status IN ('not_known', 'none', 'some', 'full', 'sustainable')",
                        name="status"),
        CheckConstraint("length(term) = 11", name="term_shape"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id", ondelete="CASCADE"), index=True)
    term: Mapped[str] = mapped_column(String(11))
    strand: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(12))
    evidence: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime)  # UTC
    updated_by: Mapped[str] = mapped_column(String(80), default="")


class StaffCostRate(Base):
    """What an hour of one staff role costs (pence), for club viability."""

    __tablename__ = "staff_cost_rates"
    __table_args__ = (
        CheckConstraint("pence_per_hour BETWEEN 0 AND 100000", name="rate_range"),
        CheckConstraint("length(role) > 0", name="role_present"),
    )

    role: Mapped[str] = mapped_column(String(40), primary_key=True)
    pence_per_hour: Mapped[int] = mapped_column(Integer)
