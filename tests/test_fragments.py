"""The shared converter leaves out extensions a text has no marker for: the HTML must not change."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
import yaml

from regkb.pages.sanitize import sanitize  # converted texts are sanitized (issue 18)
from regkb.pages.tables import scroll_tables  # and their tables boxed (a11y)
from regkb.pages.fragments import MARKERS, markdown_converter

ROOT = Path(__file__).resolve().parent.parent


def site_extensions() -> tuple[list[str], dict]:
    """The markdown_extensions of mkdocs.yml, as MkDocs hands them to the plugin (its built-in
    toc, tables and fenced_code included)."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    names, configs = ["toc", "tables", "fenced_code"], {}
    for item in config["markdown_extensions"]:
        name, options = next(iter(item.items())) if isinstance(item, dict) else (item, None)
        if name not in names:
            names.append(name)
        if options:
            configs[name] = options
    return names, configs


def sources() -> list[Path]:
    return sorted(p for folder in ("docs", "circulars", "faq") for p in (ROOT / folder).rglob("*.md"))


EXTRA = [
    "!!! note \"À savoir\"\n    Le ticket modérateur reste dû.\n",
    "??? info \"Détails\"\n    Texte replié.\n\n???+ tip\n    Ouvert.\n",
    "| code | honoraire |\n|---|---|\n| 560011 | 25,50 EUR |\n",
    "```text\n560011\n```\n\n~~~\nbloc\n~~~\n",
    "Texte\n\n    code indenté\n\n- liste\n\n        code dans une liste\n",
    "<div markdown>\n**gras** et [lien](../x/)\n</div>\n\n## Titre {#art-1 .regkb}\n",
    "Paragraphe avec attributs\n{: .regkb-x #p1 }\n\n*mot*{: .y } et &#123; entité &amp; texte.\n",
]


@pytest.mark.parametrize("text", [p.read_text(encoding="utf-8") for p in sources()] + EXTRA,
                         ids=[str(p.relative_to(ROOT)) for p in sources()] + [f"extra-{i}" for i in range(len(EXTRA))])
def test_same_html_as_one_instance_with_every_extension(text):
    names, configs = site_extensions()
    full = markdown.Markdown(extensions=names, extension_configs=configs)
    assert markdown_converter(names, configs)(text) == scroll_tables(sanitize(full.convert(text)))  # both sanitized (issue 18), tables boxed


def test_texts_without_markers_skip_those_extensions():
    names, configs = site_extensions()
    built = []
    original = markdown.Markdown

    class Recording(original):
        def __init__(self, **kwargs):
            built.append(kwargs["extensions"])
            super().__init__(**kwargs)

    markdown.Markdown = Recording
    try:
        convert = markdown_converter(names, configs)
        convert("Un article sans tableau ni encadré.")
        convert("| a | b |\n|---|---|\n| 1 | 2 |\n")
        convert("## Chapitre II\n\nTexte.")
        convert("## Art. 7 {#art-7}\n\nTexte.")  # every heading has its id: no toc either
    finally:
        markdown.Markdown = original
    plain, with_table, with_heading, with_ids = built
    assert "toc" not in with_ids and "attr_list" in with_ids
    assert not set(MARKERS) & set(plain) and "toc" not in plain and "md_in_html" in plain
    assert "toc" in with_heading
    assert "tables" in with_table and "pymdownx.details" not in with_table


def test_an_extension_with_options_is_always_kept():
    """superfences can turn indented code into paragraphs, even in a text without fences."""
    names = ["pymdownx.superfences", "attr_list"]
    configs = {"pymdownx.superfences": {"disable_indented_code_blocks": True}}
    text = "Texte\n\n    pas du code\n"
    full = markdown.Markdown(extensions=names, extension_configs=configs)
    assert markdown_converter(names, configs)(text) == scroll_tables(sanitize(full.convert(text)))  # both sanitized (issue 18), tables boxed
    assert "<code>" not in full.convert(text)
