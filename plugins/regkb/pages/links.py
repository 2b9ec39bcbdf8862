"""Turning `ref:` links into links to the page in the reader's language."""

from __future__ import annotations

import datetime as dt
import re

from ..core.codespans import sub_outside_code
from ..core.model import Corpus
from ..core.references import REF_LINK, CitingDays, Resolution, TargetError, link_text, parse_target, resolve
from ..core.urls import document_path, version_path
from .html import link

MD_LINK = re.compile(r"\[(?P<text>[^\]\n]*)\]\((?P<href>[^)\s]+)\)")
# What REF_LINK does not accept (reported by the check): kept as plain text, never as a link.
LEFTOVER = re.compile(r"\[(?P<text>[^\]]*)\]\(\s*<?ref:[^)]*\)|<ref:[^>\s]*>")


def paragraph_before(markdown: str, start: int) -> str:
    """The text of the paragraph before `start`, on one line (the context of an empty link)."""
    window = markdown[max(0, start - 200):start]
    cut = window.rfind("\n\n")
    if cut >= 0:
        window = window[cut + 2:]
    elif start > 200:
        window = "x " + window  # mid-paragraph: never the start of a sentence
    window = re.sub(r"<[^>]*>", "", window.replace("\n", " "))
    window = re.sub(r"^\s*(?:[-*+]|\d+[.)°])\s+", "", window)  # a list item starts a sentence
    return window.lstrip() if not window.strip() else window


def resolution_path(resolution: Resolution) -> str:
    """The page a reference opens: the version cited by date, the version an undated reference
    resolves on when the stable page shows another (see reference_day), else the stable page."""
    version = resolution.version or resolution.lands
    return version_path(resolution.document, version) if version else document_path(resolution.document)


def rewrite_refs(markdown: str, lang: str, from_src_uri: str, corpus: Corpus, today: dt.date,
                 days: CitingDays | None = None) -> str:
    """Replace every `[text](ref:...)` by a relative Markdown link; an unresolvable one becomes
    plain text (the check reports it with its file and line), so no `ref:` reaches the HTML.
    Undated references resolve on the citing text's days (see CitingDays; default `today`)."""
    if "ref:" not in markdown:
        return markdown
    cache: dict[str, Resolution | None] = {}

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
        label = text or link_text(resolution, target, lang, paragraph_before(markdown, match.start()))
        return link(from_src_uri, resolution_path(resolution), label, resolution.anchor or "")

    markdown = sub_outside_code(REF_LINK, replace, markdown)  # examples in code stay as written
    if "ref:" in markdown:  # malformed ones (reported by the check) become plain text, never links
        markdown = sub_outside_code(LEFTOVER, lambda m: m["text"] or "", markdown)
    return markdown


def plain_refs(markdown: str, lang: str, corpus: Corpus, today: dt.date) -> str:
    """Reference links replaced by their text (for diffs and search excerpts)."""

    def replace(match: re.Match[str]) -> str:
        if match["text"]:
            return match["text"]
        try:
            target = parse_target(match["target"])
        except TargetError:
            return ""
        document = corpus.get(target.doc_id)
        if document is None:
            return ""
        # the text names the document and article whatever the day (the check reports the rest)
        return link_text(Resolution(document, None, target.anchor), target, lang,
                         paragraph_before(markdown, match.start()))

    markdown = LEFTOVER.sub(lambda m: m["text"] or "", REF_LINK.sub(replace, markdown))
    return MD_LINK.sub(lambda m: m["text"], markdown)
