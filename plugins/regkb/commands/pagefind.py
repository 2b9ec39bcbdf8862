"""`regkb pagefind --site site`: (re)build the site search of an already built site.

`mkdocs build` does this itself once both languages are written; this command runs it alone, e.g.
after copying a site, or to measure it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..search.pagefind import PagefindError, build_site_search


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("pagefind", help="index a built site with Pagefind (one index per language)")
    parser.add_argument("--site", default="site", help="folder of the built site (default: site)")
    parser.add_argument("--no-ids", action="store_true", help="do not rewrite the identifier maps from the sources")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    corpus = today = None
    if not args.no_ids:
        from ..core.validate import build_date
        from ..sources import load_corpus

        corpus, diagnostics = load_corpus(Path(args.root))
        if diagnostics.errors:
            print(f"{len(diagnostics.errors)} error(s) in the sources: run `regkb check`", file=sys.stderr)
            return 1
        today = build_date()
    try:
        report = build_site_search(Path(args.site), corpus, today, Path(args.root) / "docs" if corpus else None)
    except PagefindError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(report.summary())
    return 0
