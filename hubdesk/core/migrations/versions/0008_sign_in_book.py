"""the signing-in book for adults on site (staff, learners, visitors, contractors), which the fire
register reads

Revision ID: 0008_sign_in_book
Revises: 0007
Create Date: 2026-11-30 06:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0008_sign_in_book'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('sign_ins',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('site_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('name', sa.String(length=150), nullable=False),
    sa.Column('organisation', sa.String(length=150), nullable=False),
    sa.Column('visiting', sa.String(length=150), nullable=False),
    sa.Column('car_registration', sa.String(length=20), nullable=False),
    sa.Column('signed_in_at', sa.DateTime(), nullable=False),
    sa.Column('signed_out_at', sa.DateTime(), nullable=True),
    sa.Column('recorded_by', sa.String(length=80), nullable=False),
    sa.CheckConstraint('length(name) > 0', name=op.f('ck_sign_ins_named')),
    sa.CheckConstraint("kind IN ('staff', 'learner', 'visitor', 'contractor')",
                       name=op.f('ck_sign_ins_kind')),
    sa.CheckConstraint('signed_out_at IS NULL OR signed_out_at >= signed_in_at',
                       name=op.f('ck_sign_ins_out_after_in')),
    sa.ForeignKeyConstraint(['site_id'], ['sites.id'], name=op.f('fk_sign_ins_site_id_sites')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sign_ins'))
    )
    with op.batch_alter_table('sign_ins', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sign_ins_site_id'), ['site_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_sign_ins_signed_in_at'), ['signed_in_at'],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table('sign_ins', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sign_ins_signed_in_at'))
        batch_op.drop_index(batch_op.f('ix_sign_ins_site_id'))
    op.drop_table('sign_ins')
