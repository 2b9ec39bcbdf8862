"""The staff command line: `regkb check | new | changes | impact | search | serve | pagefind | import`."""

from __future__ import annotations

import argparse
import importlib
import sys

from .commands import COMMANDS


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="regkb", description="Tools for the regkb knowledge base.")
    parser.add_argument("--root", default=".", help="project folder (with docs/, circulars/, faq/)")
    subparsers = parser.add_subparsers(dest="command", required=True)
    for name in COMMANDS:
        try:
            module = importlib.import_module(f".commands.{name}", __package__)
        except Exception as exc:  # noqa: BLE001 - one broken command must not disable the others
            _broken(subparsers, name, exc)
            continue
        module.register(subparsers)
    return parser


def _broken(subparsers: argparse._SubParsersAction, name: str, exc: Exception) -> None:
    """A command whose module cannot be imported: it says why when run; the others keep working."""
    parser = subparsers.add_parser(name, help=f"(unavailable: {exc})", add_help=False)
    parser.add_argument("rest", nargs=argparse.REMAINDER)

    def unavailable(_args: argparse.Namespace) -> int:
        print(f"regkb {name}: this command is unavailable ({type(exc).__name__}: {exc}).", file=sys.stderr)
        return 2

    parser.set_defaults(func=unavailable)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    from .core.validate import BuildDateError, build_date

    try:
        build_date()  # an impossible REGKB_TODAY stops every command before it starts
        return int(args.func(args) or 0)
    except BuildDateError as exc:
        print(f"regkb {args.command}: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
