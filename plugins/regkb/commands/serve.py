"""`regkb serve --port 8080`: the read-only search API on waitress (a production WSGI server).

The index is opened once, read-only, at start; rebuild it with `make site` or
`regkb search --build` and restart the service to pick it up.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("serve", help="serve the search API (GET /api/search, /api/health) with waitress")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8080, help="port (default 8080)")
    parser.add_argument("--threads", type=int, default=4, help="worker threads (default 4)")
    parser.add_argument("--index", help="index folder (default: REGKB_SEARCH_INDEX or <root>/.cache/search)")
    parser.add_argument("--allow-origin", default="*", help="value of Access-Control-Allow-Origin (default *)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import waitress

    from ..search import default_index_dir
    from ..search.api import create_app
    from .search import open_index

    folder = Path(args.index) if args.index else default_index_dir(args.root)
    service = open_index(folder, "serve")
    if service is None:
        return 2
    print(f"regkb serve: search API on http://{args.host}:{args.port}/api/search (index {folder})",
          file=sys.stderr, flush=True)
    waitress.serve(create_app(service, args.allow_origin), host=args.host, port=args.port,
                   threads=args.threads, ident="regkb", max_request_header_size=16384,
                   max_request_body_size=1024)
    return 0
