"""A version's text converted unit by unit gives the HTML of converting it whole (pages/unithtml.py),
on every text of the sample, the real law's versions and a generated corpus."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

from regkb.pages.context import SiteContext
from regkb.pages.fragments import markdown_converter
from regkb.pages.unithtml import (UniqueIds, convert_units, prepared_text, shown_text, unit_markdown,
                                  version_html, without_heading)
from regkb.sources import load_corpus

from test_fragments import site_extensions

ROOT = Path(__file__).resolve().parents[1]
TODAY = dt.date(2026, 11, 22)


def compare(corpus) -> tuple[int, int]:
    """(texts compared unit by unit, texts converted whole); asserts equal HTML."""
    names, configs = site_extensions()
    convert = markdown_converter(names, configs)
    ctx = SiteContext(corpus, TODAY)
    ctx.fragments.render = convert
    split = whole = 0
    for document in sorted(corpus, key=lambda d: d.id):
        if not document.kind.spec.versioned:
            continue
        for version in document.versions:
            for lang in document.langs:
                text = shown_text(document, version, lang)
                prepared = prepared_text(ctx, document, version, text, lang)
                pieces = unit_markdown(text, prepared)
                if pieces is None:
                    whole += 1
                    continue
                split += 1
                composed = "\n".join(html for _unit, html in convert_units(pieces, convert) if html)
                assert composed == convert(prepared), (document.id, version.key, lang)
    return split, whole


def test_sample_texts_unit_by_unit(sample_corpus):
    corpus, _diagnostics = sample_corpus
    split, whole = compare(corpus)
    assert split > 40 and whole == 0, (split, whole)


def test_real_law_unit_by_unit(tmp_path):
    sys.path.insert(0, str(Path(__file__).parent))
    import real_law

    project = tmp_path / "law"
    (project / "docs").mkdir(parents=True)
    for name in ("mkdocs.yml", "taxonomy.yml"):
        (project / name).write_text((ROOT / name).read_text(encoding="utf-8"), encoding="utf-8")
    folder = real_law.SUBSET if not real_law.archive().is_dir() else real_law.archive()
    versions = real_law.selected_versions(folder)
    real_law.write_law(project, versions[:: max(1, len(versions) // 12)], folder)
    corpus, _diagnostics = load_corpus(project)
    split, whole = compare(corpus)
    assert split >= 2 and whole == 0, (split, whole)


def test_generated_corpus_unit_by_unit(tmp_path):
    sys.path.insert(0, str(ROOT / "bench"))
    import make_corpus

    make_corpus.make_corpus(tmp_path / "corpus", 300)
    corpus, _diagnostics = load_corpus(tmp_path / "corpus")
    split, whole = compare(corpus)
    assert split > 50 and whole == 0, (split, whole)


@pytest.mark.parametrize("markdown", [
    "# Titre\n\n## Art. 1er {#art-1}\n\nTexte.\n\n## Section 1\n\nA\n\n## Section 1\n\nB\n\n## Section 1\n\nC",
    "## Section 1\n\nA\n\n## Section 1 {#section-1_1}\n\nB\n\n## Section 1\n\nC",
    "## Art 7\n\nA\n\n## Art. 7 {#art-7}\n\nB",
])
def test_generated_ids_unique_over_the_whole_text(markdown):
    convert = markdown_converter()
    pieces = ["## " + chunk if i else chunk for i, chunk in enumerate(markdown.split("\n\n## "))]
    ids = UniqueIds(pieces)
    composed = "\n".join(ids.fix(piece, convert(piece)) for piece in pieces)
    assert composed == convert(markdown)


@pytest.mark.parametrize("line", ["<div>", "[definition]: https://example.org"])
def test_raw_html_or_link_definitions_convert_whole(sample_corpus, line):
    corpus, _diagnostics = sample_corpus
    document = next(d for d in sorted(corpus, key=lambda d: d.id) if d.kind.spec.versioned and d.versions)
    version, lang = document.versions[0], document.langs[0]
    text = shown_text(document, version, lang)
    lines = text.body.splitlines()
    assert unit_markdown(text, "\n".join(lines)) is not None
    lines[-1] = line  # an element or a definition a unit's heading could cut in two
    assert unit_markdown(text, "\n".join(lines)) is None


def test_unknown_extensions_convert_whole(sample_corpus):
    corpus, _diagnostics = sample_corpus
    document = next(d for d in sorted(corpus, key=lambda d: d.id) if d.kind.spec.versioned and d.versions)
    version, lang = document.versions[0], document.langs[0]
    ctx = SiteContext(corpus, TODAY)
    split = version_html(ctx, document, version, lang, "")
    ctx = SiteContext(corpus, TODAY)
    ctx.fragments.by_units = False  # what the plugin sets for extensions unithtml does not know
    assert version_html(ctx, document, version, lang, "") == split
    assert all(units is None for units in ctx.caches.unit_html.values())
    assert without_heading('<h2 id="art-1">Art. 1</h2>\n<p>x</p>') == "<p>x</p>"


def test_block_elements_known_to_python_markdown():
    """RAW_HTML_LINE names every element Python-Markdown treats as a block."""
    import markdown

    from regkb.pages.unithtml import RAW_HTML_LINE

    for tag in markdown.Markdown().block_level_elements:
        assert RAW_HTML_LINE.search(f"text\n<{tag} class=x>\n"), tag
    assert not RAW_HTML_LINE.search('text\n<a href="../x/">x</a> and more\n<span>y</span>')


def test_units_convert_as_with_every_extension(sample_corpus):
    """The converter leaves out extensions a unit does not use (toc when every heading has its
    id): the same HTML as Python-Markdown with all of them."""
    import markdown

    from regkb.pages.sanitize import sanitize

    names, configs = site_extensions()
    convert = markdown_converter(names, configs)
    plain = markdown.Markdown(extensions=names, extension_configs=configs)
    corpus, _diagnostics = sample_corpus
    ctx = SiteContext(corpus, TODAY)
    checked = 0
    for document in sorted(corpus, key=lambda d: d.id):
        for version in document.versions if document.kind.spec.versioned else ():
            for lang in document.langs:
                text = shown_text(document, version, lang)
                for _unit, piece in unit_markdown(text, prepared_text(ctx, document, version, text, lang)) or ():
                    assert convert(piece) == sanitize(plain.reset().convert(piece)), piece[:200]
                    checked += 1
    assert checked > 300
    assert convert("## Titre\n\nx") == sanitize(plain.reset().convert("## Titre\n\nx"))
    assert convert("Titre\n-----\n\nx") == sanitize(plain.reset().convert("Titre\n-----\n\nx"))
