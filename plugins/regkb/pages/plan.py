"""The list of generated pages: every document, version and diff, and the listings.

Built once per build from the corpus; each page is rendered on demand in either language.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import partial
from typing import Callable

from ..core.collation import natural_key
from ..core.kinds import DEFAULT_LANG, kinds_in_section, sections
from ..core.model import Document
from ..core.urls import diff_path, document_path, version_path
from .agenda import agenda_page
from .context import SiteContext
from .diffpage import diff_page
from .document import document_page
from .html import HTML, date_html, doc_words, element, esc, heading, href, html_format, html_join, in_lang, items, link, own_lang
from .labels import t
from . import paging
from .backlinks import FULL_LIST, full_list, full_list_size
from .paging import ListingPage, listing_paths
from .tables import scroll_box
from .searchpage import search_page
from .simple import answer_page, answers_by, circular_page, plain_answer

Rendered = tuple[str, str, dict]  # title, HTML (the page body), meta


@dataclass(frozen=True)
class PageSpec:
    """One generated page: its neutral path ('regulations/x/') and how to render it."""

    path: str
    render: Callable[[str], Rendered]
    in_nav: bool = False

    @property
    def src_uri(self) -> str:
        return self.path + "index.md"


def build_plan(ctx: SiteContext) -> list[PageSpec]:
    pages: list[PageSpec] = []
    for document in sorted(ctx.corpus, key=lambda d: d.id):
        pages += _document_pages(ctx, document)
    pages += _listing_pages(ctx)
    return pages


def _document_pages(ctx: SiteContext, document: Document) -> list[PageSpec]:
    if not document.versions or not document.meta:
        return []
    return _versioned_pages(ctx, document) + _full_backlinks(ctx, document)


def _full_backlinks(ctx: SiteContext, document: Document) -> list[PageSpec]:
    """A much-cited text's complete list of backlinks (its pages show the first of each group)."""
    count = full_list_size(ctx.backlink_groups(document))
    if not count:
        return []
    return _paged(document_path(document) + FULL_LIST, count,
                  partial(_cited_by, ctx, document))


def _cited_by(ctx: SiteContext, document: Document, page: ListingPage, lang: str) -> Rendered:
    start = page.index * paging.LISTING_PAGE
    body = full_list(ctx.corpus, ctx.backlink_groups(document), lang, page.path + "index.md",
                     slice(start, start + paging.LISTING_PAGE))
    name = doc_words(document, lang, document.short_title(lang))
    back = element("p", href(page.path, document_path(document), name))
    title = t(lang, "backlinks_page", title=document.short_title(lang))
    listing = element("div", HTML(body), class_="regkb-backlinks", data_pagefind_ignore=True)  # built by full_list
    return _page(lang, title, "", html_format("{}{}", back, listing), page=page,
                 marked=(document.short_title(lang), name))


def _versioned_pages(ctx: SiteContext, document: Document) -> list[PageSpec]:
    return DOCUMENT_PAGES[document.kind.spec.family](ctx, document)


def _circular_pages(ctx: SiteContext, document: Document) -> list[PageSpec]:
    return [PageSpec(document_path(document), partial(circular_page, ctx, document))]


def _answer_pages(ctx: SiteContext, document: Document) -> list[PageSpec]:
    return [PageSpec(document_path(document), partial(answer_page, ctx, document))]


def _text_pages(ctx: SiteContext, document: Document) -> list[PageSpec]:
    """A law, decree or convention: its page, each version, each diff, its article pages."""
    pages = [PageSpec(document_path(document), partial(document_page, ctx, document, None, stable=True))]
    for version in document.versions:
        pages.append(PageSpec(version_path(document, version),
                              partial(document_page, ctx, document, version, stable=False)))
        if document.previous(version) is not None:
            pages.append(PageSpec(diff_path(document, version),
                                  partial(diff_page, ctx, document, version)))
    return pages + _versions_list(ctx, document) + _article_pages(ctx, document)


def _versions_list(ctx: SiteContext, document: Document) -> list[PageSpec]:
    """A much-amended text's every version (its page lists those around the one in force)."""
    from .document import has_versions_list, versions_list_path

    if not has_versions_list(document):
        return []
    return _paged(versions_list_path(document), len(document.versions), partial(_versions, ctx, document))


def _versions(ctx: SiteContext, document: Document, page: ListingPage, lang: str) -> Rendered:
    from .document import versions_page

    body, title = versions_page(ctx, document, page, lang)
    short = document.short_title(lang)
    return _page(lang, title, "", body, page=page, marked=(short, doc_words(document, lang, short)))


def _article_pages(ctx: SiteContext, document: Document) -> list[PageSpec]:
    """A page per article (with its history) and the FR ‖ NL views of each version."""
    from .articlepage import article_page, article_path, anchors, full_page_anchors, has_article_pages

    if not has_article_pages(document):
        return []
    full = full_page_anchors(ctx, document)  # the others: static pages leading to the whole text
    pages = [PageSpec(article_path(document, anchor), partial(article_page, ctx, document, anchor))
             for anchor in anchors(ctx, document) if anchor in full]
    return pages


# --- listings ----------------------------------------------------------------------------------
Listing = tuple[list[PageSpec], list[PageSpec]]  # a section's main page(s), then its group pages


def _listing_pages(ctx: SiteContext) -> list[PageSpec]:
    """Each section's listing (in the kind registry's order), the agenda and the search page,
    then each section's group pages (sectors, years, topics)."""
    main: list[PageSpec] = []
    groups: list[PageSpec] = []
    for section in sections():
        first, rest = LISTINGS[kinds_in_section(section)[0].spec.family](ctx, section)
        main += first
        groups += rest
    main += [PageSpec("agenda/", lambda lang: agenda_page(ctx, lang), in_nav=True), PageSpec("search/", search_page)]
    return main + groups


def _act_listing(ctx: SiteContext, section: str) -> Listing:
    return _paged(f"{section}/", len(ctx.regulation_list), lambda page, lang: _regulations(ctx, page, lang),
                  in_nav=True), []


def _convention_listing(ctx: SiteContext, section: str) -> Listing:
    groups = ctx.listing_groups
    pages: list[PageSpec] = []
    for sector in sorted(s for s in groups["sector"] if s):
        pages += _paged(f"{section}/{sector}/", len(groups["sector"].get(sector, [])),
                        partial(_sector, ctx, sector))
    return [PageSpec(f"{section}/", lambda lang: _conventions(ctx, lang), in_nav=True)], pages


def _circular_listing(ctx: SiteContext, section: str) -> Listing:
    groups = ctx.listing_groups
    pages: list[PageSpec] = []
    for year in sorted(groups["year"]):
        pages += _paged(f"{section}/{year}/", len(groups["year"].get(year, [])),
                        partial(_circular_year, ctx, year))
    return [PageSpec(f"{section}/", lambda lang: _circulars(ctx, lang), in_nav=True)], pages


def _answer_listing(ctx: SiteContext, section: str) -> Listing:
    pages: list[PageSpec] = []
    topics, audiences = answers_by(ctx, "topics", DEFAULT_LANG), answers_by(ctx, "audience", DEFAULT_LANG)
    for topic in sorted(tp for tp in topics if tp is not None):  # the same answers in every language, in another order
        pages += _paged(f"{section}/topic/{topic}/", len(topics[topic]),
                        partial(_faq_topic, ctx, topic))
    for audience in sorted(a for a in audiences if a):
        pages += _paged(f"{section}/audience/{audience}/", len(audiences[audience]),
                        partial(_faq_audience, ctx, audience))
    return [PageSpec(f"{section}/", lambda lang: _faq(ctx, lang), in_nav=True)], pages


def _paged(base: str, count: int, render: Callable[[ListingPage, str], Rendered],
           in_nav: bool = False) -> list[PageSpec]:
    """A listing of `count` rows as pages of LISTING_PAGE rows: `base`, then `base`page/2/..."""
    paths = listing_paths(base, count)
    return [PageSpec(paths[i], partial(render, ListingPage(paths, i)), in_nav=in_nav and i == 0)
            for i in range(len(paths))]


def _status_cell(ctx: SiteContext, document: Document, lang: str) -> HTML:
    from .html import badge

    version = document.current(ctx.today)
    return badge(document, version, document.status(version, ctx.today), lang) if version else HTML()


def _table(head: list[str], rows: list[list[object]], caption: str = "", label: str = "") -> HTML:
    """A listing's table: `head` and `caption` are text; each cell text, or HTML (a link, a date).
    `label` names its scrolling box (tables.py), the page's title: else its caption, its columns."""
    table = element("table", [
        element("caption", caption) if caption else HTML(),
        element("thead", element("tr", [element("th", h, scope="col") for h in head])),
        element("tbody", [element("tr", [element("td", cell) for cell in row]) for row in rows]),
    ], class_="regkb-list")
    return scroll_box(element("div", element("div", table, class_="md-typeset__table"), class_="md-typeset__scrollwrap"), label)


def _link(from_path: str, document: Document, lang: str, text: str | None = None) -> HTML:
    label = in_lang(document, lang, esc(text or document.short_title(lang)))
    anchor = href(from_path, document_path(document), label)
    if document.has_lang(lang):
        return anchor
    return html_format("{} {}", anchor, element("span", t(lang, "no_translation_badge"), class_="regkb-kind-tag"))


def _page(lang: str, title: str, intro: str, body: str, index: str = "listing",
          page: ListingPage | None = None, marked: tuple[str, HTML] | None = None) -> Rendered:
    """A listing page: `body` is HTML (built here), `title` and `intro` text. `marked`: a part
    of the title and its HTML (a text's title marked with its language, doc_words), in the h1."""
    content = HTML(body)
    if page is not None:
        title, content = page.title(lang, title), html_format("{}{}", content, HTML(page.pager(lang)))
        intro = intro if page.index == 0 else ""
    lead = html_format("{}\n", element("p", intro)) if intro else HTML()
    shown = esc(title)
    if marked is not None and marked[1] != esc(marked[0]) and esc(marked[0]) in shown:
        shown = shown.replace(esc(marked[0]), marked[1], 1)
    meta = {"title": title, "regkb_index": index}
    if shown != esc(title):  # the header shows the title with the same marks (partials/header.html)
        meta["regkb_title_html"] = shown
    return title, html_format("{}\n{}{}", heading(1, HTML(shown)), lead, content), meta


def _regulations(ctx: SiteContext, page: ListingPage, lang: str) -> Rendered:
    path = page.path
    rows: list[list[object]] = [
        [html_format("{}<br>{}", _link(path, d, lang), element("span", d.title(lang), class_="regkb-subtitle", lang=own_lang(d, lang))),
         d.kind.label(lang), date_html(d.date, lang), _status_cell(ctx, d, lang)]
            for d in page.rows(ctx.regulation_list)]
    table = _table([t(lang, "list_title"), t(lang, "list_kind"), t(lang, "list_date"), t(lang, "list_status")], rows,
                   label=t(lang, "section.regulations"))
    return _page(lang, t(lang, "section.regulations"), t(lang, "regulations_intro"), table, page=page)


def _conventions(ctx: SiteContext, lang: str) -> Rendered:
    path = "conventions/"
    counts: dict[str, int] = defaultdict(int)
    for document in ctx.corpus.of_kind(*kinds_in_section("conventions")):
        counts[document.sector or ""] += 1
    taxonomy = ctx.corpus.taxonomy
    sectors = sorted(counts, key=lambda s: natural_key(taxonomy.label("sectors", s, lang)))
    body = html_format("{}{}", heading(2, esc(t(lang, "by_sector"))), items(
        [html_format("{} ({})", href(path, f"conventions/{s}/", esc(taxonomy.label("sectors", s, lang))),
                     t(lang, "count_texts", count=counts[s])) for s in sectors if s]))
    return _page(lang, t(lang, "section.conventions"), t(lang, "conventions_intro"), body)


def _sector(ctx: SiteContext, sector: str, page: ListingPage, lang: str) -> Rendered:
    path = page.path
    documents = page.rows(ctx.listing_rows("sector", sector, lang))
    rows: list[list[object]] = [[_link(path, d, lang), doc_words(d, lang, d.institution_name(lang)), date_html(d.date, lang),
                                 date_html(d.last_day, lang) or "—", _status_cell(ctx, d, lang)] for d in documents]
    title = ctx.corpus.taxonomy.label("sectors", sector, lang)
    table = _table([t(lang, "list_title"), t(lang, "institution"), t(lang, "start"), t(lang, "end"),
                    t(lang, "list_status")], rows, label=title)
    return _page(lang, title, "", table, page=page)


def _circulars(ctx: SiteContext, lang: str) -> Rendered:
    path = "circulars/"
    counts: dict[int, int] = defaultdict(int)
    for document in ctx.corpus.of_kind(*kinds_in_section("circulars")):
        if document.date:
            counts[document.date.year] += 1
    body = html_format("{}{}", heading(2, esc(t(lang, "by_year"))), items(
        [html_format("{} ({})", href(path, f"circulars/{year}/", str(year)), t(lang, "count_texts", count=counts[year]))
         for year in sorted(counts, reverse=True)]))
    return _page(lang, t(lang, "section.circulars"), t(lang, "circulars_intro"), body)


def _circular_year(ctx: SiteContext, year: int, page: ListingPage, lang: str) -> Rendered:
    path = page.path
    documents = page.rows(ctx.listing_rows("year", year, lang))
    taxonomy = ctx.corpus.taxonomy
    rows: list[list[object]] = [[d.number or "", _link(path, d, lang, d.title(lang)),
                                 taxonomy.label("audiences", d.audience or "", lang), date_html(d.date, lang)]
                                for d in documents]
    table = _table([t(lang, "number"), t(lang, "list_title"), t(lang, "audience"), t(lang, "date")], rows,
                   label=t(lang, "circulars_year", year=year))
    return _page(lang, t(lang, "circulars_year", year=year), "", table, page=page)


def _faq(ctx: SiteContext, lang: str) -> Rendered:
    path = "faq/"
    answers = ctx.corpus.of_kind(*kinds_in_section("faq"))
    taxonomy = ctx.corpus.taxonomy
    topics: dict[str, int] = defaultdict(int)
    audiences: dict[str, int] = defaultdict(int)
    for document in answers:
        for topic in document.topics:
            topics[topic] += 1
        audiences[document.audience or ""] += 1
    by_topic = items([html_format("{} ({})", href(path, f"faq/topic/{s}/", esc(taxonomy.label("topics", s, lang))),
                                  topics[s])
                      for s in sorted(topics, key=lambda s: natural_key(taxonomy.label("topics", s, lang)))])
    by_audience = items([html_format("{} ({})", href(path, f"faq/audience/{s}/",
                                                     esc(taxonomy.label("audiences", s, lang))), audiences[s])
                         for s in sorted(audiences, key=lambda s: natural_key(taxonomy.label("audiences", s, lang))) if s])
    body = html_format("{}{}\n{}{}", heading(2, esc(t(lang, "by_topic"))), by_topic,
                       heading(2, esc(t(lang, "by_audience"))), by_audience)
    return _page(lang, t(lang, "section.faq"), t(lang, "faq_intro"), body)


def _questions(ctx: SiteContext, documents: list[Document], lang: str, page: ListingPage) -> HTML:
    """Each question under an anchor named after its id, with the start of its answer and a link
    to its page: each answer is converted once, on its own page, and the topic page stays light."""
    path = page.path
    out = []
    for document in page.rows(documents):
        text = document.versions[0].texts.get(document.text_lang(lang))
        if text is None:
            text = next(iter(document.versions[0].texts.values()))
        excerpt = _excerpt(plain_answer(ctx, text.body, lang))
        out.append(element("section", [element("h2", href(path, document_path(document), esc(document.title(lang)))),
                                       element("p", excerpt)],
                           class_="regkb-question", id=document.id, lang=text.lang if text.lang != lang else None))
    return html_join("\n", out)


def _excerpt(text: str, limit: int = 240) -> str:
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + " …"


def _faq_topic(ctx: SiteContext, topic: str, page: ListingPage, lang: str) -> Rendered:
    documents = answers_by(ctx, "topics", lang).get(topic, [])
    title = t(lang, "topic_page", topic=ctx.corpus.taxonomy.label("topics", topic, lang))
    return _page(lang, title, "", _questions(ctx, documents, lang, page), page=page)


def _faq_audience(ctx: SiteContext, audience: str, page: ListingPage, lang: str) -> Rendered:
    documents = page.rows(answers_by(ctx, "audience", lang).get(audience, []))
    listing = items([link(page.path + "index.md", document_path(d), doc_words(d, lang, d.title(lang))) for d in documents])
    title = t(lang, "audience_page", audience=ctx.corpus.taxonomy.label("audiences", audience, lang))
    return _page(lang, title, "", listing, page=page)


# --- per family: the pages of one document, the listing of a section ---------------------------
# A kind of an existing family needs nothing here; a new family adds its two functions (in its own
# module) and registers them with register_family.
DOCUMENT_PAGES: dict[str, Callable[[SiteContext, Document], list[PageSpec]]] = {
    "act": _text_pages, "convention": _text_pages, "circular": _circular_pages, "answer": _answer_pages,
}
LISTINGS: dict[str, Callable[[SiteContext, str], Listing]] = {
    "act": _act_listing, "convention": _convention_listing, "circular": _circular_listing, "answer": _answer_listing,
}


def register_family_pages(family: str, document_pages: Callable[[SiteContext, Document], list[PageSpec]],
                          listing: Callable[[SiteContext, str], Listing]) -> None:
    """The pages of a new family (core.kinds.register_family): a document's pages, and its
    section's listing (main pages, group pages)."""
    DOCUMENT_PAGES[family] = document_pages
    LISTINGS[family] = listing
