"""The identifier map: what a reader may type to reach one exact text.

Circular numbers ("2024/12"), acts by kind and date ("AR 3 juillet 1996"), articles of those acts,
NUMACs and nomenclature codes (560011). Written once per build as small JSON shards per language
(`assets/regkb/ids/<lang>/<shard>.json`: circulars and acts by year, NUMACs by their first four
digits, codes by their first three), so a query fetches only the shard it names, a few KB even at
30,000 pages. The search box puts the exact target first. One pass over the corpus: the cost grows
with the size of the texts, not with its square.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from collections import defaultdict
from pathlib import Path

from ..core.kinds import LANGS, Kind
from ..core.model import Corpus, Document
from ..core.urls import document_path, lang_prefix

ASSET_DIR = "assets/regkb/ids"
CODE_DEFINITION = re.compile(r"^\s*(?:[-*]\s+)?(\d{6})\b", re.MULTILINE)  # a code opening a line
CODE_MENTION = re.compile(r"(?<![\d/.,])(\d{6})(?![\d/.,]\d)")


def shard_name(kind: str, key: str) -> str:
    """The shard holding an identifier; the search script computes the same names."""
    if kind == "circ":
        return "c" + key.split("/")[0]
    if kind == "acts":
        return "a" + key[:4]
    if kind == "numac":
        return "n" + key[:4]
    return "k" + key[:3]


def identifier_map(corpus: Corpus, today: dt.date, lang: str) -> dict[str, dict]:
    """{shard: {kind: {identifier: target}}} for `lang`. A target is [url, short title, kind label,
    kind, article numbers] (articles for acts only), plus the anchor for codes. Urls are relative to
    the site root; a code points to the article that defines it (a line opening with the code in a
    regulation), else to the first text mentioning it."""
    shards: dict[str, dict] = defaultdict(lambda: defaultdict(dict))
    codes: dict[str, tuple[int, str, str]] = {}  # code -> (rank, doc id, anchor)
    entries: dict[str, list] = {}
    for document in sorted(corpus, key=_order):
        if not document.versions or not document.meta:
            continue
        version = document.current(today)
        text = version.texts.get(document.text_lang(lang)) or next(iter(version.texts.values()))
        entry = [lang_prefix(lang) + document_path(document), document.short_title(lang),
                 document.kind.label(lang), document.kind.value, []]
        entries[document.id] = entry
        if document.kind is Kind.CIRCULAR and document.number:
            number = document.number.strip()  # numbers repeat across series (OA, kiné, logo)
            shards[shard_name("circ", number)]["circ"].setdefault(number, []).append(entry)
        if document.kind.is_regulation and document.date:
            articles = [a.anchor.removeprefix("art-") for a in text.articles]
            key = document.date.isoformat()
            shards[shard_name("acts", key)]["acts"].setdefault(key, []).append(entry[:4] + [articles])
        if document.numac:
            numac = document.numac.strip()
            shards[shard_name("numac", numac)]["numac"][numac] = entry
        _collect_codes(document, text, codes)
    for code, (_rank, doc_id, anchor) in sorted(codes.items()):
        shards[shard_name("codes", code)]["codes"][code] = entries[doc_id] + [anchor]
    return {name: dict(data) for name, data in sorted(shards.items())}


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
    """Write `assets/regkb/ids/<lang>/<shard>.json` for every language; returns the files written."""
    root = Path(site_dir) / ASSET_DIR
    shutil.rmtree(root, ignore_errors=True)  # no stale shard from an earlier build
    written = []
    for lang in LANGS:
        folder = root / lang
        folder.mkdir(parents=True, exist_ok=True)
        for name, data in identifier_map(corpus, today, lang).items():
            path = folder / f"{name}.json"
            path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True), encoding="utf-8")
            written.append(path)
    return written
