"""Bytes a visitor downloads for a first search, measured in real headless Chromium.

Serves a built site on loopback, types each query in the header search box of a fresh browser
(empty cache), and counts, on the server side, every byte of the search files sent (Pagefind's
script, worker, WebAssembly, index chunks and result fragments, the synonyms and the identifier
map); the fetches of Pagefind's worker are included.

    python bench/search_bytes.py site "remboursées" "2024/7"
    python bench/search_bytes.py --page nl/ site "terugbetaald"
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
def measure(site: Path, page: str, queries: list[str]) -> list[tuple[str, int, int]]:
    """[(query, files, bytes)] for each query, each in a fresh browser."""
    sys.path.insert(0, str(REPO / "tests"))
    from browser import SEARCH_FILES, CountingHandler, chromium, serve  # the tests' Chromium and server
    from test_site_search import header_search

    out = []
    with serve(site, CountingHandler) as url:
        for query in queries:
            with chromium() as driver:
                CountingHandler.served.clear()
                header_search(driver, url + page, query)
                files = [(p, n) for p, n in CountingHandler.served if any(s in p for s in SEARCH_FILES)]
                out.append((query, len(files), sum(n for _p, n in files)))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", help="built site folder (with pagefind/)")
    parser.add_argument("queries", nargs="+")
    parser.add_argument("--page", default="", help="page to search from, e.g. nl/ (default: the home page)")
    args = parser.parse_args()
    for query, files, size in measure(Path(args.site), args.page, args.queries):
        print(f"{query!r}: {files} files, {size} bytes ({size / 1024:.1f} KiB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
