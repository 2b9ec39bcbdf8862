"""The merge-request workflow of the staff: `regkb check` reports, `regkb new`, `regkb changes`."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from conftest import ROOT, TODAY, copy_project

# --- a small project, built file by file, to break one thing at a time ---------------------------
TAXONOMY = """\
sectors:
  autism:
    fr: Autisme
    nl: Autisme
topics:
  physiotherapy:
    fr: Kinésithérapie
    nl: Kinesitherapie
audiences:
  patients:
    fr: Patients
    nl: Patiënten
  insurers:
    fr: Organismes assureurs
    nl: Verzekeringsinstellingen
"""

INDEX = {
    "fr": '---\nkind: royal-decree\ntitle: "Arrêté royal du 1er janvier 2000"\nshort_title: "AR du 1er janvier 2000"\ndate: 2000-01-01\n---\n',
    "nl": '---\nkind: royal-decree\ntitle: "Koninklijk besluit van 1 januari 2000"\nshort_title: "KB van 1 januari 2000"\ndate: 2000-01-01\n---\n',
}
VERSION = {
    "fr": "---\nin_force: 2000-01-01\n---\n## Art. 1er\n\nTexte premier.\n\n## Art. 2\n\nDeux séances.\n",
    "nl": "---\nin_force: 2000-01-01\n---\n## Artikel 1\n\nEerste tekst.\n\n## Artikel 2\n\nTwee zittingen.\n",
}
CIRCULAR = {
    "fr": '---\nnumber: "2024/1"\ndate: 2024-01-10\naudience: insurers\ntitle: "Circulaire OA n° 2024/1"\nshort_title: "Circulaire OA 2024/1"\nreviewed: 2024-01-10\n---\nVoir [](ref:ar-2000-01-01#art-2).\n',
    "nl": '---\nnumber: "2024/1"\ndate: 2024-01-10\naudience: insurers\ntitle: "Omzendbrief VI nr. 2024/1"\nshort_title: "Omzendbrief VI 2024/1"\nreviewed: 2024-01-10\n---\nZie [](ref:ar-2000-01-01#art-2).\n',
}
ANSWER = ('---\ntopics: [physiotherapy]\naudience: patients\nreviewed: 2024-02-01\nquestion:\n'
          '  fr: "Combien de séances ?"\n  nl: "Hoeveel zittingen?"\n---\n<!-- fr -->\nDeux, selon [](ref:ar-2000-01-01#art-2).\n\n'
          '<!-- nl -->\nTwee, volgens [](ref:ar-2000-01-01#art-2).\n')
DECREE = "docs/{lang}/regulations/ar-2000-01-01"


def write(root: Path, rel: str, text: str) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def mini_project(root: Path) -> Path:
    write(root, "taxonomy.yml", TAXONOMY)
    for lang in ("fr", "nl"):
        write(root, f"{DECREE.format(lang=lang)}/index.md", INDEX[lang])
        write(root, f"{DECREE.format(lang=lang)}/2000-01-01.md", VERSION[lang])
        write(root, f"circulars/2024/circ-oa-2024-1.{lang}.md", CIRCULAR[lang])
    write(root, "faq/physiotherapy/kine-seances.md", ANSWER)
    return root


def regkb(root: Path, *argv: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, REGKB_TODAY=TODAY, PYTHONPATH=str(ROOT / "plugins"))
    return subprocess.run([sys.executable, "-m", "regkb.cli", "--root", str(root), *argv], cwd=root, env=env,
                          capture_output=True, text=True, timeout=120, input=stdin if stdin is not None else "")


def issues(root: Path) -> list[dict]:
    result = regkb(root, "check", "--format", "codequality")
    assert "Traceback" not in result.stderr, result.stderr
    return json.loads(result.stdout)


def find(found: list[dict], check: str) -> list[dict]:
    return [i for i in found if i["check_name"] == f"regkb/{check}"]


def test_the_mini_project_is_clean(tmp_path):
    root = mini_project(tmp_path)
    result = regkb(root, "check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 errors, 0 warnings" in result.stdout


# --- each error kind: message, file and line ------------------------------------------------------
BROKEN = [
    # (what to write, file, text, expected check, expected line, words of the message)
    ("malformed front matter", "docs/fr/regulations/ar-2000-01-01/index.md",
     '---\nkind: royal-decree\ntitle: Arrêté: royal: [oops\nshort_title: "AR"\ndate: 2000-01-01\n---\n',
     "front-matter", 3, "not valid YAML"),
    ("unknown kind", "docs/fr/regulations/ar-2000-01-01/index.md",
     INDEX["fr"].replace("kind: royal-decree", "kind: decret"), "unknown-kind", 2, "unknown kind 'decret'"),
    ("missing field", "docs/nl/regulations/ar-2000-01-01/2000-01-01.md",
     VERSION["nl"].replace("in_force: 2000-01-01\n", "published: 1999-12-20\n"), "missing-field", 1, "'in_force'"),
    ("bad date", "circulars/2024/circ-oa-2024-1.nl.md",
     CIRCULAR["nl"].replace("reviewed: 2024-01-10", "reviewed: 2024-02-30"), "bad-date", 7, "2024-02-30"),
    ("unknown reference", "faq/physiotherapy/kine-seances.md",
     ANSWER.replace("Twee, volgens [](ref:ar-2000-01-01#art-2)", "Twee, volgens [](ref:ar-2000-01-01#art-9)"),
     "unknown-reference", 13, "art-9"),
    ("end before start", "docs/fr/regulations/ar-2000-01-01/index.md",
     INDEX["fr"].replace("date: 2000-01-01\n", "date: 2000-01-01\nrepealed: 1999-06-30\n"),
     "end-before-start", 6, "1999-06-30"),
    ("unknown topic", "faq/physiotherapy/kine-seances.md",
     ANSWER.replace("topics: [physiotherapy]", "topics: [kine]"), "unknown-topic", 2, "unknown topic 'kine'"),
]


@pytest.mark.parametrize("what, rel, text, check, line, words", BROKEN, ids=[b[0] for b in BROKEN])
def test_each_error_names_its_file_line_and_fix(tmp_path, what, rel, text, check, line, words):
    root = mini_project(tmp_path)
    write(root, rel, text)
    found = find(issues(root), check)
    assert found, f"{what}: no {check} diagnostic"
    assert any(i["location"]["path"] == rel and i["location"]["lines"]["begin"] == line and words in i["description"]
               and "Fix:" in i["description"] for i in found), found
    result = regkb(root, "check")
    assert result.returncode == 1
    # text format: a header per file, then "line N: error: ..." and the fix below it
    block = result.stdout.split(f"{rel}\n", 1)[1]
    assert block.startswith(f"  line {line}: error: ") or f"\n  line {line}: error: " in block.split("\n\n")[0]
    assert "    fix: " in block.split("\n\n")[0]


def test_duplicate_id_points_at_the_second_file(tmp_path):
    root = mini_project(tmp_path)
    write(root, "faq/billing/kine-seances.md", ANSWER)  # read first (sorted), so the other one is the duplicate
    (found,) = find(issues(root), "duplicate-id")
    assert (found["location"]["path"], found["location"]["lines"]["begin"]) == ("faq/physiotherapy/kine-seances.md", 1)
    assert "the id 'kine-seances' is already used by faq/billing/kine-seances.md" in found["description"]


def test_one_language_only_is_a_warning_and_exits_0(tmp_path):
    root = mini_project(tmp_path)
    write(root, "docs/fr/regulations/ar-2000-01-01/2010-01-01.md", VERSION["fr"].replace("2000-01-01", "2010-01-01"))
    found = issues(root)
    warnings = find(found, "missing-translation")
    assert [i["location"]["path"] for i in warnings] == ["docs/fr/regulations/ar-2000-01-01/2010-01-01.md"]
    assert warnings[0]["severity"] == "minor"
    assert "docs/nl/regulations/ar-2000-01-01/2010-01-01.md" in warnings[0]["description"]
    assert regkb(root, "check").returncode == 0


def test_two_versions_on_the_same_date(tmp_path):
    root = mini_project(tmp_path)
    for lang in ("fr", "nl"):
        write(root, f"{DECREE.format(lang=lang)}/2000-02-01.md", VERSION[lang])  # in_force still 2000-01-01
    found = [i for i in issues(root) if i["location"]["path"].endswith("2000-02-01.md")]
    assert found and all(i["location"]["lines"]["begin"] == 2 for i in found)
    assert {i["check_name"] for i in found} <= {"regkb/duplicate-version", "regkb/version-date"}


def test_every_problem_is_reported_at_once(tmp_path):
    root = mini_project(tmp_path)
    for _what, rel, text, *_ in BROKEN[1:5]:
        write(root, rel, text)
    found = issues(root)
    assert {"regkb/unknown-kind", "regkb/missing-field", "regkb/bad-date", "regkb/unknown-reference"} <= {
        i["check_name"] for i in found}


def test_garbage_never_gives_a_traceback(tmp_path):
    root = mini_project(tmp_path)
    (root / "faq/physiotherapy/binary.md").write_bytes(b"---\ntopics: [\xff\xfe]\n---\n")
    write(root, "faq/physiotherapy/list.md", "---\n- a\n- b\n---\n")
    write(root, "taxonomy.yml", "sectors: [1, 2\n")
    result = regkb(root, "check")
    assert result.returncode == 1 and "Traceback" not in result.stderr + result.stdout
    assert "faq/physiotherapy/binary.md\n  line 2: error: the file is not valid UTF-8" in result.stdout
    nowhere = regkb(root, "--root", str(tmp_path / "nowhere"), "check")
    assert nowhere.returncode == 2 and "does not exist" in nowhere.stderr and "Traceback" not in nowhere.stderr


# --- the report formats -------------------------------------------------------------------------
CODE_QUALITY_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "array",
    "items": {
        "type": "object",
        "required": ["description", "check_name", "fingerprint", "severity", "location"],
        "properties": {
            "description": {"type": "string", "minLength": 1},
            "check_name": {"type": "string", "minLength": 1},
            "fingerprint": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
            "severity": {"enum": ["info", "minor", "major", "critical", "blocker"]},
            "location": {
                "type": "object",
                "required": ["path", "lines"],
                "properties": {
                    "path": {"type": "string", "pattern": "^[^/]"},
                    "lines": {"type": "object", "required": ["begin"],
                              "properties": {"begin": {"type": "integer", "minimum": 1}}},
                },
            },
        },
    },
}


def broken_twice(root: Path) -> Path:
    mini_project(root)
    write(root, "circulars/2024/circ-oa-2024-1.nl.md", CIRCULAR["nl"].replace("reviewed: 2024-01-10", "reviewed: 2024-13-01"))
    write(root, "faq/physiotherapy/kine-seances.md", ANSWER.replace("#art-2).\n\n<!-- nl", "#art-8).\n\n<!-- nl"))
    write(root, "docs/fr/regulations/ar-2000-01-01/2010-01-01.md", VERSION["fr"].replace("2000-01-01", "2010-01-01"))
    return root


def test_code_quality_report_validates_and_is_stable(tmp_path):
    root = broken_twice(tmp_path)
    report = tmp_path / "gl-code-quality-report.json"
    result = regkb(root, "check", "--format", "codequality", "--output", str(report))
    assert result.returncode == 1
    data = json.loads(report.read_text(encoding="utf-8"))
    jsonschema.validate(data, CODE_QUALITY_SCHEMA)
    assert sorted((i["check_name"], i["severity"]) for i in data) == [
        ("regkb/bad-date", "major"), ("regkb/missing-translation", "minor"), ("regkb/unknown-reference", "major")]
    fingerprints = [i["fingerprint"] for i in data]
    assert len(set(fingerprints)) == len(fingerprints)
    # adding a line above a problem does not change its fingerprint (the forge must not see it as new)
    answer = root / "faq/physiotherapy/kine-seances.md"
    answer.write_text(answer.read_text(encoding="utf-8").replace("<!-- fr -->\n", "<!-- fr -->\nIntro.\n\n"), encoding="utf-8")
    again = json.loads(regkb(root, "check", "--format", "codequality").stdout)
    moved = [i for i in again if i["check_name"] == "regkb/unknown-reference"][0]
    before = [i for i in data if i["check_name"] == "regkb/unknown-reference"][0]
    assert moved["fingerprint"] == before["fingerprint"]
    assert moved["location"]["lines"]["begin"] == before["location"]["lines"]["begin"] + 2


def test_junit_report_parses_with_the_right_counts(tmp_path):
    root = broken_twice(tmp_path)
    result = regkb(root, "check", "--format", "junit")
    assert result.returncode == 1
    suites = ET.fromstring(result.stdout)
    assert suites.tag == "testsuites"
    (suite,) = suites.findall("testsuite")
    cases = suite.findall("testcase")
    files = sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
    assert sorted(c.get("name") for c in cases) == files
    assert int(suite.get("tests")) == len(cases) == int(suites.get("tests"))
    failed = {c.get("name"): c.findall("failure") for c in cases if c.findall("failure")}
    assert sorted(failed) == ["circulars/2024/circ-oa-2024-1.nl.md", "faq/physiotherapy/kine-seances.md"]
    assert int(suite.get("failures")) == 2 and suite.get("errors") == "0"
    assert failed["circulars/2024/circ-oa-2024-1.nl.md"][0].get("type") == "bad-date"
    assert failed["circulars/2024/circ-oa-2024-1.nl.md"][0].get("message").startswith("line 7: ")
    for case in cases:  # the JUnit schema's required attributes
        assert case.get("name") and case.get("classname")
    warned = [c for c in cases if c.find("system-out") is not None]
    assert [c.get("name") for c in warned] == ["docs/fr/regulations/ar-2000-01-01/2010-01-01.md"]


def test_ci_outputs_in_one_run(tmp_path):
    root = broken_twice(tmp_path)
    result = regkb(root, "check", "--codequality", str(tmp_path / "cq.json"), "--junit", str(tmp_path / "j.xml"))
    assert result.returncode == 1
    assert "circulars/2024/circ-oa-2024-1.nl.md\n  line 7: error: reviewed:" in result.stdout
    assert result.stdout.rstrip().endswith("2 errors, 1 warning in 3 files.")
    jsonschema.validate(json.loads((tmp_path / "cq.json").read_text()), CODE_QUALITY_SCHEMA)
    ET.parse(tmp_path / "j.xml")


def test_the_sample_is_clean_in_every_format():
    for fmt in ("text", "codequality", "junit"):
        result = regkb(ROOT, "check", "--format", fmt)
        assert result.returncode == 0, result.stdout[-3000:]
    assert json.loads(regkb(ROOT, "check", "--format", "codequality").stdout) == []


# --- regkb new ----------------------------------------------------------------------------------
def test_new_version_copies_the_text_and_never_overwrites(tmp_path):
    root = mini_project(tmp_path)
    args = ("new", "decree-version", "--id", "ar-2000-01-01", "--in-force", "2025-01-01", "--published", "2025-02-01",
            "--signed", "2024-12-15", "--summary-fr", "Art. 2 : trois séances")
    result = regkb(root, *args)
    assert result.returncode == 0, result.stderr
    fr = (root / "docs/fr/regulations/ar-2000-01-01/2025-01-01.md").read_text(encoding="utf-8")
    nl = (root / "docs/nl/regulations/ar-2000-01-01/2025-01-01.md").read_text(encoding="utf-8")
    assert fr.startswith("---\nin_force: 2025-01-01\npublished: 2025-02-01\nsigned: 2024-12-15\nsummary: \"Art. 2 : trois séances\"\n---\n")
    assert fr.endswith("## Art. 2\n\nDeux séances.\n") and nl.endswith("## Artikel 2\n\nTwee zittingen.\n")
    assert regkb(root, "check").returncode == 0
    # the same command again: nothing is overwritten
    fr_path = root / "docs/fr/regulations/ar-2000-01-01/2025-01-01.md"
    fr_path.write_text(fr.replace("Deux", "Trois"), encoding="utf-8")
    again = regkb(root, *args)
    assert again.returncode == 1 and "nothing written" in again.stderr
    assert "Trois séances" in fr_path.read_text(encoding="utf-8")


def test_new_refuses_an_existing_file_even_when_it_is_broken(tmp_path):
    root = mini_project(tmp_path)
    write(root, "faq/physiotherapy/kine-nouveau.md", "not even front matter\n")
    result = regkb(root, "new", "question", "--id", "kine-nouveau", "--topic", "physiotherapy", "--audience",
                   "patients", "--question-fr", "Une question ?", "--question-nl", "Een vraag?")
    assert result.returncode == 1
    assert "already exist" in result.stderr and "faq/physiotherapy/kine-nouveau.md" in result.stderr
    assert (root / "faq/physiotherapy/kine-nouveau.md").read_text() == "not even front matter\n"


def test_new_convention_circular_and_question_pass_the_check(tmp_path):
    root = mini_project(tmp_path)
    runs = [
        ("convention", "--id", "conv-autisme-test", "--sector", "autism", "--institution", "Centre : Test",
         "--title-fr", "Convention « autisme » : test", "--title-nl", "Overeenkomst autisme: test",
         "--short-title-fr", "Convention autisme – Test", "--short-title-nl", "Overeenkomst autisme – Test",
         "--start", "2024-03-01"),
        ("circular", "--number", "2024/2", "--audience", "insurers", "--date", "2024-05-02", "--title-fr",
         "Circulaire OA n° 2024/2 – Test", "--title-nl", "Omzendbrief VI nr. 2024/2 – Test",
         "--implements", "ar-2000-01-01", "--replaces", "circ-oa-2024-1"),
        ("question", "--id", "kine-test", "--topic", "physiotherapy", "--audience", "patients",
         "--question-fr", "Est-ce « remboursé » : oui ?", "--question-nl", "Wordt het terugbetaald?"),
    ]
    for argv in runs:
        result = regkb(root, "new", *argv)
        assert result.returncode == 0, result.stderr
    created = sorted(p.relative_to(root).as_posix() for p in root.rglob("*.md"))
    for rel in ("docs/fr/conventions/conv-autisme-test/index.md", "docs/nl/conventions/conv-autisme-test/2024-03-01.md",
                "circulars/2024/circ-oa-2024-2.fr.md", "circulars/2024/circ-oa-2024-2.nl.md",
                "faq/physiotherapy/kine-test.md"):
        assert rel in created
    # what `regkb new` left to write is reported, file and line, until it is written
    check = regkb(root, "check", "--format", "codequality")
    reported = json.loads(check.stdout)
    assert check.returncode == 1 and reported and all("written by `regkb new`" in r["description"] for r in reported)
    from regkb.core.placeholders import ALL

    for rel in created:
        path = root / rel
        source = path.read_text(encoding="utf-8")
        for text in ALL:
            source = source.replace(text, "Texte réel.")
        path.write_text(source, encoding="utf-8")
    check = regkb(root, "check", "--format", "codequality")
    assert check.returncode == 0 and json.loads(check.stdout) == []
    from regkb.sources import load_corpus

    corpus, _ = load_corpus(root)
    assert corpus.get("conv-autisme-test").institution == "Centre : Test"
    assert corpus.get("circ-oa-2024-2").short_title("nl") == "Omzendbrief VI 2024/2"
    assert corpus.get("kine-test").title("fr") == "Est-ce « remboursé » : oui ?"


def test_new_validates_before_writing_and_lists_missing_options(tmp_path):
    root = mini_project(tmp_path)
    before = sorted(p for p in root.rglob("*"))
    bad = regkb(root, "new", "convention", "--id", "Conv X", "--sector", "nope", "--institution", "X",
                "--title-fr", "T", "--title-nl", "T", "--short-title-fr", "S", "--short-title-nl", "S",
                "--start", "2024-02-30")
    assert bad.returncode == 1
    for words in ("'Conv X' is not a valid id", "'nope' is not in taxonomy.yml", "2024-02-30"):
        assert words in bad.stderr
    missing = regkb(root, "new", "circular", "--number", "2024/3")
    assert missing.returncode == 2
    assert "missing option(s): --audience, --date, --title-fr, --title-nl" in missing.stderr
    unknown = regkb(root, "new", "version", "--id", "ar-1900-01-01", "--in-force", "2025-01-01")
    assert unknown.returncode == 1 and "'ar-1900-01-01' is not a document" in unknown.stderr
    assert sorted(p for p in root.rglob("*")) == before


def test_new_asks_for_missing_values_at_a_terminal(tmp_path, monkeypatch, capsys):
    from regkb.commands import new

    root = mini_project(tmp_path)
    answers = iter(["kine-asked", "physiotherapy", "patients", "Une question ?", "Een vraag?", ""])
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    parser = __import__("regkb.cli", fromlist=["build_parser"]).build_parser()
    args = parser.parse_args(["--root", str(root), "new", "question"])
    assert new._run(args, input_fn=lambda prompt: next(answers)) == 0
    text = (root / "faq/physiotherapy/kine-asked.md").read_text(encoding="utf-8")
    assert 'fr: "Une question ?"' in text and "<!-- nl -->" in text


# --- regkb changes ------------------------------------------------------------------------------
def git(root: Path, *argv: str) -> str:
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.be", GIT_COMMITTER_NAME="t",
               GIT_COMMITTER_EMAIL="t@example.be")
    return subprocess.run(["git", *argv], cwd=root, env=env, check=True, capture_output=True, text=True).stdout


@pytest.mark.skipif(shutil.which("git") is None, reason="git is needed")
def test_changes_lists_exactly_what_the_branch_changed(tmp_path):
    root = copy_project(tmp_path / "repo")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    git(root, "checkout", "-q", "-b", "feature")
    # a new version of the AR of 3 July 1996 from 2028, changing art. 7 (in both languages) ...
    result = regkb(root, "new", "decree-version", "--id", "ar-1996-07-03", "--in-force", "2028-01-01",
                   "--published", "2028-02-15", "--amended-by", "ar-2024-05-30")
    assert result.returncode == 0, result.stderr
    for lang, old, new in (("fr", "vingt-quatre séances", "trente séances"), ("nl", "vierentwintig kinesitherapiezittingen", "dertig kinesitherapiezittingen")):
        path = root / f"docs/{lang}/regulations/ar-1996-07-03/2028-01-01.md"
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new), encoding="utf-8")
    # ... a new circular in French only
    result = regkb(root, "new", "circular", "--number", "2027/30", "--audience", "insurers", "--date", "2027-12-01",
                   "--title-fr", "Circulaire OA n° 2027/30 – Trente séances", "--title-nl", "x")
    assert result.returncode == 0, result.stderr
    (root / "circulars/2027/circ-oa-2027-30.nl.md").unlink()
    circular = root / "circulars/2027/circ-oa-2027-30.fr.md"
    circular.write_text(circular.read_text(encoding="utf-8").replace("(Texte de la circulaire à compléter.)",
                                                                      "Trente séances."), encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "feature")

    result = regkb(root, "changes", "--base", "main")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("## Changes in the knowledge base (compared with `main`)")
    added = out.split("### Documents added (1)", 1)[1].split("###", 1)[0]
    assert "circular `circ-oa-2027-30` Circulaire OA 2027/30" in added
    changed = out.split("### Documents changed (1)", 1)[1].split("###", 1)[0]
    assert "royal decree `ar-1996-07-03` AR du 3 juillet 1996 / KB van 3 juli 1996" in changed
    assert "    - version 2028-01-01: added; articles changed: art-7\n" in changed
    assert changed.count("    - version") == 1
    entries = out.split("### New dates of entry into force", 1)[1].split("###", 1)[0]
    assert "| 2028-01-01 (1er janvier 2028) | `ar-1996-07-03`" in entries
    assert "published 2028-02-15; **retroactive**" in entries
    assert "| 2027-12-01 (1er décembre 2027) | `circ-oa-2027-30`" in entries
    missing = out.split("### Missing translations (1)", 1)[1].split("###", 1)[0]
    assert "circulars/2027/circ-oa-2027-30.fr.md" in missing
    review = out.split("### Answers and circulars to review", 1)[1]
    # only texts citing art. 7 in a way that can show the 2028 text: undated references
    from regkb.sources import load_corpus

    corpus, _ = load_corpus(root)
    expected = sorted({r.source_id for r in corpus.references.references
                       if r.target.doc_id == "ar-1996-07-03" and r.target.anchor == "art-7" and r.target.on is None
                       and corpus.get(r.source_id).kind.value in ("qa", "circular")})
    listed = sorted(line.split("`")[1] for line in review.splitlines() if line.startswith("- "))
    assert listed == expected and expected
    assert "New problems" not in out

    # nothing changed: a short, clear summary
    git(root, "checkout", "-q", "main")
    assert "No document, version or translation changes." in regkb(root, "changes", "--base", "main").stdout
    bad = regkb(root, "changes", "--base", "no-such-branch")
    assert bad.returncode == 2 and "unknown revision 'no-such-branch'" in bad.stderr and "Traceback" not in bad.stderr


def test_placeholders_are_reported_on_their_line():
    from regkb.core.diagnostics import Diagnostics
    from regkb.core.placeholders import INSERTED, check_placeholders

    diagnostics = Diagnostics()
    check_placeholders("docs/nl/x.md", 6, f"## Artikel 7bis/1\n\n{INSERTED['nl']}\n\nEcht.\n", diagnostics)
    assert [(d.path, d.line, d.code) for d in diagnostics.errors] == [("docs/nl/x.md", 8, "placeholder")]
