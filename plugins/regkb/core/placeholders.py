"""The texts `regkb new` writes for the author to replace, in one place: the scaffold writes them
and the check finds any left in a source (published, "(Texte de l'article à compléter.)" would
read as the text of the law)."""

from __future__ import annotations

from .diagnostics import Diagnostics

ARTICLE = {"fr": "(Texte de l'article à compléter.)", "nl": "(Tekst van het artikel aan te vullen.)"}
INSERTED = {"fr": "(Texte de l'article inséré, à compléter.)", "nl": "(Tekst van het ingevoegde artikel, aan te vullen.)"}
CIRCULAR = {"fr": "(Texte de la circulaire à compléter.)", "nl": "(Tekst van de omzendbrief aan te vullen.)"}
ANSWER = {"fr": "(Réponse à rédiger.)", "nl": "(Antwoord op te stellen.)"}
ALL = tuple(text for texts in (ARTICLE, INSERTED, CIRCULAR, ANSWER) for text in texts.values())


def check_placeholders(path: str, first_line: int, body: str, diagnostics: Diagnostics) -> None:
    """An error for each line of `body` (starting at `first_line` of `path`) still holding one."""
    if "(" not in body:
        return
    for offset, line in enumerate(body.splitlines()):
        for text in ALL:
            if text in line:
                diagnostics.error(path, first_line + offset, f"the text '{text}' written by `regkb new` is still here.",
                                  "Replace it by the real text (or remove the article or file).", "placeholder")
