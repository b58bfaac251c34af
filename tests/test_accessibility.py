"""First fixes from the accessibility audit: the language marked, a skip link, link contrast."""

import re
from pathlib import Path

CSS = Path(__file__).resolve().parents[1] / "static" / "css" / "app.css"


def _luminance(hex_colour):
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [
        c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels
    ]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a, b):
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_the_current_language_is_marked_in_both_languages(client):
    """中文 carries aria-current on Chinese pages, English on English ones."""
    for accept, label in (("zh-CN", "中文"), ("en", "English")):
        html = client.get("/", headers={"Accept-Language": accept}).get_data(
            as_text=True
        )
        current = re.findall(r'aria-current="true" class="current">([^<]+)<', html)
        assert current == [label], accept


def test_the_first_link_skips_to_the_content(client):
    """The first thing a keyboard reaches is a link to the page's main content."""
    html = client.get("/").get_data(as_text=True)
    body = html[html.index("<body>") :]
    first_link = re.search(r'<a [^>]*href="([^"]+)"[^>]*>([^<]+)</a>', body)
    assert first_link.group(1) == "#main"
    assert '<main id="main"' in html


def test_links_are_readable_on_every_background_they_sit_on():
    """The accent colour reaches WCAG's 4.5:1 on the page, step and tag backgrounds."""
    css = CSS.read_text(encoding="utf-8")
    accent = re.search(r"--accent:\s*(#[0-9a-fA-F]{6})", css).group(1)
    for background in ("#f7f8fa", "#eceff4", "#dff3e4", "#ffffff"):
        assert _contrast(accent, background) >= 4.5, background
