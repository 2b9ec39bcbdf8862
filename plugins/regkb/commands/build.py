"""`regkb build`: the whole site, each language built in its own process, then the site search.

static-i18n builds the languages one after the other in one process (Dutch inside French's
`on_post_build`), so a 2-core machine waits on one core. Here each language is a plain
`mkdocs build` restricted to that language (REGKB_BUILD_LANG, read by the regkb/site plugin); the
default language writes the site's root, the others write into a scratch folder whose language
folder (and their share of the FR ‖ NL pages, which belong to no language) is then moved into
place. Each language's pages are indexed by their own Pagefind as soon as that language has
written them (the other language may still be composing its pages), and the parts are put
together into one bundle (each process meanwhile writes its part of the whoosh index, which this
command merges). On one core, or if a language's Pagefind cannot start, one Pagefind indexes the
whole site once both languages are in place. The pages are the same as those of `mkdocs build`:
only the order of work changes.
"""

from __future__ import annotations

import argparse
import json
import os
import select
import shutil
import subprocess
import sys
from pathlib import Path
from typing import IO, Mapping

from .. import catalogue
from ..core.kinds import DEFAULT_LANG, LANGS
from ..sources.siteconfig import site_languages
from ..search.location import ENV_INDEX, default_index_dir
from ..site.buildenv import ONLY_LANG_ENV, READY_FD_ENV, SHARE_ENV, SHARED_FOLDER


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("build", help="build the site, both languages in parallel, then the site search")
    parser.add_argument("--site-dir", default="site", help="output folder (default: site)")
    parser.add_argument("--config-file", default="mkdocs.yml", help="MkDocs configuration (default: mkdocs.yml)")
    parser.add_argument("--strict", action="store_true", help="fail on any warning, like `mkdocs build --strict`")
    parser.set_defaults(func=run)


def language_env(environ: Mapping[str, str]) -> dict[str, str]:
    """The environment of the language processes: with the one build day, decided here. Each
    process asking the clock itself, a build started a moment before midnight in Brussels gave
    the French pages one day and the Dutch pages (and their share of the search) the next."""
    from ..core.validate import build_date

    return dict(environ, NO_MKDOCS_2_WARNING="1", REGKB_TODAY=build_date().isoformat())


def run(args: argparse.Namespace) -> int:
    root = Path(args.root).resolve()
    site = (root / args.site_dir).resolve()
    from ..sources.safety import site_dir_problem

    problem = site_dir_problem(root, site)
    if problem:  # before anything is emptied
        print(f"regkb build: {problem}. Choose another --site-dir (the default is site/).", file=sys.stderr)
        return 2
    scratch = root / ".cache" / "build"
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir(parents=True)
    # `mkdocs build`, through a module that skips the interpreter's teardown (language.py)
    command = [sys.executable, "-m", "regkb.commands.language", "build", "-f", str(root / args.config_file)]
    if args.strict:
        command.append("--strict")
    env = language_env(os.environ)
    langs = site_languages(root, args.config_file)  # a language added in mkdocs.yml gets its process
    catalogue.configure(langs or None, [root / "catalogue"] if (root / "catalogue").is_dir() else [])
    index = default_index_dir(root)  # the parent's own setting, before the children's
    processes: dict[str, tuple[subprocess.Popen, IO[str], int]] = {}
    log: IO[str]
    for lang in LANGS:
        output = site if lang == DEFAULT_LANG else scratch / f"site-{lang}"
        ready_read, ready_write = os.pipe()  # the child writes one byte when its pages are written
        lang_env = dict(env, **{ONLY_LANG_ENV: lang, READY_FD_ENV: str(ready_write), SHARE_ENV: "1"})
        lang_env[ENV_INDEX] = str(scratch / f"search-{lang}")  # its language's part of the search index
        log = open(scratch / f"build-{lang}.log", "w+", encoding="utf-8")
        processes[lang] = (subprocess.Popen(command + ["-d", str(output)], cwd=root, env=lang_env,
                                            stdout=log, stderr=subprocess.STDOUT, pass_fds=(ready_write,)),
                           log, ready_read)
        os.close(ready_write)
    # The language processes run: now the search modules (whoosh, 0.1 s) may be imported.
    from ..search.index import merge_indexes
    from ..search.pagefind import PagefindError, PagefindRun, finish_index, start_pagefind

    # As soon as a language's pages are written, its site search starts (one Pagefind per
    # language, on a machine of several cores); the language processes write their search
    # indexes meanwhile (the second core would otherwise wait on Pagefind).
    search: PagefindRun | None = None
    by_language = (os.cpu_count() or 1) > 1 and len(processes) > 1
    if by_language:
        search = PagefindRun.by_language(site)
    written = True
    pending = {ready: lang for lang, (_process, _log, ready) in processes.items()}
    while pending:
        readable, _, _ = select.select(list(pending), [], [])
        for ready in readable:
            lang = pending.pop(ready)
            if not _pages_written(ready):
                written = False
            elif search is not None and written:
                try:
                    search.start(lang, site if lang == DEFAULT_LANG else scratch / f"site-{lang}")
                except PagefindError as exc:
                    print(f"regkb build: site search: {exc}", file=sys.stderr)
                    search.cancel()
                    search = None
                    by_language = False
    problems: list[str] = []
    if written:
        try:
            for lang in LANGS:  # a language's folder moves once its Pagefind has read it
                if lang != DEFAULT_LANG and search is not None:
                    search.wait(lang)
        except PagefindError as exc:
            print(f"regkb build: site search: {exc}", file=sys.stderr)
            if search is not None:
                search.cancel()
            search, written = None, False
    if written:
        problems = _move_languages(site, scratch)
        for problem in problems:  # a bug of ours, never a source problem: the build fails
            print(f"regkb build: {problem}", file=sys.stderr)
        written = not problems
    if written and not by_language:
        try:
            search = start_pagefind(site)
        except PagefindError as exc:
            print(f"regkb build: site search: {exc}", file=sys.stderr)
    failed = False
    seen: set[str] = set()
    for lang in LANGS:
        process, log, _ready = processes[lang]
        failed |= process.wait() != 0
        log.seek(0)
        for line in log:  # each process reports the same source diagnostics: show them once
            if line not in seen:
                seen.add(line)
                sys.stdout.write(line)
        log.close()
    if failed or not written:
        if search is not None:
            search.cancel()
        print("regkb build: the build failed (see the messages above).", file=sys.stderr)
        return 1
    try:
        merge_indexes([scratch / f"search-{lang}" for lang in LANGS], index)
    except (OSError, ValueError) as exc:
        print(f"regkb build: the search index was not written to {index}: {exc}", file=sys.stderr)
    shutil.rmtree(scratch, ignore_errors=True)
    if search is None:
        return 1
    try:
        report = finish_index(search)
    except PagefindError as exc:
        print(f"regkb build: site search: {exc}", file=sys.stderr)
        return 1
    print(report.summary())
    print(f"Site built in {site}.")
    return 0


def _pages_written(ready: int) -> bool:
    """Wait until a language process has written its pages (one byte) or ended without (none)."""
    try:
        return os.read(ready, 1) == b"1"
    finally:
        os.close(ready)


def _move_languages(site: Path, scratch: Path) -> list[str]:
    """The other languages' folders, built in scratch folders, into the site, with their FR ‖ NL
    pages; then each language's cells of those pages into the pages the other process wrote;
    returns what went wrong (a page left with a placeholder)."""
    from ..pages.sidebyside import CELLS_FILE

    problems: list[str] = []
    cells_files = [(DEFAULT_LANG, site / CELLS_FILE.format(column=DEFAULT_LANG))]  # the default's: in the site
    for lang in LANGS:
        if lang != DEFAULT_LANG:
            target = site / lang
            shutil.rmtree(target, ignore_errors=True)
            shutil.move(str(scratch / f"site-{lang}" / lang), str(target))
            shared = scratch / f"site-{lang}" / SHARED_FOLDER  # its part of the FR ‖ NL pages
            for path in sorted(shared.rglob("*")) if shared.is_dir() else ():
                if path.name == CELLS_FILE.format(column=lang):
                    cells_files.append((lang, path))
                elif path.is_file():
                    destination = site / path.relative_to(shared)
                    destination.parent.mkdir(parents=True, exist_ok=True)
                    os.replace(path, destination)
    for lang, path in cells_files:  # once every page is in place
        if path.is_file():
            problems += _fill_side_by_side(site, lang, path)
            if path.parent == site:  # not a page of the site
                path.unlink()
    return problems


def _fill_side_by_side(site: Path, lang: str, cells_file: Path) -> list[str]:
    """The cells of `lang` (computed by its process) into the FR ‖ NL pages the default
    language's process wrote with placeholders (pages/sidebyside.py Share)."""
    from ..pages.sidebyside import fill_cells

    problems = []
    for name, cells in json.loads(cells_file.read_text(encoding="utf-8")).items():
        page = site / name
        try:
            html, left = fill_cells(page.read_text(encoding="utf-8"), lang, cells)
        except OSError as exc:
            problems.append(f"{name}: {exc.strerror}")
            continue
        if left:
            problems.append(f"{name}: {left} cells of the FR ‖ NL view were not written")
        page.write_text(html, encoding="utf-8")
    return problems
