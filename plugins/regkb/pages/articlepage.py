"""A page per article (`<text URL>/<anchor>/`): its text in force, every version where it changed
(date, amending act, retroactive mark, word diff), the texts that cite it, and "as in force on".

The history of all articles of a text is computed once per text and language (core.history); a
page converts only its article's text in force. Long texts (LONG_TEXT_CHARS) show, on their
document and version pages, a table of contents by chapter that leads here.
"""

from __future__ import annotations

import bisect
import datetime as dt

from ..core.consolidate import Unit, units_of
from ..core.dates import format_date
from ..core.diff import paragraphs, runs_to_html, with_context, word_diff
from ..core.history import ArticleEvent, article_histories, event_on
from ..core.headings import strip_trailing_attrs
from ..core.model import Document, Version
from ..core.urls import diff_path, document_path, url_link, version_path
from .context import SiteContext
from .fragments import one_folder_down
from ..core.legaltext import legal_markdown, restore_html
from .html import HTML, badge, date_html, doc_words, element, marked_title, esc, heading, html_format, html_join, in_lang, json_script, notice, print_version
from .labels import t
from .links import plain_refs
from ..catalogue import by_language, label as catalogue_label
from ..grammar import article_number, colon

# Above this many articles or this much Markdown, a text's document and version pages show a table
# of contents by chapter leading to the article pages instead of the whole text (bench/RESULTS.md,
# "Long texts": page weight and first paint on a phone). A law of a hundred-odd articles, even with
# Justel's notes (the real law of 1999: 123 articles, 599,000 characters, a page of 930 KB), stays
# whole: readers search it and print it as one text; above 600,000 characters the page would pass
# 1,000 KB (about 1.55 bytes of HTML a character with Justel's notes); the nomenclature (a
# thousand articles) gets the table of contents.
LONG_TEXT_ARTICLES = 300
# An article's history shows the word diff of its newest changes, each with its changed paragraphs
# and one around them (as the diff pages do); older changes are listed with links to their diff
# pages: the definitions article of the law of 1999, changed 50 times, made a page of 1 MB.
HISTORY_DIFFS = 20
LONG_TEXT_CHARS = 600_000
SIDE_BY_SIDE = "fr-nl/"

L = by_language("article_page")  # catalogue/<lang>.yml


def label(lang: str, key: str, **values: object) -> str:
    text = L[lang][key]
    return text.format(**values) if values else text


def article_path(document: Document, anchor: str) -> str:
    return f"{document_path(document)}{anchor}/"


def has_article_pages(document: Document) -> bool:
    return document.kind.spec.versioned and len(document.versions) > 0


def full_page_anchors(ctx: SiteContext, document: Document) -> set[str]:
    """The articles that get a full page: every article of a long text, and elsewhere those with
    a history (changed, inserted later, repealed or removed at least once). An article never
    changed in a short text is read in the whole text: its URL is a small static page that leads
    to its anchor there (`stub`), so that every `<text URL>/<anchor>/` answers, without a themed
    page per article of every text (three times the pages of the 2,000-page bench)."""
    cache = ctx.caches.full_pages
    if document.id in cache:
        return cache[document.id]
    if not has_article_pages(document):
        return set()
    long = is_long(document)
    found: set[str] = set()
    for lang in document.langs:
        for anchor, events in histories(ctx, document, lang).items():
            if long or len(events) > 1 or (events and events[0].version is not document.versions[0]):
                found.add(anchor)
    cache[document.id] = found
    return found




def stub(document: Document, anchor: str, lang: str) -> str:
    """A static page for an article without a history: it sends the reader to the article in the
    whole text (a refresh, and a link for those without it)."""
    target = f"../#{anchor}"
    name = short_name(anchor, lang).removeprefix("art. ")
    head = [element("meta", charset="utf-8"), element("meta", name="robots", content="noindex"),
            element("meta", http_equiv="refresh", content=f"0; url={target}"),
            element("link", rel="canonical", href=target),
            element("title", f"{document.short_title(lang)} – art. {name}")]
    link = element("a", catalogue_label(lang, "article_stub", name=name), id=anchor, href=target)
    page = element("html", [element("head", head), element("body", element("main", element("p", link)))], lang=lang)
    return f"<!doctype html>\n{page}\n"


def static_stubs(ctx: SiteContext, lang: str) -> dict[str, str]:
    """{neutral path: HTML} of the article URLs that have no full page."""
    out = {}
    for document in sorted(ctx.corpus, key=lambda d: d.id):
        if not has_article_pages(document) or not document.meta:
            continue
        full = full_page_anchors(ctx, document)
        for anchor in anchors(ctx, document):
            if anchor not in full:
                out[article_path(document, anchor) + "index.html"] = stub(document, anchor, lang)
    return out


def histories(ctx: SiteContext, document: Document, lang: str) -> dict[str, list[ArticleEvent]]:
    """A text's article histories in the language shown (computed once; a text's pages are
    rendered one after the other: the last few texts' are kept)."""
    cache = ctx.caches.article_histories
    key = (document.id, document.text_lang(lang))
    if key not in cache:
        if len(cache) >= 8:
            cache.clear()
        cache[key] = article_histories(document, document.text_lang(lang))
    return cache[key]


def anchors(ctx: SiteContext, document: Document) -> list[str]:
    """Every article anchor the text ever had (in either language), for the page plan."""
    seen: dict[str, None] = {}
    for lang in document.langs:
        for anchor in histories(ctx, document, lang):
            seen.setdefault(anchor, None)
    return list(seen)


def is_long(document: Document, version: Version | None = None) -> bool:
    version = version or (document.versions[-1] if document.versions else None)
    if version is None:
        return False
    text = next(iter(version.texts.values()), None)
    if text is None:
        return False
    return text.size > LONG_TEXT_CHARS or len(text.articles) > LONG_TEXT_ARTICLES


def article_name(anchor: str, events: list[ArticleEvent]) -> str:
    last = events[-1]
    article = last.new or last.old
    return article.heading.rstrip(". ") if article and article.heading else "Art. " + anchor.removeprefix("art-")


def short_name(anchor: str, lang: str) -> str:
    number = anchor.removeprefix("art-").replace("-", "/")
    return f"art. {article_number(number, lang)}"


def heading_links(ctx: SiteContext, document: Document, version: Version, lang: str) -> dict[str, str]:
    """Anchor -> the link to the article's page, placed under each article heading of a document
    or version page (written from the stable page)."""
    text = version.texts.get(document.text_lang(lang)) or next(iter(version.texts.values()))
    full = full_page_anchors(ctx, document)
    out: dict[str, str] = {}  # HTML values, typed str for the pages that merge them
    for article in text.articles:
        if article.anchor not in full:
            continue
        name = label(lang, "open", article=short_name(article.anchor, lang))
        out[article.anchor] = element("p", element("a", name, href=f"{article.anchor}/"),
                                      class_="regkb-article-link", data_pagefind_ignore=True)
    return out


def text_version(events: list[ArticleEvent], today: dt.date) -> Version | None:
    """The version whose whole text holds the article for a reader today: None for the stable
    page (the article is in force), else the next version that brings it (an announced article),
    else the last one that had it (a removed article)."""
    current = event_on(events, today)
    if current is not None and current.new is not None:
        return None
    later = next((e.version for e in events if e.version.in_force > today and e.new is not None), None)
    if later is not None:
        return later
    had = [e.version for e in events if e.new is not None]
    return had[-1] if had else None


def article_page(ctx: SiteContext, document: Document, anchor: str, lang: str) -> tuple[str, str, dict]:
    path = article_path(document, anchor)
    src = path + "index.md"
    text_lang = document.text_lang(lang)
    events = histories(ctx, document, lang).get(anchor, [])
    name = article_name(anchor, events) if events else short_name(anchor, lang)
    title = label(lang, "title", article=name, doc=document.short_title(lang))
    today = ctx.today
    current = event_on(events, today)
    own_lang = text_lang if text_lang != lang else None  # the text's language when it is the fallback
    # the text's name weighs less here than on the text's own page, so that a search for the text
    # (its title words) lists the text before its articles; the article's name keeps a title's weight
    text_name = element("span", in_lang(document, lang, esc(document.short_title(lang))), data_pagefind_weight="2")
    parts = [heading(1, html_format("{} – {}", name, text_name), anchor)]
    parts += map(HTML, ctx.top_notices(document, lang, path))
    parts.append(_coming_notice(document, events, current, today, lang))
    holder = text_version(events, today)
    whole = version_path(document, holder) if holder is not None else document_path(document)
    links = [element("a", label(lang, "whole_text", article=short_name(anchor, lang)), href=url_link(path, whole, anchor))]
    from .sidebyside import article_sbs_link, sbs_href

    side = article_sbs_link(ctx, document, anchor, holder)
    if side is not None:
        links.append(element("a", label(lang, "side_by_side"), href=sbs_href(path, side, lang, anchor)))
    parts.append(element("p", html_join(" · ", links), class_="regkb-article-nav", data_pagefind_ignore=True))
    # the text in force
    parts.append(heading(2, esc(label(lang, "in_force_text")), "in-force"))
    parts.append(_newer_notice(lang))
    shown = current.new if current is not None else None
    if current is not None and shown is not None and document.version_on(today) is not None:
        parts.append(element("p", _period(document, events, current, lang), class_="regkb-article-since"))
        html = HTML(_text_in_force(ctx, document, anchor, shown, lang, src))  # the author's text, converted
        parts.append(element("div", html, class_="regkb-text", lang=own_lang))
    else:
        parts.append(element("p", label(lang, "no_text")))
    if len(events) > 0:
        parts.append(_as_of_form(document, anchor, lang, events, today))
    # history, newest first
    count = len(events)
    parts.append(heading(2, esc(label(lang, "history")), "history"))
    parts.append(element("p", label(lang, "changes_one") if count == 1 else label(lang, "changes_count", count=count)))
    ins_label, del_label = t(lang, "diff_ins_marker"), t(lang, "diff_del_marker")
    for index in range(count - 1, -1, -1):
        if index == count - 1 - HISTORY_DIFFS:
            parts.append(element("p", label(lang, "older_changes", count=index + 1), class_="regkb-history-older"))
        shown_diff = index > count - 1 - HISTORY_DIFFS
        parts.append(_event(ctx, document, anchor, events[index], events, index, lang, path, ins_label, del_label,
                            shown_diff))
    parts.append(_cited(ctx, document, anchor, lang, path))
    parts.append(json_script("regkb-doc", _page_data(document, events, path, current, today)))
    meta = {
        "title": title,
        "description": f"{name} – {document.title(lang)}"[:300],
        "regkb_kind": document.kind.value,
        "regkb_index": "article",
        "regkb_feed": {"href": "../feed.xml", "title": document.short_title(lang)},
    }
    meta.update(marked_title(title, document, lang, document.short_title(lang), *([name] if events else [])))
    printed = holder or document.version_on(today)  # the version whose text the page shows
    if printed is not None:
        meta["regkb_print"] = print_version(printed, lang)
    if shown is not None:
        from .facets import search_facets

        facets = search_facets(ctx, document, lang)
        facets["meta"]["short"] = f"{short_name(anchor, lang)} – {document.short_title(lang)}"
        # the result's title said, not found: Pagefind reads a title with a weighted part (the
        # text's name above) with its marker, "Art. 3 – AR du 3 juillet 1996 ___END_PAGEFIND_WEIGHT___"
        facets["meta"]["title"] = title
        meta["regkb_search"] = facets
    return title, html_join("\n", (p for p in parts if p)), meta


def _text_in_force(ctx: SiteContext, document: Document, anchor: str, shown, lang: str, src: str) -> str:
    """The article's text in force: its unit as the stable page converted it (unithtml.py),
    moved one folder down; converted alone when the text is converted whole."""
    if not shown.text.strip():
        return ""
    version = document.current(ctx.today)
    if version is not None and document.text_lang(lang) == lang:
        from .unithtml import version_units, without_heading

        unit, html = (version_units(ctx, document, version, lang) or {}).get(anchor, (None, ""))
        if unit is not None and unit.article is not None and unit.article.text == shown.text:
            return one_folder_down(without_heading(html))
    own = document.text_lang(lang)  # a text without this language: its own words (links, notes)
    return restore_html(ctx.fragments.convert(legal_markdown(ctx.links(shown.text, lang, src, text_lang=own), own)), own)


def _period(document: Document, events: list[ArticleEvent], event: ArticleEvent, lang: str) -> HTML:
    index = events.index(event)
    following = events[index + 1].version.in_force if index + 1 < len(events) else document.repealed
    text = html_format("{}{}", label(lang, "article_from", start=""), date_html(event.version.in_force, lang))
    if following is not None:
        text = html_format("{}{}{}", text, label(lang, "article_until", end=""),
                           date_html(following - dt.timedelta(days=1), lang))
    return text


def _event(ctx: SiteContext, document: Document, anchor: str, event: ArticleEvent, events: list[ArticleEvent],
           index: int, lang: str, path: str, ins_label: str, del_label: str, shown_diff: bool = True) -> HTML:
    version = event.version
    status = document.status(version, ctx.today)
    name = label(lang, "version_of", date=format_date(version.in_force, lang))
    what = label(lang, "first") if index == 0 and event.status == "added" else label(lang, "event." + event.status)
    head = html_format("{} {}", name, element("span", what, class_="regkb-diff-tag"))
    rows = [element("li", html_format("{} {}", _period(document, events, event, lang),
                                      badge(document, version, status, lang)))]
    if version.published:
        published = html_format("{}{}{}", t(lang, "published"), colon(lang), date_html(version.published, lang))
        if version.retroactive:
            note = element("span", f'({t(lang, "retroactive_note")})', class_="regkb-retro", data_regkb_retroactive=True)
            published = html_format("{} {}", published, note)
        rows.append(element("li", published))
    amending = ctx.corpus.get(version.amended_by) if version.amended_by else None
    if amending is not None:
        rows.append(element("li", html_format("{} {}", t(lang, "amended_by"),
                                              element("a", doc_words(amending, lang, amending.short_title(lang)),
                                                      href=url_link(path, document_path(amending))))))
    links = []
    if event.new is not None:
        links.append(element("a", label(lang, "in_version"), href=url_link(path, version_path(document, version), anchor)))
    if document.previous(version) is not None:
        links.append(element("a", label(lang, "diff"), href=url_link(path, diff_path(document, version), anchor)))
    rows.append(element("li", html_join(" · ", links), data_pagefind_ignore=True))
    content = [heading(3, head, "h-" + version.key), element("ul", rows, class_="regkb-event-facts")]
    if shown_diff:
        text_lang = document.text_lang(lang)
        content.append(element("div", _event_diff(ctx, event, index, lang, ins_label, del_label),
                               class_="regkb-diff-article", lang=text_lang if text_lang != lang else None))
    return element("section", content,
                   class_=f"regkb-article-event regkb-diff--{event.status}", id=f"v-{version.key}",
                   aria_labelledby=f"h-{version.key}",
                   # the history repeats the article's words once per version: in the site search they
                   # weigh less than the text in force, or a much-amended article outranks its text
                   data_pagefind_weight="0.5")


def _event_diff(ctx: SiteContext, event: ArticleEvent, index: int, lang: str, ins_label: str, del_label: str) -> HTML:
    """The article as first written, or the word diff of a change: its changed paragraphs with
    one around each, the others counted (`core.diff.with_context`)."""
    old = plain_refs(event.old.text, lang, ctx.corpus, ctx.today) if event.old is not None else ""
    new = plain_refs(event.new.text, lang, ctx.corpus, ctx.today) if event.new is not None else ""
    if index == 0 and event.status == "added":
        return HTML(runs_to_html([("=", new)], ins_label, del_label))  # escaped by core.diff
    pieces: list[HTML] = []
    for item in with_context(paragraphs(word_diff(old, new))):
        if isinstance(item, int):
            pieces.append(element("p", t(lang, "diff_elided", count=item), class_="regkb-diff-elided"))
        else:
            pieces.append(HTML(runs_to_html(item, ins_label, del_label)))  # escaped by core.diff
    return html_join("\n", pieces)


def _cited(ctx: SiteContext, document: Document, anchor: str, lang: str, path: str) -> HTML:
    citing: dict[str, set[dt.date]] = {}
    for entry in ctx.backlink_index().get(document.id, []):
        if entry.anchor == anchor and entry.relation == "cites" and ctx.corpus.get(entry.source_id):
            dates = citing.setdefault(entry.source_id, set())
            if entry.on is not None:
                dates.add(entry.on)
    out = heading(2, esc(label(lang, "cited")), "cited-by")
    if not citing:
        return html_format("{}{}", out, element("p", label(lang, "not_cited")))
    items = []
    for source_id in sorted(citing):
        other = ctx.corpus[source_id]  # citing holds known texts only
        text = html_format("{} {}", element("a", in_lang(other, lang, esc(other.short_title(lang))),
                                            href=url_link(path, document_path(other))),
                           element("span", other.kind.label(lang), class_="regkb-kind-tag"))
        if citing[source_id]:
            joined = ", ".join(format_date(d, lang) for d in sorted(citing[source_id]))
            text = html_format("{} – {}", text, t(lang, "backlink_on", date=joined))
        items.append(element("li", text))
    return html_format("{}{}", out, element("ul", items, class_="regkb-backlinks", data_pagefind_ignore=True))


def _coming_notice(document: Document, events: list[ArticleEvent], current: ArticleEvent | None,
                   today: dt.date, lang: str) -> HTML:
    """An announced change of the article, said at the top: on a phone, the history entry that
    tells it is screens below. The page script hides it once that day has come in Brussels
    (regkb.js, `data-regkb-when="next"`: the text shown in force and the next one still to come),
    when the notice of `_newer_notice` takes over."""
    if current is None or document.version_on(today) is None:
        return HTML("")
    index = events.index(current)
    following = events[index + 1] if index + 1 < len(events) else None
    if following is None or following.status == "removed" or following.version.in_force <= today:
        return HTML("")
    day = format_date(following.version.in_force, lang)
    key = "coming_repeal" if following.status == "repealed" else "coming_change"
    body = html_format("{} {}", label(lang, key, date=day),
                       element("a", label(lang, "coming_link"), href=f"#v-{following.version.key}"))
    return HTML(notice("info", body, ' data-regkb-when="next" data-regkb-article-coming data-pagefind-ignore'))


def _newer_notice(lang: str) -> HTML:
    """The page shows the article's text in force on the build day, and is read later: the page
    script fills and shows this notice when another text of the article (or none) applies on the
    reader's day (regkb.js, from the periods of `_page_data`)."""
    return HTML(notice("warning", "", html_format(
        ' data-regkb-article-newer data-newer="{}" data-link="{}" data-ended="{}" hidden data-pagefind-ignore',
        label(lang, "newer", date="{date}"), label(lang, "newer_link"), label(lang, "ended", date="{date}"))))


def _as_of_form(document: Document, anchor: str, lang: str, events: list[ArticleEvent], today: dt.date) -> HTML:
    field_id = f"regkb-asof-{document.id}-{anchor}"
    first = events[0].version.in_force.isoformat()
    return element("form", [
        element("label", label(lang, "as_of"), for_=field_id), HTML(" "),
        element("input", type="date", id=field_id, name="date", min=first, value=today.isoformat(),
                aria_describedby=f"{field_id}-hint"), HTML(" "),
        element("button", label(lang, "show"), type="submit", class_="md-button"),
        element("span", label(lang, "as_of_hint"), id=f"{field_id}-hint", class_="regkb-hint"),
        element("output", class_="regkb-asof-result", aria_live="polite"),
    ], class_="regkb-asof", action="#history", data_regkb_asof=True, data_pagefind_ignore=True,
        novalidate=True, **_as_of_messages(document, lang))


def _as_of_messages(document: Document, lang: str) -> dict[str, str]:
    """What the page script says for a day it cannot show (the same cases as the text's form):
    a day before the article, after the text's repeal or end, not a full date. `novalidate`: the
    browser's own check of `min` would block the form before the site's message."""
    messages = {"data_none": label(lang, "as_of_none"), "data_invalid": label(lang, "as_of_invalid"),
                "data_before": label(lang, "as_of_before", date="{date}", first="{first}")}
    if document.repealed is not None and document.last_day is not None:
        convention = document.kind.spec.has_term
        last = document.last_day if convention else document.repealed
        messages["data_after"] = label(lang, "as_of_after_convention" if convention else "as_of_after",
                                       date="{date}", end=format_date(last, lang))
    return messages


def _page_data(document: Document, events: list[ArticleEvent], path: str, current: ArticleEvent | None,
               today: dt.date) -> dict:
    """The article's periods as data for the page script ('as in force on' goes to the history
    entry of that day; an article removed from the text ends there)."""
    periods = []
    for index, event in enumerate(events):
        following = events[index + 1].version.in_force if index + 1 < len(events) else None
        if event.status == "removed":
            continue
        periods.append({"key": event.version.key, "from": event.version.in_force.isoformat(),
                        "until": following.isoformat() if following else None, "url": f"#v-{event.version.key}"})
    return {"built": today.isoformat(), "stable": False, "shown": current.version.key if current else "",
            "repealed": document.repealed.isoformat() if document.repealed else None, "versions": periods}


# --- long texts: a table of contents by chapter --------------------------------------------------
def chapter_toc(ctx: SiteContext, document: Document, version: Version, lang: str, path: str,
                stable: bool = True) -> HTML:
    """The units of a long text as a nested list: headings as they stand, each article a link to
    its page (the text itself is behind those links): on a version's page, to the article's
    history entry that applies in that version."""
    text = version.texts.get(document.text_lang(lang)) or next(iter(version.texts.values()))
    history = histories(ctx, document, lang) if not stable else {}
    units: tuple[Unit, ...] = units_of(text)
    out: list[HTML] = []
    articles: list[HTML] = []  # the list being filled, between two headings
    gists = ctx.caches.article_gists  # an article's text is shared by versions
    up = "" if path == document_path(document) else "../"  # article pages sit beside versions
    # Each entry once: a text of hundreds of versions repeats nearly all of its entries from one
    # version's page to the next (an entry changes with its article's event), so a version's
    # table costs a lookup per article, not the markup of every article again.
    if len(ctx.caches.toc_entries) >= 8 and (document.id, lang, up) not in ctx.caches.toc_entries:
        ctx.caches.toc_entries.clear()  # a text's pages are rendered one after the other
    entries = ctx.caches.toc_entries.setdefault((document.id, lang, up), {}) if not stable else {}

    if not stable:
        out = _version_toc(document, version, lang, up, units, history, entries)
        return element("div", html_join("\n", out), class_="regkb-text regkb-long-toc")

    def close_list() -> None:
        if articles:
            out.append(element("ul", html_format("\n{}\n", html_join("\n", articles)), class_="regkb-article-toc"))
            articles.clear()

    for unit in units:
        article = unit.article
        if article is not None:
            name = _toc_name(unit, lang)
            key = (article.text, lang)
            gist = gists.get(key)
            if gist is None:
                gist = gists[key] = _gist(article.text, lang, ctx)
            entry = element("a", name, href=f"{up}{article.anchor}/")
            articles.append(element("li", html_format("{} – {}", entry, gist) if gist else entry, id=article.anchor))
        elif unit.key != "preamble":
            close_list()
            out.append(_toc_heading(unit))
    close_list()
    return element("div", html_join("\n", out), class_="regkb-text regkb-long-toc")


def _toc_heading(unit: Unit) -> HTML:
    line = unit.source.split("\n", 1)[0]
    level = min(max(len(line) - len(line.lstrip("#")), 2), 6)
    words = line.lstrip("#").strip()
    words = strip_trailing_attrs(words)
    return heading(level, esc(words), "toc-" + unit.key)


def _version_toc(document: Document, version: Version, lang: str, up: str, units: tuple[Unit, ...],
                 history: dict[str, list[ArticleEvent]], entries: dict) -> list[HTML]:
    """A version page's table of contents, a chapter at a time. A chapter (the articles between two
    headings) whose units are those of a chapter already written, the same objects (a partial
    version shares the units it does not change), is the same list if none of its articles has
    an event between the two versions' days (each entry links to the event in force on the day:
    `event_on` gives the same event on both days). A version then costs a lookup per chapter,
    the chapters it changed written again: the cost follows the change."""
    day = version.in_force
    out: list[HTML] = []
    group: list[Unit] = []

    def entry(unit: Unit) -> HTML:
        article = unit.article
        assert article is not None
        event = event_on(history.get(article.anchor, []), day) if history else None
        entry_key = (unit.key, article.anchor, article.heading, event.version.in_force if event else None)
        html = entries.get(entry_key)
        if html is None:
            target = f"{up}{article.anchor}/" + (f"#v-{event.version.key}" if event else "")
            html = entries[entry_key] = element("li", element("a", _toc_name(unit, lang), href=target), id=article.anchor)
        return html

    def close() -> None:
        if not group:
            return
        signature = ("chapter", *map(id, group))
        kept = entries.get(signature)
        if kept is not None:
            _units, days, written_on, html = kept
            low, high = min(written_on, day), max(written_on, day)
            after = bisect.bisect_right(days, low)
            if after == len(days) or days[after] > high:  # no event in (low, high]
                out.append(html)
                group.clear()
                return
        html = element("ul", html_format("\n{}\n", html_join("\n", [entry(unit) for unit in group])),
                       class_="regkb-article-toc")
        days = sorted({event.version.in_force for unit in group if unit.article is not None
                       for event in history.get(unit.article.anchor, [])})
        entries[signature] = (tuple(group), days, day, html)  # the units kept: their ids stay theirs
        out.append(html)
        group.clear()

    for unit in units:
        if unit.article is not None:
            group.append(unit)
        elif unit.key != "preamble":
            close()
            key = ("heading", id(unit))
            kept = entries.get(key)
            if kept is None:
                kept = entries[key] = (unit, _toc_heading(unit))
            out.append(kept[1])
    close()
    return out


def _toc_name(unit: Unit, lang: str) -> str:
    """An article's name in a table of contents: its title as written, else its number."""
    assert unit.article is not None
    return unit.article.heading.rstrip(". ") or short_name(unit.key, lang)


def _gist(text: str, lang: str, ctx: SiteContext, limit: int = 90) -> str:
    first = " ".join(text.split())[: limit * 2]
    first = plain_refs(first, lang, ctx.corpus, ctx.today) if "ref:" in first else first
    for mark in ("**", "*", "_", "[", "]"):
        first = first.replace(mark, "")
    return first if len(first) <= limit else first[:limit].rsplit(" ", 1)[0] + " …"


def merge_marks(*marks: dict[str, str]) -> dict[str, str]:
    """Blocks to place under article headings, from several sources, in order."""
    out: dict[str, str] = {}
    for block in marks:
        for anchor, html in block.items():
            out[anchor] = out.get(anchor, "") + html
    return out


def page_tools(document: Document, version: Version, lang: str, path: str, stable: bool) -> HTML:
    """Follow the text (Atom) and read it in both languages, on its document and version pages."""
    from .docfeed import feed_link, has_feed
    from .sidebyside import sbs_link

    links = []
    if has_feed(document):
        links.append(HTML(feed_link(document, lang, "feed.xml" if stable else "../feed.xml")))
    link = sbs_link(document, version, lang, path)
    if link:
        links.append(HTML(link))
    return element("p", html_join(" · ", links), class_="regkb-tools", data_pagefind_ignore=True) if links else HTML()


def long_text(ctx: SiteContext, document: Document, version: Version, lang: str, path: str, intro: str,
              stable: bool) -> HTML:
    """A long text's page: its introduction, then its chapters with a link to each article."""
    head = HTML(ctx.text_html(intro, lang, path + "index.md", text_lang=document.text_lang(lang))) if intro else HTML()
    return html_format("{}{}", head, chapter_toc(ctx, document, version, lang, path, stable))
