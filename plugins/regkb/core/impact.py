"""Change impact: which answers and circulars rely on a text that changed after their last review.

Each answer and circular records `reviewed`, the day its content was last checked. For every
article (or whole text) it cites or implements, the text in force on that day is compared with the
versions that came into force after it, up to the build day; and the text in force on the build
day with the versions announced after it (an amendment published weeks before it applies is what
readers and staff must be warned of first: an `announced` impact, dated). A version whose text of
that article is identical is not an impact (a decree that changes art. 3 does not affect an answer
on art. 7).
Computed once per build from the reference index: linear in the number of citations.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import AbstractSet

from .model import Corpus, Document, Version
from .references import ReferenceIndex, Target, replaced_from

@dataclass(frozen=True)
class Impact:
    """One cited article (or text) that changed after the citing document's review."""

    source: Document  # the answer or circular to check again
    relation: str  # "cites" or "implements"
    target: Document  # the cited text
    anchor: str | None  # the cited article, None for the whole text
    relied_on: dt.date  # the day whose text the source relies on (its review, or a later cited date)
    relied_version: Version | None  # the version in force that day
    changed_on: dt.date  # entry into force of the first differing version (or the repeal)
    changed_version: Version | None  # None when the change is the repeal
    path: str  # where the source names the target
    line: int
    announced: bool = False  # the change applies after the build day (published, not yet in force)

    @property
    def what(self) -> str:
        return f"{self.target.id}#{self.anchor}" if self.anchor else self.target.id

    def format(self) -> str:
        """One line for the build log and `regkb impact --stale`."""
        day = self.changed_on.isoformat()
        if self.announced:
            change = (f"repealed from {day} (announced)" if self.changed_version is None
                      else f"changed by the version announced to enter into force on {day}")
        else:
            change = f"repealed on {day}" if self.changed_version is None else f"changed by the version in force from {day}"
        return (f"{self.path}:{self.line}: '{self.source.id}' (reviewed {self.source.reviewed}) "
                f"{self.relation} {self.what}, {change}; it relies on the text in force on "
                f"{self.relied_on.isoformat()}.")


@dataclass(frozen=True)
class Citation:
    """One document citing (or stating a relation to) a target, for `regkb impact ID`."""

    relation: str  # cites, amends, implements, replaces, repeals
    source: Document
    version_key: str  # the citing version ("" when the whole document states it)
    lang: str
    path: str
    line: int
    target: Target


def find_impacts(corpus: Corpus, index: ReferenceIndex, today: dt.date) -> list[Impact]:
    """Every impact of the corpus, ordered by citing document then target."""
    impacts: list[Impact] = []
    replaced = replaced_from(corpus)
    for document in corpus:
        if not document.kind.spec.reviewed or document.reviewed is None:
            continue
        # a text no longer applied (replaced, or its own end), or not on the day of an announced
        # change, has nothing to check again: a circular replaced from the day the amendment
        # applies is not stale
        ends = [day for day in (replaced.get(document.id), document.repealed) if day is not None]
        impacts += [i for i in _impacts_of(corpus, index, document, today)
                    if not any(end <= max(today, i.changed_on) for end in ends)]
    return sorted(impacts, key=lambda i: (i.source.id, i.target.id, i.anchor or "", i.changed_on))


def _impacts_of(corpus: Corpus, index: ReferenceIndex, document: Document, today: dt.date) -> list[Impact]:
    reviewed = document.reviewed
    assert reviewed is not None
    # Versions the document cites by date: its authors knew them, so they are not news.
    known: set[tuple[str, str]] = set()
    wanted: dict[tuple[str, str | None, dt.date], tuple[str, str, int]] = {}
    for reference in index.made_by(document.id):
        target = reference.target
        cited = corpus.get(target.doc_id)
        if cited is None or cited is document:
            continue
        relied = reviewed
        if target.on is not None:
            version = cited.version_on(target.on)
            if version is not None:
                known.add((cited.id, version.key))
            relied = max(reviewed, target.on)
        wanted.setdefault((cited.id, target.anchor, relied), ("cites", reference.path, reference.line))
    for relation in document.relations:
        if relation.type == "implements" and relation.source == document.id:
            doc_id = relation.target.split("#")[0].split("@")[0]
            wanted.setdefault((doc_id, None, reviewed), ("implements", relation.path, relation.line))
    found: dict[tuple[str, str | None, bool], Impact] = {}
    for (doc_id, anchor, relied), (how, path, line) in wanted.items():
        cited = corpus.get(doc_id)
        if cited is None:
            continue
        skip = {k for d, k in known if d == doc_id}
        for announced in (False, True):  # one in force since the review, one announced: both said
            change = (announced_after if announced else changed_after)(cited, anchor, relied, today, skip)
            if change is None:
                continue
            relied_version, changed_version, changed_on = change
            impact = Impact(document, how, cited, anchor, relied, relied_version, changed_on, changed_version,
                            path, line, announced)
            key = (doc_id, anchor, announced)
            if key not in found or impact.relied_on > found[key].relied_on:
                found[key] = impact  # one per article: the most recent reliance says the most
    # A whole-text impact adds nothing when an article of the same text is already reported.
    with_articles = {(doc_id, announced) for doc_id, anchor, announced in found if anchor is not None}
    return [i for (doc_id, anchor, announced), i in found.items()
            if anchor is not None or (doc_id, announced) not in with_articles]


def changed_after(document: Document, anchor: str | None, day: dt.date, today: dt.date,
                  skip: AbstractSet[str] = frozenset()) -> tuple[Version | None, Version | None, dt.date] | None:
    """(version in force on `day`, first later version up to `today` whose text differs, its date),
    or None when the article (or text) is unchanged since `day`. A repeal in between counts."""
    base = document.version_on(day)
    base_text = article_text(base, anchor)
    for version in document.versions:
        if version.in_force <= day or version.in_force > today or version.key in skip:
            continue
        if article_text(version, anchor) != base_text:
            return base, version, version.in_force
    if document.repealed is not None and day < document.repealed <= today:
        return base, None, document.repealed
    return None


def announced_after(document: Document, anchor: str | None, day: dt.date, today: dt.date,
                    skip: AbstractSet[str] = frozenset()) -> tuple[Version | None, Version | None, dt.date] | None:
    """(version the source relies on, first version announced after `today` whose text differs
    from the one in force then, its date), or the announced repeal; None when nothing announced
    changes the article (or text). Compared with the text of the later of `day` and `today`: a
    change already in force is changed_after's, not news again."""
    base = document.version_on(max(day, today))
    base_text = article_text(base, anchor)
    for version in document.versions:
        if version.in_force <= max(day, today) or version.key in skip:
            continue
        if article_text(version, anchor) != base_text:
            return document.version_on(day), version, version.in_force
    if document.repealed is not None and max(day, today) < document.repealed:
        return document.version_on(day), None, document.repealed
    return None


def article_text(version: Version | None, anchor: str | None) -> tuple[tuple[str, str | None], ...]:
    """The text of an article (or of the whole version) in every language, whitespace-normalized."""
    if version is None:
        return ()
    out: list[tuple[str, str | None]] = []
    for lang in sorted(version.texts):
        text = version.texts[lang]
        if anchor is None:
            out.append((lang, " ".join(text.body.split())))
        else:
            article = text.article_map.get(anchor)
            out.append((lang, " ".join(article.text.split()) if article else None))
    return tuple(out)


def citations(corpus: Corpus, index: ReferenceIndex, doc_id: str, anchor: str | None = None) -> list[Citation]:
    """Everything that cites `doc_id` (or its article `anchor`), with the relation and the citing
    version; relations stated in front matter concern the whole text and are always listed."""
    out: list[Citation] = []
    for reference in index.citing(doc_id):
        if anchor is not None and reference.target.anchor != anchor:
            continue
        source = corpus.get(reference.source_id)
        if source is not None:
            out.append(Citation("cites", source, reference.version_key, reference.lang, reference.path,
                                reference.line, reference.target))
    target = corpus.get(doc_id)
    relations = [r for r in (target.relations if target is not None else []) if r.source != doc_id]  # amended_by
    relations += [r for d in corpus for r in d.relations if r.source == d.id]  # stated by the citing text
    seen = set()
    for relation in relations:
        key = (relation.type, relation.source, relation.path, relation.line)
        source = corpus.get(relation.source)
        if key in seen or source is None or relation.target.split("#")[0].split("@")[0] != doc_id:
            continue
        seen.add(key)
        out.append(Citation(relation.type, source, "", "", relation.path, relation.line, Target(doc_id)))
    return sorted(out, key=lambda c: (c.relation, c.source.id, c.version_key, c.path, c.line))
