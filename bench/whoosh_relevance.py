"""Relevance of the FAQ/document search service (whoosh), through its in-process entry point.

    python bench/whoosh_relevance.py [--index .cache/search] [--queries bench/whoosh_queries.yml] [--misses]

Runs every query of the YAML file through `SearchService(index).search(q, lang, limit=10)` (the
same call the HTTP API makes, without HTTP) and prints hits@1, hits@3 and MRR per language and
category, with the misses. A query counts as found at the rank of its first acceptable answer.
Build the index first (`make site` or `regkb search --build`).
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def evaluate(service, queries: list[dict]) -> tuple[dict, list[tuple[dict, list[str]]]]:
    """{group: [hits@1, hits@3, MRR, n]} for 'all', each language and each category; the misses."""
    ranks: dict[str, list[float]] = defaultdict(list)
    misses = []
    for query in queries:
        result = service.search(query["q"], query["lang"], limit=10)
        ids = [hit.id for hit in result.hits]
        rank = next((i + 1 for i, found in enumerate(ids) if found in query["ok"]), None)
        for group in ("all", query["lang"], query["cat"]):
            ranks[group].append(rank or 0)
        if rank != 1:
            misses.append((query, ids[:3]))
    table = {}
    for group, values in ranks.items():
        n = len(values)
        table[group] = [sum(1 for r in values if r == 1) / n, sum(1 for r in values if 1 <= r <= 3) / n,
                        sum(1 / r for r in values if r) / n, n]
    return table, misses


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--index", default=str(ROOT / ".cache/search"))
    parser.add_argument("--queries", default=str(Path(__file__).with_name("whoosh_queries.yml")))
    parser.add_argument("--misses", action="store_true", help="also list queries not found first")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT / "plugins"))
    from regkb.search import SearchService

    queries = yaml.safe_load(Path(args.queries).read_text(encoding="utf-8"))
    service = SearchService(args.index)
    table, misses = evaluate(service, queries)
    print(f"{'group':<16}{'n':>4}{'hits@1':>9}{'hits@3':>9}{'MRR':>8}")
    for group in ["all", "fr", "nl"] + sorted(g for g in table if g not in ("all", "fr", "nl")):
        h1, h3, mrr, n = table[group]
        print(f"{group:<16}{n:>4}{h1:>9.3f}{h3:>9.3f}{mrr:>8.3f}")
    if args.misses:
        for query, top in misses:
            print(f"  not first: [{query['lang']}] {query['q']!r} -> {top} (want {query['ok'][0]})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
