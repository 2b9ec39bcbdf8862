"""Sort keys for what readers scan in a list: accents and case folded (É with E, Œ as OE), numbers
by value (2 before 10), Latin suffixes in the law's order (7, 7bis, 7ter, 7quater ... 8).

Plain `sorted()` puts "Éducation" after "Zorg" and "2024/10" before "2024/2": a reader looking for
a name in a listing misses it. One key for every listing, in every language.
"""

from __future__ import annotations

import re
import unicodedata

_LATIN_ORDER = ("bis", "ter", "quater", "quinquies", "sexies", "septies", "octies", "novies", "nonies",
                "decies", "undecies", "duodecies", "terdecies", "tredecies", "quaterdecies",
                "quinquiesdecies", "quindecies", "sexiesdecies", "sedecies", "septiesdecies",
                "octiesdecies", "noviesdecies", "vicies")
_LATIN_RANK = {word: rank for rank, word in enumerate(_LATIN_ORDER, start=1)}
_PIECES = re.compile(r"(\d+)")
_LATIN_HEAD = re.compile(r"^(" + "|".join(sorted(_LATIN_ORDER, key=len, reverse=True)) + r")(?![a-z])")
_SPECIAL = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss", "ĳ": "ij", "ø": "o", "ł": "l", "đ": "d"})


def fold(text: str) -> str:
    """Lowercase, without accents or ligatures, spaces collapsed ("Établissement" -> "etablissement")."""
    lowered = text.casefold().translate(_SPECIAL)
    decomposed = unicodedata.normalize("NFKD", lowered)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.split())


def natural_key(text: str) -> tuple:
    """A key that sorts `text` as a reader expects; ties between spellings that fold alike are
    broken by the text itself, so the order never depends on input order."""
    parts: list[tuple[int, str]] = []
    for position, piece in enumerate(_PIECES.split(fold(text))):
        if position % 2:
            parts.append((int(piece), ""))
            continue
        if position and parts:  # right after a number: "7bis", "7 ter"
            latin = _LATIN_HEAD.match(piece.lstrip())
            if latin:
                parts[-1] = (parts[-1][0], f"{_LATIN_RANK[latin.group(1)]:03d}")
                piece = piece.lstrip()[latin.end():]
        parts.append((0, piece))
    return (tuple(parts), text)


def normal_number(number: str) -> str:
    """A circular number as compared: without spaces, lowercase, numbers without leading zeros
    ("2024/07", "2024 / 7" and "2024/7" are one number; "2024/7A" is "2024/7a")."""
    compact = "".join(number.split()).casefold()
    return re.sub(r"\d+", lambda m: str(int(m.group())), compact)


def loose_id(doc_id: str) -> str:
    """An id with its numbers read without leading zeros ("circ-oa-2024-07" -> "circ-oa-2024-7"):
    to name the id meant when a reference writes a number as the circular's number is written."""
    return re.sub(r"\d+", lambda m: str(int(m.group())), doc_id)
