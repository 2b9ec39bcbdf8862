"""What a branch changes in the corpus, for the merge-request description: two corpora compared.

The base corpus (the target branch) and the head corpus (the branch) are loaded the same way; this
module only compares them, once, document by document (linear in the corpus). An answer or a
circular is "affected" when it cites an article whose text differs between base and head in the
version(s) the reference can show.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterable

from .dates import format_date
from .diagnostics import Diagnostic
from .kinds import LANGS, Kind
from .model import Corpus, Document, Version
from .references import ReferenceIndex

DOC_FIELDS = ("date", "repealed", "numac", "sector", "institution", "number", "audience", "topics", "reviewed",
              "sources")
VERSION_FIELDS = ("published", "signed", "amended_by")


@dataclass
class VersionChange:
    key: str
    status: str  # added | removed | changed
    fields: list[str] = field(default_factory=list)  # front matter and texts that differ
    articles: list[str] = field(default_factory=list)  # anchors whose text differs
    langs: list[str] = field(default_factory=list)  # languages of the version in head


@dataclass
class DocumentChange:
    doc_id: str
    kind: Kind
    status: str  # added | removed | changed
    titles: dict[str, str]
    path: str
    fields: list[str] = field(default_factory=list)
    versions: list[VersionChange] = field(default_factory=list)


@dataclass
class EntryIntoForce:
    doc_id: str
    titles: dict[str, str]
    day: dt.date
    what: str  # "version 2027-01-01", "repeal", "end"
    published: dt.date | None = None

    @property
    def retroactive(self) -> bool:
        return self.published is not None and self.published > self.day


@dataclass
class Affected:
    doc_id: str
    kind: Kind
    titles: dict[str, str]
    path: str
    line: int
    cited: str  # "ar-1996-07-03#art-7"
    changed_in: list[str]  # version keys where that article changed
    updated: bool  # the citing text itself changed in the branch


@dataclass
class ChangeSet:
    documents: list[DocumentChange] = field(default_factory=list)
    entries: list[EntryIntoForce] = field(default_factory=list)
    missing_translations: list[Diagnostic] = field(default_factory=list)
    affected: list[Affected] = field(default_factory=list)
    new_problems: list[Diagnostic] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.documents or self.missing_translations or self.new_problems)


def compare(base: Corpus, head: Corpus, base_diagnostics: Iterable[Diagnostic] = (),
            head_diagnostics: Iterable[Diagnostic] = ()) -> ChangeSet:
    changes = ChangeSet()
    changed_articles: dict[tuple[str, str], set[str]] = defaultdict(set)
    for doc_id in sorted(set(base.documents) | set(head.documents)):
        before, after = base.get(doc_id), head.get(doc_id)
        change = _document_change(before, after, changed_articles)
        if change is not None:
            changes.documents.append(change)
            changes.entries.extend(_entries(before, after, change))
    changes.entries.sort(key=lambda e: (e.day, e.doc_id))
    old = {(d.path, d.code, d.message) for d in base_diagnostics}
    fresh = [d for d in sorted(set(head_diagnostics)) if (d.path, d.code, d.message) not in old]
    changes.missing_translations = [d for d in fresh if d.code == "missing-translation"]
    changes.new_problems = [d for d in fresh if d.code != "missing-translation"]
    updated = {c.doc_id for c in changes.documents}
    changes.affected = _affected(base, head, changed_articles, updated)
    return changes


# --- documents and versions -------------------------------------------------------------------
def titles(document: Document) -> dict[str, str]:
    return {lang: document.short_title(lang) for lang in LANGS if document.meta}


def _path(document: Document) -> str:
    return document.meta[document.langs[0]].path


def _document_change(before: Document | None, after: Document | None,
                     changed_articles: dict[tuple[str, str], set[str]]) -> DocumentChange | None:
    if after is None:
        assert before is not None
        for version in before.versions:
            _mark(changed_articles, before.id, version, None)
        return DocumentChange(before.id, before.kind, "removed", titles(before), _path(before))
    if before is None:
        versions = [VersionChange(v.key, "added", langs=sorted(v.texts)) for v in after.versions]
        return DocumentChange(after.id, after.kind, "added", titles(after), _path(after), versions=versions)
    change = DocumentChange(after.id, after.kind, "changed", titles(after), _path(after))
    if before.kind is not after.kind:
        change.fields.append("kind")
    change.fields.extend(f for f in DOC_FIELDS if getattr(before, f) != getattr(after, f))
    if _relations(before) != _relations(after):
        change.fields.append("relations")
    for lang in LANGS:
        old, new = before.meta.get(lang), after.meta.get(lang)
        if (old is None) != (new is None):
            change.fields.append(f"language {lang}")
        elif old and new:
            for name in ("title", "short_title", "intro", "institution"):
                if getattr(old, name) != getattr(new, name):
                    change.fields.append(f"{name} ({lang})")
    old_versions = {v.key: v for v in before.versions}
    for version in after.versions:
        previous = old_versions.pop(version.key, None)
        version_change = _version_change(after, previous, version, changed_articles)
        if version_change is not None:
            change.versions.append(version_change)
    for key, version in sorted(old_versions.items()):
        _mark(changed_articles, before.id, version, None)
        change.versions.append(VersionChange(key, "removed"))
    change.versions.sort(key=lambda v: v.key)
    if not (change.fields or change.versions):
        return None
    return change


def _relations(document: Document) -> set[tuple[str, str, str]]:
    return {(r.type, r.source, r.target) for r in document.relations}


def _version_change(document: Document, before: Version | None, after: Version,
                    changed_articles: dict[tuple[str, str], set[str]]) -> VersionChange | None:
    if before is None:
        # a new version changes, from its date, the articles that differ from the version before it
        articles = _mark(changed_articles, document.id, after, document.previous(after))
        return VersionChange(after.key, "added", articles=articles, langs=sorted(after.texts))
    fields = [f for f in VERSION_FIELDS if getattr(before, f) != getattr(after, f)]
    for lang in LANGS:
        old, new = before.texts.get(lang), after.texts.get(lang)
        if (old is None) != (new is None):
            fields.append(f"text ({lang}) {'added' if new else 'removed'}")
        elif old and new:
            if old.body != new.body:
                fields.append(f"text ({lang})")
            for name in ("summary", "label"):
                if getattr(old, name) != getattr(new, name):
                    fields.append(f"{name} ({lang})")
    articles = _mark(changed_articles, document.id, after, before)
    if not fields:
        return None
    return VersionChange(after.key, "changed", fields, articles, sorted(after.texts))


def _mark(changed_articles: dict[tuple[str, str], set[str]], doc_id: str, version: Version,
          reference: Version | None) -> list[str]:
    """Anchors whose text (in any language) differs between `version` and `reference`."""
    anchors: set[str] = set()
    for lang in LANGS:
        new = version.texts.get(lang)
        old = reference.texts.get(lang) if reference else None
        new_map = new.article_map if new else {}
        old_map = old.article_map if old else {}
        for anchor in set(new_map) | set(old_map):
            a, b = new_map.get(anchor), old_map.get(anchor)
            if a is None or b is None or (a.heading, a.text.strip()) != (b.heading, b.text.strip()):
                anchors.add(anchor)
    for anchor in anchors:
        changed_articles[(doc_id, anchor)].add(version.key)
    return sorted(anchors, key=_anchor_sort)


def _anchor_sort(anchor: str) -> tuple[int, str]:
    digits = "".join(ch for ch in anchor.split("-")[1] if ch.isdigit()) if "-" in anchor else ""
    return (int(digits or 0), anchor)


def _entries(before: Document | None, after: Document | None, change: DocumentChange) -> list[EntryIntoForce]:
    if after is None or after.kind.spec.is_answer:
        return []  # an answer has no entry into force of its own
    entries = []
    for version_change in change.versions:
        version = after.version(version_change.key)
        if version is not None and (version_change.status == "added"
                                    or "published" in version_change.fields):
            entries.append(EntryIntoForce(after.id, change.titles, version.in_force,
                                          f"version {version.key}", version.published))
    if after.repealed is not None and (before is None or before.repealed != after.repealed):
        if after.kind.spec.has_term:  # the last day, as written in `end` and shown by the agenda and the pages
            entries.append(EntryIntoForce(after.id, change.titles, after.expires or after.repealed, "end (last day)"))
        else:  # the first day without the text
            entries.append(EntryIntoForce(after.id, change.titles, after.repealed, "repeal"))
    return entries


# --- answers and circulars citing a changed article --------------------------------------------
def _affected(base: Corpus, head: Corpus, changed_articles: dict[tuple[str, str], set[str]],
              updated: set[str]) -> list[Affected]:
    index: ReferenceIndex = head.references
    if not changed_articles:
        return []
    found: dict[tuple[str, str], Affected] = {}
    for reference in index.references:
        target = reference.target
        if not target.anchor or target.doc_id == reference.source_id:
            continue
        keys = changed_articles.get((target.doc_id, target.anchor))
        source = head.get(reference.source_id)
        if not keys or source is None or not source.kind.spec.reviewed:
            continue
        if target.on is not None:
            shown = {_key_on(head, target.doc_id, target.on), _key_on(base, target.doc_id, target.on)}
            hit = sorted(keys & shown)
        else:
            hit = sorted(keys)
        if not hit:
            continue
        cited = f"{target.doc_id}#{target.anchor}"
        entry = found.get((source.id, cited))
        if entry is None:
            found[(source.id, cited)] = Affected(source.id, source.kind, titles(source), reference.path,
                                                 reference.line, cited, hit, source.id in updated)
        else:
            entry.changed_in = sorted(set(entry.changed_in) | set(hit))
    return sorted(found.values(), key=lambda a: (not a.kind.spec.is_answer, a.doc_id, a.cited))


def _key_on(corpus: Corpus, doc_id: str, day: dt.date) -> str | None:
    document = corpus.get(doc_id)
    version = document.version_on(day) if document else None
    return version.key if version else None


# --- Markdown for the merge request -----------------------------------------------------------
def _title(doc_id: str, names: dict[str, str]) -> str:
    shown = " / ".join(dict.fromkeys(v for v in (names.get("fr"), names.get("nl")) if v))
    return f"`{doc_id}` {shown}".rstrip()


def to_markdown(changes: ChangeSet, base_rev: str, today: dt.date) -> str:
    out = [f"## Changes in the knowledge base (compared with `{base_rev}`)", ""]
    if changes.empty:
        return "\n".join(out + ["No document, version or translation changes.", ""])
    groups = (("added", "Documents added"), ("changed", "Documents changed"), ("removed", "Documents removed"))
    for status, heading in groups:
        docs = [d for d in changes.documents if d.status == status]
        if not docs:
            continue
        out += [f"### {heading} ({len(docs)})", ""]
        for doc in docs:
            out.append(f"- {doc.kind.spec.english} {_title(doc.doc_id, doc.titles)} (`{doc.path}`)")
            if doc.fields:
                out.append(f"    - changed: {', '.join(doc.fields)}")
            for version in doc.versions:
                if doc.status == "added" and doc.kind.spec.reviewed:
                    continue
                line = f"    - version {version.key}: {version.status}"
                if version.fields:
                    line += f" ({', '.join(version.fields)})"
                if version.articles:
                    line += f"; articles changed: {', '.join(version.articles)}"
                out.append(line)
        out.append("")
    if changes.entries:
        out += ["### New dates of entry into force", "", "| date | text | what | note |", "|---|---|---|---|"]
        for entry in changes.entries:
            notes = []
            if entry.published:
                notes.append(f"published {entry.published.isoformat()}")
            if entry.retroactive:
                notes.append("**retroactive** (published after its entry into force)")
            notes.append("upcoming" if entry.day > today else "already in effect")
            out.append(f"| {entry.day.isoformat()} ({format_date(entry.day, 'fr')}) | {_title(entry.doc_id, entry.titles)} "
                       f"| {entry.what} | {'; '.join(notes)} |")
        out.append("")
    if changes.missing_translations:
        out += [f"### Missing translations ({len(changes.missing_translations)})", ""]
        out += [f"- `{d.path}`: {d.message} {d.fix}" for d in changes.missing_translations]
        out.append("")
    if changes.affected:
        out += [f"### Answers and circulars to review ({len(changes.affected)})", "",
                "They cite an article whose text this branch changes.", ""]
        for item in changes.affected:
            state = " (updated in this branch)" if item.updated else ""
            out.append(f"- {item.kind.spec.english} {_title(item.doc_id, item.titles)}{state}: cites "
                       f"`{item.cited}`, changed in version {', '.join(item.changed_in)} "
                       f"(`{item.path}`, line {item.line})")
        out.append("")
    if changes.new_problems:
        errors = sum(1 for d in changes.new_problems if d.is_error)
        out += [f"### New problems found by the check ({errors} errors, {len(changes.new_problems) - errors} warnings)", ""]
        out += [f"- `{d.path}` line {d.line}: {d.severity.value}: {d.message}" for d in changes.new_problems]
        out.append("")
    return "\n".join(out)
