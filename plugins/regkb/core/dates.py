"""Dates as readers see them: parsing ISO dates from sources, formatting them in each language (grammar/)."""

from __future__ import annotations

import datetime as dt

from .. import grammar



class DateError(ValueError):
    """A date in a source that cannot be read; the message says what was expected."""


def parse_date(value: object) -> dt.date:
    """Read a `YYYY-MM-DD` date (YAML may already have made it a date)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise DateError(f"expected a date written YYYY-MM-DD, got {value!r}")
    text = value.strip()
    try:
        if len(text) != 10:
            raise ValueError
        return dt.date.fromisoformat(text)
    except ValueError:
        raise DateError(f"'{text}' is not a valid date written YYYY-MM-DD") from None


def format_date(day: dt.date, lang: str) -> str:
    """'1er juillet 2024' in French, '1 juli 2024' in Dutch: the language's grammar module
    (regkb/grammar/<lang>.py) says how."""
    return grammar.format_date(day, lang)
