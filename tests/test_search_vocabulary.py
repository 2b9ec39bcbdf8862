"""The site box's build-time vocabulary (search/vocabulary.py): folded words with their texts,
the usual spelling, Dutch compounds, small by construction."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from regkb.search.vocabulary import LETTERS, compounds, folded, vocabulary, words_of, write_vocabularies


def test_words_are_folded_with_their_usual_spelling() -> None:
    assert words_of("La logopédie (ref:ar-1984-09-14#art-7) <b>M</b> 2024") == {"la", "logopédie"}
    assert folded({"logopédie": 5, "logopedie": 1, "kine": 2}) == {"logopedie": [6, "logopédie"], "kine": 2}
    assert folded({"kiné": 1, "kine": 1}) == folded({"kine": 1, "kiné": 1})  # a tie never depends on order


def test_dutch_compounds_of_a_word() -> None:
    words = {"zitting": 9, "kinesitherapie": 5, "kinesitherapiezitting": 2, "behandeling": 3,
             "behandelingszitting": 1, "vraag": 4, "aanvraag": 4, "tellen": 2, "vast": 2, "vaststellen": 1}
    found = compounds(words)
    assert found["zitting"] == ["kinesitherapiezitting", "behandelingszitting"]  # linking s, most used first
    assert "vraag" not in found and "tellen" not in found  # 3-letter head, no false linking s


def test_sample_vocabulary_and_shards(sample_corpus, tmp_path: Path) -> None:
    corpus, _diagnostics = sample_corpus
    today = dt.date(2026, 3, 1)
    fr = vocabulary(corpus, today, "fr")
    assert fr["remboursées"] > 1 and fr["logopédie"] > 5 and "2024" not in fr
    written = write_vocabularies(corpus, today, tmp_path, Path(__file__).parent.parent / "docs")
    assert len(written) == 2 * len(LETTERS)  # every letter, empty or not: no request for a missing file
    nl = json.loads((tmp_path / "assets/regkb/vocab/nl/z.json").read_text(encoding="utf-8"))
    assert "kinesitherapiezitting" in nl["zitting"][2]
    assert sum(path.stat().st_size for path in written) < 100_000  # the sample: about 62 KB in all
