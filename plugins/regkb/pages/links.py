"""Turning `ref:` links into links to the page in the reader's language."""

from __future__ import annotations

import datetime as dt
import re

from ..core.codespans import sub_outside_code
from ..core.model import Corpus
from ..core.references import REF_LINK, Resolution, TargetError, link_text, parse_target, resolve
from ..core.urls import document_path, md_link, version_path

MD_LINK = re.compile(r"\[(?P<text>[^\]\n]*)\]\((?P<href>[^)\s]+)\)")


def rewrite_refs(markdown: str, lang: str, from_src_uri: str, corpus: Corpus, today: dt.date) -> str:
    """Replace every `[text](ref:...)` by a relative Markdown link; an unresolvable one becomes
    plain text (the check reports it with its file and line), so no `ref:` reaches the HTML."""
    if "ref:" not in markdown:
        return markdown
    cache: dict[str, Resolution | None] = {}

    def replace(match: re.Match[str]) -> str:
        raw = match["target"]
        text = match["text"]
        try:
            target = parse_target(raw)
            if raw not in cache:
                cache[raw] = resolve(corpus, target, today)
            resolution = cache[raw]
        except TargetError:
            return text or raw
        label = text or link_text(resolution, target, lang)
        path = (version_path(resolution.document, resolution.version) if resolution.version
                else document_path(resolution.document))
        return f"[{label}]({md_link(from_src_uri, path, resolution.anchor or '')})"

    return sub_outside_code(REF_LINK, replace, markdown)  # examples in code stay as written


def plain_refs(markdown: str, lang: str, corpus: Corpus, today: dt.date) -> str:
    """Reference links replaced by their text (for diffs and search excerpts)."""

    def replace(match: re.Match[str]) -> str:
        if match["text"]:
            return match["text"]
        try:
            target = parse_target(match["target"])
            return link_text(resolve(corpus, target, today), target, lang)
        except TargetError:
            return match["target"]

    markdown = REF_LINK.sub(replace, markdown)
    return MD_LINK.sub(lambda m: m["text"], markdown)
