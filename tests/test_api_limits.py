"""The search API as a public service (issues 17 and 18): the real `regkb serve` on loopback.

Every answer is JSON with CORS and security headers, waitress's own refusals included; each
limit has its own error; OPTIONS answers the CORS preflight; 100 slow clients do not block a
normal request and are closed after the request timeout. And what the search must find:
synonyms, identifiers, other-language words, forms and compounds.
"""

from __future__ import annotations

import datetime as dt
import http.client
import json
import os
import socket
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import pytest

from conftest import ROOT, TODAY

SECURITY = {"x-content-type-options": "nosniff", "access-control-allow-origin": "*",
            "content-security-policy": "default-src 'none'; frame-ancestors 'none'"}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory, sample_corpus) -> Path:
    from regkb.search import build_search_index

    corpus, _diagnostics = sample_corpus
    folder = tmp_path_factory.mktemp("api-limits") / "index"
    build_search_index(corpus, folder, dt.date.fromisoformat(TODAY), "https://regkb.example.be/")
    return folder


def _serve(index: Path, *options: str):
    port = _free_port()
    log = open(index.parent / f"serve-{port}.log", "w", encoding="utf-8")  # noqa: SIM115 - closed below
    server = subprocess.Popen([sys.executable, "-m", "regkb.cli", "--root", str(ROOT), "serve", "--port", str(port),
                               "--index", str(index), *options], stdout=log, stderr=subprocess.STDOUT,
                              env=dict(os.environ, REGKB_TODAY=TODAY))
    for _ in range(300):
        if server.poll() is not None:
            log.close()
            pytest.fail("regkb serve stopped: " + Path(log.name).read_text(encoding="utf-8")[-2000:])
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                break
        except OSError:
            time.sleep(0.1)
    return server, port, log


def _stop(server, log) -> None:
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()
    log.close()


@pytest.fixture(scope="module")
def api(index: Path):
    """`regkb serve` with its default limits; yields its port."""
    server, port, log = _serve(index)
    yield port
    _stop(server, log)


def request(port: int, method: str, target: str, headers: dict | None = None, body: bytes | None = None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request(method, target, body=body, headers=headers or {})
        response = connection.getresponse()
        data = response.read()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, data
    finally:
        connection.close()


def search(port: int, **params: str) -> dict:
    status, _headers, body = request(port, "GET", "/api/search?" + urllib.parse.urlencode(params))
    assert status == 200, body[:300]
    return json.loads(body)


def raw(port: int, data: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(data)
        chunks = []
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                break
            chunks.append(chunk)
    return b"".join(chunks)


# --- headers, errors, limits -----------------------------------------------------------------------
@pytest.mark.parametrize("method,target,status,code", [
    ("GET", "/api/search?q=kine", 200, None),
    ("GET", "/api/health", 200, None),
    ("GET", "/api/search?q=", 400, "empty-query"),
    ("GET", "/api/search?q=" + "k" * 501, 400, "query-too-long"),
    ("GET", "/api/search?q=kine&pad=" + "x" * 5000, 414, "query-string-too-long"),
    ("GET", "/api/search?q=" + "k" * 20000, 414, "query-string-too-long"),  # waitress's 431 used to answer
    ("GET", "/api/search?q=kine" + "".join(f"&p{i}=1" for i in range(20)), 400, "too-many-parameters"),
    ("GET", "/api/search?q=kine&limit=51", 400, "bad-limit"),
    ("GET", "/api/search?q=kine&lang=kine&lang=fr", 400, "repeated-parameter"),
    ("GET", "/api/search?q=%ff", 400, "bad-query"),
    ("GET", "/nothing", 404, "not-found"),
    ("POST", "/api/search?q=kine", 405, "method-not-allowed"),
    ("GET", "/api/search?q=" + "k" * 70000, 431, "headers-too-large"),  # beyond waitress's header limit
])
def test_every_answer_is_json_with_cors_and_security_headers(api: int, method: str, target: str,
                                                             status: int, code: str | None) -> None:
    got, headers, body = request(api, method, target)
    assert got == status, body[:300]
    assert headers["content-type"] == "application/json; charset=utf-8"
    for name, value in SECURITY.items():
        assert headers[name] == value, name
    assert headers["cache-control"] == ("public, max-age=300" if status == 200 else "no-store")
    data = json.loads(body)
    if code:
        assert data["error"] == code
        assert data["message"]["fr"] and data["message"]["nl"] and data["message"]["fr"] != data["message"]["nl"]


def test_each_limit_names_its_maximum(api: int) -> None:
    messages = {}
    for target in ("/api/search?q=" + "k" * 501, "/api/search?q=k&pad=" + "x" * 5000,
                   "/api/search?q=kine" + "".join(f"&p{i}=1" for i in range(20)), "/api/search?q=kine&limit=99",
                   "/api/search?q=" + "k" * 70000):
        _status, _headers, body = request(api, "GET", target)
        messages[target[:30]] = json.loads(body)["message"]["fr"]
    assert len(set(messages.values())) == len(messages)  # one message per limit
    assert all(any(ch.isdigit() for ch in message) for message in messages.values()), messages


def test_waitress_refusals_are_json_too(api: int) -> None:
    reply = raw(api, b"GET /api/search?q=kine HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n" + b"x" * 5000)
    head, _, body = reply.partition(b"\r\n\r\n")
    assert head.split(b" ")[1] == b"413"
    assert b"access-control-allow-origin: *" in head.lower()
    assert json.loads(body)["error"] == "body-too-large"
    status, headers, body = request(api, "GET", "/api/search?q=x", {"X-Pad": "y" * 70000})
    assert status == 431 and json.loads(body)["error"] == "headers-too-large"
    assert headers["access-control-allow-origin"] == "*"


def test_options_answers_the_cors_preflight(api: int) -> None:
    status, headers, body = request(api, "OPTIONS", "/api/search?q=kine", {
        "Origin": "https://other.example", "Access-Control-Request-Method": "GET",
        "Access-Control-Request-Headers": "accept-language, x-requested-with"})
    assert status == 204 and body == b""
    assert headers["access-control-allow-origin"] == "*"
    assert "GET" in headers["access-control-allow-methods"]
    assert headers["access-control-allow-headers"] == "accept-language, x-requested-with"
    assert int(headers["access-control-max-age"]) > 0
    _status, headers, _body = request(api, "OPTIONS", "/api/search", {
        "Access-Control-Request-Headers": "x-a, <script>"})
    assert "access-control-allow-headers" not in headers  # never echoes anything but header names


def test_many_words_are_cut_and_said(api: int) -> None:
    data = search(api, q=" ".join(["kinesitherapie"] + [f"mot{i}" for i in range(30)]), lang="nl")
    assert data["ignored"] and data["notice"]["fr"] and data["notice"]["nl"]
    assert data["notice_text"] == data["notice"]["nl"] == "Alleen de eerste 16 woorden werden gezocht."


@pytest.mark.parametrize("method,target,code,lang", [
    ("GET", "/api/search?q=&lang=nl", "empty-query", "nl"),       # refused before lang is checked
    ("GET", "/api/search?q=kine&limit=99&lang=nl", "bad-limit", "nl"),
    ("GET", "/api/search?q=kine&limit=99", "bad-limit", "fr"),     # no lang: the default language
    ("GET", "/api/search?q=kine&lang=de", "bad-lang", "fr"),       # lang itself refused
    ("GET", "/nothing?lang=nl", "not-found", "nl"),
    ("POST", "/api/search?q=kine&lang=nl", "method-not-allowed", "nl"),
    ("GET", "/api/search?q=kine&lang=nl&pad=" + "x" * 5000, "query-string-too-long", "fr"),  # not read
])
def test_errors_speak_the_language_of_the_request(api: int, method: str, target: str, code: str, lang: str) -> None:
    """`text` is the message in the request's language, from the catalogue (search_api section)."""
    from regkb import catalogue
    from regkb.search.query import LIMIT_OF

    _status, _headers, body = request(api, method, target)
    data = json.loads(body)
    assert data["error"] == code and data["text"] == data["message"][lang]
    for language in ("fr", "nl"):
        words = catalogue.by_language("search_api")[language][code]
        assert data["message"][language] == words.format(max=LIMIT_OF.get(code))


def test_serve_options_are_checked(index: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "regkb.cli", "--root", str(ROOT), "serve", "--index", str(index),
                             "--connection-limit", "0"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "--connection-limit" in result.stderr and "Traceback" not in result.stderr


# --- slow clients ------------------------------------------------------------------------------------
def test_a_request_succeeds_while_100_slow_clients_are_connected(api: int) -> None:
    slow = []
    try:
        for _number in range(100):  # each has sent part of a request line and trickles the rest
            sock = socket.create_connection(("127.0.0.1", api), timeout=10)
            sock.sendall(b"GET /api/search?q=kin")
            slow.append(sock)
        time.sleep(0.5)
        for sock in slow[:50]:
            sock.sendall(b"e")
        started = time.monotonic()
        data = search(api, q="kine", lang="fr")
        assert data["hits"] and time.monotonic() - started < 10
    finally:
        for sock in slow:
            sock.close()


def test_a_slow_client_is_closed_after_the_request_timeout(index: Path) -> None:
    server, port, log = _serve(index, "--request-timeout", "2")
    try:
        sock = socket.create_connection(("127.0.0.1", port), timeout=20)
        started = time.monotonic()
        sock.sendall(b"GET /api/search?q=k")
        closed = None
        while time.monotonic() - started < 15:
            try:
                sock.sendall(b"i")
                sock.settimeout(0.5)
                if sock.recv(1) == b"":
                    closed = time.monotonic() - started
                    break
            except socket.timeout:
                continue
            except OSError:
                closed = time.monotonic() - started
                break
        sock.close()
        assert closed is not None, "the slow client was never closed"
        assert search(port, q="kine")["hits"]  # and the server still answers
    finally:
        _stop(server, log)


# --- what the search finds ----------------------------------------------------------------------------
def first_ids(port: int, query: str, lang: str, n: int = 3) -> list[str]:
    return [hit["id"] for hit in search(port, q=query, lang=lang, limit=str(n))["hits"]]


def test_synonyms_of_the_site_box_are_used(api: int, sample_corpus) -> None:
    from regkb.search.synonyms import load_synonyms

    assert first_ids(api, "TM", "fr")[0] == "ticket-moderateur-definition"
    assert first_ids(api, "logo", "nl") and all(i.startswith(("logo", "circ-logo")) for i in first_ids(api, "logo", "nl"))
    for lang, groups in load_synonyms().items():  # each term of a group finds what its group finds
        for group in groups:
            found = [set(first_ids(api, term, lang, 10)) for term in group]
            assert all(found) or not any(found), (lang, group)
    data = search(api, q="mutualiteit akkoord logopedie", lang="nl")
    assert "logo-accord-medecin-conseil" in [h["id"] for h in data["hits"][:3]]
    assert search(api, q="mutuelle", lang="fr")["total"] > 0


def test_the_other_language_is_never_corrected_into_ours(api: int) -> None:
    from regkb.search.synonyms import load_synonyms

    synonyms = load_synonyms()
    for lang, other in (("fr", "nl"), ("nl", "fr")):  # every abbreviation and term of the other language
        for group in synonyms[other]:
            for term in group:
                assert search(api, q=str(term), lang=lang)["corrections"] == {}, (lang, term)
    data = search(api, q="kiné à domicile", lang="nl")
    assert "kine" not in data["corrections"] and data["suggestion"] is None
    assert data["hits"][0]["id"] in ("kine-seance-domicile", "kine-codes-cabinet-domicile")
    data = search(api, q="remgeld", lang="fr")
    assert data["corrections"] == {} and data["hits"][0]["id"] == "ticket-moderateur-definition"
    data = search(api, q="ticket modérateur", lang="nl")
    assert data["hits"][0]["id"] == "ticket-moderateur-definition"


def test_texts_are_found_by_their_identifiers(api: int, sample_corpus) -> None:
    from regkb.core.kinds import Kind

    corpus, _diagnostics = sample_corpus
    checked = 0
    for document in corpus:
        if document.numac:
            for lang in ("fr", "nl"):
                assert first_ids(api, document.numac, lang)[0] == document.id
                checked += 1
        if document.kind is Kind.CIRCULAR and document.number:
            year, number = document.number.split("/")
            same = {d.id for d in corpus if d.kind is Kind.CIRCULAR and d.number == document.number}
            for form in (f"{year}/{number}", f"{year}/{int(number):02d}", f"{year}-{number}"):
                ids = first_ids(api, form, "fr", len(same))
                assert set(ids) == same, (form, ids)
                checked += 1
    assert checked > 20


def test_articles_point_at_the_article(api: int) -> None:
    data = search(api, q="art. 7bis AR 3 juillet 1996", lang="fr")
    hit = data["hits"][0]
    assert hit["id"] == "ar-1996-07-03" and hit["url"].endswith("#art-7bis") and hit["article"] == "art-7bis"
    data = search(api, q="artikel 7 KB 14 september 1984", lang="nl")
    assert data["hits"][0]["id"] == "ar-1984-09-14" and data["hits"][0]["url"].endswith("#art-7")
    # a code: the nomenclature that defines it, and the answers citing it
    assert "ar-1984-09-14" in first_ids(api, "code 560033", "fr") and "ar-1984-09-14" in first_ids(api, "425014", "nl")


def test_forms_compounds_and_fillers(api: int) -> None:
    # feminine and plural forms meet ("remboursée", "remboursés"); fillers ("c'est quoi") are dropped
    assert first_ids(api, "infirmière à domicile remboursée", "fr")[0] in (
        "soins-domicile-remboursement", "diabete-soins-infirmiers")
    assert first_ids(api, "ticket modérateur c'est quoi", "fr")[0] == "ticket-moderateur-definition"
    # a Dutch base word meets its compounds ("overeenkomst" in "revalidatieovereenkomst")
    data = search(api, q="overeenkomst", lang="nl", limit="50")
    hit = next(h for h in data["hits"] if h["id"] == "reeducation-convention-definition")  # "revalidatieovereenkomst"
    assert "overeenkomst" not in hit["title"].replace("revalidatieovereenkomst", "")
    # a base word found only inside compounds ("verpleging" in "thuisverpleging"), not "corrected"
    data = search(api, q="verpleging terugbetaald", lang="nl")
    assert data["corrections"] == {} and data["hits"][0]["id"].startswith(("soins-domicile", "diabete-soins"))
    # a query of filler words only still searches them rather than nothing
    assert search(api, q="comment", lang="fr")["query"] == "comment"


def test_worker_processes_share_the_port_and_stop_together(index: Path) -> None:
    server, port, log = _serve(index, "--workers", "2")
    try:
        for _ in range(10):  # several connections: either worker may answer
            assert search(port, q="ticket modérateur", lang="fr")["hits"][0]["id"] == "ticket-moderateur-definition"
        children = subprocess.run(["pgrep", "-P", str(server.pid)], capture_output=True, text=True).stdout.split()
        assert len(children) == 2
    finally:
        _stop(server, log)
    time.sleep(0.5)
    for child in children:
        assert not Path(f"/proc/{child}").exists() or "zombie" in Path(f"/proc/{child}/status").read_text().lower()
