"""The list of generated pages: every document, version and diff, and the listings.

Built once per build from the corpus; each page is rendered on demand in either language.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Callable

from ..core.kinds import DEFAULT_LANG, Kind
from ..core.model import Document
from ..core.urls import diff_path, document_path, version_path
from .agenda import agenda_page
from .context import SiteContext
from .diffpage import diff_page
from .document import document_page
from .html import date_html, esc, heading, href, in_lang, items, link
from .labels import t
from . import paging
from .backlinks import FULL_LIST, full_list, full_list_size
from .paging import ListingPage, listing_paths
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
                  lambda page, lang, d=document: _cited_by(ctx, d, page, lang))


def _cited_by(ctx: SiteContext, document: Document, page: ListingPage, lang: str) -> Rendered:
    start = page.index * paging.LISTING_PAGE
    body = full_list(ctx.corpus, ctx.backlink_groups(document), lang, page.path + "index.md",
                     slice(start, start + paging.LISTING_PAGE))
    back = f'<p>{href(page.path, document_path(document), esc(document.short_title(lang)))}</p>'
    title = t(lang, "backlinks_page", title=document.short_title(lang))
    return _page(lang, title, "", back + f'<div class="regkb-backlinks" data-pagefind-ignore>{body}</div>', page=page)


def _versioned_pages(ctx: SiteContext, document: Document) -> list[PageSpec]:
    if document.kind is Kind.CIRCULAR:
        return [PageSpec(document_path(document), lambda lang, d=document: circular_page(ctx, d, lang))]
    if document.kind is Kind.QA:
        return [PageSpec(document_path(document), lambda lang, d=document: answer_page(ctx, d, lang))]
    pages = [PageSpec(document_path(document), lambda lang, d=document: document_page(ctx, d, None, lang, True))]
    for version in document.versions:
        pages.append(PageSpec(version_path(document, version),
                              lambda lang, d=document, v=version: document_page(ctx, d, v, lang, False)))
        if document.previous(version) is not None:
            pages.append(PageSpec(diff_path(document, version),
                                  lambda lang, d=document, v=version: diff_page(ctx, d, v, lang)))
    return pages + _article_pages(ctx, document)


def _article_pages(ctx: SiteContext, document: Document) -> list[PageSpec]:
    """A page per article (with its history) and the FR ‖ NL views of each version."""
    from .articlepage import article_page, article_path, anchors, full_page_anchors, has_article_pages

    if not has_article_pages(document):
        return []
    full = full_page_anchors(ctx, document)  # the others: static pages leading to the whole text
    pages = [PageSpec(article_path(document, anchor), lambda lang, d=document, a=anchor: article_page(ctx, d, a, lang))
             for anchor in anchors(ctx, document) if anchor in full]
    return pages


# --- listings ----------------------------------------------------------------------------------
def _listing_pages(ctx: SiteContext) -> list[PageSpec]:
    corpus = ctx.corpus
    groups = ctx.listing_groups
    pages = [
        *_paged("regulations/", len(ctx.regulation_list), lambda page, lang: _regulations(ctx, page, lang),
                in_nav=True),
        PageSpec("conventions/", lambda lang: _conventions(ctx, lang), in_nav=True),
        PageSpec("circulars/", lambda lang: _circulars(ctx, lang), in_nav=True),
        PageSpec("faq/", lambda lang: _faq(ctx, lang), in_nav=True),
        PageSpec("agenda/", lambda lang: agenda_page(ctx, lang), in_nav=True),
        PageSpec("search/", search_page),
    ]
    for sector in sorted({d.sector for d in corpus.of_kind(Kind.CONVENTION) if d.sector}):
        pages += _paged(f"conventions/{sector}/", len(groups["sector"].get(sector, [])),
                        lambda page, lang, s=sector: _sector(ctx, s, page, lang))
    for year in sorted({d.date.year for d in corpus.of_kind(Kind.CIRCULAR) if d.date}):
        pages += _paged(f"circulars/{year}/", len(groups["year"].get(year, [])),
                        lambda page, lang, y=year: _circular_year(ctx, y, page, lang))
    topics, audiences = answers_by(ctx, "topics", DEFAULT_LANG), answers_by(ctx, "audience", DEFAULT_LANG)
    for topic in sorted(topics):  # the same answers in every language, in another order
        pages += _paged(f"faq/topic/{topic}/", len(topics[topic]),
                        lambda page, lang, tp=topic: _faq_topic(ctx, tp, page, lang))
    for audience in sorted(a for a in audiences if a):
        pages += _paged(f"faq/audience/{audience}/", len(audiences[audience]),
                        lambda page, lang, a=audience: _faq_audience(ctx, a, page, lang))
    return pages


def _paged(base: str, count: int, render: Callable[[ListingPage, str], Rendered],
           in_nav: bool = False) -> list[PageSpec]:
    """A listing of `count` rows as pages of LISTING_PAGE rows: `base`, then `base`page/2/..."""
    paths = listing_paths(base, count)
    return [PageSpec(paths[i], lambda lang, page=ListingPage(paths, i): render(page, lang),  # noqa: B008 - one per page
                     in_nav=in_nav and i == 0)
            for i in range(len(paths))]


def _status_cell(ctx: SiteContext, document: Document, lang: str) -> str:
    from .html import badge

    version = document.current(ctx.today)
    return badge(document, version, document.status(version, ctx.today), lang) if version else ""


def _table(head: list[str], rows: list[list[str]], caption: str = "") -> str:
    cap = f"<caption>{esc(caption)}</caption>" if caption else ""
    thead = "".join(f'<th scope="col">{esc(h)}</th>' for h in head)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return (f'<div class="md-typeset__scrollwrap"><div class="md-typeset__table"><table class="regkb-list">{cap}'
            f"<thead><tr>{thead}</tr></thead><tbody>{body}</tbody></table></div></div>")


def _link(from_path: str, document: Document, lang: str, text: str | None = None) -> str:
    label = in_lang(document, lang, esc(text or document.short_title(lang)))
    missing = "" if document.has_lang(lang) else f' <span class="regkb-kind-tag">{esc(t(lang, "no_translation_badge"))}</span>'
    return href(from_path, document_path(document), label) + missing


def _page(lang: str, title: str, intro: str, body: str, index: str = "listing",
          page: ListingPage | None = None) -> Rendered:
    if page is not None:
        title, body = page.title(lang, title), body + page.pager(lang)
        intro = intro if page.index == 0 else ""
    lead = f"<p>{esc(intro)}</p>\n" if intro else ""
    return title, f"{heading(1, esc(title))}\n{lead}{body}", {"title": title, "regkb_index": index}


def _regulations(ctx: SiteContext, page: ListingPage, lang: str) -> Rendered:
    path = page.path
    rows = [[_link(path, d, lang) + f'<br><span class="regkb-subtitle">{esc(d.title(lang))}</span>',
             esc(d.kind.label(lang)), date_html(d.date, lang), _status_cell(ctx, d, lang)]
            for d in page.rows(ctx.regulation_list)]
    table = _table([t(lang, "list_title"), t(lang, "list_kind"), t(lang, "list_date"), t(lang, "list_status")], rows)
    return _page(lang, t(lang, "section.regulations"), t(lang, "regulations_intro"), table, page=page)


def _conventions(ctx: SiteContext, lang: str) -> Rendered:
    path = "conventions/"
    counts: dict[str, int] = defaultdict(int)
    for document in ctx.corpus.of_kind(Kind.CONVENTION):
        counts[document.sector or ""] += 1
    taxonomy = ctx.corpus.taxonomy
    sectors = sorted(counts, key=lambda s: taxonomy.label("sectors", s, lang))
    body = heading(2, esc(t(lang, "by_sector"))) + items(
        [f"{href(path, f'conventions/{s}/', esc(taxonomy.label('sectors', s, lang)))} "
         f"({esc(t(lang, 'count_texts', count=counts[s]))})" for s in sectors if s])
    return _page(lang, t(lang, "section.conventions"), t(lang, "conventions_intro"), body)


def _sector(ctx: SiteContext, sector: str, page: ListingPage, lang: str) -> Rendered:
    path = page.path
    documents = page.rows(ctx.listing_groups["sector"].get(sector, []))
    rows = [[_link(path, d, lang), esc(d.institution_name(lang)), date_html(d.date, lang),
             date_html(d.last_day, lang) or "—", _status_cell(ctx, d, lang)] for d in documents]
    table = _table([t(lang, "list_title"), t(lang, "institution"), t(lang, "start"), t(lang, "end"),
                    t(lang, "list_status")], rows)
    title = ctx.corpus.taxonomy.label("sectors", sector, lang)
    return _page(lang, title, "", table, page=page)


def _circulars(ctx: SiteContext, lang: str) -> Rendered:
    path = "circulars/"
    counts: dict[int, int] = defaultdict(int)
    for document in ctx.corpus.of_kind(Kind.CIRCULAR):
        if document.date:
            counts[document.date.year] += 1
    body = heading(2, esc(t(lang, "by_year"))) + items(
        [f"{href(path, f'circulars/{year}/', str(year))} ({esc(t(lang, 'count_texts', count=counts[year]))})"
         for year in sorted(counts, reverse=True)])
    return _page(lang, t(lang, "section.circulars"), t(lang, "circulars_intro"), body)


def _circular_year(ctx: SiteContext, year: int, page: ListingPage, lang: str) -> Rendered:
    path = page.path
    documents = page.rows(ctx.listing_groups["year"].get(year, []))
    taxonomy = ctx.corpus.taxonomy
    rows = [[esc(d.number or ""), _link(path, d, lang, d.title(lang)),
             esc(taxonomy.label("audiences", d.audience or "", lang)), date_html(d.date, lang)] for d in documents]
    table = _table([t(lang, "number"), t(lang, "list_title"), t(lang, "audience"), t(lang, "date")], rows)
    return _page(lang, t(lang, "circulars_year", year=year), "", table, page=page)


def _faq(ctx: SiteContext, lang: str) -> Rendered:
    path = "faq/"
    answers = ctx.corpus.of_kind(Kind.QA)
    taxonomy = ctx.corpus.taxonomy
    topics: dict[str, int] = defaultdict(int)
    audiences: dict[str, int] = defaultdict(int)
    for document in answers:
        for topic in document.topics:
            topics[topic] += 1
        audiences[document.audience or ""] += 1
    body = heading(2, esc(t(lang, "by_topic"))) + items(
        [f"{href(path, f'faq/topic/{s}/', esc(taxonomy.label('topics', s, lang)))} ({topics[s]})"
         for s in sorted(topics, key=lambda s: taxonomy.label("topics", s, lang))])
    body += "\n" + heading(2, esc(t(lang, "by_audience"))) + items(
        [f"{href(path, f'faq/audience/{s}/', esc(taxonomy.label('audiences', s, lang)))} ({audiences[s]})"
         for s in sorted(audiences, key=lambda s: taxonomy.label("audiences", s, lang)) if s])
    return _page(lang, t(lang, "section.faq"), t(lang, "faq_intro"), body)


def _questions(ctx: SiteContext, documents: list[Document], lang: str, page: ListingPage) -> str:
    """Each question under an anchor named after its id, with the start of its answer and a link
    to its page: each answer is converted once, on its own page, and the topic page stays light."""
    path = page.path
    out = []
    for document in page.rows(documents):
        text = document.versions[0].texts.get(document.text_lang(lang))
        if text is None:
            text = next(iter(document.versions[0].texts.values()))
        lang_attr = f' lang="{text.lang}"' if text.lang != lang else ""
        excerpt = _excerpt(plain_answer(ctx, text.body, lang))
        out.append(f'<section class="regkb-question" id="{document.id}"{lang_attr}><h2>'
                   f'{href(path, document_path(document), esc(document.title(lang)))}</h2>'
                   f"<p>{esc(excerpt)}</p></section>")
    return "\n".join(out)


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
    listing = items([link(page.path + "index.md", document_path(d), d.title(lang)) for d in documents])
    title = t(lang, "audience_page", audience=ctx.corpus.taxonomy.label("audiences", audience, lang))
    return _page(lang, title, "", listing, page=page)
