"""A rep's key accounts and the buyers in them, with estimates and meetings.

This is a third party's personal data: deleting a contact deletes its whole
history (estimates, meetings) with it.
"""

from datetime import date
from datetime import datetime
from functools import lru_cache

from sqlalchemy import JSON
from sqlalchemy import ForeignKey
from sqlalchemy import String
from sqlalchemy import Text

# `orm.relationship`, because Contact has a column called `relationship`.
from sqlalchemy import orm
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import mapped_column

from assessment.vocabulary import code_string
from database import utcnow
from extensions import db
from selling.cues import BuyerEstimate
from selling.cues import estimate
from selling.funnel import LoggedMeeting
from selling.meetings import OUTCOMES as OUTCOMES

# ROLES and LEVELS live with the 1+2+1 tracking; forms and CSV read every choice
# from here.
from selling.tracking import LEVELS as LEVELS
from selling.tracking import ROLES as ROLES

GUIDE = ("none", "insider", "guide")
RELATIONSHIPS = ("not_met", "in_contact", "won_over", "opposed")
# The two negotiation answers: yes, no, or None while the rep cannot tell yet.
TRISTATE = {"unknown": None, "yes": True, "no": False}


class KeyAccount(db.Model):
    __tablename__ = "key_accounts"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(120))
    funnel_step: Mapped[str] = mapped_column(String(20), default="analyse")
    # A small sale ends in an order or no order; a large one has four outcomes.
    small_sale: Mapped[bool] = mapped_column(default=False, server_default="0")
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    contacts: Mapped[list["Contact"]] = orm.relationship(
        back_populates="account",
        cascade="all, delete-orphan",
        order_by="Contact.name",
        passive_deletes=True,
    )


class Contact(db.Model):
    __tablename__ = "contacts"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("key_accounts.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(120))
    title: Mapped[str] = mapped_column(String(120), default="")
    level: Mapped[str] = mapped_column(String(12), default="middle")
    role: Mapped[str] = mapped_column(String(16), default="user")
    guide: Mapped[str] = mapped_column(String(10), default="none")
    relationship: Mapped[str] = mapped_column(String(12), default="not_met")
    # The two negotiation questions; None while the rep cannot tell yet.
    reads_situation: Mapped[bool | None]
    integrity: Mapped[bool | None]
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    account: Mapped[KeyAccount] = orm.relationship(back_populates="contacts")
    estimates: Mapped[list["Estimate"]] = orm.relationship(
        back_populates="contact",
        cascade="all, delete-orphan",
        order_by="Estimate.created_at.desc()",
        passive_deletes=True,
    )
    meetings: Mapped[list["Meeting"]] = orm.relationship(
        back_populates="contact",
        cascade="all, delete-orphan",
        order_by="Meeting.held_on.desc()",
        passive_deletes=True,
    )


class Estimate(db.Model):
    """The rep's reading of a buyer's profile on one day, from the cues they ticked.

    The ticked cues are the record. The counts, pattern and confidence columns
    keep what the rule of the day computed at saving; the app reads the estimate
    recomputed from the cues and the contact's current role (`reading`), so an
    estimate saved under an older rule, or before the contact's role changed,
    shows the current rule (docs/reps.md). No data migration is needed for that.
    """

    __tablename__ = "estimates"

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    cues: Mapped[list[str]] = mapped_column(JSON)
    # As computed when saved; read `counts`, `pattern` and `confidence` instead.
    count_a: Mapped[int]
    count_b: Mapped[int]
    count_c: Mapped[int]
    count_d: Mapped[int]
    saved_pattern: Mapped[str] = mapped_column("pattern", String(4))
    saved_confidence: Mapped[float] = mapped_column("confidence")

    contact: Mapped[Contact] = orm.relationship(back_populates="estimates")

    @property
    def reading(self) -> BuyerEstimate:
        """The estimate under the current rule, for the contact's current role."""
        return _read(tuple(self.cues), self.contact.role)

    def save_reading(self, result: BuyerEstimate) -> None:
        """Keep what `result` computed in the columns, as a record of the day."""
        self.count_a, self.count_b, self.count_c, self.count_d = (
            result.counts[q] for q in "ABCD"
        )
        self.saved_pattern, self.saved_confidence = result.pattern, result.confidence

    @property
    def counts(self):
        return self.reading.counts

    @property
    def code(self):
        return code_string(self.reading.counts)

    @property
    def pattern(self):
        return self.reading.pattern

    @pattern.setter
    def pattern(self, value):
        self.saved_pattern = value

    @property
    def confidence(self):
        return self.reading.confidence

    @confidence.setter
    def confidence(self, value):
        self.saved_confidence = value

    @property
    def level(self):
        return self.reading.level


@lru_cache(maxsize=4096)
def _read(cue_ids: tuple[str, ...], role: str) -> BuyerEstimate:
    # Pages read an estimate many times; the result depends only on these two.
    return estimate(cue_ids, role=role)


class Meeting(db.Model):
    """What happened at a meeting, judged by what the customer agreed to do."""

    __tablename__ = "meetings"

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )
    held_on: Mapped[date]
    outcome: Mapped[str] = mapped_column(String(14))
    customer_action: Mapped[str] = mapped_column(Text, default="")
    advances: Mapped[list[str]] = mapped_column(JSON, default=list)
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Where the account stood in the funnel when the meeting was logged (None for
    # meetings logged before this was kept), and the stage this meeting moved it
    # on to when the rep accepted the suggestion (None: it moved nothing).
    funnel_step: Mapped[str | None] = mapped_column(String(20))
    moved_to: Mapped[str | None] = mapped_column(String(20))

    contact: Mapped[Contact] = orm.relationship(back_populates="meetings")

    @property
    def logged(self) -> LoggedMeeting:
        """The meeting as the funnel rules read it."""
        return LoggedMeeting(
            self.id, self.held_on, self.outcome, self.funnel_step, self.moved_to
        )
