"""`regkb search "question" --lang nl`: staff search the FAQ and titles from the command line.

`regkb search --build` (re)writes the index from the sources without building the site; the site
build writes it too. The index is only read here.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
import time
from pathlib import Path

from ..core.kinds import LANGS

MARK = re.compile(r"<mark[^>]*>(.*?)</mark>", re.S)
TAG = re.compile(r"<[^>]+>")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("search", help="search the questions and answers and the titles of all texts")
    parser.add_argument("query", nargs="?", help="the question, in the chosen language")
    parser.add_argument("--lang", default="fr", help="fr (default) or nl")
    parser.add_argument("--audience", help="only this audience (patients, providers, physiotherapists...)")
    parser.add_argument("--topic", help="only this FAQ topic (physiotherapy, speech-therapy...)")
    parser.add_argument("--limit", default="10", help="number of results, 1 to 50 (default 10)")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument("--index", help="index folder (default: REGKB_SEARCH_INDEX or <root>/.cache/search)")
    parser.add_argument("--build", action="store_true", help="(re)build the index from the sources first")
    parser.set_defaults(func=run)


def open_index(folder: Path, command: str):
    """The search service over `folder`, or None after telling how to build the index."""
    from ..search import SearchService
    from ..search.query import IndexMissing

    try:
        return SearchService(folder)
    except IndexMissing:
        print(f"regkb {command}: no search index in {folder}. Build it with `regkb search --build` "
              "(or `make site`).", file=sys.stderr)
        return None


def run(args: argparse.Namespace) -> int:
    from ..search import SearchError, default_index_dir
    from ..search.messages import message

    folder = Path(args.index) if args.index else default_index_dir(args.root)
    if args.build:
        status = build(Path(args.root), folder)
        if status or args.query is None:
            return status
    if args.query is None:
        print("regkb search: give a question, or --build to write the index.", file=sys.stderr)
        return 2
    service = open_index(folder, "search")
    if service is None:
        return 2
    try:
        result = service.search(args.query, args.lang, args.audience, args.topic, args.limit)
    except SearchError as exc:
        lang = args.lang if args.lang in LANGS else "fr"
        if args.json:
            print(json.dumps(exc.as_json(args.lang), ensure_ascii=False, indent=2))
        else:
            print(f"regkb search: {exc.messages[lang]}" + (f" ({exc.detail})" if exc.detail else ""),
                  file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
        return 0
    if result.suggestion:
        print(message("cli.did_you_mean", result.lang, q=result.suggestion))
    if not result.hits:
        print(message("cli.none", result.lang))
        if result.help_text:
            print(result.help_text)
        return 0
    bold = sys.stdout.isatty()
    for number, hit in enumerate(result.hits, start=1):
        tags = " · ".join([hit.kind] + hit.audience[:1] + hit.topics)
        print(f"{number}. {_text(hit.title_html, bold)}  [{tags}]")
        print(f"   {hit.article_url or hit.url}")  # an article asked for: its own page
        if hit.snippet_html:
            print(f"   {_text(hit.snippet_html, bold)}")
    return 0


def build(root: Path, folder: Path) -> int:
    """Load the sources and write the index (the same one the site build writes)."""
    from ..core.validate import build_date
    from ..search import build_search_index
    from ..sources import load_corpus

    started = time.perf_counter()
    corpus, diagnostics = load_corpus(root)
    if diagnostics.has_errors:
        for diagnostic in diagnostics.sorted():
            print(diagnostic.format(), file=sys.stderr)
        print("regkb search: the sources have errors (see above); the index was not written.", file=sys.stderr)
        return 1
    build_search_index(corpus, folder, build_date(), site_url(root))
    print(f"search index written to {folder} ({len(corpus)} documents, "
          f"{time.perf_counter() - started:.1f} s)", file=sys.stderr)
    return 0


def site_url(root: Path) -> str:
    """`site_url` of mkdocs.yml (read as text: the file has MkDocs-only YAML tags)."""
    try:
        text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    except OSError:
        return "/"
    match = re.search(r"^site_url:\s*['\"]?([^'\"\s#]+)", text, re.M)
    url = match.group(1) if match else "/"
    return url if url.endswith("/") else url + "/"


def _text(fragment: str, bold: bool) -> str:
    """A highlighted HTML fragment as terminal text (matches in bold on a terminal)."""
    fragment = MARK.sub(lambda m: f"\033[1m{m.group(1)}\033[0m" if bold else m.group(1), fragment)
    return html.unescape(TAG.sub("", fragment))
