"""The user account."""

from datetime import UTC
from datetime import datetime

from flask import current_app
from flask_login import UserMixin
from sqlalchemy import String
from sqlalchemy import update
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import mapped_column
from werkzeug.security import check_password_hash
from werkzeug.security import generate_password_hash

from extensions import db
from extensions import login_manager


def utcnow():
    return datetime.now(UTC).replace(tzinfo=None)


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(80))
    password_hash: Mapped[str] = mapped_column(String(255))
    locale: Mapped[str | None] = mapped_column(String(10))
    # Bumped to end every session of this user at once (log-out, password change).
    session_epoch: Mapped[int] = mapped_column(default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Runs the installation: may read the instrument's health across all users.
    # Granted only by `flask users grant-operator EMAIL`.
    is_operator: Mapped[bool] = mapped_column(default=False, server_default="0")

    def set_password(self, password):
        method = current_app.config["PASSWORD_HASH_METHOD"]
        self.password_hash = generate_password_hash(password, method=method)

    def check_password(self, password):
        return check_password_hash(self.password_hash, password)

    def end_all_sessions(self):
        """Make every session cookie issued so far for this user worthless.

        An atomic UPDATE, so two log-outs at once still both count.
        """
        db.session.execute(
            update(User)
            .where(User.id == self.id)
            .values(session_epoch=User.session_epoch + 1)
        )
        db.session.refresh(self, ["session_epoch"])


@login_manager.user_loader
def load_user(user_id):
    return db.session.get(User, int(user_id))
