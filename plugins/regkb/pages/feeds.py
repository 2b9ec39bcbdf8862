"""The agenda as an Atom feed (RFC 4287) and as an iCalendar file (RFC 5545), per language.

Both are made from the same agenda as the page. They carry no wall-clock time: every timestamp
derives from the build day (or from the dates of the texts), so two builds of the same day give
byte-identical files.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

from ..core.agenda import Agenda, AgendaEntry, EventKind
from ..core.dates import feed_instant, format_date
from ..core.limits import CONTROL
from ..core.urls import lang_prefix
from .agenda import CALENDAR, FEED, PATH, entry_details, entry_title, entry_url, label, entry_what
from .context import SiteContext
from .xmltext import xml_attr, xml_text
from .feedarticles import atom_articles

ATOM_NS = "http://www.w3.org/2005/Atom"


def feed_files(ctx: SiteContext, lang: str, side_by_side: bool = True) -> dict[str, str]:
    """{neutral path: text} of the files to publish for `lang` (the caller adds the language
    prefix, as for pages): feeds, calendar, article stubs, lists of versions; the FR ‖ NL pages
    with the default language's unless `side_by_side` is False (`regkb build` shares them out
    between its language processes)."""
    from .articlepage import static_stubs
    from ..core.kinds import DEFAULT_LANG
    from .docfeed import document_feeds
    from .document import version_lists
    from .sidebyside import side_by_side_files

    agenda = ctx.agenda
    return {FEED: atom_feed(ctx, agenda, lang), CALENDAR: icalendar(ctx, agenda, lang),
            **document_feeds(ctx, lang), **static_stubs(ctx, lang), **version_lists(ctx),
            **(side_by_side_files(ctx) if side_by_side and lang == DEFAULT_LANG else {})}


# --- Atom ---------------------------------------------------------------------------------------
def atom_feed(ctx: SiteContext, agenda: Agenda, lang: str) -> str:
    base = ctx.site_url + lang_prefix(lang)
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="{ATOM_NS}" xml:lang="{lang}">',
        f"  <id>{xml_text(base + PATH)}</id>",
        f"  <title>{xml_text(label(lang, 'feed_title'))}</title>",
        f"  <subtitle>{xml_text(label(lang, 'intro', date=format_date(ctx.today, lang)))}</subtitle>",
        f"  <updated>{_stamp(agenda.today)}</updated>",
        f'  <link rel="self" type="application/atom+xml" href="{xml_attr(base + FEED)}"/>',
        f'  <link rel="alternate" type="text/html" href="{xml_attr(base + PATH)}"/>',
        f"  <author><name>regkb</name><uri>{xml_text(ctx.site_url)}</uri></author>",
        "  <generator>regkb</generator>",
    ]
    for entry in agenda.entries:
        summary = " — ".join(entry_details(entry, lang))
        lines += [
            "  <entry>",
            f"    <id>{xml_text(base + PATH + '#' + entry.uid)}</id>",
            f"    <title>{xml_text(format_date(entry.day, lang) + ' – ' + entry_title(entry, lang))}</title>",
            f"    <updated>{_stamp(min(entry.known_since, agenda.today))}</updated>",
            f'    <link rel="alternate" type="text/html" href="{xml_attr(entry_url(ctx, entry, lang))}"/>',
            f'    <category term="{xml_attr(entry.kind)}" label="{xml_attr(entry_what(entry, lang))}"/>',
            f'    <summary type="text">{xml_text(summary)}</summary>',
        ]
        if entry.kind == EventKind.VERSION and entry.version is not None:
            lines += atom_articles(ctx, entry.document, entry.version, lang)
        lines.append("  </entry>")
    lines.append("</feed>")
    return "\n".join(lines) + "\n"




def _stamp(day: dt.date) -> str:
    return feed_instant(day)


# --- iCalendar ----------------------------------------------------------------------------------
def icalendar(ctx: SiteContext, agenda: Agenda, lang: str) -> str:
    host = urlsplit(ctx.site_url).hostname or "regkb"
    stamp = agenda.today.strftime("%Y%m%dT000000Z")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//regkb//Agenda {lang.upper()}//{lang.upper()}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{ical_text(label(lang, 'calendar_name'))}",
    ]
    for entry in agenda.entries:
        lines += _event(ctx, entry, lang, host, stamp)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def _event(ctx: SiteContext, entry: AgendaEntry, lang: str, host: str, stamp: str) -> list[str]:
    following = entry.day + dt.timedelta(days=1)
    return [
        "BEGIN:VEVENT",
        f"UID:{lang}-{entry.uid}@{host}",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{entry.day.strftime('%Y%m%d')}",
        f"DTEND;VALUE=DATE:{following.strftime('%Y%m%d')}",
        f"SUMMARY;LANGUAGE={lang}:{ical_text(entry_title(entry, lang))}",
        f"DESCRIPTION;LANGUAGE={lang}:{ical_text(chr(10).join(entry_details(entry, lang)))}",
        f"URL:{entry_url(ctx, entry, lang)}",
        f"CATEGORIES:{ical_text(entry.kind)}",
        "TRANSP:TRANSPARENT",
        "END:VEVENT",
    ]


def ical_text(value: str) -> str:
    """Escape a TEXT value (RFC 5545 §3.3.11)."""
    value = CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))  # control characters: refused by the check
    return (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\n", "\\n"))


def fold(line: str, limit: int = 75) -> str:
    """Fold a content line at 75 octets (RFC 5545 §3.1), never inside a UTF-8 character."""
    if len(line.encode("utf-8")) <= limit:
        return line
    parts: list[str] = []
    current, size = "", 0
    budget = limit
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > budget:
            parts.append(current)
            current, size, budget = "", 0, limit - 1  # continuation lines start with a space
        current += char
        size += width
    parts.append(current)
    return "\r\n ".join(parts)
