"""Bytes a visitor downloads for a first search, measured in real headless Chromium.

Serves a built site on loopback, types each query in the header search box of a fresh browser
(empty cache), and counts, on the server side, every byte of the search files sent (Pagefind's
script, worker, WebAssembly, index chunks and result fragments, the synonyms, the identifier
maps and the vocabulary shards); the fetches of Pagefind's worker are included.

    python bench/search_bytes.py site "remboursées" "2024/7"
    python bench/search_bytes.py --page nl/ site "terugbetaald"
    python bench/search_bytes.py --set --budget 300000 /tmp/c20k/site     # the representative set
    python bench/search_bytes.py --files site "soins"                     # and each file sent
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BUDGET = 300_000  # bytes of a first search at 20,000 pages (issue 17)

# (page, query): one-word, frequent words, identifiers, typos, long questions, mixed, the other
# language; FR and NL.
QUERIES = [
    ("", "remboursées"),
    ("", "remboursement"),
    ("", "intervention"),
    ("", "soins"),
    ("", "2024/7"),
    ("", "AR 3 juillet 1996"),
    ("", "prolongation logopdie"),
    ("", "logopdie enfant refusée"),
    ("", "séance kiné remboursée"),
    ("", "intervention majorée soins à domicile"),
    ("", "combien de séances de kinésithérapie sont remboursées par an"),
    ("", "quel est le délai pour introduire la demande auprès du médecin-conseil"),
    ("", "remboursement des soins dentaires pour les enfants"),
    ("", "art. 7 AR 3 juillet 1996 intervention"),
    ("nl/", "terugbetaald"),
    ("nl/", "verzekering"),
    ("nl/", "tegemoetkoming"),
    ("nl/", "verhoogde tegemoetkomming"),
    ("nl/", "remgeld"),
    ("nl/", "KB 3 juli 1996"),
    ("nl/", "hoeveel zittingen kinesitherapie worden per jaar terugbetaald"),
    ("nl/", "binnen hoeveel dagen moet de aanvraag bij de adviserend arts worden ingediend"),
    ("nl/", "verhoogde tegemoetkoming voor thuisverpleging en remgeld"),
    ("nl/", "tegemoetkoming verzekering zorgverlener"),
    # a word of the other language: its results come from its word index (search/wordpages.py)
    ("", "remgeld"),
    ("", "thuisverpleging"),
    ("", "zelfregulatie diabetes Oostende"),
    ("nl/", "ticket modérateur"),
    ("nl/", "tiers payant"),
    ("nl/", "kiné à domicile"),
]


def measure(site: Path, searches: list[tuple[str, str]]) -> list[tuple[str, str, list[tuple[str, int]]]]:
    """[(page, query, [(path, bytes)] of the search files sent)] for each search, each in a fresh browser."""
    sys.path.insert(0, str(REPO / "tests"))
    from browser import SEARCH_FILES, CountingHandler, chromium, serve  # the tests' Chromium and server
    from test_site_search import header_search

    out = []
    with serve(site, CountingHandler) as url:
        for page, query in searches:
            with chromium() as driver:
                CountingHandler.served.clear()
                header_search(driver, url + page, query)
                files = [(p, n) for p, n in CountingHandler.served if any(s in p for s in SEARCH_FILES)]
                out.append((page, query, files))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", help="built site folder (with pagefind/)")
    parser.add_argument("queries", nargs="*")
    parser.add_argument("--page", default="", help="page to search from, e.g. nl/ (default: the home page)")
    parser.add_argument("--set", action="store_true", help="also the representative queries (QUERIES)")
    parser.add_argument("--files", action="store_true", help="list each file sent")
    parser.add_argument("--budget", type=int, metavar="BYTES", help=f"exit 1 when a search exceeds it (e.g. {BUDGET})")
    args = parser.parse_args()
    searches = [(args.page, q) for q in args.queries] + (QUERIES if args.set else [])
    if not searches:
        parser.error("no query (give some, or --set)")
    over = 0
    for page, query, files in measure(Path(args.site), searches):
        size = sum(n for _p, n in files)
        flag = " OVER" if args.budget and size >= args.budget else ""
        over += bool(flag)
        print(f"{page or '/'} {query!r}: {len(files)} files, {size} bytes ({size / 1024:.1f} KiB){flag}", flush=True)
        if args.files:
            for path, n in files:
                print(f"    {n:>8}  {path}")
    if args.budget:
        print(f"{over} of {len(searches)} searches at or over {args.budget} bytes")
    return 1 if over else 0


if __name__ == "__main__":
    raise SystemExit(main())
