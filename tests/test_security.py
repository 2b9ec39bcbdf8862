"""Attacks on a site built from merge requests (issue 18): hostile sources in a copy of the sample.

One hostile project is built once (non-strict, so the site is made despite the errors) and
checked with `regkb check`; the tests share both. Every script payload calls a sentinel
(`window.__pwned`); Chromium loads each page that holds a payload's text with the page's CSP
bypassed (the sanitizer and the escapers must hold on their own; the CSP is tested apart).
Hypothesis works on the escapers, the sanitizer and the validators, not on whole builds.
"""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from conftest import ROOT, TODAY, copy_project

SENTINEL = "__pwned"
JS = f"window.{SENTINEL}=1"
TITLE = f'</title><script>{JS}</script><!-- "Kiné à domicile" <img src=x onerror="{JS}">'
BODY = f"""
Texte normal avec un `code "entre" guillemets`.

<script>{JS}</script>

<img src="x" onerror="{JS}">

<iframe src="javascript:{JS}"></iframe>

[cliquez](javascript:{JS}) et [image](data:text/html;base64,PHNjcmlwdD4=)

Paragraphe {{: onmouseover="{JS}" }}

<a href="jav&#x61;script:{JS}">lien</a> <span style="background:red" title="ok">stylé</span>

<form action="https://evil.example/"><input name="q"></form>

<svg><script>{JS}</script></svg> <math><mtext><table><mglyph><style><img src=x onerror="{JS}">

<div id="__config">{{"base": "https://evil.example/"}}</div>

![pixel](https://tracker.example/p.gif) <img src="//tracker.example/q.gif" alt="q"> <tel:+3221234567>

</script><!-- commentaire jamais fermé
"""


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _plant(root: Path, outside: Path) -> dict[str, str]:
    """Hostile sources; returns {name: path} of the files each problem must be reported in."""
    q = json.dumps  # a YAML string that holds anything
    circ = "circulars/2024/circ-kine-2024-2.fr.md"
    text = (root / circ).read_text(encoding="utf-8")
    text = re.sub(r"^title: .*$", lambda m: f"title: {q(TITLE)}", text, count=1, flags=re.M)
    text = re.sub(r"^short_title: .*$", lambda m: f"short_title: {q(TITLE)}", text, count=1, flags=re.M)
    _write(root / circ, text + BODY)
    answer = "faq/physiotherapy/kine-nombre-seances.md"
    text = (root / answer).read_text(encoding="utf-8")
    text = re.sub(r"^(  fr: ).*$", lambda m: m.group(1) + q(TITLE), text, count=1, flags=re.M)
    _write(root / answer, text.replace("<!-- nl -->", BODY + "\n<!-- nl -->"))
    taxonomy = (root / "taxonomy.yml").read_text(encoding="utf-8")
    taxonomy = re.sub(r"^(    fr: ).*$", lambda m: m.group(1) + q(TITLE), taxonomy, flags=re.M)
    taxonomy += "\n" if not taxonomy.endswith("\n") else ""
    _write(root / "taxonomy.yml", taxonomy.replace("topics:\n", 'topics:\n  "../../../x":\n    fr: X\n    nl: X\n  "a b#c":\n    fr: Y\n    nl: Y\n', 1))
    guide = root / "docs/fr/guide/index.md"
    text = guide.read_text(encoding="utf-8")
    # fields the theme prints raw where generated pages put escaped values (in a <script>, an attribute)
    theme_fields = (f"regkb_jsonld: {q('</script><script>' + JS + '</script>')}\nregkb_index: {q(TITLE)}\n"
                    f"regkb_feed: {{href: {q('javascript:' + JS)}, title: t}}\ntemplate: 404.html\n")
    text = (f"---\ntitle: {q(TITLE)}\ndescription: {q(TITLE)}\n{theme_fields}---\n" + text.split("---\n", 2)[-1]
            if text.startswith("---\n") else f"---\ntitle: {q(TITLE)}\n---\n" + text)
    _write(guide, text + BODY)
    # relations, limits, YAML, identifiers, control characters
    base = "---\nnumber: \"2099/{n}\"\ndate: 2024-01-01\naudience: insurers\nreviewed: 2024-01-01\n"
    files = {
        "self": ("circulars/2024/circ-self.fr.md", base.format(n=1) + "title: T\nshort_title: T\nreplaces: circ-self\n---\nx\n"),
        "cycle-a": ("circulars/2024/circ-cyc-a.fr.md", base.format(n=2) + "title: T\nshort_title: T\nreplaces: circ-cyc-b\n---\nx\n"),
        "cycle-b": ("circulars/2024/circ-cyc-b.fr.md", base.format(n=3) + "title: T\nshort_title: T\nreplaces: circ-cyc-a\n---\nx\n"),
        "alias": ("circulars/2024/circ-alias.fr.md", base.format(n=4) + "title: T\nshort_title: T\n"
                  + "a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
                  + "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\nimplements: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n---\nx\n"),
        "duplicate": ("circulars/2024/circ-dup.fr.md", base.format(n=5) + "title: T\ntitle: U\nshort_title: T\n---\nx\n"),
        "numac": ("docs/fr/regulations/ar-2099-01-01/index.md",
                  "---\nkind: royal-decree\ntitle: T\nshort_title: T\ndate: 2099-01-01\nnumac: \"12/4567890\"\n---\n"),
        "numac-version": ("docs/fr/regulations/ar-2099-01-01/2099-01-01.md", "---\nin_force: 2099-01-01\namended_by: ar-2099-01-01\n---\n## Art. 1\n\nx\n"),
        "nul": ("circulars/2024/circ-nul.fr.md", base.format(n=6).replace('"2099/6"', '"2099/6\\0"') + "title: T\nshort_title: T\n---\nx\n"),
        "bigint": ("circulars/2024/circ-big.fr.md", base.format(n=7) + "title: T\nshort_title: T\nsummary: " + "9" * 5001 + "\n---\nx\n"),
        "control": ("circulars/2024/circ-ctl.fr.md", base.format(n=8) + "title: \"Titre \\x1b[31m\"\nshort_title: \"T\x0b\"\n---\nx\n"),
        "brackets": ("circulars/2024/circ-brk.fr.md", base.format(n=9) + "title: T\nshort_title: T\n---\n" + "[" * 100_000 + "\n"),
        # a title that reads "...fdp.exe" backwards, a zero-width space inside a word, the same as YAML escapes
        "bidi": ("circulars/2024/circ-bidi.fr.md", base.format(n=11) + "title: \"Circulaire \u202eexe.fdp\"\n"
                 "short_title: \"Circ\u200bulaire\"\n---\nTexte\u2066 isolé\u2069 et ka\u200bné.\n"),
        # an "official text" link to a look-alike host
        "eli": ("docs/fr/regulations/ar-2099-02-02/index.md", "---\nkind: royal-decree\ntitle: T\nshort_title: T\n"
                "date: 2099-02-02\neli: https://www.ejustice.just.fgov.be.evil.example/eli/arrete/2099/02/02/2099000001/justel\n---\n"),
        # values YAML does not read as text: published as '' or as YAML reads them, not as written
        "not-text": ("circulars/2024/circ-types.fr.md", base.format(n=13) + "title: [Circulaire, OA]\nshort_title: 1.10\n---\nx\n"),
        "not-text-conv": ("docs/fr/conventions/conv-types/index.md", "---\nkind: convention\ntitle: T\nshort_title: T\n"
                          "sector: locomotor-rehabilitation\ninstitution: {CHU: Liège}\ndate: 2020-01-01\n---\n"),
        "not-text-version": ("docs/fr/conventions/conv-types/2020-01-01.md", "---\nin_force: 2020-01-01\nlabel: yes\n---\n## Article 1\n\nx\n"),
        "bidi-escape": ("circulars/2024/circ-bidi-esc.fr.md", base.format(n=12) + 'title: "Circulaire \\u202Eexe.fdp"\n'
                        'short_title: "T\\u200b"\n---\nx\n'),
    }
    for rel, content in files.values():
        _write(root / rel, content)
    _write(root / "docs/fr/evil.html", f"<script>{JS}</script>")
    _write(root / "docs/fr/guide/evil.svg", f'<svg xmlns="http://www.w3.org/2000/svg" onload="{JS}"/>')
    (root / "docs/fr/leak.md").symlink_to("/etc/passwd")
    (root / "faq/physiotherapy/leak.md").symlink_to("/proc/self/environ")
    (root / "docs/fr/loop").symlink_to(".")
    outside.mkdir(exist_ok=True)
    _write(outside / "secret.fr.md", base.format(n=10) + "title: SECRET\nshort_title: SECRET\n---\nsecret zorglubsecret\n")
    (root / "circulars/2098").symlink_to(outside)
    # a guide page linked to a file outside (its words once went into the published vocabulary)
    (root / "docs/fr/guide/leak-guide.md").symlink_to(outside / "secret.fr.md")
    # named pipes: reading one waits forever (git cannot hold them, a working copy can)
    for rel in ("circulars/2024/circ-fifo.fr.md", "docs/fr/guide/fifo.md", "docs/fr/guide/pipe.png"):
        os.mkfifo(root / rel)
    return {name: rel for name, (rel, _content) in files.items()} | {
        "circ": circ, "answer": answer, "guide": "docs/fr/guide/index.md", "taxonomy": "taxonomy.yml",
        "leak": "docs/fr/leak.md", "leak-faq": "faq/physiotherapy/leak.md", "loop": "docs/fr/loop",
        "outside": "circulars/2098", "html-file": "docs/fr/evil.html", "svg-file": "docs/fr/guide/evil.svg",
        "leak-guide": "docs/fr/guide/leak-guide.md", "fifo": "circulars/2024/circ-fifo.fr.md",
        "fifo-page": "docs/fr/guide/fifo.md", "fifo-static": "docs/fr/guide/pipe.png"}


def _tree(folder: Path) -> dict[str, tuple[int, int]]:
    out = {}
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            stat = path.stat()
            out[path.relative_to(folder).as_posix()] = (stat.st_size, stat.st_mtime_ns)
    return out


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory):
    """(project, site, build log, check report, planted files, files outside before, after)."""
    top = tmp_path_factory.mktemp("hostile")
    root = copy_project(top / "project")
    planted = _plant(root, top / "outside")
    before = _tree(top)
    env = dict(os.environ, REGKB_TODAY=TODAY, NO_MKDOCS_2_WARNING="1")
    check = subprocess.run([sys.executable, "-m", "regkb.cli", "--root", str(root), "check"], cwd=root, env=env,
                           capture_output=True, text=True, timeout=300)
    started = time.monotonic()
    build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(root / "mkdocs.yml")], cwd=root,
                           env=env, capture_output=True, text=True, timeout=900)
    elapsed = time.monotonic() - started
    after = _tree(top)
    return {"root": root, "site": root / "site", "build": build, "check": check, "planted": planted,
            "top": top, "before": before, "after": after, "elapsed": elapsed}


def test_hostile_build_finishes_without_traceback(hostile):
    build = hostile["build"]
    assert build.returncode == 0, build.stderr[-3000:]
    assert "Traceback" not in build.stderr and "Traceback" not in hostile["check"].stderr
    assert hostile["elapsed"] < 300  # 100,000 '[' and an alias bomb do not stall it


def test_nothing_written_outside_the_site_and_cache(hostile):
    before, after = hostile["before"], hostile["after"]
    changed = {path for path in set(before) | set(after) if before.get(path) != after.get(path)}
    stray = sorted(p for p in changed if not (p.startswith("project/site/") or p.startswith("project/.cache/")
                                             or "__pycache__" in p))
    assert stray == []
    assert not (hostile["top"] / "x").exists() and not (hostile["root"] / "x").exists()


def test_no_secret_or_link_target_published(hostile):
    site = hostile["site"]
    pages = "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in site.rglob("*.html"))
    assert "root:x:0:0" not in pages and "SECRET" not in pages
    for path in site.rglob("*"):  # search indexes, vocabularies, feeds: no word of a linked file
        if path.is_file() and path.suffix in (".json", ".xml", ".ics", ".js", ".txt"):
            assert "zorglubsecret" not in path.read_text(encoding="utf-8", errors="replace").lower(), path
    assert not (site / "leak").exists() and not (site / "loop").exists()
    assert not list(site.rglob("evil.*"))  # an .html or .svg file in docs/ is not copied


def _diagnostics(report: str) -> list[str]:
    """`regkb check`'s text report (a header per file, then `  line N: error: ...`) as
    `path:N: error: message` lines, the form the build logs."""
    out, path = [], ""
    for line in report.splitlines():
        if line and not line.startswith(" "):
            path = line
        match = re.match(r"^  line (\d+): (error|warning): (.*)$", line)
        if match:
            out.append(f"{path}:{match[1]}: {match[2]}: {match[3]}")
    return out


@pytest.mark.parametrize("name, needle", [
    ("circ", "not allowed"), ("answer", "not allowed"), ("guide", "not allowed"),
    ("taxonomy", "not a valid id"), ("self", "names the text itself"), ("cycle-a", "cycle"), ("cycle-b", "cycle"),
    ("alias", "aliases"), ("duplicate", "written twice"), ("numac", "not a valid numac"),
    ("numac-version", "names the text itself"), ("nul", "control character"), ("bigint", "cannot be read"),
    ("control", "control character"), ("brackets", "bounded time"), ("leak", "symbolic link"),
    ("leak-faq", "symbolic link"), ("loop", "symbolic link"), ("outside", "symbolic link"),
    ("html-file", "not published"), ("svg-file", "not published"), ("bidi", "invisible character"),
    ("bidi-escape", "invisible character"), ("not-text", "must be text, but YAML reads a list"),
    ("not-text", "must be text, but YAML reads the number 1.1"), ("not-text-conv", "must be text, but YAML reads a mapping"),
    ("not-text-version", "must be text, but YAML reads yes/no"), ("leak-guide", "symbolic link"), ("guide", "the field 'regkb_jsonld' is not read on a page"),
    ("guide", "the field 'template' is not read on a page"), ("eli", "not an address of the Belgian official journal"), ("fifo", "not a regular file"),
    ("fifo-page", "not a regular file"), ("fifo-static", "not a regular file"), ("circ", "on another site"), ("circ", "unknown HTML element"),
])
def test_every_bad_input_has_a_diagnostic(hostile, name, needle):
    path = hostile["planted"][name]
    lines = [line for line in _diagnostics(hostile["check"].stdout + hostile["check"].stderr)
             if line.startswith(path + ":")]
    assert any(needle in line for line in lines), (path, lines)
    assert hostile["check"].returncode != 0


def test_policy_diagnostics_name_the_line(hostile):
    circ = hostile["planted"]["circ"]
    report = _diagnostics(hostile["check"].stdout)
    source = (hostile["root"] / circ).read_text(encoding="utf-8").split("\n")
    script_line = next(i for i, line in enumerate(source, 1) if line.startswith("<script>"))
    assert f"{circ}:{script_line}: error: the HTML element <script> is not allowed." in report


def test_check_reports_everything_the_build_refuses(hostile):
    """Each source error the build logs is in `regkb check`'s report."""
    check = set(_diagnostics(hostile["check"].stdout))
    build_errors = {re.sub(r"^(ERROR|WARNING)\s+-\s+(regkb: )?", "", line).split(" Fix: ")[0]
                    for line in hostile["build"].stderr.splitlines() if ": error: " in line}
    assert build_errors and build_errors <= check, sorted(build_errors - check)[:5]


def _pages_with_payload(site: Path) -> list[Path]:
    """Pages holding a payload's text (escaped or not), those holding most first."""
    counts = {p: p.read_text(encoding="utf-8", errors="replace").count(SENTINEL) for p in site.rglob("*.html")}
    return sorted((p for p, n in counts.items() if n), key=lambda p: (-counts[p], str(p)))


def test_generated_html_holds_no_active_payload(hostile):
    """Static view of every page: no event attribute, no javascript:/data: link, no script
    holding the payload, no element a payload could add, in every context."""
    from bs4 import BeautifulSoup

    pages = _pages_with_payload(hostile["site"])
    assert len(pages) >= 8  # the circular, the answer, the topic, the guide (in the navigation of every page)...
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag in soup.find_all(True):
            assert not [a for a in tag.attrs if a.lower().startswith("on")], (page, tag)
            for attr in ("href", "src", "action", "formaction"):
                value = str(tag.get(attr, "")).strip().lower()
                assert not value.startswith(("javascript:", "data:")), (page, tag)
            assert tag.name not in ("iframe", "object", "embed", "frame"), (page, tag.name)
            if tag.name == "script":
                assert SENTINEL not in (tag.string or "") or tag.get("type") in ("application/json", "application/ld+json"), page
                if tag.get("type") in ("application/json", "application/ld+json"):
                    json.loads(tag.string or "null")  # the JSON is whole: nothing broke out of it
        for article in soup.find_all("article"):  # Material's icons are SVG; the texts have none
            assert not article.find_all(["svg", "math", "style", "base"]), page
            for form in article.find_all("form"):  # ours only (date form, search page): to this site
                assert ":" not in form.get("action", "") and not form.get("action", "").startswith("//"), page
        assert soup.find(id="__config").name == "script", page  # no clobbering of Material's config
        title = soup.find("title")
        assert title is not None and title.find_all(True) == [], page
        description = soup.find("meta", attrs={"name": "description"})
        assert description is not None


def test_no_invisible_character_or_image_of_another_site_published(hostile):
    """Bidirectional overrides and zero-width characters are reported and removed (a title shown in
    another order than it is written and searched); no image of the site points to another origin."""
    from bs4 import BeautifulSoup

    invisible = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
    site = hostile["site"]
    page = (site / "circulars/circ-bidi/index.html").read_text(encoding="utf-8")
    assert "Circulaire exe.fdp" in page and "kané" in page
    for path in [*site.rglob("*.html"), *site.rglob("*.xml"), *site.rglob("*.ics"), *site.rglob("*.json")]:
        text = path.read_text(encoding="utf-8", errors="replace")
        assert not invisible.search(text), path
        if path.suffix == ".html" and "tracker.example" in text:
            for tag in BeautifulSoup(text, "html.parser").find_all(src=True):
                assert "tracker.example" not in tag["src"], (path, tag)


def test_no_payload_runs_in_chromium(hostile):
    from browser import chromium, serve

    pages = _pages_with_payload(hostile["site"])
    site = hostile["site"]
    with serve(site) as base, chromium() as driver:
        driver.execute_cdp_cmd("Page.setBypassCSP", {"enabled": True})  # the escaping alone must hold
        for page in pages[:40]:
            rel = page.relative_to(site).as_posix()
            driver.get(base + rel)
            for element in driver.find_elements("css selector", "article a, article img, article span")[:50]:
                driver.execute_script("arguments[0].dispatchEvent(new MouseEvent('mouseover', {bubbles: true}))", element)
            time.sleep(0.2)
            assert driver.execute_script(f"return window.{SENTINEL} === undefined"), rel
            assert driver.execute_script("return typeof window.__md_get === 'function'"), rel  # Material ran
        # the site search shows titles and excerpts of the hostile texts: still text, not markup
        for query in ("onerror pwned", "script window", "Kiné domicile"):
            driver.get(base + "search/?q=" + query.replace(" ", "+"))
            deadline = time.monotonic() + 15
            while time.monotonic() < deadline and not driver.find_elements("css selector", "[data-regkb-results] li"):
                time.sleep(0.2)
            assert driver.find_elements("css selector", "[data-regkb-results] li"), query
            time.sleep(0.3)
            assert driver.execute_script(f"return window.{SENTINEL} === undefined"), query
            assert not driver.find_elements("css selector", "[data-regkb-results] img, [data-regkb-results] script")


def test_feeds_stay_well_formed(hostile):
    for feed in hostile["site"].rglob("feed.xml"):
        ET.fromstring(feed.read_bytes())
    for calendar in hostile["site"].rglob("agenda.ics"):
        text = calendar.read_bytes()
        assert not re.search(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", text)
        assert all(len(line) <= 75 for line in text.split(b"\r\n"))


def test_site_dir_over_the_sources_is_refused(hostile):
    root = hostile["root"]
    env = dict(os.environ, REGKB_TODAY=TODAY, NO_MKDOCS_2_WARNING="1")
    before = sorted(p.name for p in (root / "circulars").rglob("*.md"))
    for command in ([sys.executable, "-m", "regkb.cli", "--root", str(root), "build", "--site-dir", "circulars"],
                    [sys.executable, "-m", "mkdocs", "build", "-d", str(root / "circulars"), "-f", str(root / "mkdocs.yml")],
                    [sys.executable, "-m", "mkdocs", "build", "-d", str(root), "-f", str(root / "mkdocs.yml")]):
        result = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, timeout=300)
        assert result.returncode != 0 and re.search("site folder|site_dir", result.stdout + result.stderr)
        assert "Traceback" not in result.stderr
    assert sorted(p.name for p in (root / "circulars").rglob("*.md")) == before


def test_sample_pages_satisfy_their_csp(sample_site):
    """The site's own scripts run under its Content-Security-Policy (no violation reported), and an
    inline script would not."""
    from bs4 import BeautifulSoup
    from browser import chromium, serve

    home = BeautifulSoup((sample_site / "index.html").read_text(encoding="utf-8"), "html.parser")
    csp = home.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    for page in sample_site.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        inline = [s for s in soup.find_all("script") if not s.get("src")
                  and s.get("type") not in ("application/json", "application/ld+json")]
        assert inline == [], page
    with serve(sample_site) as base, chromium() as driver:
        for rel in ("", "nl/", "search/", "regulations/ar-1996-07-03/", "agenda/"):
            driver.get(base + rel)
            time.sleep(0.5)
            violations = [entry["message"] for entry in driver.get_log("browser")
                          if "Content Security Policy" in entry["message"]
                          and "fonts.googleapis.com" not in entry["message"]  # Material's fonts: third-party, blocked
                          and "regkb.example.be" not in entry["message"]]  # site_url's sitemap, another origin here
            assert violations == [], (rel, violations)
            assert driver.execute_script("return typeof window.__md_get === 'function' && !!document.querySelector('.md-header')")
        driver.execute_script("var s=document.createElement('script');s.textContent='window.__inline=1';document.head.appendChild(s)")
        assert driver.execute_script("return window.__inline === undefined")


# --- hypothesis on the pieces ---------------------------------------------------------------
TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200)
HTMLISH = st.lists(st.sampled_from([
    "<script>", "</script>", "<img src=x onerror=", "<a href=\"", "javascript:", "jav&#x61;script:", "data:text/html,",
    "<iframe ", "<svg><script>", "<style>", "\" onmouseover=\"", "'", "\"", ">", "<", "<!--", "-->", "<math>",
    "<form>", "<input ", "style=\"x\"", "<span class=\"regkb-note\" role=\"note\">", "</span>", "<p>", "text", " ",
    "<table><td style=\"text-align: left\">", "id=\"__config\"", "<base href=//evil>", "<object data=", "&lt;",
]), max_size=30).map("".join)


@settings(max_examples=200, deadline=None)
@given(TEXT)
def test_esc_round_trips_and_cannot_open_markup(value):
    from regkb.pages.html import esc

    out = esc(value)
    assert not set(out) & set("<>\"'") and html.unescape(out) == value


@settings(max_examples=200, deadline=None)
@given(TEXT, TEXT)
def test_builder_escapes_text_and_attributes_and_keeps_html(text, value):
    """element(), html_format() and html_join() escape every value given as text; what is
    marked as HTML (theirs, markupsafe.Markup) is kept as it is, never escaped twice."""
    from bs4 import BeautifulSoup
    from markupsafe import Markup

    from regkb.pages.html import HTML, element, html_format, html_join

    inner = element("b", text)
    out = element("p", [text, inner, Markup("<i>x</i>")], title=value, data_flag=True, hidden=None)
    soup = BeautifulSoup(out, "html.parser")
    p = soup.find("p")
    assert p.get("title") == value and p.get("data-flag") == "" and "hidden" not in p.attrs
    assert [c.name for c in p.find_all(True)] == ["b", "i"]
    assert inner == f"<b>{html.escape(text)}</b>" and html.unescape(inner[3:-4]) == text
    assert str(out).startswith("<p ") and str(out).count("<b>") == 1
    assert html_format("<em>{}</em>{}", text, inner) == f"<em>{html.escape(text)}</em>{inner}"
    assert html_join(", ", [text, inner]) == f"{html.escape(text)}, {inner}"
    assert isinstance(out, HTML) and isinstance(out + "x", str) and not isinstance(out + "x", HTML)
    assert element("input", type="date", value=value) == f'<input type="date" value="{html.escape(value)}">'


@settings(max_examples=200, deadline=None)
@given(st.recursive(st.none() | st.booleans() | TEXT,
                    lambda children: st.one_of(st.lists(children, max_size=4),
                                               st.dictionaries(TEXT, children, max_size=4)),
                    max_leaves=20))
def test_json_in_script_cannot_close_the_element(data):
    from regkb.pages.html import script_json

    out = script_json(data)
    assert not set(out) & set("<>&") and json.loads(out) == data


@settings(max_examples=300, deadline=None)
@given(HTMLISH)
@example('<a href="<iframe id="__config"<script>" onmouseover="')  # an id's pattern once cut this apart
def test_sanitizer_output_has_no_active_content(value):
    from bs4 import BeautifulSoup

    from regkb.pages.sanitize import sanitize

    out = sanitize(value)
    soup = BeautifulSoup(out, "html.parser")
    for tag in soup.find_all(True):
        assert tag.name not in ("script", "style", "iframe", "svg", "math", "form", "input", "base", "object")
        assert not any(a.lower().startswith("on") or a == "style" and tag.name not in ("td", "th") for a in tag.attrs)
        for attr in ("href", "src"):
            assert not str(tag.get(attr, "")).lower().replace(" ", "").startswith(("javascript:", "data:"))
        assert not str(tag.get("id", "")).startswith("_")
    assert sanitize(out) == out  # stable: a second pass changes nothing


@settings(max_examples=200, deadline=None)
@given(HTMLISH)
def test_policy_check_reports_what_the_sanitizer_removes(value):
    """Whenever the sanitizer drops a forbidden element, event attribute or URL, the check has
    reported something in that text (nothing is removed silently)."""
    from bs4 import BeautifulSoup

    from regkb.core.htmlpolicy import url_allowed, violations

    soup = BeautifulSoup(value, "html.parser")
    dangerous = [tag for tag in soup.find_all(True)
                 if tag.name in ("script", "iframe", "svg", "style", "math", "form", "input", "base", "object")
                 or any(a.lower().startswith("on") for a in tag.attrs)
                 or any(not url_allowed(str(tag.get(a))) for a in ("href", "src") if tag.get(a) is not None)]
    if dangerous:
        assert list(violations(value)), value


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abc-/._~:%#?@ \\\x00\n\r", max_size=30))
@example("abc\n")  # '$' matched before a final newline: an id, a file name or a URL ending in one
def test_ids_that_pass_are_safe_path_segments(value):
    from regkb.core.references import TARGET
    from regkb.site.plugin import SAFE_PATH
    from regkb.sources.loader import FIELD_PATTERNS, ID_PATTERN, VERSION_FILE

    if ID_PATTERN.match(value):
        assert re.fullmatch(r"[a-z0-9][a-z0-9-]*", value) and ".." not in value
    assert TARGET.match("ar-1996-07-03#art-7\n") is None and TARGET.match("ar-1996-07-03\n") is None
    for pattern in (SAFE_PATH, VERSION_FILE, *(p for p, _fix in FIELD_PATTERNS.values() if p is not None)):
        assert not pattern.match(value + "\n")


def test_windows_reserved_names_are_refused(tmp_path):
    """`con`, `nul`, `com1`... pass the id pattern but cannot be a file or folder on Windows."""
    from regkb.sources import load_corpus

    root = copy_project(tmp_path / "project")
    base = "---\nnumber: \"2024/90\"\ndate: 2024-01-01\naudience: insurers\nreviewed: 2024-01-01\ntitle: T\nshort_title: T\n---\nx\n"
    (root / "circulars/2024/con.fr.md").write_text(base, encoding="utf-8")
    (root / "circulars/2024/lpt1.fr.md").write_text(base.replace("2024/90", "2024/91"), encoding="utf-8")
    taxonomy = (root / "taxonomy.yml").read_text(encoding="utf-8")
    (root / "taxonomy.yml").write_text(taxonomy.replace("topics:\n", "topics:\n  aux:\n    fr: X\n    nl: X\n", 1), encoding="utf-8")
    corpus, diagnostics = load_corpus(root)
    found = {(d.path, d.code) for d in diagnostics.errors}
    assert {("circulars/2024/con.fr.md", "bad-id"), ("circulars/2024/lpt1.fr.md", "bad-id"), ("taxonomy.yml", "bad-id")} <= found
    assert "con" not in corpus.documents and "aux" not in corpus.taxonomy.topics


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["docs", "circulars", "faq", "site", "out", "..", ".", "fr", "plugins", ".cache"]),
                min_size=0, max_size=4))
def test_site_dir_guard(parts):
    from regkb.sources.safety import PROTECTED, site_dir_problem

    rel = "/".join(parts) or "."
    site = (ROOT / rel).resolve()
    problem = site_dir_problem(ROOT, rel)
    clash = site == ROOT or ROOT.is_relative_to(site) or any(
        site == (ROOT / name) or site.is_relative_to(ROOT / name) for name in PROTECTED)
    assert (problem is not None) == clash, (rel, problem)


@settings(max_examples=200, deadline=None)
@given(TEXT)
def test_calendar_text_is_escaped_and_folded(value):
    from regkb.pages.feeds import fold, ical_text

    line = fold("SUMMARY;LANGUAGE=fr:" + ical_text(value))
    for part in line.split("\r\n"):
        assert len(part.encode("utf-8")) <= 75
        assert not re.search(r"[\x00-\x08\x0a-\x1f\x7f]", part)


@settings(max_examples=200, deadline=None)
@given(TEXT)
def test_feed_text_is_well_formed_xml(value):
    from regkb.core.limits import CONTROL
    from regkb.pages.xmltext import xml_attr, xml_text

    element = ET.fromstring(f'<t a="{xml_attr(value)}" b=\'{xml_attr(value)}\'>{xml_text(value)}</t>')
    kept = re.sub("[\ud800-\udfff]", "", CONTROL.sub("", value))
    assert element.get("a") == element.get("b") == (element.text or "") == kept  # read back as written


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="ab:&*[]{}- \n\"'!", max_size=120))
def test_front_matter_never_raises(value):
    from regkb.core.diagnostics import Diagnostics
    from regkb.sources.frontmatter import parse_source

    diagnostics = Diagnostics()
    source = parse_source("x.md", f"---\n{value}\n---\nbody", diagnostics)
    assert source.ok or diagnostics.errors


def test_new_writes_every_file_or_none(tmp_path):
    """`regkb new` never leaves the French files alone (and so never says "nothing written"
    after writing some): a failure on the Dutch file removes the French one."""
    from regkb.sources.scaffold import Scaffold

    (tmp_path / "docs/nl").mkdir(parents=True)
    (tmp_path / "docs/nl/regulations").write_text("a file where a folder is expected", encoding="utf-8")
    scaffold = Scaffold({"docs/fr/regulations/x/2025-01-01.md": "fr", "docs/nl/regulations/x/2025-01-01.md": "nl"})
    with pytest.raises(OSError):
        scaffold.write(tmp_path)
    assert not (tmp_path / "docs/fr/regulations/x/2025-01-01.md").exists()


@pytest.mark.parametrize("markdown, reported", [
    ("Le code `<script>x</script>` reste du texte.", False),
    ("```html\n<script>x</script>\n```\n", False),
    ("Art. 3. <L 2008-12-22/32, art. 96, 002; En vigueur : 01-01-2009> [1 texte]1", False),
    ("<W 1999-12-24/30, art. 3> <AR 2005-01-01/00> <Inséré par L 2010-01-01/01, art. 2>", False),
    ('<span class="regkb-note" role="note" aria-label="note" title="t" id="n1">note</span>', False),
    ("[lien](https://www.ejustice.just.fgov.be/) [réf](ref:ar-1996-07-03#art-7) [rel](../x/)", False),
    ("Titre {: #ancre .classe }", False),
    ("<script>x</script>", True),
    ("<p onclick=x>y</p>", True),
    ("[x](JaVaScRiPt:alert(1))", True),
    ("[x]: javascript:alert(1)", True),
    ('<a href=" java\tscript:x">y</a>', True),
    ("<IFRAME src=x>", True),
    ('<td style="text-align: left">a</td>', False),
    ('<p style="color:red">a</p>', True),
    ('Titre {: style="x" }', True),
    ("<svg/onload=x>", True),
    # words a browser would take for an unknown element, so never show: reported, not lost
    ("L'article est <Abrogé> depuis 2010.", True),
    ("<Insér» par L 2003-03-20/49, art. 25;  Inwerkingtreding :  01-07-2003>", False),  # Justel's mangled é
    ("Voir <https://www.inami.fgov.be> ou <info@inami.be>.", False),  # autolinks
    ("prix < 5 et > 3", False),
    # a `<scheme:...>` that is not an http(s) autolink is raw HTML: an unknown element, its text lost
    ("Voir <javascript:alert(1)> ou <tel:+3221234567>.", True),
    ("<ftp://ftp.example.be/a>", True),  # an autolink whose link the sanitizer drops
    # images of another site: the reader's visit told to it (and blocked by the CSP)
    ("![logo](https://tracker.example/p.gif)", True),
    ('<img src="//tracker.example/p.gif" alt="x">', True),
    ('<img src="\\\\tracker.example\\p.gif" alt="x">', True),
    ("![logo](../img/logo.png) ![b](/assets/b.png)", False),
    ('<td style="background:url(https://tracker.example/)">a</td>', True),  # only text-align is kept
])
def test_policy_explicit_cases(markdown, reported):
    from regkb.core.htmlpolicy import violations

    assert bool(list(violations(markdown))) is reported, list(violations(markdown))


def test_sanitizer_drops_images_of_other_sites():
    """An image from another site loses its address (its alt text stays): no request leaves the
    site when a page is read, whatever the CSP the server sends."""
    from regkb.pages.sanitize import sanitize

    out = sanitize('<img src="https://t.example/p.gif" alt="a"><img src="//t.example/p" alt="b">'
                   '<img src="\\\\t.example\\p" alt="c"><img src=" HTTPS://t.example/p" alt="d">'
                   '<img src="logo.png" alt="e">')
    assert out == '<img alt="a"><img alt="b"><img alt="c"><img alt="d"><img src="logo.png" alt="e">'


def test_yaml_limits_and_identifiers(tmp_path):
    """Explicit bad inputs of the issue: each gives a diagnostic, none a traceback."""
    from regkb.core.diagnostics import Diagnostics
    from regkb.sources.frontmatter import parse_source

    cases = {
        "a: &a [1]\nb: *a": "aliases", "a: 1\na: 2": "written twice", "n: " + "1" * 5001: "cannot be read",
        "t: " + "[" * 50 + "]" * 50: "nesting", 'title: "x\\0y"': "control character", 'title: "\\x1b[31m"': "control character",
        'title: "a\\u202eb"': "invisible character", "tags: [\"x\\u2067\"]": "invisible character",
    }
    for front, needle in cases.items():
        diagnostics = Diagnostics()
        parse_source("x.md", f"---\n{front}\n---\n", diagnostics)
        assert any(needle in d.message for d in diagnostics), (front, [d.message for d in diagnostics])
    big = tmp_path / "big.md"
    big.write_bytes(b"---\ntitle: x\n---\n" + b"a" * (9 * 1024 * 1024))
    from regkb.sources.frontmatter import read_text

    diagnostics = Diagnostics()
    assert read_text(tmp_path, "big.md", diagnostics) is None
    assert "limit of 8,388,608 bytes" in diagnostics.items[0].message


def test_invisible_characters_named_with_line_and_column(tmp_path):
    from regkb.core.diagnostics import Diagnostics
    from regkb.justel.snapshot import escape_text
    from regkb.sources.frontmatter import read_text

    (tmp_path / "x.md").write_text("---\ntitle: Circulaire \u202eexe.fdp\n---\nka\u200bné \ufeffx\n", encoding="utf-8")
    diagnostics = Diagnostics()
    assert read_text(tmp_path, "x.md", diagnostics) == "---\ntitle: Circulaire exe.fdp\n---\nkané x\n"
    found = [(d.line, d.message) for d in diagnostics]
    assert found == [(2, "the line holds an invisible character (U+202E RIGHT-TO-LEFT OVERRIDE, column 19)."),
                     (4, "the line holds an invisible character (U+200B ZERO WIDTH SPACE, column 3).")]
    assert escape_text("ka\u200bné\u202e \x1b") == "kané \ufffd"  # invisible dropped, a control shown (reported on read)


def test_too_costly_markdown_is_plain_text_in_bounded_time():
    from regkb.pages.fragments import markdown_converter

    convert = markdown_converter()
    started = time.monotonic()
    out = convert("[" * 100_000 + "\n\n" + "<a " * 20_000)
    assert time.monotonic() - started < 5 and out.startswith('<pre class="regkb-unconverted">')


# --- every generated page kind escapes what it is given (issue 19: HTML by construction) -------
def _renderer(spec) -> str:
    """The function behind a page of the plan (the listing's own, for a page of a listing)."""
    from functools import partial

    render = spec.render
    while isinstance(render, partial):
        render = render.func
    name = render.__name__
    return name if name != "<lambda>" else "listing:" + spec.path


def test_hostile_titles_land_escaped_on_every_page_kind() -> None:
    """Titles, short titles, summaries, version labels, numbers and taxonomy labels set to a
    payload, then every page of the plan rendered in both languages (and the articles' static
    pages): the payload shows as text on each page kind, never as markup."""
    import datetime as dt

    from regkb.pages.articlepage import static_stubs
    from regkb.pages.context import SiteContext
    from regkb.pages.plan import build_plan
    from regkb.sources import load_corpus

    corpus, _ = load_corpus(ROOT)
    for document in corpus:
        for meta in document.meta.values():
            meta.title = meta.short_title = meta.institution = TITLE
        document.number = TITLE if document.number else document.number
        for version in document.versions:
            for text in version.texts.values():
                text.summary = text.label = TITLE
    for group in (corpus.taxonomy.sectors, corpus.taxonomy.topics, corpus.taxonomy.audiences):
        for labels in group.values():
            labels.update(dict.fromkeys(labels, TITLE))
    ctx = SiteContext(corpus, dt.date.fromisoformat(TODAY))
    raw = (f"<script>{JS}", "<img src=x", '<!-- "Kiné')  # the payload as markup, in any context
    escaped = html.escape(TITLE, quote=True)
    shown: dict[str, int] = {}
    for spec in build_plan(ctx):
        for lang in ("fr", "nl"):
            _title, body, _meta = spec.render(lang)
            found = [r for r in raw if r in body]
            assert not found, (spec.path, lang, found)
            if escaped in body or html.escape(TITLE, quote=False) in body:
                shown[_renderer(spec)] = shown.get(_renderer(spec), 0) + 1
    for lang in ("fr", "nl"):
        stubs = static_stubs(ctx, lang)
        assert stubs and all(not any(r in page for r in raw) for page in stubs.values())
        assert all(escaped in page for page in stubs.values())
    converted = {"article_page", "diff_page", "circular_page", "answer_page", "listing:agenda/", "_sector",
                 "_circular_year", "_faq_topic", "_faq_audience", "listing:regulations/", "listing:conventions/",
                 "listing:faq/", "document_page"}
    assert converted <= set(shown), sorted(converted - set(shown))
