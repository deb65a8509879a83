"""minibus settings the office can change: the school day used for transport, the longest ride,
loading minutes and when an escort is needed, for the cluster and per school

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-25 19:30:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('minibus_settings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('school_starts', sa.Time(), nullable=False),
    sa.Column('school_ends', sa.Time(), nullable=False),
    sa.Column('max_ride_minutes', sa.Integer(), nullable=False),
    sa.Column('loading_minutes', sa.Integer(), nullable=False),
    sa.Column('escort_rule', sa.String(length=10), nullable=False),
    sa.Column('escort_blocking', sa.Boolean(), nullable=False),
    sa.CheckConstraint("escort_rule IN ('children', 'anyone', 'none')", name=op.f('ck_minibus_settings_escort_rule')),
    sa.CheckConstraint('id = 1', name=op.f('ck_minibus_settings_single_row')),
    sa.CheckConstraint('loading_minutes BETWEEN 0 AND 30', name=op.f('ck_minibus_settings_loading_range')),
    sa.CheckConstraint('max_ride_minutes BETWEEN 5 AND 180', name=op.f('ck_minibus_settings_max_ride_range')),
    sa.CheckConstraint('school_ends > school_starts', name=op.f('ck_minibus_settings_school_day_in_order')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_minibus_settings'))
    )
    op.create_table('minibus_site_rules',
    sa.Column('site_id', sa.Integer(), nullable=False),
    sa.Column('school_starts', sa.Time(), nullable=True),
    sa.Column('school_ends', sa.Time(), nullable=True),
    sa.Column('escort_rule', sa.String(length=10), nullable=True),
    sa.CheckConstraint("escort_rule IS NULL OR escort_rule IN ('children', 'anyone', 'none')", name=op.f('ck_minibus_site_rules_escort_rule')),
    sa.CheckConstraint('school_starts IS NULL OR school_ends IS NULL OR school_ends > school_starts', name=op.f('ck_minibus_site_rules_school_day_in_order')),
    sa.ForeignKeyConstraint(['site_id'], ['sites.id'], name=op.f('fk_minibus_site_rules_site_id_sites')),
    sa.PrimaryKeyConstraint('site_id', name=op.f('pk_minibus_site_rules'))
    )


def downgrade() -> None:
    op.drop_table('minibus_site_rules')
    op.drop_table('minibus_settings')
