"""References as plain text: the link text a reader would see, without the link (for diffs, page
descriptions and search excerpts). Core, so that pages and the search share it without importing
each other."""

from __future__ import annotations

import datetime as dt
import re

from .model import Corpus
from .references import REF_LINK, Resolution, TargetError, link_text, parse_target

MD_LINK = re.compile(r"\[(?P<text>[^\[\]\n]*)\]\((?P<href>[^)\s\[]+)\)")
# What REF_LINK does not accept (reported by the check): kept as plain text, never as a link.
# (No class holds the character that opens its match: each character is read once, see REF_LINK.)
LEFTOVER = re.compile(r"\[(?P<text>[^\[\]]*)\]\(\s*<?ref:[^)\[\n]*\)|<ref:[^<>\s]*>")


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
