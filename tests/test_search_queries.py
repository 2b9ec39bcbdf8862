"""Queries as people type them, through the real whoosh index of the sample and the API's bytes.

Article numbers cited the way the texts number them (core/articles.py), characters pasted from a
PDF or another keyboard, words written apart that the texts write as one, plural forms that are no
typo, and markup in a query that must never come back as markup, even inside the JSON.
"""

from __future__ import annotations

import datetime as dt
import json
from urllib.parse import quote

import pytest

from conftest import TODAY


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory, sample_corpus):
    from regkb.search import SearchService, build_search_index

    corpus, _diagnostics = sample_corpus
    folder = tmp_path_factory.mktemp("queries") / "index"
    build_search_index(corpus, folder, dt.date.fromisoformat(TODAY), "https://regkb.example.be/")
    opened = SearchService(folder)
    yield opened
    opened.close()


def tokens(query: str) -> list[str]:
    from regkb.search.understand import find_identifiers, fold

    return [found.token for found in find_identifiers(fold(query))]


# --- article numbers: the anchors of core/articles.py, never a shorter one ----------------------
@pytest.mark.parametrize("number", ["7", "7bis", "7 bis", "7undecies", "7 quinquiesdecies", "22bis/1", "XI.172",
                                    "1er", "7nonies", "3ter", "12.3"])
@pytest.mark.parametrize("word", ["art.", "art", "article", "artikel", "Art."])
def test_an_article_cited_names_the_anchor_of_its_heading(word: str, number: str) -> None:
    from regkb.core.articles import parse_label

    label = parse_label(f"Art. {number}")
    assert label is not None
    assert tokens(f"{word} {number}") == [label.anchor]
    assert tokens(f"AR 3 juillet 1996 {word} {number}") == ["d1996-07-03", label.anchor]


@pytest.mark.parametrize("query,expected", [
    ("art. 22bis/1", ["art-22bis-1"]),  # was art-22bis: another article, in silence
    ("artikel 7undecies", ["art-7undecies"]),  # was not understood
    ("7 undecies", ["art-7undecies"]), ("7bis", ["art-7bis"]),  # a Latin suffix: only articles have one
    ("article premier", ["art-1"]), ("art. 1ᵉʳ", ["art-1"]),  # superscript ordinal pasted from a PDF
    ("２０２４/７", ["c2024-7"]),  # full-width digits
    ("2024/7", ["c2024-7"]), ("7 2024", []),
    ("AR 3/7/96", ["d1996-07-03"]), ("KB 3 juli 96 art 7", ["d1996-07-03", "art-7"]),  # a year of two digits
    ("AR 30/5/24", ["d2024-05-30"]), ("art. 7.1.12", ["art-7-1-12"]), ("31/2/96", []),
])
def test_identifiers_as_typed(query: str, expected: list[str]) -> None:
    assert tokens(query) == expected


def test_a_year_of_two_digits_is_the_latest_that_has_been() -> None:
    from regkb.search.understand import full_year

    assert [full_year(y, dt.date(2026, 3, 1)) for y in ("26", "27", "96", "00")] == ["2026", "1927", "1996", "2000"]


def test_fold_reads_compatibility_forms_and_drops_invisible_characters() -> None:
    from regkb.search.understand import fold

    assert fold("ｋｉｎé") == "kine"
    assert fold("kiné\u00adsithérapie\u200b") == "kinesitherapie"  # a soft hyphen, a zero-width space
    assert fold("prescripﬁon") == "prescripfion" and fold("ĳzer") == "ijzer"


def test_words_written_apart_are_joined_when_the_texts_write_them_as_one() -> None:
    from regkb.search.query import joined_words

    known = {"eattest": 3, "tiers": 5, "payant": 5, "thuisverpleging": 4, "verpleging": 1}
    assert joined_words("e-attest", known) == "eattest"
    assert joined_words("le e attest kine", known) == "le eattest kine"
    assert joined_words("thuis verpleging", known) == "thuisverpleging"
    assert joined_words("tiers payant", known) == "tiers payant"  # two known words stay apart
    assert joined_words("2024-7 e - attest", known) == "2024-7 eattest"
    # Dutch: two known words whose compound the texts have are joined (the compound meets its parts)
    known |= {"zittingen": 9, "teller": 1, "zittingenteller": 1}
    assert joined_words("zittingen teller", known, compounds=True) == "zittingenteller"
    assert joined_words("zittingen teller", known) == "zittingen teller"
    assert joined_words("tiers payant", known, compounds=True) == "tiers payant"  # no such compound


# --- the real index ------------------------------------------------------------------------------
@pytest.mark.parametrize("query,lang,expected", [
    ("art. 7 bis", "fr", "regulations/ar-1996-07-03/#art-7bis"),
    ("KB 3 juli 1996 artikel 7 bis", "nl", "nl/regulations/ar-1996-07-03/#art-7bis"),
    ("AR 3 juillet 1996 art. 1ᵉʳ", "fr", "regulations/ar-1996-07-03/#art-1"),
    ("circulaire ２０２４/７", "fr", "circulars/circ-oa-2024-7/"),
    ("AR du 3/7/96", "fr", "regulations/ar-1996-07-03/"),  # was third, after two acts amending it
    ("e-attest", "fr", "faq/kine-eattest-fonctionnement/"),  # was the answer on "attestation de soins"
    ("e attest", "fr", "faq/kine-eattest-fonctionnement/"),
    ("thuis verpleging", "nl", "soins-domicile-"),  # was an answer on diabetes
    ("orthophoniste", "fr", "logo-"),  # France's word for logopède: was nothing
    ("kinesist", "nl", "kine-"),  # Flanders' everyday word: was nothing
    ("omzendbrieven kine", "nl", "nl/circulars/"),  # brief, brieven: stems apart, was nothing
    ("zittingen teller", "nl", "nl/faq/kine-compteur-2027/"),  # the texts' zittingenteller: was third
    ("ordonnance obligatoire pour infirmière à domicile", "fr", "faq/soins-domicile-prescription/"),  # was second
    ("derde betaler", "nl", "nl/faq/tiers-payant-"),  # the texts write derdebetalersregeling: was fourth
])
def test_the_obvious_text_comes_first(service, query: str, lang: str, expected: str) -> None:
    hits = service.search(query, lang, limit=5).hits
    assert hits and expected in hits[0].path, (query, [h.path for h in hits])


def test_a_compound_also_meets_its_parts(service) -> None:
    """"kinesitherapiezittingen" is in one text: the texts on kinesitherapie zittingen count too."""
    result = service.search("kinesitherapiezittingen", "nl", limit=10)
    assert result.total > 1 and any("faq/kine-" in hit.path for hit in result.hits)


@pytest.mark.parametrize("query,lang", [("prestataires non conventionnés", "fr"), ("séances kinés", "fr"),
                                        ("zittingen", "nl")])
def test_another_form_of_a_word_is_no_typo(service, query: str, lang: str) -> None:
    result = service.search(query, lang)
    assert result.hits and result.suggestion is None and not result.corrections


# --- markup never comes back as markup -----------------------------------------------------------
@pytest.mark.parametrize("query", ["<script>alert(1)</script>", "<img src=x onerror=alert(1)> kiné",
                                   "kiné & <b>logo</b>", "</script><script>x</script>"])
def test_the_api_bytes_hold_no_markup(service, query: str) -> None:
    from regkb.search.api import create_app

    app = create_app(service, cache_entries=0)
    statuses = []
    for params in ({"q": query}, {"q": query, "topic": query}, {"q": query, "lang": query}):
        encoded = "&".join(f"{name}={quote(value)}" for name, value in params.items())
        body = b"".join(app({"REQUEST_METHOD": "GET", "PATH_INFO": "/api/search", "QUERY_STRING": encoded},
                            lambda status, headers: statuses.append(status)))
        assert b"<" not in body and b">" not in body and b"&" not in body, body[:200]
        data = json.loads(body)  # the same strings once parsed
        if "query" in data:
            assert data["query"] == query.strip()
    assert statuses[0].startswith("200") and all(s.startswith(("200", "400")) for s in statuses)


def test_marks_survive_as_escapes(service) -> None:
    from regkb.search.api import to_json

    result = service.search("ticket modérateur", "fr")
    raw = to_json(result.as_json())
    assert b"\\u003cmark\\u003e" in raw and json.loads(raw)["hits"][0]["title_html"].count("<mark>") >= 1


@pytest.mark.parametrize("with_fillers,without,lang", [
    ("les séances de kiné que les patients ont", "séances kiné patients", "fr"),  # whoosh's list lacks "les"
    ("cette prescription si ils sont leurs", "prescription", "fr"),
    ("kun wij de zittingen kine", "zittingen kine", "nl"),
])
def test_words_that_name_nothing_change_nothing(service, with_fillers: str, without: str, lang: str) -> None:
    def paths(query: str) -> list[str]:
        return [hit.path for hit in service.search(query, lang, limit=10).hits]

    assert paths(with_fillers) == paths(without)


# --- no hit: what to try instead -----------------------------------------------------------------
@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_an_answer_with_no_hit_says_what_to_try(service, lang: str) -> None:
    from regkb.catalogue import by_language

    wanted = by_language("search_api")
    result = service.search("qxzvwk jjqqzz", lang)
    assert result.hits == [] and result.total == 0
    assert result.help == {name: wanted[name]["none.help"] for name in ("fr", "nl")}
    assert result.help_text == wanted[lang]["none.help"] and "2024/7" in result.help_text
    found = service.search("remgeld", lang)
    assert found.hits and found.help is None and found.help_text is None


def test_the_api_and_the_command_line_give_the_help(service, capsys) -> None:
    from regkb.search.api import create_app
    from regkb.cli import main as cli

    app = create_app(service)
    seen: dict = {}
    body = b"".join(app({"REQUEST_METHOD": "GET", "PATH_INFO": "/api/search",
                         "QUERY_STRING": "q=" + quote("qxzvwk jjqqzz") + "&lang=nl"},
                        lambda status, headers: seen.update(status=status)))
    data = json.loads(body)
    assert seen["status"].startswith("200") and data["hits"] == [] and data["help_text"] == data["help"]["nl"]
    assert cli(["search", "qxzvwk jjqqzz", "--lang", "fr", "--index", str(service.folder)]) == 0
    out = capsys.readouterr().out
    assert "Aucun résultat." in out and "circulaire 2024/7" in out


@pytest.mark.parametrize("query,lang,page", [
    ("art 7bis", "fr", "regulations/ar-1996-07-03/art-7bis/"),
    ("l'article 32 de la loi", "fr", "regulations/loi-1994-07-14/art-32/"),
    ("artikel 7 KB 14 september 1984", "nl", "nl/regulations/ar-1984-09-14/art-7/"),
    ("560011", "fr", "regulations/ar-1984-09-14/art-7/"),  # the article defining the code
])
def test_an_article_asked_for_has_its_own_page(service, query: str, lang: str, page: str) -> None:
    """`path` keeps the anchor on the text (the API's contract); `article_path` is the article's page."""
    hit = service.search(query, lang, limit=3).hits[0]
    assert hit.article_path == page and hit.path == page[:-1].rsplit("/", 1)[0] + "/#" + hit.article
    assert hit.article_url.endswith("/" + page)
    circular = service.search("circulaire 2024/7", "fr").hits[0]
    assert circular.id == "circ-oa-2024-7" and circular.article_path == "" and circular.article_url == ""
