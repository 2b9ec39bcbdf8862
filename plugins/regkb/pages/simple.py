"""Pages of documents with a single text: circulars and questions-and-answers."""

from __future__ import annotations


from ..core.kinds import Kind
from ..core.model import Document
from ..core.references import link_text
from ..core.urls import document_path, lang_prefix, url_link
from .html import link
from .links import resolution_path
from .context import SiteContext
from .facets import search_facets
from .html import date_html, esc, heading, in_lang, items, script_json
from .labels import t
from .paging import listing_path


def circular_page(ctx: SiteContext, document: Document, lang: str) -> tuple[str, str, dict]:
    path = document_path(document)
    src = path + "index.md"
    version = document.versions[0]
    text = version.texts.get(document.text_lang(lang)) or next(iter(version.texts.values()))
    taxonomy = ctx.corpus.taxonomy
    rows = [
        (t(lang, "number"), esc(document.number or "")),
        (t(lang, "date"), date_html(document.date, lang)),
        (t(lang, "audience"), esc(taxonomy.label("audiences", document.audience or "", lang))),
        (t(lang, "in_force_from", date="").strip(" :"), date_html(version.in_force, lang)),
    ]
    for relation, key in (("implements", "implements"), ("replaces", "replaces")):
        targets = [ctx.corpus.get(r.target.split("#")[0]) for r in document.relations if r.type == relation]
        links = [f'<a href="{url_link(path, document_path(d))}">{esc(d.short_title(lang))}</a>' for d in targets if d]
        if links:
            rows.append((t(lang, key), ", ".join(links)))
    if document.reviewed:
        rows.append((t(lang, "reviewed"), date_html(document.reviewed, lang)))
    facts = "".join(f"<dt>{esc(k)}</dt><dd>{v}</dd>" for k, v in rows)
    lang_attr = f' lang="{text.lang}"' if text.lang != lang else ""
    parts = [heading(1, in_lang(document, lang, esc(document.title(lang))))]
    parts += ctx.top_notices(document, lang, path)
    parts.append(f'<dl class="regkb-facts" data-pagefind-ignore>{facts}</dl>')
    parts += ctx.impact_notes(document, lang, path)
    parts.append(f'<div class="regkb-text"{lang_attr}>{ctx.text_html(text.body, lang, src, version, document)}</div>')
    parts.append(ctx.backlinks(document, lang, src, version))
    meta: dict = {"title": document.short_title(lang), "description": document.title(lang)[:300],
            "regkb_kind": document.kind.value, "regkb_index": "current",
            "regkb_search": search_facets(ctx, document, lang)}
    return meta["title"], "\n".join(p for p in parts if p), meta


def answer_page(ctx: SiteContext, document: Document, lang: str) -> tuple[str, str, dict]:
    path = document_path(document)
    src = path + "index.md"
    version = document.versions[0]
    text = version.texts.get(document.text_lang(lang)) or next(iter(version.texts.values()))
    taxonomy = ctx.corpus.taxonomy
    topics = ", ".join(
        f'<a href="{url_link(path, topic_page(ctx, topic, document, lang), document.id)}">'
        f'{esc(taxonomy.label("topics", topic, lang))}</a>'
        for topic in document.topics)
    rows = [
        (t(lang, "audience"), f'<a href="{url_link(path, f"faq/audience/{document.audience}/")}">'
                              f'{esc(taxonomy.label("audiences", document.audience or "", lang))}</a>'),
        (t(lang, "topics"), topics),
        (t(lang, "reviewed"), date_html(document.reviewed, lang)),
    ]
    facts = "".join(f"<dt>{esc(k)}</dt><dd>{v}</dd>" for k, v in rows)
    lang_attr = f' lang="{text.lang}"' if text.lang != lang else ""
    parts = [heading(1, in_lang(document, lang, esc(document.title(lang))))]
    parts += ctx.top_notices(document, lang, path)
    parts.append(f'<div class="regkb-text regkb-answer"{lang_attr}>{ctx.text_html(text.body, lang, src, version, document)}</div>')
    parts += ctx.impact_notes(document, lang, path)
    relied = relied_on(ctx, document, lang, src)
    if relied:
        parts.append(heading(2, esc(t(lang, "relies_on")), "relies-on") + items(relied))
    related = ctx.related(document, lang)
    if related:
        parts.append(heading(2, esc(t(lang, "related")), "related")
                     + items([link(src, document_path(q), q.title(lang)) for q in related]))
    parts.append(f'<dl class="regkb-facts" data-pagefind-ignore>{facts}</dl>')
    parts.append(ctx.backlinks(document, lang, src, version))
    jsonld = {
        "@context": "https://schema.org", "@type": "FAQPage", "inLanguage": text.lang,
        "url": ctx.site_url + lang_prefix(lang) + path,
        "dateModified": document.reviewed.isoformat() if document.reviewed else None,
        "mainEntity": [{"@type": "Question", "name": document.title(lang),
                        "acceptedAnswer": {"@type": "Answer", "text": plain_answer(ctx, text.body, lang)}}],
    }
    meta: dict = {"title": document.title(lang), "description": plain_answer(ctx, text.body, lang)[:200],
            "regkb_kind": "qa", "regkb_index": "current", "regkb_search": search_facets(ctx, document, lang),
            "regkb_jsonld": script_json(jsonld)}
    return meta["title"], "\n".join(p for p in parts if p), meta


def answers_by(ctx: SiteContext, field: str, lang: str) -> dict[str | None, list[Document]]:
    """Answers by topic (`field` "topics") or by audience ("audience"), each group in its
    listing's order (by question in `lang`): computed once a field and language."""
    cache = ctx.caches.answers_by
    if (field, lang) not in cache:
        groups: dict[str | None, list[Document]] = {}
        for document in ctx.corpus.of_kind(Kind.QA):
            values = dict.fromkeys(document.topics) if field == "topics" else [document.audience]
            for value in values:
                groups.setdefault(value, []).append(document)
        cache[(field, lang)] = {value: sorted(found, key=lambda d: (d.title(lang), d.id))
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
