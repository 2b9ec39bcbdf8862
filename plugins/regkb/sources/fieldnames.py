"""Front-matter keys a file does not read: a typo (`titel:`, `sectr:`, `institutoin:`) or a field
of another kind of file.

Such a key was read as nothing: an optional field (institution, implements, summary) vanished from
the site in silence, and a required one was reported as "missing" on line 1, not on the line the
author wrote. Each is reported once, on its line, with the key meant when one is close; the
"missing" report of that key is then left out (SourceFile.misspelt).
"""

from __future__ import annotations

import difflib

from .datekeys import END_KEYS, START_KEYS
from .frontmatter import SourceFile

RELATIONS = ("amends", "repeals", "implements", "replaces")
# place -> every key the loader reads there (sources/loader.py, core/consolidate.py read_delta)
FIELDS: dict[str, frozenset[str]] = {
    "regulation": frozenset(("kind", "title", "short_title", "date", "repealed", "numac", "published", "eli",
                             *RELATIONS)),
    "convention": frozenset(("kind", "title", "short_title", "date", "end", "numac", "sector", "institution", "eli",
                             *RELATIONS)),
    "version": frozenset(("in_force", "published", "signed", "retroactive", "amended_by", "summary", "label",
                          "partial", "inserts", "repeals", "duplicate_articles")),
    "circular": frozenset(("title", "short_title", "eli", "date", "number", "audience", "reviewed", "in_force",
                           "retroactive", *RELATIONS)),
    "answer": frozenset(("topics", "audience", "reviewed", "valid_from", "valid_until", "sources", "question")),
}


def check_field_names(source: SourceFile, place: str) -> list[tuple[int, str, str]]:
    """(line, message, fix) for each key `place` does not read; records in `source.misspelt` the
    key each typo meant, so that key is not also reported as missing."""
    known = FIELDS[place]
    found = []
    for key in source.meta:
        if key in known:
            continue
        name = key.strip().lower().replace("-", "_").replace(" ", "_")
        meant = name if name in known else next(iter(difflib.get_close_matches(name, sorted(known), n=1,
                                                                                cutoff=0.75)), None)
        if meant is not None and meant not in source.meta:
            source.misspelt[meant] = key
        if name in END_KEYS or name in START_KEYS:
            continue  # reported by datekeys.py with where the date goes
        shown = key[:60]
        if meant is not None:
            found.append((source.line_of(key), f"unknown field '{shown}': did you mean '{meant}'? It is not read, "
                          "so its value is not on the site.", f"Rename the key to '{meant}:'."))
        else:
            found.append((source.line_of(key), f"unknown field '{shown}': it is not read, so its value is not on "
                          "the site.", f"Remove it, or use one of the fields of this file: {', '.join(sorted(known))}."))
    return found


WHERE = {"regulation": "docs/<lang>/regulations/<id>/index.md", "convention": "docs/<lang>/conventions/<id>/index.md",
         "version": "docs/<lang>/<regulations or conventions>/<id>/<YYYY-MM-DD>.md",
         "circular": "circulars/<year>/<id>.<lang>.md", "answer": "faq/<topic>/<id>.md"}
WHAT = {"regulation": "a regulation's index.md", "convention": "a convention's index.md",
        "version": "a version file", "circular": "a circular", "answer": "an answer"}


def misplaced_source(keys: set[str]) -> tuple[str, str] | None:
    """(what, where) when a hand-written page's unread `keys` are those of a source (2 at least):
    a circular or an answer saved in the wrong folder, reported once rather than once per field."""
    scores = {place: len(keys & fields) for place, fields in FIELDS.items()}
    place = max(scores, key=lambda name: scores[name])
    if scores[place] < 2:
        return None
    return WHAT[place], WHERE[place]
