"""invitations by email and reminders

Revision ID: c9e5a3b2d4f6
Revises: b8d4f2a1c3e5
Create Date: 2026-11-30 13:02:16.966442

`invite_emails`: each address a coach mailed an invitation to, with its
outbox message (sent or failed) and when its link was first opened.
`reminders`: when a coach reminded a member to finish the questionnaire
(at most once a day per member).
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c9e5a3b2d4f6'
down_revision = 'b8d4f2a1c3e5'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('reminders',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('sent_by', sa.Integer(), nullable=True),
    sa.Column('sent_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['sent_by'], ['users.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['team_id'], ['teams.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('reminders', schema=None) as batch_op:
        batch_op.create_index('ix_reminders_team_user', ['team_id', 'user_id'], unique=False)

    op.create_table('invite_emails',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('invite_id', sa.Integer(), nullable=False),
    sa.Column('address', sa.String(length=254), nullable=False),
    sa.Column('lang', sa.String(length=5), nullable=False),
    sa.Column('token', sa.String(length=32), nullable=False),
    sa.Column('sent_by', sa.Integer(), nullable=True),
    sa.Column('outbox_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('opened_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['invite_id'], ['invites.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['outbox_id'], ['mail_outbox.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['sent_by'], ['users.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('token')
    )
    with op.batch_alter_table('invite_emails', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_invite_emails_invite_id'), ['invite_id'], unique=False)



def downgrade():
    with op.batch_alter_table('invite_emails', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_invite_emails_invite_id'))

    op.drop_table('invite_emails')
    with op.batch_alter_table('reminders', schema=None) as batch_op:
        batch_op.drop_index('ix_reminders_team_user')

    op.drop_table('reminders')
