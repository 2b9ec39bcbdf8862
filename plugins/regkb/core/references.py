"""References between texts: `[text](ref:ID@DATE#art-N)` links, resolved once for the corpus.

The index is built in one pass over every text; each page then looks its links up in it, so the
cost is linear in the corpus, never a scan of all pages per page.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field

from .dates import DateError, format_date, parse_date
from .diagnostics import Diagnostics
from .kinds import Kind
from .model import Corpus, Document, Version

REF_LINK = re.compile(r"\[(?P<text>[^\]\n]*)\]\(\s*ref:(?P<target>[^)\s]*)\s*\)")
TARGET = re.compile(r"^(?P<id>[a-z0-9][a-z0-9-]*)(?:@(?P<date>[^#]+))?(?:#(?P<anchor>[a-z0-9-]+))?$")


@dataclass(frozen=True)
class Target:
    doc_id: str
    on: dt.date | None = None
    anchor: str | None = None

    def __str__(self) -> str:
        text = self.doc_id
        if self.on:
            text += f"@{self.on.isoformat()}"
        if self.anchor:
            text += f"#{self.anchor}"
        return text


@dataclass(frozen=True)
class Reference:
    """One `ref:` link found in a text."""

    source_id: str
    version_key: str
    lang: str
    path: str
    line: int
    target: Target
    relation: str = "cites"


@dataclass(frozen=True)
class Resolution:
    document: Document
    version: Version | None  # set for dated references
    anchor: str | None


class TargetError(ValueError):
    """A reference that cannot be resolved; the message says why."""


def parse_target(raw: str) -> Target:
    match = TARGET.match(raw.strip())
    if not match:
        raise TargetError(f"'ref:{raw}' is not a valid reference")
    on = None
    if match["date"]:
        try:
            on = parse_date(match["date"])
        except DateError as exc:
            raise TargetError(f"'ref:{raw}': {exc}") from None
    return Target(match["id"], on, match["anchor"])


def resolve(corpus: Corpus, target: Target, today: dt.date) -> Resolution:
    document = corpus.get(target.doc_id)
    if document is None:
        raise TargetError(f"unknown document '{target.doc_id}'")
    version = None
    if target.on is not None:
        version = document.version_on(target.on)
        if version is None:
            raise TargetError(f"'{target.doc_id}' has no version in force on {target.on.isoformat()}")
    if target.anchor:
        checked = version or document.current(today)
        if checked is None or not any(target.anchor in t.article_map for t in checked.texts.values()):
            where = f"the version of {checked.key}" if checked else "the document"
            raise TargetError(f"'{target.doc_id}' has no article '{target.anchor}' in {where}")
    return Resolution(document, version, target.anchor)


@dataclass
class ReferenceIndex:
    """All references of the corpus, by citing document and by cited document."""

    references: list[Reference] = field(default_factory=list)
    cited: dict[str, list[Reference]] = field(default_factory=lambda: defaultdict(list))
    by_source: dict[str, list[Reference]] = field(default_factory=lambda: defaultdict(list))
    resolved: dict[Target, Resolution] = field(default_factory=dict)

    def citing(self, doc_id: str) -> list[Reference]:
        """References to `doc_id` from other documents."""
        return self.cited.get(doc_id, [])

    def made_by(self, doc_id: str) -> list[Reference]:
        """References written in `doc_id`, in source order."""
        return self.by_source.get(doc_id, [])


def build_index(corpus: Corpus, today: dt.date, diagnostics: Diagnostics) -> ReferenceIndex:
    """Find, resolve and check every `ref:` link and front-matter relation in one pass."""
    index = ReferenceIndex()
    for document in corpus:
        for version in document.versions:
            for lang, text in version.texts.items():
                for offset, line in enumerate(text.body.split("\n")):
                    if "ref:" not in line:
                        continue
                    for match in REF_LINK.finditer(line):
                        _add(index, corpus, today, diagnostics, document, version.key, lang,
                             text.path, text.body_line + offset, match["target"])
        for relation in document.relations:
            if relation.source != document.id:
                continue
            _check_relation(corpus, today, diagnostics, relation.target, relation.type, relation.path, relation.line)
        for raw in document.sources:
            meta = document.meta[document.langs[0]]
            _add(index, corpus, today, diagnostics, document, "", document.langs[0], meta.path, 1, raw)
    for document in corpus:
        for relation in document.relations:
            if relation.target == document.id and corpus.get(relation.source) is None:
                diagnostics.error(relation.path, relation.line,
                                  f"amended_by names '{relation.source}', which is not a document of the corpus.",
                                  "Use the id of the amending act (its folder name), or add that act.",
                                  "unknown-reference")
    return index


def _add(index: ReferenceIndex, corpus: Corpus, today: dt.date, diagnostics: Diagnostics,
         document: Document, version_key: str, lang: str, path: str, line: int, raw: str) -> None:
    try:
        target = parse_target(raw)
        resolution = index.resolved.get(target) or resolve(corpus, target, today)
    except TargetError as exc:
        diagnostics.error(path, line, f"broken reference: {exc}.",
                          "Write ref:ID, ref:ID#art-N or ref:ID@YYYY-MM-DD#art-N with an existing id, article and date.",
                          "unknown-reference")
        return
    index.resolved[target] = resolution
    reference = Reference(document.id, version_key, lang, path, line, target)
    index.references.append(reference)
    index.by_source[document.id].append(reference)
    if target.doc_id != document.id:
        index.cited[target.doc_id].append(reference)


def _check_relation(corpus: Corpus, today: dt.date, diagnostics: Diagnostics, raw: str, kind: str,
                    path: str, line: int) -> None:
    try:
        resolve(corpus, parse_target(raw), today)
    except TargetError as exc:
        diagnostics.error(path, line, f"{kind}: {exc}.", "Name an existing document id (e.g. ar-1996-07-03).",
                          "unknown-reference")


# --- link text ---------------------------------------------------------------------------------
def _article_label(anchor: str, lang: str) -> str:
    number = anchor.removeprefix("art-").replace("-", "/")
    if lang == "fr" and number == "1":
        number = "1er"
    return f"art. {number}"


def _of(short_title: str, lang: str) -> str:
    """'de l'AR du 3 juillet 1996' / 'van het KB van 3 juli 1996'."""
    first = short_title.split(" ", 1)[0]
    acronym = first.isupper() and len(first) > 1
    text = short_title if acronym else short_title[:1].lower() + short_title[1:]
    if lang == "fr":
        if acronym and first[0] in "AEIOUH":
            return "de l'" + text
        if first.lower() in ("loi", "convention", "circulaire"):
            return "de la " + text
        return "de " + text
    return ("van het " if acronym else "van de ") + text


def link_text(resolution: Resolution, target: Target, lang: str) -> str:
    """The text of an empty reference: "art. 7 de l'AR du 3 juillet 1996" and the like."""
    short = resolution.document.short_title(lang)
    text = f"{_article_label(target.anchor, lang)} {_of(short, lang)}" if target.anchor else short
    if target.on is not None:
        on = format_date(target.on, lang)
        text += f" (tel qu'en vigueur le {on})" if lang == "fr" else f" (zoals van kracht op {on})"
    return text


def is_article_kind(document: Document) -> bool:
    return document.kind not in (Kind.QA,)
