"""How a very long text's document page behaves on a phone: weight and first paint, whole text
against the table of contents by chapter (what `pages/articlepage.LONG_TEXT_CHARS` decides).

Takes a built site holding a long text (e.g. `build_bench.py --big-text --keep DIR`), makes the
whole-text variant of its document page (the same page with the converted whole text in place of
the table of contents), and loads both in headless Chromium with a phone viewport (390 x 844,
4x CPU slowdown), over loopback. Prints weight, first contentful paint and load time (medians).

    python bench/long_page.py DIR/site-with regulations/ar-1984-09-14-nomenclature-bench/ DIR/with
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))


def whole_variant(site: Path, page: str, project: Path) -> Path:
    """The document page with the whole text converted in place of its table of contents."""
    import markdown

    from regkb.core.articles import anchor_headings
    from regkb.sources import load_corpus

    corpus, _ = load_corpus(project)
    doc_id = page.rstrip("/").split("/")[-1]
    document = corpus.get(doc_id)
    text = document.versions[-1].texts["fr"]
    html = markdown.Markdown(extensions=["attr_list", "md_in_html", "admonition", "tables", "toc"]).convert(
        anchor_headings(text.body))
    source = (site / page / "index.html").read_text(encoding="utf-8")
    start = source.index('<div class="regkb-text regkb-long-toc">')
    end = source.index("</div>", start) + len("</div>")
    out = site / page / "whole-variant" / "index.html"
    out.parent.mkdir(exist_ok=True)
    variant = source[:start] + f'<div class="regkb-text">{html}</div>' + source[end:]
    out.write_text(re.sub(r'(href|src)="\.\./', r'\1="../../', variant), encoding="utf-8")
    return out


def measure(site: Path, paths: list[str], runs: int = 5) -> dict[str, dict[str, float]]:
    from browser import chromium, serve

    results: dict[str, dict[str, list[float]]] = {p: {"fcp": [], "load": []} for p in paths}
    with serve(site) as base, chromium(390, 844) as driver:
        driver.execute_cdp_cmd("Emulation.setCPUThrottlingRate", {"rate": 4})
        for path in paths:  # warm-up: assets cached for both
            driver.get(base + path)
        for _ in range(runs):
            for path in paths:
                driver.get(base + path)
                fcp = driver.execute_script(
                    "const p = performance.getEntriesByName('first-contentful-paint')[0]; return p ? p.startTime : -1;")
                load = driver.execute_script(
                    "const n = performance.getEntriesByType('navigation')[0]; return n.loadEventEnd;")
                results[path]["fcp"].append(fcp)
                results[path]["load"].append(load)
    return {p: {k: statistics.median(v) for k, v in r.items()} for p, r in results.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site")
    parser.add_argument("page", help="the long text's document page, e.g. regulations/<id>/")
    parser.add_argument("project", help="the project the site was built from (to convert the whole text)")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    site, page = Path(args.site), args.page
    variant = whole_variant(site, page, Path(args.project))
    paths = [page, page + "whole-variant/"]
    for path, figures in measure(site, paths, args.runs).items():
        size = (site / path / "index.html").stat().st_size / 1024
        print(f"{path}: {size:.0f} KB, first contentful paint {figures['fcp']:.0f} ms, load {figures['load']:.0f} ms")
    variant.unlink()
    variant.parent.rmdir()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
