"""Follow one text: an Atom feed per law, decree and convention (`<text URL>/feed.xml`, per
language): each version (published, or announced when it enters into force later), and the
repeal or end. Every value is XML-escaped where it is written; timestamps derive from the texts'
dates and the build day only (two builds of the same day are identical).
"""

from __future__ import annotations

import datetime as dt

from ..core.agenda import last_known, version_known
from ..core.dates import feed_instant, format_date
from ..core.model import Document
from ..core.urls import document_path, lang_prefix, version_path
from .context import SiteContext
from .xmltext import xml_attr, xml_text
from .feedarticles import article_lines, atom_articles
from .html import HTML, element
from ..catalogue import by_language

ATOM_NS = "http://www.w3.org/2005/Atom"
FEED = "feed.xml"
L = by_language("document_feed")  # catalogue/<lang>.yml


def feed_path(document: Document) -> str:
    return document_path(document) + FEED


def has_feed(document: Document) -> bool:
    return document.kind.spec.versioned and bool(document.versions) and bool(document.meta)


def feed_link(document: Document, lang: str, href: str) -> HTML:
    """The visible link on the text's page."""
    return element("a", L[lang]["link"], href=href, type="application/atom+xml")


def document_feeds(ctx: SiteContext, lang: str) -> dict[str, str]:
    """{neutral path: Atom text} of every text's feed."""
    return {feed_path(d): document_feed(ctx, d, lang) for d in sorted(ctx.corpus, key=lambda d: d.id) if has_feed(d)}


def _stamp(day: dt.date) -> str:
    return feed_instant(day)


def document_feed(ctx: SiteContext, document: Document, lang: str) -> str:
    today = ctx.today
    base = ctx.site_url + lang_prefix(lang)
    page = base + document_path(document)
    words = L[lang]
    entries: list[tuple[dt.date, str]] = []
    for version in document.versions:
        known = min(version_known(document, version, ctx.corpus, today), today)
        date = format_date(version.in_force, lang)
        if document.previous(version) is None:
            title = words["first"].format(date=date)
        elif version.in_force > today:
            title = words["announced"].format(date=date)
        else:
            title = words["version"].format(date=date)
        if version.retroactive and version.published:
            title += words["retroactive"].format(date=format_date(version.published, lang))
        text = version.texts.get(document.text_lang(lang)) or next(iter(version.texts.values()))
        amending = ctx.corpus.get(version.amended_by) if version.amended_by else None
        summary = " — ".join(part for part in (
            text.summary or text.label or "",
            words["amended_by"].format(act=amending.short_title(lang), id=amending.id) if amending else "",
            *article_lines(document, version, lang)) if part)
        url = base + version_path(document, version)
        lines = ["  <entry>", f"    <id>{xml_text(url)}</id>", f"    <title>{xml_text(title)}</title>",
                 f"    <updated>{_stamp(known)}</updated>",
                 f'    <link rel="alternate" type="text/html" href="{xml_attr(url)}"/>',
                 f'    <category term="{"announced" if version.in_force > today else "version"}"/>']
        if summary:
            lines.append(f'    <summary type="text">{xml_text(summary)}</summary>')
        lines += atom_articles(ctx, document, version, lang)
        lines.append("  </entry>")
        entries.append((known, "\n".join(lines)))
    if document.repealed is not None:
        key = "expired" if document.expires is not None else "repealed"
        day = document.expires if document.expires is not None else document.repealed  # the last day
        title = words[key].format(date=format_date(day, lang))
        # when the repeal was known (the repealing act, else the text's last dates): not the build
        # day, which changed the entry's `updated` on every build until the repeal
        known = min(ctx.repeal_known.get(document.id) or last_known(document, today) or document.repealed, today)
        lines = ["  <entry>", f"    <id>{xml_text(page + '#repeal')}</id>", f"    <title>{xml_text(title)}</title>",
                 f"    <updated>{_stamp(known)}</updated>",
                 f'    <link rel="alternate" type="text/html" href="{xml_attr(page)}"/>',
                 f'    <category term="{key}"/>', "  </entry>"]
        entries.append((known, "\n".join(lines)))
    entries.sort(key=lambda e: e[0], reverse=True)
    updated = max((e[0] for e in entries), default=today)
    head = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="{ATOM_NS}" xml:lang="{lang}">',
        f"  <id>{xml_text(base + feed_path(document))}</id>",
        f"  <title>{xml_text(words['feed'].format(doc=document.short_title(lang)))}</title>",
        f"  <subtitle>{xml_text(words['subtitle'].format(title=document.title(lang)))}</subtitle>",
        f"  <updated>{_stamp(updated)}</updated>",
        f'  <link rel="self" type="application/atom+xml" href="{xml_attr(base + feed_path(document))}"/>',
        f'  <link rel="alternate" type="text/html" href="{xml_attr(page)}"/>',
        f"  <author><name>regkb</name><uri>{xml_text(ctx.site_url)}</uri></author>",
        "  <generator>regkb</generator>",
    ]
    return "\n".join(head + [e[1] for e in entries] + ["</feed>"]) + "\n"
