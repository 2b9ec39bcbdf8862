"""`regkb serve --port 8080`: the read-only search API on waitress (a production WSGI server).

The index is opened once, read-only, at start; rebuild it with `make site` or
`regkb search --build` and restart the service to pick it up. The limits (connections, timeouts,
header and body sizes) are options; their defaults (search/server.py, Limits) keep the service
answering with 100 slow clients connected.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..search.limits import Limits

SWITCH_INTERVAL = 0.001  # seconds


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("serve", help="serve the search API (GET /api/search, /api/health) with waitress")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8080, help="port (default 8080)")
    parser.add_argument("--threads", type=_positive, default=Limits.threads,
                        help=f"worker threads (default {Limits.threads})")
    parser.add_argument("--workers", type=_positive, default=1,
                        help="processes sharing the port, each with its threads (default 1; up to one per core "
                             "helps: a process computes on one core at a time)")
    parser.add_argument("--connection-limit", type=_positive, default=Limits.connection_limit,
                        help=f"open connections at most; more wait in the backlog (default {Limits.connection_limit})")
    parser.add_argument("--channel-timeout", type=_positive, default=Limits.channel_timeout,
                        help=f"seconds an idle connection stays open (default {Limits.channel_timeout})")
    parser.add_argument("--request-timeout", type=_positive, default=Limits.request_timeout,
                        help=f"seconds a client has to send a whole request (default {Limits.request_timeout})")
    parser.add_argument("--max-header-bytes", type=_positive, default=Limits.max_header_bytes,
                        help=f"largest request line and headers, in bytes (default {Limits.max_header_bytes})")
    parser.add_argument("--cache", type=int, default=4096,
                        help="answers kept in memory for repeated queries (default 4096; 0: none)")
    parser.add_argument("--index", help="index folder (default: REGKB_SEARCH_INDEX or <root>/.cache/search)")
    parser.add_argument("--allow-origin", default="*", help="value of Access-Control-Allow-Origin (default *)")
    parser.set_defaults(func=run)


def _run_workers(count: int, sock, app, limits: Limits, allow_origin: str) -> int:
    """Fork `count` processes serving the shared socket (the index, opened read-only before the
    fork, is shared too); stop them all on SIGTERM or Ctrl-C, and when one dies."""
    import os
    import signal

    from ..search.server import make_server

    children = []
    for _ in range(count):
        pid = os.fork()
        if pid == 0:  # a worker: its own threads and searchers (per thread) over the shared index
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            try:
                make_server(app, limits=limits, allow_origin=allow_origin, sock=sock).run()
            finally:
                os._exit(0)
        children.append(pid)

    def stop(_signum=None, _frame=None) -> None:
        for child in children:
            try:
                os.kill(child, signal.SIGTERM)
            except ProcessLookupError:
                pass

    signal.signal(signal.SIGTERM, stop)
    try:
        os.wait()  # the first worker to end (killed, crashed) ends the service
    except KeyboardInterrupt:
        pass
    finally:
        stop()
        for child in children:
            try:
                os.waitpid(child, 0)
            except ChildProcessError:
                pass
    return 0


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a number of at least 1, got {value}")
    return value


def run(args: argparse.Namespace) -> int:
    import resource

    from ..search import default_index_dir
    from ..search.api import create_app
    from ..search.server import listening_socket, make_server
    from .search import open_index

    folder = Path(args.index) if args.index else default_index_dir(args.root)
    service = open_index(folder, "serve")
    if service is None:
        return 2
    limits = Limits(threads=args.threads, connection_limit=args.connection_limit,
                    channel_timeout=args.channel_timeout, request_timeout=args.request_timeout,
                    max_header_bytes=args.max_header_bytes)
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = limits.connection_limit + 64  # each connection is a file descriptor
    if soft != resource.RLIM_INFINITY and soft < wanted:
        target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
        if target < wanted:
            print(f"regkb serve: only {target} open files allowed (ulimit -n); "
                  f"fewer than --connection-limit {limits.connection_limit}", file=sys.stderr)
    app = create_app(service, args.allow_origin, max(0, args.cache))
    # A thread computing a heavy query holds the interpreter for up to 5 ms before others may run
    # (Python's default switch interval): 1 ms lets quick answers through between its slices.
    sys.setswitchinterval(SWITCH_INTERVAL)
    try:
        if args.workers == 1:
            server = make_server(app, args.host, args.port, limits, args.allow_origin)
            port = getattr(server, "effective_port", args.port)
        else:
            sock = listening_socket(args.host, args.port, limits.backlog)
            port = sock.getsockname()[1]
    except OSError as exc:
        print(f"regkb serve: cannot listen on {args.host}:{args.port} ({exc.strerror or exc})", file=sys.stderr)
        return 2
    print(f"regkb serve: search API on http://{args.host}:{port}/api/search (index {folder}; "
          f"{args.workers} worker(s) of {limits.threads} threads, {limits.connection_limit} connections, "
          f"request timeout {limits.request_timeout} s)", file=sys.stderr, flush=True)
    if args.workers > 1:
        return _run_workers(args.workers, sock, app, limits, args.allow_origin)
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
    return 0
