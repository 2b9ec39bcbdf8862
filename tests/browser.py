"""Real headless Chromium on a site served over loopback, shared by the browser tests.

The Debian Chromium and chromedriver are used directly (no download at test time); a test that
needs them is skipped with a clear message when they are missing.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import threading
from pathlib import Path
from typing import Iterator

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass


class CountingHandler(_QuietHandler):
    """Records the path and bytes of every file sent (a page's and its workers' fetches alike)."""

    served: list[tuple[str, int]] = []

    def copyfile(self, source, outputfile) -> None:
        data = source.read()
        outputfile.write(data)
        self.served.append((self.path, len(data)))


# The files a search downloads: Pagefind's, the synonyms, the identifier maps and the vocabulary.
SEARCH_FILES = ("/pagefind/", "/assets/regkb/synonyms.", "/assets/regkb/ids/", "/assets/regkb/vocab/",
                "/assets/regkb/wordpages/")


@contextlib.contextmanager
def serve(directory: Path, handler_class: type = _QuietHandler) -> Iterator[str]:
    """Serve `directory` on 127.0.0.1 (a free port); yields the base URL ending with '/'."""
    handler = functools.partial(handler_class, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def chromium(width: int = 1280, height: int = 900, network_log: bool = False) -> Iterator[object]:
    """A headless Chromium driven by selenium through the system chromedriver. With
    `network_log`, `driver.get_log("performance")` returns its DevTools Network events."""
    if not (Path(CHROMEDRIVER).exists() and (Path(CHROMIUM).exists() or shutil.which("chromium"))):
        pytest.skip("Chromium and chromedriver are not installed (apt-get install chromium chromium-driver)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                     "--disable-dev-shm-usage", f"--window-size={width},{height}", "--lang=fr-BE"):
        options.add_argument(argument)
    if network_log:
        options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
        options.add_experimental_option("perfLoggingPrefs", {"enableNetwork": True, "enablePage": False})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(60)
    driver.set_script_timeout(120)
    try:
        yield driver
    finally:
        driver.quit()


def as_phone(driver, width: int, height: int = 740) -> None:
    """Lay pages out as a phone `width` CSS pixels wide. A headless window is never narrower than
    500 pixels (--window-size=360 gives innerWidth 500): a phone test without this measured a
    500-pixel page. With `mobile`, content wider than the screen widens the layout viewport
    (innerWidth follows it), so tests compare scrollWidth with `width`, not with innerWidth."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 2, "mobile": True})


def settle(driver, pause_ms: int) -> None:
    """Wait until the page is loaded, then one frame and `pause_ms` more (the page script runs)."""
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, 20).until(lambda d: d.execute_script("return document.readyState") == "complete")
    driver.execute_script(f"return new Promise(r => requestAnimationFrame(() => setTimeout(r, {pause_ms})))")
