"""Dutch: '1 juli 2024', 'art. 1'."""

from __future__ import annotations

import datetime as dt

MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
          "oktober", "november", "december"]


def format_date(day: dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def article_number(number: str) -> str:
    return number
