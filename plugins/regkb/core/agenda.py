"""The agenda: what enters into force (or ends) around the build day, and the new circulars.

Readers ask "what changes soon?"; staff must "inform everyone of the modalities of entry into
force". One pass over the corpus gives every dated event of a window around the build day; the
agenda page, the Atom feed and the iCalendar file are all made from this one list.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, replace

from .model import Corpus, Document, Version

MONTHS_AHEAD = 12
MONTHS_BEHIND = 3


class EventKind:
    """What happens on an agenda day (string constants: they appear in ids and CSS classes)."""

    IN_FORCE = "in-force"  # a regulation's first version enters into force
    VERSION = "version"  # a later version (amendment, avenant) enters into force
    START = "start"  # a convention begins
    END = "end"  # a convention ends (last day)
    REPEAL = "repeal"  # a regulation is repealed (first day without it)
    CIRCULAR = "circular"  # a circular is issued


VERSION_KINDS = (EventKind.IN_FORCE, EventKind.VERSION, EventKind.START)


@dataclass(frozen=True)
class AgendaEntry:
    """One dated event of one document."""

    day: dt.date
    kind: str
    document: Document
    version: Version | None  # the version entering into force (or the last one, for an end)
    announced: dt.date | None = None  # when the act that brings it made it known (repealing or amending act)
    amending: Document | None = None  # the act that brings a version (`amended_by`), when it is in the corpus
    known: dt.date | None = None  # a version's version_known, set by build_agenda (it depends on the build day)

    @property
    def uid(self) -> str:
        """Stable identity across builds: document, event and day."""
        return f"{self.document.id}-{self.kind}-{self.day.isoformat()}"

    @property
    def has_diff(self) -> bool:
        return self.kind == EventKind.VERSION and self.version is not None and self.version.number > 1

    @property
    def known_since(self) -> dt.date:
        """When the event became known (publication, signature, act date): a stable 'updated'."""
        version = self.version
        if self.known is not None:
            return self.known
        if self.kind == EventKind.CIRCULAR:
            return self.document.date or self.day
        if self.kind in (EventKind.END, EventKind.REPEAL):
            return self.announced or last_known(self.document) or self.day
        if version is not None:
            return version.published or version.signed or self.announced or self.document.date or version.in_force
        return self.day


@dataclass(frozen=True)
class Agenda:
    today: dt.date
    start: dt.date  # first day of the window (inclusive)
    end: dt.date  # last day of the window (inclusive)
    entries: tuple[AgendaEntry, ...]

    @property
    def coming(self) -> list[AgendaEntry]:
        """From the build day on, soonest first."""
        return [e for e in self.entries if e.day >= self.today]

    @property
    def recent(self) -> list[AgendaEntry]:
        """Before the build day, latest first."""
        return sorted((e for e in self.entries if e.day < self.today), key=_order, reverse=True)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (or earlier), clamped to the month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def build_agenda(corpus: Corpus, today: dt.date, ahead: int = MONTHS_AHEAD, behind: int = MONTHS_BEHIND) -> Agenda:
    """Every event from `behind` months before `today` to `ahead` months after it, in date order,
    and every earlier one made known in the window's past part: a retroactive version (or repeal)
    published last month with effect a year ago changes what was billed, and would otherwise be
    in no agenda, feed or calendar."""
    start, end = add_months(today, -behind), add_months(today, ahead)
    known = repeal_known(corpus, today)
    entries = [entry for document in corpus for entry in _dated(document_events(document, known.get(document.id), corpus),
                                                                corpus, today)
               if start <= entry.day <= end or (entry.day < start and start <= entry.known_since <= today)]
    entries.sort(key=_order)
    return Agenda(today, start, end, tuple(entries))


def _dated(events: list[AgendaEntry], corpus: Corpus, today: dt.date) -> list[AgendaEntry]:
    """The events with their `known` day up to the build day, by the same rule as the text's own
    feed (a version's, an end's or a repeal's)."""
    return [replace(e, known=version_known(e.document, e.version, corpus, today))
            if e.version is not None and e.kind in VERSION_KINDS
            else replace(e, known=e.announced or last_known(e.document, today) or e.day)
            if e.kind in (EventKind.END, EventKind.REPEAL) else e for e in events]


def repeal_known(corpus: Corpus, today: dt.date | None = None) -> dict[str, dt.date]:
    """Document id -> when its repeal became known: the earliest publication (else date) of the
    acts that say they repeal it, up to `today`. One pass over the relations."""
    known: dict[str, dt.date] = {}
    for document in corpus:
        for relation in document.relations:
            if relation.type != "repeals" or relation.source != document.id:
                continue
            day = act_known(document, today)
            if day is not None and (relation.target not in known or day < known[relation.target]):
                known[relation.target] = day
    return known


def act_known(act: Document, today: dt.date | None = None) -> dt.date | None:
    """When an act became known: its first version's publication, else signature, else its date;
    with `today`, the first of them that has come (see known_by)."""
    first = act.versions[0] if act.versions else None
    return known_by(today, first.published if first else None, first.signed if first else None, act.date)


def known_by(today: dt.date | None, *days: dt.date | None) -> dt.date | None:
    """The first of `days` (in order of preference) that is set and, with `today`, not after it.
    A publication announced for next week is not yet when the change became known: taking it
    would make the feeds' `updated` the build day on every build until then (min(known, today))."""
    for day in days:
        if day is not None and (today is None or day <= today):
            return day
    return None


def version_known(document: Document, version: Version, corpus: Corpus, today: dt.date) -> dt.date:
    """When a version became known, from the sources (publication, signature, the amending act's;
    without them the text's date for its first version, the entry into force once passed, else the
    text's date): the `updated` of its feed entry. Never the build day: a version announced without
    dates would otherwise look new on every build until it enters into force."""
    amending = corpus.get(version.amended_by) if version.amended_by else None
    known = known_by(today, version.published, version.signed, act_known(amending, today) if amending else None)
    if known is None and document.previous(version) is None:
        known = document.date
    if known is None:
        known = version.in_force if version.in_force <= today else document.date
    return known or version.in_force  # the feeds write at the latest the build day


def last_known(document: Document, today: dt.date | None = None) -> dt.date | None:
    """The latest date the sources give for a document (its last version's publication or
    signature, else its own date), up to `today`: when an end written in it was known at the latest."""
    last = document.versions[-1] if document.versions else None
    dates = [d for d in (document.date, last.published if last else None, last.signed if last else None)
             if d and (today is None or d <= today)]
    return max(dates) if dates else None


def document_events(document: Document, repeal_announced: dt.date | None = None,
                    corpus: Corpus | None = None) -> list[AgendaEntry]:
    """All dated events of one document, whatever the window; `repeal_announced`: when the
    repealing act made the repeal known (repeal_known); `corpus`: where a version's amending act
    (amended_by) is found, for when the version became known."""
    if not document.versions or not document.meta:
        return []
    if document.kind.spec.is_answer:
        return []
    if not document.kind.spec.versioned:  # a circular: the day it is issued
        return [AgendaEntry(document.date, EventKind.CIRCULAR, document, document.versions[0])] if document.date else []
    events = []
    convention = document.kind.spec.has_term
    for version in document.versions:
        if version.number == 1:
            kind = EventKind.START if convention else EventKind.IN_FORCE
        else:
            kind = EventKind.VERSION
        amending = corpus.get(version.amended_by) if corpus is not None and version.amended_by else None
        events.append(AgendaEntry(version.in_force, kind, document, version, act_known(amending) if amending else None,
                                  amending))
    if document.repealed is not None:
        last = document.versions[-1]
        if convention:  # `end` is the last day of the convention (see Document.expires)
            events.append(AgendaEntry(document.expires or document.repealed, EventKind.END, document, last,
                                      repeal_announced))
        else:
            events.append(AgendaEntry(document.repealed, EventKind.REPEAL, document, last, repeal_announced))
    return events


def _order(entry: AgendaEntry) -> tuple:
    return (entry.day, entry.document.id, entry.kind)
