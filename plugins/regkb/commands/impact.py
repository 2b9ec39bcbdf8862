"""`regkb impact`: what cites a text or an article, and which answers and circulars to check again.

`regkb impact ar-1996-07-03#art-7` lists every text that cites it (or amends, implements, replaces
it), with the relation, the citing version, both short titles and the file and line, so staff see
what a change touches before making it. `regkb impact --stale` lists the answers and circulars whose
cited article changed after their last review (the same list the build logs).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..core.impact import citations, find_impacts
from ..core.references import TargetError, link_text, parse_target, resolve
from ..core.validate import build_date
from ..sources import load_corpus


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "impact", help="list what cites a text or article; --stale: answers and circulars to check again",
        description="List every text that cites ID (or its article: ID#art-N), with the relation, the citing "
                    "version, its short titles in French and Dutch, and the file and line. With --stale, list the "
                    "answers and circulars whose cited article changed after their last review.")
    parser.add_argument("target", nargs="?", metavar="ID[#art-N]", help="e.g. ar-1996-07-03 or ar-1996-07-03#art-7")
    parser.add_argument("--stale", action="store_true",
                        help="list answers and circulars affected by a change after their 'reviewed' date")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if not args.target and not args.stale:
        print("regkb impact: give a text (ID or ID#art-N) or --stale.", file=sys.stderr)
        return 2
    root = Path(args.root)
    if not root.is_dir():
        print(f"regkb impact: the project folder '{root}' does not exist.", file=sys.stderr)
        return 2
    corpus, _diagnostics = load_corpus(root)
    index = corpus.references
    today = build_date()
    if args.target:
        code = _cited(corpus, index, args.target.removeprefix("ref:"), today)
        if code:
            return code
    if args.stale:
        _stale(corpus, index, today)
    return 0


def _cited(corpus, index, raw: str, today) -> int:
    try:
        target = parse_target(raw)
        resolution = resolve(corpus, target, today)
    except TargetError as exc:
        print(f"regkb impact: {exc}. {exc.fix}", file=sys.stderr)
        return 1
    print(f"{raw}: {link_text(resolution, target, 'fr')} / {link_text(resolution, target, 'nl')}")
    found = citations(corpus, index, target.doc_id, target.anchor)
    if not found:
        print("  nothing cites it.")
        return 0
    for citation in found:
        source = citation.source
        cited = str(citation.target) if citation.relation == "cites" else citation.target.doc_id
        version = f"version {citation.version_key}" if citation.version_key else "whole text"
        lang = f" [{citation.lang}]" if citation.lang else ""
        print(f"  {citation.relation:<10} {source.id} ({version}){lang} -> {cited}")
        print(f"             fr: {source.short_title('fr')}")
        print(f"             nl: {source.short_title('nl')}")
        print(f"             {citation.path}:{citation.line}")
    documents = len({c.source.id for c in found})
    print(f"{len(found)} citation(s) in {documents} text(s).")
    return 0


def _stale(corpus, index, today) -> None:
    impacts = find_impacts(corpus, index, today)
    print(f"Answers and circulars to check again (build day {today.isoformat()}):")
    for impact in impacts:
        print(f"  {impact.format()}")
    print(f"{len(impacts)} impact(s) in {len({i.source.id for i in impacts})} text(s).")
