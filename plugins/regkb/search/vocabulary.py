"""The site box's vocabulary: the words of the indexed texts, per language, with their frequencies.

The search box reads it (`assets/regkb/vocab.<lang>.json`) to tell a known word from a typo
("logopdie" → "logopédie", "Vouliez-vous dire… / Bedoelde u…"), to meet French feminine and
plural forms and Dutch compounds with their base word, to drop a word nobody wrote instead of
letting Pagefind match it on one letter, and to notice a word of the other language ("remgeld" on
the French site). Words are folded as the script folds the query (accents off, lower case).

Kept small by construction: a word must occur in at least MIN_DOCS texts (a word of one text is
found by Pagefind anyway; only typos of it are lost) unless the corpus is small, words of one or
two letters, numbers and words over MAX_LEN letters are left out, and at most MAX_WORDS words
are kept, the most frequent. One pass over the texts: linear in their size.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections import Counter
from pathlib import Path

from ..core.kinds import LANGS
from ..core.model import Corpus

ASSET = "assets/regkb/vocab/{lang}/{letter}.json"  # one shard per first letter: a query loads its letters'
LETTERS = "abcdefghijklmnopqrstuvwxyz"
MIN_LEN, MAX_LEN = 2, 30
MAX_WORDS = 12000
SMALL_CORPUS = 500  # texts: below this every word counts, above a word must occur in MIN_DOCS texts
MIN_DOCS = 2
WORD = re.compile(r"[^\W\d_]+")
NOISE = re.compile(r"\(ref:[^()]*\)|https?://\S+|<[^<>]+>|\{[^{}]*\}")


def fold(text: str) -> str:
    """As the search script folds a query: no accents, lower case (œ and æ spelled out)."""
    text = text.replace("œ", "oe").replace("Œ", "oe").replace("æ", "ae").replace("Æ", "ae")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)).lower()


def words_of(text: str) -> set[str]:
    """The distinct words of a text, in lower case with their accents, MIN_LEN to MAX_LEN letters."""
    return {w for w in WORD.findall(NOISE.sub(" ", text).lower()) if MIN_LEN <= len(w) <= MAX_LEN}


def compounds(words: dict[str, int], limit: int = 4) -> dict[str, list[str]]:
    """{word: the known compounds ending with it, the most used first}: "verpleging" ->
    ["thuisverpleging"], so a Dutch base word also finds the texts that only write the compound.
    A compound is a known word made of a known head (4 letters or more, or 5 before a linking s
    or e: "behandelings-") and the word (5 letters or more: "vaststellen" is no compound of
    "tellen"); one pass over the words and their split points (linear)."""
    found: dict[str, list[str]] = {}
    for word in words:
        for cut in range(4, len(word) - 4):
            head, tail = word[:cut], word[cut:]
            if tail in words and (head in words or (len(head) > 5 and head[-1] in "se" and head[:-1] in words)):
                found.setdefault(tail, []).append(word)
    return {tail: sorted(found[tail], key=lambda w: (-words[w], w))[:limit] for tail in found}


def folded(counts: dict[str, int]) -> dict[str, int | list]:
    """{folded word: texts, or [texts, spelling] when the usual spelling has accents}."""
    out: dict[str, list] = {}
    for word, count in sorted(counts.items()):  # sorted: a tie between spellings never depends on set order
        key = fold(word)
        if not key.isascii() or not key.isalpha():
            continue
        entry = out.setdefault(key, [0, word, 0])
        entry[0] += count
        if count > entry[2]:
            entry[1], entry[2] = word, count
    return {key: (n if spelling == key else [n, spelling]) for key, (n, spelling, _best) in out.items()}


def vocabulary(corpus: Corpus, today: dt.date, lang: str) -> dict[str, int]:
    """{word: number of texts containing it} of the current texts in `lang` (what Pagefind indexes)."""
    counts: Counter[str] = Counter()
    texts = 0
    for document in corpus:
        if not document.meta or not document.versions:
            continue
        version = document.current(today) or document.versions[-1]
        text = version.texts.get(document.text_lang(lang)) or next(iter(version.texts.values()), None)
        found = words_of(document.title(lang) + " " + document.short_title(lang))
        if text is not None:
            found |= words_of(text.body)
        counts.update(found)
        texts += 1
    least = 1 if texts < SMALL_CORPUS else MIN_DOCS
    kept = [(w, n) for w, n in counts.items() if n >= least]
    kept.sort(key=lambda item: (-item[1], item[0]))
    return dict(sorted(kept[:MAX_WORDS]))


HANDWRITTEN = ("index.md", "guide/**/*.md")  # indexed pages that are not in the corpus


def handwritten_words(docs_dir: Path | str, lang: str) -> Counter[str]:
    """Words of the hand-written pages Pagefind indexes (home page, guides), from their sources
    (`docs/<lang>/`), so the vocabulary does not depend on which language was built first."""
    counts: Counter[str] = Counter()
    for page in _handwritten_files(Path(docs_dir), lang):
        counts.update(words_of(page.read_text(encoding="utf-8", errors="replace")))
    return counts


def _handwritten_files(docs_dir: Path, lang: str) -> list[Path]:
    """The files of HANDWRITTEN, as the check reads them: no symbolic link (`guide/x.md ->
    /etc/passwd` would publish that file's words in the vocabulary), no named pipe (the build
    would wait forever), nothing over the size limit (all reported by the check)."""
    import os

    from ..core.limits import MAX_SOURCE_BYTES

    base = docs_dir / lang
    if any(path.is_symlink() for path in (docs_dir, base, base / "guide")) or not base.is_dir():
        return []
    found = [base / "index.md"]
    for folder, dirs, files in os.walk(base / "guide", followlinks=False):
        dirs[:] = sorted(d for d in dirs if not os.path.islink(os.path.join(folder, d)))
        found.extend(Path(folder, name) for name in sorted(files) if name.endswith(".md"))
    return [path for path in found if not path.is_symlink() and path.is_file()
            and path.stat().st_size <= MAX_SOURCE_BYTES]


def write_vocabularies(corpus: Corpus, today: dt.date, site_dir: Path | str,
                       docs_dir: Path | str | None = None) -> list[Path]:
    """Write `assets/regkb/vocab/<lang>/<letter>.json` for every language and letter (an empty
    shard too, so the script never asks for a missing file); `docs_dir` adds the hand-written pages."""
    written = []
    for lang in LANGS:
        data = vocabulary(corpus, today, lang)
        for word, count in (handwritten_words(docs_dir, lang) if docs_dir else {}).items():
            data[word] = data.get(word, 0) + count
        words = folded(data)
        if lang == "nl":  # Dutch writes compounds in one word: [texts, spelling or "", compounds]
            counts = {w: (n if isinstance(n, int) else n[0]) for w, n in words.items()}
            for tail, heads in compounds(counts).items():
                entry = words[tail]
                words[tail] = [entry, "", heads] if isinstance(entry, int) else entry + [heads]
        for letter in LETTERS:
            path = Path(site_dir) / ASSET.format(lang=lang, letter=letter)
            path.parent.mkdir(parents=True, exist_ok=True)
            shard = {w: n for w, n in sorted(words.items()) if w[0] == letter}
            path.write_text(json.dumps(shard, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
            written.append(path)
    return written
