"""The search API on waitress, with limits a public service needs.

waitress answers some requests itself, before the application sees them (headers too large, a
body too large, a malformed request line): those answers are plain text without CORS. Our
channel answers them in the API's JSON, with the same CORS and security headers as every other
answer. Slow clients that trickle a request (one byte every few seconds) are closed once their
request has taken longer than `request_timeout`, so they cannot hold the connection slots.

    server = make_server(app, host="127.0.0.1", port=8080)   # port=0: a free port
    server.run()                                               # server.effective_port
"""

from __future__ import annotations

import json
import time

from waitress.adjustments import Adjustments
from waitress.channel import HTTPChannel
from waitress.server import MultiSocketServer, TcpWSGIServer
from waitress.task import ErrorTask, ThreadedTaskDispatcher

from .api import common_headers
from .limits import Limits
from .messages import error as error_body

# waitress's refusals, by status, as the API's error codes (their words: the catalogue's search_api)
WAITRESS_ERRORS = {400: "bad-request", 413: "body-too-large", 431: "headers-too-large", 501: "not-implemented"}


class JsonErrorTask(ErrorTask):
    """waitress's own error answers, as the API's JSON with CORS and security headers (`text` in
    French: a request waitress refuses was not read far enough to know its `lang`)."""

    def execute(self) -> None:
        error = self.request.error
        code = getattr(error, "code", 500)
        limit = self.channel.adj.max_request_header_size
        body = json.dumps(error_body(WAITRESS_ERRORS.get(code, "internal-error"), max=limit),
                          ensure_ascii=False).encode("utf-8")
        self.status = f"{code} {getattr(error, 'reason', 'Error')}"
        self.response_headers.extend([("Content-Type", "application/json; charset=utf-8")]
                                     + common_headers(self.channel.server.allow_origin, cacheable=False))
        self.set_close_on_finish()
        self.content_length = len(body)
        self.write(body)


class JsonChannel(HTTPChannel):
    """A connection that answers waitress's errors in JSON and remembers when its request began."""

    error_task_class = JsonErrorTask
    request_started = 0.0

    def received(self, data: bytes):
        if self.request is None and data:
            self.request_started = time.monotonic()
        return super().received(data)


class JsonServer(TcpWSGIServer):
    """A waitress TCP server with JSON errors and a deadline for each request's arrival."""

    channel_class = JsonChannel
    allow_origin = "*"
    request_timeout = Limits.request_timeout

    def maintenance(self, now: float) -> None:
        super().maintenance(now)
        cutoff = time.monotonic() - self.request_timeout
        for channel in list(self.active_channels.values()):
            if channel.request is not None and not channel.requests and channel.request_started < cutoff:
                channel.will_close = True  # a request trickling in for too long: a slow client


def make_server(app, host: str = "127.0.0.1", port: int = 8080, limits: Limits | None = None,
                allow_origin: str = "*", ident: str = "regkb", sock=None):
    """A ready waitress server (not yet running) for `app`: call `.run()`; `.close()` to stop.
    `sock`: an already listening socket (several worker processes share one)."""
    limits = limits or Limits()
    options = {"threads": limits.threads, "connection_limit": limits.connection_limit,
                   "channel_timeout": limits.channel_timeout, "max_request_header_size": limits.max_header_bytes,
                   "max_request_body_size": limits.max_body_bytes, "backlog": limits.backlog, "ident": ident,
                   "cleanup_interval": max(1, min(limits.channel_timeout, limits.request_timeout) // 3),
                   "asyncore_use_poll": True}  # poll(): select() cannot watch more than 1,024 sockets
    adj = Adjustments(sockets=[sock], **options) if sock is not None else Adjustments(host=host, port=port, **options)
    dispatcher = ThreadedTaskDispatcher()
    dispatcher.set_thread_count(adj.threads)
    socket_map: dict = {}
    servers = []
    if sock is not None:
        sockinfo = (sock.family, sock.type, sock.proto, sock.getsockname())
        servers.append(JsonServer(app, socket_map, True, sock, dispatcher=dispatcher, adj=adj,
                                  bind_socket=False, sockinfo=sockinfo))
    else:
        for sockinfo in adj.listen:
            servers.append(JsonServer(app, socket_map, True, None, dispatcher=dispatcher, adj=adj, sockinfo=sockinfo))
    for server in servers:
        server.allow_origin = allow_origin
        server.request_timeout = limits.request_timeout
    if len(servers) == 1:
        return servers[0]
    return MultiSocketServer(socket_map, adj, [s.getsockname() for s in servers], dispatcher)


def listening_socket(host: str, port: int, backlog: int):
    """A bound, listening TCP socket, to share between worker processes."""
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(backlog)
    sock.setblocking(False)
    return sock
