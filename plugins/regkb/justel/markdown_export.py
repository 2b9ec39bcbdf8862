"""The Justel Markdown export (Lex Iterata's `--from-justel --md` shape) read into a Snapshot.

Articles are `**Art. N.** text` (or `**Article 1er.**`), structure headings are Markdown headings
(`### Chapitre 1er. - …`), alinéas are paragraphs, notes `<L …; En vigueur : …>` and markers
`[1 …]1` are inline. The export has no title box: title, kind, dates and NUMAC come from options.
The exporter wrote legal points as `1.`: they are kept as written, escaped so that Markdown does
not renumber them as a list.
"""

from __future__ import annotations

import re

from .html_page import JustelPageError, guess_language
from .snapshot import Block, Snapshot, article_number, guard_line_start, structure_rank

ARTICLE = re.compile(r"^\*\*\s*(?P<label>Art(?:icle|ikel)?\.?\s*[^*]*?)\s*\.?\s*\*\*\s*(?P<rest>.*)$", re.IGNORECASE)
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")


def read_export(path: str, data: bytes) -> Snapshot:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    if text.startswith("\ufeff"):
        text = text[1:]
    snap = Snapshot(path=path, lang=guess_language(text[:20000]), shape="markdown")
    seen_article = False
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        heading = HEADING.match(line)
        if heading:
            snap.blocks.append(Block("structure", heading[2], structure_rank(heading[2])))
            continue
        article = ARTICLE.match(line)
        if article:
            label = re.sub(r"\s+", " ", article["label"]).strip().rstrip(".")
            snap.blocks.append(Block("article", label, number=article_number(label)))
            seen_article = True
            if article["rest"].strip():
                snap.blocks.append(Block("para", guard_line_start(article["rest"].strip())))
            continue
        if not seen_article and not any(b.kind == "structure" for b in snap.blocks):
            snap.preamble.append(guard_line_start(line))
        else:
            snap.blocks.append(Block("para", guard_line_start(line)))
    if not snap.articles:
        raise JustelPageError(f"{path}: no article found: expected lines starting with '**Art. N.**' "
                              "(the Justel Markdown export).")
    return snap
