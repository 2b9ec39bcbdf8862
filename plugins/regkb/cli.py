"""The staff command line: `regkb check | new | changes | impact | search | serve`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .sources import load_corpus


def _check(args: argparse.Namespace) -> int:
    _corpus, diagnostics = load_corpus(Path(args.root))
    for diagnostic in diagnostics.sorted():
        print(diagnostic.format())
    errors, warnings = len(diagnostics.errors), len(diagnostics.warnings)
    print(f"{errors} error(s), {warnings} warning(s)", file=sys.stderr)
    return 1 if errors else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="regkb", description=__doc__)
    parser.add_argument("--root", default=".", help="project folder (with docs/, circulars/, faq/)")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate every source without building the site")
    check.set_defaults(func=_check)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    raise SystemExit(main())
