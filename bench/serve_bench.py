"""Time from saving a source file to `mkdocs serve` serving the changed page.

Starts `mkdocs serve` on a project made by make_corpus.py, waits for the first build, appends a
marker sentence to the French text of one decree version, then polls that version's page over
HTTP until the marker appears.

    python bench/serve_bench.py --project /tmp/bench/project [--port 8765] [-- extra serve options]
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, OSError):
        return None


def wait_for(url: str, needle: str, limit: float) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        body = fetch(url)
        if body is not None and needle in body:
            return time.perf_counter() - start
        time.sleep(0.25)
    raise SystemExit(f"{needle!r} did not appear at {url} within {limit:.0f} s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--project", required=True)
    parser.add_argument("--port", type=int, default=8791)
    parser.add_argument("--limit", type=float, default=1200)
    parser.add_argument("extra", nargs="*", help="extra `mkdocs serve` options, e.g. --dirtyreload")
    args = parser.parse_args(argv)
    project = Path(args.project).resolve()
    version = sorted((project / "docs" / "fr" / "regulations").glob("*/*-*-*.md"))[0]
    doc_id, key = version.parent.name, version.stem
    url = f"http://127.0.0.1:{args.port}/regulations/{doc_id}/{key}/"
    env = dict(os.environ, REGKB_TODAY="2026-11-22", NO_MKDOCS_2_WARNING="1")
    command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{args.port}", *args.extra]
    log = open(project.parent / "serve.log", "w", encoding="utf-8")  # noqa: SIM115 - closed with the server
    server = subprocess.Popen(command, cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT,
                              start_new_session=True)
    original = version.read_text(encoding="utf-8")
    try:
        first = wait_for(url, "regkb", args.limit)
        marker = f"Phrase témoin {int(time.time())}."
        time.sleep(2)  # let the watcher settle after the first build
        start = time.perf_counter()
        version.write_text(original.rstrip("\n") + f"\n\n{marker}\n", encoding="utf-8")
        seen = wait_for(url, marker, args.limit)
        total = time.perf_counter() - start
    finally:
        version.write_text(original, encoding="utf-8")
        os.killpg(server.pid, signal.SIGTERM)
        server.wait()
        log.close()
    print(f"first build served after {first:.1f} s; edit of {version.relative_to(project)} served after "
          f"{total:.1f} s ({seen:.1f} s of polling); command: {' '.join(command[1:])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
