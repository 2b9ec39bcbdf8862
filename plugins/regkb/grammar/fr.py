"""French: '1er juillet 2024', 'art. 1er'."""

from __future__ import annotations

import datetime as dt

MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
          "octobre", "novembre", "décembre"]


def ordinal_day(day: int) -> str:
    """French writes the first day of a month as an ordinal: '1er'."""
    return "1er" if day == 1 else str(day)


def format_date(day: dt.date) -> str:
    return f"{ordinal_day(day.day)} {MONTHS[day.month - 1]} {day.year}"


def article_number(number: str) -> str:
    """'1' -> '1er' (article premier); every other number as written."""
    return "1er" if number == "1" else number
