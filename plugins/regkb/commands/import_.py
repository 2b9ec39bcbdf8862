"""`regkb import justel|markdown`: bring a text and its history from Justel into the sources.

    regkb import justel PAGE.html [PAGE.html ...] --id ID [--nl PAGE_NL.html ...]
    regkb import markdown FILE.md [FILE.md ...] --id ID --kind law --title ... --date YYYY-MM-DD

Snapshots are given oldest first. Every page is read before anything is written: a page that
cannot be read, an undated snapshot or a file that would change stops the import (exit 1) with
nothing written. See `regkb.justel.history` for the dating rule.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from collections import Counter
from pathlib import Path

from ..catalogue import LANG_NAMES
from ..core.consolidate import segment
from ..core.dates import DateError, parse_date
from ..core.eli import eli_url
from ..core.kinds import Kind, kinds_of_family
from ..justel.history import History, build_history
from ..justel.html_page import JustelPageError, read_page
from ..justel.markdown_export import read_export
from ..justel.partial import partial_delta
from ..justel.snapshot import Snapshot
from ..justel.sources import Meta, index_file, pair_report, short_title, version_body, version_file

ID = re.compile(r"^[a-z0-9][a-z0-9-]*\Z")
KINDS = tuple(k.value for k in kinds_of_family("act") if k.spec.citation)  # acts Justel publishes


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("import", help="import a text and its versions from Justel (HTML pages or Markdown export)",
                                   description="Write a law or decree and one version per entry into force from Justel "
                                               "snapshots (oldest first). Never overwrites without --force.")
    parser.add_argument("shape", choices=("justel", "markdown"), help="justel: Justel HTML pages; markdown: the Justel Markdown export")
    parser.add_argument("files", nargs="*", metavar="FILE", help="French snapshots, oldest first (none for a text "
                                                                  "imported in Dutch only, with --nl)")
    parser.add_argument("--nl", nargs="+", default=[], metavar="FILE", help="Dutch snapshots, oldest first")
    parser.add_argument("--id", required=True, help="id of the text (its folder name), e.g. ar-1982-03-23")
    parser.add_argument("--in-force", action="append", default=[], metavar="[FILE=]YYYY-MM-DD",
                        help="entry into force of a snapshot whose date is not in its text (repeatable; "
                             "a bare date applies to a single given snapshot)")
    parser.add_argument("--kind", choices=KINDS, help="kind, when the page does not say it (Markdown export)")
    parser.add_argument("--title", help="official French title (Markdown export, or to replace the page's)")
    parser.add_argument("--title-nl", help="official Dutch title")
    parser.add_argument("--short-title", help="French short title (default: made from kind and date, e.g. 'AR du 23 mars 1982')")
    parser.add_argument("--short-title-nl", help="Dutch short title (default: e.g. 'KB van 23 maart 1982')")
    parser.add_argument("--date", help="date of the act, YYYY-MM-DD (Markdown export)")
    parser.add_argument("--numac", help="NUMAC (Markdown export)")
    parser.add_argument("--published", help="publication of the act in the Moniteur belge, YYYY-MM-DD (Markdown export)")
    parser.add_argument("--force", action="store_true", help="overwrite existing files that would change")
    parser.add_argument("--partial", action="store_true",
                        help="write each version after the first as a partial version: only the articles and "
                             "headings that changed (a version that cannot be said exactly so is written whole)")
    parser.add_argument("--dry-run", action="store_true", help="list what would be written, write nothing")
    parser.set_defaults(func=run)


class ImportError_(Exception):
    """Stops the import; the message names the file and what was expected."""


def run(args: argparse.Namespace) -> int:
    try:
        return _run(args)
    except ImportError_ as exc:
        print(f"regkb import: {exc}", file=sys.stderr)
        print("regkb import: nothing was written.", file=sys.stderr)
        return 1
    except Exception as exc:  # noqa: BLE001 - the command boundary: a message, never a traceback
        print(f"regkb import: internal error ({type(exc).__name__}: {exc}); nothing was written. "
              "Please report this message.", file=sys.stderr)
        return 2


def _read(shape: str, files: list[str], lang: str) -> list[Snapshot]:
    snaps = []
    problems = []
    for name in files:
        path = Path(name)
        if path.is_symlink():
            problems.append(f"{name}: is a symbolic link (to {_target(path)}), not a saved page: give the file "
                            "itself, so that what is imported is what was checked.")
            continue
        try:
            data = path.read_bytes()
        except OSError as exc:
            problems.append(f"{name}: cannot be read ({exc.strerror or exc}).")
            continue
        try:
            snap = read_page(name, data) if shape == "justel" else read_export(name, data)
        except JustelPageError as exc:
            problems.append(str(exc))
            continue
        if snap.lang != lang:
            option = "--nl" if snap.lang == "nl" else "the French files (before the options)"
            problems.append(f"{name}: this page is in {LANG_NAMES[snap.lang]}, given as {LANG_NAMES[lang]}: "
                            f"give it with {option}. A text is never imported into the other language.")
            continue
        snaps.append(snap)
    if problems:
        raise ImportError_("\n".join(problems))
    return snaps


def _files(root: Path, args: argparse.Namespace, histories: dict[str, History], metas: dict[str, Meta],
           report: list[str]) -> dict[Path, str]:
    """Every file to write: index.md per language, one file per version (whole, or partial with
    --partial when a partial version says it exactly, in both languages alike)."""
    files: dict[Path, str] = {}
    partials: dict[str, dict[dt.date, tuple[dict, str]]] = {}
    paths: dict[tuple[str, dt.date], Path] = {}
    for lang, history in histories.items():
        folder = root / "docs" / lang / Kind(metas[lang].kind).section / args.id
        files[folder / "index.md"] = index_file(metas[lang])
        partials[lang] = {}
        previous = ""
        for index, version in enumerate(history.versions):
            path = paths[lang, version.in_force] = folder / f"{version.in_force.isoformat()}.md"
            body = version_body(version)
            if args.partial and index:
                found = partial_delta(previous, body, lang, version.in_force, rel_path(root, path))
                if isinstance(found, str):
                    report.append(f"{rel_path(root, path)}: written whole, not as a partial version: {found}.")
                else:
                    partials[lang][version.in_force] = found
            elif args.partial and _earlier_on_disk(folder, version.in_force):
                report.append(f"{rel_path(root, path)}: written whole: the version before it is not among the "
                              "given snapshots (give its snapshot first to write only what changed).")
            previous = body
    if "fr" in partials and "nl" in partials:  # the check wants both files of a version to change the same articles
        for day in sorted(set(partials["fr"]) & set(partials["nl"])):
            keys = {lang: {u.key for u in segment(partials[lang][day][1]) if u.is_article} for lang in ("fr", "nl")}
            if keys["fr"] != keys["nl"]:
                differ = sorted(keys["fr"] ^ keys["nl"])
                report.append(f"version {day.isoformat()}: written whole in both languages, not as partial versions: "
                              f"French and Dutch change different articles ({', '.join(differ[:5])}); check them "
                              "on Justel.")
                del partials["fr"][day], partials["nl"][day]
    for lang, history in histories.items():
        for version in history.versions:
            files[paths[lang, version.in_force]] = version_file(version, partials[lang].get(version.in_force))
    return files


def rel_path(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)


def _earlier_on_disk(folder: Path, day: dt.date) -> bool:
    """A version file of an earlier date already written (by an earlier import)."""
    return folder.is_dir() and any(p.stem < day.isoformat() for p in folder.glob("????-??-??.md"))


def _target(path: Path) -> str:
    try:
        return str(path.readlink())
    except OSError:
        return "?"


def _outside(root: Path, files: dict[Path, str]) -> list[str]:
    """Files the import would write outside the project (a folder of docs/ that is a link to
    elsewhere) or through a symbolic link: refused, whatever the options."""
    home = root.resolve()
    problems = []
    for path in files:
        if path.is_symlink():
            problems.append(f"  {path}: is a symbolic link (to {_target(path)}); remove it or import into another --id.")
        elif not path.resolve().is_relative_to(home):
            problems.append(f"  {path}: would be written to {path.resolve()}, outside the project {home} (a folder on "
                            "the way is a symbolic link); import into a project whose docs/ is its own.")
    return problems


def _overrides(values: list[str], files: list[str]) -> dict[str, dt.date]:
    out: dict[str, dt.date] = {}
    for value in values:
        name, sep, day = value.rpartition("=")
        try:
            date = parse_date(day)
        except DateError as exc:
            raise ImportError_(f"--in-force {value}: {exc}.") from None
        if not sep:
            if len(files) != 1:
                raise ImportError_(f"--in-force {value}: several snapshots are given; say which one: "
                                   "--in-force FILE=YYYY-MM-DD.")
            name = files[0]
        same = [f for f in files if f == name or Path(f).resolve() == Path(name).resolve()]
        if not same:
            raise ImportError_(f"--in-force {value}: {name} is not one of the given files.")
        out[same[0]] = date
    return out


def _meta(lang: str, snaps: list[Snapshot], args: argparse.Namespace) -> Meta:
    last = snaps[-1]
    kind = args.kind or last.kind
    title = (args.title_nl if lang == "nl" else args.title) or last.title
    date = parse_date(args.date) if args.date else last.act_date
    missing = []
    if kind not in KINDS:
        missing.append(f"--kind ({', '.join(KINDS)}: the page does not say it)")
    if not title:
        missing.append("--title-nl" if lang == "nl" else "--title")
    if date is None:
        missing.append("--date (the date of the act, YYYY-MM-DD)")
    if missing or date is None:
        raise ImportError_(f"{last.path}: {LANG_NAMES[lang]} text: missing " + "; ".join(missing) + ".")
    short = (args.short_title_nl if lang == "nl" else args.short_title) or short_title(kind, date, lang)
    numac = args.numac or last.numac
    eli = last.eli if last.eli and last.eli != eli_url(kind, date, numac, lang) else ""
    published = parse_date(args.published) if args.published else last.published
    return Meta(kind, title, short, date, numac, published, eli)


def _run(args: argparse.Namespace) -> int:
    if not ID.match(args.id):
        raise ImportError_(f"--id {args.id}: an id is lowercase ASCII words joined by '-', e.g. ar-1982-03-23.")
    for option in ("date", "published"):
        if getattr(args, option):
            try:
                parse_date(getattr(args, option))
            except DateError as exc:
                raise ImportError_(f"--{option}: {exc}.") from None
    if not args.files and not args.nl:
        raise ImportError_("no snapshot given: name the French pages (oldest first), the Dutch ones after --nl, or both.")
    overrides = _overrides(args.in_force, args.files + args.nl)
    given = {"fr": _read(args.shape, args.files, "fr"), "nl": _read(args.shape, args.nl, "nl")}
    histories: dict[str, History] = {}
    errors: list[str] = []
    report: list[str] = []
    for lang, snaps in given.items():
        if snaps:
            history = build_history(lang, snaps, overrides)
            histories[lang] = history
            errors += history.errors
            report += history.messages
            if not history.versions and not history.errors:
                errors.append(f"no whole text among the {LANG_NAMES[lang]} snapshots: nothing to import.")
    if errors:
        raise ImportError_("\n".join(errors))
    metas = {lang: _meta(lang, given[lang], args) for lang in histories}
    if "fr" in metas and "nl" in metas:
        for field in ("kind", "date", "numac", "published"):
            if getattr(metas["fr"], field) != getattr(metas["nl"], field):
                raise ImportError_(f"the French and Dutch pages disagree on {field}: "
                                   f"{getattr(metas['fr'], field)} / {getattr(metas['nl'], field)}; are they the same text?")
        report += pair_report(histories["fr"], histories["nl"])
    for lang in ("fr", "nl"):
        if lang not in histories:
            other = "Dutch" if lang == "nl" else "French"
            report.append(f"no {other} snapshot given: only {LANG_NAMES['nl' if lang == 'fr' else 'fr']} is written; "
                          f"the site says the {other} text is missing until its pages are imported with "
                          f"{'--nl' if lang == 'nl' else 'the French pages'}.")
    for lang, history in histories.items():
        for version in history.versions:
            twice = sorted(n for n, count in Counter(version.snapshot.labels()).items() if count > 1)
            if twice:
                report.append(f"{version.snapshot.path}: {LANG_NAMES[lang]} version {version.in_force.isoformat()}: "
                              f"article(s) {', '.join(twice)} appear more than once, as Justel has it (two articles "
                              "inserted by two acts, or a future text beside the text in force): kept as written, "
                              "the second anchored '--2'. Check them on Justel, then confirm them in the version's "
                              f"front matter: duplicate_articles: [{', '.join(twice)}].")
    root = Path(args.root)
    files = _files(root, args, histories, metas, report)
    outside = _outside(root, files)
    if outside:
        raise ImportError_("these files would not be written inside the project:\n" + "\n".join(outside))
    plan = []
    refused = []
    for path, content in files.items():
        if not path.exists():
            plan.append(("new", path, content))
            continue
        try:
            old = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            old = None
        if old == content:
            plan.append(("unchanged", path, content))
        elif path.name == "index.md" and not args.force:
            plan.append(("kept", path, content))  # the existing document (maybe edited) stays
        elif args.force:
            plan.append(("overwrite", path, content))
        else:
            refused.append(path)
    rel = lambda p: rel_path(root, p)  # noqa: E731
    if refused:
        raise ImportError_("these files exist with another text and would be overwritten:\n" +
                           "\n".join(f"  {rel(p)}" for p in refused) +
                           "\nCheck them, then run again with --force to replace them (or import into another --id).")
    for message in report:
        print(f"note: {message}")
    verbs = {"new": "write", "overwrite": "overwrite", "unchanged": "unchanged", "kept": "keep (exists; --force replaces it)"}
    for state, path, _content in plan:
        print(f"{'would ' if args.dry_run and state in ('new', 'overwrite') else ''}{verbs[state]}: {rel(path)}")
    if args.dry_run:
        print("dry run: nothing written.")
        return 0
    for state, path, content in plan:
        if state in ("new", "overwrite"):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8")
    count = sum(1 for s, _p, _c in plan if s in ("new", "overwrite"))
    print(f"{count} file(s) written. Check with `regkb check`, then build.")
    return 0
