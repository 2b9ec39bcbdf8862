"""Pagefind's word index cut again into small chunks (search/pagefind_chunks.py, issue 17): the
same words in the same order, each found in exactly one chunk, a frequent word thinned to its
heaviest locations; and on the built sample, the chunks Pagefind reads stay small."""

from __future__ import annotations

import json
from pathlib import Path

from regkb.search.pagefind_chunks import CHUNK_BYTES, TOP, _bounds, _heaviest, rechunk
from regkb.search.pagefind_stable import _encode, _read, _write


def _index(folder: Path, words: list[list]) -> Path:
    """A Pagefind folder of one language with `words` in two chunks, as Pagefind writes them."""
    (folder / "index").mkdir(parents=True)
    half = len(words) // 2
    chunks = []
    for i, part in enumerate((words[:half], words[half:])):
        name = f"fr_old{i}"
        path = folder / "index" / f"{name}.pf_index"
        _write(path, _encode([part]), path)
        chunks.append([part[0][0], part[-1][0], name])
    meta = ["1.5.2", [["fr_page0", 10]], chunks, [], [], []]
    _write(folder / "pagefind.fr_meta.pf_meta", _encode(meta), folder / "pagefind.fr_meta.pf_meta")
    (folder / "pagefind-entry.json").write_text(json.dumps({"languages": {"fr": {"hash": "fr_meta"}}}))
    return folder


def _page(number: int, locs: list[int]) -> list:
    return [number, locs, []]


def _read_back(folder: Path) -> tuple[list, list]:
    meta = _read(folder / "pagefind.fr_meta.pf_meta")
    words = [w for _f, _t, name in meta[2] for w in _read(folder / "index" / f"{name}.pf_index")[0]]
    return meta[2], words


def _chunks_of(listed: list, term: str) -> list[str]:
    """The chunks Pagefind reads for `term`: those whose range holds it (its strict match)."""
    return [name for start, end, name in listed if start <= term <= end]


def test_same_words_in_small_chunks_each_word_in_one_chunk(tmp_path: Path) -> None:
    names = ["dappliqu", "de", "debut", "delai", "demand", "rem", "remarqu", "rembours", "remboursement", "zon"]
    words = [[w, [_page(1, [3, 9]), _page(2, [5])], []] for w in names]
    folder = _index(tmp_path, words)
    assert rechunk(folder, chunk_bytes=40)
    listed, back = _read_back(folder)
    assert back == words  # nothing lost, nothing reordered, entries as Pagefind wrote them
    assert len(listed) > 3 and not list((folder / "index").glob("fr_old*"))
    for word in names + ["dela", "delaix", "remb", "a", "zzz", "tegemoetkoming"]:
        assert len(_chunks_of(listed, word)) == 1, word  # never a loose match over several chunks
    rembours = next(name for start, end, name in listed if start <= "rembours" <= end)
    assert _chunks_of(listed, "remb") == [rembours]  # a word being typed reads its words' chunk
    assert listed[0][0] == "" and listed[-1][1] == TOP


def test_a_frequent_word_is_alone_thinned_to_its_heaviest_locations(tmp_path: Path) -> None:
    # -25: plain text (weight 24), -169: the title (weight 168)
    big = ["soin", [_page(n, [-25, 40, 52, 77, 90, -169, 2]) for n in range(1, 200)], []]
    words = [["sod", [_page(1, [4])], []], big, ["sol", [_page(3, [8])], []], ["som", [_page(4, [6])], []]]
    folder = _index(tmp_path, words)
    assert rechunk(folder, chunk_bytes=200, word_bytes=1500)
    listed, back = _read_back(folder)
    soin = next(w for w in back if w[0] == "soin")
    assert len(soin[1]) == 199  # every page still matches
    # one location left, the title's, weighing what the page had, rounded down: 168 + 4 x 24 -> 240
    assert all(page[1] == [-241, 2] for page in soin[1])
    alone = _chunks_of(listed, "soin")
    assert len(alone) == 1 and next(e for s, e, n in listed if n == alone[0]) == "soin"
    assert _chunks_of(listed, "soins") != alone  # the unstemmed word reads the next, small chunk
    assert [w for w in back if w[0] != "soin"] == [w for w in words if w[0] != "soin"]


def _weight(locs: list[int]) -> int:
    """What Pagefind scores a page with: the sum of its locations' weights."""
    total, weight = 0, 24
    for loc in locs:
        if loc < 0:
            weight = -1 - loc
        else:
            total += weight
    return total


def test_heaviest_locations_keep_their_order_and_the_page_its_weight() -> None:
    locs = [-25, 40, 52, -145, 63, -169, 7]  # two plain, a heading (144), the title (168)
    assert _heaviest(locs, 2) == [-145, 63, -169, 7]  # 168 + 48 is not yet the next level, 240
    assert _heaviest([3, 9, -169, 7], 2) == [-25, 3, -169, 7]  # before any marker: the default weight
    assert _heaviest([3, 9], 4) == [3, 9]
    for plain, weight in ((2, 24), (4, 96), (9, 96), (10, 240), (30, 240)):  # one, four, ten occurrences
        thinned = _heaviest([-25] + list(range(1, plain + 1)), 1)
        assert thinned == [-1 - weight, 1] and _weight(thinned) == weight, plain


def test_bounds_leave_no_gap() -> None:
    small = [("a", "b", b"x"), ("bd", "d", b"y"), ("e", "f", b"z")]
    assert _bounds(small, 10) == [("", "bc" + TOP), ("bd", "d" + TOP), ("e", TOP)]
    big = [("a", "b", b"x"), ("soin", "soin", b"y" * 20), ("soins", "t", b"z")]
    assert _bounds(big, 10) == [("", "r" + TOP), ("s", "soin"), ("soin\x00", TOP)]  # a big word ends at itself


def test_word_counts_to_two_digits(tmp_path: Path) -> None:
    folder = _index(tmp_path, [["a", [_page(1, [2])], []], ["b", [_page(1, [3])], []]])
    meta_path = folder / "pagefind.fr_meta.pf_meta"
    meta = _read(meta_path)
    meta[1] = [["fr_p0", 87], ["fr_p1", 2314], ["fr_p2", 2550], ["fr_p3", 12345]]
    _write(meta_path, _encode(meta), meta_path)
    assert rechunk(folder)
    assert _read(meta_path)[1] == [["fr_p0", 87], ["fr_p1", 2300], ["fr_p2", 2600], ["fr_p3", 12000]]


def test_unexpected_index_is_left_as_pagefind_wrote_it(tmp_path: Path) -> None:
    folder = _index(tmp_path, [["a", [_page(1, [2])], []], ["b", [_page(1, [3])], []]])
    (folder / "index" / "fr_old1.pf_index").write_bytes(b"not gzip")
    before = sorted(p.name for p in (folder / "index").iterdir())
    assert not rechunk(folder)
    assert sorted(p.name for p in (folder / "index").iterdir()) == before


def test_the_sample_index_is_in_small_chunks(sample_site: Path) -> None:
    output = sample_site / "pagefind"
    entry = json.loads((output / "pagefind-entry.json").read_text(encoding="utf-8"))
    for info in entry["languages"].values():
        listed = _read(output / f"pagefind.{info['hash']}.pf_meta")[2]
        assert len(listed) > 10
        for start, end, name in listed:
            words = _read(output / "index" / f"{name}.pf_index")[0]
            assert len(words) == 1 or len(_encode([words])) <= CHUNK_BYTES + 8, (name, start, end)
        assert all(a[1] < b[0] for a, b in zip(listed, listed[1:]))  # in order, no overlap
