"""regkb: a bilingual (FR/NL) knowledge base of health-insurance regulations.

`regkb.core` holds the domain (documents, versions, dates, references, diffs) and knows nothing of
MkDocs; `regkb.sources` reads the Markdown sources into it; `regkb.site` adapts it to MkDocs.
"""

__version__ = "0.1.0"
