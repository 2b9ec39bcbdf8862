"""When a cited article is repealed: the days its state changes, from the partial versions that
repeal it (kept in the text with "(abrogé le …)") and those that enact it again.

An undated `ref:ID#art-9` cites the article as in force while the citing text applies: the check
warns when it is repealed on that day or later while the citing text still applies, and the link
shows the state from the day (pages/links.py). Computed once per cited (text, article), linear in
the text's versions (each version's repealed keys are computed once, core.consolidate).
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass

from .consolidate import ConsolidatedText
from .model import Document, Version


@dataclass(frozen=True)
class RepealState:
    """An article's repeal as seen from a citing text: `since`, the day it was repealed when it is
    already repealed on the citing day; else `coming`, the first repeal while the citing text
    still applies; `before`, the last version that has it in force (to cite by date)."""

    since: dt.date | None
    coming: dt.date | None
    before: Version | None

    @property
    def day(self) -> dt.date:
        day = self.since or self.coming
        assert day is not None, "a RepealState has a day"
        return day


def transitions(document: Document, anchor: str) -> list[tuple[dt.date, bool, Version]]:
    """(day, repealed from that day, version) each time the article's state changes."""
    out: list[tuple[dt.date, bool, Version]] = []
    state = False
    for version in document.versions:
        texts = version.texts.values()
        repealed = any(isinstance(t, ConsolidatedText) and anchor in t.repealed_keys for t in texts)
        if repealed != state:
            out.append((version.in_force, repealed, version))
            state = repealed
    return out


def repeal_state(changes: list[tuple[dt.date, bool, Version]], document: Document, day: dt.date,
                 until: dt.date | None) -> RepealState | None:
    """The article's repeal seen from a text citing it on `day` and applying until `until`
    (exclusive; None: no end); None when it is in force all that time."""
    if not changes:
        return None
    position = bisect.bisect_right([c[0] for c in changes], day)
    if position and changes[position - 1][1]:  # repealed on the citing day
        return RepealState(changes[position - 1][0], None, _before(document, changes[position - 1][2]))
    for change_day, repealed, version in changes[position:]:
        if until is not None and change_day >= until:
            break
        if repealed:
            return RepealState(None, change_day, _before(document, version))
    return None


def _before(document: Document, version: Version) -> Version | None:
    return document.previous(version)
