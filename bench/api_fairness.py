"""Fairness of the search API: do costly clients slow the normal ones down? Real HTTP on loopback.

    python bench/api_fairness.py [--index .cache/search] [--normal 10] [--costly 4] [--seconds 10]
                                 [--threads 16] [--workers 2] [--cache 0] [--url http://127.0.0.1:8080]

Starts `regkb serve` on the index (unless --url names a running one), then runs two phases of
`--seconds` each: the normal clients alone, then the normal clients with the costly ones. Every
client sends its next request as soon as it has the answer (closed loop, one keep-alive
connection each). Normal clients ask the queries of bench/whoosh_queries.yml; costly clients send
long random queries of 12 unknown 8-12-letter words (each a typo to correct, never the same
twice: no cache helps). Clients run in their own processes (normal and costly apart), so the
clients' own GIL does not count as server latency. Prints requests/s, median, p95 and max per
kind of client and phase, and the statuses.
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import os
import random
import signal
import socket
import statistics
import string
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def normal_queries() -> list[tuple[str, str]]:
    queries = yaml.safe_load((Path(__file__).with_name("whoosh_queries.yml")).read_text(encoding="utf-8"))
    return [(q["q"], q["lang"]) for q in queries]


def costly_query(rnd: random.Random) -> tuple[str, str]:
    words = ["".join(rnd.choice(string.ascii_lowercase) for _ in range(rnd.randint(8, 12))) for _ in range(12)]
    return " ".join(words), rnd.choice(["fr", "nl"])


def client_process(kind: str, count: int, host: str, port: int, start_at: float, stop_at: float,
                   queue: multiprocessing.Queue) -> None:
    """`count` client threads of one kind; puts (kind, latencies, statuses, errors) on the queue."""
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    errors: list[str] = []
    lock = threading.Lock()
    fixed = normal_queries()

    def client(number: int) -> None:
        rnd = random.Random(number * 7919 + (1 if kind == "costly" else 0))
        connection = http.client.HTTPConnection(host, port, timeout=30)
        index = number
        while time.time() < start_at:
            time.sleep(0.005)
        while time.time() < stop_at:
            if kind == "costly":
                query, lang = costly_query(rnd)
            else:
                query, lang = fixed[index % len(fixed)]
                index += 1
            path = "/api/search?" + urllib.parse.urlencode({"q": query, "lang": lang})
            started = time.perf_counter()
            try:
                connection.request("GET", path)
                response = connection.getresponse()
                response.read()
                status = response.status
                if response.getheader("Connection", "").lower() == "close":
                    connection.close()
                    connection = http.client.HTTPConnection(host, port, timeout=30)
            except (OSError, http.client.HTTPException) as exc:
                with lock:
                    errors.append(repr(exc))
                connection.close()
                connection = http.client.HTTPConnection(host, port, timeout=30)
                continue
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                statuses[status] = statuses.get(status, 0) + 1
        connection.close()

    threads = [threading.Thread(target=client, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    queue.put((kind, latencies, statuses, errors[:5]))


def phase(host: str, port: int, normal: int, costly: int, seconds: float, processes: int) -> dict:
    queue: multiprocessing.Queue = multiprocessing.Queue()
    start_at = time.time() + 1.0
    stop_at = start_at + seconds
    jobs = []
    split = [normal // processes + (1 if i < normal % processes else 0) for i in range(processes)]
    for count in split:
        if count:
            jobs.append(multiprocessing.Process(target=client_process,
                                                args=("normal", count, host, port, start_at, stop_at, queue)))
    if costly:
        jobs.append(multiprocessing.Process(target=client_process,
                                            args=("costly", costly, host, port, start_at, stop_at, queue)))
    for job in jobs:
        job.start()
    results: dict = {}
    for _ in jobs:
        kind, latencies, statuses, errors = queue.get()
        entry = results.setdefault(kind, {"latencies": [], "statuses": {}, "errors": []})
        entry["latencies"] += latencies
        for status, n in statuses.items():
            entry["statuses"][status] = entry["statuses"].get(status, 0) + n
        entry["errors"] += errors
    for job in jobs:
        job.join()
    return results


def report(title: str, results: dict, seconds: float) -> None:
    for kind in ("normal", "costly"):
        if kind not in results:
            continue
        values = results[kind]["latencies"]
        if not values:
            print(f"{title:<22}{kind:<8} no request completed; errors {results[kind]['errors']}")
            continue
        p95 = statistics.quantiles(values, n=20)[-1] if len(values) > 1 else values[0]
        print(f"{title:<22}{kind:<8}{len(values) / seconds:>8.0f} req/s  median {statistics.median(values) * 1000:6.1f} ms"
              f"  p95 {p95 * 1000:6.1f} ms  max {max(values) * 1000:7.1f} ms  statuses {results[kind]['statuses']}"
              + (f"  errors {results[kind]['errors'][:2]}" if results[kind]["errors"] else ""))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--index", default=str(ROOT / ".cache/search"))
    parser.add_argument("--url", help="a running API (default: start `regkb serve` on --index)")
    parser.add_argument("--normal", type=int, default=10)
    parser.add_argument("--costly", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--threads", type=int, help="server worker threads (default: regkb serve's)")
    parser.add_argument("--processes", type=int, default=2, help="processes for the normal clients")
    parser.add_argument("--workers", type=int, help="server processes (regkb serve --workers)")
    parser.add_argument("--cache", type=int, help="the server's answer cache (regkb serve --cache; 0: none)")
    args = parser.parse_args(argv)
    server = None
    if args.url:
        parsed = urllib.parse.urlsplit(args.url)
        host, port = parsed.hostname, parsed.port or 80
    else:
        host, port = "127.0.0.1", free_port()
        command = [sys.executable, "-m", "regkb.cli", "--root", str(ROOT), "serve", "--host", host,
                   "--port", str(port), "--index", args.index]
        if args.threads:
            command += ["--threads", str(args.threads)]
        if args.workers:
            command += ["--workers", str(args.workers)]
        if args.cache is not None:
            command += ["--cache", str(args.cache)]
        log = open(Path(args.index).parent / "api_fairness.log", "w", encoding="utf-8")  # noqa: SIM115
        server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
                                  env=dict(os.environ, PYTHONPATH=str(ROOT / "plugins")))
        for _ in range(300):
            try:
                with socket.create_connection((host, port), timeout=1):
                    break
            except OSError:
                time.sleep(0.1)
        else:
            raise SystemExit("regkb serve did not start; see " + log.name)
    try:
        conn = http.client.HTTPConnection(host, port, timeout=10)
        conn.request("GET", "/api/health")
        health = json.loads(conn.getresponse().read())
        print(f"index of {health.get('today')}, counts {health.get('counts')}; {os.cpu_count()} CPUs, "
              f"load average {os.getloadavg()[0]:.2f}")
        alone = phase(host, port, args.normal, 0, args.seconds, args.processes)
        report(f"{args.normal} normal alone", alone, args.seconds)
        mixed = phase(host, port, args.normal, args.costly, args.seconds, args.processes)
        report(f"+ {args.costly} costly", mixed, args.seconds)
        print(f"load average after: {os.getloadavg()[0]:.2f}")
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=10)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
