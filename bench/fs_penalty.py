"""How much more creating files costs right after many files were deleted, on this disk.

ext4 without a journal (this machine's disk: /proc/fs/jbd2 is empty) does not reuse an inode freed
in the last 5 s, or the last 5 min while its inode-table block is not yet written back, and
checking costs a read per candidate inode. A build writes thousands of files (pages, Pagefind
fragments, identifier shards); if thousands were deleted just before (the previous site), each
creation is several times slower. A fresh clone has nothing deleted behind it: `build_bench.py`
therefore sets old sites aside and deletes them after measuring.

    python bench/fs_penalty.py [--dir DIR] [--files 3000]

Prints the time to create the files in a fresh folder, then again right after deleting twice as
many. Running it deletes files, so it slows file creation on this disk for the next minutes.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from pathlib import Path


def create(root: Path, count: int, size: int = 20_000) -> float:
    """Seconds to create `count` folders with one page each, as a site build does."""
    start = time.perf_counter()
    for i in range(count):
        folder = root / f"d{i}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "index.html").write_text("x" * size)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dir", default=tempfile.gettempdir(), help="where to create the files")
    parser.add_argument("--files", type=int, default=3000)
    args = parser.parse_args(argv)
    base = Path(tempfile.mkdtemp(prefix="regkb-fs-", dir=args.dir))
    try:
        create(base / "old", 2 * args.files)
        os.sync()
        fresh = create(base / "fresh", args.files)
        shutil.rmtree(base / "old")
        os.sync()
        after = create(base / "after", args.files)
        print(f"files={args.files} fresh_s={fresh:.2f} after_delete_s={after:.2f} ratio={after / fresh:.1f}")
    finally:
        shutil.rmtree(base, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
