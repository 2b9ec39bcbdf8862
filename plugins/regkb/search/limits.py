"""The limits of the search API's server (`regkb serve` options), importable without waitress."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """What `regkb serve` may change; the defaults survive 100 slow clients (tests/test_api_limits.py)."""

    threads: int = 16  # waiting heavy queries hold threads: enough left for the others
    connection_limit: int = 1000  # open connections before new ones wait in the backlog
    channel_timeout: int = 30  # seconds without any byte before an idle connection is closed
    request_timeout: int = 15  # seconds to send a whole request (headers and body)
    max_header_bytes: int = 65536  # beyond: 431 (the API's own limits answer long before, in JSON)
    max_body_bytes: int = 1024  # the API takes no body: 413 beyond
    backlog: int = 1024
