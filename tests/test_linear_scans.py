"""Hostile sources cost the time of reading them: no scan of the text rereads it from each '[',
'{', space or '<' of a long run (the regular expressions that did took minutes on one line).

Each test hands a real function a 200,000-character hostile input and checks its output: a
quadratic scan of that input is some 10^10 steps, which the alarm of `bounded` (a safety net, no
assertion on time) turns into a failure instead of a hang. The heading scanner is also checked
against the regular expression it replaces, on every short line Hypothesis finds.
"""

from __future__ import annotations

import datetime as dt
import re
import signal
from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

N = 200_000
TODAY = dt.date(2026, 1, 1)


@pytest.fixture(autouse=True)
def bounded() -> Iterator[None]:
    """Safety net: a scan gone quadratic on N characters fails after 60 s instead of hanging."""
    def expired(signum, frame):  # noqa: ARG001 - signal handler signature
        raise TimeoutError("a scan took over 60 s on a hostile input: it is not linear")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(60)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


# --- headings ------------------------------------------------------------------------------------
# The regular expressions core/headings.py replaces: the specification of its results.
OLD_HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<text>.*?)\s*(?P<attrs>\{[^}]*\})?\s*$")
OLD_STRIP = re.compile(r"\s*\{[^}]*\}\s*$")
OLD_ID = re.compile(r"\{[^}]*#([A-Za-z][\w-]*)[^}]*\}\s*$")
OLD_CLOSED = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
LINES = st.text(alphabet=st.sampled_from(list("# {}a1é_-\t\u00a0.:x")), max_size=30)


@settings(max_examples=3000, deadline=None)
@given(LINES)
def test_heading_scanner_reads_lines_as_the_old_patterns(raw: str) -> None:
    from regkb.core.headings import closed_heading, explicit_id, heading_line, strip_trailing_attrs

    for line in (raw, "#" + raw, "## " + raw):
        old = OLD_HEADING.match(line)
        new = heading_line(line)
        assert (None if old is None else (old["hashes"], old["text"], old["attrs"])) == \
            (None if new is None else (new.hashes, new.text, new.attrs))
        assert strip_trailing_attrs(line) == OLD_STRIP.sub("", line, count=1)
        found = OLD_ID.search(line)
        assert explicit_id(line) == (found.group(1) if found else None)
        closed = OLD_CLOSED.match(line)
        assert closed_heading(line) == (closed.groups() if closed else None)


HOSTILE_HEADINGS = [
    "## Art. 1" + " " * N + "!",  # a run of spaces before the end (cubic before)
    "## Art. 1 " + "{" * N,  # braces that never close
    "## Art. 1 {" + "#a " * (N // 3),  # a long attribute list that never closes
    "## Art. 1" + " {" * (N // 2) + "}",
    "## Chapitre II" + "\t" * N + "{#chap}" + " " * N,
]


@pytest.mark.parametrize("line", HOSTILE_HEADINGS, ids=["spaces", "braces", "open-list", "space-braces", "tabs"])
def test_hostile_heading_is_split_into_articles(line: str) -> None:
    from regkb.core.articles import split_articles
    from regkb.core.consolidate import heading_key, segment
    from regkb.core.headings import heading_line

    body = f"{line}\n\nTexte.\n\n## Art. 2\n\nSuite."
    articles = split_articles(body)
    if line.startswith("## Art."):
        assert [a.anchor for a in articles] == ["art-1", "art-2"]
        assert articles[0].text == "Texte."
    else:
        assert heading_key(line) == "chap"
        assert heading_line(line).text == "Chapitre II"
    assert [unit.key for unit in segment(body)][-1] == "art-2"


def test_hostile_heading_in_diff_and_side_by_side_words() -> None:
    from regkb.pages.diffpage import _heading_words, _text_label

    source = "## Chapitre I" + " " * N + "{: .x}\n\n\nTexte.\n## " + "{" * N
    assert _heading_words(source) == "Chapitre I\nTexte.\n" + "{" * N
    assert _text_label(source, "fr", True) == "Chapitre I"


# --- links ---------------------------------------------------------------------------------------
def test_runs_of_brackets_keep_the_links_that_are_there() -> None:
    from regkb.core.plaintext import LEFTOVER, MD_LINK
    from regkb.core.references import MALFORMED, REF_LINK

    for run in ("[" * N, "[a](" * (N // 4), "[x](ref:a " * (N // 10), "](ref:" * (N // 6), "<ref:" * (N // 5)):
        text = run + " [voir](ref:ar-1996-07-03#art-7) [site](https://example.be)"
        assert [m["target"] for m in REF_LINK.finditer(text)] == ["ar-1996-07-03#art-7"]
        assert MD_LINK.findall(text)[-1] == ("site", "https://example.be")
        LEFTOVER.sub("", text)
        MALFORMED.search(text)
    lines = "\n" * N + "[def]: ref:ar-1\n" + "\n[" * N
    assert [lines.count("\n", 0, m.start()) for m in MALFORMED.finditer(lines)] == [N]  # the definition's line
    # a link inside an unclosed bracket is the link Markdown makes
    assert REF_LINK.search("[voir [art. 7](ref:ar-1#art-7)")["text"] == "art. 7"


def test_plain_text_of_hostile_references() -> None:
    from regkb.core.model import Corpus
    from regkb.core.plaintext import plain_refs

    text = "[" * N + " [voir](ref:x) et [site](https://a.be) " + "[a](ref:" * (N // 8)
    plain = plain_refs(text, "fr", Corpus(), TODAY)
    assert plain.startswith("[" * N + " voir et site [a](ref:")


def test_html_policy_on_hostile_lines() -> None:
    from regkb.core.htmlpolicy import violations

    cases = {
        "{" * N + " {: onclick=x}": ["the attribute 'onclick'"],
        "{: " + "a " * (N // 2) + "\n{: onclick=y}": ["the attribute 'onclick'"],
        "![" * (N // 2) + " ![a [b] c](https://evil.example/x.png)": ["the image 'https://evil.example/x.png'"],
        "](" * (N // 2) + " [x](javascript:alert(1))": ["the link target 'javascript:alert(1'"],
        "<b " * (N // 3) + "\n": [],
    }
    for text, expected in cases.items():
        found = [problem for _offset, problem in violations(text)]
        assert [problem.split(" is ")[0].split(" in ")[0] for problem in found] == expected, found[:3]


def test_justel_notes_in_hostile_text() -> None:
    from regkb.core.legaltext import ESCAPED_NOTE, NOTE

    note = "<L 2003-03-20/49, art. 11, 008; En vigueur : 04-04-2003>"
    for run in ("<L " + "1" * N, "<L" + "," * N, "<L " + "x" * N, "<Erratum, " * (N // 10)):
        text = run + "\n" + note
        assert [m[0] for m in NOTE.finditer(text)][-1] == note
        escaped = text.replace("<", "&lt;").replace(">", "&gt;")
        assert ESCAPED_NOTE.findall(escaped)[-1] == "L"


def test_search_scans_of_hostile_text() -> None:
    from regkb.search.index import MARKUP, REF_TARGET
    from regkb.search.understand import CODE_DEFINITION, find_identifiers, fold
    from regkb.search.vocabulary import NOISE

    text = "\n" * N + "  - 123456 prestation\n" + "](" * N + " (ref:a) " + "{" * N + "<" * N
    assert CODE_DEFINITION.findall(text) == ["123456"]
    assert "](" in REF_TARGET.sub("]", text) and "(ref:a)" not in NOISE.sub(" ", text)
    MARKUP.sub(" ", text)
    query = fold("le 1" + " " * N + "x 1er juillet 2024")
    assert [i.kind for i in find_identifiers(query)] == ["date"]


# --- nesting: Python-Markdown's recursion ------------------------------------------------------
@pytest.mark.parametrize("text", [
    "".join("    " * i + "- x\n" for i in range(1000)),  # RecursionError before
    "".join("> " * i + "x\n" for i in range(1000)),  # 53 s before
    "".join("    " * i + "!!! note\n" for i in range(1000)),
], ids=["lists", "quotes", "admonitions"])
def test_deep_nesting_is_reported_and_shown_as_text(text: str) -> None:
    from regkb.core.diagnostics import Diagnostics
    from regkb.core.limits import MAX_NESTING
    from regkb.core.safety_checks import check_markdown
    from regkb.pages.fragments import markdown_converter

    diagnostics = Diagnostics()
    check_markdown("docs/fr/x.md", 5, "Intro\n\n" + text, diagnostics)
    found = [d for d in diagnostics if "nests" in d.message]
    assert len(found) == 1 and found[0].line > 5 + 2 + MAX_NESTING // 2 and found[0].fix
    assert markdown_converter()(text).startswith('<pre class="regkb-unconverted">')


def test_ordinary_nesting_is_converted() -> None:
    from regkb.core.limits import deepest_line
    from regkb.pages.fragments import markdown_converter

    text = "- a\n    - b\n        - c\n\n> > citation\n\n```\n" + " " * 400 + "code\n```\n" + "-" * 80 + "\n"
    assert deepest_line(text)[0] <= 4
    assert "<ul>" in markdown_converter()(text)


# --- the Justel Markdown export (regkb import markdown) -----------------------------------------
OLD_BOLD_ARTICLE = re.compile(r"^\*\*\s*(?P<label>Art(?:icle|ikel)?\.?\s*[^*]*?)\s*\.?\s*\*\*\s*(?P<rest>.*)$",
                              re.IGNORECASE)


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("* .aAtrRiclekK1\t\u00a0x")), max_size=25))
def test_bold_article_reads_lines_as_the_old_pattern(raw: str) -> None:
    from regkb.justel.markdown_export import bold_article

    for line in (raw, "**" + raw, "**Art" + raw, "**Article" + raw, "** art." + raw):
        old = OLD_BOLD_ARTICLE.match(line)
        assert bold_article(line) == (old.groups() if old else None)


def test_bold_article_on_hostile_lines() -> None:
    from regkb.justel.markdown_export import bold_article

    assert bold_article("**Art." + " " * N + "*x") is None  # minutes before (every label end tried)
    assert bold_article("**Art. 7" + " " * N + ".**" + " " * N + "Texte.") == ("Art. 7", "Texte.")
    assert bold_article("**Article " + "1" * N + "**") == ("Article " + "1" * N, "")


@pytest.mark.parametrize("paragraph", ["\\*" * (N // 2), "*_" * (N // 2), "`*" * (N // 2), "&#1" * (N // 3)],
                         ids=["escapes", "emphasis", "code", "entities"])
def test_dense_inline_marks_are_reported_and_shown_as_text(paragraph: str) -> None:
    from regkb.core.diagnostics import Diagnostics
    from regkb.core.safety_checks import check_markdown
    from regkb.pages.fragments import markdown_converter

    diagnostics = Diagnostics()
    check_markdown("faq/x.md", 3, "Intro.\n\n" + paragraph, diagnostics)
    assert [d.line for d in diagnostics if "too many '*'" in d.message] == [3]
    assert markdown_converter()(paragraph).startswith('<pre class="regkb-unconverted">')
    # the same marks spread over paragraphs are converted
    assert "<p>" in markdown_converter()("\n\n".join(["\\* *a* `b` &amp;"] * 2_000))


def test_justel_title_kind_on_a_long_run_of_spaces() -> None:
    from regkb.justel.html_page import kind_of

    assert kind_of(" \n" * N + "x") == ""
    assert kind_of("29 AVRIL 1999. - Loi relative à ...") == "law"


@pytest.mark.parametrize("front_matter", [
    "".join(" " * i + "a:\n" for i in range(300)),  # block mappings: accepted, 300 levels deep, before
    "title: x\nlist:\n" + "- " * 40 + "x\n",  # sequences on one line
], ids=["mappings", "dashes"])
def test_block_nesting_in_front_matter_is_refused(front_matter: str) -> None:
    from regkb.core.diagnostics import Diagnostics
    from regkb.sources.frontmatter import parse_source

    diagnostics = Diagnostics()
    source = parse_source("x.md", f"---\n{front_matter}---\nbody\n", diagnostics)
    assert not source.ok and any("more than 20 levels of nesting" in d.message for d in diagnostics)
    ordinary = parse_source("y.md", "---\ntitle: x\nquestion:\n  fr: a\n  nl: b\n---\nbody\n", Diagnostics())
    assert ordinary.ok and ordinary.meta["question"] == {"fr": "a", "nl": "b"}
