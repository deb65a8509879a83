"""the core offer per school and term (with its history), staff-cost rates per role for club
viability in the Overview, and an index that lets the Overview count attendance from the index alone

Revision ID: 0014_core_offer
Revises: 0012_database_id, 0004
Create Date: 2026-11-30 07:35:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0014_core_offer'
# Also after 0004 (the registers' tables), whose attendance table gains an index here.
down_revision = ('0013_money_terms', '0004')
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('core_offer_status',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('site_id', sa.Integer(), nullable=False),
    sa.Column('term', sa.String(length=11), nullable=False),
    sa.Column('strand', sa.String(length=20), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('evidence', sa.Text(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=80), nullable=False),
    sa.CheckConstraint("strand IN ('activities', 'childcare', 'parenting', 'swift_access', "
                       "'community')", name=op.f('ck_core_offer_status_strand')),
    sa.CheckConstraint("status IN ('not_known', 'none', 'some', 'full', 'sustainable')",
                       name=op.f('ck_core_offer_status_status')),
    sa.CheckConstraint('length(term) = 11',
                       name=op.f('ck_core_offer_status_term_shape')),
    sa.ForeignKeyConstraint(['site_id'], ['sites.id'], ondelete='CASCADE',
                            name=op.f('fk_core_offer_status_site_id_sites')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_core_offer_status')),
    sa.UniqueConstraint('site_id', 'term', 'strand', name=op.f('uq_core_offer_status_site_id_term_strand'))
    )
    with op.batch_alter_table('core_offer_status', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_core_offer_status_site_id'), ['site_id'], unique=False)
    op.create_table('staff_cost_rates',
    sa.Column('role', sa.String(length=40), nullable=False),
    sa.Column('pence_per_hour', sa.Integer(), nullable=False),
    sa.CheckConstraint('pence_per_hour BETWEEN 0 AND 100000', name=op.f('ck_staff_cost_rates_rate_range')),
    sa.CheckConstraint('length(role) > 0', name=op.f('ck_staff_cost_rates_role_present')),
    sa.PrimaryKeyConstraint('role', name=op.f('pk_staff_cost_rates'))
    )
    with op.batch_alter_table('attendance', schema=None) as batch_op:
        batch_op.create_index('ix_attendance_session_status_child',
                              ['session_id', 'status', 'child_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('attendance', schema=None) as batch_op:
        batch_op.drop_index('ix_attendance_session_status_child')
    op.drop_table('staff_cost_rates')
    with op.batch_alter_table('core_offer_status', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_core_offer_status_site_id'))
    op.drop_table('core_offer_status')
