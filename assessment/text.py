"""Bilingual text pairs read from the content files."""

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

LANGS = ("zh", "en")


@dataclass(frozen=True)
class Text:
    """One text in both languages; `text.get(lang)` picks one."""

    zh: str
    en: str

    def get(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en

    @classmethod
    def of(cls, table: dict[str, Any]) -> "Text":
        """Build from a `{zh, en}` table; a missing or empty side is an error."""
        missing = [lang for lang in LANGS if not str(table.get(lang, "")).strip()]
        if missing:
            raise KeyError(f"text {table!r} lacks {', '.join(missing)}")
        return cls(zh=table["zh"], en=table["en"])


@cache
def read_toml(package: str, name: str) -> dict[str, Any]:
    """Parse `<package>/content/<name>` once per process."""
    with resources.files(package).joinpath("content", name).open("rb") as fh:
        return tomllib.load(fh)
