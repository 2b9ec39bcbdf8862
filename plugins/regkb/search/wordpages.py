"""The other language's search, in small shards: which pages of a language hold a word.

A French reader who types "remgeld" (or a Dutch one "ticket modérateur") is told the words are on
the other site, with its first results (issue 17, item 4). Loading that site's whole Pagefind for
it (script, WebAssembly, meta file: 185 kB at 20,000 pages) put such a first search over its
300 kB budget (item 8). This index answers that case for a few kB: per language, from the pages
Pagefind indexed (its fragments: the same pages, the same text), every word's pages with a BM25
weight, cut into hash buckets of a few kB, and the pages' cards (address, title, kind, date).

- Every page of every word is there, so the page that has every word of a three-word query is
  found however common its words: a word's pages with their weights, or for a frequent word
  (where that list would be longer) a bitset of its pages and the weights of its TOP heaviest
  (the others count as matching it, with a low weight: a frequent word says little of a page).
- Words are keyed as the search script keys them (`key`, `search.js`: French gender and number,
  Dutch plurals, off), so "remboursées" meets "remboursés" and "zittingen" "zitting" (Pagefind's
  stemming goes further: "remboursement" is another key here; the script also searches a word's
  other forms from the vocabulary).
- Files: `assets/regkb/wordpages/<lang>/index.json` ({"buckets": n, "cards": m}),
  `b<i>.json` ({key: [bitset, if frequent, then page delta, weight, ...]}, pages ascending), `c<j>.json` (cards
  j*CARDS .. j*CARDS+CARDS-1: [address, title, kind, date, validity, and period when it changes]).

One pass over the fragments (linear in the indexed text); the output depends on the pages only.
"""

from __future__ import annotations

import base64
import functools
import gzip
import hashlib
import json
import math
import re
import shutil
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path
from typing import NamedTuple

from .vocabulary import fold

ASSETS = "assets/regkb/wordpages"
SIGNATURE = b"pagefind_dcd"
TOP = 24  # a frequent word's heaviest pages, with their weights
POSTING_BYTES = 5  # about what a page costs in a word's list ("12,34,")
BUCKET_BYTES = 3_000  # JSON bytes a bucket aims at (a query reads one per word form)
CARDS = 32  # pages per card file
HEADING = {"h2": 3, "h3": 2, "h4": 2}  # a heading's words count this many times
TITLE = 1.2  # a word of a title of n words: its weight times 1 + TITLE / sqrt(n) (BM25 saturates, so
# a bonus, not a count; a short title the query fills is what people search for: "tiers payant")
NAMES = ("title", "short")  # the metadata Pagefind also searches: the page's names
K1, B = 1.4, 0.75  # BM25, Pagefind's term saturation and page length
TOKEN = re.compile(r"[a-z0-9]+")
RAW = re.compile(r"[^\W_]+")
MAX_LEN = 30


def key(word: str, lang: str) -> str:
    """A folded word's key, as `key` in search.js computes it (the two must agree: tested).
    French: gender and number off (remboursées -> rembours); Dutch: a plural or inflection -en,
    -s, -e off (zittingen -> zitting)."""
    if len(word) < 5 or word.isdigit():
        return word
    if lang == "fr":
        word = re.sub(r"aux$", "al", word)
        word = re.sub(r"[sx]$", "", word)
        word = re.sub(r"ive$", "if", word)
        word = re.sub(r"euse$", "eur", word)
        return re.sub(r"e+$", "", word)
    if lang == "nl" and len(word) >= 6:
        return re.sub(r"(en|s|e)$", "", word)
    return word


keyed = functools.lru_cache(maxsize=1 << 20)(key)  # the same words again and again


def bucket_of(word_key: str, buckets: int) -> int:
    """FNV-1a (32 bits) of the key's code points, modulo the bucket count (search.js: `bucketOf`)."""
    h = 0x811C9DC5
    for char in word_key:
        h ^= ord(char)
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h % buckets


def _fragments(pagefind: Path, lang: str) -> list[dict]:
    """The language's fragments (Pagefind's per-page data), in address order."""
    pages = []
    for path in sorted((pagefind / "fragment").glob(f"{lang}_*.pf_fragment")):
        try:
            raw = gzip.decompress(path.read_bytes())
            data = json.loads(raw[len(SIGNATURE):] if raw.startswith(SIGNATURE) else raw)
        except (OSError, ValueError, EOFError):
            continue  # not a fragment we can read: its page is only missing from this index
        if isinstance(data, dict) and isinstance(data.get("url"), str):
            pages.append(data)
    pages.sort(key=lambda d: d["url"])
    return pages


def _tokens(text: str) -> list[str]:
    """The folded words of a text, as the script splits a folded query ([a-z0-9]+)."""
    return [t for raw in RAW.findall(unicodedata.normalize("NFC", text).lower()) for t in _folded(raw)]


def _counts(text: str, lang: str) -> Counter[str]:
    """{key: occurrences} of a text; each distinct word folded and keyed once (per-word work
    on every occurrence was most of this module's time)."""
    out: Counter[str] = Counter()
    for raw, tf in Counter(RAW.findall(unicodedata.normalize("NFC", text).lower())).items():
        for t in _folded(raw):
            out[keyed(t, lang)] += tf
    return out


@functools.lru_cache(maxsize=1 << 20)
def _folded(raw: str) -> tuple[str, ...]:
    return tuple(t for t in TOKEN.findall(fold(raw)) if len(t) <= MAX_LEN and not (t.isdigit() and len(t) > 10))


class Postings(NamedTuple):
    """A word's pages: (page, weight) ascending by page; a frequent word's heaviest only, with
    `pages` then the bitset of all its pages (base64, bit i of byte i // 8 for page i)."""
    weights: list[tuple[int, int]]
    pages: str | None = None


def _bitset(pids: list[int], n: int) -> str:
    bits = bytearray((n + 7) // 8)
    for pid in pids:
        bits[pid >> 3] |= 1 << (pid & 7)
    return base64.b64encode(bytes(bits)).decode("ascii")


def build(pages: list[dict], lang: str) -> tuple[dict[str, Postings], list[list]]:
    """({key: its pages}, cards) for one language's fragments."""
    counts: list[Counter[str]] = []
    titles: list[set[str]] = []
    bonuses: list[float] = []
    lengths = []
    cards = []
    for page in pages:
        meta = page["meta"] if isinstance(page.get("meta"), dict) else {}
        card = [page["url"].lstrip("/"), str(meta.get("title") or page["url"]), meta.get("kind") or "",
                meta.get("date") or "", meta.get("validity") or ""]
        if meta.get("period"):  # a few answers only: the other cards keep five fields
            card.append(meta["period"])
        cards.append(card)
        words = _counts(str(page.get("content", "")), lang)
        for anchor in page.get("anchors") or []:
            if isinstance(anchor, dict) and anchor.get("element") in HEADING:
                for t in _tokens(str(anchor.get("text") or "")):  # the content counted it once already
                    words[keyed(t, lang)] += HEADING[anchor["element"]] - 1
        counts.append(words)
        named = {keyed(t, lang) for field in NAMES for t in _tokens(str(meta.get(field) or ""))}
        for word in named - set(words):  # a name's word only in the metadata (Pagefind searches it too)
            words[word] += 1
        titles.append(named)
        bonuses.append(1 + TITLE / math.sqrt(max(1, len({t for t in named if len(t) >= 4}))))  # words, not fillers
        lengths.append(max(1, sum(words.values())))
    n = len(pages)
    average = sum(lengths) / n if n else 1.0
    postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for pid, words in enumerate(counts):
        norm = K1 * (1 - B + B * lengths[pid] / average)
        for word, tf in words.items():
            bonus = bonuses[pid] if word in titles[pid] else 1.0
            postings[word].append((pid, bonus * tf * (K1 + 1) / (tf + norm)))
    index: dict[str, Postings] = {}
    bitset_bytes = math.ceil(n / 8) * 4 / 3  # in base64
    for word, found in postings.items():
        df = len(found)
        idf = math.log(1 + (n - df + 0.5) / (df + 0.5))
        pages_of = None
        if df * POSTING_BYTES > bitset_bytes + TOP * POSTING_BYTES:
            pages_of = _bitset([pid for pid, _score in found], n)
            found = sorted(sorted(found, key=lambda p: -p[1])[:TOP])
        index[word] = Postings([(pid, max(1, round(10 * idf * score))) for pid, score in found], pages_of)
    return index, cards


def _encoded(postings: Postings) -> list:
    """[bitset (a frequent word), page delta, weight, ...]."""
    flat: list = [postings.pages] if postings.pages else []
    previous = 0
    for pid, weight in postings.weights:
        flat += [pid - previous, weight]
        previous = pid
    return flat


def write_wordpages(site_dir: Path | str, pagefind: Path | str, only: str | None = None) -> list[Path]:
    """Write `assets/regkb/wordpages/<lang>/` for every language Pagefind indexed (or `only` that
    one; the folder is replaced: no file of an earlier build stays behind). `index.json` carries a
    hash of the other files, which the script adds to their addresses: a browser never mixes a
    cached bucket or card of an earlier build (page numbers shift) with the new ones."""
    site, pagefind = Path(site_dir), Path(pagefind)
    try:
        entry = json.loads((pagefind / "pagefind-entry.json").read_text(encoding="utf-8"))
        langs = sorted(entry.get("languages", {}))
    except (OSError, ValueError, AttributeError):
        return []
    written = []
    for lang in langs:
        if not re.fullmatch(r"[a-z]{2,3}", lang) or (only is not None and lang != only):
            continue
        index, cards = build(_fragments(pagefind, lang), lang)
        folder = site / ASSETS / lang
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
        # each word's entry encoded once; the bucket count from their sizes (counted as with ", "
        # between a list's items, as the count was first made: the same buckets)
        entries = {word: json.dumps(_encoded(postings), separators=(",", ":")) for word, postings in sorted(index.items())}
        size = sum(len(w) + 6 + 2 * len(v) - len(v.replace(",", "")) for w, v in entries.items())
        buckets = max(1, math.ceil(size / BUCKET_BYTES))
        parts: list[list[str]] = [[] for _ in range(buckets)]
        for word, entry in entries.items():  # words are [a-z0-9]: their JSON is "word"
            parts[bucket_of(word, buckets)].append(f'"{word}":{entry}')
        texts = {f"b{i}.json": "{" + ",".join(part) + "}" for i, part in enumerate(parts)}
        texts.update({f"c{j}.json": json.dumps(cards[j * CARDS:(j + 1) * CARDS], ensure_ascii=False, separators=(",", ":"))
                      for j in range(math.ceil(len(cards) / CARDS))})
        digest = hashlib.sha256("\n".join(texts[name] for name in sorted(texts)).encode("utf-8")).hexdigest()[:12]
        texts["index.json"] = json.dumps({"buckets": buckets, "cards": CARDS, "v": digest}, separators=(",", ":"))
        for name, text in texts.items():
            path = folder / name
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written
