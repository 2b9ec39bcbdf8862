"""An answer's `valid_from`/`valid_until` (issue 19): outside its period the answer stays online
and found, with a notice on its page and a mark in its search result; inside it, neither."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import TODAY, copy_project
from regkb.pages.context import SiteContext
from regkb.pages.facets import search_facets
from regkb.pages.simple import answer_page
from regkb.sources import load_corpus

ANSWER = "faq/physiotherapy/kine-nombre-seances.md"
ID = "kine-nombre-seances"


def _answer_with(tmp_path: Path, lines: str):
    """The sample with `lines` added to the answer's front matter: (context, the answer)."""
    project = copy_project(tmp_path / "project")
    path = project / ANSWER
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("reviewed: 2026-11-20\n", "reviewed: 2026-11-20\n" + lines, 1), encoding="utf-8")
    corpus, _ = load_corpus(project)
    return SiteContext(corpus, dt.date.fromisoformat(TODAY)), corpus.get(ID)


def _notice(ctx: SiteContext, document, lang: str):
    _title, body, _meta = answer_page(ctx, document, lang)
    return BeautifulSoup(body, "html.parser").find(attrs={"data-regkb-period": True})


@pytest.mark.parametrize("lang, notice, mark", [
    ("fr", "Cette réponse s'appliquait du 1er janvier 2025 au 31 décembre 2025.",
     "ne s'applique plus depuis le 1er janvier 2026"),
    ("nl", "Dit antwoord gold van 1 januari 2025 tot en met 31 december 2025.", "geldt niet meer sinds 1 januari 2026"),
])
def test_an_expired_answer_says_when_it_applied(tmp_path: Path, lang: str, notice: str, mark: str) -> None:
    ctx, document = _answer_with(tmp_path, "valid_from: 2025-01-01\nvalid_until: 2026-01-01\n")
    found = _notice(ctx, document, lang)
    assert found is not None and found["data-regkb-period"] == "repealed"
    assert "warning" in found["class"] and found.get_text(" ", strip=True).startswith(notice)
    assert search_facets(ctx, document, lang)["meta"]["validity"] == mark


@pytest.mark.parametrize("lang, notice, mark", [
    ("fr", "Cette réponse s'applique à partir du 1er mars 2027.", "s'applique à partir du 1er mars 2027"),
    ("nl", "Dit antwoord geldt vanaf 1 maart 2027.", "geldt vanaf 1 maart 2027"),
])
def test_an_answer_not_yet_valid_says_from_when(tmp_path: Path, lang: str, notice: str, mark: str) -> None:
    ctx, document = _answer_with(tmp_path, "valid_from: 2027-03-01\n")
    found = _notice(ctx, document, lang)
    assert found is not None and found["data-regkb-period"] == "upcoming"
    assert found.get_text(" ", strip=True).startswith(notice)
    assert search_facets(ctx, document, lang)["meta"]["validity"] == mark


def test_an_answer_within_its_period_has_no_notice_nor_mark(tmp_path: Path) -> None:
    ctx, document = _answer_with(tmp_path, "valid_from: 2025-01-01\nvalid_until: 2027-01-01\n")
    for lang in ("fr", "nl"):
        assert _notice(ctx, document, lang) is None
        assert "validity" not in search_facets(ctx, document, lang)["meta"]
