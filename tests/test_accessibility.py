"""WCAG 2.1 AA on the built sample site, in real headless Chromium with axe-core (issue 9).

axe-core is vendored (tests/a11y/vendor, see its README): the rules do not change between runs and
the tests work offline. Each page is served over loopback, axe runs with the WCAG 2.1 A/AA tags,
and no serious or critical violation may remain. Further checks axe cannot make: the right
`lang`, headings in order, a visible focus ring, diffs that do not rely on colour, and keyboard-only
use of the "as in force on" date form and of the search.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from browser import serve
from conftest import build_site, copy_project

VENDOR = Path(__file__).parent / "a11y" / "vendor"
AXE_SHA256 = "29348999450cdf2849a8e70b7912fc2da85a849da39c0d0d5394f51d4a9ed95c"  # axe-core 4.14.1
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = {"serious", "critical"}

DOC = "regulations/ar-1996-07-03/"
PAGES = {
    "home": "",
    "document": DOC,
    "version": DOC + "2019-01-01/",
    "diff": DOC + "2024-07-01/diff/",
    "article": DOC + "art-7/",
    "side-by-side": DOC + "2024-07-01/fr-nl/",
    "agenda": "agenda/",
    "faq": "faq/kine-nombre-seances/",
    "search": "search/?q=kine",
}
LANG_PREFIX = {"fr": "", "nl": "nl/"}


@pytest.fixture(scope="module")
def axe_source() -> str:
    source = (VENDOR / "axe.min.js").read_bytes()
    assert hashlib.sha256(source).hexdigest() == AXE_SHA256, "tests/a11y/vendor/axe.min.js is not the recorded axe-core"
    return source.decode("utf-8")


@pytest.fixture(scope="module")
def site(sample_site: Path):
    with serve(sample_site) as base:
        yield base


def _open(driver, base: str, sample_site: Path, path: str) -> None:
    file = sample_site / path.split("?")[0] / "index.html"
    if not file.is_file():
        pytest.skip(f"/{path} is not built (yet): the feature that adds it is not in this tree")
    driver.get(base + path)
    if "search/" in path and "?q=" in path:  # wait for the search results to be rendered
        _wait(driver, "return !!document.querySelector('[data-regkb-search=page][data-regkb-done]')")


def _wait(driver, script: str, timeout: float = 20) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, timeout).until(lambda d: d.execute_script(script))


def _axe(driver, axe_source: str) -> list[dict]:
    driver.execute_script(axe_source)
    return driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})"
        ".then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.slice(0, 5).map(n => n.target.join(' '))}))))"
        ".catch(e => done([{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}]));",
        WCAG_TAGS)


# The FR ‖ NL view is one bilingual page (under the French site, cells marked lang="nl"): no /nl/ copy.
@pytest.mark.parametrize("name, lang", [(name, lang) for name in PAGES for lang in ("fr", "nl")
                                        if not (name == "side-by-side" and lang == "nl")])
def test_no_serious_or_critical_axe_violation(browser, site, sample_site, axe_source, name, lang) -> None:
    path = LANG_PREFIX[lang] + PAGES[name]
    _open(browser, site, sample_site, path)
    assert browser.execute_script("return document.documentElement.lang") == lang
    violations = _axe(browser, axe_source)
    blocking = [v for v in violations if v["impact"] in BLOCKING]
    assert not blocking, f"/{path}:\n" + json.dumps(blocking, ensure_ascii=False, indent=1)


def _built_pages(site: Path):
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if not rel.startswith("pagefind/"):
            yield rel, BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_every_page_has_the_lang_of_its_language_tree(sample_site: Path) -> None:
    wrong = []
    for rel, soup in _built_pages(sample_site):
        expected = "nl" if rel.startswith("nl/") else "fr"
        if rel == "404.html":
            expected = soup.html.get("lang")  # one 404 page for the whole site; its lang matches its text
            assert expected in ("fr", "nl")
        if soup.html.get("lang") != expected:
            wrong.append((rel, soup.html.get("lang")))
        for element in soup.select("[lang]"):
            assert element["lang"] in ("fr", "nl", "fr-BE", "nl-BE", "en"), (rel, element.name, element["lang"])
    assert not wrong, wrong[:20]


def test_switcher_links_name_their_language(sample_site: Path) -> None:
    soup = BeautifulSoup((sample_site / DOC / "index.html").read_text(encoding="utf-8"), "html.parser")
    links = {a["hreflang"]: a.get("lang") for a in soup.select(".md-select__link[hreflang]")}
    assert links == {"fr": "fr", "nl": "nl"}


@pytest.fixture(scope="module")
def fallback_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(project, site) of the sample with a decree, a convention and a circular without Dutch."""
    project = copy_project(tmp_path_factory.mktemp("fallback") / "project")
    shutil.rmtree(project / "docs" / "nl" / "regulations" / "ar-2024-05-30")
    shutil.rmtree(project / "docs" / "nl" / "conventions" / "conv-loco-liege")
    (project / "circulars" / "2025" / "circ-oa-2025-9.nl.md").unlink()
    site = project.parent / "site"
    result = build_site(project, site, strict=False)
    assert result.returncode == 0, result.stderr[-3000:]
    return project, site


def test_fallback_text_carries_its_own_lang(fallback_site: tuple[Path, Path]) -> None:
    """A text missing in Dutch is shown in French on the Dutch page, marked lang="fr"."""
    project, site = fallback_site
    soup = BeautifulSoup((site / "nl/regulations/ar-2024-05-30/index.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.html["lang"] == "nl"
    text = soup.select_one(".regkb-text")
    assert text is not None and text.get("lang") == "fr"
    assert soup.select_one("[data-regkb-missing-translation]") is not None
    h1 = soup.select_one("article h1")  # the title shown is the French one too
    assert h1.get("lang") == "fr" or h1.select_one('[lang="fr"]').get_text() == h1.get_text(), h1
    listing = BeautifulSoup((site / "nl/regulations/index.html").read_text(encoding="utf-8"), "html.parser")
    link = listing.select_one('a[href$="ar-2024-05-30/"]')
    assert link.select_one('[lang="fr"]') is not None or link.get("lang") == "fr", link


def _own_words(project: Path, lang: str) -> set[str]:
    """What the texts of `project` say in `lang` alone: titles, institutions, version labels, summaries."""
    from regkb.sources import load_corpus

    corpus, _diagnostics = load_corpus(project)
    words: set[str] = set()
    for document in corpus:
        meta = (document.meta or {}).get(lang)
        if meta is not None:
            words |= {meta.title, meta.short_title, meta.institution}
        for version in document.versions:
            text = version.texts.get(lang)
            if text is not None:
                words |= {text.label or "", text.summary or ""}
    return {w.strip() for w in words if w and len(w.strip()) > 5}


def _lang_of(element) -> str:
    owner = element if element.has_attr("lang") else element.find_parent(attrs={"lang": True})
    return owner["lang"][:2] if owner is not None else "fr"


def test_every_french_passage_on_a_dutch_page_is_marked(fallback_site: tuple[Path, Path]) -> None:
    """WCAG 3.1.2: a French title, institution, version label or summary quoted on a Dutch page
    (its text has no Dutch) is in an element with lang="fr", wherever it appears (the text's own
    pages, listings, agenda, backlinks, the acts it amends); and a French passage holds no Dutch
    words: its reference links speak French too."""
    project, site = fallback_site
    french, dutch = _own_words(project, "fr"), _own_words(project, "nl")
    french_only, dutch_only = french - dutch, dutch - french
    unmarked, mixed, seen = [], [], 0
    for page in sorted((site / "nl").rglob("index.html")):
        rel = page.relative_to(site).as_posix()
        if "/guide/" in rel:  # the writing guide quotes front matter in code, as written
            continue
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for string in soup.body.find_all(string=True) if soup.body else []:
            if string.parent.name in ("script", "style", "code", "pre"):
                continue
            text = " ".join(string.split())
            lang = _lang_of(string.parent)
            for words in french_only:
                if words in text:
                    seen += 1
                    if lang != "fr":
                        unmarked.append((rel, words[:60]))
            if lang == "fr":
                mixed += [(rel, words[:60]) for words in dutch_only if words in text]
        for element in soup.body.select("[aria-label], [title]") if soup.body else []:  # read out, unlike <head>'s
            for name in ("aria-label", "title"):
                value = element.get(name, "")
                if any(words == value for words in french_only) and _lang_of(element) != "fr":
                    unmarked.append((rel, f"{name}={value[:60]}"))
    assert seen >= 20
    assert not unmarked, sorted(set(unmarked))[:20]
    assert not mixed, sorted(set(mixed))[:20]


def test_headings_never_skip_a_level(sample_site: Path) -> None:
    """In the main content of every page: one h1 first, then no jump of more than one level."""
    problems = []
    for rel, soup in _built_pages(sample_site):
        main = soup.select_one("article.md-content__inner")
        if main is None:
            continue
        previous = 0
        for heading in main.find_all(["h1", "h2", "h3", "h4", "h5", "h6"]):
            level = int(heading.name[1])
            if level > previous + 1:
                problems.append(f"{rel}: h{previous} -> h{level} ({heading.get_text(strip=True)[:50]})")
                break
            previous = level
        if len(main.find_all("h1")) != 1 and rel != "404.html":
            problems.append(f"{rel}: {len(main.find_all('h1'))} h1")
    assert not problems, "\n".join(problems[:30])


def _tab_until(driver, script: str, limit: int = 80) -> bool:
    """Press Tab until `script` (about document.activeElement) is true; False if never."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    for _ in range(limit):
        ActionChains(driver).send_keys(Keys.TAB).perform()
        if driver.execute_script(script):
            return True
    return False


def test_keyboard_focus_is_visible(browser, site, sample_site) -> None:
    _open(browser, site, sample_site, DOC)
    assert _tab_until(browser, "const a = document.activeElement; return a.tagName === 'A' && !!a.closest('article');")
    style = browser.execute_script(
        "const s = getComputedStyle(document.activeElement);"
        "return {outline: s.outlineStyle, width: parseFloat(s.outlineWidth), shadow: s.boxShadow};")
    visible = (style["outline"] != "none" and style["width"] >= 2) or style["shadow"] not in ("none", "")
    assert visible, style


def test_diff_does_not_rely_on_colour(browser, site, sample_site) -> None:
    _open(browser, site, sample_site, PAGES["diff"])
    marks = browser.execute_script(
        "return [...document.querySelectorAll('article ins, article del')].map(e => ({tag: e.tagName,"
        " line: getComputedStyle(e).textDecorationLine, text: e.textContent}));")
    assert any(m["tag"] == "INS" for m in marks) and any(m["tag"] == "DEL" for m in marks)
    for mark in marks:
        expected = "underline" if mark["tag"] == "INS" else "line-through"
        assert expected in mark["line"], mark
    # a text cue for screen readers as well (the legend explains the marks in words)
    soup = BeautifulSoup((sample_site / PAGES["diff"] / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.select_one(".regkb-diff-legend").get_text(strip=True)
    assert all(tag.select_one(".regkb-sr") or tag.get("aria-label") or tag.get("title")
               for tag in soup.select("article ins, article del"))


def _type_date(driver, element, iso: str) -> None:
    """Type a date into a native date field with the keyboard, in the order the browser shows."""
    from selenium.webdriver.common.keys import Keys

    year, month, day = iso.split("-")
    for order in ((day, month, year), (month, day, year), (year, month, day)):
        element.send_keys(Keys.DELETE, Keys.SHIFT + Keys.TAB, Keys.TAB)  # back to the first segment
        for _ in range(3):
            element.send_keys(Keys.BACKSPACE, Keys.ARROW_RIGHT)
        element.send_keys(Keys.SHIFT + Keys.TAB, Keys.TAB)
        element.send_keys(*order)
        if element.get_attribute("value") == iso:
            return
    raise AssertionError(f"could not type {iso} in the date field (got {element.get_attribute('value')!r})")


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_as_in_force_on_form_works_with_the_keyboard_only(browser, site, sample_site, lang) -> None:
    _open(browser, site, sample_site, LANG_PREFIX[lang] + DOC)
    assert _tab_until(browser, "return document.activeElement.matches('form[data-regkb-asof] input[type=date]')"), \
        "the date field cannot be reached with Tab"
    field = browser.switch_to.active_element
    _type_date(browser, field, "2020-03-15")
    from selenium.webdriver.common.keys import Keys

    field.send_keys(Keys.ENTER)
    _wait(browser, "return location.pathname.endsWith('/2019-01-01/')")
    assert browser.current_url == site + LANG_PREFIX[lang] + DOC + "2019-01-01/"


def test_search_works_with_the_keyboard_only(browser, site, sample_site) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.wait import WebDriverWait

    if not (sample_site / "search" / "index.html").is_file():
        pytest.skip("no search page in this tree (issue 6)")
    # the search page: Tab to the field, type, Enter, Tab to the first result, Enter
    _open(browser, site, sample_site, "search/")
    assert _tab_until(browser, "return document.activeElement.matches('[data-regkb-search=page] input[type=search]')")
    browser.switch_to.active_element.send_keys("kinésithérapie", Keys.ENTER)
    _wait(browser, "return document.querySelectorAll('[data-regkb-search=page] [data-regkb-results] a').length > 0")
    assert _tab_until(browser, "return !!document.activeElement.closest('[data-regkb-results]') && document.activeElement.tagName === 'A'", 20)
    target = browser.switch_to.active_element.get_attribute("href")
    ActionChains(browser).send_keys(Keys.ENTER).perform()
    _wait(browser, f"return location.href === {json.dumps(target)}")
    # the header box: "/" opens it, type, Enter goes to the first result
    _open(browser, site, sample_site, "")
    focused = "return document.activeElement.matches('[data-regkb-search=header] input')"

    def slash_opens_the_box(driver) -> bool:  # pressed again if it came before the script was ready
        if not driver.execute_script(focused):
            ActionChains(driver).send_keys("/").perform()
        return driver.execute_script(focused)

    WebDriverWait(browser, 30, poll_frequency=0.5).until(slash_opens_the_box)
    ActionChains(browser).send_keys("séances").perform()
    _wait(browser, "return document.querySelectorAll('[data-regkb-search=header] [data-regkb-results] a').length > 0")
    ActionChains(browser).send_keys(Keys.ENTER).perform()
    _wait(browser, f"return location.href !== {json.dumps(site)}")
    assert browser.current_url.startswith(site) and browser.current_url != site
