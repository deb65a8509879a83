"""children's names sort as people read them: a folded, accent-free sort key ("Łucja" with L)

Revision ID: 0011_sort_keys
Revises: 0008_sign_in_book
Create Date: 2026-12-01 06:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from hubdesk.core.vocabulary import name_sort_key

revision = '0011_sort_keys'
down_revision = '0010_mis_levels'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('children', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sort_key', sa.String(length=300), nullable=False,
                                      server_default=''))
        batch_op.create_index(batch_op.f('ix_children_sort_key'), ['sort_key'], unique=False)
    children = sa.table('children', sa.column('id', sa.Integer), sa.column('forename', sa.String),
                        sa.column('surname', sa.String), sa.column('preferred_forename', sa.String),
                        sa.column('preferred_surname', sa.String), sa.column('sort_key', sa.String))
    bind = op.get_bind()
    rows = bind.execute(sa.select(children.c.id, children.c.forename, children.c.surname,
                                  children.c.preferred_forename, children.c.preferred_surname)).all()
    keys = [{"child_id": i, "key": name_sort_key(ps or s, pf or f)} for i, f, s, pf, ps in rows]
    if keys:
        bind.execute(children.update().where(children.c.id == sa.bindparam("child_id"))
                     .values(sort_key=sa.bindparam("key")), keys)


def downgrade() -> None:
    with op.batch_alter_table('children', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_children_sort_key'))
        batch_op.drop_column('sort_key')
