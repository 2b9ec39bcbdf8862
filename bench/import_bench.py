"""Time and peak memory of `regkb import` on the real 85-version law (../shared/real).

Runs the command as a whole process (what staff run), into a fresh temporary project, and then
the same import again over its own output (every file unchanged: the cost of re-importing). The
last line printed is:

    snapshots=<n> versions=<written> import_s=<seconds> reimport_s=<seconds> peak_mb=<MB>

    python bench/import_bench.py [--archive ../shared/real/iterata-archive/1999011160] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OPTIONS = ["--kind", "law", "--date", "1999-04-29", "--numac", "1999011160",
           "--title", "29 AVRIL 1999. - Loi relative à l'organisation du marché de l'électricité."]


def run(project: Path, files: list[str]) -> float:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "plugins"))
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "regkb.cli", "--root", str(project), "import", "markdown", *files,
                             "--id", "loi-1999-04-29", *OPTIONS], capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(result.stderr)
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--archive", default=str(ROOT.parent / "shared/real/iterata-archive/1999011160"))
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    files = [str(p) for p in sorted(Path(args.archive).glob("v*.md"))]
    first, again = [], []
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory() as tmp:
            first.append(run(Path(tmp), files))
            again.append(run(Path(tmp), files))
            versions = len(list((Path(tmp) / "docs/fr/regulations/loi-1999-04-29").glob("????-??-??.md")))
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"snapshots={len(files)} versions={versions} import_s={statistics.median(first):.2f} "
          f"reimport_s={statistics.median(again):.2f} peak_mb={peak:.0f}")


if __name__ == "__main__":
    main()
