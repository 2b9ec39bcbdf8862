"""What the authors' HTML policy costs: the real texts of ../shared/real converted by Python-Markdown,
then sanitized (nh3, pages/sanitize.py) and scanned (core/htmlpolicy.py), each timed once.

    .venv/bin/python bench/sanitize_cost.py [folder]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import markdown

from regkb.core.htmlpolicy import violations
from regkb.pages.sanitize import sanitize


def main() -> int:
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "shared" / "real")
    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*.md"))]
    if not texts:
        print(f"no Markdown under {folder}")
        return 1
    md = markdown.Markdown(extensions=["attr_list", "md_in_html", "admonition", "tables", "toc"])
    started = time.perf_counter()
    pages = [md.reset().convert(text) for text in texts]
    convert = time.perf_counter() - started
    started = time.perf_counter()
    for page in pages:
        sanitize(page)
    clean = time.perf_counter() - started
    started = time.perf_counter()
    found = sum(len(list(violations(text))) for text in texts)
    scan = time.perf_counter() - started
    print(f"{len(texts)} texts, {sum(map(len, texts)) / 1e6:.1f} MB of Markdown: convert {convert:.2f} s, "
          f"sanitize {clean:.2f} s ({clean / convert:.1%}), policy scan {scan:.2f} s ({scan / convert:.1%}), "
          f"{found} violations")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
