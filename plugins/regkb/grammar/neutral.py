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
