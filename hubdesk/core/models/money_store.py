"""What each family was charged, kept as rows so the arrears, balances and income read at once.

Charges are derived from bookings, registers, prices and rules (``core/rules/charging.py``); at the
scale of a real cluster that takes seconds, so the sums are stored here and kept current:
database triggers (migration 0019) write the child of every change that can alter a charge into
``money_marks``, and the money services work out those children's families again before they read
(``services/money/stored.py``). Nothing here is typed by anyone; it is never audited and can be
rebuilt from the rest at any moment (a mark with no child means "everything").
"""

from datetime import date

from sqlalchemy import Date, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from hubdesk.core.models.base import Base, partial_index


class MoneyMark(Base):
    """A child whose family's stored charges must be worked out again (None: every family)."""

    audit_exempt = True
    __tablename__ = "money_marks"
    __table_args__ = (
        # "Everything" found at once: the triggers look for it before marking one child.
        partial_index("ix_money_marks_whole", "id", where="child_id IS NULL"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    child_id: Mapped[int | None] = mapped_column(Integer)


class MoneyBasis(Base):
    """The charging percentages the stored sums were worked out with (one row): when the rules
    say otherwise, every family is worked out again."""

    audit_exempt = True
    __tablename__ = "money_basis"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    basis: Mapped[str] = mapped_column(String(40))


class MoneyMember(Base):
    """The family a child belonged to when its charges were stored (key: the smallest child id)."""

    audit_exempt = True
    __tablename__ = "money_members"

    child_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    key: Mapped[int] = mapped_column(Integer, index=True)


class MoneyDay(Base):
    """A family's charges in one club on one day (club 0: its extra charges that day)."""

    audit_exempt = True
    __tablename__ = "money_days"
    __table_args__ = (
        # A club's income over any dates, read from the index alone (the Overview's viability).
        Index("ix_money_days_club_day", "club_id", "day", "charged", "credit", "sessions"),
        {"sqlite_with_rowid": False},  # the key is the table: half the size on disk
    )

    key: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    club_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    charged: Mapped[int] = mapped_column(Integer)  # pence: sessions and late-collection fees
    credit: Mapped[int] = mapped_column(Integer)  # pence credited for sessions the hub cancelled
    sessions: Mapped[int] = mapped_column(Integer)  # sessions charged (not cancelled)


class MoneyMonth(Base):
    """A family's charges and credits in one month (``YYYY-MM``): the balances and arrears."""

    audit_exempt = True
    __tablename__ = "money_months"
    __table_args__ = ({"sqlite_with_rowid": False},)

    key: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    month: Mapped[str] = mapped_column(String(7), primary_key=True)
    charged: Mapped[int] = mapped_column(Integer)
    credit: Mapped[int] = mapped_column(Integer)
