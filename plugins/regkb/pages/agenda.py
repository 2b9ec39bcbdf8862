"""The agenda page: entries into force of the next twelve months and of the last three, and the
new circulars, grouped by month, in each language. The feeds (feeds.py) reuse its wording."""

from __future__ import annotations

from ..core.agenda import AgendaEntry, EventKind
from ..core.dates import format_date
from ..grammar import month_names
from ..core.urls import diff_path, document_path, lang_prefix, url_link, version_path
from .context import SiteContext
from .feedarticles import article_lines
from .html import HTML, badge, date_html, doc_words, element, esc, heading, html_format, html_join, own_lang
from ..catalogue import by_language

PATH = "agenda/"
FEED = "agenda/feed.xml"
CALENDAR = "agenda/agenda.ics"

LABELS = by_language("agenda")  # catalogue/<lang>.yml, section agenda


def label(lang: str, key: str, **values: object) -> str:
    text = LABELS[lang][key]
    return text.format(**values) if values else text


# --- wording shared with the feeds --------------------------------------------------------------
def entry_what(entry: AgendaEntry, lang: str, words=str) -> str:
    """What happens: 'Entrée en vigueur d'une nouvelle version', 'Nouvelle circulaire'...
    `words` writes the document's own words (its version's label) for the page (_item)."""
    version = entry.version
    if entry.kind == EventKind.VERSION and version is not None:
        text = version.texts.get(entry.document.text_lang(lang))
        if text is not None and text.label:
            if words is str:
                return label(lang, "label_in_force", label=text.label)
            before, _, after = LABELS[lang]["label_in_force"].partition("{label}")
            return HTML(esc(before) + words(text.label) + esc(after))
    return label(lang, entry.kind)


def entry_title(entry: AgendaEntry, lang: str) -> str:
    """One line for a feed entry or a calendar event: '<short title> – <what happens>'."""
    return f"{entry.document.short_title(lang)} – {entry_what(entry, lang)}"


def entry_details(entry: AgendaEntry, lang: str) -> list[str]:
    """Plain-text facts under the title: retroactivity, circular's date of application, summary,
    amending act, the articles a version changes."""
    return [text for text, _own in marked_details(entry, lang)]


def marked_details(entry: AgendaEntry, lang: str, html: bool = False) -> list[tuple[str, bool]]:
    """entry_details, each line with True when it is in the document's own words (its summary,
    its title: in French on a Dutch page when it has no Dutch text); with `html`, the amending
    act's name is marked the same way inside its line (HTML)."""
    out: list[tuple[str, bool]] = []
    version = entry.version
    if entry.kind in (EventKind.IN_FORCE, EventKind.VERSION, EventKind.START) and version is not None:
        if version.retroactive and version.published is not None:
            out.append((label(lang, "retroactive", date=format_date(version.published, lang)), False))
        text = version.texts.get(entry.document.text_lang(lang))
        if text is not None and text.summary:
            out.append((text.summary, True))
        if entry.amending is not None:
            act = entry.amending.short_title(lang)
            line = label(lang, "amended_by", act=act, id=entry.amending.id)
            if html and own_lang(entry.amending, lang):
                before, _, after = LABELS[lang]["amended_by"].partition("{act}")
                ident = entry.amending.id
                line = HTML(esc(before.format(id=ident)) + doc_words(entry.amending, lang, act) + esc(after.format(id=ident)))
            out.append((line, False))
        if entry.kind == EventKind.VERSION:  # which articles: what a billing firm must update
            out += [(line, False) for line in article_lines(entry.document, version, lang)]
    if entry.kind == EventKind.CIRCULAR and version is not None and version.in_force != entry.day:
        out.append((label(lang, "circular_in_force", date=format_date(version.in_force, lang)), False))
    if not out or entry.kind == EventKind.CIRCULAR:
        out.append((entry.document.title(lang), True))
    return out


def entry_path(entry: AgendaEntry) -> str:
    """The page an entry leads to: the version entering into force, else the document."""
    if entry.kind in (EventKind.IN_FORCE, EventKind.VERSION, EventKind.START) and entry.version is not None:
        return version_path(entry.document, entry.version)
    return document_path(entry.document)


def entry_url(ctx: SiteContext, entry: AgendaEntry, lang: str) -> str:
    return ctx.site_url + lang_prefix(lang) + entry_path(entry)


# --- the page -----------------------------------------------------------------------------------
def agenda_page(ctx: SiteContext, lang: str) -> tuple[str, str, dict]:
    agenda = ctx.agenda  # computed once a build
    title = label(lang, "title")
    feed_url = ctx.site_url + lang_prefix(lang) + FEED
    subscribe = html_format('{} {} · {}', label(lang, "subscribe"),
                            element("a", label(lang, "feed"), href=url_link(PATH, FEED), type="application/atom+xml"),
                            element("a", label(lang, "calendar"), href=url_link(PATH, CALENDAR), type="text/calendar"))
    parts = [heading(1, esc(title)),
             element("p", label(lang, "intro", date=format_date(ctx.today, lang))),
             element("p", subscribe, class_="regkb-subscribe"),
             heading(2, esc(label(lang, "coming")), "coming"),
             _months(ctx, agenda.coming, lang, "coming"),
             heading(2, esc(label(lang, "recent")), "recent"),
             _months(ctx, agenda.recent, lang, "recent")]
    meta = {"title": title, "regkb_index": "listing",
            "description": label(lang, "intro", date=format_date(ctx.today, lang))[:300],
            "regkb_feed": {"href": feed_url, "title": label(lang, "feed_title")}}
    return title, html_join("\n", parts), meta


def _months(ctx: SiteContext, entries: list[AgendaEntry], lang: str, section: str) -> HTML:
    """The entries of one section ("coming" or "recent") under their months (ids `<section>-YYYY-MM`:
    a month can have entries in both). The page is read on later days than it was built: the page
    script (regkb.js) moves the entries of "coming" whose day has passed to "recent", so the
    empty-section sentence is always written, hidden while the section has entries."""
    empty = {"hidden": True} if entries else {}
    out: list[HTML] = [element("p", label(lang, f"none_{section}"), class_="regkb-agenda-empty", **empty)]
    month = None
    items: list[HTML] = []

    def flush() -> None:
        if month is not None:
            name = f"{month_names(lang)[month[1] - 1].capitalize()} {month[0]}"
            out.append(html_format('{}{}', element("h3", name, id=f"{section}-{month[0]}-{month[1]:02d}"),
                                   element("ul", items, class_="regkb-agenda")))

    for entry in entries:
        key = (entry.day.year, entry.day.month)
        if key != month:
            flush()
            month, items = key, []
        items.append(_item(ctx, entry, lang))
    flush()
    return html_join("\n", out)


def _item(ctx: SiteContext, entry: AgendaEntry, lang: str) -> HTML:
    document = entry.document
    target = entry_path(entry)
    links = [element("a", doc_words(document, lang, document.short_title(lang)), href=url_link(PATH, target))]
    if entry.has_diff and entry.version is not None:
        links.append(element("a", label(lang, "diff"), href=url_link(PATH, diff_path(document, entry.version))))
    state = HTML()
    if entry.version is not None and entry.kind != EventKind.CIRCULAR:
        state = HTML(" " + badge(document, entry.version, document.status(entry.version, ctx.today), lang))
    own = own_lang(document, lang)  # its title and summary in French on a Dutch page: marked
    details = [element("span", text, class_="regkb-agenda-detail", lang=own if mine else None)
               for text, mine in marked_details(entry, lang, html=True)]
    what = entry_what(entry, lang, lambda words: doc_words(document, lang, words))
    return element("li", [date_html(entry.day, lang), HTML(" – "), element("strong", what), state,
                          element("br"), html_join(" · ", links), *details],
                   class_=f"regkb-agenda-entry regkb-agenda--{entry.kind}", id=entry.uid)
