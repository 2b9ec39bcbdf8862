"""What a query means beyond its words: identifiers, synonyms, filler words, Dutch compounds.

Shared by the index (which writes the identifier tokens and compound parts of each row) and the
query (which finds the same tokens in what the reader typed), so both sides agree by construction.

Identifier tokens (the `ids` field, one token per identifier, never stemmed):

    1996022523     a NUMAC (10 digits)
    c2024-7        a circular number: "2024/7", "2024/07", "2024-7", "2024 / 7"
    d1996-07-03    an act's date: "3 juillet 1996", "3 juli 1996", "3/7/1996", "1996-07-03", "3/7/96"
    art-7bis       an article of the text: "art. 7bis", "article 7 bis", "artikel 7", "art. 1er", "7 undecies",
                   "art. 22bis/1": the numbers of core/articles.py, so the anchors the pages have
    k560011        a nomenclature code the text mentions (a regulation, convention or circular)
    kd560011       ... and defines (a line of a regulation or convention opening with the code)
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from whoosh.support.charset import accent_map

from ..core.articles import CITED_NUMBER, LATIN, article_anchor

MONTHS = {
    "janvier": 1, "janv": 1, "fevrier": 2, "fevr": 2, "fev": 2, "mars": 3, "avril": 4, "avr": 4, "mai": 5,
    "juin": 6, "juillet": 7, "juil": 7, "aout": 8, "septembre": 9, "sept": 9, "sep": 9, "octobre": 10,
    "oct": 10, "novembre": 11, "nov": 11, "decembre": 12, "dec": 12,
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "maart": 3, "mrt": 3, "april": 4, "apr": 4, "mei": 5,
    "juni": 6, "jun": 6, "juli": 7, "jul": 7, "augustus": 8, "aug": 8, "september": 9, "oktober": 10,
    "okt": 10, "november": 11, "december": 12,
}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
DATE_WORDS = re.compile(rf"\b(\d{{1,2}})\s*(?:er|e|ste|de)?\s+({_MONTH})\.?\s+(\d{{4}})\b")
DATE_DIGITS = re.compile(r"\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\b")
DATE_SHORT = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{2})\b")  # "3/7/96": slashes only (7.1.12 may be an article)
DATE_WORDS_SHORT = re.compile(rf"\b(\d{{1,2}})\s*(?:er|e|ste|de)?\s+({_MONTH})\.?\s+(\d{{2}})\b")  # "3 juillet 96"
DATE_ISO = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
NUMAC = re.compile(r"\b(\d{10})\b")
CIRCULAR = re.compile(r"\b((?:19|20)\d{2})\s*[/-]\s*0*(\d{1,4})\b")
# the article numbers of core/articles.py ("7bis", "7 undecies", "22bis/1", "xi.172"): a query
# names the anchor the pages have, never a shorter one ("22bis/1" is not art-22bis)
ARTICLE = re.compile(rf"\b(?:art(?:icle|ikel|icles|ikelen)?\.?)\s*(?:(premier|eerste)\b|(?P<num>{CITED_NUMBER}))",
                     re.IGNORECASE)
ARTICLE_BARE = re.compile(rf"(?<![\w/.-])(\d+\s?{LATIN})(?![\w/])")  # "7bis", "7 undecies": only articles are numbered so
CODE = re.compile(r"\b(\d{6})\b")
CODE_DEFINITION = re.compile(r"^\s*(?:[-*]\s+)?(\d{6})\b", re.MULTILINE)  # a code opening a line
CODE_MENTION = re.compile(r"(?<![\d/.,])(\d{6})(?![\d/.,]\d)")  # a code anywhere (not in 1.234.567)

# Words of a question that say nothing about its subject (beyond whoosh's stop words, which lack
# "les", "cette", "wij": the site box's list has them); dropped unless the query has nothing else.
FILLERS = {
    "fr": frozenset("""quoi comment combien quel quelle quels quelles faut faire fait dois doit doivent peut peux
        puis pourquoi quand ou cela ca ceci celui veut dire signifie bonjour merci svp stp aller chez
        est-ce estce voudrais aimerais savoir cest rien tout tous toute toutes aussi encore deja numac numero no
        les cet cette ils leurs etre si sert""".split()),
    "nl": frozenset("""wat hoe hoeveel hoelang welke welk waar wanneer waarom mag moet moeten kan kunnen mogen
        graag dag hallo bedankt betekent betekenen wil willen weten iemand ermee erop daar dit deze
        nog al ook even gaat gaan numac nr nummer jij kun we wij""".split()),
}


# Words that only say what kind of identifier follows ("code 560033", "omzendbrief 2024/7"):
# dropped when the query holds an identifier of that kind, which says it better.
KIND_WORDS = {
    "code": frozenset("code codes nomenclatuurcode nomenclatuurcodes prestation verstrekking".split()),
    "circular": frozenset("circulaire circulaires omzendbrief omzendbrieven circ nr no numero nummer".split()),
    "numac": frozenset(["numac"]),
}


def fold(text: str) -> str:
    """Lowercase, accents folded (as the analyzers fold), whitespace collapsed. Compatibility
    forms first (NFKC): what is pasted from a PDF or typed on another keyboard, "２０２４/７",
    "art. 1ᵉʳ", "ﬁ", "ĳ", reads as typed here; invisible format characters (a soft hyphen in
    "kiné\u00adsithérapie", a zero-width space) are dropped, not word breaks."""
    text = "".join(ch for ch in unicodedata.normalize("NFKC", text) if unicodedata.category(ch) != "Cf")
    return " ".join(text.lower().translate(accent_map).split())


def circular_token(number: str) -> str | None:
    match = CIRCULAR.fullmatch(fold(number).replace(" ", ""))
    return f"c{match.group(1)}-{int(match.group(2))}" if match else None


def date_token(day: dt.date) -> str:
    return "d" + day.isoformat()


@dataclass
class Identifier:
    """An identifier found in a query: its token, and the span of the query it came from."""

    token: str
    kind: str  # numac, circular, date, article, code
    start: int
    end: int


def full_year(short: str, today: dt.date | None = None) -> str:
    """A year written with two digits: this century's up to this year ("24": 2024), else the last
    century's ("96": 1996), as people write the date of an act."""
    this = (today or dt.date.today()).year
    year = this - this % 100 + int(short)
    return str(year if year <= this else year - 100)


def _date(year: str, month: int | str, day: str) -> str | None:
    try:
        return date_token(dt.date(int(year), int(month), int(day)))
    except ValueError:
        return None


def find_identifiers(folded: str) -> list[Identifier]:
    """The identifiers of a folded query, without overlaps (dates before circular numbers, so
    "2024-07-01" is a date, not circular 2024/7)."""
    found: list[Identifier] = []
    taken: list[tuple[int, int]] = []

    def add(token: str | None, kind: str, match: re.Match[str]) -> None:
        if token and not any(s < match.end() and match.start() < e for s, e in taken):
            found.append(Identifier(token, kind, match.start(), match.end()))
            taken.append((match.start(), match.end()))

    for m in DATE_WORDS.finditer(folded):
        add(_date(m.group(3), MONTHS[m.group(2)], m.group(1)), "date", m)
    for m in DATE_DIGITS.finditer(folded):
        add(_date(m.group(3), m.group(2), m.group(1)), "date", m)
    for m in DATE_ISO.finditer(folded):
        add(_date(m.group(1), m.group(2), m.group(3)), "date", m)
    for m in DATE_WORDS_SHORT.finditer(folded):
        add(_date(full_year(m.group(3)), MONTHS[m.group(2)], m.group(1)), "date", m)
    for m in DATE_SHORT.finditer(folded):
        add(_date(full_year(m.group(3)), m.group(2), m.group(1)), "date", m)
    for m in ARTICLE.finditer(folded):
        add(article_anchor(m["num"] or "1"), "article", m)
    for m in ARTICLE_BARE.finditer(folded):
        add(article_anchor(m.group(1)), "article", m)
    for m in NUMAC.finditer(folded):
        add(m.group(1), "numac", m)
    for m in CIRCULAR.finditer(folded):
        add(f"c{m.group(1)}-{int(m.group(2))}", "circular", m)
    for m in CODE.finditer(folded):
        add("k" + m.group(1), "code", m)
    return sorted(found, key=lambda i: i.start)


# --- synonyms --------------------------------------------------------------------------------------
def synonym_table(groups: list[list[str]]) -> dict[str, list[str]]:
    """{folded term: [folded other terms of its groups]}; terms may be phrases."""
    table: dict[str, list[str]] = {}
    for group in groups:
        terms = [fold(str(term)) for term in group]
        for term in terms:
            others = table.setdefault(term, [])
            others.extend(t for t in terms if t != term and t not in others)
    return table


def find_phrases(tokens: list[str], table: dict[str, list[str]], longest: int = 6) -> list[tuple[int, int, str]]:
    """(start, end, term) of the synonym terms found in a list of folded words, longest first,
    without overlaps."""
    out: list[tuple[int, int, str]] = []
    i = 0
    while i < len(tokens):
        for size in range(min(longest, len(tokens) - i), 0, -1):
            phrase = " ".join(tokens[i:i + size])
            if phrase in table:
                out.append((i, i + size, phrase))
                i += size
                break
        else:
            i += 1
    return out


# --- Dutch compounds -------------------------------------------------------------------------------
LINKS = ("", "s", "e", "en")
MIN_PART = 4


def compound_parts(word: str, known, depth: int = 3) -> list[str] | None:
    """The known words a compound is made of ("thuisverpleging" -> ["thuis", "verpleging"],
    "basisverzorgingsbezoek" -> ["basis", "verzorging", "bezoek"]), or None. Longest heads are
    tried first; a linking s, e or en may join the parts. At most `depth` parts: linear in the
    word's length for each depth."""
    if depth < 2 or len(word) < 2 * MIN_PART - 1:
        return None
    for cut in range(MIN_PART - 1, len(word) - MIN_PART + 1):
        head = word[cut:]
        for link in LINKS:
            if link and not word[:cut].endswith(link):
                continue
            left = word[:cut - len(link)] if link else word[:cut]
            if len(left) < MIN_PART - 1 or left not in known:
                continue
            head_parts = [head] if head in known else compound_parts(head, known, depth - 1)
            if head_parts:
                return [left, *head_parts]
    return None
