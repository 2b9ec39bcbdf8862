"""The site box helps where a literal search would fail (issue 17), in real headless Chromium:
no dead end for a natural question, typos corrected from the build-time vocabulary, the other
language's site offered, identifiers in every spelling, codes listing every text, no 404.
"""

from __future__ import annotations

import re

import json
from pathlib import Path

import pytest

from browser import CountingHandler, serve

WAIT = 60


@pytest.fixture(scope="module")
def counted_site(sample_site: Path):
    with serve(sample_site, CountingHandler) as url:
        yield url


def box_search(driver, url: str, query: str) -> dict:
    """Type `query` into the header box of `url`; what it shows: status, notice, links."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    if driver.current_url != url:
        driver.get(url)
    box = driver.find_element(By.CSS_SELECTOR, "[data-regkb-search=header]")
    field = box.find_element(By.CSS_SELECTOR, "[data-regkb-query]")
    driver.execute_script("""const f = arguments[0]; f.focus(); f.value = arguments[1];
        f.dispatchEvent(new Event('input', {bubbles: true}));""", field, query)
    WebDriverWait(driver, WAIT).until(lambda d: box.get_attribute("data-regkb-done") == query)
    return driver.execute_script("""const b = arguments[0], n = b.querySelector('[data-regkb-search-notice]');
        return {status: b.querySelector('[data-regkb-search-status]').textContent, notice: n.hidden ? '' : n.textContent,
          suggest: (n.querySelector('[data-regkb-suggest]') || {}).textContent || null,
          other: (n.querySelector('[data-regkb-other-lang] a') || {}).href || null,
          links: Array.from(b.querySelectorAll('[data-regkb-results] > li > a')).map(a => a.href),
          direct: b.querySelectorAll('.regkb-search-direct').length};""", box)


def test_vocabulary_and_manifest_are_written(sample_site: Path) -> None:
    fr = json.loads((sample_site / "assets/regkb/vocab/fr/l.json").read_text(encoding="utf-8"))
    assert fr["logopedie"][1] == "logopédie" and fr["logopedie"][0] > 5  # texts, usual spelling
    assert all((sample_site / f"assets/regkb/vocab/nl/{c}.json").is_file() for c in "abcdefghijklmnopqrstuvwxyz")
    names = json.loads((sample_site / "assets/regkb/ids/fr/index.json").read_text(encoding="utf-8"))
    assert "c2024" in names and "a2022" not in names
    assert sorted(p.stem for p in (sample_site / "assets/regkb/ids/fr").glob("*.json") if p.stem != "index") == names


def test_a_question_with_a_missing_word_is_no_dead_end(counted_site: str, browser) -> None:
    shown = box_search(browser, counted_site, "logopédie enfant refusée par la mutuelle")
    assert shown["links"][0].endswith("/faq/logo-refus-accord/"), shown
    shown = box_search(browser, counted_site, "infirmière à domicile remboursée")  # remboursée meets remboursés
    assert any(link.endswith("/faq/soins-domicile-remboursement/") for link in shown["links"][:2]), shown


def test_typo_is_corrected_and_said(counted_site: str, browser) -> None:
    shown = box_search(browser, counted_site, "prolongation logopdie")
    assert shown["suggest"] == "prolongation logopédie" and "Vouliez-vous dire" in shown["notice"]
    assert shown["links"][0].endswith("/faq/logo-prolongation-traitement/")
    shown = box_search(browser, counted_site + "nl/", "verhoogde tegemoetkomming")
    assert "Bedoelde u" in shown["notice"] and "/nl/faq/intervention-majoree-" in shown["links"][0]
    shown = box_search(browser, counted_site, "mutuelle")  # a synonym, never matched on its first letter
    assert shown["links"] and "Vouliez" not in shown["notice"]


def test_other_language_is_offered(counted_site: str, browser) -> None:
    CountingHandler.served.clear()
    shown = box_search(browser, counted_site, "remgeld")
    assert shown["other"] and "/nl/search/?q=remgeld" in shown["other"], shown
    assert shown["links"][0].endswith("/nl/faq/ticket-moderateur-definition/")
    asked = [path for path, _n in CountingHandler.served]
    # from the other language's word index (search/wordpages.py), not its whole Pagefind
    assert any("/assets/regkb/wordpages/nl/b" in p for p in asked) and any("/wordpages/nl/c" in p for p in asked)
    assert not any(".nl_" in p or "wasm.nl" in p or "/nl_" in p for p in asked), asked
    shown = box_search(browser, counted_site + "nl/", "ticket modérateur")
    assert shown["other"] and "/search/?q=ticket" in shown["other"] and "/nl/search/" not in shown["other"]
    shown = box_search(browser, counted_site + "nl/", "tiers payant")
    assert shown["links"][0].endswith("/faq/tiers-payant-definition/") and "/nl/" not in shown["links"][0], shown


@pytest.mark.parametrize("page, query, expected", [
    ("nl/", "KB 14 september 1984", "/nl/regulations/ar-1984-09-14/"),
    ("nl/", "artikel 7 KB 14 sept. 1984", "/nl/regulations/ar-1984-09-14/#art-7"),
    ("", "art 7 AR 14 sept. 84", "/regulations/ar-1984-09-14/#art-7"),  # "7 ar 14" is no date: the next one is
    ("", "AR 14/09/1984", "/regulations/ar-1984-09-14/"),
    ("", "2024/07", "/circulars/circ-oa-2024-7/"),
    ("", "2024-7", "/circulars/circ-oa-2024-7/"),
])
def test_identifiers_in_every_spelling(counted_site: str, browser, page: str, query: str, expected: str) -> None:
    shown = box_search(browser, counted_site + page, query)
    first = shown["links"][0]
    article = expected.replace("#", "") + "/" if "#" in expected else None  # an article's own page, if it has one
    assert (first.endswith(expected) or (article and first.endswith(article))) and shown["direct"] >= 1, shown


def test_shared_code_lists_every_text_and_no_missing_file_is_asked(counted_site: str, browser) -> None:
    CountingHandler.served.clear()
    shown = box_search(browser, counted_site, "771012")
    assert {link.split("/")[-2] for link in shown["links"][:3]} == {"conv-loco-liege", "conv-loco-gent", "conv-loco-namur"}
    assert shown["direct"] == 3
    shown = box_search(browser, counted_site, "MB 14 octobre 2022")  # no act of that date: no shard a2022
    assert not any("/ids/fr/a2022" in path for path, _n in CountingHandler.served)
    n = len(shown["links"])  # the count is the list's, or says how many of the pages found it shows
    assert (shown["status"] in (f"{n} résultats", "Aucun résultat" if not n else "")
            or re.fullmatch(rf"\d+ résultats, les {n} premiers ci-dessous", shown["status"])), shown["status"]


@pytest.mark.parametrize("page, query, expected", [
    ("", "l'article 32 de la loi", "/regulations/loi-1994-07-14/art-32/"),  # was the law's page, art. 32 nowhere
    ("", "article 36 de la nomenclature", "/regulations/ar-1984-09-14/art-36/"),  # was after an answer
    ("", "art 7bis", "/regulations/ar-1996-07-03/art-7bis/"),
    ("nl/", "art. 37 bis wet", "/nl/regulations/loi-1994-07-14/art-37bis/"),
    ("nl/", "artikel 8 nomenclatuur", "/nl/regulations/ar-1984-09-14/art-8/"),
])
def test_an_article_cited_without_its_date_opens_its_page(counted_site: str, browser, page: str, query: str,
                                                          expected: str) -> None:
    """The texts found that hold the article lead to its own page, first, named by the article."""
    shown = box_search(browser, counted_site + page, query)
    assert shown["links"][0].endswith(expected), shown
    assert len(shown["links"]) == len(set(shown["links"]))  # the article once, whether found or routed
    title = browser.execute_script(
        "return document.querySelector('[data-regkb-search=header] [data-regkb-results] h2').textContent")
    assert title.lower().startswith("art. "), title


@pytest.mark.parametrize("query, expected, within", [
    ("zittingen teller", "/nl/faq/kine-compteur-2027/", 1),  # the texts' zittingenteller: was fourth
    ("dagforfaits", "/nl/faq/soins-domicile-forfait-journalier/", 3),  # its singular: was not in the first ten
    ("derde betaler", "/nl/faq/tiers-payant-definition/", 1),  # derdebetalersregeling: was third
])
def test_dutch_words_meet_their_compounds_and_forms(counted_site: str, browser, query: str, expected: str,
                                                    within: int) -> None:
    shown = box_search(browser, counted_site + "nl/", query)
    assert any(link.endswith(expected) for link in shown["links"][:within]), shown


@pytest.mark.parametrize("page, count, words", [
    ("", "Aucun résultat", "circulaire 2024/7"), ("nl/", "Geen resultaten", "omzendbrief 2024/7")])
def test_no_result_says_what_to_try(counted_site: str, browser, page: str, count: str, words: str) -> None:
    from regkb.catalogue import by_language

    help_ = by_language("search_box")["nl" if page else "fr"]["noneHelp"]
    shown = box_search(browser, counted_site + page, "qxzvwk jjqqzz")
    assert shown["links"] == [] and shown["status"] == count
    assert help_ in shown["notice"] and words in shown["notice"], shown
    shown = box_search(browser, counted_site + page, "remgeld")  # found: no help
    assert shown["links"] and help_ not in shown["notice"]


def test_every_expected_answer_of_the_relevance_sets_exists(sample_site: Path) -> None:
    """bench/search_queries.yml (tuned and held-out sets) names pages, and anchors, the site has:
    a misspelt expectation would count as a miss of the search."""
    import yaml

    sets = yaml.safe_load((Path(__file__).parent.parent / "bench/search_queries.yml").read_text(encoding="utf-8"))
    assert len(sets["heldout"]) >= 50
    for name in ("sample", "heldout"):
        for query in sets[name]:
            for expected in query["expect"]:
                path, _, anchor = expected.partition("#")
                page = sample_site / path / "index.html"
                assert page.is_file(), (name, query["q"], expected)
                assert not anchor or f'id="{anchor}"' in page.read_text(encoding="utf-8"), (name, query["q"], expected)
