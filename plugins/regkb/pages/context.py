"""What every generated page needs: the corpus, the build day, the site options, the indexes."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from ..core.collation import natural_key
from ..core.dates import format_date
from ..core.agenda import Agenda, build_agenda, repeal_known
from ..core.history import ArticleEvent
from ..core.impact import Impact, find_impacts
from .fragments import TextFragments, one_folder_down
from ..core.kinds import kinds_in_section
from ..core.model import Corpus, Document, Version
from ..core.references import ReferenceIndex, Resolution, Target, citing_days, link_text
from ..core.urls import diff_path, document_path, url_link, version_path
from . import backlinks as bl
from .backlinks import RELATION_LABELS, RELATION_ORDER, Backlink  # noqa: F401 - re-exported
from .html import HTML, doc_words, esc, notice
from .labels import t
from .links import rewrite_refs

@dataclass
class SiteOptions:
    site_url: str = "https://regkb.example.be/"
    sample_notice: dict[str, str] = field(default_factory=dict)


@dataclass
class PageCaches:
    """What the pages of one build compute once and share (both languages, every page). Small
    caches keep only the last few entries: the pages that need them are rendered one after the
    other."""

    backlinks_html: dict[tuple, str] = field(default_factory=dict)  # (doc id, lang, anchors) -> HTML
    backlink_groups: dict[str, bl.Groups] = field(default_factory=dict)  # doc id -> its complete list
    answers_by: dict[tuple[str, str], dict[str | None, list[Document]]] = field(default_factory=dict)  # (field, lang)
    topic_positions: dict[tuple[str, str], dict[str, int]] = field(default_factory=dict)  # (topic, lang)
    listing_rows: dict[tuple[str, object, str], list[Document]] = field(default_factory=dict)  # (group, key, lang)
    plain_texts: dict[tuple[str, str], tuple[object, list]] = field(default_factory=dict)  # (path, lang)
    side_by_side_cells: dict[tuple[str, str, str], str] = field(default_factory=dict)  # (text, lang, "") -> HTML
    # (doc id, version key, lang) -> each unit's HTML (pages/unithtml.py), for the build
    unit_html: dict[tuple[str, str, str], dict | None] = field(default_factory=dict)
    side_by_side_paths: dict[str, tuple[str, ...]] = field(default_factory=dict)  # doc id -> its long view's pages
    side_by_side_positions: dict[tuple[str, str], tuple[int, dict[str, int]]] = field(default_factory=dict)  # pages, article -> page
    # article pages (articlepage.py): the anchors that get a full page (doc id -> anchors), the
    # last few texts' article histories ((doc id, text lang) -> anchor -> events), and the gist
    # shown after each article in a long text's table of contents ((article text, lang) -> gist:
    # the same article text in two versions gives the same gist)
    full_pages: dict[str, set[str]] = field(default_factory=dict)
    article_histories: dict[tuple[str, str], dict[str, list[ArticleEvent]]] = field(default_factory=dict)
    article_gists: dict[tuple[str, str], str] = field(default_factory=dict)
    # a long text's table of contents on its version pages: (doc id, lang, folder) -> (unit key,
    # anchor, heading, its event's day) -> the entry's HTML (articlepage.chapter_toc)
    toc_entries: dict[tuple[str, str, str], dict[tuple, HTML]] = field(default_factory=dict)  # also ("ul", entry ids...) -> a chapter's list
    # a version page's timeline rows, shared by sibling version pages (document.timeline):
    # (doc id, lang, version key, the page's own version, link to the text's page) -> the row
    timeline_rows: dict[tuple, HTML] = field(default_factory=dict)


@dataclass
class SiteContext:
    corpus: Corpus
    today: dt.date
    options: SiteOptions = field(default_factory=SiteOptions)
    _backlinks: dict[str, list[Backlink]] | None = None
    _impacts: list[Impact] | None = None
    _impacts_by_source: dict[str, list[Impact]] = field(default_factory=dict)
    related_ids: dict[str, dict[str, list[str]]] = field(default_factory=dict)  # lang -> id -> ids (search)
    fragments: TextFragments = field(default_factory=TextFragments)  # texts converted once (see fragments.py)
    caches: PageCaches = field(default_factory=PageCaches, repr=False)

    @cached_property
    def agenda(self) -> Agenda:
        """The agenda of the build, shared by both languages, its page and its feeds."""
        return build_agenda(self.corpus, self.today)

    @cached_property
    def repeal_known(self) -> dict[str, dt.date]:
        """Document id -> when its repeal became known (core.agenda.repeal_known), for the feeds."""
        return repeal_known(self.corpus, self.today)

    @cached_property
    def regulation_list(self) -> list[Document]:
        """Laws and decrees (the kinds of the regulations section), the newest first."""
        return sorted(self.corpus.of_kind(*kinds_in_section("regulations")),
                      key=lambda d: (d.sort_date, d.id), reverse=True)

    @cached_property
    def listing_groups(self) -> dict[str, dict]:
        """Conventions by sector and circulars by year, in their listings' order (newest first):
        grouped and sorted once for all listing pages, not once per sector, year, page and
        language. Answers by topic and audience depend on the language: simple.answers_by."""
        groups: dict[str, dict] = {"sector": defaultdict(list), "year": defaultdict(list)}
        for d in self.corpus.of_kind(*kinds_in_section("conventions")):
            groups["sector"][d.sector].append(d)
        for d in self.corpus.of_kind(*kinds_in_section("circulars")):
            if d.date:
                groups["year"][d.date.year].append(d)
        for documents in groups["sector"].values():
            documents.sort(key=lambda d: (d.sort_date, d.id), reverse=True)
        for documents in groups["year"].values():
            documents.sort(key=lambda d: (d.date, d.id), reverse=True)
        return groups

    def listing_rows(self, group: str, key: object, lang: str) -> list[Document]:
        """A sector's conventions or a year's circulars in `lang`'s listing order: the newest
        first; on the same day by number (circulars: 2024/2 before 2024/10), then by title in
        that language, accents folded and numbers by value (core.collation). Once per group and
        language."""
        cache = self.caches.listing_rows
        if (group, key, lang) not in cache:
            documents = self.listing_groups[group].get(key, [])
            days: dict[object, list[Document]] = defaultdict(list)
            for document in documents:  # already newest first: each day's documents together
                days[document.sort_date if group == "sector" else document.date].append(document)
            cache[(group, key, lang)] = [d for same_day in days.values() for d in sorted(
                same_day, key=lambda d: (natural_key(d.number or ""), natural_key(d.short_title(lang)),
                                         natural_key(d.institution_name(lang)), d.id))]
        return cache[(group, key, lang)]

    @property
    def site_url(self) -> str:
        url = self.options.site_url or "/"
        return url if url.endswith("/") else url + "/"

    @property
    def references(self) -> ReferenceIndex:
        return self.corpus.references

    def links(self, markdown: str, lang: str, src: str, version: Version | None = None,
              document: Document | None = None, text_lang: str | None = None) -> str:
        """`ref:` links of a text of `document`'s `version` (None: an introduction) for page `src`
        of `lang`, their words in the text's language (`text_lang`, default `document`'s on
        that page): a French text shown on a Dutch page says "l'AR du ...", not "KB van ..."
        inside its lang="fr" block."""
        days = citing_days(self.references.acts, document.id if document else "", version, self.today)
        words = text_lang or (document.text_lang(lang) if document is not None else lang)
        return rewrite_refs(markdown, lang, src, self.corpus, self.today, days, words)

    def text_html(self, markdown: str, lang: str, src: str, version: Version | None = None,
                  document: Document | None = None, text_lang: str | None = None) -> str:
        """An author's Markdown as HTML, its `ref:` links resolved for page `src`."""
        return self.fragments.convert(self.links(markdown, lang, src, version, document, text_lang))

    def top_notices(self, document: Document, lang: str, path: str) -> list[str]:
        """Notices at the top of a document: missing translation, replaced circular."""
        out = []
        if not document.has_lang(lang):
            out.append(notice("warning", esc(t(lang, "missing_translation")), " data-regkb-missing-translation"))
        successor = self.replaced_by(document.id) if document.kind.spec.numbered else None
        if successor is not None:
            out += self._replaced_notices(successor, lang, path)
        return out

    def _replaced_notices(self, successor: Document, lang: str, path: str) -> list[str]:
        """"remplacée par …" from the day the replacement applies; before it, "sera remplacée par
        … à partir du …". Both are written with that day (the page script shows the one of the
        reader's day, like an answer's period), the build day's first."""
        link = f'<a href="{url_link(path, document_path(successor))}">{doc_words(successor, lang, successor.short_title(lang))}</a>'
        day = successor.versions[0].in_force if successor.versions else successor.date
        if day is None:
            return [notice("warning", t(lang, "replaced_by_banner", link=link), " data-regkb-replaced")]
        shown = "upcoming" if day > self.today else "in-force"
        texts = {"in-force": t(lang, "replaced_by_banner", link=link),
                 "upcoming": t(lang, "replaced_by_announced", link=link, date=esc(format_date(day, lang)))}
        out = []
        for when in sorted(texts, key=lambda w: w != shown):
            extra = (f' data-regkb-replaced="{when}" data-regkb-answer-when="{when}" data-from="{day.isoformat()}"'
                     f' data-repealed=""' + ("" if when == shown else " hidden data-pagefind-ignore"))
            if when == "upcoming" and day <= self.today:
                continue  # already replaced: no page shows the announcement again
            out.append(notice("warning", texts[when], extra))
        return out

    def impact_notes(self, document: Document, lang: str, path: str) -> list[str]:
        """Neutral notes on an answer or circular whose cited article changed since its review:
        what it relies on, as in force on which day, and since when a new version applies."""
        notes = []
        key = "answer_note" if document.kind.spec.is_answer else "circular_note"
        lead = t(lang, "relies_on_lead")
        for impact in self.impacts_of(document):
            cited, anchor = impact.target, impact.anchor
            current = cited.current(self.today)
            here = anchor if current is not None and any(anchor in x.article_map for x in current.texts.values()) else None
            label = link_text(Resolution(cited, None, anchor), Target(cited.id, None, anchor), lang, lead)
            ref = f'<a href="{url_link(path, document_path(cited), here or "")}">{esc(label)}</a>'
            text = t(lang, key, ref=ref, date=esc(format_date(impact.relied_on, lang)))
            changed = esc(format_date(impact.changed_on, lang))
            when = "_announced" if impact.announced else ""  # "à partir du …": true before and after the day
            if impact.changed_version is None:
                text += " " + t(lang, "impact_repealed" + when, changed=changed)
            else:
                diff = (f'<a href="{url_link(path, diff_path(cited, impact.changed_version))}">'
                        f'{esc(t(lang, "see_diff").lower())}</a>')
                text += " " + t(lang, "impact_changed" + when, changed=changed, diff=diff)
            data = f' data-regkb-impact="{esc(impact.what)}" data-regkb-impact-from="{impact.changed_on.isoformat()}"'
            notes.append(notice("note", text, data + (" data-regkb-impact-announced" if impact.announced else "")))
        return notes

    def related(self, document: Document, lang: str) -> list[Document]:
        """Related questions (same language), computed once per build by the search index."""
        ids = self.related_ids.get(lang, {}).get(document.id, [])
        return [d for d in map(self.corpus.get, ids) if d is not None and d.has_lang(lang)]

    # --- backlinks: built once for the whole corpus -----------------------------------------
    def backlink_index(self) -> dict[str, list[Backlink]]:
        """target id -> its typed backlinks, built in one pass and kept for both languages."""
        if self._backlinks is None:
            self._backlinks = bl.build_backlinks(self.corpus, self.references)
        return self._backlinks

    def replaced_by(self, doc_id: str) -> Document | None:
        return bl.replaced_by(self.corpus, self.backlink_index().get(doc_id, []))

    def backlinks(self, document: Document, lang: str, src: str, version: Version | None = None) -> str:
        """Typed backlinks of a document page; per article when a reference targets one.

        The section depends on the version shown only through its articles (their order, and
        which can be linked to): it is rendered once per document and article list, from the
        stable page, and moved one folder down for a version's page."""
        entries = self.backlink_index().get(document.id, [])
        if not entries:
            return ""
        stable_src = document_path(document) + "index.md"
        complete = self.backlink_groups(document)
        if version is None or src not in (stable_src, version_path(document, version) + "index.md"):
            return bl.render_backlinks(self.corpus, entries, lang, src, version, document, complete)
        shown = version.texts.get(lang) or next(iter(version.texts.values()), None)
        key = (document.id, lang, tuple(a.anchor for a in shown.articles) if shown is not None else ())
        cache = self.caches.backlinks_html
        html = cache.get(key)
        if html is None:
            if len(cache) >= 16:  # a document's pages are rendered one after the other
                cache.clear()
            html = cache[key] = bl.render_backlinks(self.corpus, entries, lang, stable_src, version, document, complete)
        return html if src == stable_src else one_folder_down(html)

    def backlink_groups(self, document: Document) -> bl.Groups:
        """The text's backlinks in the order of its complete list, for its pages and list pages
        (rendered one after the other: the last few texts' are kept)."""
        cache = self.caches.backlink_groups
        if document.id not in cache:
            if len(cache) >= 16:
                cache.clear()
            cache[document.id] = bl.backlink_rows(self.corpus, self.backlink_index().get(document.id, []))
        return cache[document.id]

    def article_marks(self, document: Document, version: Version, lang: str) -> dict[str, str]:
        """Anchor -> 'cited by N texts' link shown under each cited article of `version`."""
        return bl.article_marks(self.backlink_index().get(document.id, []), version, lang)

    # --- change impact: computed once for the whole corpus ----------------------------------
    @property
    def impacts(self) -> list[Impact]:
        """Every answer/circular whose cited article changed after its review (see core.impact)."""
        if self._impacts is None:
            self._impacts = find_impacts(self.corpus, self.references, self.today)
            by_source: dict[str, list[Impact]] = defaultdict(list)
            for impact in self._impacts:
                by_source[impact.source.id].append(impact)
            self._impacts_by_source = dict(by_source)
        return self._impacts

    def impacts_of(self, document: Document) -> list[Impact]:
        self.impacts  # noqa: B018 - computes the cache once
        return self._impacts_by_source.get(document.id, [])
