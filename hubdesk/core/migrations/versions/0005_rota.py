"""rota: staff checks and qualifications, sites and availability, ratio rules, shifts
(a branch after 0002 clubs)

Revision ID: 0005
Revises: 0002
Create Date: 2026-11-25 19:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0002'
branch_labels = None
depends_on = ('0003_learning',)

# The defaults of common practice: 1 adult to 8 children under 8, 1 to 10 from 8.
DEFAULT_RATIOS = ((0, 8), (8, 10))


def upgrade() -> None:
    with op.batch_alter_table('staff', schema=None) as batch_op:
        batch_op.add_column(sa.Column('dbs_number', sa.String(length=20), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('dbs_issued_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('dbs_checked_by', sa.String(length=100), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('dbs_checked_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('barred_list_checked', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('dbs_update_service', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('first_aid_expires', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('food_hygiene_expires', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('safeguarding_lead', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('licence_categories', sa.String(length=40), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('licence_first_held', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('date_of_birth', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('midas_expires', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('contracted_week_minutes', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('contracted_day_minutes', sa.Integer(), nullable=True))
        batch_op.create_check_constraint(
            op.f('ck_staff_dbs_date_has_number'), 'dbs_issued_on IS NULL OR length(dbs_number) > 0')
        batch_op.create_check_constraint(
            op.f('ck_staff_barred_list_has_dbs'), 'barred_list_checked = false OR length(dbs_number) > 0')
        batch_op.create_check_constraint(
            op.f('ck_staff_week_minutes_range'),
            'contracted_week_minutes IS NULL OR contracted_week_minutes BETWEEN 0 AND 3600')
        batch_op.create_check_constraint(
            op.f('ck_staff_day_minutes_range'),
            'contracted_day_minutes IS NULL OR contracted_day_minutes BETWEEN 0 AND 960')

    op.create_table('staff_sites',
    sa.Column('staff_id', sa.Integer(), nullable=False),
    sa.Column('site_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['site_id'], ['sites.id'], name=op.f('fk_staff_sites_site_id_sites'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], name=op.f('fk_staff_sites_staff_id_staff'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('staff_id', 'site_id', name=op.f('pk_staff_sites'))
    )
    with op.batch_alter_table('staff_sites', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_staff_sites_site_id'), ['site_id'], unique=False)

    op.create_table('staff_availability',
    sa.Column('staff_id', sa.Integer(), nullable=False),
    sa.Column('weekday', sa.Integer(), nullable=False),
    sa.Column('start_time', sa.Time(), nullable=False),
    sa.Column('end_time', sa.Time(), nullable=False),
    sa.CheckConstraint('weekday BETWEEN 0 AND 6', name=op.f('ck_staff_availability_weekday_range')),
    sa.CheckConstraint('end_time > start_time', name=op.f('ck_staff_availability_times_in_order')),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], name=op.f('fk_staff_availability_staff_id_staff'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('staff_id', 'weekday', name=op.f('pk_staff_availability'))
    )

    ratio_rules = op.create_table('ratio_rules',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('site_id', sa.Integer(), nullable=True),
    sa.Column('from_age', sa.Integer(), nullable=False),
    sa.Column('per_adult', sa.Integer(), nullable=False),
    sa.CheckConstraint('from_age BETWEEN 0 AND 18', name=op.f('ck_ratio_rules_age_range')),
    sa.CheckConstraint('per_adult BETWEEN 1 AND 30', name=op.f('ck_ratio_rules_per_adult_range')),
    sa.ForeignKeyConstraint(['site_id'], ['sites.id'], name=op.f('fk_ratio_rules_site_id_sites'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ratio_rules')),
    sa.UniqueConstraint('site_id', 'from_age', name=op.f('uq_ratio_rules_site_id_from_age'))
    )
    with op.batch_alter_table('ratio_rules', schema=None) as batch_op:
        batch_op.create_index('uq_ratio_rules_default_age', ['from_age'], unique=True,
                              sqlite_where=sa.text('site_id IS NULL'),
                              postgresql_where=sa.text('site_id IS NULL'))
    op.bulk_insert(ratio_rules, [{'site_id': None, 'from_age': age, 'per_adult': n}
                                 for age, n in DEFAULT_RATIOS])

    op.create_table('shifts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('staff_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('role', sa.String(length=10), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('start_time', sa.Time(), nullable=False),
    sa.Column('end_time', sa.Time(), nullable=False),
    sa.Column('site_id', sa.Integer(), nullable=True),
    sa.Column('club_session_id', sa.Integer(), nullable=True),
    sa.Column('course_session_id', sa.Integer(), nullable=True),
    sa.Column('run_id', sa.Integer(), nullable=True),
    sa.Column('note', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('cancelled_at', sa.DateTime(), nullable=True),
    sa.CheckConstraint("kind IN ('club', 'duty', 'creche', 'run')", name=op.f('ck_shifts_kind')),
    sa.CheckConstraint("role IN ('lead', 'assistant', 'duty', 'creche', 'driver', 'escort')", name=op.f('ck_shifts_role')),
    sa.CheckConstraint('end_time > start_time', name=op.f('ck_shifts_times_in_order')),
    sa.CheckConstraint(
        "(kind = 'club' AND club_session_id IS NOT NULL AND role IN ('lead', 'assistant')) OR "
        "(kind = 'duty' AND club_session_id IS NULL AND role = 'duty') OR "
        "(kind = 'creche' AND course_session_id IS NOT NULL AND role = 'creche') OR "
        "(kind = 'run' AND run_id IS NOT NULL AND role IN ('driver', 'escort'))",
        name=op.f('ck_shifts_kind_has_target')),
    sa.CheckConstraint("kind = 'run' OR site_id IS NOT NULL", name=op.f('ck_shifts_site_present')),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], name=op.f('fk_shifts_staff_id_staff')),
    sa.ForeignKeyConstraint(['site_id'], ['sites.id'], name=op.f('fk_shifts_site_id_sites')),
    sa.ForeignKeyConstraint(['club_session_id'], ['club_sessions.id'], name=op.f('fk_shifts_club_session_id_club_sessions')),
    sa.ForeignKeyConstraint(['course_session_id'], ['course_sessions.id'], name=op.f('fk_shifts_course_session_id_course_sessions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_shifts'))
    )
    with op.batch_alter_table('shifts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_shifts_staff_id'), ['staff_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_shifts_club_session_id'), ['club_session_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_shifts_course_session_id'), ['course_session_id'], unique=False)
        batch_op.create_index('ix_shifts_day_site_id', ['day', 'site_id'], unique=False)
        batch_op.create_index('uq_shifts_club_live', ['staff_id', 'club_session_id'], unique=True,
                              sqlite_where=sa.text('cancelled_at IS NULL AND club_session_id IS NOT NULL'),
                              postgresql_where=sa.text('cancelled_at IS NULL AND club_session_id IS NOT NULL'))
        batch_op.create_index('uq_shifts_creche_live', ['staff_id', 'course_session_id'], unique=True,
                              sqlite_where=sa.text('cancelled_at IS NULL AND course_session_id IS NOT NULL'),
                              postgresql_where=sa.text('cancelled_at IS NULL AND course_session_id IS NOT NULL'))


def downgrade() -> None:
    op.drop_table('shifts')
    op.drop_table('ratio_rules')
    op.drop_table('staff_availability')
    op.drop_table('staff_sites')
    with op.batch_alter_table('staff', schema=None) as batch_op:
        for name in ('dbs_date_has_number', 'barred_list_has_dbs', 'week_minutes_range',
                     'day_minutes_range'):
            batch_op.drop_constraint(op.f(f'ck_staff_{name}'), type_='check')
        for column in ('dbs_number', 'dbs_issued_on', 'dbs_checked_by', 'dbs_checked_on',
                       'barred_list_checked', 'dbs_update_service', 'first_aid_expires',
                       'food_hygiene_expires', 'safeguarding_lead', 'licence_categories',
                       'licence_first_held', 'date_of_birth', 'midas_expires',
                       'contracted_week_minutes', 'contracted_day_minutes'):
            batch_op.drop_column(column)
