"""Bad input never crashes: random front matter, dates, references, YAML, Markdown and bytes thrown
at the loader, `regkb check` and the page generators give diagnostics, never a traceback (issue 9).

A small real project (the sample's decrees and conventions in both languages, two years of
circulars, an answer, the shared lists) is copied once; each example rewrites one of its files, runs everything, then restores it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import io
import os
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT, TODAY

EXAMPLES = int(os.environ.get("REGKB_HYPOTHESIS_EXAMPLES", "40"))  # raise it to hunt for crashes
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                            HealthCheck.too_slow])
FILES = {
    "decree": "docs/fr/regulations/ar-1996-07-03/index.md",
    "version": "docs/fr/regulations/ar-1996-07-03/2024-07-01.md",
    "version_nl": "docs/nl/regulations/ar-1996-07-03/2024-07-01.md",
    "circular": "circulars/2024/circ-kine-2024-2.fr.md",
    "answer": "faq/physiotherapy/kine-nombre-seances.md",
    "convention": "docs/fr/conventions/conv-loco-gent/index.md",
}
KEYS = ["kind", "title", "short_title", "date", "in_force", "published", "signed", "amended_by", "summary",
        "label", "numac", "repealed", "end", "sector", "institution", "number", "audience", "reviewed",
        "implements", "replaces", "amends", "repeals", "topics", "sources", "question", "valid_from",
        "valid_until"]
IDS = ["ar-1996-07-03", "ar-1984-09-14", "loi-1994-07-14", "circ-kine-2024-2", "kine-nombre-seances",
       "conv-loco-gent", "missing-id"]


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("robust")
    for rel in ["taxonomy.yml", "docs", "circulars/2023", "circulars/2024", "faq/physiotherapy/kine-nombre-seances.md"]:
        source, target = ROOT / rel, root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target)
        elif source.exists():
            shutil.copy2(source, target)
    return root


# --- strategies ------------------------------------------------------------------------------
date_like = st.one_of(
    st.dates(min_value=dt.date(1, 1, 1)).map(str),
    st.from_regex(r"\A-?\d{1,5}-\d{1,3}-\d{1,3}\Z"),
    st.sampled_from(["2024-02-30", "2024-13-01", "0000-00-00", "9999-12-31", "2024-7-1", "01/07/2024", "", " "]),
    st.text(max_size=12),
    st.integers(),
)
scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=30), date_like,
                    st.sampled_from(IDS))
yaml_values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                           | st.dictionaries(st.one_of(st.sampled_from(["fr", "nl"]), st.text(max_size=8)), inner, max_size=4),
                           max_leaves=8)
front_matter = st.dictionaries(st.one_of(st.sampled_from(KEYS), st.text(max_size=12)), yaml_values, max_size=10)
references = st.builds(
    lambda text, target, at, anchor: f"[{text}](ref:{target}{at}{anchor})",
    st.text(alphabet=st.characters(blacklist_characters="[]\n"), max_size=10),
    st.one_of(st.sampled_from(IDS), st.text(alphabet=st.characters(blacklist_characters=")\n #@"), max_size=15)),
    st.one_of(st.just(""), date_like.map(lambda d: f"@{d}")),
    st.one_of(st.just(""), st.sampled_from(["#art-7", "#art-7bis", "#art-", "#", "#art-999", "#§"]),
              st.text(max_size=8).map(lambda s: "#" + s)),
)
markdown_bits = st.one_of(
    st.text(max_size=60), references,
    st.builds(lambda level, text: "#" * level + " " + text, st.integers(1, 7), st.text(max_size=20)),
    st.sampled_from(["## Art. 1er", "## Art. 7", "## Art. 7", "## Art. 7bis {#art-7}", "<!-- fr -->", "<!-- nl -->",
                     "---", "```", "<div markdown=\"1\">", "</div>", "| a | b |\n|---|", "[x]: ref:ar-1996-07-03",
                     "<script>alert(1)</script>", "{: #art-7 }", "\x00", "\ufeff", "\r", "[](ref:)", "[](ref:@)"]),
)
markdown = st.lists(markdown_bits, max_size=12).map("\n\n".join)


def _with_front_matter(meta: dict, body: str) -> str:
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n" + body


def _mutate_line(original: str, key: str, raw: str) -> str:
    """Replace (or add) one front-matter line with raw, unquoted text: bad YAML, odd dates."""
    lines = original.split("\n")
    for index, line in enumerate(lines[1:], start=1):
        if line.strip() == "---":
            lines.insert(index, f"{key}: {raw}")
            break
        if line.startswith(f"{key}:"):
            lines[index] = f"{key}: {raw}"
            break
    return "\n".join(lines)


# --- running everything on one broken project --------------------------------------------------
def _converter():
    """The pages' converter, remembering its results across examples (as the build remembers
    them): an example breaks one file, and the texts it leaves alone need not be converted again
    (about two thirds of an example's time). What the broken file gives is new Markdown,
    converted for real."""
    from regkb.pages.fragments import markdown_converter

    return functools.cache(markdown_converter())


_CONVERT = _converter()


def _exercise(project: Path) -> None:
    from regkb.cli import main
    from regkb.core.kinds import LANGS
    from regkb.pages.context import SiteContext
    from regkb.pages.plan import build_plan
    from regkb.sources import load_corpus

    today = dt.date.fromisoformat(TODAY)
    corpus, diagnostics = load_corpus(project)
    for diagnostic in diagnostics:
        assert isinstance(diagnostic.path, str) and diagnostic.line >= 1 and diagnostic.message, diagnostic
        diagnostic.format()
    try:
        from regkb.sources.inventory import check_handwritten_refs
    except ImportError:
        check_handwritten_refs = None
    if check_handwritten_refs is not None:
        check_handwritten_refs(project, corpus, today, diagnostics)
    ctx = SiteContext(corpus, today)
    ctx.fragments.render = _CONVERT
    for spec in build_plan(ctx):  # what a non-strict build would render
        for lang in LANGS:
            title, text, meta = spec.render(lang)
            assert isinstance(title, str) and isinstance(text, str) and isinstance(meta, dict)
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        assert main(["--root", str(project), "check"]) in (0, 1)


@contextlib.contextmanager
def _replaced(project: Path, rel: str, content: bytes | str):
    path = project / rel
    original = path.read_bytes() if path.exists() else None
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8", "surrogatepass"))
    try:
        yield
    finally:
        if original is None:
            path.unlink()
        else:
            path.write_bytes(original)


def test_the_untouched_project_is_clean(project: Path) -> None:
    from regkb.sources import load_corpus

    _corpus, diagnostics = load_corpus(project)
    assert not diagnostics.errors, [d.format() for d in diagnostics.errors]
    _exercise(project)


@SETTINGS
@given(target=st.sampled_from(sorted(FILES)), meta=front_matter, body=markdown)
def test_random_front_matter_and_markdown(project: Path, target: str, meta: dict, body: str) -> None:
    with _replaced(project, FILES[target], _with_front_matter(meta, body)):
        _exercise(project)


@SETTINGS
@given(target=st.sampled_from(sorted(FILES)), key=st.sampled_from(KEYS),
       raw=st.one_of(date_like.map(str), st.text(max_size=40), st.sampled_from(IDS),
                     st.sampled_from(["[", "{", "*x", "&a", "!!binary x", "| \n  x", ": :", "[1, {2: 3}]",
                                      "!!python/object:os.system x", "@"])))
def test_one_bad_field_in_a_real_file(project: Path, target: str, key: str, raw: str) -> None:
    original = (project / FILES[target]).read_text(encoding="utf-8")
    with _replaced(project, FILES[target], _mutate_line(original, key, raw.replace("\n", " "))):
        _exercise(project)


@SETTINGS
@given(target=st.sampled_from(sorted(FILES)), markdown_body=markdown)
def test_random_references_and_markdown_in_a_valid_file(project: Path, target: str, markdown_body: str) -> None:
    original = (project / FILES[target]).read_text(encoding="utf-8")
    with _replaced(project, FILES[target], original + "\n\n" + markdown_body + "\n"):
        _exercise(project)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(target=st.sampled_from(sorted(FILES) + ["taxonomy.yml"]),
       content=st.one_of(st.binary(max_size=300), st.text(max_size=300),
                         st.text(max_size=200).map(lambda t: "---\n" + t + "\n---\nbody")))
def test_binary_garbage_and_invalid_yaml(project: Path, target: str, content) -> None:
    rel = FILES.get(target, target)
    with _replaced(project, rel, content):
        _exercise(project)


@settings(max_examples=max(10, EXAMPLES * 5 // 8), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-_.ÉéA ", min_size=1, max_size=20),
       where=st.sampled_from(["docs/fr/regulations/ar-1996-07-03", "circulars/2024", "faq/physiotherapy",
                              "docs/nl/regulations", "docs/fr/conventions/conv-loco-gent"]),
       meta=front_matter)
def test_unexpected_file_names(project: Path, name: str, where: str, meta: dict) -> None:
    if name in (".", "..") or name.startswith("."):
        return
    rel = f"{where}/{name}.md"
    if (project / rel).exists():
        return
    with _replaced(project, rel, _with_front_matter(meta, "text")):
        _exercise(project)


def test_taxonomy_shapes(project: Path) -> None:
    for text in ("", "[]", "sectors: 3", "sectors: {a: 1}", "topics: {x: {fr: 1, nl: [2]}}", "audiences:\n  - a",
                 "{", "sectors: !!binary AAAA"):
        with _replaced(project, "taxonomy.yml", text):
            _exercise(project)
