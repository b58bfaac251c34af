"""Stored assessments: raw picks per round plus the scores computed from them."""

import secrets
from datetime import datetime

from sqlalchemy import JSON
from sqlalchemy import ForeignKey
from sqlalchemy import Index
from sqlalchemy import String
from sqlalchemy import UniqueConstraint
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import mapped_column
from sqlalchemy.orm import relationship

from assessment import questionnaire
from assessment.scoring import Profile
from assessment.scoring import score
from assessment.vocabulary import code_string
from database import utcnow
from extensions import db


def _new_seed():
    return secrets.randbelow(2**31)


class Assessment(db.Model):
    __tablename__ = "assessments"
    # Team pages look up each member's latest finished assessment.
    __table_args__ = (Index("ix_assessments_user_finished", "user_id", "finished_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    # The instrument version answered on: its wording and quadrants, for good.
    catalogue_version: Mapped[str] = mapped_column(
        String(20), default=questionnaire.version
    )
    # Seeds this assessment's element order, so a reload shows the same order.
    seed: Mapped[int] = mapped_column(default=_new_seed)
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None]
    # Computed on finishing, so lists and team pages need not rescore.
    count_a: Mapped[int | None]
    count_b: Mapped[int | None]
    count_c: Mapped[int | None]
    count_d: Mapped[int | None]
    pattern: Mapped[str | None] = mapped_column(String(4))

    answers: Mapped[list["RoundAnswer"]] = relationship(
        back_populates="assessment",
        cascade="all, delete-orphan",
        order_by="RoundAnswer.round_number",
        lazy="selectin",
    )

    @property
    def finished(self):
        return self.finished_at is not None

    @property
    def counts(self):
        """Stored picks per quadrant, or None while unfinished."""
        if not self.finished:
            return None
        stored = (self.count_a, self.count_b, self.count_c, self.count_d)
        return dict(zip(questionnaire.QUADRANTS, stored, strict=True))

    @property
    def code(self):
        """The preference code, e.g. '1-2-2-1', or None while unfinished."""
        counts = self.counts
        return counts and code_string(counts)

    def picks_for(self, round_number):
        """The ids picked in a round, or an empty list if not answered yet."""
        for answer in self.answers:
            if answer.round_number == round_number:
                return list(answer.picks)
        return []

    def next_round(self):
        """The first unanswered round, or None when all three are answered."""
        answered = {a.round_number for a in self.answers}
        return next((n for n in (1, 2, 3) if n not in answered), None)

    @property
    def rounds(self):
        """The rounds of the instrument version this assessment is answered on."""
        return questionnaire.load(self.catalogue_version)

    def profile(self) -> Profile:
        """Recompute the profile from the stored picks."""
        return score([self.picks_for(n) for n in (1, 2, 3)], self.rounds)

    def finish(self, now=None):
        profile = self.profile()
        self.count_a, self.count_b, self.count_c, self.count_d = (
            profile.counts[q] for q in questionnaire.QUADRANTS
        )
        self.pattern = profile.pattern
        self.finished_at = now or utcnow()
        return profile


class RoundAnswer(db.Model):
    __tablename__ = "round_answers"
    __table_args__ = (UniqueConstraint("assessment_id", "round_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("assessments.id", ondelete="CASCADE"), index=True
    )
    round_number: Mapped[int]
    picks: Mapped[list[str]] = mapped_column(JSON)
    saved_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    assessment: Mapped[Assessment] = relationship(back_populates="answers")
