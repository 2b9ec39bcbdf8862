"""What the site search knows of a page: its filters (kind, sector, audience, year) and its date.

Set as `page.meta["regkb_search"]` on the pages a reader wants to find (the current version of a
document, circulars, answers); the theme turns it into Pagefind attributes. Versions, diffs and
listings get none and stay out of the index.
"""

from __future__ import annotations

import datetime as dt

from ..core.dates import format_date
from ..core.model import Document, Status
from .context import SiteContext
from .labels import t


def answer_period(document: Document, today: dt.date) -> Status | None:
    """Where an answer stands against its `valid_from`/`valid_until` on `today`: UPCOMING before
    its first day, REPEALED from `valid_until` on, None while it applies (or for another kind)."""
    if not document.kind.spec.is_answer or not document.versions:
        return None
    status = document.status(document.versions[0], today)
    return status if status in (Status.UPCOMING, Status.REPEALED) else None


def _period_marks(document: Document, lang: str) -> tuple[str, str]:
    """The marks of an answer before its first day and from its valid_until on ("" without one)."""
    until = document.repealed
    return (t(lang, "answer_upcoming_mark", start=format_date(document.versions[0].in_force, lang)),
            t(lang, "answer_expired_mark", until=format_date(until, lang)) if until is not None else "")


def answer_period_mark(document: Document, lang: str, today: dt.date) -> str:
    """The few words a search result shows for an answer outside its period ("" inside it)."""
    period = answer_period(document, today)
    if period is Status.UPCOMING:
        return _period_marks(document, lang)[0]
    if period is Status.REPEALED:
        return _period_marks(document, lang)[1]
    return ""


def answer_period_change(document: Document, lang: str, today: dt.date) -> str:
    """'FROM|UNTIL|mark before FROM|mark from UNTIL on' for an answer whose search mark changes
    after `today` (its valid_from or valid_until still to come), "" otherwise: the search box
    shows the mark of the reader's day in Brussels (a result built while the answer applied
    would otherwise never say that it has expired)."""
    if not document.kind.spec.is_answer or not document.versions:
        return ""
    start, until = document.versions[0].in_force, document.repealed
    if not (start > today or (until is not None and until > today)):
        return ""
    parts = [start.isoformat(), until.isoformat() if until is not None else "", *_period_marks(document, lang)]
    return "|".join(part.replace("|", "/") for part in parts)


def search_facets(ctx: SiteContext, document: Document, lang: str) -> dict:
    """{filters: {name: value}, meta: {name: value}} for one document page, in `lang`."""
    taxonomy = ctx.corpus.taxonomy
    day = _date(document)
    filters = {"kind": document.kind.label(lang)}
    if document.sector:
        filters["sector"] = taxonomy.label("sectors", document.sector, lang)
    if document.audience and document.kind.spec.reviewed:
        filters["audience"] = taxonomy.label("audiences", document.audience, lang)
    if day is not None:
        filters["year"] = str(day.year)
    meta = {"kind": document.kind.label(lang), "short": document.short_title(lang)}
    if day is not None:
        meta["date"] = day.isoformat()
    mark = answer_period_mark(document, lang, ctx.today)
    if mark:  # shown beside the result's kind and date (search.js), so nobody takes it for today's rule
        meta["validity"] = mark
    change = answer_period_change(document, lang, ctx.today)
    if change:
        meta["period"] = change
    return {"filters": filters, "meta": meta}


def _date(document: Document) -> dt.date | None:
    """The date a reader knows a text by: act or circular date, convention start, answer review."""
    if document.kind.spec.is_answer:
        return document.reviewed
    return document.date


def guide_facets(lang: str) -> dict:
    """A hand-written page (home, guides): found by the search, filtered as an information page."""
    return {"filters": {"kind": t(lang, "guide_kind")}, "meta": {"kind": t(lang, "guide_kind")}}
