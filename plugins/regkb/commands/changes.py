"""`regkb changes --base REV`: a Markdown summary of what the branch changes, for the merge request.

The base revision is exported with `git archive` into a temporary folder and loaded like the
working tree; core/changes.py compares the two corpora.
"""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from ..core.changes import compare, to_markdown
from ..core.validate import build_date
from ..sources import load_corpus

SOURCE_ROOTS = ("docs/", "circulars/", "faq/", "taxonomy.yml")


class GitError(RuntimeError):
    """git could not give the base revision; the message says what to do."""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("changes", help="Markdown summary of what the branch changes (for a merge request)",
                                   description="Compare the sources of the working tree with a git revision and "
                                               "print a Markdown summary for the merge-request description.")
    parser.add_argument("--base", required=True, metavar="REV",
                        help="the revision to compare with, e.g. main or origin/main")
    parser.add_argument("--output", metavar="FILE", help="write the summary to FILE instead of the standard output")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        return _run(args)
    except GitError as exc:
        print(f"regkb changes: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:  # noqa: BLE001 - the command boundary: a message, never a traceback
        print(f"regkb changes: internal error ({type(exc).__name__}: {exc}).", file=sys.stderr)
        return 2


def _run(args: argparse.Namespace) -> int:
    root = Path(args.root).resolve()
    head, head_diagnostics = load_corpus(root)
    with tempfile.TemporaryDirectory(prefix="regkb-base-") as tmp:
        base_root = export_revision(root, args.base, Path(tmp))
        base, base_diagnostics = load_corpus(base_root)
    changes = compare(base, head, base_diagnostics, head_diagnostics)
    text = to_markdown(changes, args.base, build_date())
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def _git(root: Path, *argv: str) -> bytes:
    env = dict(os.environ, GIT_TERMINAL_PROMPT="0")
    try:
        result = subprocess.run(["git", *argv], cwd=root, capture_output=True, env=env, timeout=300)
    except FileNotFoundError:
        raise GitError("git is not installed or not on the PATH.") from None
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(f"git {argv[0]} failed: {message[-1] if message else 'unknown error'}")
    return result.stdout


def export_revision(root: Path, rev: str, dest: Path) -> Path:
    """The project's sources as they are at `rev`, extracted under `dest`; returns the project root there."""
    try:
        prefix = _git(root, "rev-parse", "--show-prefix").decode().strip()
    except GitError:
        raise GitError(f"'{root}' is not inside a git repository: run the command in the content repository.") from None
    try:
        _git(root, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")
    except GitError:
        raise GitError(f"unknown revision '{rev}': fetch it first (e.g. `git fetch origin main`) "
                       "and pass --base origin/main.") from None
    toplevel = Path(_git(root, "rev-parse", "--show-toplevel").decode().strip())
    archive = _git(toplevel, "archive", "--format=tar", rev)
    wanted = tuple(prefix + name for name in SOURCE_ROOTS)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        members = [m for m in tar.getmembers() if m.name.startswith(wanted) and (m.isfile() or m.isdir())]
        if hasattr(tarfile, "data_filter"):
            tar.extractall(dest, members=members, filter="data")
        else:  # Python < 3.11.4: members are already limited to plain files and folders
            tar.extractall(dest, members=members)  # noqa: S202
    return dest / prefix
