"""Typed backlinks: who amends, implements, replaces or cites a text, article by article.

The index is built once per build from the front-matter relations and the reference index (one
pass over both); each page then reads its own entries, never scanning the corpus.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from ..core.collation import natural_key
from ..core.dates import format_date
from ..core.model import Corpus, Document, Version
from ..core.references import ReferenceIndex
from ..core.urls import document_path
from .html import HTML, doc_words, element, esc, heading, html_format, html_join, items, link
from .toc import NOTOC
from .labels import t
from ..catalogue import by_language
from ..grammar import article_number

RELATION_LABELS = by_language("relations")  # catalogue/<lang>.yml
RELATION_ORDER = ("amends", "repeals", "replaces", "implements", "cites")


@dataclass(frozen=True)
class Backlink:
    """One text pointing at another: the relation, the citing text and what it targets."""

    relation: str  # cites, amends, implements, replaces, repeals
    source_id: str
    anchor: str | None = None  # the cited article
    on: dt.date | None = None  # a reference to the text as in force on a date
    version_key: str = ""  # the citing version ("" for front matter and single-version texts)


def build_backlinks(corpus: Corpus, references: ReferenceIndex) -> dict[str, list[Backlink]]:
    """target id -> its backlinks, from relations and references, each counted once."""
    index: dict[str, list[Backlink]] = defaultdict(list)
    seen: set[tuple[str, Backlink]] = set()

    def add(target: str, backlink: Backlink) -> None:
        if backlink.source_id != target and (target, backlink) not in seen:
            seen.add((target, backlink))
            index[target].append(backlink)

    for document in corpus:
        for relation in document.relations:
            add(relation.target.split("#")[0].split("@")[0], Backlink(relation.type, relation.source))
    for reference in references.references:
        target = reference.target
        add(target.doc_id, Backlink("cites", reference.source_id, target.anchor, target.on))
    return index


def cited_counts(entries: list[Backlink]) -> dict[str, int]:
    """Article anchor -> number of distinct texts citing it."""
    sources: dict[str, set[str]] = defaultdict(set)
    for entry in entries:
        if entry.relation == "cites" and entry.anchor:
            sources[entry.anchor].add(entry.source_id)
    return {anchor: len(ids) for anchor, ids in sources.items()}


def article_marks(entries: list[Backlink], version: Version, lang: str) -> dict[str, str]:
    """Anchor -> a small 'cited by N texts' link to the article's backlinks, for the articles of
    the version shown."""
    counts = cited_counts(entries)
    present = {a for text in version.texts.values() for a in text.article_map}
    out: dict[str, str] = {}  # HTML values, typed str for the pages that merge them
    for anchor, count in counts.items():
        if anchor in present:
            label = t(lang, "cited_by_one") if count == 1 else t(lang, "cited_by_many", count=count)
            out[anchor] = element("p", element("a", label, href=f"#cited-{anchor}"), class_="regkb-cited")
    return out


BACKLINKS_SHOWN = 20  # citing texts shown per group on a text's page (beyond _cap()); the rest on its list page
FULL_LIST = "cited-by/"  # the complete list of a much-cited text, under its stable page


Groups = list[tuple[str, "str | None", list[tuple[str, set]]]]  # (relation, anchor, [(citing id, dates)])


def article_order(version: Version | None, lang: str) -> dict[str, int]:
    """Article anchor -> its rank in the text of `version` shown in `lang` ({} without one)."""
    shown = (version.texts.get(lang) or next(iter(version.texts.values()), None)) if version else None
    return {a.anchor: i for i, a in enumerate(shown.articles)} if shown is not None else {}


def backlink_rows(corpus: Corpus, entries: list[Backlink], order: dict[str, int] | None = None) -> Groups:
    """(relation, article anchor, [(citing id, dates)]) groups, in the order a page shows them:
    relations in RELATION_ORDER, articles in `order` (the version shown; none: the complete
    list's order), citing texts by kind then id."""
    order = order or {}
    groups: dict[str, dict[str | None, dict[str, set[dt.date]]]] = defaultdict(lambda: defaultdict(dict))
    for entry in entries:
        if corpus.get(entry.source_id) is None:
            continue
        dates = groups[entry.relation][entry.anchor].setdefault(entry.source_id, set())
        if entry.on is not None:
            dates.add(entry.on)
    out = []
    for relation in RELATION_ORDER:
        by_anchor = groups.get(relation, {})
        for anchor in sorted(by_anchor, key=lambda a: (a is not None, order.get(a, len(order)) if a is not None else len(order),
                                                    _article_sort(a))):
            sources = sorted(by_anchor[anchor], key=lambda i: (corpus[i].kind.spec.order, i))
            out.append((relation, anchor, [(source, by_anchor[anchor][source]) for source in sources]))
    return out


def _cap() -> int:
    """A group longer than this shows BACKLINKS_SHOWN texts and links to the complete list (a
    margin, so that the link never hides only one or two texts)."""
    return BACKLINKS_SHOWN + BACKLINKS_SHOWN // 2


def full_list_size(complete: Groups) -> int:
    """Rows of a text's complete list of backlinks (`complete`: backlink_rows without an order),
    0 when every group fits on the text's pages."""
    if all(len(sources) <= _cap() for _relation, _anchor, sources in complete):
        return 0
    return sum(len(sources) for _relation, _anchor, sources in complete)


def render_backlinks(corpus: Corpus, entries: list[Backlink], lang: str, src: str,
                     version: Version | None = None, document: Document | None = None,
                     complete: Groups | None = None) -> str:
    """The 'links to this text' section: one heading per relation, and for citations one small
    heading per article (linking to it when the version shown has it). A long group shows its
    first BACKLINKS_SHOWN texts and links to the complete list (paged; `complete` gives its
    order), so a much-cited text's pages keep their size."""
    if not entries:
        return ""
    order = article_order(version, lang)
    groups = backlink_rows(corpus, entries, order)
    positions: dict[tuple[str, str | None], int] = {}  # group -> its first row in the complete list
    if document is not None:
        from .paging import listing_path

        complete = complete if complete is not None else backlink_rows(corpus, entries)
        if full_list_size(complete):
            count = 0
            for relation, anchor, sources in complete:
                positions[(relation, anchor)] = count
                count += len(sources)
    cited_groups = sum(relation == "cites" for relation, _anchor, _sources in groups)
    out: list[HTML] = [heading(2, esc(t(lang, "backlinks_title")), "backlinks")]
    current = None
    for relation, anchor, sources in groups:
        if relation != current:
            current = relation
            out.append(heading(3, esc(RELATION_LABELS[lang][relation]), f"backlinks-{relation}"))
        if relation == "cites" and (anchor is not None or cited_groups > 1):
            out.append(_article_heading(anchor, lang, anchor in order))
        capped = bool(positions) and len(sources) > _cap()
        lines = [_item(corpus[source_id], dates, lang, src)
                 for source_id, dates in (sources[:BACKLINKS_SHOWN] if capped else sources)]
        if capped:
            assert document is not None, "positions are only counted for a document's own pages"
            target = listing_path(document_path(document) + FULL_LIST, positions[(relation, anchor)])
            lines.append(HTML(link(src, target, t(lang, "backlinks_more", count=len(sources) - BACKLINKS_SHOWN),
                                   group_id(relation, anchor))))
        out.append(items(lines))
    # not searchable: the titles of the citing texts would make this page match searches for them
    return element("section", out, class_="regkb-backlinks", data_pagefind_ignore=True)


def group_id(relation: str, anchor: str | None) -> str:
    return f"bl-{relation}-{anchor or 'text'}"


def full_list(corpus: Corpus, complete: Groups, lang: str, src: str, rows: slice) -> str:
    """The rows `rows` of a text's complete list of backlinks, under their group headings (groups
    before the slice are skipped whole: each page costs its own rows, not the whole list)."""
    out: list[HTML] = []
    position = 0
    for relation, anchor, sources in complete:
        if position >= rows.stop:
            break
        first, position = position, position + len(sources)
        if position <= rows.start:
            continue
        label = RELATION_LABELS[lang][relation] + (f" – {_article_name(anchor, lang)}" if anchor is not None else "")
        shown = sources[max(rows.start - first, 0):rows.stop - first]
        out.append(html_format("{}{}", heading(2, esc(label), group_id(relation, anchor)),
                               element("ul", [element("li", _item(corpus[source_id], dates, lang, src))
                                              for source_id, dates in shown])))
    return html_join("", out)


def _article_heading(anchor: str | None, lang: str, linkable: bool) -> HTML:
    if anchor is None:
        return element("h4", t(lang, "backlinks_whole"), class_=f"regkb-cited-group {NOTOC}", id="cited-text")
    label = _article_name(anchor, lang)
    inner = element("a", label, href=f"#{anchor}") if linkable else label
    return element("h4", inner, class_=f"regkb-cited-group {NOTOC}", id=f"cited-{anchor}")


def _item(citing: Document, dates: set[dt.date], lang: str, src: str) -> HTML:
    text = html_format("{} {}", HTML(link(src, document_path(citing), doc_words(citing, lang, citing.short_title(lang)))),
                       element("span", citing.kind.label(lang), class_="regkb-kind-tag"))
    if dates:
        joined = t(lang, "dates_and_on").join(format_date(d, lang) for d in sorted(dates))
        text = html_format("{} – {}", text, t(lang, "backlink_on", date=joined))
    return text


def _article_name(anchor: str, lang: str) -> str:
    number = anchor.removeprefix("art-").replace("-", "/")
    return f"Art. {article_number(number, lang)}"


def _article_sort(anchor: str | None) -> tuple:
    """Articles the text no longer has, in the law's order: 7, 7bis, 7ter, 7quater, 8, 10."""
    return natural_key(anchor or "")


def replaced_by(corpus: Corpus, entries: list[Backlink]) -> Document | None:
    for entry in entries:
        if entry.relation == "replaces":
            return corpus.get(entry.source_id)
    return None
