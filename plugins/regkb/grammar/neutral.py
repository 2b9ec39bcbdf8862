"""The grammar of a language that has no module of its own: article numbers as written, dates in
ISO form ('2024-07-01', unambiguous in every language). Add `grammar/<lang>.py` for anything better
(a project may put it next to its `catalogue/` folder)."""

from __future__ import annotations

import datetime as dt

MONTHS: list[str] = []


def format_date(day: dt.date) -> str:
    return day.isoformat()


def article_number(number: str) -> str:
    return number


DETERMINERS: set[str] = set()


def of(short_title: str, kind: str = "") -> str:
    return short_title


def link_text(short: str, kind: str, article: str | None, determiner: bool, last: str, on: str | None) -> str:
    """'art. 7 – AR du 3 juillet 1996 (2024-07-01)': no determiners, nothing to agree."""
    text = f"{article} – {short}" if article else short
    return f"{text} ({on})" if on is not None else text


def colon() -> str:
    return ": "
