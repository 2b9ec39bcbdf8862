"""Site search: Pagefind indexes, identifier maps and the header box in real headless Chromium.

The sample site is built once (conftest `sample_site`, which runs Pagefind inside `mkdocs build`),
served on loopback, and queried in both languages through the header box, as a reader would type.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

from browser import SEARCH_FILES, CountingHandler, chromium, serve

WAIT = 60  # seconds a query may take on a slow machine before the test fails (not a timing test)


def soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


# --- what the build writes ---------------------------------------------------------------------
def test_pagefind_ran_once_with_one_index_per_language(sample_site: Path) -> None:
    entry = json.loads((sample_site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert set(entry["languages"]) == {"fr", "nl"}
    assert entry["languages"]["fr"]["page_count"] == entry["languages"]["nl"]["page_count"] > 50
    assert not (sample_site / "nl" / "pagefind").exists()  # one bundle for the whole site
    assert not (sample_site / "search" / "search_index.json").exists()  # not Material's search


def test_one_pagefind_per_language_writes_the_files_of_one_run(sample_site: Path, tmp_path: Path) -> None:
    """`regkb build` indexes each language with its own Pagefind (at once, each as soon as its
    pages are written) and puts the parts together: after pagefind_stable, the same files, byte
    for byte, as one Pagefind run over the whole site; a language's glob holds only its pages."""
    import shutil

    from regkb.search.pagefind import PagefindRun, finish_index, language_glob, start_pagefind

    outputs = {}
    for split in (False, True):
        site = tmp_path / f"site-{split}"
        shutil.copytree(sample_site, site, ignore=shutil.ignore_patterns("pagefind"))
        if split:
            run = PagefindRun.by_language(site)
            for lang in ("nl", "fr"):
                run.start(lang)
            report = finish_index(run)
        else:
            report = finish_index(start_pagefind(site))
        assert report.languages == {"fr": report.pages // 2, "nl": report.pages // 2}
        outputs[split] = {path.relative_to(site / "pagefind").as_posix(): path.read_bytes()
                          for path in sorted((site / "pagefind").rglob("*")) if path.is_file()}
        assert not list(tmp_path.glob(".pagefind-*"))  # the parts' folders are removed
    assert len(outputs[True]) > 100
    assert outputs[True] == outputs[False]
    french = language_glob(sample_site, "fr").strip("{}").split(",")
    assert "regulations/*/art-*/index.html" in french
    assert [p for p in french if p.startswith(("nl/", "*"))] == []
    assert all(p.startswith("nl/") for p in language_glob(sample_site, "nl").strip("{}").split(","))


def test_pagefind_reads_every_searchable_page(sample_site: Path) -> None:
    """Pagefind reads only the pages its glob names (versions and diffs are never searchable):
    every page marked for the index must be among them, and the index must hold them all."""
    import re

    from regkb.search.pagefind import searchable_glob

    patterns = searchable_glob().strip("{}").split(",")
    regex = re.compile("|".join(
        "(?:" + re.escape(p).replace(r"\*\*/", "(?:.*/)?").replace(r"\*", "[^/]*") + ")" for p in patterns))
    marked = [page.relative_to(sample_site).as_posix() for page in sorted(sample_site.rglob("*.html"))
              if "data-pagefind-body" in page.read_text(encoding="utf-8")]
    assert len(marked) > 100
    assert [page for page in marked if not regex.fullmatch(page)] == []
    assert not regex.fullmatch("regulations/ar-1996-07-03/2019-01-01/index.html")
    entry = json.loads((sample_site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert sum(language["page_count"] for language in entry["languages"].values()) == len(marked)


def test_everything_pagefind_indexes_is_inside_its_root_element(sample_site: Path) -> None:
    """Pagefind processes only ROOT_SELECTOR: each page's indexed body, with its filters and meta,
    must sit inside it, and outside it nothing may carry a Pagefind attribute."""
    from regkb.search.pagefind import ROOT_SELECTOR

    checked = 0
    for page in sorted(sample_site.rglob("index.html")):
        text = page.read_text(encoding="utf-8")
        if "data-pagefind-" not in text:
            continue
        html = BeautifulSoup(text, "html.parser")
        roots = html.select(ROOT_SELECTOR)
        assert len(roots) == 1, page
        marked = html.select("[data-pagefind-body], [data-pagefind-filter], [data-pagefind-meta], [data-pagefind-ignore]")
        outside = [element.name for element in marked if roots[0] not in element.parents]
        assert outside == [], page
        checked += 1
    assert checked > 100


def test_only_current_texts_and_guides_are_indexed(sample_site: Path) -> None:
    indexed = lambda path: soup(sample_site, path).find(attrs={"data-pagefind-body": True}) is not None  # noqa: E731
    assert indexed("regulations/ar-1996-07-03")
    assert indexed("circulars/circ-oa-2024-7")
    assert indexed("nl/faq/kine-nombre-seances")
    assert indexed("")  # the home page, a guide
    assert not indexed("regulations/ar-1996-07-03/2019-01-01")  # an older version
    assert not indexed("regulations/ar-1996-07-03/2024-07-01/diff")  # a diff
    assert not indexed("circulars")  # a listing
    assert not indexed("search")
    body = soup(sample_site, "regulations/ar-1996-07-03").find(attrs={"data-pagefind-body": True})
    assert body.find(class_="regkb-timeline").find_parent(attrs={"data-pagefind-ignore": True}) is not None
    assert soup(sample_site, "").find("header").find_parent(attrs={"data-pagefind-body": True}) is None


def test_filters_and_metadata_are_localized(sample_site: Path) -> None:
    def facets(path: str) -> tuple[dict, dict]:
        body = soup(sample_site, path).find(attrs={"data-pagefind-body": True})
        filters = dict(e["data-pagefind-filter"].split(":", 1) for e in body.find_all(attrs={"data-pagefind-filter": True}))
        meta = dict(e["data-pagefind-meta"].split(":", 1) for e in body.find_all(attrs={"data-pagefind-meta": True}))
        return filters, meta

    filters, meta = facets("circulars/circ-oa-2024-7")
    assert filters == {"kind": "Circulaire", "audience": "Organismes assureurs", "year": "2024"}
    assert meta["date"] == "2024-06-14" and meta["kind"] == "Circulaire"
    filters, _ = facets("nl/circulars/circ-oa-2024-7")
    assert filters["kind"] == "Omzendbrief" and filters["audience"] == "Verzekeringsinstellingen"
    filters, _ = facets("nl/regulations/ar-1996-07-03")
    assert filters == {"kind": "Koninklijk besluit", "year": "1996"}
    filters, _ = facets("conventions/conv-loco-liege")
    assert filters["kind"] == "Convention" and filters["sector"].startswith("Rééducation")


def test_every_result_title_is_the_pages_title(sample_site: Path) -> None:
    """The titles Pagefind shows (and the other language's word index repeats) carry no marker."""
    import gzip

    titles = {}
    for fragment in (sample_site / "pagefind" / "fragment").glob("*.pf_fragment"):
        raw = gzip.decompress(fragment.read_bytes())
        data = json.loads(raw[raw.index(b"{"):])
        titles[data["url"]] = data["meta"].get("title", "")
    assert len(titles) > 100 and not [t for t in titles.values() if "PAGEFIND" in t]
    article = soup(sample_site, "regulations/ar-1996-07-03/art-7bis").find("h1").get_text()
    assert titles["/regulations/ar-1996-07-03/art-7bis/"] == article == "Art. 7bis – AR du 3 juillet 1996"


def test_identifier_maps(sample_site: Path) -> None:
    def shard(lang: str, name: str) -> dict:
        return json.loads((sample_site / "assets/regkb/ids" / lang / f"{name}.json").read_text(encoding="utf-8"))

    assert [e[0] for e in shard("fr", "c2024")["circ"]["2024/7"]] == ["circulars/circ-oa-2024-7/"]
    url, title, kind, key, articles = shard("fr", "a1996")["acts"]["1996-07-03"][0]
    assert (url, title, kind, key) == ("regulations/ar-1996-07-03/", "AR du 3 juillet 1996", "Arrêté royal", "royal-decree")
    assert "7bis" in articles
    assert shard("fr", "n1996")["numac"]["1996022523"][0] == "regulations/ar-1996-07-03/"
    code = shard("fr", "k560")["codes"]["560011"][0]  # defined in the nomenclature, article 7, then its mentions
    assert (code[0], code[5]) == ("regulations/ar-1984-09-14/", "art-7")
    assert len(shard("fr", "k771")["codes"]["771012"]) == 3  # three conventions share this code
    assert shard("nl", "a1996")["acts"]["1996-07-03"][0][:3] == ["nl/regulations/ar-1996-07-03/", "KB van 3 juli 1996", "Koninklijk besluit"]
    synonyms = json.loads((sample_site / "assets/regkb/synonyms.nl.json").read_text(encoding="utf-8"))
    assert ["KB", "koninklijk besluit"] in synonyms


def test_search_page_without_javascript(sample_site: Path) -> None:
    for path, words in (("search", "nécessite JavaScript"), ("nl/search", "vereist JavaScript")):
        page = soup(sample_site, path)
        nojs = page.find(attrs={"data-regkb-nojs": True})
        assert words in nojs.get_text()
        assert {a["href"].strip("./").split("/")[-1] for a in nojs.find_all("a")} >= {"regulations", "circulars", "faq"}
    header_form = soup(sample_site, "nl/faq").find(attrs={"data-regkb-search": "header"}).find("form")
    assert urljoin("/nl/faq/", header_form["action"]) == "/nl/search/"  # the box submits there without JavaScript


# --- in the browser ----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def site_url(sample_site: Path):
    assert (sample_site / "pagefind" / "pagefind.js").is_file(), "Pagefind did not run during mkdocs build"
    with serve(sample_site) as url:
        yield url


def header_search(driver, url: str, query: str) -> list[dict]:
    """Open `url`, press "/" to focus the header box, type `query`; the results as shown."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(url)
    box = driver.find_element(By.CSS_SELECTOR, "[data-regkb-search=header]")
    field = box.find_element(By.CSS_SELECTOR, "[data-regkb-query]")
    ActionChains(driver).send_keys("/").perform()
    assert driver.switch_to.active_element == field, "the '/' shortcut should focus the search box"
    field.send_keys(query)
    WebDriverWait(driver, WAIT).until(lambda d: box.get_attribute("data-regkb-done") == query)
    return driver.execute_script("""
        return Array.from(arguments[0].querySelectorAll('[data-regkb-results] > li > a')).map(a => ({
          href: a.href, title: a.querySelector('.regkb-search-title').textContent,
          facts: a.querySelector('.regkb-search-facts').textContent,
          marks: Array.from(a.querySelectorAll('mark')).map(m => m.textContent)}));""", box)


@pytest.mark.parametrize("page, query, expected, title", [
    # stemmed words: "remboursées" finds the physiotherapy answers; singular forms find plurals
    ("", "remboursées", "/faq/kine-", "kiné"),
    ("", "séance kiné remboursée", "/faq/kine-", "séances de kiné"),
    ("nl/", "zitting kine terugbetaald", "/nl/faq/kine-nombre-seances/", "kinesitherapie"),
    # identifiers: circular number, decree by date, article, nomenclature code, NUMAC
    ("", "2024/7", "/circulars/circ-oa-2024-7/", "Circulaire OA 2024/7"),
    ("nl/", "2024/7", "/nl/circulars/circ-oa-2024-7/", "2024/7"),
    ("", "AR 3 juillet 1996", "/regulations/ar-1996-07-03/", "AR du 3 juillet 1996"),
    ("", "art. 7 AR 3 juillet 1996", "/regulations/ar-1996-07-03/art-7/", "art. 7"),
    ("nl/", "KB 3 juli 1996", "/nl/regulations/ar-1996-07-03/", "KB van 3 juli 1996"),
    ("nl/", "artikel 7bis KB 3 juli 1996", "/nl/regulations/ar-1996-07-03/art-7bis/", "art. 7bis"),
    ("", "560011", "/regulations/ar-1984-09-14/art-7/", "560011"),
    ("nl/", "1996022523", "/nl/regulations/ar-1996-07-03/", "KB van 3 juli 1996"),
    # abbreviations and synonyms (search/synonyms.yml): the expansion finds what the letters mean
    ("", "TM", "/faq/ticket-moderateur-definition/", "ticket modérateur"),
    ("nl/", "VT", "/nl/faq/intervention-majoree-", "verhoogde tegemoetkoming"),
    # as typed elsewhere: full-width digits, France's and Flanders' everyday words (synonyms.yml)
    ("", "２０２４/７", "/circulars/circ-oa-2024-7/", "2024/7"),
    ("", "orthophoniste", "logo", "logop"),
    ("nl/", "kinesist", "/nl/faq/kine-", "kinesitherapeut"),
    # a patient's word whose abbreviation titles a whole series (mutuelle: "Circulaire OA n° …")
    ("", "combien rembourse la mutuelle pour la kiné", "/faq/kine-", "kiné"),
    ("", "AR 3 juillet 1996 art. 7 bis", "/regulations/ar-1996-07-03/art-7bis/", "art. 7bis"),
    ("", "AR 3/7/96", "/regulations/ar-1996-07-03/", "AR du 3 juillet 1996"),
    ("nl/", "KB 3 juli 96", "/nl/regulations/ar-1996-07-03/", "KB van 3 juli 1996"),
])
def test_first_result(site_url: str, browser, page: str, query: str, expected: str, title: str) -> None:
    results = header_search(browser, site_url + page, query)
    assert results, f"no result for {query!r}"
    first = results[0]
    assert expected in first["href"], (query, [r["href"] for r in results[:5]])
    assert title.lower() in first["title"].lower(), (query, first)


ARTICLE_QUERIES = ["art. 7", "art 7bis", "article 7 bis", "art. 22bis/1", "artikel 7undecies", "art. 7 undecies",
                   "art. 7 quinquiesdecies", "art. 7quindecies", "art. xi.172", "art. 1er", "article 1", "art. 7nonies",
                   "art 3 ter", "art. 12.3", "art 7, § 2", "art. n2bis", "art. 7 vicies semel", "l'article 9 de la loi",
                   "art. 1erbis", "art 1er bis", "art. 11quinquies decies"]


def test_the_box_reads_article_numbers_as_the_core_does(site_url: str, browser) -> None:
    """search.js's article grammar, run in Chromium, gives the anchors search/understand.py (and so
    core/articles.py) gives: a shorter match would name another article in silence."""
    from regkb.search.understand import find_identifiers, fold

    script = (Path(__file__).resolve().parents[1] / "plugins/regkb/site/theme/assets/regkb/search.js").read_text()
    block = script[script.index("  var UNITS = "):script.index("  function findDate(")]
    browser.get(site_url)
    got = browser.execute_script(block + """
        return arguments[0].map(function (q) { var m = ARTICLE.exec(q); return m ? "art-" + articleNumber(m[1]) : null; });""",
                                 [fold(q) for q in ARTICLE_QUERIES])
    wanted = [next((i.token for i in find_identifiers(fold(q)) if i.kind == "article"), None) for q in ARTICLE_QUERIES]
    assert got == wanted and None not in wanted
    results = header_search(browser, site_url, "AR 3 juillet 1996 art. 7 undecies")  # no such article: not art. 7
    assert not any(r["href"].endswith("/ar-1996-07-03/art-7/") for r in results[:2]), results[:2]


def test_an_article_page_is_shown_with_its_title(site_url: str, browser) -> None:
    """Its heading holds a weighted part (the text's name): Pagefind's own title kept the marker
    ("Art. 7bis – AR du 3 juillet 1996 ___END_PAGEFIND_WEIGHT___"); the page says its title."""
    results = header_search(browser, site_url, "art 7bis")
    titles = [r["title"] for r in results]
    assert "Art. 7bis – AR du 3 juillet 1996" in titles and not any("PAGEFIND" in t for t in titles), titles


def test_a_plural_is_no_typo_and_markup_stays_text(site_url: str, browser) -> None:
    from selenium.webdriver.common.by import By

    results = header_search(browser, site_url, "prestataires non conventionnés")
    assert "/faq/prestataire-non-conventionne/" in results[0]["href"]
    box = browser.find_element(By.CSS_SELECTOR, "[data-regkb-search=header]")
    assert not box.find_elements(By.CSS_SELECTOR, "[data-regkb-suggestion]")  # "prestataire": no typo
    results = header_search(browser, site_url + "nl/", "verhoogde tegemoetkomingen")  # a Dutch plural
    assert "/nl/faq/intervention-majoree-" in results[0]["href"]
    box = browser.find_element(By.CSS_SELECTOR, "[data-regkb-search=header]")
    assert not box.find_elements(By.CSS_SELECTOR, "[data-regkb-suggestion]")
    hostile = "<img src=x onerror=window.regkbHit=1> remboursemnt"  # a typo: the query is echoed
    header_search(browser, site_url, hostile)
    box = browser.find_element(By.CSS_SELECTOR, "[data-regkb-search=header]")  # a new page
    assert box.find_elements(By.CSS_SELECTOR, "[data-regkb-suggestion]")
    assert not box.find_elements(By.CSS_SELECTOR, "img, script, [onerror]")
    assert browser.execute_script("return window.regkbHit") is None


def test_results_show_kind_date_and_highlighted_excerpt(site_url: str, browser) -> None:
    results = header_search(browser, site_url, "ticket modérateur")
    first = results[0]
    assert "Question-réponse" in first["facts"] and "20" in first["facts"]  # kind and a formatted date
    assert any("modérateur" in mark.lower() or "ticket" in mark.lower() for mark in first["marks"])
    results = header_search(browser, site_url + "nl/", "zitting terugbetaald")
    assert results[0]["href"].startswith(site_url + "nl/") and "Vraag en antwoord" in results[0]["facts"]
    assert "zittingen" in [m.lower() for r in results for m in r["marks"]]  # Dutch stemming: zitting ~ zittingen


def test_french_stemming_matches_other_forms(site_url: str, browser) -> None:
    results = header_search(browser, site_url, "séance remboursée")
    marks = {m.lower().strip(".,?") for r in results[:3] for m in r["marks"]}
    assert {"séances", "remboursées"} <= marks, marks


def test_escape_closes_the_box(site_url: str, browser) -> None:
    from selenium.webdriver.common.keys import Keys

    header_search(browser, site_url, "diabète")
    browser.switch_to.active_element.send_keys(Keys.ESCAPE)
    assert browser.execute_script("return document.getElementById('__search').checked") is False


def test_search_page_with_javascript_and_filters(site_url: str, browser) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select, WebDriverWait

    browser.get(site_url + "search/?q=kinésithérapie")
    form = browser.find_element(By.CSS_SELECTOR, "[data-regkb-search=page]")
    WebDriverWait(browser, WAIT).until(lambda d: form.get_attribute("data-regkb-done") == "kinésithérapie")
    assert not browser.find_element(By.CSS_SELECTOR, "[data-regkb-nojs]").is_displayed()
    WebDriverWait(browser, WAIT).until(lambda d: d.find_elements(By.ID, "regkb-filter-kind"))
    Select(browser.find_element(By.ID, "regkb-filter-kind")).select_by_visible_text("Circulaire")
    shown = """return Array.from(arguments[0].querySelectorAll('[data-regkb-results] a'))
                 .map(a => [a.href, a.querySelector('.regkb-search-facts').textContent]);"""
    WebDriverWait(browser, WAIT).until(lambda d: (lambda r: r and all("Circulaire" in f for _h, f in r))(
        d.execute_script(shown, form)))
    links = [href for href, _facts in browser.execute_script(shown, form)]
    assert links and all("/circulars/" in link for link in links)


def test_bytes_of_a_first_search(sample_site: Path) -> None:
    """What a visitor downloads for a first search (fresh browser, empty cache), counted by the
    server: Pagefind's script, worker, WebAssembly, index chunks and result fragments."""
    with serve(sample_site, CountingHandler) as url, chromium() as fresh:
        CountingHandler.served.clear()
        header_search(fresh, url, "remboursées")
        served = list(CountingHandler.served)
        header_search(fresh, url, "2024/7")  # a query with digits also fetches the identifier map
        with_ids = list(CountingHandler.served)
    search = [(path, size) for path, size in served if any(part in path for part in SEARCH_FILES)]
    total = sum(size for _path, size in search)
    ids = sum(size for path, size in with_ids if "/assets/regkb/ids/" in path)
    print(f"\nfirst search on the sample site: {len(search)} files, {total} bytes; identifier map: {ids} bytes")
    for path, size in search:
        print(f"  {size:>8}  {path}")
    assert any(path.endswith("/pagefind/pagefind.js") for path, _ in search)
    assert any(".pf_index" in path for path, _ in search) and any(".pf_fragment" in path for path, _ in search)
    assert not any("/assets/regkb/ids/" in path for path, _ in search)  # no digits: no identifier map
    assert not any("/nl/" in path or ".nl_" in path or "wasm.nl" in path for path, _ in search)  # French only
    assert 0 < total < 1_000_000 and 0 < ids < 20_000
    assert not any("pagefind-worker" in path for path, _ in search)  # Pagefind on the page's thread


def test_a_long_question_reads_one_small_chunk_per_word(sample_site: Path) -> None:
    """The byte budget of a first search (bench/search_bytes.py: under 300 kB at 20,000 pages)
    rests on this: each word of a question reads its own small chunk of Pagefind's index (its
    unstemmed form at most one more), never every chunk of a short prefix."""
    from regkb.search.pagefind_chunks import CHUNK_BYTES, WORD_BYTES

    question = "quel est le délai pour introduire la demande auprès du médecin-conseil"
    with serve(sample_site, CountingHandler) as url, chromium() as fresh:
        CountingHandler.served.clear()
        header_search(fresh, url, question)
        served = list(CountingHandler.served)
    chunks = [size for path, size in served if ".pf_index" in path]
    words = 6  # délai introduire demande auprès médecin conseil
    assert 0 < len(chunks) <= 2 * words + 2, chunks
    assert all(size < max(CHUNK_BYTES, WORD_BYTES) for size in chunks), chunks  # gzip: below the CBOR bound
