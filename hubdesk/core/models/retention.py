"""How long each kind of record is kept: the retention schedule as data an administrator can change."""

from sqlalchemy import Boolean, CheckConstraint, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from hubdesk.core.models.base import Base


class RetentionRule(Base):
    """One rule of the schedule; ``key`` names what the purge does (see services.admin.retention)."""

    __tablename__ = "retention_rules"
    __table_args__ = (CheckConstraint("years BETWEEN 1 AND 100", name="years_range"),)

    key: Mapped[str] = mapped_column(String(30), primary_key=True)
    years: Mapped[int] = mapped_column(Integer)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
