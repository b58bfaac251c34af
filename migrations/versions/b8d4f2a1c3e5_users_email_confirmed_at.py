"""users.email_confirmed_at

Revision ID: b8d4f2a1c3e5
Revises: a7c3e1f0b2d4
Create Date: 2026-11-30 12:56:10.779955

When the owner of an account followed a link mailed to its address. Accounts
made before stay unconfirmed (nobody ever checked their addresses); each can
ask for a confirmation link from the team invitation or *My account*.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b8d4f2a1c3e5'
down_revision = 'a7c3e1f0b2d4'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('email_confirmed_at', sa.DateTime(), nullable=True))



def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('email_confirmed_at')

