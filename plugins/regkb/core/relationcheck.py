"""What a text says of others in its front matter must make sense for the kinds and the dates.

`replaces` names a text of the same kind (a circular replaces a circular) that is older than
the one replacing it; `implements` names a law, decree or convention, never a circular or an
answer; `repeals` names a text with versions. A circular that implements a text already ended on
the day it applies, or that ends while it still applies, is warned about, as a `ref:` to an ended
text is (core/references.py): readers would be sent to rules that no longer hold.

Each relation is looked at once: linear in the relations of the corpus.
"""

from __future__ import annotations

import datetime as dt

from .diagnostics import Diagnostics
from .model import Corpus, Document, Relation
from .references import reference_day, replaced_from


def check_relation_targets(corpus: Corpus, diagnostics: Diagnostics, today: dt.date) -> None:
    replaced = replaced_from(corpus)
    for document in corpus:
        for relation in document.relations:
            if relation.source != document.id or relation.type == "amends" or relation.source == relation.target:
                continue  # amended_by is stated by the amended text; a text naming itself is reported
            target = corpus.get(relation.target.split("#")[0].split("@")[0].strip())
            if target is None:
                continue  # an unknown id: reported with the references (core.references)
            if relation.type == "replaces":
                _replaces(document, target, relation, diagnostics)
            elif relation.type in ("implements", "repeals"):
                _applies(document, target, relation, diagnostics, today, replaced.get(document.id))


def _kind(document: Document) -> str:
    return f"{document.kind.spec.english} '{document.id}'"


def _replaces(document: Document, target: Document, relation: Relation, diagnostics: Diagnostics) -> None:
    if target.kind.spec.family != document.kind.spec.family:
        diagnostics.error(relation.path, relation.line,
                          f"replaces names the {_kind(target)}: a {document.kind.spec.english} replaces another "
                          f"{document.kind.spec.english}.",
                          "Name the text it takes over in replaces; the law or decree it applies goes in implements.",
                          "relation-kind")
        return
    mine, theirs = _start(document), _start(target)
    if mine is not None and theirs is not None and theirs > mine:
        where = target.meta[target.langs[0]]
        diagnostics.error(relation.path, relation.line,
                          f"replaces names '{target.id}', dated {theirs[0].isoformat()} (in force "
                          f"{theirs[1].isoformat()}, {where.path}), which is newer than this "
                          f"{document.kind.spec.english} ({mine[0].isoformat()}, in force {mine[1].isoformat()}): "
                          "a text replaces an older one.",
                          "Check both dates, or write replaces in the newer text (naming the older one).",
                          "replaces-newer")


def _start(document: Document) -> tuple[dt.date, dt.date] | None:
    """(date, first entry into force) of a text, to order a replacement after what it replaces."""
    first = document.versions[0].in_force if document.versions else None
    date = document.date or first
    if date is None:
        return None
    return date, first or date


def _applies(document: Document, target: Document, relation: Relation, diagnostics: Diagnostics,
             today: dt.date, replaced: dt.date | None) -> None:
    """`replaced`: the day a text replacing `document` applies (it no longer applies from then)."""
    field = relation.type
    if not target.kind.spec.versioned or target.kind.spec.numbered:
        diagnostics.error(relation.path, relation.line,
                          f"{field} names the {_kind(target)}: a text {field} a law, a decree or a convention.",
                          "Name the regulation in " + field + ("; the circular it takes over goes in replaces."
                                                               if target.kind.spec.numbered else "."),
                          "relation-kind")
        return
    if field != "implements" or target.repealed is None or not document.versions:
        return
    version = document.versions[0]
    day = reference_day(version, today)
    until = min(d for d in (version.end, document.repealed, replaced, dt.date.max) if d is not None)
    ended = target.last_day.isoformat() if target.last_day else target.repealed.isoformat()
    what = "ended" if target.kind.spec.has_term else "repealed"
    if day >= target.repealed:
        diagnostics.warning(relation.path, relation.line,
                            f"implements names '{target.id}', {what} on {target.repealed.isoformat()} (last day "
                            f"{ended}), before this {document.kind.spec.english} applies ({day.isoformat()}).",
                            "Name the text that applies now, or check the dates of both texts.", "ended-text")
    elif target.repealed < until:
        diagnostics.warning(relation.path, relation.line,
                            f"implements names '{target.id}', {what} from {target.repealed.isoformat()}, while this "
                            f"{document.kind.spec.english} still applies then.",
                            f"Replace or end this {document.kind.spec.english} before {target.repealed.isoformat()}, "
                            "or name the text that takes over.", "ended-text")
