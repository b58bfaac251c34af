"""Which language a request is served in, and the switcher's choices."""

from flask import request
from flask import session
from flask_babel import get_locale
from flask_login import current_user

LOCALES = {"zh_CN": "中文", "en": "English"}


def select_locale():
    """The user's saved choice, else this browser's choice, else Accept-Language."""
    if current_user and current_user.is_authenticated and current_user.locale:
        return current_user.locale
    if session.get("locale") in LOCALES:
        return session["locale"]
    best = request.accept_languages.best_match(["zh_CN", "zh", "en"])
    return "zh_CN" if best and best.startswith("zh") else "en"


def content_lang():
    """The key of content texts ('zh' or 'en') for the current locale."""
    return "zh" if str(get_locale()).startswith("zh") else "en"


def list_separator():
    """What stands between two items of a list: 、 in Chinese, a comma in English."""
    return "、" if content_lang() == "zh" else ", "


def join_list(items, sentence=False):
    """Items joined as the current language writes a list: 甲、乙 / a, b.

    `sentence=True` joins whole sentences (error messages): no separator in
    Chinese, whose sentences end in 。, a space in English.
    """
    if sentence:
        return ("" if content_lang() == "zh" else " ").join(items)
    return list_separator().join(items)


def template_globals():
    # `locale` is our own code (zh_CN, en), not Babel's canonical zh_Hans_CN.
    lang = content_lang()
    return {
        "LOCALES": LOCALES,
        "lang": lang,
        "locale": "zh_CN" if lang == "zh" else "en",
    }
