"""The profile report's parts, rendered once per (assessment, language) and kept.

A finished assessment never changes, so the report's head and body depend only
on the assessment, its instrument version, the language and the app's code and
content (pagecache.code_version). The owner's id and the moment it was finished
are in the key as well, so a key never names another person's assessment, even
where ids start again (a database rebuilt beside a Redis that kept its entries).
The name in the heading is not cached (a user may rename themself).
"""

from flask import current_app
from flask_babel import gettext as _
from markupsafe import Markup
from sqlalchemy import event
from sqlalchemy import select

import pagecache
from accounts.models import User
from assessment import charts
from assessment.loop import walk
from assessment.models import Assessment
from assessment.resolved import pattern_texts
from assessment.resolved import quadrant_texts
from assessment.text import LANGS


def report_key(
    assessment_id: int, user_id: int, finished_at, version: str, lang: str
) -> str:
    return f"report:{assessment_id}:{user_id}:{finished_at:%Y%m%dT%H%M%S.%f}:{version}:{lang}"


def report_parts(assessment: Assessment, lang: str) -> dict[str, Markup]:
    """The report's `head` and `body` HTML for a finished assessment."""
    key = report_key(
        assessment.id,
        assessment.user_id,
        assessment.finished_at,
        assessment.catalogue_version,
        lang,
    )
    return pagecache.fetch(key, lambda: _render(assessment, lang))


def _render(assessment, lang):
    profile = assessment.profile()
    round_names = [r.title.get(lang) for r in assessment.rounds]
    template = current_app.jinja_env.get_template("assessment/_report.html")
    module = template.make_module(
        {
            "lang": lang,
            "assessment": assessment,
            "profile": profile,
            "pattern": pattern_texts(lang)[profile.pattern],
            "quadrants": quadrant_texts(lang),
            "stops": walk(profile.counts, profile.codes),
            "rounds": assessment.rounds,
            "radar": charts.profile_radar(
                profile, lang, _("Your whole-brain profile"), _("Your 24 picks")
            ),
            "rounds_radar": charts.rounds_radar(
                profile, lang, _("The three rounds side by side"), round_names
            ),
        }
    )
    return {"head": module.head, "body": module.body}


@event.listens_for(User, "before_delete")
def _forget_reports(mapper, connection, user):
    """An erased account's reports leave the cache with it (privacy.data.erase)."""
    found = connection.execute(
        select(
            Assessment.id, Assessment.finished_at, Assessment.catalogue_version
        ).where(Assessment.user_id == user.id, Assessment.finished_at.is_not(None))
    )
    pagecache.forget(
        [report_key(i, user.id, f, v, lang) for i, f, v in found for lang in LANGS]
    )
