"""Fixtures for the rep's pages: a rep with an account and four contacts."""

import re

import pytest

from selling import cues
from tests.conftest import Actions

# Every field of the contact form, as a rep fills it in by default.
CONTACT = {
    "name": "Zhang Wei",
    "title": "CFO",
    "level": "senior",
    "role": "decision_maker",
    "guide": "none",
    "relationship": "in_contact",
    "reads_situation": "yes",
    "integrity": "yes",
    "notes": "",
}


class RepActions(Actions):
    def add_account(self, name="华东电力", step="build_trust"):
        response = self.post(
            "/key-accounts/", {"name": name, "funnel_step": step, "notes": ""}
        )
        return int(
            re.search(r"/key-accounts/(\d+)", response.headers["Location"]).group(1)
        )

    def add_contact(self, account_id, **fields):
        data = {**CONTACT, **fields}
        response = self.post(f"/key-accounts/{account_id}/contacts/new", data)
        return int(re.search(r"/contacts/(\d+)", response.headers["Location"]).group(1))

    def estimate(self, contact_id, quadrants):
        """Tick every cue of the given quadrants."""
        ids = [c.id for c in cues.load() if c.quadrant in quadrants]
        return self.post(f"/key-accounts/contacts/{contact_id}/estimate", {"cues": ids})


@pytest.fixture
def rep(app):
    person = RepActions(app.test_client())
    person.register(email="rep@example.com", name="Rep Li")
    return person


@pytest.fixture
def account(rep):
    """An account with four contacts, one per buying-centre role."""
    account_id = rep.add_account()
    ids = {
        "decision_maker": rep.add_contact(
            account_id, name="张伟", role="decision_maker"
        ),
        "purchaser": rep.add_contact(
            account_id,
            name="Li Na",
            role="purchaser",
            relationship="won_over",
            guide="guide",
        ),
        "user": rep.add_contact(
            account_id, name="Wang Fang", role="user", relationship="won_over"
        ),
        "gatekeeper": rep.add_contact(
            account_id, name="Chen Jie", role="gatekeeper", guide="insider"
        ),
    }
    return {"id": account_id, "contacts": ids}
