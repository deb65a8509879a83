"""Referrals of a child or a family to another service, and signposting entries; nothing is deleted.

A referral is closed with an outcome, never removed. ``due_on`` is worked out by the service from the
hub's target (family contacted within N school days of the child's school) and stored, so the
overdue list is one indexed query.
"""

from datetime import date

from sqlalchemy import Boolean, CheckConstraint, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from hubdesk.core.models.base import Base

_DATES = ("acknowledged_on", "allocated_on", "contacted_on", "closed_on")


class ReferralCategory(Base):
    """Why a referral was made: a short list the office can add to, kept as data."""

    __tablename__ = "referral_categories"
    __table_args__ = (CheckConstraint("length(name) > 0", name="name_present"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Referral(Base):
    __tablename__ = "referrals"
    __table_args__ = (
        CheckConstraint("kind IN ('referral', 'signposting')", name="kind"),
        CheckConstraint("(child_id IS NULL) <> (carer_id IS NULL)", name="one_person"),
        CheckConstraint("service <> 'local_provider' OR length(provider) > 0",
                        name="provider_named"),
        *(CheckConstraint(f"{name} IS NULL OR {name} >= made_on", name=f"{name}_in_order")
          for name in _DATES),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(12), default="referral")
    child_id: Mapped[int | None] = mapped_column(ForeignKey("children.id"), index=True)
    carer_id: Mapped[int | None] = mapped_column(ForeignKey("carers.id"), index=True)
    school_site_id: Mapped[int | None] = mapped_column(ForeignKey("sites.id"), index=True)
    service: Mapped[str] = mapped_column(String(20))  # vocabulary.REFERRAL_SERVICES
    provider: Mapped[str] = mapped_column(String(150), default="")
    category_id: Mapped[int] = mapped_column(ForeignKey("referral_categories.id"))
    notes: Mapped[str] = mapped_column(Text, default="")
    consent_by: Mapped[str] = mapped_column(String(150), default="")
    made_by: Mapped[str] = mapped_column(String(150))
    made_on: Mapped[date] = mapped_column(Date, index=True)
    due_on: Mapped[date | None] = mapped_column(Date, index=True)
    acknowledged_on: Mapped[date | None] = mapped_column(Date)
    allocated_on: Mapped[date | None] = mapped_column(Date)
    contacted_on: Mapped[date | None] = mapped_column(Date)
    closed_on: Mapped[date | None] = mapped_column(Date, index=True)
    outcome: Mapped[str] = mapped_column(Text, default="")
    row_version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": row_version}
