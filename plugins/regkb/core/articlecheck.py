"""Checks of a version's articles: what looks like an article and is not one, labels written twice.

A legal site must never show an article as plain text silently: it would have no anchor, stay out
of diffs, "what changed", references and impact. Each problem names the file and line and the fix.
"""

from __future__ import annotations

from .articles import article_anchor, article_problems
from .diagnostics import Diagnostics
from .model import Document


def check_articles(document: Document, diagnostics: Diagnostics) -> None:
    """Versioned legal texts only: circulars and answers quote articles without being made of them."""
    if not document.kind.spec.has_articles:
        return
    for version in document.versions:
        for text in version.texts.values():
            # a partial version: its own lines (what it takes over was checked in its own file)
            suspects, duplicates = article_problems(text.source_body if hasattr(text, "source_body") else text.body)
            for suspect in suspects:
                line = text.body_line + suspect.line - 1
                if suspect.reason == "bold":
                    diagnostics.error(
                        text.path, line,
                        f"'{suspect.text}' looks like an article written as bold text: it is not an article "
                        "(no anchor, left out of diffs and references).",
                        "Write the article as a heading on its own line, e.g. '## Art. 7' followed by its text "
                        "(the label forms are in CONTRIBUTING.md).", "article-label")
                else:
                    diagnostics.error(
                        text.path, line,
                        f"heading '{suspect.text}' looks like an article but its label is not understood: "
                        "it is not an article (no anchor, left out of diffs and references).",
                        "Write the label as 'Art. 7', 'Art. 7bis', 'Art. 22bis/1', 'Art. XI.172', 'Art. N1' or "
                        "'Article unique' (see CONTRIBUTING.md), or reword the heading if it is not an article.",
                        "article-label")
            declared = {article_anchor(label.removeprefix("Art.").strip()) for label in text.duplicate_articles}
            for duplicate in duplicates:
                if article_anchor(duplicate.number) in declared:
                    continue  # the author confirmed it: the law has two such articles
                first = text.body_line + duplicate.first_line - 1
                line = text.body_line + duplicate.line - 1
                diagnostics.warning(
                    text.path, line,
                    f"article {duplicate.number} is written twice in this version (lines {first} and {line}); "
                    f"the second one gets the anchor '{duplicate.anchor}'.",
                    "If the law really has two such articles (two laws inserted the same number, or a future "
                    "text beside the text in force), keep both in this order in every version and language and "
                    f"confirm it in the front matter: 'duplicate_articles: [{duplicate.number}]'; otherwise "
                    "correct the number.", "duplicate-article")
