"""The Justel Markdown export (Lex Iterata's `--from-justel --md` shape) read into a Snapshot.

Articles are `**Art. N.** text` (or `**Article 1er.**`), structure headings are Markdown headings
(`### Chapitre 1er. - …`), alinéas are paragraphs, notes `<L …; En vigueur : …>` and markers
`[1 …]1` are inline. The export has no title box: title, kind, dates and NUMAC come from options.
The exporter wrote legal points as `1.`: they are kept as written, escaped so that Markdown does
not renumber them as a list. Everything else is the text itself, escaped for Markdown.
"""

from __future__ import annotations

import re

from ..core.articles import parse_label
from .encoding import decode
from .html_page import JustelPageError, guess_language
from .snapshot import Block, Snapshot, article_number, empty_articles, escape_text, structure_rank, unclosed_notes, unmarked, visible_controls

ARTICLE = re.compile(r"^\*\*\s*(?P<label>Art(?:icle|ikel)?\.?\s*[^*]*?)\s*\.?\s*\*\*\s*(?P<rest>.*)$", re.IGNORECASE)
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
CODE_NOTE = re.compile(r"`((?:\(\d+\))?<[^`<>]*>)`")  # the exporter's `(1)<L …>`: Justel writes (1)<L …>


def _line(text: str) -> str:
    """A line of the export as our sources write it. Besides `**Art. N.**` and headings, the
    export is plain text (a literal `(*)`, a stray backtick for an apostrophe): escaped like the
    text of an HTML page, notes as Justel writes them (without the exporter's backticks)."""
    return escape_text(CODE_NOTE.sub(r"\1", text))


def read_export(path: str, data: bytes) -> Snapshot:
    notes: list[str] = []
    text = decode(data, path, notes)
    text = visible_controls(text, path, notes)
    snap = Snapshot(path=path, lang=guess_language(text[:20000]), shape="markdown", notes=notes)
    seen_article = False
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line:
            continue
        heading = HEADING.match(line)
        if heading:
            snap.blocks.append(Block("structure", _line(heading[2]), structure_rank(heading[2])))
            continue
        article = ARTICLE.match(line)
        if article:
            label = re.sub(r"\s+", " ", article["label"]).strip().rstrip(".")
            if parse_label(label) is None:
                snap.notes.append(f"{path}:{number}: the article '{label}' has a label the site does not read as an "
                                  "article number (Art. 7, 7bis, 22bis/1, XI.172, N1 …): `regkb check` will report it; "
                                  "correct the heading in the imported files.")
            snap.blocks.append(Block("article", label, number=article_number(label)))
            seen_article = True
            if article["rest"].strip():
                snap.blocks.append(Block("para", _line(article["rest"].strip())))
            continue
        if not seen_article and not any(b.kind == "structure" for b in snap.blocks):
            snap.preamble.append(_line(line))
        else:
            snap.blocks.append(Block("para", _line(line)))
    snap.notes += unmarked(snap) + unclosed_notes(snap) + empty_articles(snap)
    if not snap.articles:
        raise JustelPageError(f"{path}: no article found: expected lines starting with '**Art. N.**' "
                              "(the Justel Markdown export).")
    return snap
