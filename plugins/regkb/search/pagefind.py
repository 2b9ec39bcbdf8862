"""Running Pagefind on the built site: one index per `<html lang>`, French and Dutch stemming.

Pagefind's binary ships in the `pagefind_bin` wheel, so nothing is downloaded at build time. Only
pages marked `data-pagefind-body` are indexed (current documents, circulars, answers, guides); the
others (versions, diffs, listings) carry no such mark and are left out.
"""

from __future__ import annotations

import concurrent.futures
import json
import multiprocessing
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

OUTPUT_SUBDIR = "pagefind"
# The pages Pagefind reads. Searchable pages (a document's stable page, a circular, an answer, a
# listing, the home page, a guide) are at most two folders deep; a document's versions and diffs,
# one and two folders below its stable page, are never searchable. Reading only the first halves
# Pagefind's time (it parsed every page to find the marked ones); guides may nest deeper.
SEARCHABLE_PATTERNS = ("index.html", "*/index.html", "*/*/index.html", "guide/**/index.html",
                       "*/*/art-*/index.html")  # article pages (pages/articlepage.py)
# Pagefind processes only this element of each page (the language still comes from `<html lang>`).
# Everything it indexes (`data-pagefind-body`, its filters and meta) is inside Material's one
# `<article>`, the page's content; skipping the header, the navigation, the table of contents and
# the footer takes 15-20 % off its CPU time, for an identical index (compared file by file after
# `pagefind_stable`, on the sample and the 2,000-page corpus; tests/test_site_search.py pins it).
ROOT_SELECTOR = "article"


def searchable_glob(langs: tuple[str, ...] | None = None) -> str:
    """Pagefind's --glob: SEARCHABLE_PATTERNS at the root (default language) and under each
    other language's folder."""
    from ..core.kinds import DEFAULT_LANG, LANGS

    prefixes = [""] + [f"{lang}/" for lang in (langs or LANGS) if lang != DEFAULT_LANG]
    return "{" + ",".join(prefix + pattern for prefix in prefixes for pattern in SEARCHABLE_PATTERNS) + "}"


class PagefindError(Exception):
    """Pagefind could not run or failed; the message says why and what to do."""


@dataclass(frozen=True)
class PagefindReport:
    pages: int
    languages: dict[str, int]  # language -> pages indexed
    output: Path

    def summary(self) -> str:
        langs = ", ".join(f"{lang}: {count}" for lang, count in sorted(self.languages.items()))
        return f"Pagefind indexed {self.pages} page(s) ({langs}) into {self.output}"


def executable() -> Path:
    """The pagefind binary from the `pagefind_bin` package (installed with `pagefind[bin]`)."""
    try:
        import pagefind_bin  # type: ignore[import-untyped]

        return Path(pagefind_bin.get_executable())
    except (ImportError, FileNotFoundError) as exc:
        raise PagefindError(
            f"the pagefind binary is not installed ({exc}); fix: .venv/bin/pip install 'pagefind[bin]'") from None


class PagefindRun:
    """Pagefind indexing a built site in the background (`regkb build` writes its search
    indexes meanwhile); `finish` waits for it."""

    def __init__(self, site: Path, process: subprocess.Popen) -> None:
        self.site, self.process = site, process

    def finish(self, timeout: int = 1800) -> PagefindReport:
        try:
            stdout, stderr = self.process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired as exc:
            self.process.kill()
            raise PagefindError(f"pagefind could not run: {exc}") from None
        if self.process.returncode != 0:
            tail = (stderr or stdout).strip().splitlines()[-5:]
            raise PagefindError(f"pagefind failed (exit {self.process.returncode}): " + " | ".join(tail))
        return _report(stdout, self.site / OUTPUT_SUBDIR)

    def cancel(self) -> None:
        self.process.kill()
        self.process.wait()


def start_pagefind(site_dir: Path | str) -> PagefindRun:
    """Start indexing `site_dir` in place (writes `<site_dir>/pagefind/`); PagefindError if it
    cannot start, and `finish` raises it if Pagefind fails."""
    site = Path(site_dir)
    if not (site / "index.html").is_file():
        raise PagefindError(f"{site}: no built site here (index.html missing); fix: run `mkdocs build` first")
    command = [str(executable()), "--site", str(site), "--output-subdir", OUTPUT_SUBDIR, "--glob", searchable_glob(),
               "--root-selector", ROOT_SELECTOR]
    try:
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    except OSError as exc:
        raise PagefindError(f"pagefind could not run: {exc}") from None
    return PagefindRun(site, process)


def _report(stdout: str, output: Path) -> PagefindReport:
    """Page counts per language, from the index's own entry file."""
    languages: dict[str, int] = {}
    try:
        entry = json.loads((output / "pagefind-entry.json").read_text(encoding="utf-8"))
        languages = {lang: int(info.get("page_count", 0)) for lang, info in entry.get("languages", {}).items()}
    except (OSError, ValueError):
        pass
    total = re.search(r"Indexed (\d+) pages", stdout)
    pages = sum(languages.values()) or (int(total.group(1)) if total else 0)
    return PagefindReport(pages=pages, languages=languages, output=output)


def build_site_search(site_dir: Path | str, corpus=None, today=None, docs_dir=None) -> PagefindReport:
    """Everything the search box reads, once both languages are built: the identifier maps (when
    the corpus is given), the synonyms, then the Pagefind index."""
    write_search_data(site_dir, corpus, today, docs_dir)
    return index_site(site_dir)


def write_search_data(site_dir: Path | str, corpus=None, today=None, docs_dir=None) -> None:
    """The identifier maps and the vocabularies (when the corpus is given) and the synonyms, under
    assets/regkb/."""
    from .identifiers import write_identifier_maps
    from .synonyms import SynonymsError, write_synonyms
    from .vocabulary import write_vocabularies

    if corpus is not None and today is not None:
        write_identifier_maps(corpus, today, site_dir)
        write_vocabularies(corpus, today, site_dir, docs_dir)
    try:
        write_synonyms(site_dir)
    except SynonymsError as exc:
        raise PagefindError(str(exc)) from None


def index_site(site_dir: Path | str) -> PagefindReport:
    """The Pagefind index of a built site, with its files in a stable order."""
    return finish_index(start_pagefind(site_dir))


def finish_index(run: PagefindRun) -> PagefindReport:
    from .pagefind_chunks import rechunk
    from .pagefind_stable import stabilize
    from .wordpages import write_wordpages

    report = run.finish()
    # The word indexes (the other language's search, small: issue 17) read only the fragments,
    # which rechunk does not touch: written by a child process on the other core meanwhile.
    if "fork" not in multiprocessing.get_all_start_methods():  # no cheap child here: one after the other
        write_wordpages(report.output.parent, report.output)
        rechunk(report.output)
    else:
        with concurrent.futures.ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork")) as pool:
            words = pool.submit(write_wordpages, report.output.parent, report.output)
            rechunk(report.output)  # small chunks: a first search reads little (issue 17)
            words.result()
    stabilize(report.output)  # same sources, same files (issue 9: reproducible builds)
    return report
