"""money: club prices from a date, free-place rules per club kind, discretionary places, one-off
extra charges and payments by route (session charges follow from bookings and are not stored)

Revision ID: 0009_money
Revises: 0007
Create Date: 2026-11-30 05:45:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0009_money'
down_revision = '0008_sign_in_book'
branch_labels = None
depends_on = None

_DEFAULT_RULES = [
    ('breakfast', 'fsm', 100), ('breakfast', 'looked_after', 100),
    ('after_school', 'fsm', 50), ('after_school', 'pupil_premium', 50),
    ('after_school', 'looked_after', 100),
    ('holiday', 'haf', 100), ('holiday', 'looked_after', 100),
    ('activity', 'looked_after', 100),
]


def upgrade() -> None:
    op.create_table('club_prices',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('club_id', sa.Integer(), nullable=False),
    sa.Column('from_date', sa.Date(), nullable=False),
    sa.Column('pence', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('pence BETWEEN 0 AND 1000000', name=op.f('ck_club_prices_pence_range')),
    sa.ForeignKeyConstraint(['club_id'], ['clubs.id'], name=op.f('fk_club_prices_club_id_clubs')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_club_prices'))
    )
    with op.batch_alter_table('club_prices', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_club_prices_club_id'), ['club_id'], unique=False)
    rules = op.create_table('free_place_rules',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('club_kind', sa.String(length=20), nullable=False),
    sa.Column('basis', sa.String(length=20), nullable=False),
    sa.Column('percent_off', sa.Integer(), nullable=False),
    sa.CheckConstraint("basis IN ('fsm', 'pupil_premium', 'looked_after', 'haf')", name=op.f('ck_free_place_rules_basis')),
    sa.CheckConstraint('percent_off BETWEEN 1 AND 100', name=op.f('ck_free_place_rules_percent_range')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_free_place_rules')),
    sa.UniqueConstraint('club_kind', 'basis', name=op.f('uq_free_place_rules_club_kind_basis'))
    )
    op.create_table('discretionary_places',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('child_id', sa.Integer(), nullable=False),
    sa.Column('percent_off', sa.Integer(), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=False),
    sa.Column('reason', sa.String(length=200), nullable=False),
    sa.Column('granted_by', sa.String(length=80), nullable=False),
    sa.CheckConstraint('end_date >= start_date', name=op.f('ck_discretionary_places_dates_in_order')),
    sa.CheckConstraint('length(reason) > 0', name=op.f('ck_discretionary_places_reason_present')),
    sa.CheckConstraint('percent_off BETWEEN 1 AND 100', name=op.f('ck_discretionary_places_percent_range')),
    sa.ForeignKeyConstraint(['child_id'], ['children.id'], name=op.f('fk_discretionary_places_child_id_children')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_discretionary_places'))
    )
    with op.batch_alter_table('discretionary_places', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_discretionary_places_child_id'), ['child_id'], unique=False)
    op.create_table('extra_charges',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('child_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('pence', sa.Integer(), nullable=False),
    sa.Column('reason', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('reversed_at', sa.DateTime(), nullable=True),
    sa.Column('reversed_reason', sa.String(length=200), nullable=False),
    sa.CheckConstraint('length(reason) > 0', name=op.f('ck_extra_charges_reason_present')),
    sa.CheckConstraint('pence > 0', name=op.f('ck_extra_charges_pence_positive')),
    sa.ForeignKeyConstraint(['child_id'], ['children.id'], name=op.f('fk_extra_charges_child_id_children')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_extra_charges'))
    )
    with op.batch_alter_table('extra_charges', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_extra_charges_child_id'), ['child_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_extra_charges_day'), ['day'], unique=False)
    op.create_table('payments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('child_id', sa.Integer(), nullable=True),
    sa.Column('route', sa.String(length=20), nullable=False),
    sa.Column('pence', sa.Integer(), nullable=False),
    sa.Column('received_on', sa.Date(), nullable=False),
    sa.Column('reference', sa.String(length=60), nullable=False),
    sa.Column('provider', sa.String(length=80), nullable=False),
    sa.Column('note', sa.String(length=200), nullable=False),
    sa.Column('import_key', sa.String(length=120), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('reversed_at', sa.DateTime(), nullable=True),
    sa.Column('reversed_reason', sa.String(length=200), nullable=False),
    sa.CheckConstraint("(reversed_at IS NULL) = (length(reversed_reason) = 0)", name=op.f('ck_payments_reversal_has_reason')),
    sa.CheckConstraint("route <> 'tfc' OR length(reference) > 0", name=op.f('ck_payments_tfc_reference')),
    sa.CheckConstraint("route <> 'voucher' OR length(provider) > 0", name=op.f('ck_payments_voucher_provider')),
    sa.CheckConstraint("route = 'tfc' OR child_id IS NOT NULL", name=op.f('ck_payments_child_unless_tfc')),
    sa.CheckConstraint("route IN ('cash', 'card', 'bank', 'tfc', 'voucher', 'universal_credit', 'refund')", name=op.f('ck_payments_route')),
    sa.CheckConstraint('pence > 0', name=op.f('ck_payments_pence_positive')),
    sa.ForeignKeyConstraint(['child_id'], ['children.id'], name=op.f('fk_payments_child_id_children')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_payments')),
    sa.UniqueConstraint('import_key', name=op.f('uq_payments_import_key'))
    )
    with op.batch_alter_table('payments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_payments_child_id'), ['child_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_payments_received_on'), ['received_on'], unique=False)
    op.bulk_insert(rules, [{'club_kind': k, 'basis': b, 'percent_off': p}
                           for k, b, p in _DEFAULT_RULES])


def downgrade() -> None:
    op.drop_table('payments')
    op.drop_table('extra_charges')
    op.drop_table('discretionary_places')
    op.drop_table('free_place_rules')
    op.drop_table('club_prices')
