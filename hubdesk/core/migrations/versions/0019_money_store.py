"""stored money totals: each family's charges per club and day and per month, kept current by
triggers that mark the child of every change that can alter a charge

The triggers catch every write, however it is made (a service, a bulk statement, an import), on
SQLite and PostgreSQL alike. The money rules' percentages are compared by the money services themselves
(a change there, or to a free-place rule, reworks every family). A mark with no child asks for
everything to be worked out again: the first read after this migration does that.

Revision ID: 0019_money_store
Revises: 0018_read_roles
Create Date: 2026-11-30 10:30:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0019_money_store'
down_revision = '0018_read_roles'
branch_labels = None
depends_on = None

_BOOKED_IN_CLUB = ("SELECT DISTINCT sb.child_id FROM session_bookings sb JOIN club_sessions cs "
                   "ON cs.id = sb.session_id WHERE cs.club_id = {row}.{club}")
_PRICED = (_BOOKED_IN_CLUB + " AND cs.day >= {row}.from_date AND sb.booked_at >= {row}.created_at")

# (name, table, event, condition or "", the children marked; {row} is NEW or OLD)
_MARKS: list[tuple[str, str, str, str, str]] = [
    ("bookings_in", "session_bookings", "INSERT", "", "SELECT NEW.child_id"),
    ("bookings_change", "session_bookings",
     "UPDATE OF status, cancelled_at, late, block_pence, booked_at, child_id, session_id", "",
     "SELECT NEW.child_id UNION SELECT OLD.child_id"),
    ("bookings_out", "session_bookings", "DELETE", "", "SELECT OLD.child_id"),
    ("fees_in", "attendance", "INSERT", "NEW.late_fee_pence > 0",
     "SELECT child_id FROM session_bookings WHERE id = NEW.session_booking_id"),
    ("fees_change", "attendance", "UPDATE OF late_fee_pence, session_booking_id", "",
     "SELECT child_id FROM session_bookings WHERE id IN "
     "(NEW.session_booking_id, OLD.session_booking_id)"),
    ("fees_out", "attendance", "DELETE", "OLD.late_fee_pence > 0",
     "SELECT child_id FROM session_bookings WHERE id = OLD.session_booking_id"),
    ("sessions_change", "club_sessions", "UPDATE OF status, cancelled_at, day, club_id", "",
     "SELECT child_id FROM session_bookings WHERE session_id = NEW.id"),
    ("clubs_change", "clubs", "UPDATE OF kind, price_pence", "",
     _BOOKED_IN_CLUB.format(row="NEW", club="id")),
    ("prices_in", "club_prices", "INSERT", "", _PRICED.format(row="NEW", club="club_id")),
    ("prices_change", "club_prices", "UPDATE", "",
     _PRICED.format(row="NEW", club="club_id") + " UNION "
     + _PRICED.format(row="OLD", club="club_id")),
    ("prices_out", "club_prices", "DELETE", "", _PRICED.format(row="OLD", club="club_id")),
    ("children_in", "children", "INSERT", "", "SELECT NEW.id"),
    ("children_change", "children", "UPDATE OF fsm, pupil_premium, looked_after", "",
     "SELECT NEW.id"),
    ("children_out", "children", "DELETE", "", "SELECT OLD.id"),
]
_EVERYONE = "SELECT CAST(NULL AS INTEGER)"  # a free-place rule changes every family's charges
_MARKS += [("free_in", "free_place_rules", "INSERT", "", _EVERYONE),
           ("free_change", "free_place_rules", "UPDATE", "", _EVERYONE),
           ("free_out", "free_place_rules", "DELETE", "", _EVERYONE)]
for _table in ("child_carers", "funding_changes", "discretionary_places", "extra_charges"):
    _short = _table.split("_")[-1] if _table != "child_carers" else "links"
    _MARKS += [
        (f"{_short}_in", _table, "INSERT", "", "SELECT NEW.child_id"),
        (f"{_short}_change", _table, "UPDATE", "", "SELECT NEW.child_id UNION SELECT OLD.child_id"),
        (f"{_short}_out", _table, "DELETE", "", "SELECT OLD.child_id"),
    ]


_NO_WHOLE_MARK = "NOT EXISTS (SELECT 1 FROM money_marks WHERE child_id IS NULL)"


def _create_triggers(dialect: str) -> list[str]:
    statements = []
    for name, table, event, condition, children in _MARKS:
        trigger = f"money_mark_{name}"
        mark = f"INSERT INTO money_marks (child_id) {children};"
        if dialect == "postgresql":
            statements.append(
                f"CREATE FUNCTION {trigger}() RETURNS trigger LANGUAGE plpgsql AS "
                f"$$ BEGIN {mark} RETURN NULL; END $$")
            when = f" WHEN ({condition})" if condition else ""
            statements.append(f"CREATE TRIGGER {trigger} AFTER {event} ON {table} FOR EACH ROW"
                              f"{when} EXECUTE FUNCTION {trigger}()")
        else:
            # SQLite writes one transaction at a time, so once "everything" is asked for no other
            # mark is needed (a demo or a large import writes no mark per row).
            when = f" WHEN {condition + ' AND ' if condition else ''}{_NO_WHOLE_MARK}"
            statements.append(f"CREATE TRIGGER {trigger} AFTER {event} ON {table}{when} "
                              f"BEGIN {mark} END")
    return statements


def _drop_triggers(dialect: str) -> list[str]:
    statements = []
    for name, table, _event, _condition, _children in _MARKS:
        if dialect == "postgresql":
            statements += [f"DROP TRIGGER IF EXISTS money_mark_{name} ON {table}",
                           f"DROP FUNCTION IF EXISTS money_mark_{name}()"]
        else:
            statements.append(f"DROP TRIGGER IF EXISTS money_mark_{name}")
    return statements


def upgrade() -> None:
    op.create_table(
        "money_marks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("child_id", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_money_marks")),
    )
    op.create_index("ix_money_marks_whole", "money_marks", ["id"],
                    sqlite_where=sa.text("child_id IS NULL"),
                    postgresql_where=sa.text("child_id IS NULL"))
    op.create_table(
        "money_basis",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("basis", sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_money_basis")),
    )
    op.create_table(
        "money_members",
        sa.Column("child_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("key", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("child_id", name=op.f("pk_money_members")),
    )
    op.create_index(op.f("ix_money_members_key"), "money_members", ["key"])
    op.create_table(
        "money_days",
        sa.Column("key", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("club_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("charged", sa.Integer(), nullable=False),
        sa.Column("credit", sa.Integer(), nullable=False),
        sa.Column("sessions", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("key", "club_id", "day", name=op.f("pk_money_days")),
        sqlite_with_rowid=False,  # the key is the table: half the size on disk
    )
    op.create_index("ix_money_days_club_day", "money_days",
                    ["club_id", "day", "charged", "credit", "sessions"])
    op.create_table(
        "money_months",
        sa.Column("key", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("charged", sa.Integer(), nullable=False),
        sa.Column("credit", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("key", "month", name=op.f("pk_money_months")),
        sqlite_with_rowid=False,
    )
    bind = op.get_bind()
    for statement in _create_triggers(bind.dialect.name):
        bind.exec_driver_sql(statement)
    bind.exec_driver_sql("INSERT INTO money_marks (child_id) VALUES (NULL)")


def downgrade() -> None:
    bind = op.get_bind()
    for statement in _drop_triggers(bind.dialect.name):
        bind.exec_driver_sql(statement)
    op.drop_table("money_months")
    op.drop_index("ix_money_days_club_day", table_name="money_days")
    op.drop_table("money_days")
    op.drop_index(op.f("ix_money_members_key"), table_name="money_members")
    op.drop_table("money_members")
    op.drop_index("ix_money_marks_whole", table_name="money_marks")
    op.drop_table("money_marks")
    op.drop_table("money_basis")
