"""The kind registry (core/kinds.py): a new kind is one declaration, nothing else.

The proof builds a copy of the sample whose only code change is one `register_kind(...)` call
appended to the copy's registry: a "protocol agreement" (protocole d'accord / protocolakkoord)
in the regulations section, with two versions in both languages, citing the law, and cited by a
new answer. The real `mkdocs build --strict` must list it, render its pages (document, versions,
diff, feed, FR ‖ NL view) and show the backlinks both ways, in the registry's order.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, TODAY, copy_project

PROTOCOL = '''

# --- added by tests/test_kind_registry.py: a kind of the act family, declared once --------------
register_kind(KindSpec(
    "protocol", "PROTOCOL", "act", order=2.5,
    labels={"fr": "Protocole d'accord", "nl": "Protocolakkoord"}, english="protocol agreement",
    genders={"fr": "m"}, citation={"fr": "Protocole du {d}", "nl": "Protocol van {d}"},
))
'''

DOC_ID = "protocole-2025-03-10"
INDEX = {
    "fr": ("Protocole d'accord du 10 mars 2025 entre le Gouvernement fédéral et les entités fédérées "
           "relatif à la kinésithérapie à domicile", "Protocole du 10 mars 2025"),
    "nl": ("Protocolakkoord van 10 maart 2025 tussen de federale regering en de deelstaten "
           "betreffende de kinesitherapie aan huis", "Protocol van 10 maart 2025"),
}
ARTICLES = {
    "fr": ("## Art. 1er\n\nLes parties coordonnent la kinésithérapie à domicile selon l'[](ref:loi-1994-07-14#art-53).\n\n"
           "## Art. 2\n\nLe présent protocole est évalué chaque année{extra}.\n"),
    "nl": ("## Artikel 1\n\nDe partijen coördineren de kinesitherapie aan huis volgens [](ref:loi-1994-07-14#art-53).\n\n"
           "## Artikel 2\n\nDit protocol wordt elk jaar geëvalueerd{extra}.\n"),
}
EXTRA = {"fr": " par un groupe de travail commun", "nl": " door een gemeenschappelijke werkgroep"}
ANSWER = """---
topics: [physiotherapy]
audience: patients
reviewed: 2026-03-01
question:
  fr: "Qui évalue la kinésithérapie à domicile ?"
  nl: "Wie evalueert de kinesitherapie aan huis?"
---
<!-- fr -->
Un groupe de travail commun, selon le [](ref:protocole-2025-03-10#art-2).

<!-- nl -->
Een gemeenschappelijke werkgroep, volgens het [](ref:protocole-2025-03-10#art-2).
"""


def _write_protocol(project: Path) -> None:
    for lang, (title, short) in INDEX.items():
        folder = project / "docs" / lang / "regulations" / DOC_ID
        folder.mkdir(parents=True)
        (folder / "index.md").write_text(
            f'---\nkind: protocol\ntitle: "{title}"\nshort_title: "{short}"\ndate: 2025-03-10\n'
            f'published: 2025-04-02\n---\n', encoding="utf-8")
        (folder / "2025-05-01.md").write_text(
            "---\nin_force: 2025-05-01\npublished: 2025-04-02\n---\n" + ARTICLES[lang].format(extra=""),
            encoding="utf-8")
        (folder / "2026-01-01.md").write_text(
            "---\nin_force: 2026-01-01\nsummary: Groupe de travail\n---\n" + ARTICLES[lang].format(extra=EXTRA[lang]),
            encoding="utf-8")
    (project / "faq" / "physiotherapy" / "kine-domicile-evaluation.md").write_text(ANSWER, encoding="utf-8")


@pytest.fixture(scope="module")
def protocol_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("kind") / "project")
    registry = project / "plugins" / "regkb" / "core" / "kinds.py"
    registry.write_text(registry.read_text(encoding="utf-8") + PROTOCOL, encoding="utf-8")
    _write_protocol(project)
    site = project / "site"
    env = dict(os.environ, REGKB_TODAY=TODAY, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(project / "plugins"))
    check = subprocess.run([sys.executable, "-m", "regkb.cli", "--root", str(project), "check"], cwd=project,
                           env=env, capture_output=True, text=True, timeout=300)
    assert check.returncode == 0, check.stdout[-3000:] + check.stderr[-3000:]
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                            cwd=project, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-4000:]
    assert str(project / "plugins") in subprocess.run(
        [sys.executable, "-c", "import regkb; print(regkb.__file__)"], env=env, capture_output=True, text=True,
        cwd=project).stdout, "the build must use the copy's registry"
    return site


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.mark.parametrize("prefix,label", [("", "Protocole d'accord"), ("nl/", "Protocolakkoord")])
def test_new_kind_is_listed_with_its_label(protocol_site: Path, prefix: str, label: str) -> None:
    listing = _soup(protocol_site / prefix / "regulations" / "index.html")
    rows = [row for row in listing.select("table.regkb-list tbody tr")
            if row.find("a", href=re.compile(DOC_ID))]
    assert len(rows) == 1
    assert rows[0].find_all("td")[1].get_text(strip=True) == label
    page = _soup(protocol_site / prefix / "regulations" / DOC_ID / "index.html")
    facts = {dt.get_text(strip=True): dd.get_text(" ", strip=True)
             for dt, dd in zip(page.select(".regkb-facts dt"), page.select(".regkb-facts dd"))}
    assert label in facts.values()


def test_new_kind_has_every_page_of_its_family(protocol_site: Path) -> None:
    base = protocol_site / "regulations" / DOC_ID
    for page in ("index.html", "2025-05-01/index.html", "2026-01-01/index.html", "2026-01-01/diff/index.html",
                 "feed.xml"):
        assert (base / page).is_file(), page
        assert (protocol_site / "nl" / "regulations" / DOC_ID / page).is_file() or page == "feed.xml"
    assert list(base.glob("*/fr-nl/index.html")), "the FR ‖ NL view of a bilingual version"
    text = _soup(base / "index.html").get_text(" ", strip=True)
    assert "groupe de travail commun" in text  # the version in force on the test day
    diff = _soup(base / "2026-01-01" / "diff" / "index.html")
    assert "groupe de travail commun" in " ".join(i.get_text(" ") for i in diff.find_all("ins"))
    sitemap = (protocol_site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"/regulations/{DOC_ID}/" in sitemap
    # the site search finds it by kind and date, like an AR ("Protocole 10 mars 2025")
    acts = json.loads((protocol_site / "assets" / "regkb" / "ids" / "fr" / "a2025.json").read_text(encoding="utf-8"))
    assert [e[1:4] for e in acts["acts"]["2025-03-10"]] == [["Protocole du 10 mars 2025", "Protocole d'accord", "protocol"]]


def test_new_kind_backlinks_both_ways_in_registry_order(protocol_site: Path) -> None:
    # the protocol cites the law: the law's page lists it, after decrees and before conventions (order 2.5)
    law = _soup(protocol_site / "regulations" / "loi-1994-07-14" / "index.html")
    groups = [ul for ul in law.select(".regkb-backlinks ul") if ul.find("a", href=re.compile(DOC_ID))]
    assert groups, "the law's page lists the protocol among the texts citing it"
    tags = [li.select_one(".regkb-kind-tag").get_text() for li in groups[0].find_all("li")]
    position = tags.index("Protocole d'accord")
    acts = {"Loi", "Arrêté royal", "Arrêté ministériel"}
    assert set(tags[:position]) <= acts and tags[:position]
    assert not set(tags[position + 1:]) & acts and "Convention" in tags[position + 1:]
    # the new answer cites the protocol's article 2: the protocol's page lists it, with a link text
    page = _soup(protocol_site / "regulations" / DOC_ID / "index.html")
    assert page.select_one(".regkb-backlinks a[href*='kine-domicile-evaluation']") is not None
    answer = _soup(protocol_site / "faq" / "kine-domicile-evaluation" / "index.html")
    link = answer.find("a", href=re.compile(DOC_ID))
    assert link is not None and link.get_text() == "art. 2 du protocole du 10 mars 2025"
    assert link["href"].endswith("#art-2")


def test_register_kind_refuses_what_the_code_cannot_serve() -> None:
    from regkb.core.kinds import Kind, KindSpec, all_kinds, kinds_in_section, register_kind, unregister_kind

    before = all_kinds()
    with pytest.raises(ValueError, match="already registered"):
        register_kind(KindSpec("law", "LAW2", "act", 9, {"fr": "Loi", "nl": "Wet"}, "law"))
    with pytest.raises(ValueError, match="unknown family"):
        register_kind(KindSpec("x-kind", "X_KIND", "nope", 9, {"fr": "X", "nl": "X"}, "x"))
    with pytest.raises(ValueError, match="needs a label"):
        register_kind(KindSpec("x-kind", "X_KIND", "act", 9, {"nl": "X"}, "x"))
    kind = register_kind(KindSpec("x-kind", "X_KIND", "act", 9, {"fr": "X", "nl": "Y"}, "x"))
    try:
        assert Kind("x-kind") is kind is Kind.X_KIND and kind.label("nl") == "Y"
        assert kind in kinds_in_section("regulations") and kind.spec.is_act and kind.spec.versioned
    finally:
        unregister_kind("x-kind")
    assert all_kinds() == before


def test_no_module_tests_a_kind_by_name() -> None:
    """Modules ask the spec (`kind.spec.versioned`) instead of naming kinds: only the registry and
    the scaffold of conventions (which writes `kind: convention`) name one."""
    allowed = {"core/kinds.py", "sources/scaffold.py", "core/references.py"}  # references: a default gender
    found = []
    for path in sorted((ROOT / "plugins" / "regkb").rglob("*.py")):
        rel = path.relative_to(ROOT / "plugins" / "regkb").as_posix()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if re.search(r"(?<!Event)Kind\.[A-Z]", line) and rel not in allowed:
                found.append(f"{rel}:{number}: {line.strip()}")
    assert not found, "ask the kind's spec instead:\n" + "\n".join(found)


def test_every_declared_scaffold_is_a_regkb_new_command() -> None:
    from regkb.commands.new import FIELDS
    from regkb.core.kinds import all_kinds

    declared = {k.spec.scaffold for k in all_kinds() if k.spec.scaffold}
    assert declared == {"convention", "circular", "question"} and declared <= set(FIELDS)
    assert all(k.spec.versioned for k in all_kinds() if k.spec.is_act)  # `regkb new decree-version` serves them
