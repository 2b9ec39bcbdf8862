"""The other language's word index (search/wordpages.py): every page of every word, small files,
keys and buckets computed alike in Python and in the script (run in real Chromium)."""

from __future__ import annotations

import base64
import gzip
import json
import re
from pathlib import Path

from regkb.search import wordpages
from regkb.search.wordpages import bucket_of, key, write_wordpages

SEARCH_JS = Path(__file__).resolve().parent.parent / "plugins/regkb/site/theme/assets/regkb/search.js"


def _fragment(folder: Path, name: str, url: str, title: str, content: str, short: str = "") -> None:
    data = {"url": url, "content": content, "word_count": len(content.split()),
            "meta": {"title": title, "kind": "FAQ", "date": "2026-01-01", **({"short": short} if short else {})},
            "anchors": [{"element": "h1", "id": "t", "text": title, "location": 0}]}
    (folder / f"{name}.pf_fragment").write_bytes(gzip.compress(b"pagefind_dcd" + json.dumps(data).encode()))


def _pages(site: Path, lang: str) -> tuple[dict, list, dict]:
    folder = site / wordpages.ASSETS / lang
    info = json.loads((folder / "index.json").read_text(encoding="utf-8"))
    words: dict[str, list] = {}
    for i in range(info["buckets"]):
        words.update(json.loads((folder / f"b{i}.json").read_text(encoding="utf-8")))
    cards = [c for j in range(len(list(folder.glob("c*.json")))) for c in json.loads((folder / f"c{j}.json").read_text())]
    return info, cards, words


def _decoded(flat: list) -> set[int]:
    """The pages a word's entry names, as search.js reads it."""
    pages, start, page = set(), 0, 0
    if flat and isinstance(flat[0], str):
        bits = base64.b64decode(flat[0])
        pages |= {b * 8 + j for b, byte in enumerate(bits) for j in range(8) if byte >> j & 1}
        start = 1
    for i in range(start, len(flat) - 1, 2):
        page += flat[i]
        pages.add(page)
    return pages


def _site(tmp_path: Path, pages: int) -> Path:
    site = tmp_path / "site"
    fragments = site / "pagefind" / "fragment"
    fragments.mkdir(parents=True)
    (site / "pagefind" / "pagefind-entry.json").write_text(json.dumps({"languages": {"nl": {"hash": "nl_x"}}}))
    for i in range(pages):
        extra = " zelfregulatie" if i % 3 == 0 else ""
        _fragment(fragments, f"nl_{i:04d}", f"/nl/faq/q-{i:04d}/", f"Vraag {i} over diabetes",
                  f"Vraag {i} over diabetes. De zittingen worden terugbetaald{extra}.",
                  short="Oostende" if i == 7 else "")
    _fragment(fragments, "nl_nfd", "/nl/faq/z-nfd/", "Re\u0301sume\u0301", "Een re\u0301sume\u0301 (decomposed accents).")
    (fragments / "nl_broken.pf_fragment").write_bytes(b"not gzip")  # skipped, not fatal
    odd = {"url": "/nl/faq/z-odd/", "content": "vreemd", "meta": ["not", "a", "dict"]}
    (fragments / "nl_odd.pf_fragment").write_bytes(gzip.compress(b"pagefind_dcd" + json.dumps(odd).encode()))
    return site


def test_every_page_of_every_word_is_found(tmp_path: Path) -> None:
    site = _site(tmp_path, 400)
    written = write_wordpages(site, site / "pagefind")
    info, cards, words = _pages(site, "nl")
    assert len(cards) == 402 and cards[7][0] == "nl/faq/q-0007/" and cards[7][1] == "Vraag 7 over diabetes"
    assert cards[401] == ["nl/faq/z-odd/", "/nl/faq/z-odd/", "", "", ""]  # metadata that is no mapping: ignored
    assert _decoded(words["resum"]) == {400}  # decomposed accents fold as the script folds the query
    assert re.fullmatch(r"[0-9a-f]{12}", info["v"])  # the files' hash: the script puts it in their addresses
    assert isinstance(words["diabete"][0], str)  # on every page: a bitset, and its heaviest pages' weights
    assert _decoded(words["diabete"]) == set(range(400))  # (page 400, 401: the odd pages below)
    assert _decoded(words["zelfregulati"]) == set(range(0, 400, 3))
    assert _decoded(words["zitting"]) == set(range(400))  # zittingen: its plural off, as Pagefind stems it
    assert _decoded(words["oostend"]) == {7}  # a word of the page's metadata only (its short name)
    assert max(p.stat().st_size for p in written) < 12_000  # small files: a query reads one per word


def test_the_folder_is_replaced_and_the_output_stable(tmp_path: Path) -> None:
    site = _site(tmp_path, 40)
    stale = site / wordpages.ASSETS / "nl" / "b999.json"
    stale.parent.mkdir(parents=True)
    stale.write_text("{}")
    first = {p.name: p.read_bytes() for p in write_wordpages(site, site / "pagefind")}
    assert not stale.exists()
    again = {p.name: p.read_bytes() for p in write_wordpages(site, site / "pagefind")}
    assert first == again
    assert write_wordpages(site, site / "pagefind", only="fr") == []  # a part writes its own language only


def test_no_pagefind_output_writes_nothing(tmp_path: Path) -> None:
    assert write_wordpages(tmp_path, tmp_path / "pagefind") == []


def _function(source: str, name: str) -> str:
    match = re.search(rf"\n  function {name}\(.*?\n  }}\n", source, re.S)
    assert match, name
    return match.group(0)


def test_the_script_keys_and_buckets_words_as_the_build_does(browser, sample_site: Path) -> None:
    words = sorted(json.loads((sample_site / "assets/regkb/vocab/fr/r.json").read_text(encoding="utf-8")))
    words += sorted(json.loads((sample_site / "assets/regkb/vocab/nl/z.json").read_text(encoding="utf-8")))
    words += ["aux", "chevaux", "sportive", "soigneuse", "remboursees", "zittingen", "kosten", "2024", "13", "ab"]
    source = SEARCH_JS.read_text(encoding="utf-8")
    script = _function(source, "wordKey") + _function(source, "bucketOf") + """
        return arguments[0].map(w => ['fr', 'nl'].map(l => [wordKey(w, l), bucketOf(wordKey(w, l), 97)]));"""
    browser.get("about:blank")
    got = browser.execute_script(script, words)
    expected = [[[key(w, lang), bucket_of(key(w, lang), 97)] for lang in ("fr", "nl")] for w in words]
    assert len(words) > 100 and got == expected


def test_sample_site_has_the_index(sample_site: Path) -> None:
    for lang in ("fr", "nl"):
        info, cards, words = _pages(sample_site, lang)
        assert info["buckets"] >= 1 and len(cards) > 50
    _info, cards, words = _pages(sample_site, "nl")
    pages = [cards[p][0] for p in _decoded(words["remgeld"])]
    assert "nl/faq/ticket-moderateur-definition/" in pages
