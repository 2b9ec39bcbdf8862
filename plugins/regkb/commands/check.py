"""`regkb check`: validate every source without building the site, and report every problem at once.

Text for people (grouped by file), GitLab Code Quality JSON so problems show inline in the merge
request, JUnit XML so they show as failed tests. Exit code 1 on errors, 0 with warnings only.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..core.report import FORMATS, render, summary
from ..core.validate import build_date
from ..sources import load_corpus
from ..sources.inventory import check_handwritten_refs, source_files
from ..sources.siteconfig import check_site_config


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("check", help="validate every source without building the site",
                                   description="Validate every source and report every problem with its file, "
                                               "line and fix. Exit code 1 on errors, 0 with warnings only.")
    parser.add_argument("--format", choices=FORMATS, default="text", help="report format (default: text)")
    parser.add_argument("--output", metavar="FILE", help="write the report to FILE instead of the standard output")
    parser.add_argument("--codequality", metavar="FILE",
                        help="also write a GitLab Code Quality report to FILE (for CI)")
    parser.add_argument("--junit", metavar="FILE", help="also write a JUnit XML report to FILE (for CI)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        return _run(args)
    except Exception as exc:  # noqa: BLE001 - the command boundary: a message, never a traceback
        print(f"regkb check: internal error while checking ({type(exc).__name__}: {exc}). "
              "The sources could not all be checked; please report this message.", file=sys.stderr)
        return 2


def _run(args: argparse.Namespace) -> int:
    root = Path(args.root)
    if not root.is_dir():
        print(f"regkb check: the project folder '{root}' does not exist.", file=sys.stderr)
        return 2
    corpus, diagnostics = load_corpus(root)
    check_handwritten_refs(root, corpus, build_date(), diagnostics)
    check_site_config(root, diagnostics)  # fonts, scripts or analytics from other origins
    items = diagnostics.sorted()
    files = source_files(root)
    outputs = [(args.format, args.output)]
    if args.codequality:
        outputs.append(("codequality", args.codequality))
    if args.junit:
        outputs.append(("junit", args.junit))
    for fmt, target in outputs:
        report = render(fmt, items, files)
        if target:
            try:
                Path(target).write_text(report, encoding="utf-8")
            except OSError as exc:
                print(f"regkb check: cannot write {target} ({exc.strerror}).", file=sys.stderr)
                return 2
        else:
            sys.stdout.write(report)
    if args.format != "text" or args.output:
        print(summary(items), file=sys.stderr)
    return 1 if any(d.is_error for d in items) else 0
