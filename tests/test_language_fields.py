"""Fields that must match between the French and Dutch files (dates, numbers, identifiers,
sector): given in one language only, or given differently, a `language-mismatch` error on the
file to correct, with the line and value of the other. Relations may be written in one file."""

from __future__ import annotations

from pathlib import Path

import pytest

from regkb.sources import load_corpus
from test_foundation import minimal_project, write

INDEX = "docs/{lang}/regulations/ar-test/index.md"
VERSION = "docs/{lang}/regulations/ar-test/2020-02-01.md"
CIRCULAR = "circulars/2024/circ-oa-2024-1.{lang}.md"
CIRCULAR_TEXT = ("---\nnumber: \"2024/1\"\ndate: 2024-01-10\naudience: insurers\ntitle: {title}\nshort_title: {title}\n"
                 "reviewed: 2024-01-10\n{extra}---\nTexte.\n")
CONVENTION = "docs/{lang}/conventions/conv-test/index.md"
CONVENTION_TEXT = ("---\nkind: convention\ntitle: C\nshort_title: C\nsector: {sector}\ninstitution: I\n"
                   "date: 2020-01-01\n{extra}---\n")


def _add(root: Path, rel: str, lines: str) -> None:
    """`lines` added to the end of the front matter of `rel`."""
    path = root / rel
    text = path.read_text(encoding="utf-8")
    head, rest = text.split("---\n", 2)[1:]
    path.write_text("---\n" + head + lines + "---\n" + rest, encoding="utf-8")


def _project(tmp_path: Path) -> Path:
    root = minimal_project(tmp_path)
    for lang, title in (("fr", "Circulaire"), ("nl", "Omzendbrief")):
        write(root, CIRCULAR.format(lang=lang), CIRCULAR_TEXT.format(title=title, extra=""))
        write(root, CONVENTION.format(lang=lang), CONVENTION_TEXT.format(sector="autism", extra=""))
        write(root, f"docs/{lang}/conventions/conv-test/2020-01-01.md",
              f"---\nin_force: 2020-01-01\n---\n## {'Article' if lang == 'fr' else 'Artikel'} 1\nTexte.\n")
    return root


def _mismatches(root: Path) -> list:
    _corpus, diagnostics = load_corpus(root)
    return [d for d in diagnostics if d.code == "language-mismatch"]


@pytest.mark.parametrize("template, lines, given", [
    (INDEX, "numac: \"2020022523\"\n", "numac"),
    (INDEX, "repealed: 2030-01-01\n", "repealed"),
    (INDEX, "published: 2020-01-15\n", "published"),
    (VERSION, "published: 2020-01-20\n", "published"),
    (VERSION, "signed: 2020-01-01\n", "signed"),
    (VERSION, "amended_by: ar-test2\n", "amended_by"),
    (CIRCULAR, "in_force: 2024-02-01\n", "in_force"),
    (CIRCULAR, "retroactive: true\n", "retroactive"),
    (CONVENTION, "end: 2030-12-31\n", "end"),
])
@pytest.mark.parametrize("written, missing", [("fr", "nl"), ("nl", "fr")])
def test_a_field_in_one_language_only_is_reported_on_the_other_file(tmp_path: Path, template: str, lines: str,
                                                                    given: str, written: str, missing: str):
    root = _project(tmp_path)
    if given == "amended_by":  # the amending act must exist
        for lang in ("fr", "nl"):
            write(root, f"docs/{lang}/regulations/ar-test2/index.md",
                  "---\nkind: royal-decree\ntitle: T\nshort_title: T\ndate: 2020-01-01\n---\n")
            write(root, f"docs/{lang}/regulations/ar-test2/2020-01-01.md",
                  f"---\nin_force: 2020-01-01\n---\n## {'Art.' if lang == 'fr' else 'Artikel'} 1\nX.\n")
    _add(root, template.format(lang=written), lines)
    found = _mismatches(root)
    assert len(found) == 1, [d.format() for d in found]
    problem = found[0]
    assert problem.is_error and problem.path == template.format(lang=missing)
    assert f"'{given}'" in problem.message and template.format(lang=written) in problem.message
    assert lines.split(": ", 1)[1].strip().strip('"') in problem.fix


@pytest.mark.parametrize("template, fr, nl, field", [
    (INDEX, "date: 2020-01-01\n", "date: 2020-01-02\n", "date"),
    (CIRCULAR, "in_force: 2024-02-01\n", "in_force: 2024-03-01\n", "in_force"),
    (CIRCULAR, "replaces: circ-oa-2023-1\n", "replaces: circ-oa-2023-2\n", "replaces"),
    (VERSION, "retroactive: true\n", "retroactive: false\n", "retroactive"),
])
def test_a_field_that_differs_between_languages_is_reported(tmp_path: Path, template: str, fr: str, nl: str,
                                                            field: str):
    root = _project(tmp_path)
    for lang, title in (("fr", "Circulaire"), ("nl", "Omzendbrief")):
        for number in ("1", "2"):
            write(root, f"circulars/2023/circ-oa-2023-{number}.{lang}.md",
                  CIRCULAR_TEXT.replace("2024", "2023").replace("2023/1", f"2023/{number}").format(title=title, extra=""))
    if field == "date":
        for lang, line in (("fr", fr), ("nl", nl)):
            path = root / INDEX.format(lang=lang)
            path.write_text(path.read_text(encoding="utf-8").replace("date: 2020-01-01\n", line), encoding="utf-8")
    else:
        _add(root, template.format(lang="fr"), fr)
        _add(root, template.format(lang="nl"), nl)
    found = [d for d in _mismatches(root) if field in d.message]
    assert [d.path for d in found] == [template.format(lang="nl")], [d.format() for d in found]


def test_a_sector_that_differs_is_reported(tmp_path: Path):
    root = _project(tmp_path)
    write(root, CONVENTION.format(lang="nl"), CONVENTION_TEXT.format(sector="drug-addiction", extra=""))
    found = _mismatches(root)
    assert [(d.path, d.line) for d in found] == [(CONVENTION.format(lang="nl"), 5)]


def test_the_same_facts_in_both_files_are_silent(tmp_path: Path):
    root = _project(tmp_path)
    for lang in ("fr", "nl"):
        _add(root, INDEX.format(lang=lang), "numac: \"2020022523\"\npublished: 2020-01-15\n")
        _add(root, CIRCULAR.format(lang=lang), "in_force: 2024-02-01\nimplements: [ar-test]\n")
    _corpus, diagnostics = load_corpus(root)
    assert diagnostics.items == [], [d.format() for d in diagnostics]
