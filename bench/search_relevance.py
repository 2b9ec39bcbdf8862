"""Relevance of the two searches, measured on queries written from the content beforehand.

Runs every query of `bench/search_queries.yml` (one section per corpus) through the real site box
(the built site served on loopback, typed into the header box of headless Chromium, the results
read as shown, direct hits and other-language results included) and through the FAQ service
(whoosh, `SearchService` in process, the same code `regkb serve` answers with), then prints
hits@1, hits@3 and MRR (over the first 10 results) per search and language, and the misses.

    python bench/search_relevance.py site                      # the sample site, section "sample"
    python bench/search_relevance.py site --section heldout    # the held-out set (bench/RESULTS.md)
    python bench/search_relevance.py /tmp/c2k/site --queries bench/search_queries.yml \\
        --section bench2000 --index /tmp/c2k/.cache/search
    python bench/search_relevance.py site --only site          # the site box only

Exit status 1 when the site box misses its targets (hits@3 >= 0.95, MRR >= 0.90).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from urllib.parse import urlsplit

import yaml

REPO = Path(__file__).resolve().parent.parent
TOP = 10
TARGET_HITS3, TARGET_MRR = 0.95, 0.90
READ = """
  return Array.from(arguments[0].querySelectorAll('[data-regkb-results] > li > a')).map(a => a.href);"""


def load(path: Path, section: str) -> list[dict]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data[section]


def rank_of(urls: list[str], query: dict) -> int | None:
    """1-based rank where the query is answered, None when not in the first TOP results."""
    expected = list(query["expect"])
    if query.get("other"):  # a word of the other language: the same page in either language answers
        expected = expected + [e.removeprefix("nl/") if e.startswith("nl/") else "nl/" + e for e in expected]
    ranks = []
    for want in expected:
        path, _, anchor = want.partition("#")
        found = None
        for index, url in enumerate(urls[:TOP], start=1):
            parts = urlsplit(url)
            here = parts.path.lstrip("/")
            # an article is reached on its text's page (#art-7) or on its own page (art-7/)
            if (here == path and (not anchor or parts.fragment == anchor)) or (anchor and here == f"{path}{anchor}/"):
                found = index
                break
        ranks.append(found)
    if query.get("all"):  # n texts named at once: all of them in the first n places is rank 1
        return None if None in ranks else max(1, max(ranks) - len(ranks) + 1)
    found = [r for r in ranks if r is not None]
    return min(found) if found else None


def site_box(site: Path, queries: list[dict]) -> list[list[str]]:
    """The result links the header box shows for each query."""
    sys.path.insert(0, str(REPO / "tests"))
    from browser import chromium, serve
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    out = []
    with serve(site) as url, chromium() as driver:
        current = None
        for query in queries:
            page = url + ("nl/" if query["lang"] == "nl" else "")
            if page != current:
                driver.get(page)
                current = page
            box = driver.find_element(By.CSS_SELECTOR, "[data-regkb-search=header]")
            field = box.find_element(By.CSS_SELECTOR, "[data-regkb-query]")
            driver.execute_script("""
              const field = arguments[0];
              field.focus(); field.value = arguments[1];
              field.dispatchEvent(new Event('input', {bubbles: true}));""", field, query["q"])
            WebDriverWait(driver, 60).until(lambda d, box=box, q=query["q"]: box.get_attribute("data-regkb-done") == q)
            out.append(driver.execute_script(READ, box))
    return out


def faq_service(index: Path, queries: list[dict]) -> list[list[str]]:
    """The result urls the whoosh API answers for each query."""
    from regkb.search.query import SearchService

    service = SearchService(index)
    out = []
    for query in queries:
        result = service.search(query["q"], lang=query["lang"], limit=TOP)
        out.append(["http://x/" + hit.path.lstrip("/") for hit in result.hits])
    service.close()
    return out


def report(name: str, queries: list[dict], answers: list[list[str]]) -> tuple[float, float]:
    """Print the figures per language and overall, and the misses; returns (hits@3, MRR) overall."""
    ranks = [rank_of(urls, q) for urls, q in zip(answers, queries)]
    print(f"\n## {name}\n")
    print("| language | queries | hits@1 | hits@3 | MRR |")
    print("|---|---|---|---|---|")
    overall = (0.0, 0.0)
    for lang in ("fr", "nl", "all"):
        chosen = [r for r, q in zip(ranks, queries) if lang == "all" or q["lang"] == lang]
        if not chosen:
            continue
        n = len(chosen)
        h1 = sum(1 for r in chosen if r == 1) / n
        h3 = sum(1 for r in chosen if r is not None and r <= 3) / n
        mrr = sum(1 / r for r in chosen if r) / n
        print(f"| {lang} | {n} | {h1:.3f} | {h3:.3f} | {mrr:.3f} |")
        if lang == "all":
            overall = (h3, mrr)
    misses = [(q, r, urls) for q, r, urls in zip(queries, ranks, answers) if r != 1]
    if misses:
        print("\nNot first:")
        for q, r, urls in misses:
            shown = ", ".join(urlsplit(u).path + ("#" + urlsplit(u).fragment if urlsplit(u).fragment else "") for u in urls[:3])
            print(f"- [{q['lang']} {q['cat']}] {q['q']!r}: rank {r or '-'} (expected {q['expect'][0]}; got {shown or 'nothing'})")
    return overall


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", help="built site folder (with pagefind/)")
    parser.add_argument("--queries", default=str(REPO / "bench/search_queries.yml"))
    parser.add_argument("--section", default="sample")
    parser.add_argument("--index", default=str(REPO / ".cache/search"), help="the whoosh index folder")
    parser.add_argument("--only", choices=("site", "api"))
    args = parser.parse_args()
    queries = load(Path(args.queries), args.section)
    print(f"{len(queries)} queries ({args.section}): "
          f"{sum(q['lang'] == 'fr' for q in queries)} FR, {sum(q['lang'] == 'nl' for q in queries)} NL")
    ok = True
    if args.only != "api":
        h3, mrr = report("site box (Pagefind + search.js, headless Chromium)", queries, site_box(Path(args.site), queries))
        ok = h3 >= TARGET_HITS3 and mrr >= TARGET_MRR
    if args.only != "site":
        report("FAQ service (whoosh API)", queries, faq_service(Path(args.index), queries))
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
