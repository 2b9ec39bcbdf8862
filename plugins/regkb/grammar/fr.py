"""French: '1er juillet 2024', 'art. 1er'."""

from __future__ import annotations

import datetime as dt

MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
          "octobre", "novembre", "décembre"]


def ordinal_day(day: int) -> str:
    """French writes the first day of a month as an ordinal: '1er'."""
    return "1er" if day == 1 else str(day)


def format_date(day: dt.date) -> str:
    return f"{ordinal_day(day.day)} {MONTHS[day.month - 1]} {day.year}"


def article_number(number: str) -> str:
    """'1' -> '1er' (article premier), '1bis' -> '1erbis' (as Justel and the Moniteur write
    it: "article 1erbis"); every other number as written."""
    if number == "1":
        return "1er"
    return "1er" + number[1:] if number[:1] == "1" and number[1:4].isalpha() and len(number) > 3 else number


# --- link texts of empty references ([](ref:...)): "art. 7 de l'AR du 3 juillet 1996" ----------
# French nouns that open short titles: gender, and whether "de"/"à" contract with "le".
NOUNS = {
    "loi": "f", "loi-programme": "f", "convention": "f", "circulaire": "f", "ordonnance": "f",
    "constitution": "f", "directive": "f", "arrêté": "m", "décret": "m", "code": "m",
    "règlement": "m", "protocole": "m", "accord": "m", "avenant": "m", "avis": "m",
}
DETERMINERS = {"le", "la", "les", "l'", "l’", "du", "au", "aux", "des", "un", "une", "ce", "cet",
               "cette", "son", "sa", "ses", "leur"}
VOWELS = "aeiouyhàâäéèêëîïôöûüœ"


def first_word(short_title: str) -> str:
    return short_title.split(" ", 1)[0] if short_title else ""


def is_acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


def lowered(short_title: str) -> str:
    """The short title inside a sentence: a common noun opening it is lowercased ("loi"), an
    acronym or a name keeps its capitals."""
    first = first_word(short_title)
    if is_acronym(first) or first.lower() not in NOUNS:
        return short_title
    return short_title[:1].lower() + short_title[1:]


def definite_article(short_title: str, kind: str) -> str:
    """The French definite article for a short title: "l'", "la " or "le "."""
    first = first_word(short_title)
    if first[:1].lower() in VOWELS:
        return "l'"  # l'AR, l'AM, l'arrêté, l'ordonnance
    gender = NOUNS.get(first.lower()) or (_kind_gender(kind) or "m")
    return "la " if gender == "f" else "le "


def of(short_title: str, kind: str = "royal-decree") -> str:
    """'de l'AR du 3 juillet 1996', 'de la loi coordonnée ...', 'du décret ...'."""
    text = lowered(short_title)
    article = definite_article(short_title, kind)
    return "du " + text if article == "le " else "de " + article + text


def link_text(short: str, kind: str, article: str | None, determiner: bool, last: str, on: str | None) -> str:
    """An empty reference's text: `article` ("art. 7") of the text `short`, after a word that
    asks for a determiner ("selon l'art. 7 ...", "fixé par la loi ...") or not, as in force `on`."""
    feminine = False
    if article:
        text = f"{article} {of(short, kind)}"
        if determiner:
            text = "l'" + text
    elif determiner:
        definite = definite_article(short, kind)
        feminine = definite == "la " or NOUNS.get(first_word(short).lower()) == "f"
        if definite == "le " and last in ("à", "de"):
            definite = ""  # "au"/"du" cannot be made inside the link: keep the bare title
        text = definite + lowered(short)
    else:
        text = short
        feminine = NOUNS.get(first_word(short).lower(), _kind_gender(kind)) == "f"
    if on is not None:
        text += f" ({'telle' if feminine else 'tel'} qu'en vigueur le {on})"
    return text


def colon() -> str:
    """French sets a (narrow) space before a colon: 'Publication : 3 mai'."""
    return " : "


def _kind_gender(kind: str) -> str | None:
    """The gender of a kind's noun, as its declaration in the kind registry gives it."""
    from ..core.kinds import kind_from_source

    found = kind_from_source(kind)
    return found.spec.genders.get("fr") if found is not None else None
