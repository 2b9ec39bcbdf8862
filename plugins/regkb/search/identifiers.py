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

from ..core.collation import normal_number
from ..core.kinds import LANGS
from ..core.model import Corpus, Document
from ..core.urls import document_path, lang_prefix

ASSET_DIR = "assets/regkb/ids"
CODE_DEFINITION = re.compile(r"^\s*(?:[-*]\s+)?(\d{6})\b", re.MULTILINE)  # a code opening a line
MAX_CODE_TEXTS = 12  # texts listed as direct hits for one code (the full-text search finds the rest)
MANIFEST = "index.json"  # the shards of a language, so the script never asks for a missing one
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
    kind, article numbers] (articles for acts only); a code maps to a list of targets with their
    anchor, every text naming it (at most MAX_CODE_TEXTS): first the article defining it (a line
    opening with the code in a regulation), then regulations and conventions, then circulars and
    answers mentioning it. Urls are relative to the site root."""
    shards: dict[str, dict] = defaultdict(lambda: defaultdict(dict))
    codes: dict[str, dict[str, tuple[int, str]]] = defaultdict(dict)  # code -> {doc id: (rank, anchor)}
    entries: dict[str, list] = {}
    for document in sorted(corpus, key=_order):
        if not document.versions or not document.meta:
            continue
        version = document.current(today)
        text = version.texts.get(document.text_lang(lang)) or next(iter(version.texts.values()))
        entry = [lang_prefix(lang) + document_path(document), document.short_title(lang),
                 document.kind.label(lang), document.kind.value, []]
        entries[document.id] = entry
        if document.kind.spec.numbered and document.number:
            number = normal_number(document.number)  # as the script reads a query: 2024/07 is 2024/7
            # numbers repeat across series (OA, kiné, logo)
            shards[shard_name("circ", number)]["circ"].setdefault(number, []).append(entry)
        if document.kind.spec.is_act and document.date:
            articles = [a.anchor.removeprefix("art-") for a in text.articles]
            key = document.date.isoformat()
            shards[shard_name("acts", key)]["acts"].setdefault(key, []).append(entry[:4] + [articles])
        if document.numac:
            numac = document.numac.strip()
            shards[shard_name("numac", numac)]["numac"][numac] = entry
        _collect_codes(document, text, codes)
    for code, texts in sorted(codes.items()):
        best = sorted(texts.items(), key=lambda item: (item[1][0], item[0]))[:MAX_CODE_TEXTS]
        shards[shard_name("codes", code)]["codes"][code] = [entries[doc_id] + [anchor] for doc_id, (_r, anchor) in best]
    return {name: dict(data) for name, data in sorted(shards.items())}


def _order(document: Document) -> tuple[int, str]:
    """Regulations first, so a code defined in the nomenclature wins over a circular citing it."""
    return (0 if document.kind.spec.is_act else 1, document.id)


def _collect_codes(document: Document, text, codes: dict[str, dict[str, tuple[int, str]]]) -> None:
    """Every text naming a code, ranked: 0 the article of a regulation that defines it (a line
    opening with it), 1 a regulation or convention mentioning it, 2 a circular or an answer."""
    regulation = document.kind.spec.is_act
    parts = [(a.anchor, a.text) for a in text.articles] if regulation else [("", text.body)]
    mention_rank = 1 if document.kind.spec.has_articles else 2
    for anchor, body in parts:
        found = dict.fromkeys(CODE_DEFINITION.findall(body), 0) if regulation else {}
        for code in CODE_MENTION.findall(body):
            found.setdefault(code, mention_rank)
        for code, rank in found.items():
            if document.id not in codes[code] or codes[code][document.id][0] > rank:
                codes[code][document.id] = (rank, anchor)


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
        manifest = folder / MANIFEST
        manifest.write_text(json.dumps(sorted(p.stem for p in folder.glob("*.json") if p.name != MANIFEST),
                                       separators=(",", ":")), encoding="utf-8")
        written.append(manifest)
    return written
