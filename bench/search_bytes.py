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
import functools
import http.server
import sys
import threading
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEARCH_FILES = ("/pagefind/", "/assets/regkb/synonyms.", "/assets/regkb/ids/")


class CountingHandler(http.server.SimpleHTTPRequestHandler):
    served: list[tuple[str, int]] = []

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass

    def copyfile(self, source, outputfile) -> None:
        data = source.read()
        outputfile.write(data)
        self.served.append((self.path, len(data)))


def measure(site: Path, page: str, queries: list[str]) -> list[tuple[str, int, int]]:
    """[(query, files, bytes)] for each query, each in a fresh browser."""
    sys.path.insert(0, str(REPO / "tests"))
    from browser import chromium  # the project's headless Chromium set-up
    from test_site_search import header_search

    handler = functools.partial(CountingHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    out = []
    try:
        for query in queries:
            with chromium() as driver:
                CountingHandler.served.clear()
                header_search(driver, url + page, query)
                files = [(p, n) for p, n in CountingHandler.served if any(s in p for s in SEARCH_FILES)]
                out.append((query, len(files), sum(n for _p, n in files)))
    finally:
        server.shutdown()
        server.server_close()
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
