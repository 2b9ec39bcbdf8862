"""Which files the check covers, and the references written in hand-written pages.

The loader reads the documents; the hand-written pages (home, listings' introductions, the writing
guide) are Markdown that MkDocs renders as is, but their `ref:` links are rewritten too, so a broken
one must be reported with its file and line like any other.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..core.codespans import finditer_outside_code
from ..core.diagnostics import Diagnostics
from ..core.kinds import FOLDERS, LANGS, sections, sections_with_layout
from ..core.model import Corpus
from ..core.safety_checks import check_markdown
from ..core.references import MALFORMED, REF_LINK, TargetError, parse_target, resolve
from .fieldnames import misplaced_source
from .frontmatter import parse_source, read_text
from .safety import markdown_files, under_link


# Front-matter fields a hand-written page may set (MkDocs' and Material's). The theme prints the
# page's meta in places of its own (`regkb_jsonld` inside a <script>, `regkb_index` in an
# attribute) that the generated pages fill with escaped values: from an author, any other field
# is reported and left out (site/plugin.py), as is `template` (another template of the theme).
PAGE_FIELDS = frozenset({"title", "description", "hide", "search"})


def source_files(root: Path) -> list[str]:
    """Every source file the check reads, relative to `root` (for reports that count them)."""
    found: list[str] = []
    if (root / "taxonomy.yml").exists():
        found.append("taxonomy.yml")
    for lang in LANGS:
        for folder in sections_with_layout(FOLDERS):
            base = root / "docs" / lang / folder
            if base.is_dir() and not under_link(base, root):
                found.extend(p.relative_to(root).as_posix() for p in markdown_files(base))
    for folder in (s for s in sections() if s not in sections_with_layout(FOLDERS)):
        base = root / folder
        if base.is_dir() and not under_link(base, root):
            found.extend(p.relative_to(root).as_posix() for p in markdown_files(base))
    found.extend(handwritten_pages(root))
    return sorted(set(found))


def handwritten_pages(root: Path) -> list[str]:
    """Markdown pages under docs/<lang>/ that are not documents (home, guide, introductions)."""
    pages: list[str] = []
    folders = sections_with_layout(FOLDERS)
    for lang in LANGS:
        base = root / "docs" / lang
        if not base.is_dir() or under_link(base, root):
            continue
        for path in markdown_files(base):
            rel = path.relative_to(base).parts
            if rel[0] in folders and len(rel) > 2:
                continue  # a document's folder: read by the loader
            pages.append(path.relative_to(root).as_posix())
    return sorted(pages)


def check_handwritten_refs(root: Path, corpus: Corpus, today: dt.date, diagnostics: Diagnostics) -> set[str]:
    """Report every `ref:` link of a hand-written page that does not resolve (code is skipped),
    and what the HTML policy and the input limits refuse. Returns the pages MkDocs must not read
    (too large, not UTF-8, front matter with aliases or duplicate keys: MkDocs' own YAML reading
    would expand an alias bomb)."""
    refused: set[str] = set()
    for rel in handwritten_pages(root):
        text = read_text(root, rel, diagnostics)
        if text is None:
            refused.add(rel)
            continue
        if text.startswith("---\n"):
            mark = len(diagnostics)
            source = parse_source(rel, text, diagnostics)
            if not source.ok or any(d.code == "control-character" for d in diagnostics.items[mark:]):
                refused.add(rel)
            unread = set(source.meta) - PAGE_FIELDS
            misplaced = misplaced_source(unread)
            if misplaced is not None:
                diagnostics.error(rel, 1, f"this file has the fields of {misplaced[0]} "
                                  f"({', '.join(sorted(unread, key=source.line_of))[:120]}), but in this folder it is "
                                  "a hand-written page: they are not read.",
                                  f"Move it to {misplaced[1]} (see CONTRIBUTING.md).", "wrong-folder")
                unread = set()
            for key in sorted(unread, key=source.line_of):
                diagnostics.error(rel, source.line_of(key), f"the field '{key[:40]}' is not read on a page: it is left out.",
                                  "A page's front matter holds only " + ", ".join(sorted(PAGE_FIELDS)) + ".", "page-field")
        check_markdown(rel, 1, text, diagnostics)
        if "ref:" not in text:
            continue
        for offset, match in finditer_outside_code(REF_LINK, text.replace("\r\n", "\n")):
            try:
                resolve(corpus, parse_target(match["target"]), today)
            except TargetError as exc:
                diagnostics.error(rel, offset + 1, f"broken reference: {exc}.",
                                  "Write ref:ID, ref:ID#art-N or ref:ID@YYYY-MM-DD#art-N with an existing id, "
                                  "article and date; to show the syntax itself, put it in `code`.",
                                  "unknown-reference")
        blanked = REF_LINK.sub(lambda m: " " * len(m.group(0)), text.replace("\r\n", "\n"))
        for offset, _match in finditer_outside_code(MALFORMED, blanked):
            diagnostics.error(rel, offset + 1, "malformed reference: a 'ref:' link that cannot be read.",
                              "Write [text](ref:ID#art-N) on one line, with no space or title inside the "
                              "parentheses; to show the syntax itself, put it in `code`.", "unknown-reference")
    return refused
