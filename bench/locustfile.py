"""A training day for Locust: trainees, coaches and reps at once (weights 80/10/10).

Run through `python bench/load.py`, which seeds the database, starts gunicorn on
loopback and writes the people this file signs in as to LOAD_PEOPLE (JSON).

- Trainees sign up, answer the three rounds with think time, finish, read the
  report and keep rereading it.
- Coaches log in, open the team page of a 200-member team, sort it, page through
  it, open members, download the CSV and the printable report, and now and then
  log out and in again (log-ins during the trainees' bursts of round submissions).
- Reps log in, open their accounts, estimate a buyer, read the brief, check a
  draft, and log in again now and then.

Requests are named by page ("report", "team page"...), not by URL, so Locust's
statistics read per page.
"""

import itertools
import json
import os
import random
import re
import time
import uuid
from urllib.parse import urlsplit

from locust import HttpUser
from locust import between
from locust import events
from locust import task

CSRF = re.compile(r'name="csrf_token"(?: type="hidden")? value="([^"]+)"')
PICKS = re.compile(r'name="picks" type="checkbox" value="([^"]+)"')
CUES = re.compile(r'name="cues" type="checkbox" value="([^"]+)"')
PEOPLE = json.loads(open(os.environ["LOAD_PEOPLE"], encoding="utf-8").read())  # noqa: SIM115
# Each coach and rep of the seed is used by one simulated user at a time, in turn.
_coaches = itertools.cycle(PEOPLE["coaches"])
_reps = itertools.cycle(PEOPLE["reps"])
DRAFT = (
    "王总您好，附上三种方案的成本对比和实施时间表。我们的团队会全程陪同，"
    "第一个月每周回访一次。您看周四下午是否方便当面谈一谈？"
)


@events.init.add_listener
def _loopback_only(environment, **_kwargs):
    """This load test may only ever hit this machine."""
    host = urlsplit(environment.host or "").hostname
    if host not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit(f"refusing to load-test {host!r}: loopback only")


def _token(response):
    match = CSRF.search(response.text)
    return match.group(1) if match else ""


class Person(HttpUser):
    abstract = True

    def post_form(self, url, data, name, page=None, refused='<p class="error"'):
        """POST like a browser (the CSRF token comes from the form's page); a page
        that comes back with a form error counts as a failure.

        A 503 "busy" answer (every password-hashing slot taken) is what a person
        would retry after its Retry-After: it is counted under "<name>: busy,
        retried" and sent again, at most ten times.
        """
        for _attempt in range(10):
            form = self.client.get(page or url, name=f"{name} (form)")
            if not form.ok:  # counted already; a person would reload the page
                continue
            with self.client.post(
                url,
                {"csrf_token": _token(form), **data},
                name=name,
                catch_response=True,
            ) as response:
                if response.status_code == 503:
                    response.request_meta["name"] = f"{name}: busy, retried"
                    response.success()
                elif refused in response.text:
                    response.failure("the form was refused")
            if response.status_code != 503:
                return response
            # A person retries after a moment or so, not on the exact second.
            time.sleep(int(response.headers.get("Retry-After", 5)) + random.random())  # noqa: S311
        return response

    def log_in(self, email):
        self.post_form(
            "/account/login",
            {"email": email, "password": PEOPLE["password"]},
            "log in",
            refused='autocomplete="current-password"',
        )

    def log_out(self):
        page = self.client.get("/", name="home")
        self.client.post(
            "/account/logout", {"csrf_token": _token(page)}, name="log out"
        )


class Trainee(Person):
    """Signs up, answers three rounds with think time, reads and rereads the report."""

    weight = 8
    wait_time = between(2, 6)

    def on_start(self):
        self.report = None
        email = f"t-{uuid.uuid4().hex[:12]}@example.com"
        self.post_form(
            "/account/register",
            {
                "name": "学员 " + email[2:8],
                "email": email,
                "password": PEOPLE["password"],
                "confirm": PEOPLE["password"],
            },
            "sign up",
        )
        home = self.client.get("/", name="home")
        started = self.client.post(
            "/assessment/start",
            {"csrf_token": _token(home)},
            name="start",
            allow_redirects=False,
        )
        self.assessment = int(
            re.search(r"/assessment/(\d+)", started.headers["Location"]).group(1)
        )
        self.round = 1

    @task
    def next_step(self):
        if self.report:
            self.client.get(self.report, name="report (reread)")
            return
        base = f"/assessment/{self.assessment}"
        if self.round <= 3:
            url = f"{base}/round/{self.round}"
            page = self.client.get(url, name="round")
            picks = random.sample(PICKS.findall(page.text), 8)  # noqa: S311 - a simulation
            with self.client.post(
                url,
                {"csrf_token": _token(page), "picks": picks},
                name="round (save)",
                catch_response=True,
            ) as saved:
                if 'name="picks"' in saved.text and f"round/{self.round}" in saved.url:
                    saved.failure("the round was not saved")
            self.round += 1
            return
        review = self.client.get(f"{base}/review", name="review")
        self.client.post(
            f"{base}/finish", {"csrf_token": _token(review)}, name="finish"
        )
        self.report = f"{base}/report"
        self.client.get(self.report, name="report (first view)")


class Coach(Person):
    """Works through the 200-member team: the page, sorts, pages, members, exports."""

    weight = 1
    wait_time = between(2, 6)

    def on_start(self):
        self.email = next(_coaches)
        self.team = f"/teams/{PEOPLE['team']}"
        self.log_in(self.email)

    @task(4)
    def team_page(self):
        self.client.get(self.team, name="team page")

    @task(2)
    def sort_and_page(self):
        sort = random.choice(["code", "pattern", "date", "name"])  # noqa: S311
        self.client.get(f"{self.team}?sort={sort}&order=desc", name="team page, sorted")
        self.client.get(
            f"{self.team}?sort={sort}&page={random.randint(2, 4)}",  # noqa: S311
            name="team page, sorted, page 2-4",
        )

    @task(3)
    def member(self):
        member = random.choice(PEOPLE["members"])  # noqa: S311
        self.client.get(f"{self.team}/members/{member}", name="member page")

    @task(1)
    def export(self):
        self.client.get(f"{self.team}/export.csv", name="team CSV")

    @task(1)
    def printable(self):
        self.client.get(f"{self.team}/report", name="printable team report")

    @task(1)
    def log_in_again(self):
        self.log_out()
        self.log_in(self.email)


class Rep(Person):
    """Opens accounts, estimates a buyer, reads briefs, checks a draft."""

    weight = 1
    wait_time = between(2, 6)

    def on_start(self):
        self.rep = next(_reps)
        self.log_in(self.rep["email"])

    @task(2)
    def accounts(self):
        self.client.get("/key-accounts/", name="key accounts")
        self.client.get(f"/key-accounts/{self.rep['account']}", name="account")

    @task(4)
    def brief(self):
        contact = random.choice(self.rep["contacts"])  # noqa: S311
        self.client.get(f"/key-accounts/contacts/{contact}/brief", name="brief")

    @task(1)
    def estimate(self):
        contact = random.choice(self.rep["contacts"])  # noqa: S311
        url = f"/key-accounts/contacts/{contact}/estimate"
        page = self.client.get(url, name="estimate (form)")
        cues = random.sample(CUES.findall(page.text), 6)  # noqa: S311
        self.client.post(
            url, {"csrf_token": _token(page), "cues": cues}, name="estimate (save)"
        )

    @task(1)
    def check_draft(self):
        contact = random.choice(self.rep["contacts"])  # noqa: S311
        url = f"/key-accounts/contacts/{contact}/pitch"
        self.post_form(url, {"text": DRAFT}, "check a draft")

    @task(1)
    def log_in_again(self):
        self.log_out()
        self.log_in(self.rep["email"])
