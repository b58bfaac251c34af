"""The texts of every message we send, composed in the recipient's language.

The words live in `mail/content/letters.toml`, one `{en, zh}` pair each; this
module fills in the values and gives the plain-text and the HTML body.
"""

import html
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from mail.message import one_line

LANGS = ("en", "zh")


@dataclass(frozen=True)
class Letter:
    """One message's subject and its two bodies, ready for the outbox."""

    subject: str
    text: str
    html: str


@cache
def _content() -> dict:
    raw = resources.files("mail").joinpath("content/letters.toml").read_text("utf-8")
    return tomllib.loads(raw)


def kinds() -> tuple[str, ...]:
    """The ids of every letter the content file defines."""
    return tuple(_content())


def compose(kind: str, lang: str, link: str, **values: str) -> Letter:
    """Fill in the letter `kind` in `lang` (en or zh).

    :param link: the one address the reader is asked to open.
    :param values: what the texts' `{placeholders}` name (name, minutes...).
    :raises KeyError: for an unknown kind or language.
    """
    texts = _content()[kind]
    say = {key: _fill(texts[key][lang], values) for key in texts if key != "body"}
    # A name or team typed with a line break still makes a one-line subject.
    one_line_values = {k: one_line(v) for k, v in values.items()}
    say["subject"] = _fill(texts["subject"][lang], one_line_values)
    paragraphs = [_fill(p[lang], values) for p in texts["body"]]
    text = "\n\n".join(
        [say["greeting"], *paragraphs, f"{say['action']}:\n{link}", say["closing"]]
    )
    page = "\n".join(
        [
            f"<p>{html.escape(say['greeting'])}</p>",
            *(f"<p>{html.escape(p)}</p>" for p in paragraphs),
            f'<p><a href="{html.escape(link)}">{html.escape(say["action"])}</a></p>',
            f"<p>{html.escape(link)}</p>",
            f"<p>{html.escape(say['closing'])}</p>",
        ]
    )
    lang_attr = "zh-CN" if lang == "zh" else "en"
    document = (
        f'<!doctype html>\n<html lang="{lang_attr}"><head><meta charset="utf-8">'
        f"<title>{html.escape(say['subject'])}</title></head>\n<body>\n{page}\n"
        "</body></html>\n"
    )
    return Letter(subject=say["subject"], text=text + "\n", html=document)


def _fill(template: str, values: dict) -> str:
    """Placeholders come from the content file; values are only ever inserted."""
    return template.format_map(values)
