"""Every machine-readable output read back by a real parser, from a sample whose titles, short
titles, summaries, labels, institutions and answers' questions are a payload: Atom feeds
(xml.etree), the calendar (an RFC 5545 unfolding reader), the versions lists and JSON-LD (json),
the sitemap, and the search API (its bytes, its headers, its refusals). Each value reads back as
written (control characters aside) and nothing in the bytes can close a <script> or a line.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import xml.etree.ElementTree as ET

import pytest

from conftest import ROOT, TODAY
from test_versions import parse_ics

ATOM = "{http://www.w3.org/2005/Atom}"
BASE = "https://regkb.example.be/"
PAYLOAD = "Titre </script><!-- \"q\" & 'a' <b>x</b> ; , \\ \u2028\u2029 ]]> é\nligne\tdeux"


@pytest.fixture(scope="module")
def hostile():
    """The sample corpus with every shown text field set to PAYLOAD, and its site context."""
    from regkb.pages.context import SiteContext, SiteOptions
    from regkb.sources import load_corpus

    corpus, _diagnostics = load_corpus(ROOT)
    for document in corpus:
        for meta in document.meta.values():
            meta.title = meta.short_title = meta.institution = PAYLOAD
        for version in document.versions:
            for text in version.texts.values():
                text.summary = text.label = PAYLOAD
    return corpus, SiteContext(corpus, dt.date.fromisoformat(TODAY), SiteOptions(site_url=BASE))


def _ical_unescape(value: str) -> str:
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def test_feeds_and_calendar_read_back_the_payload(hostile) -> None:
    from regkb.pages.feeds import feed_files

    _corpus, ctx = hostile
    for lang in ("fr", "nl"):
        files = feed_files(ctx, lang, side_by_side=False)
        feeds = {path: text for path, text in files.items() if path.endswith(".xml")}
        assert len(feeds) > 5
        titles = 0
        for path, text in feeds.items():
            root = ET.fromstring(text.encode("utf-8"))
            assert PAYLOAD not in text and "</script>" not in text  # escaped in the bytes
            for entry in root.iter(ATOM + "entry"):
                shown = (entry.findtext(ATOM + "title") or "") + (entry.findtext(ATOM + "summary") or "")
                titles += PAYLOAD in shown
                for link in entry.iter(ATOM + "link"):
                    assert link.get("href", "").startswith(BASE), (path, link.get("href"))
            summaries = [e.findtext(ATOM + "summary") or "" for e in root.iter(ATOM + "entry")]
            assert not any("&lt;" in s or "&amp;" in s for s in summaries)  # escaped once, not twice
        assert titles > 10  # the payload read back in titles and summaries (amending acts' names too)
        calendar = next(text for path, text in files.items() if path.endswith(".ics"))
        events = parse_ics(calendar.encode("utf-8"))
        summaries = [_ical_unescape(event["SUMMARY"][1]) for event in events]
        assert summaries and all(PAYLOAD in summary for summary in summaries if "Titre" in summary)
        assert sum(PAYLOAD in summary for summary in summaries) >= 3
        for event in events:
            assert re.fullmatch(r"[a-z]{2}-[a-z0-9-]+@[a-z0-9.-]+", event["UID"][1])
            assert event["URL"][1].startswith(BASE) and not re.search(r"\s", event["URL"][1])
        for path, text in files.items():
            if path.endswith(".json"):
                json.loads(text)


@pytest.mark.parametrize("value", [PAYLOAD, "a\tb\nc\rd", "\x00\x1b\ufffe\ud800x", "]]>&#10;&amp;"])
def test_xml_values_round_trip_in_text_and_attributes(value: str) -> None:
    from regkb.pages.xmltext import xml_attr, xml_text

    element = ET.fromstring(f"<t a=\"{xml_attr(value)}\" b='{xml_attr(value)}'>{xml_text(value)}</t>")
    kept = re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\ud800-\udfff]", "", value)
    assert element.get("a") == element.get("b") == (element.text or "") == kept


def test_json_ld_of_every_document_page_is_inert_and_reads_back(hostile) -> None:
    from regkb.pages.plan import build_plan

    _corpus, ctx = hostile
    seen = 0
    for spec in build_plan(ctx):
        if not spec.path.count("/") <= 3:
            continue
        for lang in ("fr", "nl"):
            _title, _body, meta = spec.render(lang)
            raw = meta.get("regkb_jsonld") if isinstance(meta, dict) else None
            if not raw:
                continue
            assert not re.search("[<>&\u2028\u2029]", raw), spec.path
            data = json.loads(raw)
            assert PAYLOAD in (data.get("name"), data.get("alternateName"), data.get("headline"),
                               (data.get("mainEntity") or [{}])[0].get("name") if data.get("mainEntity") else None)
            seen += 1
    assert seen > 10


def test_sitemap_reads_back_its_addresses() -> None:
    from regkb.pages.sitemap import sitemap_xml

    site = "https://regkb.example.be/a&b/"
    root = ET.fromstring(sitemap_xml(["", "regulations/ar-1/", "faq/x/"], site).encode("utf-8"))
    locs = [loc.text for loc in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert "https://regkb.example.be/a&b/nl/faq/x/" in locs and len(locs) == 6


# --- the search API --------------------------------------------------------------------------
@pytest.fixture(scope="module")
def api(hostile, tmp_path_factory):
    from regkb.search import build_search_index
    from regkb.search.api import create_app
    from regkb.search.query import SearchService

    corpus, _ctx = hostile
    folder = tmp_path_factory.mktemp("hostile-api") / "index"
    build_search_index(corpus, folder, dt.date.fromisoformat(TODAY), BASE)
    for path in folder.rglob("*.json"):  # the index's own JSON files read back
        json.loads(path.read_text(encoding="utf-8"))
    return create_app(SearchService(folder))


def _call(app, query: str = "", path: str = "/api/search", method: str = "GET", **headers: str):
    answer: dict = {}

    def start_response(status: str, response_headers: list[tuple[str, str]]) -> None:
        answer["status"], answer["headers"] = int(status.split()[0]), response_headers

    environ = {"REQUEST_METHOD": method, "PATH_INFO": path, "QUERY_STRING": query, "wsgi.input": io.BytesIO(),
               **{"HTTP_" + k.upper(): v for k, v in headers.items()}}
    body = b"".join(app(environ, start_response))
    return answer["status"], answer["headers"], body


def _inert(body: bytes) -> dict:
    text = body.decode("utf-8")
    assert not re.search("[<>&\u2028\u2029]", text), text[:200]
    return json.loads(text)


def test_api_answers_are_inert_json(api) -> None:
    from urllib.parse import quote

    from regkb.search.api import to_json

    assert json.loads(_inert(to_json({"v": PAYLOAD})) and to_json({"v": PAYLOAD}))["v"] == PAYLOAD

    status, _headers, body = _call(api, "q=" + quote(PAYLOAD) + "&lang=fr&callback=alert(1)")
    data = _inert(body)
    assert status == 200 and data["query"] == " ".join(PAYLOAD.split()) and "alert" not in body.decode()
    status, _headers, body = _call(api, "q=titre&lang=nl")
    hits = _inert(body)["hits"]
    assert status == 200 and hits and any(" ".join(PAYLOAD.split()) in " ".join(hit["title"].split()) for hit in hits)
    for query, path, code in [("q=" + "a" * 100_000, "/api/search", 414), ("q=%ff%fe", "/api/search", 400),
                              ("q=\u0100", "/api/search", 400), ("q=x", "/api/../etc/passwd", 404),
                              ("q=x", "/api/search/../health", 404), ("q=a&q=b", "/api/search", 400)]:
        status, headers, body = _call(api, query, path)
        assert status == code, (query[:20], path, status)
        assert dict(headers)["Content-Type"] == "application/json; charset=utf-8"
        _inert(body)


def test_api_headers_echo_nothing_but_header_names(api) -> None:
    for asked in ("a\r\n,b", "x\r\nSet-Cookie: a=b", "a,\nb", "Content-Type, X-Test"):
        status, headers, _body = _call(api, "", "/api/search", "OPTIONS", access_control_request_headers=asked)
        assert status == 204
        echoed = dict(headers).get("Access-Control-Allow-Headers")
        assert echoed == (asked if asked == "Content-Type, X-Test" else None)
        assert all("\r" not in v and "\n" not in v for _k, v in headers)
