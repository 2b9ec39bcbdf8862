"""What an author most likely meant by a date not written YYYY-MM-DD, to name the fix.

Authors copy dates from the Moniteur belge ("1er mars 2027", "1 maart 2027"), from letters
(01/03/2027, Belgian order: day first), from spreadsheets (2027-3-1) or from systems that write
an instant (2027-02-28T23:00:00Z). None of these is read as a date: guessing silently would put a
text in force on a day nobody checked. The diagnostic names the day instead, so the fix is one
copy; an instant is read as the day it is in Brussels, the legal day.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from zoneinfo import ZoneInfo

from .. import grammar
from .status_rules import LEGAL_TIMEZONE

_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
                "October", "November", "December")  # diagnostics are in English, whatever the locale
_ISO_LOOSE = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")
_DASHES = re.compile("[\u2010-\u2015\u2212\ufe63\uff0d]")  # dashes a word processor puts for '-'

_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_DAY_FIRST = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_WORDS = re.compile(r"^(\d{1,2})(?:er|e)?\s+([^\W\d_]+)\.?\s+(\d{4})$")
_INSTANT = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(Z|[+-]\d{2}:?\d{2})?$")


def _fold(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word.lower()) if not unicodedata.combining(c))


def _months() -> dict[str, int]:
    names: dict[str, int] = {}
    for lang in ("fr", "nl"):
        for index, name in enumerate(grammar.month_names(lang), start=1):
            names[_fold(name)] = index
    return names


def _day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def meant(text: str) -> dt.date | None:
    """The day `text` most likely means, or None when it cannot be told."""
    text = _DASHES.sub("-", unicodedata.normalize("NFKC", text)).strip()
    if match := _ISO_LOOSE.match(text):
        return _day(int(match[1]), int(match[2]), int(match[3]))
    if match := _COMPACT.match(text):
        return _day(int(match[1]), int(match[2]), int(match[3]))
    if match := _DAY_FIRST.match(text):
        return _day(int(match[3]), int(match[2]), int(match[1]))
    if match := _WORDS.match(text):
        month = _months().get(_fold(match[2]))
        return _day(int(match[3]), month, int(match[1])) if month else None
    if match := _INSTANT.match(text):
        return instant_day(match[1], match[2], match[3])
    return None


def instant_day(day: str, time: str, offset: str | None) -> dt.date | None:
    """The day in Brussels of an instant written ISO; without an offset, its own day."""
    try:
        moment = dt.datetime.fromisoformat(f"{day}T{time}{offset or ''}".replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        return moment.date()
    return moment.astimezone(ZoneInfo(LEGAL_TIMEZONE)).date()


def why_not_a_day(text: str) -> str | None:
    """Why `text`, written YYYY-MM-DD, is not a day of the calendar (2027-02-29, 2026-13-01)."""
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
    if not match:
        return None
    year, month, day = int(match[1]), int(match[2]), int(match[3])
    if not 1 <= month <= 12:
        return f"there is no month {month}"
    if year < 1:
        return "there is no year 0"
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        return f"{_MONTH_NAMES[month - 1]} {year} has {last} days"
    return None
