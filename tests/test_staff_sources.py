"""A staff member's careless edits to conventions, circulars and answers: each mistake gives one
diagnostic naming its file and line, never a cascade, never silence (issue: staff review)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, TODAY

CONV = "docs/fr/conventions/conv-loco-liege/index.md"
CONV_NL = "docs/nl/conventions/conv-loco-liege/index.md"
CIRC = "circulars/2024/circ-kine-2024-2.fr.md"
CIRC_NL = "circulars/2024/circ-kine-2024-2.nl.md"
FAQ = "faq/billing/attestation-soins-donnes.md"
QUESTION = ('question:\n  fr: "Qu\'est-ce qu\'une attestation de soins donnés et que dois-je en faire ?"\n'
            '  nl: "Wat is een getuigschrift voor verstrekte hulp en wat moet ik ermee doen?"\n')


@pytest.fixture
def project(tmp_path: Path) -> Path:
    for name in ("docs", "circulars", "faq", "taxonomy.yml", "mkdocs.yml"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name)
        else:
            shutil.copy2(source, tmp_path / name)
    return tmp_path


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
