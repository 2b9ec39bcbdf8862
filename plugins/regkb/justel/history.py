"""From snapshots to versions: which snapshots are whole texts, and from when each one is in force.

The rule (documented in the writing guide, "Importer un texte de Justel"):

1. A snapshot's text is in force from the latest entry-into-force date it states: the notes'
   "En vigueur : dd-mm-yyyy" / "Inwerkingtreding : dd-mm-yyyy" in the text and the page's own
   "Entrée en vigueur" field (the original text's). From that day every change it holds applies.
2. A snapshot with no date at all, or one that follows another with a different text but states
   a latest date earlier than that one's: the date is not in the text. The import says so and
   asks for `--in-force FILE=YYYY-MM-DD`; it never guesses. A change noted "En vigueur :
   indéterminée" dates nothing: Justel shows it in the text with its note, and so do we (the
   import reports it).
3. Snapshots are given oldest first. A snapshot with the same text as the one before adds nothing;
   a later snapshot with the same date but another text (a correction, or a change that reached
   back before the latest date) replaces the earlier one: it is the better-known text of that day.
4. Justel's archive also holds extracts (a few articles of an archived version): a snapshot is a
   whole text when it holds every article of the previous whole one (a consolidated text keeps
   repealed articles as "(Abrogé)"), the first whole one being the first that has article 1.
   Extracts are reported and not written: a version file holds the whole text.
5. `published`/`signed` of a version: those of the amending act whose note carries the version's
   date, when the page's list of modifications names it once; of the text itself for its
   original version. A retroactive change keeps its `published` after `in_force`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .snapshot import IN_FORCE_NOTE, NOTE_SPAN, Snapshot, in_force_value

NOTE_ACT = re.compile(r"<[^<>]*?\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})/\d+[^<>]*?(?:En\s+vigueur|Inwerkingtreding)\s*:\s*(?P<date>\d{1,2}-\d{1,2}-\d{4})",
                      re.IGNORECASE)


@dataclass
class Version:
    in_force: dt.date
    snapshot: Snapshot
    published: dt.date | None = None
    signed: dt.date | None = None
    also: list[str] = field(default_factory=list)  # snapshots with the same text


@dataclass
class History:
    lang: str
    versions: list[Version] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)  # what the import did, for the report
    errors: list[str] = field(default_factory=list)  # the import stops: nothing is written


def stated_dates(snap: Snapshot) -> tuple[list[dt.date], bool, list[str]]:
    """Every entry-into-force date the text states, whether one is undetermined, and the notes
    whose value is neither ('Art. 7: En vigueur : 31-02-2003'): those would otherwise leave the
    version dated from the other notes without a word."""
    dates: list[dt.date] = []
    undetermined = False
    unreadable: list[str] = []
    where = ""
    for block in snap.blocks:
        if block.kind == "article":
            where = block.text
        notes = [(n.start(), n.end()) for n in NOTE_SPAN.finditer(block.text)] if "<" in block.text else []
        for match in IN_FORCE_NOTE.finditer(block.text):
            if not match["before"] and not any(a < match.start() < b for a, b in notes):
                continue  # the law's own words, not a note of Justel's
            value = in_force_value(match["value"])
            if value == "undetermined":
                undetermined = True
            elif isinstance(value, dt.date):
                dates.append(value)
            else:
                unreadable.append(f"{where or 'text'}: '{match[0].lstrip(';<( ').strip()}'")
    if snap.in_force_field:
        dates.append(snap.in_force_field)
    return dates, undetermined, unreadable


def build_history(lang: str, snapshots: list[Snapshot], overrides: dict[str, dt.date]) -> History:
    history = History(lang)
    whole: list[Snapshot] = []
    labels: set[str] | None = None
    for snap in snapshots:
        history.messages += snap.notes
        own = set(snap.labels())
        if labels is None and "1" not in own and any("1" in s.labels() for s in snapshots):
            history.messages.append(f"{snap.path}: an extract of {len(own)} article(s) ({_few(snap)}), "
                                    "not a whole text (no article 1): not imported.")
            continue
        if labels is not None and not labels <= own:
            missing = sorted(labels - own)
            history.messages.append(f"{snap.path}: an extract of {len(own)} article(s) ({_few(snap)}): "
                                    f"{len(missing)} article(s) of the previous whole text are missing "
                                    f"(e.g. {', '.join(missing[:3])}): not imported.")
            continue
        whole.append(snap)
        labels = own
    dated: list[tuple[Snapshot, dt.date, bool]] = []  # snapshot, date, given by the user
    for snap in whole:
        if snap.path in overrides:
            dated.append((snap, overrides[snap.path], True))
            continue
        dates, undetermined, unreadable = stated_dates(snap)
        if unreadable:
            history.errors.append(f"{snap.path}: {len(unreadable)} entry-into-force note(s) whose date is not understood "
                                  f"({'; '.join(unreadable[:3])}{' …' if len(unreadable) > 3 else ''}): expected "
                                  "dd-mm-yyyy or 'indéterminée'/'onbepaald'. The version's date cannot be read from the "
                                  f"text: check the notes on Justel and give it with --in-force {snap.path}=YYYY-MM-DD.")
            continue
        if undetermined and snap is whole[-1]:
            history.messages.append(f"{snap.path}: the text holds a change whose entry into force is undetermined "
                                    "(En vigueur : indéterminée): it is kept with its note, as Justel shows it, and "
                                    "does not date the version (rule 2).")
        if not dates:
            history.errors.append(f"{snap.path}: the page states no entry-into-force date (no 'Entrée en vigueur' "
                                  f"field, no 'En vigueur :' note). Give it with --in-force {snap.path}=YYYY-MM-DD.")
            continue
        dated.append((snap, max(dates), False))
    previous: Version | None = None
    for snap, day, given in dated:
        if previous is not None and snap.fingerprint() == previous.snapshot.fingerprint():
            previous.also.append(snap.path)
            history.messages.append(f"{snap.path}: same text as {previous.snapshot.path}: no new version.")
            continue
        if previous is not None and day < previous.in_force and not given:
            history.errors.append(f"{snap.path}: this snapshot comes after {previous.snapshot.path} and has another "
                                  f"text, but its latest entry-into-force date ({day.isoformat()}) is before that one's "
                                  f"({previous.in_force.isoformat()}): the text does not say from when it applies. "
                                  f"Give it with --in-force {snap.path}=YYYY-MM-DD.")
            continue
        version = Version(day, snap)
        _act_dates(version)
        same_day = [v for v in history.versions if v.in_force == day]
        if same_day:
            history.versions.remove(same_day[0])
            history.messages.append(f"{snap.path}: same entry into force ({day.isoformat()}) as "
                                    f"{same_day[0].snapshot.path} with another text: the later snapshot is kept "
                                    "(rule 3).")
        history.versions.append(version)
        history.versions.sort(key=lambda v: v.in_force)
        previous = version
    return history


def _few(snap: Snapshot) -> str:
    labels = [b.text for b in snap.articles]
    return ", ".join(labels[:3]) + (" …" if len(labels) > 3 else "")


def _act_dates(version: Version) -> None:
    snap = version.snapshot
    if snap.in_force_field == version.in_force and not _note_acts(snap, version.in_force):
        version.signed, version.published = snap.act_date, snap.published
        return
    acts = _note_acts(snap, version.in_force)
    if len(acts) != 1:
        return
    signed = acts.pop()
    version.signed = signed
    published = {p for s, p in snap.modifications if s == signed}
    if len(published) == 1:
        version.published = published.pop()
    if version.published and version.published < signed:
        version.published = None


def _note_acts(snap: Snapshot, day: dt.date) -> set[dt.date]:
    """Dates of the amending acts whose notes carry `day` as their entry into force."""
    acts: set[dt.date] = set()
    for match in NOTE_ACT.finditer(snap.body_text()):
        d, m, y = match["date"].split("-")
        try:
            if dt.date(int(y), int(m), int(d)) == day:
                acts.add(dt.date(int(match["y"]), int(match["m"]), int(match["d"])))
        except ValueError:
            continue
    return acts
