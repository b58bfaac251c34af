"""Messages are built correctly: both parts, Chinese headers, no header injection."""

import email
from email import policy

import pytest

from mail import letters
from mail import message
from mail.errors import UnsafeHeader

LINK = "http://localhost/mail/reset/abc"


def _build(**overrides):
    values = {
        "sender": "全脑销售 <no-reply@example.com>",
        "to_name": "李雷",
        "to_addr": "li@example.com",
        "subject": "设置新密码",
        "text": "你好：\n" + LINK,
        "html": f'<p>你好：<a href="{LINK}">设置新密码</a></p>',
        "message_id": "<1@example.com>",
        "lang": "zh",
    }
    return message.build(**(values | overrides))


def test_a_chinese_message_is_encoded_and_reads_back_the_same():
    """Subject and names travel as RFC 2047 words and decode to the same Chinese."""
    raw = _build().as_bytes()
    head = raw.split(b"\r\n\r\n", 1)[0].decode("ascii")  # headers are pure ASCII
    assert "=?utf-8?" in head
    parsed = email.message_from_bytes(raw, policy=policy.default)
    assert parsed["Subject"] == "设置新密码"
    assert parsed["To"].addresses[0].display_name == "李雷"
    assert parsed["From"].addresses[0].display_name == "全脑销售"
    assert parsed.get_content_type() == "multipart/alternative"
    plain = parsed.get_body(("plain",))
    html = parsed.get_body(("html",))
    assert plain.get_content_charset() == "utf-8"
    assert html.get_content_charset() == "utf-8"
    assert plain.get_content().startswith("你好：")
    assert LINK in html.get_content()
    assert parsed["Content-Language"] == "zh-CN"


@pytest.mark.parametrize("field", ["to_name", "to_addr", "subject", "sender"])
@pytest.mark.parametrize("breaker", ["\r\nBcc: evil@example.com", "\nBcc: x@y.z", "\r"])
def test_a_line_break_in_any_header_value_is_refused(field, breaker):
    """CR or LF in a name, address, subject or sender never makes a header of its own."""
    value = {
        "to_name": "Li",
        "to_addr": "li@example.com",
        "subject": "Hi",
        "sender": "Us <us@example.com>",
    }[field]
    with pytest.raises(UnsafeHeader):
        _build(**{field: value + breaker})


def test_an_address_without_a_domain_is_refused():
    """A recipient must be local@domain."""
    with pytest.raises(UnsafeHeader):
        message.address("Li", "li-at-example.com")


def test_backoff_doubles_and_stops_at_an_hour():
    """60 s, 120 s, 240 s... never more than an hour between tries."""
    waits = [message.backoff_seconds(n, 60) for n in (1, 2, 3, 10)]
    assert waits == [60, 120, 240, 3600]


def test_only_5xx_replies_are_permanent():
    """A 451 (try later) or a lost connection is retried; a 550 is not."""
    assert message.is_permanent(550)
    assert not message.is_permanent(451)
    assert not message.is_permanent(None)


@pytest.mark.parametrize("kind", letters.kinds())
@pytest.mark.parametrize("lang", letters.LANGS)
def test_every_letter_exists_in_both_languages(kind, lang):
    """Each letter composes in zh and en, with the link in both bodies."""
    values = {"name": "Li", "minutes": "30", "hours": "48", "coach": "Wu", "team": "T"}
    values["new_email"] = "new@example.com"
    letter = letters.compose(kind, lang, link=LINK, days="30", **values)
    assert letter.subject and LINK in letter.text and LINK in letter.html
    assert "{" not in letter.text  # every placeholder filled


def test_a_name_is_escaped_in_the_html_body():
    """A name with markup shows as text in the HTML part."""
    letter = letters.compose("reset", "en", link=LINK, name="<b>Li</b>", minutes="30")
    assert "&lt;b&gt;Li&lt;/b&gt;" in letter.html
    assert "<b>Li</b>" in letter.text
