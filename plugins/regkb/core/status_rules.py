"""The status rules, written once: where a version stands on a day, and what "a day" is.

Python (`Document.status`, the banners) and the page script (`regkb.js`, which corrects statuses
on the reader's day) both evaluate the table below; the script's copy is generated from it
(`python -m regkb.core.status_rules --write`), and `tests/test_dates.py` fails when it drifts.

The legal day is Belgium's: a version in force "from 1 July" is in force from midnight in
Brussels, whatever the timezone of the build machine or of the reader's device.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

LEGAL_TIMEZONE = "Europe/Brussels"

# (status, comparison, field): the first rule that holds gives the status, else DEFAULT.
# Fields are ISO dates (strings compare in date order); a missing field never matches.
#   "before":      the day is before the field (the field's day has not come yet)
#   "on_or_after": the day is the field's day or later (ends are exclusive: the first day without)
STATUS_RULES: tuple[tuple[str, str, str], ...] = (
    ("upcoming", "before", "from"),          # not yet in force
    ("repealed", "on_or_after", "repealed"),  # the document was repealed, or the convention expired
    ("past", "on_or_after", "until"),         # replaced by the next version
)
DEFAULT_STATUS = "in-force"


def status_of(fields: dict, day: object) -> str:
    """The status for dated `fields` ('from', 'until', 'repealed') on `day`: dates, or ISO
    strings as the page script has them (both compare in date order)."""
    for status, comparison, name in STATUS_RULES:
        value = fields.get(name)
        if not value:
            continue
        if comparison == "before" and day < value:
            return status
        if comparison == "on_or_after" and day >= value:
            return status
    return DEFAULT_STATUS


def legal_day(instant: dt.datetime | None = None) -> dt.date:
    """The calendar day in Brussels at `instant` (now by default)."""
    instant = instant or dt.datetime.now(dt.timezone.utc)
    if instant.tzinfo is None:
        raise ValueError("legal_day needs an aware datetime")
    return instant.astimezone(ZoneInfo(LEGAL_TIMEZONE)).date()


# --- the page script's copy ------------------------------------------------------------------
JS_PATH = Path(__file__).resolve().parents[1] / "site" / "theme" / "assets" / "regkb" / "regkb.js"
_BEGIN = "/* BEGIN status rules: generated from core/status_rules.py, do not edit */"
_END = "/* END status rules */"
_BLOCK = re.compile(re.escape(_BEGIN) + r".*?" + re.escape(_END), re.DOTALL)


def js_block() -> str:
    """The rules as the page script's data (one line between the markers)."""
    data = {"zone": LEGAL_TIMEZONE, "rules": [list(rule) for rule in STATUS_RULES], "default": DEFAULT_STATUS}
    return f"{_BEGIN}\n  var RULES = {json.dumps(data, sort_keys=True)};\n  {_END}"


def js_in_file(text: str) -> str | None:
    match = _BLOCK.search(text)
    return match.group(0) if match else None


def write_js(path: Path = JS_PATH) -> bool:
    """Regenerate the rules block of regkb.js; True when the file changed."""
    text = path.read_text(encoding="utf-8")
    new = _BLOCK.sub(lambda _m: js_block(), text)
    if new != text:
        path.write_text(new, encoding="utf-8")
    return new != text


if __name__ == "__main__":  # pragma: no cover - maintenance command
    if "--write" in sys.argv:
        print("regkb.js updated" if write_js() else "regkb.js already up to date")
    else:
        print(js_block())
