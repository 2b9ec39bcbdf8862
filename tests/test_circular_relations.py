"""Circulars across texts: what `replaces` and `implements` may name, a replacement newer than
what it replaces, "remplacée par …" (announced before the day), circular numbers compared as read
(2024/07 = 2024/7), and references to texts that ended before the citing text applies."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from regkb.pages.context import SiteContext
from regkb.pages.simple import circular_page
from regkb.search.identifiers import identifier_map
from regkb.sources import load_corpus
from test_foundation import minimal_project, write

CIRCULAR = ("---\nnumber: \"{number}\"\ndate: {date}\naudience: {audience}\ntitle: {title} {number}\n"
            "short_title: {title} {number}\nreviewed: {date}\n{extra}---\n{body}\n")
TITLES = {"fr": "Circulaire OA", "nl": "Omzendbrief VI"}


def circular(root: Path, doc_id: str, number: str, date: str, extra: str = "", body: str = "Texte.",
             audience: str = "insurers", langs: tuple[str, ...] = ("fr", "nl"), numbers: dict | None = None) -> None:
    for lang in langs:
        write(root, f"circulars/{date[:4]}/{doc_id}.{lang}.md",
              CIRCULAR.format(number=(numbers or {}).get(lang, number), date=date, audience=audience,
                              title=TITLES[lang], extra=extra, body=body))


def repeal_decree(root: Path, day: str) -> None:
    for lang in ("fr", "nl"):
        path = root / f"docs/{lang}/regulations/ar-test/index.md"
        path.write_text(path.read_text(encoding="utf-8").replace("date: 2020-01-01\n",
                                                                 f"date: 2020-01-01\nrepealed: {day}\n"), encoding="utf-8")


def found(diagnostics, code: str) -> list:
    return [d for d in diagnostics if d.code == code]


EXTRA_LINE = 8  # the line of {extra} in CIRCULAR


# --- relations: kinds and dates ---------------------------------------------------------------------
def test_replaces_must_name_a_circular(tmp_path: Path):
    root = minimal_project(tmp_path)
    circular(root, "circ-oa-2024-1", "2024/1", "2024-01-10", "replaces: ar-test\n")
    _corpus, diagnostics = load_corpus(root)
    errors = found(diagnostics, "relation-kind")
    assert {(d.path, d.line) for d in errors} == {(f"circulars/2024/circ-oa-2024-1.{lang}.md", EXTRA_LINE)
                                                   for lang in ("fr",)}
    assert errors[0].is_error and "royal decree 'ar-test'" in errors[0].message and "implements" in errors[0].fix


def test_implements_must_name_a_regulation(tmp_path: Path):
    root = minimal_project(tmp_path)
    circular(root, "circ-oa-2023-1", "2023/1", "2023-01-10")
    circular(root, "circ-oa-2024-1", "2024/1", "2024-01-10", "implements: [ar-test, circ-oa-2023-1]\n")
    _corpus, diagnostics = load_corpus(root)
    errors = found(diagnostics, "relation-kind")
    assert len(errors) == 1 and errors[0].line == EXTRA_LINE and "circular 'circ-oa-2023-1'" in errors[0].message
    assert "replaces" in errors[0].fix


def test_a_circular_replaces_an_older_one(tmp_path: Path):
    root = minimal_project(tmp_path)
    circular(root, "circ-oa-2024-9", "2024/9", "2024-09-01")
    circular(root, "circ-oa-2024-1", "2024/1", "2024-01-10", "replaces: circ-oa-2024-9\n")
    _corpus, diagnostics = load_corpus(root)
    errors = found(diagnostics, "replaces-newer")
    assert [(d.path, d.line) for d in errors] == [("circulars/2024/circ-oa-2024-1.fr.md", EXTRA_LINE)]
    assert "2024-09-01" in errors[0].message and errors[0].fix


def test_the_right_way_round_is_silent(tmp_path: Path):
    root = minimal_project(tmp_path)
    circular(root, "circ-oa-2024-1", "2024/1", "2024-01-10", "implements: [ar-test]\n")
    circular(root, "circ-oa-2024-9", "2024/9", "2024-09-01", "replaces: circ-oa-2024-1\n")
    _corpus, diagnostics = load_corpus(root)
    assert diagnostics.items == [], [d.format() for d in diagnostics]


# --- "remplacée par": announced before the replacement applies --------------------------------------
@pytest.mark.parametrize("today, lang, shown, hidden", [
    ("2024-12-01", "fr", "Cette circulaire a été remplacée par Circulaire OA 2024/9.", None),
    ("2024-12-01", "nl", "Deze omzendbrief is vervangen door Omzendbrief VI 2024/9.", None),
    ("2024-06-01", "fr", "Cette circulaire sera remplacée par Circulaire OA 2024/9 à partir du 1er septembre 2024.",
     "Cette circulaire a été remplacée par Circulaire OA 2024/9."),
    ("2024-06-01", "nl", "Deze omzendbrief wordt vanaf 1 september 2024 vervangen door Omzendbrief VI 2024/9.",
     "Deze omzendbrief is vervangen door Omzendbrief VI 2024/9."),
])
def test_the_replaced_circular_says_by_which_and_from_when(tmp_path: Path, today: str, lang: str, shown: str,
                                                          hidden: str | None):
    root = minimal_project(tmp_path)
    circular(root, "circ-oa-2024-1", "2024/1", "2024-01-10")
    circular(root, "circ-oa-2024-9", "2024/9", "2024-08-20", "in_force: 2024-09-01\nreplaces: circ-oa-2024-1\n")
    corpus, diagnostics = load_corpus(root)
    assert not diagnostics.has_errors
    ctx = SiteContext(corpus, dt.date.fromisoformat(today))
    _title, body, _meta = circular_page(ctx, corpus.get("circ-oa-2024-1"), lang)
    notices = BeautifulSoup(body, "html.parser").select("[data-regkb-replaced]")
    visible = [n for n in notices if not n.has_attr("hidden")]
    assert [" ".join(n.get_text().split()) for n in visible] == [shown]
    assert visible[0].a["href"] == "../circ-oa-2024-9/"
    assert [" ".join(n.get_text().split()) for n in notices if n.has_attr("hidden")] == ([hidden] if hidden else [])
    for notice in notices:  # the page script shows the notice of the reader's day
        assert notice["data-from"] == "2024-09-01" and notice["data-regkb-answer-when"] in ("upcoming", "in-force")


# --- numbers compared as read ---------------------------------------------------------------------------
def test_a_number_written_with_a_zero_or_spaces_is_the_same_number(tmp_path: Path):
    root = minimal_project(tmp_path)
    circular(root, "circ-oa-2024-7", "2024/07", "2024-07-01", numbers={"nl": " 2024 / 7 "})
    corpus, diagnostics = load_corpus(root)
    assert diagnostics.items == [], [d.format() for d in diagnostics]
    assert corpus.get("circ-oa-2024-7").number == "2024/07"
    shards = identifier_map(corpus, dt.date(2024, 8, 1), "fr")
    assert list(shards["c2024"]["circ"]) == ["2024/7"]  # as the search script reads "2024/07" or "2024/7"


@pytest.mark.parametrize("first, second", [("2024/07", "2024/7"), ("2024/7A", "2024/7a"), ("2024/7", "2024/ 7")])
def test_one_number_twice_in_a_series_is_an_error_however_written(tmp_path: Path, first: str, second: str):
    root = minimal_project(tmp_path)
    circular(root, "circ-oa-2024-7", first, "2024-07-01")
    circular(root, "circ-oa-2024-7b", second, "2024-07-02")
    circular(root, "circ-kine-2024-7", second, "2024-07-02", audience="physiotherapists")  # another series
    _corpus, diagnostics = load_corpus(root)
    errors = found(diagnostics, "duplicate-number")
    assert [d.path for d in errors] == ["circulars/2024/circ-oa-2024-7b.fr.md"], [d.format() for d in errors]
    assert "circ-oa-2024-7" in errors[0].message and errors[0].line == 2


def test_numbers_that_differ_between_languages_are_a_mismatch(tmp_path: Path):
    root = minimal_project(tmp_path)
    circular(root, "circ-oa-2024-7", "2024/7", "2024-07-01", numbers={"nl": "2024/8"})
    _corpus, diagnostics = load_corpus(root)
    assert [(d.path, d.line) for d in found(diagnostics, "language-mismatch")] == [
        ("circulars/2024/circ-oa-2024-7.nl.md", 2)]


def test_a_reference_with_a_zero_in_the_id_names_the_id_meant(tmp_path: Path):
    root = minimal_project(tmp_path)
    circular(root, "circ-oa-2024-7", "2024/7", "2024-07-01")
    circular(root, "circ-oa-2024-9", "2024/9", "2024-09-01", "replaces: circ-oa-2024-07\n",
             body="Voir [](ref:circ-oa-2024-07).")
    _corpus, diagnostics = load_corpus(root)
    errors = found(diagnostics, "unknown-reference")
    assert errors and all("'circ-oa-2024-7'" in d.fix for d in errors), [d.format() for d in errors]


# --- citing a text that has ended --------------------------------------------------------------------
def test_citing_a_repealed_text_on_the_citing_day_is_a_warning(tmp_path: Path):
    root = minimal_project(tmp_path)
    repeal_decree(root, "2023-01-01")
    circular(root, "circ-oa-2024-1", "2024/1", "2024-01-10", "implements: [ar-test]\n",
             body="Selon [](ref:ar-test#art-1) et [le texte](ref:ar-test).\n\nAvant : [](ref:ar-test@2022-01-01#art-1).")
    _corpus, diagnostics = load_corpus(root)
    warnings = found(diagnostics, "ended-text")
    fr = [(d.line, d.is_error) for d in warnings if d.path.endswith(".fr.md")]
    assert fr == [(EXTRA_LINE, False), (EXTRA_LINE + 2, False), (EXTRA_LINE + 2, False)], [d.format() for d in warnings]
    body = [d for d in warnings if d.line == EXTRA_LINE + 2]
    assert "repealed on 2023-01-01" in body[0].message and "ref:ar-test@2020-02-01#art-1" in body[0].fix
    assert not found(diagnostics, "repealed-article")


def test_a_text_repealed_while_the_citing_text_applies_is_announced(tmp_path: Path):
    root = minimal_project(tmp_path)
    repeal_decree(root, "2030-01-01")
    circular(root, "circ-oa-2024-1", "2024/1", "2024-01-10", body="Selon [](ref:ar-test#art-1).")
    _corpus, diagnostics = load_corpus(root)
    warnings = found(diagnostics, "ended-text")
    assert [d.line for d in warnings if d.path.endswith(".fr.md")] == [EXTRA_LINE + 1]
    assert "from 2030-01-01" in warnings[0].message and "before 2030-01-01" in warnings[0].fix


def test_a_circular_replaced_before_the_repeal_is_not_warned(tmp_path: Path):
    root = minimal_project(tmp_path)
    repeal_decree(root, "2030-01-01")
    circular(root, "circ-oa-2024-1", "2024/1", "2024-01-10", "implements: [ar-test]\n")
    circular(root, "circ-oa-2025-1", "2025/1", "2025-01-10", "replaces: circ-oa-2024-1\n")
    _corpus, diagnostics = load_corpus(root)
    assert not found(diagnostics, "ended-text"), [d.format() for d in diagnostics]


@pytest.mark.parametrize("lang, words", [("fr", "(plus en vigueur depuis le 1er janvier 2023)"),
                                         ("nl", "(niet meer van kracht sinds 1 januari 2023)")])
def test_the_link_to_an_ended_text_says_since_when(tmp_path: Path, lang: str, words: str):
    root = minimal_project(tmp_path)
    repeal_decree(root, "2023-01-01")
    circular(root, "circ-oa-2024-1", "2024/1", "2024-01-10", body="Selon [](ref:ar-test#art-1), [x](ref:ar-test@2022-01-01).")
    corpus, _diagnostics = load_corpus(root)
    _title, body, _meta = circular_page(SiteContext(corpus, dt.date(2024, 6, 1)), corpus.get("circ-oa-2024-1"), lang)
    marks = BeautifulSoup(body, "html.parser").select(".regkb-ref-repealed")
    assert [m.get_text() for m in marks] == [words]  # the dated reference cites the version of its day
    assert not [c for c in marks[0]["class"] if c.startswith("regkb-ref-from-")]


def test_the_link_to_a_text_ending_later_carries_its_day(tmp_path: Path):
    root = minimal_project(tmp_path)
    repeal_decree(root, "2030-01-01")
    circular(root, "circ-oa-2024-1", "2024/1", "2024-01-10", body="Selon [](ref:ar-test).")
    corpus, _diagnostics = load_corpus(root)
    _title, body, _meta = circular_page(SiteContext(corpus, dt.date(2024, 6, 1)), corpus.get("circ-oa-2024-1"), "fr")
    mark = BeautifulSoup(body, "html.parser").select_one(".regkb-ref-repealed")
    assert mark is not None and "regkb-ref-from-2030-01-01" in mark["class"]


def test_citing_a_replaced_circular_is_a_warning_but_not_from_its_replacement(tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("REGKB_TODAY", "2024-06-01")
    root = minimal_project(tmp_path)
    circular(root, "circ-oa-2024-1", "2024/1", "2024-01-10")
    circular(root, "circ-oa-2024-9", "2024/9", "2024-09-01", "replaces: circ-oa-2024-1\n",
             body="Remplace [la circulaire 2024/1](ref:circ-oa-2024-1).")
    circular(root, "circ-oa-2025-1", "2025/1", "2025-01-10", body="Voir [](ref:circ-oa-2024-1).")
    circular(root, "circ-oa-2024-5", "2024/5", "2024-05-01", body="Voir [](ref:circ-oa-2024-1).")
    _corpus, diagnostics = load_corpus(root)
    warnings = [d for d in found(diagnostics, "ended-text") if d.path.endswith(".fr.md")]
    assert [(d.path, d.line) for d in warnings] == [("circulars/2024/circ-oa-2024-5.fr.md", EXTRA_LINE + 1),
                                                     ("circulars/2025/circ-oa-2025-1.fr.md", EXTRA_LINE + 1)]
    assert "replaced by 'circ-oa-2024-9' from 2024-09-01, while" in warnings[0].message
    assert "replaced by 'circ-oa-2024-9' from 2024-09-01, on this text's day" in warnings[1].message
    assert "'circ-oa-2024-9'" in warnings[1].fix
