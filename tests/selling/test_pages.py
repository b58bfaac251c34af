"""The rep's pages: accounts, contacts, estimates, the brief, meetings, CSV."""

import io
from html import unescape

from sqlalchemy import func
from sqlalchemy import select

from extensions import db
from selling.models import Contact
from selling.models import Estimate
from selling.models import KeyAccount
from selling.models import Meeting
from tests.conftest import picks_for


def _count(app, model):
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def test_account_with_four_contacts_and_the_one_two_one_table(rep, account):
    """The account page lists contacts, the 1+2+1 table and the gaps."""
    html = rep.client.get(f"/key-accounts/{account['id']}").get_data(as_text=True)
    for name in ["张伟", "Li Na", "Wang Fang", "Chen Jie"]:
        assert name in html
    assert "2 / 4" in html  # purchaser and user won over
    assert "Decision maker not reached yet" not in html  # 张伟 is in contact
    assert "Decision maker is opposed" not in html
    assert "No guide yet" not in html
    assert "Build trust" in html  # the funnel step


def test_gaps_are_called_out(rep):
    """An account without a guide or a reached decision maker says so."""
    account_id = rep.add_account("Solo Ltd")
    rep.add_contact(account_id, name="Bob", role="user", relationship="not_met")
    html = rep.client.get(f"/key-accounts/{account_id}").get_data(as_text=True)
    assert "No guide yet" in html
    assert "No decision maker is on the map yet" in html
    assert "Fewer than two of the four roles are won over." in html
    assert "Nobody from purchasing is on the map." in html


def test_an_opposed_decision_maker_is_reached_but_not_won(rep, account):
    """An opposed decision maker is named as opposed, never as not reached."""
    contact_id = account["contacts"]["decision_maker"]
    fields = {
        "name": "张伟",
        "title": "CFO",
        "level": "senior",
        "role": "decision_maker",
        "guide": "none",
        "reads_situation": "yes",
        "integrity": "yes",
        "notes": "",
    }
    rep.post(
        f"/key-accounts/contacts/{contact_id}/edit",
        {**fields, "relationship": "opposed"},
    )
    html = rep.client.get(f"/key-accounts/{account['id']}").get_data(as_text=True)
    assert "Decision maker is opposed: find out what they object to" in html
    assert "not reached" not in html
    rep.post(
        f"/key-accounts/contacts/{contact_id}/edit",
        {**fields, "relationship": "not_met"},
    )
    html = rep.client.get(f"/key-accounts/{account['id']}").get_data(as_text=True)
    assert "Decision maker not reached yet" in html
    assert "Decision maker is opposed" not in html


def test_contact_form_errors_beside_fields(app, rep, account):
    """A missing name and an unknown role are refused beside their fields; nothing is saved."""
    before = _count(app, Contact)
    response = rep.post(
        f"/key-accounts/{account['id']}/contacts/new",
        {
            "name": "",
            "role": "boss",
            "level": "senior",
            "guide": "none",
            "relationship": "not_met",
            "reads_situation": "unknown",
            "integrity": "unknown",
        },
    )
    html = response.get_data(as_text=True)
    assert 'id="name-error">Please enter the contact\'s name.' in html
    assert 'id="role-error">Please pick one of the options.' in html
    assert _count(app, Contact) == before


def test_estimate_turns_cues_into_a_profile_and_keeps_history(app, rep, account):
    """Ticking C and D cues gives a CD estimate; a later estimate is kept beside the first."""
    contact_id = account["contacts"]["decision_maker"]
    rep.estimate(contact_id, "CD")
    html = rep.client.get(f"/key-accounts/contacts/{contact_id}").get_data(as_text=True)
    assert "CD: " in html and "Confidence: high" in html
    rep.estimate(contact_id, "A")
    html = rep.client.get(f"/key-accounts/contacts/{contact_id}").get_data(as_text=True)
    assert "Earlier estimates" in html
    assert _count(app, Estimate) == 2
    empty = rep.post(f"/key-accounts/contacts/{contact_id}/estimate", {"cues": []})
    assert "Tick at least one cue you have observed." in empty.get_data(as_text=True)
    assert _count(app, Estimate) == 2


def test_thin_estimate_shows_a_leaning_in_words(rep, account):
    """Two A cues of one kind: a leaning and what to tick next, no code or pattern."""
    contact_id = account["contacts"]["decision_maker"]
    rep.post(
        f"/key-accounts/contacts/{contact_id}/estimate", {"cues": ["cue-03", "cue-05"]}
    )
    page = rep.client.get(f"/key-accounts/contacts/{contact_id}").get_data(as_text=True)
    assert "Leans A, evidence thin." in page
    assert (
        "Tick cues of at least two kinds: so far every cue is under “What they ask for”."
        in page
    )
    assert (
        "Tick more cues: a preference code and a pattern are shown once the evidence is worth 5 cues"
        in page
    )
    assert "Estimated preference code" not in page and "Confidence: low" in page
    brief = rep.client.get(f"/key-accounts/contacts/{contact_id}/brief").get_data(
        as_text=True
    )
    assert (
        "Leans A, evidence thin." in brief and "Estimated preference code" not in brief
    )
    assert "Not enough evidence yet on B, C, D: watch for these cues." in brief
    assert "The evidence is too thin to rank the stops" in brief
    assert "end at their weakest" not in brief and "end here" not in brief
    estimate = rep.client.get(f"/key-accounts/contacts/{contact_id}/estimate").get_data(
        as_text=True
    )
    assert "Your current estimate" in estimate and "Leans A, evidence thin." in estimate
    listing = rep.client.get(f"/key-accounts/{account['id']}").get_data(as_text=True)
    assert "leans A (thin evidence)" in listing


def test_purchasing_cues_count_half_for_a_purchaser(app, rep, account):
    """The estimate page marks the cues a purchaser's job explains; the brief leaves them out."""
    contact_id = account["contacts"]["purchaser"]
    url = f"/key-accounts/contacts/{contact_id}/estimate"
    assert (
        rep.client.get(url)
        .get_data(as_text=True)
        .count("comes with the job: counts half")
        == 5
    )
    rep.post(
        url, {"cues": ["cue-05", "cue-07", "cue-10", "cue-12", "cue-23", "cue-26"]}
    )
    page = rep.client.get(f"/key-accounts/contacts/{contact_id}").get_data(as_text=True)
    assert "5 of these cues come with the job (Purchasing) and count half." in page
    assert "Confidence: low (41%, from 6 cues)" in page  # 3.5 votes: 3.5 / 8.5
    brief = rep.client.get(f"/key-accounts/contacts/{contact_id}/brief").get_data(
        as_text=True
    )
    assert "Cues that come with this buyer's job are left out here" in brief


def test_an_estimate_saved_under_the_old_rule_reads_under_the_new_one(
    app, rep, account
):
    """Stored A14 B4 C3 D3 from three A ticks now reads as a thin leaning to A."""
    contact_id = account["contacts"]["decision_maker"]
    with app.app_context():
        db.session.add(
            Estimate(
                contact_id=contact_id,
                cues=["cue-03", "cue-05", "cue-12"],
                count_a=14,
                count_b=4,
                count_c=3,
                count_d=3,
                pattern="A",
                confidence=0.375,
            )
        )
        db.session.commit()
        row = db.session.scalar(select(Estimate))
        assert (row.count_c, row.saved_pattern) == (3, "A")  # the record is kept
        assert row.counts == {"A": 8, "B": 5, "C": 5, "D": 5} and row.level == "low"
    page = rep.client.get(f"/key-accounts/contacts/{contact_id}").get_data(as_text=True)
    assert "Leans A, evidence thin." in page and "1-2-3-3" not in page


def test_brief_orders_the_loop_weighs_factors_and_tactics(rep, account):
    """The brief starts the loop at the buyer's strongest quadrant and names the owl tactics."""
    contact_id = account["contacts"]["decision_maker"]
    rep.estimate(contact_id, "D")
    html = rep.client.get(f"/key-accounts/contacts/{contact_id}/brief").get_data(
        as_text=True
    )
    loop = html[html.index('class="loop"') :]
    assert loop.index("D: imaginative") < loop.index("A: analytical")
    assert "weighs most" in html
    assert "Owl" in html  # reads the situation + integrity
    assert "The logic technique" in html
    assert "This brief lacks the comparison with your own profile" in html
    assert "Take the questionnaire" in html


def test_brief_compares_with_the_reps_own_profile(rep, account):
    """With the rep's own profile the brief says where the rep's habits get in the way."""
    rep.take_assessment(picks_for({"A": 4, "B": 4}))
    contact_id = account["contacts"]["decision_maker"]
    rep.estimate(contact_id, "CD")
    html = rep.client.get(f"/key-accounts/contacts/{contact_id}/brief").get_data(
        as_text=True
    )
    assert (
        "You lead with A: analytical; this buyer needs C: interpersonal first." in html
    )
    assert "Your habits will get in the way at" in html


def test_brief_without_estimate_says_what_is_missing(rep, account):
    """No estimate: the brief explains what it cannot do yet."""
    contact_id = account["contacts"]["user"]
    html = rep.client.get(f"/key-accounts/contacts/{contact_id}/brief").get_data(
        as_text=True
    )
    assert "has no estimated profile yet" in html


def test_brief_in_chinese(rep, account):
    """The brief reads in Chinese for a Chinese-speaking rep."""
    rep.post("/account/language", {"locale": "zh_CN"})
    contact_id = account["contacts"]["decision_maker"]
    rep.estimate(contact_id, "B")
    html = rep.client.get(f"/key-accounts/contacts/{contact_id}/brief").get_data(
        as_text=True
    )
    assert "B象限：组织规划" in html and "猫头鹰" in html and "决策人" in html


def test_meeting_log_needs_a_customer_action_for_an_advance(app, rep, account):
    """'Advance' with no action is refused as a continuation; with an example it is logged."""
    contact_id = account["contacts"]["user"]
    url = f"/key-accounts/contacts/{contact_id}/meetings/new"
    vague = rep.post(
        url, {"held_on": "2026-11-20", "outcome": "advance", "customer_action": ""}
    )
    assert (
        "Friendly words without an action are a continuation (no real progress)."
        in vague.get_data(as_text=True)
    )
    assert _count(app, Meeting) == 0
    bad_date = rep.post(url, {"held_on": "20/11", "outcome": "order"})
    assert "Please give the date as YYYY-MM-DD." in bad_date.get_data(as_text=True)
    rep.post(
        url, {"held_on": "2026-11-20", "outcome": "advance", "advances": ["trial"]}
    )
    rep.post(
        url, {"held_on": "2026-11-27", "outcome": "continuation", "notes": "Nice chat"}
    )
    html = rep.client.get(f"/key-accounts/{account['id']}").get_data(as_text=True)
    timeline = html[html.index('id="timeline"') :]
    assert timeline.index("Continuation") < timeline.index("Advance")  # newest first
    assert _count(app, Meeting) == 2


def test_deleting_a_contact_deletes_its_history(app, rep, account):
    """A deleted contact leaves no estimate or meeting behind."""
    contact_id = account["contacts"]["user"]
    rep.estimate(contact_id, "C")
    rep.post(
        f"/key-accounts/contacts/{contact_id}/meetings/new",
        {"held_on": "2026-11-20", "outcome": "no_sale"},
    )
    rep.post(f"/key-accounts/contacts/{contact_id}/delete")
    assert rep.client.get(f"/key-accounts/contacts/{contact_id}").status_code == 404
    assert _count(app, Estimate) == 0 and _count(app, Meeting) == 0
    rep.post(f"/key-accounts/{account['id']}/delete")
    assert _count(app, KeyAccount) == 0 and _count(app, Contact) == 0


def test_search_finds_accounts_by_contact(rep, account):
    """Searching for a contact's name finds their account."""
    rep.add_account("Other Co")
    html = rep.client.get("/key-accounts/?q=wang").get_data(as_text=True)
    assert "华东电力" in html and "Other Co" not in html


def test_csv_round_trip_with_chinese_names(app, rep, account):
    """Exported contacts import again as they were, Chinese names included."""
    exported = rep.client.get("/key-accounts/export.csv").data
    assert exported.startswith("\ufeff".encode())
    assert "张伟" in exported.decode("utf-8-sig")
    other = type(rep)(app.test_client())
    other.register(email="other@example.com", name="Other Rep")
    response = other.post(
        "/key-accounts/import",
        {"file": (io.BytesIO(exported), "c.csv")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    html = other.client.get("/key-accounts/").get_data(as_text=True)
    assert "华东电力" in html and "张伟" in html
    assert _count(app, Contact) == 8


def test_csv_import_reports_each_bad_line_and_imports_nothing(app, rep):
    """Errors name their line numbers, and a file with any error adds no row."""
    text = (
        "account,name,title,level,role,guide,relationship,notes\n"
        "Acme,Ann,CEO,senior,决策人,none,won_over,\n"
        ",Bob,,middle,user,none,not_met,\n"
        "Acme,Cy,,boss,user,none,not_met,\n"
    )
    response = rep.post(
        "/key-accounts/import",
        {"file": (io.BytesIO(text.encode()), "c.csv")},
        content_type="multipart/form-data",
    )
    html = response.get_data(as_text=True)
    assert "Line 3: Company is empty." in html
    assert "Line 4: Organisation level: “boss” is not one of the options." in html
    assert "Line 2" not in html
    assert _count(app, Contact) == 0 and _count(app, KeyAccount) == 0


def test_the_owl_names_the_courses_eagle_once(rep, account):
    """Where the owl appears, the course's 鹰 is named beside it, once per page."""
    contact_id = account["contacts"]["decision_maker"]  # reads it, integrity: owl
    rep.estimate(contact_id, "B")
    brief = f"/key-accounts/contacts/{contact_id}/brief"
    page = unescape(rep.client.get(brief).get_data(as_text=True))
    assert "<h3>Owl (the course's eagle)</h3>" in page
    rep.post("/account/language", {"locale": "zh_CN"})
    for url in (brief, f"/key-accounts/contacts/{contact_id}"):
        html = rep.client.get(url).get_data(as_text=True)
        assert html.count("猫头鹰（课程中称“鹰”）") == 1, url


def test_chinese_pages_put_no_ascii_colon_after_a_bold_label(rep, account):
    """Labels in bold take a full-width colon in Chinese: 注意：, 需要的：, 订单：…"""
    rep.post("/account/language", {"locale": "zh_CN"})
    contact_id = account["contacts"]["decision_maker"]
    rep.estimate(contact_id, "B")
    c = f"/key-accounts/contacts/{contact_id}"
    pages = {
        url: rep.client.get(url).get_data(as_text=True)
        for url in (
            f"{c}/brief",
            c,
            f"{c}/meetings/new",
            f"/key-accounts/{account['id']}",
        )
    }
    pages["pitch"] = rep.post(f"{c}/pitch", {"text": "你好"}).get_data(as_text=True)
    for url, html in pages.items():
        assert "</strong>:" not in html, url
    assert "<strong>注意</strong>：" in pages[f"{c}/brief"]
    assert "<strong>需要的</strong>：" in pages[f"{c}/brief"]
    assert "<strong>猫头鹰（课程中称“鹰”）</strong>：" in pages[c]
    assert "<strong>订单</strong>：" in pages[f"{c}/meetings/new"]
    assert (
        "漏斗步骤：<strong>建立信任</strong>（第 2 步，共 6 步）"
        in pages[f"/key-accounts/{account['id']}"]
    )


def test_the_pitch_checker_lists_quadrants_in_each_languages_way(rep, account):
    """Without an estimate, each missing stop reads 'name — checks'; Chinese checks run on without spaces."""
    contact_id = account["contacts"]["user"]
    url = f"/key-accounts/contacts/{contact_id}/pitch"
    html = rep.post(url, {"text": "Hello"}).get_data(as_text=True)
    assert "<strong>A: analytical</strong> — " in html
    rep.post("/account/language", {"locale": "zh_CN"})
    html = rep.post(url, {"text": "你好"}).get_data(as_text=True)
    line = html[html.index("<strong>A象限：理性分析</strong>——") :].split("</li>")[0]
    assert "？ " not in line and line.count("？") >= 2


def test_the_walk_around_says_why_it_exists(rep, account):
    """The brief and the draft check warn that feeling clear is not being understood."""
    contact_id = account["contacts"]["decision_maker"]
    rep.estimate(contact_id, "A")
    c = f"/key-accounts/contacts/{contact_id}"
    why = "it is easy to believe you have made yourself clear when the buyer never saw"
    assert why in rep.client.get(f"{c}/brief").get_data(as_text=True)
    assert why in rep.post(f"{c}/pitch", {"text": "Hello"}).get_data(as_text=True)
    rep.post("/account/language", {"locale": "zh_CN"})
    why_zh = "你觉得自己已经讲明白了，对方却可能根本没注意到，也没听进去。"
    assert why_zh in rep.client.get(f"{c}/brief").get_data(as_text=True)
    assert why_zh in rep.post(f"{c}/pitch", {"text": "你好"}).get_data(as_text=True)


def test_names_are_listed_as_each_language_writes_a_list(rep, account):
    """The account list joins contact names with ', ' in English and 、 in Chinese."""
    assert "Chen Jie, Li Na, Wang Fang, 张伟" in rep.client.get(
        "/key-accounts/"
    ).get_data(as_text=True)
    rep.post("/account/language", {"locale": "zh_CN"})
    html = rep.client.get("/key-accounts/").get_data(as_text=True)
    assert "Chen Jie、Li Na、Wang Fang、张伟" in html


def test_the_estimate_says_when_it_was_made(rep, account):
    """An estimate's note reads 'Estimated on <date>.'"""
    contact_id = account["contacts"]["user"]
    rep.estimate(contact_id, "C")
    html = rep.client.get(f"/key-accounts/contacts/{contact_id}").get_data(as_text=True)
    assert "Estimated on " in html
    rep.post("/account/language", {"locale": "zh_CN"})
    html = rep.client.get(f"/key-accounts/contacts/{contact_id}").get_data(as_text=True)
    assert "推测日期：" in html
