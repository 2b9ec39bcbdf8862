"""Turning `ref:` links into links to the page in the reader's language."""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

from ..core.codespans import sub_outside_code
from ..core.model import Corpus, Document
from ..core.plaintext import LEFTOVER, MD_LINK, paragraph_before, plain_refs  # noqa: F401 - re-exported
from ..core.dates import format_date
from ..core.references import REF_LINK, CitingDays, Resolution, Target, TargetError, link_text, parse_target, resolve
from ..core.urls import document_path, version_path
from .html import HTML, esc, link
from .labels import t


def resolution_path(resolution: Resolution) -> str:
    """The page a reference opens: the version cited by date, the version an undated reference
    resolves on when the stable page shows another (see reference_day), else the stable page."""
    version = resolution.version or resolution.lands
    return version_path(resolution.document, version) if version else document_path(resolution.document)


def repeal_mark(corpus: Corpus, resolution: Resolution, target: Target, lang: str, today: dt.date,
                days: CitingDays | None) -> str:
    """' (abrogé le 28 mars 2027)' after a link to an article repealed on the citing day; for a
    repeal to come while the citing text applies, the same words carrying their day in a class:
    hidden by the style sheet until the page script shows them on the reader's day (regkb.js).
    Nothing for a dated reference (it cites that version) or an amending act's (it acts on it)."""
    if target.on is not None or (days is not None and days.pins(target.doc_id)):
        return ""
    day, until = days.of(target.doc_id) if days is not None else (today, False)
    ended = ended_mark(resolution, lang, day, until)
    if ended or not target.anchor:
        return ended
    state = corpus.references.repeal_state(resolution.document, target.anchor, day, None if until is False else until)
    if state is None:
        return ""
    words = esc(t(lang, "ref_repealed", date=format_date(state.day, lang)))
    due = "" if state.since is not None else f" regkb-ref-from-{state.day.isoformat()}"
    return f' <span class="regkb-ref-repealed{due}">{words}</span>'


def _marked(label: str, document: Document, lang: str, from_src_uri: str) -> str:
    """A link text made in `lang` that names a text without `lang` ("art. 1 van de AR du 30 mai
    2024"): its short title marked with its own language (WCAG 3.1.2). HTML for a generated
    page's link (html.link keeps it), raw in a hand-written page's Markdown link text."""
    short, shown = document.short_title(lang), document.text_lang(lang)
    before, found, after = label.partition(short)
    if not found:
        return label
    if from_src_uri.split("/", 1)[0] in ("fr", "nl"):  # html.link writes a Markdown link there
        return f'{before}<span lang="{shown}">{short}</span>{after}'
    return HTML(f'{esc(before)}<span lang="{shown}">{esc(short)}</span>{esc(after)}')


def ended_mark(resolution: Resolution, lang: str, day: dt.date, until: dt.date | None | Literal[False]) -> str:
    """' (plus en vigueur depuis le …)' after an undated link to a text repealed (a convention
    ended) on the citing day; for an end to come while the citing text applies, the same words
    with their day in a class, shown by the page script from that day (as for an article)."""
    document = resolution.document
    ended = document.repealed
    if ended is None or (day < ended and until is not None and (until is False or until <= ended)):
        return ""
    words = esc(t(lang, "ref_ended", date=format_date(ended, lang)))
    due = "" if day >= ended else f" regkb-ref-from-{ended.isoformat()}"
    return f' <span class="regkb-ref-repealed{due}">{words}</span>'


def rewrite_refs(markdown: str, lang: str, from_src_uri: str, corpus: Corpus, today: dt.date,
                 days: CitingDays | None = None, words: str | None = None) -> str:
    """Replace every `[text](ref:...)` by a relative Markdown link; an unresolvable one becomes
    plain text (the check reports it with its file and line), so no `ref:` reaches the HTML.
    Undated references resolve on the citing text's days (see CitingDays; default `today`).
    The words made for a link (its text, "(abrogé le ...)") are in `words`, the language of the
    text (default `lang`, the page's): a fallback text keeps one language."""
    words = words or lang
    if "ref:" not in markdown:
        return markdown
    cache: dict[str, Resolution] = {}  # resolve() raises when it cannot

    def replace(match: re.Match[str]) -> str:
        raw = match["target"]
        text = match["text"]
        try:
            target = parse_target(raw)
            if raw not in cache:
                cache[raw] = resolve(corpus, target, today, days.of(target.doc_id)[0] if days else today)
            resolution = cache[raw]
        except TargetError:
            return text or raw
        label = text or link_text(resolution, target, words, paragraph_before(markdown, match.start()))
        if not text and resolution.document.text_lang(words) != words:
            label = _marked(label, resolution.document, words, from_src_uri)
        return (link(from_src_uri, resolution_path(resolution), label, resolution.anchor or "")
                + repeal_mark(corpus, resolution, target, words, today, days))

    markdown = sub_outside_code(REF_LINK, replace, markdown)  # examples in code stay as written
    if "ref:" in markdown:  # malformed ones (reported by the check) become plain text, never links
        markdown = sub_outside_code(LEFTOVER, lambda m: m["text"] or "", markdown)
    return markdown
