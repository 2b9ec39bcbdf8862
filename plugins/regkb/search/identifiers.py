"""The identifier map: what a reader may type to reach one exact text.

Circular numbers ("2024/12"), acts by kind and date ("AR 3 juillet 1996"), articles of those acts,
NUMACs and nomenclature codes (560011). Written once per build, one small JSON per language
(`assets/regkb/ids.<lang>.json`), read by the search box, which puts the exact target first. One
pass over the corpus: the cost grows with the size of the texts, not with its square.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from ..core.kinds import LANGS, Kind
from ..core.model import Corpus, Document
from ..core.urls import document_path, lang_prefix

ASSET_DIR = "assets/regkb"
CODE_DEFINITION = re.compile(r"^\s*(?:[-*]\s+)?(\d{6})\b", re.MULTILINE)  # a code opening a line
CODE_MENTION = re.compile(r"(?<![\d/.,])(\d{6})(?![\d/.,]\d)")


def identifier_map(corpus: Corpus, today: dt.date, lang: str) -> dict:
    """{docs: id -> [url, title, kind label, kind, articles], circ, acts, numac, codes} for `lang`.

    Urls are relative to the site root; codes point to the article that defines them (a line
    opening with the code in a regulation), else to the first text mentioning them."""
    docs: dict[str, list] = {}
    circulars: dict[str, list[str]] = {}  # numbers repeat across series (OA, kiné, logo)
    acts: dict[str, list[str]] = {}
    numacs: dict[str, str] = {}
    codes: dict[str, tuple[int, str, str]] = {}  # code -> (rank, doc id, anchor)
    for document in sorted(corpus, key=_order):
        if not document.versions or not document.meta:
            continue
        version = document.current(today)
        text = version.texts.get(document.text_lang(lang)) or next(iter(version.texts.values()))
        articles = [a.anchor.removeprefix("art-") for a in text.articles] if document.kind.is_regulation else []
        docs[document.id] = [lang_prefix(lang) + document_path(document), document.short_title(lang),
                             document.kind.label(lang), document.kind.value, articles]
        if document.kind is Kind.CIRCULAR and document.number:
            circulars.setdefault(document.number.strip(), []).append(document.id)
        if document.kind.is_regulation and document.date:
            acts.setdefault(document.date.isoformat(), []).append(document.id)
        if document.numac:
            numacs[document.numac.strip()] = document.id
        _collect_codes(document, text, codes)
    return {
        "v": 1,
        "docs": docs,
        "circ": circulars,
        "acts": acts,
        "numac": numacs,
        "codes": {code: [doc_id, anchor] for code, (_rank, doc_id, anchor) in sorted(codes.items())},
    }


def _order(document: Document) -> tuple[int, str]:
    """Regulations first, so a code defined in the nomenclature wins over a circular citing it."""
    return (0 if document.kind.is_regulation else 1, document.id)


def _collect_codes(document: Document, text, codes: dict[str, tuple[int, str, str]]) -> None:
    regulation = document.kind.is_regulation
    parts = [(a.anchor, a.text) for a in text.articles] if regulation else [("", text.body)]
    for anchor, body in parts:
        if regulation:
            for code in CODE_DEFINITION.findall(body):
                if code not in codes or codes[code][0] > 0:
                    codes[code] = (0, document.id, anchor)
        rank = 1 if regulation else 2
        for code in CODE_MENTION.findall(body):
            if code not in codes:
                codes[code] = (rank, document.id, anchor)


def write_identifier_maps(corpus: Corpus, today: dt.date, site_dir: Path | str) -> list[Path]:
    """Write `assets/regkb/ids.<lang>.json` for every language; returns the files written."""
    folder = Path(site_dir) / ASSET_DIR
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for lang in LANGS:
        path = folder / f"ids.{lang}.json"
        data = identifier_map(corpus, today, lang)
        path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True), encoding="utf-8")
        written.append(path)
    return written
