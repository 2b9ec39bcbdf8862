"""A staff member's careless edits to conventions, circulars and answers: each mistake gives one
diagnostic naming its file and line, never a cascade, never silence (issue: staff review)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import TODAY, copy_project

CONV = "docs/fr/conventions/conv-loco-liege/index.md"
CONV_NL = "docs/nl/conventions/conv-loco-liege/index.md"
CIRC = "circulars/2024/circ-kine-2024-2.fr.md"
CIRC_NL = "circulars/2024/circ-kine-2024-2.nl.md"
FAQ = "faq/billing/attestation-soins-donnes.md"
QUESTION = ('question:\n  fr: "Qu\'est-ce qu\'une attestation de soins donnés et que dois-je en faire ?"\n'
            '  nl: "Wat is een getuigschrift voor verstrekte hulp en wat moet ik ermee doen?"\n')


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path)


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, (rel, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def check(root: Path) -> list:
    from regkb.sources import load_corpus

    os.environ["REGKB_TODAY"] = TODAY
    _corpus, diagnostics = load_corpus(root)
    return diagnostics.sorted()


def only(items: list) -> object:
    assert len(items) == 1, [(d.path, d.line, d.message) for d in items]
    return items[0]


@pytest.mark.parametrize("rel, old, new, field, line", [
    (CONV, "sector: locomotor-rehabilitation", "sector: [locomotor-rehabilitation]", "sector", 5),
    (CIRC, "audience: physiotherapists", "audience: [physiotherapists]", "audience", 4),
    (FAQ, "audience: patients", "audience: {patients: yes}", "audience", 3),
    (CIRC, 'number: "2024/2"', "number: 2024", "number", 2),
])
def test_a_value_of_the_wrong_type_is_reported_once(project, rel, old, new, field, line):
    edit(project, rel, old, new)
    found = only(check(project))
    assert (found.path, found.line, found.code) == (rel, line, "not-text")
    assert f"'{field}'" in found.message


@pytest.mark.parametrize("new, code, line", [
    ("", "missing-field", 1),
    ('question: "Qu\'est-ce qu\'une attestation ?"\n', "not-text", 5),
    ("question: [une, twee]\n", "not-text", 5),
])
def test_a_question_missing_or_not_per_language_is_reported_once(project, new, code, line):
    edit(project, FAQ, QUESTION, new)
    found = only(check(project))
    assert (found.path, found.line, found.code) == (FAQ, line, code)
    assert "question" in found.message


@pytest.mark.parametrize("rel, old, new, line, meant", [
    (CONV, "\ntitle:", "\ntitel:", 3, "title"),            # required: not also "missing" on line 1
    (CONV, "\nsector:", "\nsectr:", 5, "sector"),
    (CONV, "\ninstitution:", "\ninstitutoin:", 6, "institution"),  # optional: was silently dropped
    (CIRC, "\nimplements:", "\nimplemnts:", 8, "implements"),
    (CIRC, "\ntitle:", "\nTitle:", 5, "title"),
    (FAQ, "\ntopics:", "\ntopic:", 2, "topics"),           # not also "an answer needs a topic"
    ("docs/fr/conventions/conv-loco-liege/2019-01-01.md", "in_force: 2019-01-01\n",
     "in_force: 2019-01-01\nsumary: Nouveau\n", 3, "summary"),
])
def test_a_misspelt_field_is_reported_once_on_its_line_with_the_name_meant(project, rel, old, new, line, meant):
    edit(project, rel, old, new)
    found = only(check(project))
    assert (found.path, found.line, found.code) == (rel, line, "unknown-field")
    assert f"'{meant}:'" in found.fix


def test_a_field_of_another_kind_of_file_is_reported(project):
    edit(project, FAQ, "\ntopics:", "\nsector: autism\ntopics:")
    found = only(check(project))
    assert (found.path, found.line, found.code) == (FAQ, 2, "unknown-field")
    assert "topics" in found.fix


@pytest.mark.parametrize("rel, old, new, line, code", [
    ("docs/fr/conventions/conv-loco-liege/2019-01-01.md", "in_force:", "in-force:", 2, "unread-date"),
    (CONV, "\nsector: ", "\n\tsector: ", 5, "front-matter"),
    (FAQ, "\n  nl: ", "\n\tnl: ", 7, "front-matter"),
    (CIRC, "reviewed: 2025-06-30\n---", "reviewed: 2025-06-30\n", 1, "front-matter"),
    (FAQ, "topics: [billing]\n", "", 1, "missing-field"),
])
def test_a_broken_file_is_not_also_a_missing_translation(project, rel, old, new, line, code):
    edit(project, rel, old, new)
    found = only(check(project))
    assert (found.path, found.line, found.code) == (rel, line, code)


def test_a_tab_is_named_as_the_problem(project):
    edit(project, CONV, "\nsector: ", "\n\tsector: ")
    assert "tab" in only(check(project)).message


def test_a_translation_really_missing_is_still_a_warning(project):
    (project / CIRC_NL).unlink()
    found = only(check(project))
    assert (found.path, found.code, found.is_error) == (CIRC, "missing-translation", False)


def test_a_circular_number_reused_in_its_series_is_an_error(project):
    for lang in ("fr", "nl"):
        rel = f"circulars/2024/circ-logo-2024-1.{lang}.md"
        edit(project, rel, 'number: "2024/1"', 'number: "2024/2"')
        edit(project, rel, "audience: speech-therapists", "audience: physiotherapists")
    found = only(check(project))
    assert (found.path, found.line, found.code) == ("circulars/2024/circ-logo-2024-1.fr.md", 2, "duplicate-number")
    assert "circ-kine-2024-2" in found.message


def test_the_same_number_in_another_series_is_fine(project):
    for lang in ("fr", "nl"):
        edit(project, f"circulars/2024/circ-logo-2024-1.{lang}.md", 'number: "2024/1"', 'number: "2024/2"')
    assert check(project) == []


def test_a_circular_in_another_years_folder_is_reported(project):
    (project / "circulars/2023" / Path(CIRC).name).write_bytes((project / CIRC).read_bytes())
    (project / CIRC).unlink()
    found = only(check(project))
    assert (found.path, found.code) == ("circulars/2023/circ-kine-2024-2.fr.md", "wrong-folder")
    assert "circulars/2024/" in found.fix


@pytest.mark.parametrize("old, new, line, words", [
    ("<!-- nl -->\n", "", 9, "no line '<!-- nl -->'"),
    ("<!-- nl -->", "<!-- fr -->", 16, "written twice"),    # the Dutch text replaced the French one
    ("<!-- nl -->", "<!-- ne -->", 16, "not a language"),
    ("<!-- fr -->", "Intro.\n\n<!-- fr -->", 9, "before the line"),  # was dropped in silence
])
def test_an_answer_marker_missing_twice_or_unknown_is_reported_once(project, old, new, line, words):
    edit(project, FAQ, old, new)
    found = only(check(project))
    assert (found.path, found.line, found.is_error) == (FAQ, line, True)
    assert words in found.message


def test_a_marker_in_capitals_is_read(project):
    edit(project, FAQ, "<!-- nl -->", "<!-- NL -->")
    assert check(project) == []


VERSION = "docs/fr/conventions/conv-loco-liege/2019-01-01.md"


@pytest.mark.parametrize("rel", [VERSION, CIRC])
def test_an_empty_text_is_reported_once(project, rel):
    path = project / rel
    head = path.read_text(encoding="utf-8").split("---\n")[1]
    path.write_text(f"---\n{head}---\n\n", encoding="utf-8")
    found = only(check(project))  # not one "article missing" per article of the other language
    assert (found.path, found.code) == (rel, "empty-text")
    assert found.line == head.count("\n") + 2  # the closing '---'


def test_a_text_whose_headings_are_not_read_is_one_error(project):
    path = project / VERSION
    path.write_text(path.read_text(encoding="utf-8").replace("\n## ", "\n**"), encoding="utf-8")
    found = only(check(project))
    assert (found.path, found.code) == (VERSION, "article-mismatch")
    assert "8 articles" in found.message


@pytest.mark.parametrize("source, target, where", [
    (CIRC, "docs/fr/circ-kine-2024-2.fr.md", "circulars/<year>/"),
    (FAQ, "docs/nl/guide/attestation.md", "faq/<topic>/"),
])
def test_a_source_saved_among_the_pages_is_one_error_saying_where_it_goes(project, source, target, where):
    from regkb.core.validate import build_date
    from regkb.sources import load_corpus
    from regkb.sources.inventory import check_handwritten_refs

    (project / target).write_bytes((project / source).read_bytes())
    (project / source).unlink()
    os.environ["REGKB_TODAY"] = TODAY
    corpus, diagnostics = load_corpus(project)
    check_handwritten_refs(project, corpus, build_date(), diagnostics)
    found = only([d for d in diagnostics.sorted() if d.path == target])  # not one per field
    assert (found.line, found.code) == (1, "wrong-folder")
    assert where in found.fix


def test_relations_that_differ_between_the_languages_are_an_error(project):
    edit(project, CIRC_NL, "implements: [ar-2024-05-30, ar-1996-07-03]", "implements: [ar-2024-05-30]")
    found = only(check(project))
    assert (found.path, found.line, found.code) == (CIRC_NL, 8, "language-mismatch")


@pytest.mark.parametrize("new", ["implements: [ar-1996-07-03, ar-2024-05-30]\n", ""])
def test_relations_in_another_order_or_in_one_file_only_are_fine(project, new):
    edit(project, CIRC_NL, "implements: [ar-2024-05-30, ar-1996-07-03]\n", new)
    assert check(project) == []


def test_an_answer_citing_itself_as_its_source_is_an_error(project):
    edit(project, FAQ, "\ntopics:", "\nsources: [attestation-soins-donnes, loi-1994-07-14#art-53]\ntopics:")
    found = only(check(project))
    assert (found.path, found.line, found.code) == (FAQ, 2, "self-reference")
