r"""A small read-only HTTP JSON API over the search index, as a plain WSGI application.

    GET /api/search?q=...&lang=fr|nl&audience=&topic=&limit=   results, "did you mean", snippets
    GET /api/health                                             index day and counts
    OPTIONS (any of them)                                       CORS preflight: 204

GET and HEAD answer; OPTIONS is the CORS preflight; other methods 405. Every answer, errors
included, is JSON with CORS, `Cache-Control`, `X-Content-Type-Options: nosniff` and a
`Content-Security-Policy` for an API (`default-src 'none'; frame-ancestors 'none'`). Each limit
has its own error code and message, in every language and in the request's (API.md lists them;
the words are in the catalogue's search_api section, messages.py).
The reader's text never reaches a query parser (see query.py), so no query can cause a 500.
`query` and `suggestion` echo what the reader typed: clients must escape them (the `*_html`
fields are the only HTML, escaped with matches in <mark>). The JSON itself writes `<`, `>` and `&`
as escapes (`\u003c`..., `to_json`): the same strings once parsed, and no markup in the bytes of an answer
that a browser, a log viewer or a careless client shows as HTML.
`regkb serve` runs it on waitress (server.py); the static site works without it.
"""

from __future__ import annotations

import json
import logging
import re
import threading
from collections import OrderedDict
from typing import Callable, Iterable
from urllib.parse import unquote_to_bytes

from .messages import error
from .query import MAX_PARAMETERS, MAX_QUERY_STRING, SearchError, SearchService

log = logging.getLogger("regkb.search.api")
PARAMETERS = {"q", "lang", "audience", "topic", "limit"}
REASONS = {200: "OK", 204: "No Content", 400: "Bad Request", 404: "Not Found", 405: "Method Not Allowed",
           414: "URI Too Long", 500: "Internal Server Error", 503: "Service Unavailable"}
STATUS = {"query-string-too-long": 414, "busy": 503}  # other refusals are 400
CACHE_ENTRIES = 4096  # answers kept (a few KB each): popular queries are answered from memory
METHODS = "GET, HEAD, OPTIONS"
CSP = "default-src 'none'; frame-ancestors 'none'"
PREFLIGHT_MAX_AGE = "86400"
# spaces and tabs only around the commas: a '\s' let "a\r\n,b" through, a header line of its own
HEADER_NAMES = re.compile(r"^[A-Za-z0-9-]{1,64}(?:[ \t]*,[ \t]*[A-Za-z0-9-]{1,64}){0,15}\Z")

# and U+2028/U+2029, line ends to JavaScript before ES2019: an answer read as a script stays one
JSON_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026",
                0x2028: "\\u2028", 0x2029: "\\u2029"}

StartResponse = Callable[[str, list[tuple[str, str]]], object]


def to_json(data: object) -> bytes:
    """The answer's bytes: UTF-8 JSON with no `<`, `>`, `&`, U+2028 or U+2029 outside escapes."""
    return json.dumps(data, ensure_ascii=False).translate(JSON_ESCAPES).encode("utf-8")


def common_headers(allow_origin: str, cacheable: bool) -> list[tuple[str, str]]:
    """The headers of every answer, the server's own errors included (server.py)."""
    headers = [
        ("Access-Control-Allow-Origin", allow_origin),
        ("Access-Control-Allow-Methods", METHODS),
        ("X-Content-Type-Options", "nosniff"),
        ("Content-Security-Policy", CSP),
        ("Referrer-Policy", "no-referrer"),
        ("Cache-Control", "public, max-age=300" if cacheable else "no-store"),
    ]
    if allow_origin != "*":
        headers.append(("Vary", "Origin"))
    return headers


class AnswerCache:
    """The last answers, by their parameters (the index is read-only: they never go stale)."""

    def __init__(self, entries: int) -> None:
        self.entries = entries
        self._data: OrderedDict[tuple, bytes] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple) -> bytes | None:
        if not self.entries:
            return None
        with self._lock:
            payload = self._data.get(key)
            if payload is not None:
                self._data.move_to_end(key)
            return payload

    def put(self, key: tuple, payload: bytes) -> None:
        if not self.entries:
            return
        with self._lock:
            self._data[key] = payload
            while len(self._data) > self.entries:
                self._data.popitem(last=False)


def create_app(service: SearchService, allow_origin: str = "*", cache_entries: int = CACHE_ENTRIES) -> Callable:
    """The WSGI application; `service` is opened once (read-only) and shared by all requests.
    `cache_entries`: answers kept in memory (0: none)."""
    cache = AnswerCache(cache_entries)

    def app(environ: dict, start_response: StartResponse) -> Iterable[bytes]:
        method = environ.get("REQUEST_METHOD", "GET").upper()
        path = environ.get("PATH_INFO", "") or "/"
        if method == "OPTIONS" and path in ("/api/search", "/api/health"):
            return _preflight(environ, start_response, allow_origin)
        status, body = _route(service, method, environ, cache)
        payload = body if isinstance(body, bytes) else to_json(body)
        headers = [("Content-Type", "application/json; charset=utf-8"), ("Content-Length", str(len(payload)))]
        headers += common_headers(allow_origin, cacheable=status == 200)
        if status == 405:
            headers.append(("Allow", METHODS))
        if status == 503:
            headers.append(("Retry-After", "1"))
        start_response(f"{status} {REASONS[status]}", headers)
        return [b""] if method == "HEAD" else [payload]

    return app


def _preflight(environ: dict, start_response: StartResponse, allow_origin: str) -> Iterable[bytes]:
    """204 with what a browser needs before a cross-origin GET with headers of its own."""
    headers = [("Content-Length", "0"), ("Access-Control-Max-Age", PREFLIGHT_MAX_AGE), ("Allow", METHODS)]
    headers += common_headers(allow_origin, cacheable=False)
    asked = environ.get("HTTP_ACCESS_CONTROL_REQUEST_HEADERS", "").strip()
    if asked and HEADER_NAMES.match(asked):  # only header names, never arbitrary text, echoed
        headers.append(("Access-Control-Allow-Headers", asked))
    start_response("204 No Content", headers)
    return [b""]


def _route(service: SearchService, method: str, environ: dict, cache: AnswerCache) -> tuple[int, dict | bytes]:
    path = environ.get("PATH_INFO", "") or "/"
    if path not in ("/api/search", "/api/health"):
        return 404, error("not-found", _asked_lang(environ))
    if method not in ("GET", "HEAD"):
        return 405, error("method-not-allowed", _asked_lang(environ))
    if path == "/api/health":
        if len(environ.get("QUERY_STRING", "")) > MAX_QUERY_STRING:
            return 414, SearchError("query-string-too-long").as_json()
        return 200, {"status": "ok", "today": service.meta.get("today"), "counts": service.meta.get("counts")}
    params: dict[str, str] = {}
    try:
        params = _parameters(environ.get("QUERY_STRING", ""))
        key = tuple(params.get(name) for name in ("q", "lang", "audience", "topic", "limit"))
        cached = cache.get(key)
        if cached is not None:
            return 200, cached
        result = service.search(params.get("q", ""), params.get("lang"), params.get("audience"),
                                params.get("topic"), params.get("limit"))
        payload = to_json(result.as_json())
        cache.put(key, payload)
        return 200, payload
    except SearchError as exc:
        return STATUS.get(exc.code, 400), exc.as_json(params.get("lang"))
    except Exception:  # noqa: BLE001 - a bug must still answer in JSON, and be logged
        log.exception("search failed")
        return 500, error("internal-error", params.get("lang"))


def _asked_lang(environ: dict) -> str | None:
    """The `lang` parameter of a request refused before its parameters are read (None if the
    query string is itself refused: the answer is then in French)."""
    try:
        return _parameters(environ.get("QUERY_STRING", "")).get("lang")
    except SearchError:
        return None


def _parameters(query_string: str) -> dict[str, str]:
    """The known parameters, each given at most once, decoded as UTF-8 (else a 400); unknown ones
    (cache busters...) are ignored, but at most MAX_PARAMETERS in all."""
    if len(query_string) > MAX_QUERY_STRING:
        raise SearchError("query-string-too-long")
    fields = [part for part in query_string.split("&") if part]
    if len(fields) > MAX_PARAMETERS:
        raise SearchError("too-many-parameters")
    out: dict[str, str] = {}
    for part in fields:
        raw_name, _, raw_value = part.partition("=")
        # WSGI gives the query string as latin-1 text: back to bytes, then UTF-8 (a server that
        # passes other characters gets a 400, not a 500)
        try:
            name = unquote_to_bytes(raw_name.replace("+", " ").encode("latin-1")).decode("utf-8", "replace")
        except UnicodeError:
            raise SearchError("bad-query", "q") from None
        if name not in PARAMETERS:
            continue
        try:
            value = unquote_to_bytes(raw_value.replace("+", " ").encode("latin-1")).decode("utf-8")
        except UnicodeError:
            raise SearchError("bad-query", name) from None
        if name in out:
            raise SearchError("repeated-parameter", name)
        out[name] = value
    return out
