"""The table of contents of a generated page, read back from its HTML.

Generated pages are composed as final HTML (only the authors' texts go through Python-Markdown,
once each), so no Markdown pass collects their headings: one linear scan of the page does, and
gives the same tokens as Python-Markdown's toc extension (level, id, name, children), which MkDocs
and Material turn into the page's table of contents.
"""

from __future__ import annotations

import html
import re

from markdown.extensions.toc import nest_toc_tokens, slugify, strip_tags

NOTOC = "regkb-notoc"  # class of a heading kept out of the table of contents
HEADING = re.compile(r"<h([1-6])(\s[^>]*)?>(.*?)</h\1>", re.DOTALL)
ID = re.compile(r'\sid="([^"]*)"')
SPOKEN = re.compile(r'<span class="regkb-sr">[^<]*</span>')  # cues for screen readers, not for the toc


def slug(text_html: str) -> str:
    """The id Python-Markdown's toc extension gives a heading with this text."""
    return slugify(html.unescape(strip_tags(text_html)), "-")


def toc_tokens(page_html: str) -> list[dict]:
    """Nested toc tokens of every heading with an id, in page order, except those marked NOTOC."""
    flat = []
    for match in HEADING.finditer(page_html):
        attrs = match[2] or ""
        anchor = ID.search(attrs)
        if anchor is None or NOTOC in attrs:
            continue
        inner = match[3]
        flat.append({"level": int(match[1]), "id": html.unescape(anchor[1]), "name": strip_tags(SPOKEN.sub("", inner)),
                     "html": inner, "data-toc-label": ""})
    return nest_toc_tokens(flat)


def anchor_ids(page_html: str) -> set[str]:
    """Every id of the page (links to its anchors are checked against them)."""
    return {html.unescape(value) for value in ID.findall(page_html)}
