"""`regkb new KIND`: write the French and Dutch files of a new version, convention, circular or answer.

Missing values are asked for when a person is at the terminal; in a script (no TTY) the command
fails and lists the missing options. Nothing is written unless every value is valid, and an
existing file is never overwritten.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Callable

from ..core.validate import build_date
from ..sources import load_corpus
from ..sources import scaffold as sc

# kind -> [(dest, option, prompt, required)]
FIELDS: dict[str, list[tuple[str, str, str, bool]]] = {
    "decree-version": [
        ("id", "--id", "id of the law, decree or convention (its folder name)", True),
        ("in_force", "--in-force", "entry into force (YYYY-MM-DD)", True),
        ("published", "--published", "publication in the Moniteur belge (YYYY-MM-DD, optional)", False),
        ("signed", "--signed", "signature of the amending act (YYYY-MM-DD, optional)", False),
        ("amended_by", "--amended-by", "id of the amending act (optional)", False),
        ("summary_fr", "--summary-fr", "what changed, in French (one line, optional)", False),
        ("summary_nl", "--summary-nl", "what changed, in Dutch (one line, optional)", False),
        ("label_fr", "--label-fr", "label in French, e.g. 'Avenant n° 1' (optional)", False),
        ("label_nl", "--label-nl", "label in Dutch, e.g. 'Wijzigingsclausule nr. 1' (optional)", False),
    ],
    "convention": [
        ("id", "--id", "id of the convention (e.g. conv-loco-gent)", True),
        ("sector", "--sector", "sector id from taxonomy.yml", True),
        ("institution", "--institution", "name of the institution", True),
        ("institution_nl", "--institution-nl", "name of the institution in Dutch (optional)", False),
        ("title_fr", "--title-fr", "full title in French", True),
        ("title_nl", "--title-nl", "full title in Dutch", True),
        ("short_title_fr", "--short-title-fr", "short title in French", True),
        ("short_title_nl", "--short-title-nl", "short title in Dutch", True),
        ("start", "--start", "start of the convention (YYYY-MM-DD)", True),
        ("end", "--end", "expiry (YYYY-MM-DD, optional)", False),
    ],
    "circular": [
        ("number", "--number", "number of the circular, e.g. 2024/12", True),
        ("audience", "--audience", "audience id from taxonomy.yml (insurers, physiotherapists, ...)", True),
        ("id", "--id", "id (optional: made from the audience and the number)", False),
        ("date", "--date", "date of the circular (YYYY-MM-DD)", True),
        ("title_fr", "--title-fr", "full title in French", True),
        ("title_nl", "--title-nl", "full title in Dutch", True),
        ("short_title_fr", "--short-title-fr", "short title in French (optional)", False),
        ("short_title_nl", "--short-title-nl", "short title in Dutch (optional)", False),
        ("in_force", "--in-force", "entry into force (YYYY-MM-DD, optional: the date)", False),
        ("implements", "--implements", "ids of the regulations it applies, comma-separated (optional)", False),
        ("replaces", "--replaces", "id of the circular it replaces (optional)", False),
    ],
    "question": [
        ("id", "--id", "id of the question (e.g. kine-nombre-seances)", True),
        ("topic", "--topic", "topic ids from taxonomy.yml, comma-separated", True),
        ("audience", "--audience", "audience: patients, providers or a provider group", True),
        ("question_fr", "--question-fr", "the question in French", True),
        ("question_nl", "--question-nl", "the question in Dutch", True),
        ("reviewed", "--reviewed", "date of review (YYYY-MM-DD, optional: today)", False),
    ],
}
ALIASES = {"decree-version": ["version"], "question": ["answer"], "convention": [], "circular": []}


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("new", help="write the French and Dutch files of a new text",
                                   description="Write the French and Dutch files of a new version, convention, "
                                               "circular or question, with complete front matter. Never "
                                               "overwrites a file.")
    kinds = parser.add_subparsers(dest="kind", required=True, metavar="KIND")
    for kind, fields in FIELDS.items():
        sub = kinds.add_parser(kind, aliases=ALIASES[kind], help=f"a new {kind.replace('-', ' ')}")
        for dest, option, prompt, _required in fields:
            sub.add_argument(option, dest=dest, help=prompt)
        if kind == "decree-version":  # a version written as an amending act (CONTRIBUTING.md)
            sub.add_argument("--partial", action="store_true",
                             help="write only the articles given with --articles (a partial version)")
            sub.add_argument("--articles", help="with --partial: the articles it replaces or inserts, e.g. 7,7bis")
        sub.set_defaults(func=run, kind=kind)


def run(args: argparse.Namespace) -> int:
    try:
        return _run(args, input_fn=input)
    except (KeyboardInterrupt, EOFError):
        print("\nregkb new: cancelled, nothing written.", file=sys.stderr)
        return 1
    except sc.PartlyWritten as exc:
        print(f"regkb new: writing failed ({exc.__cause__}); these files were written and could not be removed: "
              f"{', '.join(exc.files)}. Delete them or complete them.", file=sys.stderr)
        return 2
    except Exception as exc:  # noqa: BLE001 - the command boundary: a message, never a traceback
        print(f"regkb new: internal error ({type(exc).__name__}: {exc}); nothing was written "
              "(files created before the error were removed).", file=sys.stderr)
        return 2


def _run(args: argparse.Namespace, input_fn: Callable[[str], str]) -> int:
    root = Path(args.root)
    missing = _fill_missing(args, input_fn)
    if missing:
        print(f"regkb new {args.kind}: missing option(s): {', '.join(missing)}. "
              "Give them on the command line (or run the command in a terminal to be asked).", file=sys.stderr)
        return 2
    corpus, _diagnostics = load_corpus(root)
    try:
        scaffold = _scaffold(args, corpus)
    except sc.ScaffoldError as exc:
        print(f"regkb new {args.kind}: nothing written:", file=sys.stderr)
        for problem in exc.problems:
            print(f"  - {problem}", file=sys.stderr)
        return 1
    existing = scaffold.existing(root)
    if existing:
        print(f"regkb new {args.kind}: nothing written: these files already exist and are never overwritten: "
              + ", ".join(existing), file=sys.stderr)
        return 1
    try:
        written = scaffold.write(root)
    except FileExistsError as exc:
        print(f"regkb new {args.kind}: nothing written: {exc} already exists.", file=sys.stderr)
        return 1
    except OSError as exc:
        if isinstance(exc, sc.PartlyWritten):
            raise
        print(f"regkb new {args.kind}: nothing written: {exc.strerror or exc} ({exc.filename or ''}).",
              file=sys.stderr)
        return 1
    for rel in written:
        print(f"created {rel}")
    print("Next: complete the text, then run `regkb check`.", file=sys.stderr)
    return 0


def _fill_missing(args: argparse.Namespace, input_fn: Callable[[str], str]) -> list[str]:
    """Ask for missing values at a terminal; otherwise return the options still missing."""
    interactive = sys.stdin is not None and sys.stdin.isatty()
    missing = []
    for dest, option, prompt, required in FIELDS[args.kind]:
        if getattr(args, dest) not in (None, ""):
            continue
        if interactive:
            value = input_fn(f"{prompt}{'' if required else ' [Enter to skip]'}: ").strip()
            setattr(args, dest, value or None)
        if required and not getattr(args, dest):
            missing.append(option)
    return missing


def _pair(args: argparse.Namespace, name: str) -> dict[str, str]:
    return {lang: getattr(args, f"{name}_{lang}") or "" for lang in ("fr", "nl")}


def _list(value: str | None) -> list[str]:
    return [item.strip() for item in (value or "").split(",") if item.strip()]


def _scaffold(args: argparse.Namespace, corpus) -> sc.Scaffold:
    if args.kind == "decree-version":
        return sc.decree_version(corpus, args.id, args.in_force, args.published, args.signed, args.amended_by,
                                 summary=_pair(args, "summary"), label=_pair(args, "label"),
                                 partial=bool(getattr(args, "partial", False)),
                                 articles=_list(getattr(args, "articles", None)))
    if args.kind == "convention":
        return sc.convention(corpus, args.id, args.sector, {"fr": args.institution, "nl": args.institution_nl or ""},
                             _pair(args, "title"), _pair(args, "short_title"), args.start, args.end)
    if args.kind == "circular":
        return sc.circular(corpus, args.id, args.number, args.audience, args.date, _pair(args, "title"),
                           _pair(args, "short_title"), args.in_force, _list(args.implements), args.replaces)
    return sc.question(corpus, args.id, _list(args.topic), args.audience, _pair(args, "question"),
                       args.reviewed or build_date().isoformat())
