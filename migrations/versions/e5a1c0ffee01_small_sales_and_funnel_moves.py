"""key_accounts.small_sale; meetings remember the funnel step and the move they made

Revision ID: e5a1c0ffee01
Revises: d7a3c5e9f1b2
Create Date: 2026-12-01 10:00:00

A key account may be a small sale (two meeting outcomes: order, no order);
every existing account is a large sale, as before. A meeting keeps the funnel
step its account stood at when it was logged, and the step it moved the account
on to when the rep accepted the suggestion. Meetings logged before this keep
NULL in both: nobody knows where their account stood, and they moved nothing.
Existing meetings keep their outcome.

The new values need no schema: an account's funnel step may now be 'target'
(target customer, the funnel's entry stage) and a meeting's outcome 'no_order'.
The code before this revision knows neither, so the downgrade maps them to the
nearest value it knows ('analyse', 'no_sale') rather than leave pages it cannot
render.
"""
from alembic import op
import sqlalchemy as sa


revision = 'e5a1c0ffee01'
down_revision = 'd7a3c5e9f1b2'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('key_accounts', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('small_sale', sa.Boolean(), server_default='0', nullable=False)
        )
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('funnel_step', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('moved_to', sa.String(length=20), nullable=True))


def downgrade():
    accounts = sa.table('key_accounts', sa.column('funnel_step', sa.String))
    meetings = sa.table('meetings', sa.column('outcome', sa.String))
    op.execute(
        accounts.update()
        .where(accounts.c.funnel_step == 'target')
        .values(funnel_step='analyse')
    )
    op.execute(
        meetings.update().where(meetings.c.outcome == 'no_order').values(outcome='no_sale')
    )
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.drop_column('moved_to')
        batch_op.drop_column('funnel_step')
    with op.batch_alter_table('key_accounts', schema=None) as batch_op:
        batch_op.drop_column('small_sale')
