"""Pages of a versioned document: the stable page and one page per version (banners, the facts,
what changed, the 'as in force on' form, the text or, for a long text, its table of contents
(articlepage.py), the timeline of versions, page data and schema.org JSON-LD). Markup is built
with pages/html.py, so every source value is escaped unless marked as HTML."""

from __future__ import annotations

import datetime as dt
import json
from typing import Sequence

from ..core.articles import after_article_headings
from ..core.dates import format_date
from ..core.eli import document_eli
from ..core.model import Document, Status, Version
from ..core.urls import diff_path, document_path, lang_prefix, url_link, version_path
from .context import SiteContext
from .tables import scroll_box
from .facets import search_facets
from .fragments import one_folder_down
from .paging import ListingPage
from .html import HTML, badge, date_html, doc_words, element, marked_title, own_lang, heading, html_format, html_join, in_lang, json_script, notice, print_version, script_json
from .labels import t
from ..core.versionarticles import version_articles
from .unithtml import version_html
from .articlepage import heading_links, is_long, long_text, merge_marks, page_tools


def document_page(ctx: SiteContext, document: Document, version: Version | None, lang: str,
                  stable: bool) -> tuple[str, str, dict]:
    """(title, HTML, meta) of the stable page (stable=True) or of one version's page (`version`,
    else the one in force): the page body composed as final HTML, the version's text converted
    unit by unit once per version and language (ctx.fragments, unithtml.py)."""
    version = version or document.current(ctx.today)
    assert version is not None, "a document page is built for a document with a version"
    path = document_path(document) if stable else version_path(document, version)
    src = path + "index.md"
    text_lang = document.text_lang(lang)
    title = document.title(lang)
    parts: list[str] = [heading(1, in_lang(document, lang, html_format("{}", title)))]
    parts += ctx.top_notices(document, lang, path)
    parts.append(_banners(ctx, document, version, lang, path, stable))
    if not stable or len(document.versions) > 1:
        parts.append(_what_changed(document, version, lang, path))
    parts.append(_header(ctx, document, version, lang, path, stable))
    if len(document.versions) > 1:
        parts.append(_as_of_form(ctx, document, lang, path))
    intro = document.meta[text_lang].intro.strip()
    text = version.texts.get(text_lang) or next(iter(version.texts.values()))
    parts.append(page_tools(document, version, lang, path, stable))
    if is_long(document, version):  # a table of contents by chapter, the articles on their pages
        parts.append(long_text(ctx, document, version, lang, path, intro, stable))
    else:
        shared = version is document.current(ctx.today)
        # converted once for the stable page and the current version's page, links written from
        # the stable page (one folder up from a version's page), unit by unit (unithtml.py)
        html = ctx.fragments.html((document.id, version.key, lang),
                                  lambda: version_html(ctx, document, version, lang, intro), shared)
        marks = merge_marks(ctx.article_marks(document, version, lang), heading_links(ctx, document, version, lang))
        html = after_article_headings(html, marks)
        body = HTML(html if stable else one_folder_down(html))  # converted text: HTML
        parts.append(element("div", body, class_="regkb-text", lang=text.lang if text.lang != lang else None))
    parts.append(ctx.backlinks(document, lang, src, version))
    parts.append(timeline(ctx, document, lang, path, current=version))
    parts.append(json_script("regkb-doc", _page_data(ctx, document, version, path, stable)))
    title = (document.short_title(lang) if stable
             else f"{document.short_title(lang)} – {t(lang, 'version_of', date=format_date(version.in_force, lang))}")
    meta: dict[str, object] = {
        "title": title,
        "description": document.title(lang)[:300],
        "regkb_jsonld": legislation_jsonld(ctx, document, version, lang, path),
        "regkb_kind": document.kind.value,
        "regkb_index": "current" if stable else "version",
        "regkb_feed": {"href": "feed.xml" if stable else "../feed.xml", "title": document.short_title(lang)},
        "regkb_print": print_version(version, lang),
        **marked_title(title, document, lang, document.short_title(lang)),
    }
    if stable:
        meta["regkb_search"] = search_facets(ctx, document, lang)
    return title, "\n".join(p for p in parts if p), meta


def _header(ctx: SiteContext, document: Document, version: Version, lang: str, path: str, stable: bool) -> str:
    status = document.status(version, ctx.today)
    rows: list[tuple[str, object]] = []  # (label, value: text, or HTML kept as it is)
    rows.append((t(lang, "list_kind"), document.kind.label(lang)))
    if document.date and not document.kind.spec.has_term:
        rows.append((t(lang, "date_of_act"), date_html(document.date, lang)))
    if document.published and not document.kind.spec.has_term and document.published != version.published:
        rows.append((t(lang, "act_published"), date_html(document.published, lang)))
    if document.numac:
        rows.append((t(lang, "numac"), document.numac))
    eli = document_eli(document, lang)
    if eli:
        rows.append((t(lang, "eli"), element("a", eli, href=eli, rel="external")))
    if document.sector:
        rows.append((t(lang, "sector"), ctx.corpus.taxonomy.label("sectors", document.sector, lang)))
    if document.institution:
        rows.append((t(lang, "institution"), doc_words(document, lang, document.institution_name(lang))))
    if document.kind.spec.has_term:
        rows.append((t(lang, "start"), date_html(document.date, lang)))
        if document.last_day:
            rows.append((t(lang, "end"), date_html(document.last_day, lang)))
    elif document.repealed:
        rows.append((t(lang, "repeal_date"), date_html(document.repealed, lang)))
    label = version.texts.get(document.text_lang(lang))
    version_name: object = t(lang, "version_of", date=format_date(version.in_force, lang))
    if label is not None and label.label:
        version_name = html_format("{} ({})", version_name, doc_words(document, lang, label.label))
    state = badge(document, version, status, lang)
    rows.append((t(lang, "version"), html_format("{} {}", version_name, state)))
    period = date_html(version.in_force, lang)
    if version.end is not None:
        period = html_format("{}, {}{}", period, t(lang, "until", date=""), date_html(version.end - dt.timedelta(days=1), lang))
    rows.append((t(lang, "entry_into_force"), period))
    if version.signed:
        rows.append((t(lang, "signed"), date_html(version.signed, lang)))
    if version.published:
        published = date_html(version.published, lang)
        if version.retroactive:
            note = t(lang, "retroactive_note")
            published = html_format('{} <span class="regkb-retro" data-regkb-retroactive>({})</span>', published, note)
        rows.append((t(lang, "published"), published))
    amending = ctx.corpus.get(version.amended_by) if version.amended_by else None
    if amending:
        rows.append((t(lang, "amended_by"),
                     element("a", doc_words(amending, lang, amending.short_title(lang)),
                             href=url_link(path, document_path(amending)))))
    link = document_path(document) if not stable else version_path(document, version)
    rows.append((t(lang, "stable_link") if not stable else t(lang, "version_link"),
                 element("a", "/" + lang_prefix(lang) + link, href=url_link(path, link))))
    items = [html_format("<dt>{}</dt><dd>{}</dd>", k, v) for k, v in rows]
    return element("dl", items, class_="regkb-facts", data_pagefind_ignore=True)


def _banners(ctx: SiteContext, document: Document, version: Version, lang: str, path: str, stable: bool) -> str:
    """Every banner that can hold for this page, each marked with the status it belongs to
    (`data-regkb-when`); those that do not hold on the build day are `hidden`. The page script
    shows and hides them again on the reader's day, and adds 'a newer version is in force since'."""
    out: list[str] = []
    today = ctx.today

    def add(kind: str, when: str, body: HTML, extra: str = "") -> None:
        hidden = "" if _holds(document, version, when, today) else " hidden"
        out.append(notice(kind, body, html_format(' data-regkb-when="{}"{}{}', when, HTML(extra), HTML(hidden))))

    def current_link() -> HTML:
        return element("a", t(lang, "current_link"), href=url_link(path, document_path(document)))

    if document.repealed is not None:
        if document.kind.spec.has_term:
            assert document.last_day is not None, "a repealed document with a term has a last day"
            text = t(lang, "expired_banner", date=format_date(document.last_day, lang))
        else:
            text = t(lang, "repealed_banner", date=format_date(document.repealed, lang))
        add("warning", "repealed", html_format("{}", text))
    if not stable and version.end is not None and (document.repealed is None or version.end < document.repealed):
        end = format_date(version.end - dt.timedelta(days=1), lang)
        text = t(lang, "old_version_banner", start=format_date(version.in_force, lang), end=end)
        add("warning", "past", html_format("{} {}", text, current_link()))
    if version.in_force > today:
        link = HTML() if stable else html_format(" {}", current_link())
        add("info", "upcoming", html_format("{}{}", t(lang, "future_version_banner", date=format_date(version.in_force, lang)), link))
    following = document.next(version)
    if following is not None and following.in_force > today:
        add("info", "next", html_format("{} {} · {}", t(lang, "upcoming_banner", date=format_date(following.in_force, lang)),
                                        element("a", t(lang, "upcoming_link"), href=url_link(path, version_path(document, following))),
                                        element("a", t(lang, "see_diff"), href=url_link(path, diff_path(document, following)))),
            " data-regkb-upcoming")
    out.append('<div class="admonition warning regkb-notice" data-regkb-newer hidden><p></p></div>')
    return "\n".join(out)


def _holds(document: Document, version: Version, when: str, day: dt.date) -> bool:
    """Whether a banner of kind `when` applies on `day` (mirrored by regkb.js)."""
    status = document.status(version, day)
    if when == "next":
        following = document.next(version)
        return status is Status.IN_FORCE and following is not None and following.in_force > day
    return status.value == when


def _what_changed(document: Document, version: Version, lang: str, path: str) -> str:
    """The short summary each version page starts with: the author's one line, the articles
    added, changed or removed (each a link into the diff), and the link to the diff."""
    previous = document.previous(version)
    text = version.texts.get(document.text_lang(lang))
    if previous is None:
        body = element("p", t(lang, "what_changed_none"))
    else:
        diff = diff_path(document, version)
        summary = element("p", text.summary, lang=own_lang(document, lang)) if text is not None and text.summary else HTML()
        items: list[HTML] = []
        for status, articles in article_changes(document, version, lang).items():
            if articles:
                links = html_join(", ", (element("a", label, href=url_link(path, diff, anchor)) for anchor, label in articles))
                items.append(html_format("<li>{} {}</li>", t(lang, "articles_" + status), links))
        listing = element("ul", items, class_="regkb-changes-list") if items else HTML()
        body = html_format("{}{}<p>{}</p>", summary, listing,
                           element("a", t(lang, "see_diff"), href=url_link(path, diff), data_regkb_diff_link=True))
    return element("div", [heading(2, html_format("{}", t(lang, "what_changed")), "ce-qui-a-change"), body],
                   class_="regkb-changes")


def article_changes(document: Document, version: Version, lang: str) -> dict[str, list[tuple[str, str]]]:
    """Anchors and citation labels ('art. 7bis') of the articles `version` changes, adds, repeals
    and removes (core.versionarticles: the same list as the text's feed and the agenda)."""
    return version_articles(document, version, lang)


def _as_of_form(ctx: SiteContext, document: Document, lang: str, path: str) -> str:
    """'As in force on': a date field; the script goes to the version of that day, or says in
    the live region why there is none (before the first version, after the repeal, not a date).
    No `min`: the browser's own check would block the form before the site's message. Without
    JavaScript the form leads to the list of versions."""
    field_id = f"regkb-asof-{document.id}"
    after = ""
    if document.repealed is not None:
        convention = document.kind.spec.has_term
        last = document.last_day if convention else document.repealed
        assert last is not None, "a repealed document has a last day"
        end = format_date(last, lang)
        after = t(lang, "as_of_after_convention" if convention else "as_of_after", date="{date}", end=end)
    messages = {"none": t(lang, "as_of_none"), "invalid": t(lang, "as_of_invalid"),
                "before": t(lang, "as_of_before", date="{date}", first="{first}"), "after": after}
    data = html_join("", (html_format(' data-{}="{}"', key, value) for key, value in messages.items()))
    return html_format('<form class="regkb-asof" action="#versions" data-regkb-asof data-pagefind-ignore{data} novalidate>'
                       '<label for="{id}">{label}</label> '
                       '<input type="date" id="{id}" name="date" value="{today}" '
                       'aria-describedby="{id}-hint {id}-result"> '
                       '<button type="submit" class="md-button">{button}</button>'
                       '<span id="{id}-hint" class="regkb-hint">{hint}</span>'
                       '<output id="{id}-result" class="regkb-asof-result" aria-live="polite"></output></form>',
                       data=data, id=field_id, label=t(lang, "as_of_label"), today=ctx.today.isoformat(),
                       button=t(lang, "as_of_button"), hint=t(lang, "as_of_hint"))


TIMELINE_AROUND = 10  # versions listed before and after the one shown, on a version's page
STABLE_TIMELINE = 50  # versions the text's page lists in full; above, it lists the in-force one's
VERSIONS_LIST = "versions/"  # neighbours, and every version is on these pages, under the text's


def _timeline_window(document: Document, current: Version, path: str) -> Sequence[Version]:
    """The versions a page lists: on a version's page of a text of hundreds of versions, its
    neighbours (every version page listing every version would grow as versions²); on the text's
    page, all of them, or for a text amended more than STABLE_TIMELINE times, the neighbours of
    the version in force (its page grew by 0.7 kB a version: over 1,000 kB near 1,200 versions,
    and a reader on a phone wants the versions around today: the rest is on versions_pages)."""
    shown = document.versions
    stable = path == document_path(document)
    if (_many_versions(document) and not stable) or (stable and has_versions_list(document)):
        index = current.number - 1
        shown = shown[max(0, index - TIMELINE_AROUND):index + TIMELINE_AROUND + 1]
    return shown


def _many_versions(document: Document) -> bool:
    """More versions than a version's page lists: its pages list neighbours, versions.json all."""
    return len(document.versions) > TIMELINE_AROUND * 2 + 1


def has_versions_list(document: Document) -> bool:
    """Whether the text's every version is listed on pages of their own (VERSIONS_LIST)."""
    return len(document.versions) > STABLE_TIMELINE


def versions_list_path(document: Document) -> str:
    return document_path(document) + VERSIONS_LIST


def _timeline_row(ctx: SiteContext, document: Document, lang: str, path: str, version: Version,
                  current: Version | None) -> HTML:
    status = document.status(version, ctx.today)
    name: object = format_date(version.in_force, lang)
    text = version.texts.get(document.text_lang(lang))
    if text is not None and text.label:
        name = html_format("{} ({})", name, doc_words(document, lang, text.label))
    cell = element("a", name, href=url_link(path, version_path(document, version)),
                   aria_current="page" if version is current else None)
    end = date_html(version.end - dt.timedelta(days=1), lang) if version.end else "—"
    published = date_html(version.published, lang) if version.published else HTML("—")
    if version.retroactive:
        published = html_format('{} <span class="regkb-retro">({})</span>', published, t(lang, "retroactive"))
    changes = ("—" if document.previous(version) is None else
               html_format('<a href="{}">{}<span class="regkb-sr"> ({})</span></a>',
                           url_link(path, diff_path(document, version)), t(lang, "see_diff"), name))
    return html_format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                       cell, date_html(version.in_force, lang), end, published,
                       badge(document, version, status, lang), changes)


def timeline(ctx: SiteContext, document: Document, lang: str, path: str, current: Version | None) -> str:
    shown = _timeline_window(document, current, path) if current is not None else document.versions
    more = HTML()
    if len(shown) < len(document.versions):
        target = (url_link(path, versions_list_path(document)) if has_versions_list(document)
                  else url_link(path, document_path(document), "versions"))
        more = element("p", element("a", t(lang, "all_versions", count=len(document.versions)), href=target))
    return html_format("{}\n{}{}", heading(2, html_format("{}", t(lang, "versions")), "versions"),
                       _timeline_table(ctx, document, lang, path, list(reversed(shown)), current), more)


def _timeline_table(ctx: SiteContext, document: Document, lang: str, path: str, versions: Sequence[Version],
                    current: Version | None) -> HTML:
    """The rows of `versions` (as given: the latest first), on the page at `path`."""
    head = html_join("", (html_format('<th scope="col">{}</th>', t(lang, key))
                          for key in ("version", "from", "to", "published_short", "list_status", "changes")))
    rows: list[HTML] = []
    # A much-amended text's version pages list the same neighbours again and again: a row is
    # written once for the pages that link to it alike (the text's page, or its version pages,
    # siblings: the same relative links), so a page costs a lookup per row it shares.
    base = url_link(path, document_path(document))
    sibling = path != document_path(document) and path.rstrip("/").rpartition("/")[0] + "/" == document_path(document)
    cache = ctx.caches.timeline_rows
    if len(cache) > 4096:
        cache.clear()
    for version in versions:
        key = (document.id, lang, version.key, version is current, base) if sibling else None
        row = cache.get(key) if key is not None else None
        if row is None:
            row = _timeline_row(ctx, document, lang, path, version, current)
            if key is not None:
                cache[key] = row
        rows.append(row)
    return scroll_box(html_format('<div class="md-typeset__scrollwrap" data-pagefind-ignore><div class="md-typeset__table">'
                                  '<table class="regkb-timeline"><thead><tr>{}</tr></thead><tbody>{}</tbody></table></div></div>',
                                  head, html_join("", rows)), t(lang, "versions"))


def versions_page(ctx: SiteContext, document: Document, page: ListingPage, lang: str) -> tuple[HTML, str]:
    """(body, title) of a page of a much-amended text's list of every version, the latest first
    (LISTING_PAGE a page: a page's weight does not grow with the versions)."""
    versions = page.rows(list(reversed(document.versions)))
    back = element("p", element("a", doc_words(document, lang, document.short_title(lang)),
                                href=url_link(page.path, document_path(document))))
    table = _timeline_table(ctx, document, lang, page.path, versions, None)
    return html_format("{}{}", back, table), t(lang, "versions_page", title=document.short_title(lang))


def _page_data(ctx: SiteContext, document: Document, version: Version, path: str, stable: bool) -> dict:
    """Dates as data for the page script (statuses and banners on the reader's day, the "as in
    force on" form). A version's page of a much-amended text carries the versions around its own
    (the banners need the one shown and the next) and the address of the whole list, which the
    form reads when the day typed falls outside them: every version page listing every version
    would grow as versions²."""
    shown = _timeline_window(document, version, path)
    data = {
        "built": ctx.today.isoformat(),
        "stable": stable,
        "shown": version.key,
        "repealed": document.repealed.isoformat() if document.repealed else None,
        "versions": _version_rows(document, shown, path),
    }
    if len(shown) < len(document.versions):
        data["first"] = document.versions[0].in_force.isoformat()
        data["all"] = url_link(path, document_path(document)) + VERSION_LIST
    return data


VERSION_LIST = "versions.json"  # beside a much-amended text's page: every version's dates and address


def _version_rows(document: Document, versions: Sequence[Version], path: str) -> list[dict]:
    return [{"key": v.key, "from": v.in_force.isoformat(), "until": v.end.isoformat() if v.end else None,
             "url": url_link(path, version_path(document, v))} for v in versions]


def version_lists(ctx: SiteContext) -> dict[str, str]:
    """{neutral path: JSON}: the list of versions of each text whose version pages carry only
    their neighbours (see _page_data); addresses relative to the text's folder, where it is."""
    out = {}
    for document in sorted(ctx.corpus, key=lambda d: d.id):
        if document.kind.spec.versioned and _many_versions(document):
            path = document_path(document)
            out[path + VERSION_LIST] = json.dumps({"versions": _version_rows(document, document.versions, path)},
                                                  ensure_ascii=False, sort_keys=True)
    return out


def legislation_jsonld(ctx: SiteContext, document: Document, version: Version, lang: str, path: str) -> str:
    """schema.org Legislation for search engines."""
    status = document.status(version, ctx.today)
    force = {"in-force": "InForce", "upcoming": "NotInForce", "past": "NotInForce",
             "repealed": "NotInForce"}[status.value]
    base = ctx.site_url
    data: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "Legislation",
        "name": document.title(lang),
        "alternateName": document.short_title(lang),
        "legislationIdentifier": document.numac or document.id,
        "legislationType": document.kind.label(lang),
        "legislationJurisdiction": "BE",
        "inLanguage": document.text_lang(lang),
        "legislationLegalForce": f"https://schema.org/{force}",
        "legislationDateVersion": version.in_force.isoformat(),
        "url": base + lang_prefix(lang) + path,
    }
    if path == document_path(document):  # the work lists its versions; a version names its work
        data["workExample"] = [base + lang_prefix(lang) + version_path(document, v) for v in document.versions]
    else:  # (every version listing every version would cost versions² for a much-amended text)
        data["exampleOfWork"] = base + lang_prefix(lang) + document_path(document)
    eli = document_eli(document, lang)
    if eli:  # the official consolidated text (core/eli.py); the NUMAC stays an identifier
        data["legislationIdentifier"] = eli
        data["sameAs"] = eli
        if document.numac:
            data["identifier"] = document.numac
    if document.date:
        data["legislationDate"] = document.date.isoformat()
    if version.published:
        data["datePublished"] = version.published.isoformat()
    amending = ctx.corpus.get(version.amended_by) if version.amended_by else None
    if amending:
        data["legislationChanges"] = {"@type": "Legislation", "name": amending.title(lang),
                                      "url": base + lang_prefix(lang) + document_path(amending)}
    return script_json(data)
