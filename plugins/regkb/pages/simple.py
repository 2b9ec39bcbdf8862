"""Pages of documents with a single text: circulars and questions-and-answers."""

from __future__ import annotations

import datetime as dt

from ..core.collation import natural_key
from ..core.dates import format_date
from ..core.kinds import kinds_of_family
from ..core.model import Document, Status
from ..core.references import link_text
from ..core.urls import document_path, lang_prefix, url_link
from .links import resolution_path
from .context import SiteContext
from .facets import answer_period, search_facets
from .html import HTML, date_html, doc_words, element, marked_title, esc, heading, html_format, html_join, in_lang, items, link, notice, script_json
from .labels import t
from .paging import listing_path


def circular_page(ctx: SiteContext, document: Document, lang: str) -> tuple[str, str, dict]:
    path = document_path(document)
    src = path + "index.md"
    version = document.versions[0]
    text = version.texts.get(document.text_lang(lang)) or next(iter(version.texts.values()))
    taxonomy = ctx.corpus.taxonomy
    rows: list[tuple[str, object]] = [
        (t(lang, "number"), document.number or ""),
        (t(lang, "date"), date_html(document.date, lang)),
        (t(lang, "audience"), taxonomy.label("audiences", document.audience or "", lang)),
        (t(lang, "in_force_from", date="").strip(" :"), date_html(version.in_force, lang)),
    ]
    for relation, key in (("implements", "implements"), ("replaces", "replaces")):
        targets = [ctx.corpus.get(r.target.split("#")[0]) for r in document.relations if r.type == relation]
        links = [element("a", doc_words(d, lang, d.short_title(lang)), href=url_link(path, document_path(d))) for d in targets if d]
        if links:
            rows.append((t(lang, key), html_join(", ", links)))
    if document.reviewed:
        rows.append((t(lang, "reviewed"), date_html(document.reviewed, lang)))
    parts = [heading(1, in_lang(document, lang, esc(document.title(lang))))]
    parts += map(HTML, ctx.top_notices(document, lang, path))
    parts.append(_facts(rows))
    parts += map(HTML, ctx.impact_notes(document, lang, path))
    body = HTML(ctx.text_html(text.body, lang, src, version, document))  # the author's Markdown, converted
    parts.append(element("div", body, class_="regkb-text", lang=text.lang if text.lang != lang else None))
    parts.append(HTML(ctx.backlinks(document, lang, src, version)))
    meta: dict = {"title": document.short_title(lang), "description": document.title(lang)[:300],
            "regkb_kind": document.kind.value, "regkb_index": "current",
            "regkb_search": search_facets(ctx, document, lang),
            **marked_title(document.short_title(lang), document, lang, document.short_title(lang))}
    return meta["title"], html_join("\n", (p for p in parts if p)), meta


def _facts(rows: list[tuple[str, object]]) -> HTML:
    """A page's facts (label, value: text, or HTML such as a date or links) as a description list."""
    return element("dl", [html_join("", (element("dt", key), element("dd", value))) for key, value in rows],
                   class_="regkb-facts", data_pagefind_ignore=True)


def answer_page(ctx: SiteContext, document: Document, lang: str) -> tuple[str, str, dict]:
    path = document_path(document)
    src = path + "index.md"
    version = document.versions[0]
    text = version.texts.get(document.text_lang(lang)) or next(iter(version.texts.values()))
    taxonomy = ctx.corpus.taxonomy
    topics = html_join(", ", (
        element("a", taxonomy.label("topics", topic, lang),
                href=url_link(path, topic_page(ctx, topic, document, lang), document.id))
        for topic in document.topics))
    rows: list[tuple[str, object]] = [
        (t(lang, "audience"), element("a", taxonomy.label("audiences", document.audience or "", lang),
                                      href=url_link(path, f"faq/audience/{document.audience}/"))),
        (t(lang, "topics"), topics),
        (t(lang, "reviewed"), date_html(document.reviewed, lang)),
    ]
    parts = [heading(1, in_lang(document, lang, esc(document.title(lang))))]
    parts += map(HTML, ctx.top_notices(document, lang, path))
    parts.append(period_notice(document, lang, ctx.today))
    body = HTML(ctx.text_html(text.body, lang, src, version, document))  # the author's Markdown, converted
    parts.append(element("div", body, class_="regkb-text regkb-answer", lang=text.lang if text.lang != lang else None))
    parts += map(HTML, ctx.impact_notes(document, lang, path))
    relied = relied_on(ctx, document, lang, src)
    if relied:
        parts.append(HTML(heading(2, esc(t(lang, "relies_on")), "relies-on") + items(relied)))
    related = ctx.related(document, lang)
    if related:
        parts.append(HTML(heading(2, esc(t(lang, "related")), "related")
                          + items([link(src, document_path(q), q.title(lang)) for q in related])))
    parts.append(_facts(rows))
    parts.append(HTML(ctx.backlinks(document, lang, src, version)))
    jsonld = {
        "@context": "https://schema.org", "@type": "FAQPage", "inLanguage": text.lang,
        "url": ctx.site_url + lang_prefix(lang) + path,
        "dateModified": document.reviewed.isoformat() if document.reviewed else None,
        "mainEntity": [{"@type": "Question", "name": document.title(lang),
                        "acceptedAnswer": {"@type": "Answer", "text": plain_answer(ctx, text.body, lang)}}],
    }
    meta: dict = {"title": document.title(lang), "description": plain_answer(ctx, text.body, lang)[:200],
            "regkb_kind": "qa", "regkb_index": "current", "regkb_search": search_facets(ctx, document, lang),
            "regkb_jsonld": script_json(jsonld), **marked_title(document.title(lang), document, lang, document.title(lang))}
    return meta["title"], html_join("\n", (p for p in parts if p)), meta


def period_notice(document: Document, lang: str, today: dt.date) -> HTML:
    """A notice on an answer read outside its period (`valid_from`, `valid_until`): it is kept
    and found (readers look up the rules of a past year), but never mistaken for today's.

    The page is read on later days than it was built: each notice that can hold from the build day
    on is written with its dates (`data-regkb-answer-when`, `data-from`, `data-repealed`), hidden
    unless it holds on the build day, and the page script shows the one of the reader's day (an
    answer built while it applied still says it expired, once it has). The one shown on the build
    day carries `data-regkb-period`."""
    if not document.kind.spec.is_answer or not document.versions:
        return HTML()
    period = answer_period(document, today)
    first = document.versions[0].in_force
    start = format_date(first, lang)
    candidates: list[tuple[Status, str]] = []
    if first > today:
        candidates.append((Status.UPCOMING, t(lang, "answer_upcoming", start=start)))
    if document.repealed is not None:
        end = format_date(document.repealed - dt.timedelta(days=1), lang)
        candidates.append((Status.REPEALED, t(lang, "answer_expired", start=start, end=end)))
    notices = []
    for when, text in candidates:
        shown = when is period
        extra = html_format(' data-regkb-answer-when="{}" data-from="{}" data-repealed="{}"{}', when.value,
                            first.isoformat(), document.repealed.isoformat() if document.repealed else "",
                            HTML(f' data-regkb-period="{esc(when.value)}"' if shown else " hidden data-pagefind-ignore"))
        notices.append(notice("warning", esc(text), extra))
    return HTML("".join(notices))


def answers_by(ctx: SiteContext, field: str, lang: str) -> dict[str | None, list[Document]]:
    """Answers by topic (`field` "topics") or by audience ("audience"), each group in its
    listing's order (by question in `lang`): computed once a field and language."""
    cache = ctx.caches.answers_by
    if (field, lang) not in cache:
        groups: dict[str | None, list[Document]] = {}
        for document in ctx.corpus.of_kind(*kinds_of_family("answer")):
            values = dict.fromkeys(document.topics) if field == "topics" else [document.audience]
            for value in values:
                groups.setdefault(value, []).append(document)
        cache[(field, lang)] = {value: sorted(found, key=lambda d: (natural_key(d.title(lang)), d.id))
                                for value, found in groups.items()}
    return cache[(field, lang)]


def topic_page(ctx: SiteContext, topic: str, document: Document, lang: str) -> str:
    """The page of the topic's listing where `document` appears."""
    cache = ctx.caches.topic_positions
    key = (topic, lang)
    if key not in cache:
        cache[key] = {d.id: i for i, d in enumerate(answers_by(ctx, "topics", lang).get(topic, []))}
    return listing_path(f"faq/topic/{topic}/", cache[key].get(document.id, 0))


def relied_on(ctx: SiteContext, document: Document, lang: str, src: str) -> list[str]:
    """The texts an answer cites, as a list of links, in citation order, once each."""
    seen = set()
    found = []
    for reference in ctx.references.made_by(document.id):
        if reference.lang not in (lang, document.text_lang(lang)):
            continue
        key = str(reference.target)
        if key in seen:
            continue
        seen.add(key)
        resolution = ctx.references.resolution(reference)
        if resolution is None:
            continue
        label = link_text(resolution, reference.target, lang, "")  # a list item: capitalized
        found.append(link(src, resolution_path(resolution), label, reference.target.anchor or ""))
    return found


def plain_answer(ctx: SiteContext, body: str, lang: str) -> str:
    from .links import plain_refs

    return " ".join(plain_refs(body, lang, ctx.corpus, ctx.today).replace("*", "").split())
