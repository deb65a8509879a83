"""term block prices per club from a date, and each place's share of a block

Revision ID: 0017_block_prices
Revises: 0016_referrals
Create Date: 2026-11-30 09:20:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0017_block_prices'
down_revision = '0016_referrals'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "club_block_prices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("club_id", sa.Integer(), nullable=False),
        sa.Column("from_date", sa.Date(), nullable=False),
        sa.Column("pence", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("pence BETWEEN 0 AND 10000000",
                           name=op.f("ck_club_block_prices_pence_range")),
        sa.ForeignKeyConstraint(["club_id"], ["clubs.id"],
                                name=op.f("fk_club_block_prices_club_id_clubs")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_club_block_prices")),
    )
    op.create_index(op.f("ix_club_block_prices_club_id"), "club_block_prices", ["club_id"])
    with op.batch_alter_table("session_bookings") as batch:
        batch.add_column(sa.Column("block_pence", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("session_bookings") as batch:
        batch.drop_column("block_pence")
    op.drop_index(op.f("ix_club_block_prices_club_id"), table_name="club_block_prices")
    op.drop_table("club_block_prices")
