"""Dates as readers see them: parsing ISO dates from sources, formatting them in each language (grammar/)."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

from .. import grammar
from .datehints import meant, why_not_a_day
from .status_rules import LEGAL_TIMEZONE

# The days a source may name. Older is not Belgian law still cited (the oldest texts in force
# date from the 1790s); later is a typo or a "no end" sentinel (9999-12-31), and the day after it,
# which ends and agenda windows compute, would not exist.
EARLIEST = dt.date(1700, 1, 1)
LATEST = dt.date(2199, 12, 31)


class DateError(ValueError):
    """A date in a source that cannot be read; the message says what was expected, and
    `suggestion` the day the author most likely meant (written YYYY-MM-DD), when it can be told."""

    def __init__(self, message: str, suggestion: str | None = None, hint: str | None = None) -> None:
        super().__init__(message)
        self.suggestion = suggestion
        self.hint = hint

    def fix(self, field_name: str) -> str:
        """The fix for a diagnostic on `field_name`: the line to write when the day is known."""
        if self.hint:
            return self.hint
        if self.suggestion:
            return f"Write '{field_name}: {self.suggestion}' (dates are written YYYY-MM-DD)."
        return "Write the date as YYYY-MM-DD, e.g. 2024-07-01."


def parse_date(value: object) -> dt.date:
    """Read a `YYYY-MM-DD` date (YAML may already have made it a date); an instant is its day in
    Brussels. Anything else raises DateError naming the likely day."""
    if isinstance(value, dt.datetime):
        day = (value.astimezone(ZoneInfo(LEGAL_TIMEZONE)) if value.tzinfo else value).date()
        return _in_range(day, value.isoformat())
    if isinstance(value, dt.date):
        return _in_range(value, value.isoformat())
    if value is None or value == "":
        raise DateError("the date is empty")
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)  # 20270301: YAML read the digits as a number
    if not isinstance(value, str):
        raise DateError(f"expected a date written YYYY-MM-DD, got {value!r}")
    text = value.strip()
    iso = _iso_day(text)
    if iso is not None:
        return _in_range(iso, text)
    reason = why_not_a_day(text)
    if reason:
        raise DateError(f"'{text}' is not a valid date: {reason}",
                        hint="Check the date in the official publication and write it YYYY-MM-DD.")
    guess = meant(text)
    if guess is not None and ":" in text:
        raise DateError(f"'{text[:60]}' is an instant, not a day: in Brussels it falls on {guess.isoformat()}",
                        suggestion=guess.isoformat())
    if guess is not None:
        raise DateError(f"'{text[:60]}' is not written YYYY-MM-DD (it reads as {guess.isoformat()})",
                        suggestion=guess.isoformat())
    raise DateError(f"'{text[:60]}' is not a valid date written YYYY-MM-DD")


_ISO = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _iso_day(text: str) -> dt.date | None:
    """The day of `text` written exactly YYYY-MM-DD (fromisoformat alone also takes 2024-W01-1)."""
    if not _ISO.fullmatch(text):
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def _in_range(day: dt.date, written: str) -> dt.date:
    if EARLIEST <= day <= LATEST:
        return day
    raise DateError(f"'{written}' is outside the years {EARLIEST.year}–{LATEST.year} the site handles",
                    hint="Correct the year; for a text without an end, leave the date out (no 'repealed' "
                         "or 'end' line) rather than writing a far-future day.")


def format_date(day: dt.date, lang: str) -> str:
    """'1er juillet 2024' in French, '1 juli 2024' in Dutch: the language's grammar module
    (regkb/grammar/<lang>.py) says how."""
    return grammar.format_date(day, lang)


def feed_instant(day: dt.date) -> str:
    """A legal day as an Atom (RFC 3339) instant: noon in Brussels, with that day's offset. Feed
    readers show instants in the reader's own time zone: midnight UTC showed a change of 29
    October as 28 October from the Azores westwards; noon in Brussels is the same calendar day from
    UTC−11 to UTC+12."""
    noon = dt.datetime.combine(day, dt.time(12), tzinfo=ZoneInfo(LEGAL_TIMEZONE))
    return noon.isoformat()

