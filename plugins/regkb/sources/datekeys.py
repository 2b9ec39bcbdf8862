"""Start and end dates written under a key this file does not read.

Each kind of file reads its dates under its own keys: a regulation ends with `repealed` (the first
day without it), a convention with `end` (its last day), an answer with `valid_until`; each version
starts on its `in_force`. The same date under another key (`end` in a regulation, `repealed` in a
version file, `until`, `valid_from`...) was read as nothing: the text stayed in force forever, or
started on another day, in silence. Each such key is reported with the key to use and where.
"""

from __future__ import annotations

from .frontmatter import SourceFile

# Keys authors write for the day a text stops, or starts, applying.
END_KEYS = ("repealed", "end", "until", "valid_until", "expires", "expiry", "end_date", "abrogated",
            "abrogation", "repeal_date", "in_force_until", "valid_to")
START_KEYS = ("in_force", "valid_from", "from", "start", "start_date", "effective", "effective_date",
              "entry_into_force", "in_force_from")

# place -> (the keys it reads, how to write an end there, how to write a start there)
PLACES: dict[str, tuple[tuple[str, ...], str, str]] = {
    "regulation": (("repealed",),
                   "a regulation ends with 'repealed: YYYY-MM-DD' (the first day it no longer applies) here in index.md",
                   "each version starts on its own 'in_force', in the version file named after that day"),
    "convention": (("end",),
                   "a convention ends with 'end: YYYY-MM-DD' (its last day) here in index.md",
                   "each version starts on its own 'in_force', in the version file named after that day"),
    "version": (("in_force",),
                "a version ends when the next version file begins; the end of the whole text is 'repealed' "
                "(regulation) or 'end' (convention) in index.md",
                "a version starts on 'in_force'"),
    "circular": (("in_force",),
                 "a circular ends when a newer one says 'replaces: <this id>'",
                 "a circular applies from 'in_force' (or its 'date')"),
    "answer": (("valid_from", "valid_until"),
               "an answer ends with 'valid_until: YYYY-MM-DD' (the first day it no longer applies)",
               "an answer applies from 'valid_from'"),
}


def unread_date_keys(source: SourceFile, place: str) -> list[tuple[str, int, str, str]]:
    """(key, line, message, fix) for each start or end date `source` writes under a key its
    `place` does not read."""
    reads, end_fix, start_fix = PLACES[place]
    found = []
    for key in source.meta:
        if not isinstance(key, str) or key in reads:
            continue
        name = key.strip().lower().replace("-", "_")
        if name in END_KEYS:
            what, fix = "an end date", end_fix
        elif name in START_KEYS:
            what, fix = "a start date", start_fix
        else:
            continue
        found.append((key, source.line_of(key),
                      f"'{key}' is not read in this file: {what} written under it changes nothing "
                      "(the text's dates stay as they were).", fix[0].upper() + fix[1:] + "."))
    return found
