"""Running Pagefind on the built site: one index per `<html lang>`, French and Dutch stemming.

Pagefind's binary ships in the `pagefind_bin` wheel, so nothing is downloaded at build time. Only
pages marked `data-pagefind-body` are indexed (current documents, circulars, answers, guides); the
others (versions, diffs, listings) carry no such mark and are left out.
"""

from __future__ import annotations

import concurrent.futures
import dataclasses
import json
import multiprocessing
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
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
# What a page hides until the reader's day (shown by regkb.js) is not indexed: "(abrogé le 28 mars
# 2027)" after a link to an article still in force must not make a search find it repealed.
# (Generated HTML goes through the same allowlist as the authors', which has no data- attributes.)
EXCLUDE_SELECTORS = ('.regkb-ref-repealed[class*="regkb-ref-from-"]',)


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
    rechunked: bool = False  # each language's index already cut again (PagefindRun by language)

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
    indexes meanwhile); `finish` waits for it. Or, `by_language`: one Pagefind per language,
    each started with `start` as soon as that language's pages are written (`regkb build`: each
    language process signals its own), each into its own folder, whose index is cut again
    (pagefind_chunks) as soon as it is written, in a process of its own; `finish` puts the parts
    together into `<site>/pagefind/`."""

    def __init__(self, site: Path, process: subprocess.Popen | None = None) -> None:
        self.site, self.process = site, process
        self.parts: dict[str, tuple[subprocess.Popen, Path]] = {}
        self.read: dict[str, threading.Event] = {}  # set once the language's Pagefind has ended
        self.threads: dict[str, threading.Thread] = {}
        self.errors: dict[str, PagefindError] = {}

    @classmethod
    def by_language(cls, site_dir: Path | str) -> PagefindRun:
        return cls(Path(site_dir))

    def start(self, lang: str, pages: Path | None = None) -> None:
        """Index `lang`'s pages, read from `pages` (default: the site; another language's scratch
        build has the same folders, `<lang>/...`, so the addresses are the same)."""
        pages = pages or self.site
        glob = language_glob(pages, lang)
        if glob is None:  # no page in that language: nothing to index
            return
        folder = Path(tempfile.mkdtemp(prefix=f".pagefind-{lang}-", dir=self.site.parent)) / OUTPUT_SUBDIR
        self.parts[lang] = (_popen(pages, glob, folder), folder)
        self.read[lang] = threading.Event()
        self.threads[lang] = threading.Thread(target=self._index, args=(lang,), daemon=True)
        self.threads[lang].start()

    def _index(self, lang: str) -> None:
        process, folder = self.parts[lang]
        try:
            _wait(process, 1800)
        except PagefindError as exc:
            self.errors[lang] = exc
            return
        finally:
            self.read[lang].set()
        # its own process (a thread would hold the interpreter); an index it cannot read is left
        # as Pagefind wrote it, as rechunk does. The language's word index (search/wordpages.py,
        # from the fragments) is written there too, into the site's assets.
        done = subprocess.run([sys.executable, "-c", "import sys\nfrom regkb.search.pagefind import finish_part\n"
                               "finish_part(*sys.argv[1:])", str(folder), str(self.site), lang],
                              check=False, env=dict(os.environ), capture_output=True, text=True)
        if done.returncode != 0:  # the build fails, saying why (as the single run's path does)
            tail = done.stderr.strip().splitlines()[-1:] or ["no message"]
            self.errors[lang] = PagefindError(f"the {lang} search index could not be finished: {tail[0]}")

    def wait(self, lang: str, timeout: int = 1800) -> None:
        """Wait until `lang`'s pages are read and indexed (then its folder may move)."""
        if lang in self.read:
            self.read[lang].wait(timeout)
            if lang in self.errors:
                raise self.errors[lang]

    def finish(self, timeout: int = 1800) -> PagefindReport:
        if self.process is not None:
            stdout = _wait(self.process, timeout)
            return _report(stdout, self.site / OUTPUT_SUBDIR)
        try:
            for lang, thread in self.threads.items():
                thread.join(timeout)
                if lang in self.errors:
                    raise self.errors[lang]
            merged = bool(self.parts) and _merge({lang: folder for lang, (_process, folder) in self.parts.items()},
                                                 self.site / OUTPUT_SUBDIR)
        finally:
            self._remove_parts()
        if not merged:  # a language's pages outside its folder (or none): one run for the site
            self.process = _popen(self.site, searchable_glob())
            return self.finish(timeout)
        return dataclasses.replace(_report("", self.site / OUTPUT_SUBDIR), rechunked=True)

    def cancel(self) -> None:
        for process in [self.process] if self.process is not None else [p for p, _f in self.parts.values()]:
            process.kill()
            process.wait()
        for thread in self.threads.values():
            thread.join()
        self._remove_parts()

    def _remove_parts(self) -> None:
        for _process, folder in self.parts.values():
            shutil.rmtree(folder.parent, ignore_errors=True)


def _wait(process: subprocess.Popen, timeout: int) -> str:
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        process.kill()
        raise PagefindError(f"pagefind could not run: {exc}") from None
    if process.returncode != 0:
        tail = (stderr or stdout).strip().splitlines()[-5:]
        raise PagefindError(f"pagefind failed (exit {process.returncode}): " + " | ".join(tail))
    return stdout


def _popen(site: Path, glob: str, output: Path | None = None) -> subprocess.Popen:
    command = [str(executable()), "--site", str(site), "--glob", glob, "--root-selector", ROOT_SELECTOR]
    for selector in EXCLUDE_SELECTORS:
        command += ["--exclude-selectors", selector]
    command += ["--output-path", str(output)] if output is not None else ["--output-subdir", OUTPUT_SUBDIR]
    try:
        return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    except OSError as exc:
        raise PagefindError(f"pagefind could not run: {exc}") from None


def start_pagefind(site_dir: Path | str) -> PagefindRun:
    """Start indexing `site_dir` in place (writes `<site_dir>/pagefind/`); PagefindError if it
    cannot start, and `finish` raises it if Pagefind fails."""
    site = Path(site_dir)
    if not (site / "index.html").is_file():
        raise PagefindError(f"{site}: no built site here (index.html missing); fix: run `mkdocs build` first")
    return PagefindRun(site, _popen(site, searchable_glob()))


def language_glob(site: Path, lang: str) -> str | None:
    """Pagefind's --glob for one language's pages (searchable_glob's, cut by folder: the default
    language's are at the root, outside the other languages' folders); None without pages.

    A language's index depends only on its own pages (Pagefind groups pages by `<html lang>`, and
    each language has its folder), and Pagefind 1.5 indexes on about one core: two languages
    indexed at once take the time of one. The parts put together are the files of one run for the
    whole site (`pagefind_stable` names them by content; tests/test_site_search.py compares)."""
    from ..core.kinds import DEFAULT_LANG, LANGS

    if lang != DEFAULT_LANG:
        if not (site / lang / "index.html").is_file():
            return None
        return "{" + ",".join(f"{lang}/{pattern}" for pattern in SEARCHABLE_PATTERNS) + "}"
    if not (site / "index.html").is_file():
        return None
    others = [other for other in LANGS if other != DEFAULT_LANG]
    tops = sorted(path.name for path in site.iterdir() if path.is_dir() and path.name not in others
                  and path.name != OUTPUT_SUBDIR)
    own = [pattern for pattern in SEARCHABLE_PATTERNS if not pattern.startswith("*/")]
    own += [top + pattern[1:] for pattern in SEARCHABLE_PATTERNS if pattern.startswith("*/") for top in tops]
    return "{" + ",".join(own) + "}"


def _merge(parts: dict[str, Path], output: Path) -> bool:
    """Each part's files into `output`, and one entry file listing every part's languages;
    False (output left empty) when two parts have pages of the same language."""
    entries = [json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8")) for folder in parts.values()]
    languages: dict[str, dict] = {}
    for entry in entries:
        for lang, info in entry.get("languages", {}).items():
            if lang in languages:
                return False
            languages[lang] = info
    shutil.rmtree(output, ignore_errors=True)
    output.mkdir(parents=True)
    for folder in parts.values():
        for path in sorted(folder.rglob("*")):
            target = output / path.relative_to(folder)
            if path.is_dir():
                target.mkdir(exist_ok=True)
            elif path.name != "pagefind-entry.json" and not target.exists():  # the UI files: in every part
                os.replace(path, target)
    entry = dict(entries[0], languages=languages)
    (output / "pagefind-entry.json").write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")),
                                               encoding="utf-8")
    return True


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


def finish_part(output: Path | str, site_dir: Path | str, lang: str) -> None:
    """One language's part of the index, once its Pagefind has ended: its chunks cut again and its
    word index written into the site (run in a process of its own by PagefindRun)."""
    from .pagefind_chunks import rechunk
    from .wordpages import write_wordpages

    rechunk(output)
    write_wordpages(site_dir, output, lang)


def _rechunk_and_index(output: Path) -> None:
    """Small chunks (a first search reads little) and the word indexes (the other language's
    search, small), both issue 17. The word indexes read only the fragments, which rechunk does
    not touch: a child process writes them on the other core meanwhile."""
    from .pagefind_chunks import rechunk
    from .wordpages import write_wordpages

    try:
        if "fork" not in multiprocessing.get_all_start_methods():  # no cheap child here: one after the other
            rechunk(output)
            write_wordpages(output.parent, output)
            return
        with concurrent.futures.ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork")) as pool:
            words = pool.submit(write_wordpages, output.parent, output)
            rechunk(output)
            words.result()
    except (OSError, ValueError, concurrent.futures.process.BrokenProcessPool) as exc:
        raise PagefindError(f"the search index could not be finished: {exc}") from None


def finish_index(run: PagefindRun) -> PagefindReport:
    from .pagefind_stable import stabilize

    report = run.finish()
    if not report.rechunked:  # (by language, each part was cut again and its word index written)
        _rechunk_and_index(report.output)
    stabilize(report.output)  # same sources, same files (issue 9: reproducible builds)
    return report
