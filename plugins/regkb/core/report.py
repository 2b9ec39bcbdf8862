"""Diagnostics as reports: text for people, GitLab Code Quality JSON and JUnit XML for merge requests.

The three formats show the same problems; the machine formats let the forge show each problem on
the line of the merge request where it was made (Code Quality) and as failed tests (JUnit).
"""

from __future__ import annotations

import hashlib
import json
import xml.etree.ElementTree as ET
from itertools import groupby
from typing import Iterable

from .diagnostics import Diagnostic, Severity

FORMATS = ("text", "codequality", "junit")
CODE_QUALITY_SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor"}


def by_file(diagnostics: Iterable[Diagnostic]) -> list[tuple[str, list[Diagnostic]]]:
    """Diagnostics sorted and grouped by file, each file's problems in line order."""
    ordered = sorted(set(diagnostics), key=lambda d: (d.path, d.line, d.severity is not Severity.ERROR, d.message))
    return [(path, list(items)) for path, items in groupby(ordered, key=lambda d: d.path)]


def summary(diagnostics: Iterable[Diagnostic]) -> str:
    items = set(diagnostics)
    errors = sum(1 for d in items if d.is_error)
    warnings = len(items) - errors
    files = len({d.path for d in items})
    if not items:
        return "No problem found: 0 errors, 0 warnings."
    return f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')} in {_plural(files, 'file')}."


def to_text(diagnostics: Iterable[Diagnostic]) -> str:
    """One header per file, then `line N: error: message` and the fix below it."""
    lines: list[str] = []
    for path, items in by_file(diagnostics):
        lines.append(path)
        for diagnostic in items:
            lines.append(f"  line {diagnostic.line}: {diagnostic.severity.value}: {diagnostic.message}")
            if diagnostic.fix:
                lines.append(f"    fix: {diagnostic.fix}")
        lines.append("")
    lines.append(summary(diagnostics))
    return "\n".join(lines) + "\n"


def fingerprint(diagnostic: Diagnostic) -> str:
    """A stable identity for the forge to match a problem across pipelines.

    The line is left out on purpose: adding text above a problem must not make it "new".
    """
    key = "\x1f".join((diagnostic.path, diagnostic.code, diagnostic.message))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def to_code_quality(diagnostics: Iterable[Diagnostic]) -> str:
    """GitLab Code Quality report: a JSON array of issues (CodeClimate subset GitLab reads)."""
    issues = []
    for _path, items in by_file(diagnostics):
        for diagnostic in items:
            description = diagnostic.message + (f" Fix: {diagnostic.fix}" if diagnostic.fix else "")
            issues.append({
                "type": "issue",
                "description": description,
                "check_name": f"regkb/{diagnostic.code}",
                "categories": ["Bug Risk"] if diagnostic.is_error else ["Style"],
                "fingerprint": fingerprint(diagnostic),
                "severity": CODE_QUALITY_SEVERITY[diagnostic.severity],
                "location": {"path": diagnostic.path, "lines": {"begin": diagnostic.line}},
            })
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"


def to_junit(diagnostics: Iterable[Diagnostic], files_checked: Iterable[str] = ()) -> str:
    """JUnit XML: one test case per file; each error is a <failure>, each warning a <system-out> line.

    Files without problem (`files_checked`) are passed test cases, so the counts say how much was
    checked, not only what failed.
    """
    groups = dict(by_file(diagnostics))
    paths = sorted(set(files_checked) | set(groups))
    suite = ET.Element("testsuite", name="regkb check")
    failures = 0
    for path in paths:
        items = groups.get(path, [])
        case = ET.SubElement(suite, "testcase", classname="regkb.check", name=path, file=path)
        errors = [d for d in items if d.is_error]
        for diagnostic in errors:
            failure = ET.SubElement(case, "failure", type=diagnostic.code,
                                    message=f"line {diagnostic.line}: {diagnostic.message}")
            failure.text = f"{path}:{diagnostic.line}: {diagnostic.message}\nFix: {diagnostic.fix}"
        if errors:
            failures += 1
        warnings = [d for d in items if not d.is_error]
        if warnings:
            out = ET.SubElement(case, "system-out")
            out.text = "\n".join(f"{d.path}:{d.line}: warning: {d.message} Fix: {d.fix}" for d in warnings)
    counts = {"tests": len(paths), "failures": failures, "errors": 0, "skipped": 0}
    for key, value in counts.items():
        suite.set(key, str(value))
    root = ET.Element("testsuites", {"name": "regkb", **{k: str(v) for k, v in counts.items()}})
    root.append(suite)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def render(fmt: str, diagnostics: Iterable[Diagnostic], files_checked: Iterable[str] = ()) -> str:
    items = list(diagnostics)
    if fmt == "codequality":
        return to_code_quality(items)
    if fmt == "junit":
        return to_junit(items, files_checked)
    return to_text(items)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"
