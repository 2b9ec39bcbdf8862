"""The FAQ in both languages, related questions, near-duplicates, and the whoosh search
(command line and HTTP API on a real waitress server on loopback)."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, TODAY, copy_project

ENV = dict(os.environ, REGKB_TODAY=TODAY, NO_MKDOCS_2_WARNING="1")

# (query, language, answer id expected among the first five hits)
FOUND = [
    ("seances kinesitherapie remboursees", "fr", "kine-nombre-seances"),  # stems, no accents
    ("kinesitherapie zittingen terugbetaald", "nl", "kine-nombre-seances"),  # stems
    ("ticket moderateur", "fr", "ticket-moderateur-definition"),  # no accents
    ("reeducation convention", "fr", "reeducation-convention-definition"),  # no accents
    ("belgie gedekt verzekering", "nl", "qui-est-beneficiaire"),  # no diaeresis
    ("logopedie acord", "fr", "logo-accord-medecin-conseil"),  # typo
    ("logopedie akord", "nl", "logo-accord-medecin-conseil"),  # typo
    ("tiket moderateur", "fr", "ticket-moderateur-definition"),  # typo
    ("remgelt", "nl", "ticket-moderateur-definition"),  # typo
]
SUGGESTED = [("logopedie akord", "nl", "logopedie akkoord"), ("reeducaton", "fr", "rééducation"),
             ("tiket moderateur", "fr", "ticket moderateur")]
HOSTILE = ["title:*", "*", '"unbalanced', "AND OR NOT", "(((", "a" * 45, "x" * 499, "id:kine* OR lang:nl",
           "<script>alert(1)</script>", "'; DROP TABLE faq; --", "~2^3", "kiné~", "é" * 300, "🙂 🙂"]


# --- helpers ----------------------------------------------------------------------------------------
def answers():
    from regkb.core.kinds import Kind
    from regkb.sources import load_corpus

    corpus, _ = load_corpus(ROOT)
    return corpus, corpus.of_kind(Kind.QA)


def page(site: Path, url_path: str) -> BeautifulSoup:
    return BeautifulSoup((site / url_path / "index.html").read_text(encoding="utf-8"), "html.parser")


def resolve(site: Path, page_path: str, href: str) -> Path:
    """The built file a relative link of a page leads to."""
    target = (site / page_path / href.split("#")[0]).resolve()
    return target / "index.html" if target.is_dir() or href.endswith("/") else target


# --- pages ------------------------------------------------------------------------------------------
def test_every_answer_has_a_page_in_both_languages_with_its_links(sample_site: Path) -> None:
    corpus, qa = answers()
    assert len(qa) >= 40
    for document in qa:
        for lang, prefix in (("fr", ""), ("nl", "nl/")):
            soup = page(sample_site, f"{prefix}faq/{document.id}")
            assert soup.html["lang"].startswith(lang)
            assert soup.find("h1").get_text(strip=True) == document.title(lang)
            relied = soup.find(id="relies-on")
            assert relied is not None, f"{prefix}faq/{document.id}: no texts relied on"
            for link in relied.find_next("ul").find_all("a"):
                assert resolve(sample_site, f"{prefix}faq/{document.id}", link["href"]).is_file(), link["href"]
                assert ("/nl/" in str(resolve(sample_site, f"{prefix}faq/{document.id}", link["href"]))) == (lang == "nl")
            ld = json.loads(soup.find("script", type="application/ld+json").string)
            assert ld["@type"] == "FAQPage" and ld["mainEntity"][0]["name"] == document.title(lang)
        # and an anchor in each of its topic pages
        for topic in document.topics:
            for prefix in ("", "nl/"):
                assert page(sample_site, f"{prefix}faq/topic/{topic}").find(id=document.id) is not None


def test_related_questions_stay_in_the_page_language(sample_site: Path) -> None:
    corpus, qa = answers()
    for document in qa:
        for lang, prefix in (("fr", ""), ("nl", "nl/")):
            heading = page(sample_site, f"{prefix}faq/{document.id}").find(id="related")
            assert heading is not None, f"{prefix}faq/{document.id}: no related questions"
            links = heading.find_next("ul").find_all("a")
            assert 1 <= len(links) <= 5
            for link in links:
                target = resolve(sample_site, f"{prefix}faq/{document.id}", link["href"])
                assert target.is_file(), link["href"]
                relative = target.relative_to(sample_site.resolve()).as_posix()
                assert relative.startswith("nl/faq/") if lang == "nl" else relative.startswith("faq/")
                related_id = relative.split("/")[-2]
                assert related_id != document.id
                assert link.get_text(strip=True) == corpus.get(related_id).title(lang)


# --- near-duplicate questions ------------------------------------------------------------------------
def test_sample_has_no_near_duplicate_questions(sample_corpus) -> None:
    _corpus, diagnostics = sample_corpus
    assert [d for d in diagnostics if d.code == "near-duplicate"] == []


def test_a_near_duplicate_question_is_a_warning_naming_both_files(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    original = project / "faq/physiotherapy/kine-nombre-seances.md"
    text = original.read_text(encoding="utf-8").replace(
        "Combien de séances de kiné sont remboursées par an ?", "Combien de séances de kiné sont-elles remboursées par an ?")
    (project / "faq/physiotherapy/kine-seances-par-an.md").write_text(text, encoding="utf-8")
    from regkb.sources import load_corpus

    _corpus, diagnostics = load_corpus(project)
    found = [d for d in diagnostics if d.code == "near-duplicate"]
    assert len(found) == 1, [d.format() for d in found]
    warning = found[0]
    assert not warning.is_error
    assert (warning.path, warning.line) == ("faq/physiotherapy/kine-seances-par-an.md", 6)
    assert "faq/physiotherapy/kine-nombre-seances.md:6" in warning.message and warning.fix
    result = subprocess.run([sys.executable, "-m", "regkb.cli", "--root", str(project), "check"],
                            capture_output=True, text=True, env=ENV, timeout=300)
    assert result.returncode == 0 and "kine-nombre-seances.md:6" in result.stdout  # a warning only
    assert "Traceback" not in result.stderr


def test_similar_pairs_finds_exactly_the_pairs_above_the_threshold() -> None:
    from regkb.core.duplicates import THRESHOLD, similar_pairs

    rnd = random.Random(5)
    vocabulary = [f"w{i}" for i in range(40)]
    sets = [frozenset(rnd.sample(vocabulary, rnd.randint(2, 7))) for _ in range(400)]
    sets += [s | {"extra"} for s in sets[:30]] + list(sets[30:40])  # near and exact duplicates
    brute = {(i, j) for i in range(len(sets)) for j in range(i + 1, len(sets))
             if len(sets[i]) >= 2 and len(sets[j]) >= 2
             and len(sets[i] & sets[j]) / len(sets[i] | sets[j]) >= THRESHOLD}
    assert {(i, j) for i, j, _ in similar_pairs(sets)} == brute
    assert len(brute) >= 10


# --- the search index, the command line, the API -------------------------------------------------------
@pytest.fixture(scope="session")
def search_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The index written by `regkb search --build` into a folder of the test session."""
    folder = tmp_path_factory.mktemp("search") / "index"
    result = subprocess.run([sys.executable, "-m", "regkb.cli", "--root", str(ROOT), "search", "--build",
                             "--index", str(folder)], capture_output=True, text=True, env=ENV, timeout=300)
    assert result.returncode == 0, result.stderr
    assert (folder / "fr").is_dir() and (folder / "nl").is_dir() and (folder / "meta.json").is_file()
    return folder


def cli(index: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "regkb.cli", "--root", str(ROOT), "search", *args,
                           "--index", str(index)], capture_output=True, text=True, env=ENV, timeout=120)


def test_the_build_writes_the_index(sample_site: Path) -> None:
    from regkb.search import default_index_dir

    folder = default_index_dir(ROOT)
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    assert meta["counts"]["fr"] == meta["counts"]["nl"] >= 40


@pytest.mark.parametrize("query,lang,expected", FOUND)
def test_cli_finds_the_answer(search_index: Path, query: str, lang: str, expected: str) -> None:
    result = cli(search_index, query, "--lang", lang, "--limit", "5", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    ids = [hit["id"] for hit in data["hits"]]
    assert expected in ids, ids
    hit = data["hits"][ids.index(expected)]
    assert hit["path"] == ("nl/" if lang == "nl" else "") + f"faq/{expected}/"
    assert "<mark" in hit["title_html"] + hit["snippet_html"]


def test_cli_text_output_and_did_you_mean(search_index: Path) -> None:
    result = cli(search_index, "logopedie akord", "--lang", "nl", "--limit", "3")
    assert result.returncode == 0
    assert result.stdout.splitlines()[0] == "Bedoelde u: 'logopedie akkoord'?"
    assert "https://regkb.example.be/nl/faq/" in result.stdout and "<mark" not in result.stdout
    result = cli(search_index, "reeducaton", "--lang", "fr")
    assert result.stdout.splitlines()[0] == "Vouliez-vous dire : « rééducation » ?"


def test_cli_filters_by_audience_and_topic(search_index: Path) -> None:
    data = json.loads(cli(search_index, "seances", "--audience", "patients", "--topic", "physiotherapy",
                          "--limit", "50", "--json").stdout)
    assert data["hits"] and all("patients" in h["audience"] and "physiotherapy" in h["topics"] for h in data["hits"])
    data = json.loads(cli(search_index, "seances", "--audience", "providers", "--limit", "50", "--json").stdout)
    assert data["hits"] and all("providers" in h["audience"] and "patients" not in h["audience"] for h in data["hits"])


@pytest.mark.parametrize("args,code", [(["", "--lang", "fr"], "empty-query"), (["kine", "--lang", "de"], "bad-lang"),
                                       (["kine", "--limit", "0"], "bad-limit"), (["k" * 501], "query-too-long"),
                                       (["kine", "--topic", "astrology"], "unknown-topic")])
def test_cli_refuses_bad_queries_cleanly(search_index: Path, args: list[str], code: str) -> None:
    result = cli(search_index, *args, "--json")
    assert result.returncode == 2
    assert json.loads(result.stdout)["error"] == code
    assert "Traceback" not in result.stderr


@pytest.fixture(scope="module")
def api(search_index: Path):
    """A real waitress server on a free loopback port, in a thread; yields its base URL."""
    from regkb.search import SearchService
    from regkb.search.api import create_app
    from regkb.search.server import make_server

    service = SearchService(search_index)
    server = make_server(create_app(service), host="127.0.0.1", port=0)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.effective_port}"
    server.close()
    service.close()


def get(url: str, method: str = "GET") -> tuple[int, dict, dict]:
    request = urllib.request.Request(url, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            body = response.read()
            return response.status, dict(response.headers), json.loads(body) if body else {}
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), json.loads(error.read() or b"{}")


def search_url(base: str, **params: str) -> str:
    return f"{base}/api/search?{urlencode(params)}"


@pytest.mark.parametrize("query,lang,expected", FOUND)
def test_api_finds_the_answer(api: str, query: str, lang: str, expected: str) -> None:
    status, headers, data = get(search_url(api, q=query, lang=lang, limit="5"))
    assert status == 200 and headers["Content-Type"].startswith("application/json")
    assert headers["Access-Control-Allow-Origin"] == "*"
    assert expected in [hit["id"] for hit in data["hits"]]
    assert all(hit["path"].startswith("nl/") == (lang == "nl") for hit in data["hits"])


@pytest.mark.parametrize("query,lang,suggestion", SUGGESTED)
def test_api_did_you_mean(api: str, query: str, lang: str, suggestion: str) -> None:
    status, _headers, data = get(search_url(api, q=query, lang=lang))
    assert status == 200 and data["suggestion"] == suggestion


def test_api_filters_health_and_snippets(api: str) -> None:
    status, _h, data = get(search_url(api, q="seances", lang="fr", audience="patients", topic="physiotherapy"))
    assert status == 200 and data["hits"]
    assert all("patients" in h["audience"] and "physiotherapy" in h["topics"] for h in data["hits"])
    status, _h, data = get(search_url(api, q="<b>seances</b> & kine", lang="fr"))
    assert status == 200 and data["hits"]
    for hit in data["hits"]:  # escaped text, only <mark> tags
        soup = BeautifulSoup(hit["snippet_html"] + hit["title_html"], "html.parser")
        assert {tag.name for tag in soup.find_all(True)} <= {"mark"}
    status, _h, data = get(f"{api}/api/health")
    assert status == 200 and data["status"] == "ok" and data["counts"]["nl"] >= 40


@pytest.mark.parametrize("query_string,code", [
    ("q=", "empty-query"), ("lang=fr", "empty-query"), ("q=kine&lang=de", "bad-lang"),
    ("q=kine&limit=0", "bad-limit"), ("q=kine&limit=abc", "bad-limit"), ("q=kine&limit=1e9", "bad-limit"),
    ("q=kine&limit=%D9%A3", "bad-limit"), ("q=kine&limit=1_0", "bad-limit"), ("q=kine&limit=%2B5", "bad-limit"),
    ("q=kine&limit=99999999999999999999", "bad-limit"),
    ("q=" + "k" * 501, "query-too-long"), ("q=%ff%fe%00", "bad-query"), ("q=a%00b", "bad-query"),
    ("q=kine&audience=martians", "unknown-audience"), ("q=kine&topic=%2A", "unknown-topic"),
    ("q=kine&q=kine", "repeated-parameter"),
])
def test_api_refuses_bad_queries_with_a_400(api: str, query_string: str, code: str) -> None:
    status, headers, data = get(f"{api}/api/search?{query_string}")
    assert status == 400 and data["error"] == code
    assert data["message"]["fr"] and data["message"]["nl"]
    assert headers["Content-Type"].startswith("application/json")


@pytest.mark.parametrize("query", HOSTILE)
@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_api_survives_hostile_queries(api: str, query: str, lang: str) -> None:
    status, _headers, data = get(search_url(api, q=query, lang=lang))
    assert status in (200, 400), (status, data)
    assert ("hits" in data) if status == 200 else ("error" in data)


def test_api_methods_and_paths(api: str) -> None:
    assert get(search_url(api, q="kine"), method="POST")[0] == 405
    assert get(search_url(api, q="kine"), method="DELETE")[0] == 405
    status, headers, body = get(search_url(api, q="kine"), method="HEAD")
    assert status == 200 and body == {} and int(headers["Content-Length"]) > 0
    assert get(f"{api}/api/nothing")[0] == 404
    assert get(f"{api}/{quote('../../etc/passwd')}")[0] == 404
