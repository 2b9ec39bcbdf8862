"""`regkb check`: validate every source without building the site."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..sources import load_corpus


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("check", help="validate every source without building the site")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    _corpus, diagnostics = load_corpus(Path(args.root))
    for diagnostic in diagnostics.sorted():
        print(diagnostic.format())
    errors, warnings = len(diagnostics.errors), len(diagnostics.warnings)
    print(f"{errors} error(s), {warnings} warning(s)", file=sys.stderr)
    return 1 if errors else 0
