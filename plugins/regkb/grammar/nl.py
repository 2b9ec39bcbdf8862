"""Dutch: '1 juli 2024', 'art. 1'."""

from __future__ import annotations

import datetime as dt

MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
          "oktober", "november", "december"]


def format_date(day: dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def article_number(number: str) -> str:
    return number


# --- link texts of empty references ([](ref:...)): "art. 7 van het KB van 3 juli 1996" ---------
# Dutch nouns that take "het"; every other opening noun takes "de".
HET = ("besluit", "decreet", "wetboek", "akkoord", "protocol", "reglement", "kb", "mb")
DETERMINERS = {"de", "het", "een", "dit", "deze", "dat", "die", "zijn", "haar", "hun"}


def first_word(short_title: str) -> str:
    return short_title.split(" ", 1)[0] if short_title else ""


def lowered(short_title: str) -> str:
    """The short title inside a sentence: its first letter lowercased ("wet"), an acronym kept."""
    letters = [c for c in first_word(short_title) if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return short_title
    return short_title[:1].lower() + short_title[1:]


def definite_article(short_title: str, kind: str = "") -> str:
    words = [w.lower().strip(".,") for w in short_title.split()[:3]]
    return "het " if any(w.endswith(HET) for w in words) else "de "


def of(short_title: str, kind: str = "royal-decree") -> str:
    """'van het KB van 3 juli 1996', 'van de gecoördineerde wet ...'."""
    return "van " + definite_article(short_title) + lowered(short_title)


def link_text(short: str, kind: str, article: str | None, determiner: bool, last: str, on: str | None) -> str:
    """An empty reference's text (see fr.link_text): Dutch documents get "het"/"de" after a word."""
    if article:
        text = f"{article} {of(short, kind)}"
    elif determiner:
        text = definite_article(short) + lowered(short)
    else:
        text = short
    if on is not None:
        text += f" (zoals van kracht op {on})"
    return text


def colon() -> str:
    return ": "
