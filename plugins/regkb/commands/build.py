"""`regkb build`: the whole site, each language built in its own process, then the site search.

static-i18n builds the languages one after the other in one process (Dutch inside French's
`on_post_build`), so a 2-core machine waits on one core. Here each language is a plain
`mkdocs build` restricted to that language (REGKB_BUILD_LANG, read by the regkb/site plugin); the
default language writes the site's root, the others write into a scratch folder whose language
folder is then moved into place, and Pagefind indexes the result once. The pages are the same as
those of `mkdocs build`: only the order of work changes.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

from ..core.kinds import DEFAULT_LANG, LANGS
from ..search.index import ENV_INDEX, default_index_dir, merge_indexes

ONLY_LANG_ENV = "REGKB_BUILD_LANG"


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("build", help="build the site, both languages in parallel, then the site search")
    parser.add_argument("--site-dir", default="site", help="output folder (default: site)")
    parser.add_argument("--config-file", default="mkdocs.yml", help="MkDocs configuration (default: mkdocs.yml)")
    parser.add_argument("--strict", action="store_true", help="fail on any warning, like `mkdocs build --strict`")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    root = Path(args.root).resolve()
    site = (root / args.site_dir).resolve()
    scratch = root / ".cache" / "build"
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir(parents=True)
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(root / args.config_file)]
    if args.strict:
        command.append("--strict")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    processes = {}
    for lang in LANGS:
        output = site if lang == DEFAULT_LANG else scratch / f"site-{lang}"
        lang_env = dict(env, **{ONLY_LANG_ENV: lang})
        lang_env[ENV_INDEX] = str(scratch / f"search-{lang}")  # its language's part of the search index
        log = open(scratch / f"build-{lang}.log", "w+", encoding="utf-8")
        processes[lang] = (subprocess.Popen(command + ["-d", str(output)], cwd=root, env=lang_env,
                                            stdout=log, stderr=subprocess.STDOUT), log)
    failed = False
    seen: set[str] = set()
    for lang in LANGS:
        process, log = processes[lang]
        failed |= process.wait() != 0
        log.seek(0)
        for line in log:  # each process reports the same source diagnostics: show them once
            if line not in seen:
                seen.add(line)
                sys.stdout.write(line)
        log.close()
    if failed:
        print("regkb build: the build failed (see the messages above).", file=sys.stderr)
        return 1
    index = default_index_dir(root)  # read before the children's setting: the parent's own
    try:
        merge_indexes([scratch / f"search-{lang}" for lang in LANGS], index)
    except (OSError, ValueError) as exc:
        print(f"regkb build: the search index was not written to {index}: {exc}", file=sys.stderr)
    for lang in LANGS:
        if lang != DEFAULT_LANG:
            target = site / lang
            shutil.rmtree(target, ignore_errors=True)
            shutil.move(str(scratch / f"site-{lang}" / lang), str(target))
    shutil.rmtree(scratch, ignore_errors=True)
    return _site_search(site)


def _site_search(site: Path) -> int:
    """Pagefind over both languages; the identifier maps and synonyms were written by the
    default language's build, which had the corpus loaded."""
    from ..search.pagefind import PagefindError, index_site

    try:
        report = index_site(site)
    except PagefindError as exc:
        print(f"regkb build: site search: {exc}", file=sys.stderr)
        return 1
    print(report.summary())
    print(f"Site built in {site}.")
    return 0
