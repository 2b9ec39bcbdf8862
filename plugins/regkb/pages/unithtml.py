"""A version's text converted unit by unit (preamble, articles, headings), each distinct unit once.

Versions of a text share most of their articles, and the FR ‖ NL view shows the same articles
again: converting each version whole converted every unchanged article once per version and once
more per view. Here the text is prepared whole (links, legal notes, anchors: what depends on the
text around a unit), cut at its units' lines, and each unit's Markdown goes through the build's
converter, which keeps every result of the build (site/memory.py): an article unchanged since the
previous version, or already shown in the other view, is not converted again.

Converting the pieces gives the same HTML as converting the whole when no Markdown construct
crosses a unit's heading. Those that can are detected and the text is then converted whole:
raw HTML blocks (an element open across a heading), reference-style link definitions (used in
another unit), and extensions other than the site's known ones. Ids that Python-Markdown's `toc`
makes unique over the whole text ("section-1", "section-1_1") are made unique over the pieces the
same way. tests/test_unithtml.py compares both ways on every text of the sample, the real law and
the bench corpus.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from markdown.extensions.toc import unique

from ..core.articles import anchor_headings
from ..core.consolidate import Unit, units_of
from ..core.legaltext import legal_markdown, restore_html
from ..core.model import Document, Text, Version
from ..core.urls import document_path
from .context import SiteContext

# Extensions whose constructs stay inside a block (or inside a fence, which segment() respects).
SAFE_EXTENSIONS = frozenset({
    "attr_list", "md_in_html", "admonition", "tables", "toc", "pymdownx.details", "pymdownx.superfences",
    "fenced_code", "sane_lists", "nl2br", "smarty", "pymdownx.betterem", "pymdownx.caret", "pymdownx.mark",
    "pymdownx.tilde", "pymdownx.inlinehilite", "pymdownx.highlight", "pymdownx.tasklist",
})
# a line that opens or closes a raw HTML block (Python-Markdown's block-level elements, comments,
# processing instructions); an inline element at a line's start (`<a href>`: our links) is not one
RAW_HTML_LINE = re.compile(
    r"^ {0,3}<(?:[!?]|/?(?:address|article|aside|blockquote|body|canvas|center|colgroup|dd|details|div|dl|dt|"
    r"fieldset|figcaption|figure|footer|form|group|h[1-6]|header|hgroup|hr|html|iframe|legend|li|main|map|math|"
    r"menu|nav|noscript|object|ol|option|output|p|pre|progress|script|section|style|summary|table|tbody|td|"
    r"textarea|tfoot|th|thead|tr|ul|video|ins|del)(?![\w-]))", re.MULTILINE | re.IGNORECASE)
LINK_DEFINITION = re.compile(r"^ {0,3}\[[^\]\n]+\]:", re.MULTILINE)
EXPLICIT_ID = re.compile(r"\{:?[^{}\n]*?#([^\s}]+)")  # no '{' inside: one pass over a run of '{'
HEADING_ID = re.compile(r'(<h[1-6][^>]*?\sid=")([^"]*)(")')
LEADING_HEADING = re.compile(r"\A\s*<h([1-6])[^>]*>.*?</h\1>\n?", re.DOTALL)


def extension_names(extensions: Iterable[object]) -> set[str]:
    names = set()
    for extension in extensions:
        name = extension if isinstance(extension, str) else type(extension).__module__
        names.add(name.removeprefix("markdown.extensions."))
    return names


def splittable(extensions: Iterable[object]) -> bool:
    """Whether the site's extensions allow converting a text unit by unit."""
    return extension_names(extensions) <= SAFE_EXTENSIONS


def unit_spans(text: Text, lines: list[str]) -> list[tuple[Unit, int, int]] | None:
    """(unit, first line, line count) of each unit of `text` in `lines` (its body's lines),
    or None when the units do not match the body line for line."""
    spans = []
    cursor = 0
    for unit in units_of(text):
        own = unit.source.split("\n")
        while cursor < len(lines) and not lines[cursor].strip():
            cursor += 1
        count = len(own)
        if cursor + count > len(lines) or lines[cursor].rstrip() != own[0].rstrip() \
                or lines[cursor + count - 1].rstrip() != own[-1].rstrip():
            return None
        spans.append((unit, cursor, count))
        cursor += count
    if any(line.strip() for line in lines[cursor:]):
        return None
    return spans


def unit_markdown(text: Text, prepared: str) -> list[tuple[Unit, str]] | None:
    """The prepared Markdown of `text` (line for line its body, links and notes replaced) cut at
    its units, or None when it must be converted whole."""
    if RAW_HTML_LINE.search(prepared) or LINK_DEFINITION.search(prepared):
        return None
    body_lines = text.body.splitlines()
    lines = prepared.split("\n")
    if len(lines) != len(body_lines):
        return None
    spans = unit_spans(text, body_lines)
    if spans is None:
        return None
    return [(unit, "\n".join(lines[start:start + count])) for unit, start, count in spans]


class UniqueIds:
    """Heading ids as Python-Markdown's `toc` gives them over a whole text: an id written in the
    text (`{#id}`) stays; a generated one that an earlier piece or a written id has taken gets
    the next `_n`."""

    def __init__(self, pieces: list[str]) -> None:
        self.used: set[str] = set()
        for piece in pieces:
            self.used.update(EXPLICIT_ID.findall(piece))
        self.seen_generated: set[str] = set()

    def fix(self, markdown: str, html: str) -> str:
        if "id=" not in html:
            return html
        written = set(EXPLICIT_ID.findall(markdown)) if "{" in markdown else set()
        changed = False
        out = []
        position = 0
        for match in HEADING_ID.finditer(html):
            value = match[2]
            if value in written:
                continue
            if value in self.used:
                new = unique(value, self.used)
                out.append(html[position:match.start(2)] + new)
                position = match.end(2)
                changed = True
            else:
                self.used.add(value)
        if not changed:
            return html
        out.append(html[position:])
        return "".join(out)


def convert_units(pieces: list[tuple[Unit, str]], convert: Callable[[str], str]) -> list[tuple[Unit, str]]:
    """Each piece's HTML through `convert` (which remembers what it converted), ids made unique
    over the whole text."""
    ids = UniqueIds([markdown for _unit, markdown in pieces])
    out = []
    for unit, markdown in pieces:
        html = convert(markdown) if markdown.strip() else ""
        out.append((unit, ids.fix(markdown, html)))
    return out


def without_heading(html: str) -> str:
    """A unit's HTML without its heading element (the FR ‖ NL view writes its own)."""
    match = LEADING_HEADING.match(html)
    return html[match.end():] if match else html


# --- a version's units in a site build ----------------------------------------------------------
def prepared_text(ctx: SiteContext, document: Document, version: Version, text: Text, lang: str) -> str:
    """The text's Markdown as its pages convert it: article anchors, `ref:` links written from
    the stable page on the version's days, legal notes and markers as placeholders."""
    stable_src = document_path(document) + "index.md"
    return legal_markdown(ctx.links(anchor_headings(text.body), lang, stable_src, version, document), text.lang)


def shown_text(document: Document, version: Version, lang: str) -> Text:
    return version.texts.get(document.text_lang(lang)) or next(iter(version.texts.values()))


def version_units(ctx: SiteContext, document: Document, version: Version, lang: str) -> dict[str, tuple[Unit, str]] | None:
    """{unit key: (unit, HTML)}, in the text's order, of the text of `version` shown in `lang`,
    links written from the stable page; None when the text must be converted whole (see the
    module's docstring). Kept for the build: the FR ‖ NL views (written first), the version pages
    and the article pages share it; the HTML strings are those the build's converter keeps
    anyway (site/memory.py)."""
    cache = ctx.caches.unit_html
    key = (document.id, version.key, lang)
    if key in cache:
        return cache[key]
    result = None
    if ctx.fragments.by_units:
        text = shown_text(document, version, lang)
        pieces = unit_markdown(text, prepared_text(ctx, document, version, text, lang))
        if pieces is not None:
            result = {unit.key: (unit, restore_html(html, text.lang))
                      for unit, html in convert_units(pieces, ctx.fragments.convert)}
    cache[key] = result
    return result


def intro_splittable(intro: str) -> bool:
    """An introduction converted apart from the text it precedes gives the same HTML."""
    return not (HEADING_OR_ID.search(intro) or RAW_HTML_LINE.search(intro) or LINK_DEFINITION.search(intro))


HEADING_OR_ID = re.compile(r"^ {0,3}#|\{:?[^{}\n]*#|^[=-]+\s*$", re.MULTILINE)


def version_html(ctx: SiteContext, document: Document, version: Version, lang: str, intro: str) -> str:
    """The introduction and the text of `version` as HTML, links written from the stable page:
    unit by unit when possible, else whole (the same HTML)."""
    text = shown_text(document, version, lang)
    stable_src = document_path(document) + "index.md"
    intro_md = ctx.links(intro, lang, stable_src, text_lang=document.text_lang(lang))
    units = version_units(ctx, document, version, lang) if intro_splittable(intro_md) else None
    if units is None:
        whole = f"{intro_md}\n\n{prepared_text(ctx, document, version, text, lang)}"
        return restore_html(ctx.fragments.convert(whole), text.lang)
    parts = [restore_html(ctx.fragments.convert(intro_md), text.lang)] if intro_md.strip() else []
    parts += [html for _unit, html in units.values() if html]
    return "\n".join(parts)
