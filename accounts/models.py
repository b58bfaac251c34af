"""The user account."""

import secrets
from datetime import datetime

from blinker import Namespace
from flask import current_app
from flask_login import UserMixin
from sqlalchemy import String
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import mapped_column

from accounts.passwords import hash_password
from accounts.passwords import verify_password
from database import end_read
from database import utcnow
from extensions import db
from extensions import login_manager

# Sent inside sign-up's transaction, before its commit, with `user` and `next`:
# whatever a receiver writes (the confirmation mail) is committed with the account.
signals = Namespace()
registered = signals.signal("registered")


def new_session_token():
    return secrets.token_urlsafe(32)


class User(UserMixin, db.Model):
    __tablename__ = "users"
    # Ids are never handed out again (SQLite would reuse a deleted account's id
    # without AUTOINCREMENT); PostgreSQL's sequences never reuse one anyway.
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(80))
    password_hash: Mapped[str] = mapped_column(String(255))
    locale: Mapped[str | None] = mapped_column(String(10))
    # Every session cookie carries this random token; a new one ends every session
    # at once (log-out, password change), and no other account can ever share it.
    session_token: Mapped[str] = mapped_column(String(64), default=new_session_token)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Runs the installation: may read the instrument's health across all users.
    # Granted only by `flask users grant-operator EMAIL`.
    is_operator: Mapped[bool] = mapped_column(default=False, server_default="0")
    # When the owner followed a confirmation (or reset) link mailed to `email`.
    email_confirmed_at: Mapped[datetime | None]

    def set_password(self, password):
        method = current_app.config["PASSWORD_HASH_METHOD"]
        self.password_hash = hash_password(password, method)

    def check_password(self, password):
        return verify_password(self.password_hash, password)

    def end_all_sessions(self):
        """Make every session cookie issued so far for this user worthless."""
        self.session_token = new_session_token()


@login_manager.user_loader
def load_user(user_id):
    """The signed-in user, read in a transaction of its own (see database.py)."""
    user = db.session.get(User, int(user_id))
    return user and end_read(user)
