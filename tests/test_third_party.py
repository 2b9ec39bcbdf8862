"""No request leaves the site (issue 21): pages load nothing from another origin.

Each request to a third party sends the reader's address, and the page they read, to someone else
(European courts have ruled against embedding Google Fonts this way); on a filtered network it
fails on every page. Headless Chromium records every request of the page (DevTools Network
events) while it loads the home, a document, a version, a diff, the agenda, an answer and the
search results in both languages, and while the header search is used; other origins resolve to
nothing, so a request that slipped in fails here instead of reaching the network. Links the reader
follows (ELI, the official text) are not requests and are not counted.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from browser import chromium, serve
from regkb.core.diagnostics import Diagnostics
from regkb.sources.siteconfig import check_site_config

DOC = "regulations/ar-1996-07-03/"
PAGES = ["", DOC, DOC + "2019-01-01/", DOC + "2024-07-01/diff/", "agenda/", "faq/kine-nombre-seances/",
         "search/?q=kine"]
WAIT = 20


@pytest.fixture(scope="module")
def logged(sample_site: Path):
    """The served sample site and a Chromium that logs its requests and resolves only 127.0.0.1."""
    with serve(sample_site) as base, chromium(network_log=True) as driver:
        yield base, driver


def _requests(driver) -> list[str]:
    """Every URL the page (and its frames and workers) asked for since the last call."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
        elif message.get("method") == "Network.webSocketCreated":
            urls.append(message["params"]["url"])
    return urls


SITE_URL = "https://regkb.example.be/"  # the sample's site_url: where the built site says it lives


def _foreign(urls: list[str], base: str) -> list[str]:
    """The URLs of another origin than the site's: where it is served, or the site_url it declares
    (Material's script asks `sitemap.xml` next to every `<link rel=alternate>`, which carry
    absolute hreflang URLs: on the deployed site, the same origin)."""
    own = {urlsplit(base).netloc, urlsplit(SITE_URL).netloc}
    return sorted({u for u in urls if urlsplit(u).scheme not in ("data", "blob", "about")
                   and urlsplit(u).netloc not in own})


def _wait(driver, script: str) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, WAIT).until(lambda d: d.execute_script(script))


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_pages_request_only_their_own_origin(logged, sample_site: Path, lang: str) -> None:
    base, driver = logged
    prefix = "" if lang == "fr" else "nl/"
    _requests(driver)  # drop what came before
    seen: dict[str, list[str]] = {}
    for page in PAGES:
        assert (sample_site / prefix / page.split("?")[0] / "index.html").is_file(), f"/{prefix}{page} is not built"
        driver.get(base + prefix + page)
        _wait(driver, "return document.readyState === 'complete'")
        if "?q=" in page:  # the results are rendered by the site search (Pagefind's files)
            _wait(driver, "return !!document.querySelector('[data-regkb-search=page][data-regkb-done]')")
        urls = _requests(driver)
        assert any(u.startswith(base) for u in urls), "the network log recorded nothing: the test sees nothing"
        seen[prefix + page] = _foreign(urls, base)
    # the header search, used: Pagefind's index, the synonyms and the identifier maps
    driver.get(base + prefix)
    field = driver.find_element("css selector", "[data-regkb-search=header] [data-regkb-query]")
    field.send_keys("kine")
    _wait(driver, "return document.querySelector('[data-regkb-search=header]').getAttribute('data-regkb-done')"
                  " === 'kine'")
    urls = _requests(driver)
    assert any("/pagefind/" in u for u in urls), "the header search did not load Pagefind"
    seen[prefix + " (header search)"] = _foreign(urls, base)
    assert not {page: urls for page, urls in seen.items() if urls}, "requests to other origins"


def test_the_log_catches_a_request_to_another_origin(logged) -> None:
    """The check itself: a request to another origin made by a page script is seen."""
    base, driver = logged
    driver.execute_cdp_cmd("Page.setBypassCSP", {"enabled": True})  # the page's CSP would block them first (issue 18)
    driver.get(base)
    _requests(driver)
    driver.execute_script("fetch('https://fonts.googleapis.com/css?family=Roboto').catch(() => {});"
                          "const s = document.createElement('link'); s.rel = 'stylesheet';"
                          "s.href = 'https://cdn.example.com/x.css'; document.head.append(s);")
    _wait(driver, "return true")
    found: list[str] = []
    for _ in range(20):
        found += _foreign(_requests(driver), base)
        if len(set(found)) >= 2:
            break
        driver.execute_script("return new Promise(r => setTimeout(r, 100))")
    assert {"https://fonts.googleapis.com/css?family=Roboto", "https://cdn.example.com/x.css"} <= set(found)


def test_sample_settings_load_nothing_from_elsewhere(sample_site: Path) -> None:
    """The built HTML has no link, script or style sheet from another origin but links to follow."""
    from bs4 import BeautifulSoup

    for page in PAGES[:-1] + ["search/"]:
        for prefix in ("", "nl/"):
            soup = BeautifulSoup((sample_site / prefix / page / "index.html").read_text(encoding="utf-8"), "html.parser")
            loaded = [t.get("src") for t in soup.find_all(["script", "img", "iframe", "source"])]
            loaded += [t.get("href") for t in soup.find_all("link")
                       if not {"canonical", "alternate"} & set(t.get("rel") or [])]
            assert not [u for u in loaded if u and "//" in u.split("?")[0][:8]], f"/{prefix}{page}"
    root = Path(__file__).resolve().parents[1]
    diagnostics = Diagnostics()
    check_site_config(root, diagnostics)
    assert not diagnostics.items, [d.format() for d in diagnostics.items]


def _check(tmp_path: Path, yml: str) -> list[str]:
    (tmp_path / "mkdocs.yml").write_text(textwrap.dedent(yml), encoding="utf-8")
    diagnostics = Diagnostics()
    check_site_config(tmp_path, diagnostics)
    assert all(not d.is_error and d.path == "mkdocs.yml" and d.fix for d in diagnostics.items)
    return [f"{d.line}: {d.message}" for d in diagnostics.items]


def test_check_warns_when_a_font_or_script_comes_from_elsewhere(tmp_path: Path) -> None:
    found = _check(tmp_path, """\
        theme:
          name: material
          font:
            text: Inter
        extra_css:
          - assets/ok.css
          - https://cdn.example.com/x.css
        extra_javascript:
          - path: //cdn.example.com/y.js
          - !!python/name:os.getcwd
          - assets/ok.js
        extra:
          analytics:
            provider: google
        repo_url: https://github.com/example/regkb
        markdown_extensions:
          - pymdownx.emoji:
              emoji_generator: !!python/name:material.extensions.emoji.to_svg
        """)
    assert sorted(int(f.split(":")[0]) for f in found) == [3, 7, 9, 13, 15], found
    assert any("Inter" in f and "fonts.googleapis.com" in f for f in found)
    # no font setting at all: Material's default, Roboto from Google Fonts
    assert ["2"] == [f.split(":")[0] for f in _check(tmp_path, "theme:\n  name: material\n  language: fr\n")]
    assert not _check(tmp_path, "theme:\n  name: material\n  font: false\n")
    assert not _check(tmp_path, "theme: mkdocs\n")  # another theme: no Google Fonts of Material's
    assert _check(tmp_path, "theme: [unclosed\n")  # unreadable YAML: said, not a traceback
