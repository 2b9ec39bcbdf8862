"""Smaller Pagefind index chunks, so that a first search downloads little (issue 17).

Pagefind 1.5 cuts its word index into chunks of about 20,000 word locations each, whatever the
words: at 20,000 pages a chunk is 20-230 kB (gzip), and a search reads one chunk per word, so a
rare word costs as much as its frequent neighbours ("prolongation" 44 kB). We cut the same words
again, in the same order, into chunks of at most CHUNK_BYTES of CBOR; a word bigger than that
gets a chunk of its own, and a word bigger than WORD_BYTES keeps fewer locations per page (see
`_thinned`). Every other word's entry is kept byte for byte as Pagefind wrote it; the meta file
lists the new chunks (see `_bounds`) and its word counts are rounded (see `_rounded`).

Runs before `pagefind_stable.stabilize`, which names the meta file after its content. Anything
unexpected leaves the index as Pagefind wrote it (correct, only bigger).
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import json
import multiprocessing
import os
import struct
from pathlib import Path

from .pagefind_stable import SIGNATURE, _decode, _encode, _head, _read, _Unsupported, _write

CHUNK_BYTES = 6_000  # CBOR bytes of words per chunk, before gzip (about 2-3 kB on the wire)
WORD_BYTES = 24_000  # CBOR bytes of one word at most: its locations are thinned to fit
KEEP = (8, 4, 2, 1)  # locations kept per page, the heaviest first, until the word fits


def rechunk(output: Path | str, chunk_bytes: int = CHUNK_BYTES, word_bytes: int = WORD_BYTES) -> bool:
    """Cut every language's word index of `output` (the pagefind/ folder) into chunks of at most
    `chunk_bytes` (a bigger word alone); True when done for every language.

    The languages' indexes are independent: each is cut in its own process (the build's language
    processes have ended, the cores are free), and a language whose index is not as expected keeps
    Pagefind's own."""
    output = Path(output)
    try:
        entry = json.loads((output / "pagefind-entry.json").read_text(encoding="utf-8"))
        languages = sorted(entry.get("languages", {}).items())
    except (OSError, ValueError, AttributeError):
        return False
    jobs = [(output, lang, info, chunk_bytes, word_bytes) for lang, info in languages]
    if len(jobs) > 1 and (os.cpu_count() or 1) > 1 and "fork" in multiprocessing.get_all_start_methods():
        with multiprocessing.get_context("fork").Pool(min(len(jobs), os.cpu_count() or 1)) as pool:
            done = pool.starmap(_rechunk_language, jobs)
    else:
        done = [_rechunk_language(*job) for job in jobs]
    return all(done)


def _rechunk_language(output: Path, lang: str, info: dict, chunk_bytes: int, word_bytes: int) -> bool:
    """One language's index cut again; all its chunks are read (and checked) before one is written."""
    try:
        meta_path = output / f"pagefind.{info['hash']}.pf_meta"
        meta = _read(meta_path)
        if not (isinstance(meta, list) and len(meta) > 2 and isinstance(meta[2], list)):
            raise _Unsupported(meta_path.name)
        old = [output / "index" / f"{chunk[2]}.pf_index" for chunk in meta[2]]
        words = []
        for path in old:
            words.extend(_words(path))
        meta[1] = [_rounded(page) for page in meta[1]]  # checked before anything is written
        chunks = _cut(words, chunk_bytes, word_bytes)
        names: set[str] = set()
        listed = []
        for (_first, _last, data), (start, end) in zip(chunks, _bounds(chunks, chunk_bytes)):
            digest = hashlib.sha256(data).hexdigest()
            size = 7
            while f"{lang}_{digest[:size]}" in names:
                size += 1
            name = f"{lang}_{digest[:size]}"
            names.add(name)
            _write(output / "index" / f"{name}.pf_index", data, output / "index" / f"{name}.pf_index")
            listed.append([start, end, name])
        for path in old:
            if path.stem not in names:
                path.unlink()
        meta[2] = listed
        _write(meta_path, _encode(meta), meta_path)
        return True
    except (OSError, ValueError, KeyError, IndexError, TypeError, struct.error, EOFError):
        return False


def _words(path: Path) -> list[tuple[str, bytes]]:
    """The words of a chunk file: (word, its CBOR bytes as written). Only the word is decoded;
    the rest is skipped over (a word's locations are decoded only to thin it)."""
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(SIGNATURE) or raw[len(SIGNATURE)] != 0x81:  # a one-item array: [words]
        raise _Unsupported(path.name)
    pos = len(SIGNATURE) + 1
    count, pos = _length(raw, pos, major=4)
    out = []
    for _ in range(count):
        if raw[pos] >> 5 != 4:  # [word, pages, variants]
            raise _Unsupported("word entry")
        key, _after = _decode(raw, _length(raw, pos, major=4)[1])
        if not isinstance(key, str):
            raise _Unsupported("word entry")
        end = _end(raw, pos)
        out.append((key, raw[pos:end]))
        pos = end
    if pos != len(raw):
        raise _Unsupported(path.name)
    return out


def _end(raw: bytes, pos: int) -> int:
    """Where the CBOR item at `pos` ends, without building it (one loop over its heads)."""
    todo = 1
    while todo:
        head = raw[pos]
        major, info = head >> 5, head & 0x1F
        pos += 1
        todo -= 1
        if info < 24:
            length = info
        elif info == 24:
            length = raw[pos]
            pos += 1
        elif info == 25:
            length = raw[pos] << 8 | raw[pos + 1]
            pos += 2
        elif info in (26, 27):
            size = 4 if info == 26 else 8
            length = int.from_bytes(raw[pos:pos + size], "big")
            pos += size
        else:
            raise _Unsupported("indefinite length")
        if major in (2, 3):
            pos += length
        elif major == 4:
            todo += length
        elif major == 5:
            todo += 2 * length
    return pos


def _length(raw: bytes, pos: int, major: int) -> tuple[int, int]:
    """The length in a CBOR head of type `major` at `pos`, and the position after the head."""
    head = raw[pos]
    if head >> 5 != major:
        raise _Unsupported("unexpected CBOR type")
    info = head & 0x1F
    if info < 24:
        return info, pos + 1
    if info > 27:
        raise _Unsupported("indefinite length")
    size = 1 << (info - 24)
    return int.from_bytes(raw[pos + 1:pos + 1 + size], "big"), pos + 1 + size


def _rounded(page: list) -> list:
    """A page's entry in the meta file, [fragment, words], its word count to two significant
    digits (2,314 -> 2,300): the count only weighs the page's length in BM25, and the exact
    counts of 7,856 pages were 18 kB of the 68 kB every first search reads (7.5 kB less)."""
    if not (isinstance(page, list) and len(page) == 2 and isinstance(page[1], int)):
        raise _Unsupported("page entry")
    words = page[1]
    if words < 100:
        return page
    scale = 10 ** (len(str(words)) - 2)
    return [page[0], (words + scale // 2) // scale * scale]


def _cut(words: list, chunk_bytes: int, word_bytes: int = WORD_BYTES) -> list:
    """The words in order, in chunks of at most `chunk_bytes` encoded bytes (a bigger word
    alone): [(first word, last word, CBOR of the chunk)]."""
    chunks: list = []
    current: list[bytes] = []
    first = last = ""
    size = 0
    for key, data in words:
        if len(data) > word_bytes:
            data = _thinned(data, word_bytes)
        if current and size + len(data) > chunk_bytes:
            chunks.append((first, last, _head(4, 1) + _head(4, len(current)) + b"".join(current)))
            current, size = [], 0
        if not current:
            first = key
        current.append(data)
        last = key
        size += len(data)
    if current:
        chunks.append((first, last, _head(4, 1) + _head(4, len(current)) + b"".join(current)))
    return chunks


def _thinned(data: bytes, word_bytes: int) -> bytes:
    """A word found on most pages (intervention, soins, tegemoetkoming: 75-80 kB at 20,000 pages)
    with at most k locations per page (k from KEEP, the largest that fits `word_bytes`): every
    page still matches, with the same score up to about ten plain occurrences (see `_heaviest`;
    BM25's term frequency saturates there anyway); excerpts lose the other occurrences."""
    least = _keep(data, KEEP[-1])
    if len(least) > word_bytes:  # the usual case at 20,000 pages: one location is all that fits
        return least
    for keep in KEEP[:-1]:
        thinned = _keep(data, keep)
        if len(thinned) <= word_bytes:
            return thinned
    return least


def _keep(data: bytes, keep: int) -> bytes:
    """The word's CBOR with at most `keep` locations per page (its diacritic variants too),
    rewritten in one pass over its bytes: [word, [[page, [locations], ...], ...], [variants]]."""
    out: list[bytes] = []
    if _keep_word(data, 0, keep, out) != len(data):
        raise _Unsupported("word entry")
    return b"".join(out)


def _keep_word(raw: bytes, pos: int, keep: int, out: list[bytes]) -> int:
    items, at = _length(raw, pos, major=4)
    if items not in (2, 3):
        raise _Unsupported("word entry")
    at = _copy(raw, pos, _end(raw, at), out)  # the head and the word
    pages, after = _length(raw, at, major=4)
    at = _copy(raw, at, after, out)
    for _ in range(pages):
        fields, after = _length(raw, at, major=4)
        if fields < 2:
            raise _Unsupported("page entry")
        at = _copy(raw, at, _end(raw, after), out)  # the head and the page number
        count, at = _length(raw, at, major=4)
        locs = []
        for _ in range(count):
            loc, at = _int(raw, at)
            locs.append(loc)
        kept = _heaviest(locs, keep)
        out.append(_head(4, len(kept)) + b"".join(map(_int_bytes, kept)))
        for _ in range(fields - 2):  # the page's other fields, as written
            at = _copy(raw, at, _end(raw, at), out)
    if items == 3:  # the variants: words of their own
        variants, after = _length(raw, at, major=4)
        at = _copy(raw, at, after, out)
        for _ in range(variants):
            at = _keep_word(raw, at, keep, out)
    return at


def _copy(raw: bytes, start: int, end: int, out: list[bytes]) -> int:
    out.append(raw[start:end])
    return end


def _int(raw: bytes, pos: int) -> tuple[int, int]:
    """The CBOR integer at `pos` and the position after it."""
    major = raw[pos] >> 5
    if major not in (0, 1):
        raise _Unsupported("location")
    value, after = _length(raw, pos, major=major)
    return (value if major == 0 else -1 - value), after


@functools.lru_cache(maxsize=65536)
def _int_bytes(value: int) -> bytes:
    return _head(0, value) if value >= 0 else _head(1, -1 - value)


def _heaviest(locs: list, keep: int) -> list:
    """At most `keep` of Pagefind's locations, the heaviest, written back in their order, and
    carrying the weight of those left out (rounded down to LEVELS, MAX_WEIGHT at most): Pagefind
    scores a page by the sum of its locations' weights, so the page keeps its term frequency in
    a few steps. A negative number sets the weight of the locations after it (-1 - weight);
    before any, DEFAULT_WEIGHT."""
    marked: list[tuple[int, int, int]] = []  # (weight, index, location)
    marker: int | None = None
    for i, loc in enumerate(locs):
        if not isinstance(loc, int):
            raise _Unsupported("location")
        if loc < 0:
            marker = loc
        else:
            marked.append((-1 - marker if marker is not None else DEFAULT_WEIGHT, i, loc))
    if len(marked) <= keep:
        return locs
    heaviest = sorted(marked, key=lambda m: (-m[0], m[1]))
    chosen, left = heaviest[:keep], sum(m[0] for m in heaviest[keep:])
    weights = {}
    for weight, i, _loc in chosen:  # the heaviest first take what was left out
        extra = min(left, MAX_WEIGHT - weight) if weight < MAX_WEIGHT else 0
        weights[i], left = max(weight, _level(weight + extra)), left - extra
    out: list[int] = []
    current = None
    for _weight, i, loc in sorted(chosen, key=lambda m: m[1]):
        if weights[i] != current:
            out.append(-1 - weights[i])
            current = weights[i]
        out.append(loc)
    return out


DEFAULT_WEIGHT = 24  # a location before any weight marker: Pagefind's plain text (1.0)
MAX_WEIGHT = 240  # Pagefind reads a location's weight as one byte: 10 plain occurrences at most
LEVELS = (24, 96, 240)  # a page's weight rounded down to few values: gzip keeps them small


def _level(weight: int) -> int:
    """`weight` rounded down to LEVELS (one, four, ten plain occurrences)."""
    return max((level for level in LEVELS if level <= weight), default=weight)


def _bounds(chunks: list, chunk_bytes: int) -> list[tuple[str, str]]:
    """Each chunk's (from, to), with no gap between neighbours. A chunk starts as Pagefind
    starts it: the first word, shortened to one letter past its common prefix with the previous
    chunk's last word (so "remb", being typed, reads the chunk of "remboursement"). It ends just
    below the next chunk's start. Pagefind leaves the strings between two chunks' prefixes
    ("delai" after "del") to a loose match that reads every chunk with a short prefix ("de",
    "a": 160-230 kB at 20,000 pages); here every word falls in exactly one chunk. A big word's
    chunk ends at that word: what follows ("tegemoetkoming", which Pagefind also looks up
    unstemmed, after "technisch") falls in the next, small chunk."""
    starts, ends = [""], []
    for (_f, last, data), (first, _l, _d) in zip(chunks, chunks[1:]):
        if len(data) > chunk_bytes:  # one big word (rarely, a full chunk: it may end at its last word too)
            starts.append(last + "\x00")  # the first string after it
            ends.append(last)
            continue
        common = 0
        for x, y in zip(last, first):
            if x != y:
                break
            common += 1
        starts.append(first[:common + 1])
        ends.append(_just_below(starts[-1]))
    return list(zip(starts, ends + [TOP]))


TOP = "\U0010ffff"  # the last code point: above any word


def _just_below(text: str) -> str:
    """The greatest string below `text` that a word could be compared with: its last letter one
    less, then TOP ("dem" -> "del" + TOP)."""
    code = ord(text[-1]) - 1
    if code < 0:
        return text[:-1]
    if 0xD800 <= code <= 0xDFFF:  # no surrogates in a str that is encoded
        code = 0xD7FF
    return text[:-1] + chr(code) + TOP
