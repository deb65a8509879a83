"""what a school MIS records, as levels: SEN level (none, SEN support, EHC plan) instead of a yes/no
SEND flag, FSM now and Ever 6, previously looked-after, service child, EAL and first language

Revision ID: 0010_mis_levels
Revises: 0007
Create Date: 2026-11-30 06:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0010_mis_levels'
down_revision = '0009_money'
branch_labels = None
depends_on = None

_EAL = ("eal IN ('not_recorded', 'english', 'believed_english', 'other', 'believed_other', "
        "'unclassified')")


def upgrade() -> None:
    with op.batch_alter_table('children', schema=None) as batch_op:
        batch_op.add_column(sa.Column('fsm_ever6', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('previously_looked_after', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
        batch_op.add_column(sa.Column('service_child', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('sen_level', sa.String(length=10), nullable=False,
                                      server_default='none'))
        batch_op.add_column(sa.Column('eal', sa.String(length=20), nullable=False,
                                      server_default='not_recorded'))
        batch_op.add_column(sa.Column('first_language', sa.String(length=60), nullable=False,
                                      server_default=''))
    # The old yes/no flag said only "has SEND": kept as SEN support, the level every plan includes.
    op.execute("UPDATE children SET sen_level = 'support' WHERE send")
    with op.batch_alter_table('children', schema=None) as batch_op:
        batch_op.create_check_constraint(op.f('ck_children_sen_level'),
                                         "sen_level IN ('none', 'support', 'ehcp')")
        batch_op.create_check_constraint(op.f('ck_children_eal'), _EAL)
        batch_op.drop_column('send')


def downgrade() -> None:
    with op.batch_alter_table('children', schema=None) as batch_op:
        batch_op.add_column(sa.Column('send', sa.Boolean(), nullable=False, server_default=sa.false()))
    op.execute("UPDATE children SET send = (sen_level <> 'none')")
    with op.batch_alter_table('children', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_children_eal'), type_='check')
        batch_op.drop_constraint(op.f('ck_children_sen_level'), type_='check')
        for column in ('first_language', 'eal', 'sen_level', 'service_child', 'previously_looked_after',
                       'fsm_ever6'):
            batch_op.drop_column(column)
