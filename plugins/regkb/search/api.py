"""A small read-only HTTP JSON API over the search index, as a plain WSGI application.

    GET /api/search?q=...&lang=fr|nl&audience=&topic=&limit=   results, "did you mean", snippets
    GET /api/health                                             index day and counts

Only GET and HEAD (405 otherwise); bad parameters give 400 with a JSON error in French and Dutch;
the reader's text never reaches a query parser (see query.py), so no query can cause a 500.
`regkb serve` runs it on waitress; the static site works without it.
"""

from __future__ import annotations

import json
import logging
from typing import Callable, Iterable
from urllib.parse import parse_qs

from .query import SearchError, SearchService

log = logging.getLogger("regkb.search.api")
MAX_QUERY_STRING = 4096
PARAMETERS = {"q", "lang", "audience", "topic", "limit"}
REASONS = {200: "OK", 400: "Bad Request", 404: "Not Found", 405: "Method Not Allowed",
           414: "URI Too Long", 500: "Internal Server Error"}

StartResponse = Callable[[str, list[tuple[str, str]]], object]


def create_app(service: SearchService, allow_origin: str = "*") -> Callable:
    """The WSGI application; `service` is opened once (read-only) and shared by all requests."""

    def app(environ: dict, start_response: StartResponse) -> Iterable[bytes]:
        method = environ.get("REQUEST_METHOD", "GET").upper()
        status, body = _route(service, method, environ)
        payload = json.dumps(body, ensure_ascii=False).encode("utf-8")
        headers = [
            ("Content-Type", "application/json; charset=utf-8"),
            ("Content-Length", str(len(payload))),
            ("Access-Control-Allow-Origin", allow_origin),
            ("Access-Control-Allow-Methods", "GET, HEAD"),
            ("X-Content-Type-Options", "nosniff"),
            ("Cache-Control", "public, max-age=300" if status == 200 else "no-store"),
        ]
        if status == 405:
            headers.append(("Allow", "GET, HEAD"))
        start_response(f"{status} {REASONS[status]}", headers)
        return [b""] if method == "HEAD" else [payload]

    return app


def _route(service: SearchService, method: str, environ: dict) -> tuple[int, dict]:
    path = environ.get("PATH_INFO", "") or "/"
    if path not in ("/api/search", "/api/health"):
        return 404, {"error": "not-found", "message": {"fr": "Adresse inconnue.", "nl": "Onbekend adres."}}
    if method not in ("GET", "HEAD"):
        return 405, {"error": "method-not-allowed",
                     "message": {"fr": "Seules les méthodes GET et HEAD sont acceptées.",
                                 "nl": "Alleen de methoden GET en HEAD zijn toegestaan."}}
    if path == "/api/health":
        return 200, {"status": "ok", "today": service.meta.get("today"), "counts": service.meta.get("counts")}
    try:
        params = _parameters(environ.get("QUERY_STRING", ""))
        result = service.search(params.get("q", ""), params.get("lang"), params.get("audience"),
                                params.get("topic"), params.get("limit"))
    except SearchError as exc:
        return 400, exc.as_json()
    except Exception:  # noqa: BLE001 - a bug must still answer in JSON, and be logged
        log.exception("search failed")
        return 500, {"error": "internal-error",
                     "message": {"fr": "Erreur interne du service de recherche.",
                                 "nl": "Interne fout van de zoekdienst."}}
    return 200, result.as_json()


def _parameters(query_string: str) -> dict[str, str]:
    """The known parameters, each given at most once, decoded as UTF-8 (else a 400)."""
    if len(query_string) > MAX_QUERY_STRING:
        raise SearchError("query-too-long")
    try:
        # WSGI gives the query string as latin-1 text: back to bytes, then strict UTF-8
        raw = query_string.encode("latin-1")
        parsed = parse_qs(raw.decode("ascii"), keep_blank_values=True, encoding="utf-8",
                          errors="strict", max_num_fields=20)
    except (UnicodeError, ValueError):
        raise SearchError("bad-query") from None
    out = {}
    for name, values in parsed.items():
        if name not in PARAMETERS:
            continue  # unknown parameters (cache busters...) are ignored
        if len(values) != 1:
            raise SearchError("repeated-parameter", name)
        out[name] = values[0]
    return out
