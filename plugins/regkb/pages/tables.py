"""Wide tables scroll inside their own box, which a keyboard reaches and a screen reader names.

On a phone a table of amounts or versions is wider than the screen: it scrolls sideways inside a
box, not the page (tests/test_phone.py). A box that scrolls must be reachable with Tab, or a
keyboard user cannot read its hidden columns (WCAG 2.1.1; axe: scrollable-region-focusable), and
a focusable box must say what it is: `role="region"` and a label, the table's caption, else the
heading above it, else its header cells: words of the text itself, so in its language. The box
is static markup (no script): Material's script wraps a Markdown table in its own
`.md-typeset__scrollwrap` inside our box, which regkb.css lets our box scroll.
"""

from __future__ import annotations

import html
import re

from .html import HTML, element

BOX = "regkb-scroll"
LABEL_CHARS = 120  # a label is read before the table: the heading's first words are enough
_TAG = re.compile(r"<(/?)(table|h[1-6]|caption)\b[^>]*>", re.IGNORECASE)
_MARKUP = re.compile(r"<[^>]*>")
_HEADER_CELL = re.compile(r"<th\b[^>]*>(.*?)</th>", re.IGNORECASE | re.DOTALL)
_CELL = re.compile(r"<t[hd]\b[^>]*>(.*?)</t[hd]>", re.IGNORECASE | re.DOTALL)
_IN_BOX = re.compile(r'<div class="regkb-scroll"[^>]*>\s*(?:<div class="md-typeset__\w+">\s*)*\Z')


def _text(markup: str) -> str:
    """The words of some markup, on one line (entities kept decoded once, to be escaped again)."""
    return " ".join(html.unescape(_MARKUP.sub(" ", markup)).split())


def _short(text: str) -> str:
    return text if len(text) <= LABEL_CHARS else text[:LABEL_CHARS - 1].rsplit(" ", 1)[0] + "…"


def table_label(table_html: str, heading: str = "") -> str:
    """What a table's box is called: its caption, else `heading` (the heading above it), else its
    header cells (else its first row's cells), joined by commas."""
    caption = re.search(r"<caption\b[^>]*>(.*?)</caption>", table_html, re.IGNORECASE | re.DOTALL)
    if caption and _text(caption.group(1)):
        return _short(_text(caption.group(1)))
    if heading:
        return _short(heading)
    cells = [_text(c) for c in _HEADER_CELL.findall(table_html)] or \
        [_text(c) for c in _CELL.findall(table_html.split("</tr>", 1)[0])]
    return _short(", ".join(c for c in cells if c))


def scroll_box(table_html: str, label: str = "") -> HTML:
    """A generated table (already HTML) in its box; `label` when the page knows a better one."""
    return element("div", HTML(table_html), class_=BOX, role="region", tabindex="0",
                   aria_label=table_label(table_html, label) or "—")


def scroll_tables(markup: str) -> str:
    """Every outermost table of converted HTML put in its box, labelled by its caption or the
    nearest heading before it. One pass over the tags; HTML without a table is returned as it
    is. A table already in a box (converted again) is left alone. Only for the sanitizer's
    output (pages/sanitize.py): it escapes every `<` of a text or an attribute value, so each
    `<table` seen here is a tag, never words an author put in a `title`."""
    if "<table" not in markup:
        return markup
    out: list[str] = []
    cursor = depth = 0
    heading = ""
    heading_start = start = -1
    for match in _TAG.finditer(markup):
        closing, name = match.group(1) == "/", match.group(2).lower()
        if name == "table":
            if not closing:
                if depth == 0:
                    start = match.start()
                depth += 1
            elif depth:
                depth -= 1
                if depth == 0:
                    table = markup[start:match.end()]
                    boxed = _IN_BOX.search(markup, max(cursor, start - 400), start)
                    out.append(markup[cursor:start])
                    out.append(table if boxed else scroll_box(table, heading))
                    cursor = match.end()
        elif name.startswith("h") and depth == 0:
            if not closing:
                heading_start = match.end()
            elif heading_start >= 0:
                heading, heading_start = _text(markup[heading_start:match.start()]), -1
    out.append(markup[cursor:])
    return "".join(out)
