"""Dates right on every build day and in every reader's timezone (issue 16).

- the sample is valid (no error, no warning: what fails a strict build) on the first day of every
  month from 2019 to 2028 and on every version boundary, and every reference lands on a page
  where its article exists; two real strict builds on key days, their links checked;
- the status rules are one Python table; regkb.js carries a generated copy, and both give the
  same statuses over one table of instants in a real Chromium in four timezones;
- an impossible REGKB_TODAY stops; duplicate versions and a version before its act are reported.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, build_site, copy_project

from regkb.core.diagnostics import Diagnostics
from regkb.core.status_rules import JS_PATH, js_block, js_in_file, legal_day, status_of
from regkb.core.validate import BuildDateError, build_date, validate_corpus
from regkb.sources import load_corpus
from regkb.sources.inventory import check_handwritten_refs

DOC = "regulations/ar-1996-07-03"


# --- valid on every build day -------------------------------------------------------------------
def _build_days(corpus) -> list[dt.date]:
    days = {dt.date(year, month, 1) for year in range(2019, 2029) for month in range(1, 13)}
    for document in corpus:
        for version in document.versions:
            for boundary in (version.in_force, version.end):
                if boundary is not None:
                    days |= {boundary - dt.timedelta(days=1), boundary}
        for boundary in (document.repealed, document.date, document.reviewed):
            if boundary is not None:
                days |= {boundary - dt.timedelta(days=1), boundary}
    return sorted(days)


def _landing_problems(corpus, day: dt.date) -> list[str]:
    """References whose link would open a page without their article."""
    problems = []
    index = corpus.references
    for reference in index.references:
        resolution = index.resolution(reference)
        if resolution is None or not reference.target.anchor:
            continue
        shown = resolution.version or resolution.lands or resolution.document.current(day)
        if not any(reference.target.anchor in text.article_map for text in shown.texts.values()):
            problems.append(f"{day}: {reference.path}:{reference.line}: {reference.target} opens {shown.key}")
    return problems


def test_the_sample_is_valid_on_every_build_day(monkeypatch: pytest.MonkeyPatch) -> None:
    """What a strict build fails on is the loader's and the validator's diagnostics (and the
    hand-written pages' references): checked through them on each day, the loader's own
    (day-independent) checks once."""
    monkeypatch.setenv("REGKB_TODAY", "2026-11-22")
    corpus, diagnostics = load_corpus(ROOT)
    assert [d.format() for d in diagnostics] == []
    days = _build_days(corpus)
    assert len(days) > 120
    failures: list[str] = []
    for day in days:
        found = Diagnostics()
        validate_corpus(corpus, found, day)
        check_handwritten_refs(ROOT, corpus, day, found)
        failures += [f"{day}: {d.format()}" for d in found.sorted()]
        failures += _landing_problems(corpus, day)
    assert failures == []


@pytest.mark.parametrize("day", ["2024-06-30", "2019-01-01"])
def test_strict_build_on_a_key_day_and_its_links(tmp_path: Path, day: str) -> None:
    """The day before the amendment of 1 July 2024 (the announced amendment and three answers
    cite art. 7bis, which exists from that day), and the sample's first day."""
    site = tmp_path / "site"
    result = build_site(ROOT, site, today=day)
    assert result.returncode == 0, result.stderr[-3000:]
    check = subprocess.run([sys.executable, "-m", "regkb.site_check", str(site), "--site-url",
                            "https://regkb.example.be/"], capture_output=True, text=True, timeout=300)
    assert check.returncode == 0, check.stdout[-3000:]
    if day == "2024-06-30":
        html = (site / "regulations/ar-2024-05-30/index.html").read_text(encoding="utf-8")
        assert 'href="../ar-1996-07-03/2024-07-01/#art-7bis"' in html  # the version that has it
        html = (site / "faq/kine-liste-fa-fb/index.html").read_text(encoding="utf-8")
        assert 'href="../../regulations/ar-1996-07-03/2024-07-01/#art-7bis"' in html
        # a text whose version on the circular's day is the one in force today: the stable page
        html = (site / "circulars/circ-kine-2024-2/index.html").read_text(encoding="utf-8")
        assert 'href="../../regulations/ar-1984-09-14/#art-7"' in html


def test_undated_reference_day_follows_the_citing_version() -> None:
    from regkb.core.model import Version
    from regkb.core.references import reference_day

    version = Version(dt.date(2024, 7, 1), end=dt.date(2027, 1, 1))
    assert reference_day(version, dt.date(2020, 5, 5)) == dt.date(2024, 7, 1)  # still to come
    assert reference_day(version, dt.date(2025, 5, 5)) == dt.date(2025, 5, 5)  # in force
    assert reference_day(version, dt.date(2027, 1, 1)) == dt.date(2026, 12, 31)  # replaced: its last day
    assert reference_day(None, dt.date(2020, 5, 5)) == dt.date(2020, 5, 5)


# --- the build day ------------------------------------------------------------------------------
@pytest.mark.parametrize("value", ["2026-13-01", "2026-02-29", "26-01-01", "today", "2026-1-01", "9999-06-01",
                                   "0001-01-01"])
def test_an_impossible_build_day_stops(value: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REGKB_TODAY", value)
    with pytest.raises(BuildDateError, match="REGKB_TODAY"):
        build_date()


def test_an_impossible_build_day_stops_the_commands_and_the_build(tmp_path: Path) -> None:
    env = dict(os.environ, REGKB_TODAY="2026-13-01", NO_MKDOCS_2_WARNING="1")
    for command in (["check"], ["build", "--site-dir", str(tmp_path / "a")]):
        result = subprocess.run([sys.executable, "-m", "regkb.cli", *command], cwd=ROOT, env=env,
                                capture_output=True, text=True, timeout=120)
        assert result.returncode == 2, result.stderr
        assert "REGKB_TODAY='2026-13-01' is not a date written YYYY-MM-DD" in result.stderr
        assert "Traceback" not in result.stderr
    result = build_site(ROOT, tmp_path / "b", today="2026-13-01")
    assert result.returncode != 0 and "REGKB_TODAY='2026-13-01' is not a date" in result.stderr
    assert not (tmp_path / "b" / "index.html").exists()


def test_the_language_processes_of_a_build_share_one_build_day(monkeypatch: pytest.MonkeyPatch) -> None:
    """`regkb build` decides the day once for its FR and NL processes (each asked the clock: a
    build started just before midnight in Brussels gave the two languages different days)."""
    from regkb.commands.build import language_env

    monkeypatch.delenv("REGKB_TODAY", raising=False)
    monkeypatch.setattr("regkb.core.validate.legal_day", lambda: dt.date(2027, 1, 1))
    assert language_env({"PATH": "/bin"}) == {"PATH": "/bin", "NO_MKDOCS_2_WARNING": "1", "REGKB_TODAY": "2027-01-01"}
    monkeypatch.setenv("REGKB_TODAY", "2026-11-22")  # a declared day is passed on as it is
    assert language_env(dict(os.environ))["REGKB_TODAY"] == "2026-11-22"


def test_the_wall_clock_day_is_brussels() -> None:
    utc = dt.timezone.utc
    assert legal_day(dt.datetime(2024, 6, 30, 22, 30, tzinfo=utc)) == dt.date(2024, 7, 1)
    assert legal_day(dt.datetime(2024, 12, 31, 22, 59, tzinfo=utc)) == dt.date(2024, 12, 31)
    assert legal_day(dt.datetime(2024, 12, 31, 23, 0, tzinfo=utc)) == dt.date(2025, 1, 1)


# --- diagnostics --------------------------------------------------------------------------------
def _messages(tmp_path: Path, edit, today: str = "2026-11-22") -> list[str]:
    project = copy_project(tmp_path / "project")
    edit(project)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("REGKB_TODAY", today)
        _, diagnostics = load_corpus(project)
    return [d.format() for d in diagnostics.sorted()]


def test_duplicate_version_names_both_files_and_both_lines(tmp_path: Path) -> None:
    def edit(project: Path) -> None:
        folder = project / "docs/fr" / DOC
        text = (folder / "2024-07-01.md").read_text(encoding="utf-8")
        (folder / "2024-08-01.md").write_text(text.replace("---\n", "---\n# copied\n", 1), encoding="utf-8")  # in_force: line 3
    hit = [m for m in _messages(tmp_path, edit) if "same entry-into-force date 2024-07-01" in m]
    assert len(hit) == 1
    assert hit[0].startswith(f"docs/fr/{DOC}/2024-08-01.md:3: error:")
    assert f"this file (docs/fr/{DOC}/2024-08-01.md, line 3) and docs/fr/{DOC}/2024-07-01.md (line 2)" in hit[0]


def test_first_version_before_the_act_warns_with_file_and_line(tmp_path: Path) -> None:
    folder = "docs/{lang}/regulations/ar-2024-05-30"

    def edit(project: Path) -> None:
        for lang in ("fr", "nl"):
            index = project / folder.format(lang=lang) / "index.md"
            index.write_text(index.read_text(encoding="utf-8").replace("date: 2024-05-30", "date: 2024-08-30"),
                             encoding="utf-8")
    hit = [m for m in _messages(tmp_path, edit) if "before the act's own date" in m]
    assert len(hit) == 1
    assert hit[0].startswith("docs/fr/regulations/ar-2024-05-30/2024-07-01.md:2: warning: the first version is in "
                             "force from 2024-07-01, before the act's own date (signature) (2024-08-30, "
                             "docs/fr/regulations/ar-2024-05-30/index.md line ")

    def declared(project: Path) -> None:
        edit(project)
        for lang in ("fr", "nl"):
            version = project / folder.format(lang=lang) / "2024-07-01.md"
            version.write_text(version.read_text(encoding="utf-8").replace("---\n", "---\nretroactive: true\n", 1),
                               encoding="utf-8")
    assert not [m for m in _messages(tmp_path / "again", declared) if "before the act's own date" in m]


# --- dates as authors write them ---------------------------------------------------------------
@pytest.mark.parametrize("written, message, fix", [
    ("2027-02-29", "'2027-02-29' is not a valid date: February 2027 has 28 days", "official publication"),
    ("2026-13-01", "there is no month 13", "official publication"),
    ("01/03/2027", "(it reads as 2027-03-01)", "Write 'in_force: 2027-03-01'"),  # Belgian order: day first
    ("1.3.2027", "(it reads as 2027-03-01)", "Write 'in_force: 2027-03-01'"),
    ("1er mars 2027", "(it reads as 2027-03-01)", "Write 'in_force: 2027-03-01'"),
    ("1 maart 2027", "(it reads as 2027-03-01)", "Write 'in_force: 2027-03-01'"),
    ("2027-3-1", "(it reads as 2027-03-01)", "Write 'in_force: 2027-03-01'"),
    ("2027–03–01", "(it reads as 2027-03-01)", "Write 'in_force: 2027-03-01'"),  # a word processor's dashes
    ("2027/03/01", "(it reads as 2027-03-01)", "Write 'in_force: 2027-03-01'"),
    (20270301, "(it reads as 2027-03-01)", "Write 'in_force: 2027-03-01'"),
    # an instant is its day in Brussels: 23:00 UTC on 28 February is 1 March there
    ("2027-02-28T23:00:00Z", "an instant, not a day: in Brussels it falls on 2027-03-01", "in_force: 2027-03-01"),
    ("2027-03-01T00:00:00+01:00", "in Brussels it falls on 2027-03-01", "in_force: 2027-03-01"),
    ("2026-10-24T22:30:00+00:00", "in Brussels it falls on 2026-10-25", "in_force: 2026-10-25"),  # summer time
    ("2027-W09-1", "is not a valid date written YYYY-MM-DD", "YYYY-MM-DD"),  # an ISO week date: not read
    ("", "the date is empty", "YYYY-MM-DD"),
    (None, "the date is empty", "YYYY-MM-DD"),
    ("0001-01-01", "outside the years 1700–2199", "Correct the year"),
    ("9999-12-31", "outside the years 1700–2199", "leave the date out"),
])
def test_a_date_not_written_yyyy_mm_dd_names_the_day_meant(written: object, message: str, fix: str) -> None:
    from regkb.core.dates import DateError, parse_date

    with pytest.raises(DateError) as caught:
        parse_date(written)
    assert message in str(caught.value)
    assert fix in caught.value.fix("in_force")


def test_dates_yaml_or_python_already_read_are_days_in_brussels() -> None:
    from regkb.core.dates import parse_date

    assert parse_date(dt.date(2027, 3, 1)) == dt.date(2027, 3, 1)
    assert parse_date(dt.datetime(2027, 2, 28, 23, 0, tzinfo=UTC)) == dt.date(2027, 3, 1)
    assert parse_date(" 2027-03-01 ") == dt.date(2027, 3, 1)


def test_dates_that_changed_nothing_are_reported_with_file_line_and_fix(tmp_path: Path) -> None:
    """An empty required date, an end or start under a key the file does not read, a far-future
    'no end' sentinel (which crashed the loader for a convention: its day after overflowed)."""
    def replace(project: Path, path: str, old: str, new: str) -> None:
        for lang in ("fr", "nl"):
            file = project / path.format(lang=lang)
            text = file.read_text(encoding="utf-8")
            assert old in text, file
            file.write_text(text.replace(old, new, 1), encoding="utf-8")

    def edit(project: Path) -> None:
        replace(project, "docs/{lang}/regulations/ar-1984-09-14/index.md", "date: 1984-09-14", "date:")
        replace(project, "docs/{lang}/" + DOC + "/index.md", "date: 1996-07-03", "date: 1996-07-03\nend: 2030-01-01")
        replace(project, "docs/{lang}/" + DOC + "/2027-01-01.md", "in_force: 2027-01-01",
                "in_force: 2027-01-01\nrepealed: 2030-01-01")
        replace(project, "docs/{lang}/conventions/conv-loco-gent/index.md", "end: 2026-06-30", "end: 9999-12-31")
        replace(project, "docs/{lang}/conventions/conv-loco-liege/index.md", "date: 2019-01-01",
                "date: 2019-01-01\nrepealed: 2030-01-01")
    messages = _messages(tmp_path, edit)
    text = "\n".join(messages)
    assert "Traceback" not in text
    assert ("docs/fr/regulations/ar-1984-09-14/index.md:5: error: date: the date is empty, and this field is "
            "required.") in text
    assert (f"docs/fr/{DOC}/index.md:6: error: 'end' is not read in this file" in text
            and "A regulation ends with 'repealed: YYYY-MM-DD'" in text)
    assert f"docs/nl/{DOC}/2027-01-01.md:3: error: 'repealed' is not read in this file" in text
    assert "a version ends when the next version file begins" in text.lower()
    assert "docs/fr/conventions/conv-loco-gent/index.md:8: error: end: '9999-12-31' is outside the years" in text
    assert "docs/fr/conventions/conv-loco-liege/index.md:8: error: 'repealed' is not read in this file" in text
    assert "A convention ends with 'end: YYYY-MM-DD' (its last day)" in text


# --- one table of rules, Python and JavaScript --------------------------------------------------
def test_the_page_script_carries_the_python_rules() -> None:
    assert js_in_file(JS_PATH.read_text(encoding="utf-8")) == js_block(), \
        "regkb.js is out of date: run python -m regkb.core.status_rules --write"


UTC = dt.timezone.utc
# (instant, from, until, repealed): boundaries, repeal, convention end, retroactive version, leap
# day, DST nights (Brussels, and New York's own), the 00:30 in Brussels.
CASES = [
    (dt.datetime(2024, 6, 30, 21, 59, 59, tzinfo=UTC), "2024-07-01", "2027-01-01", None),
    (dt.datetime(2024, 6, 30, 22, 0, tzinfo=UTC), "2024-07-01", "2027-01-01", None),
    (dt.datetime(2024, 6, 30, 22, 30, tzinfo=UTC), "2022-07-01", "2024-07-01", None),
    (dt.datetime(2026, 12, 31, 22, 59, tzinfo=UTC), "2024-07-01", "2027-01-01", None),
    (dt.datetime(2026, 12, 31, 23, 0, tzinfo=UTC), "2024-07-01", "2027-01-01", None),
    (dt.datetime(2024, 12, 31, 22, 30, tzinfo=UTC), "2019-01-01", "2025-01-01", "2025-01-01"),  # repeal
    (dt.datetime(2024, 12, 31, 23, 30, tzinfo=UTC), "2019-01-01", "2025-01-01", "2025-01-01"),
    (dt.datetime(2026, 6, 30, 21, 30, tzinfo=UTC), "2020-07-01", "2026-07-01", "2026-07-01"),  # convention end
    (dt.datetime(2026, 6, 30, 22, 30, tzinfo=UTC), "2020-07-01", "2026-07-01", "2026-07-01"),
    (dt.datetime(2024, 3, 15, 12, 0, tzinfo=UTC), "2024-01-01", None, None),  # retroactive (published later)
    (dt.datetime(2023, 12, 31, 22, 30, tzinfo=UTC), "2024-01-01", None, None),
    (dt.datetime(2024, 2, 28, 22, 59, 59, tzinfo=UTC), "2024-02-29", "2024-03-01", None),  # leap day
    (dt.datetime(2024, 2, 28, 23, 0, tzinfo=UTC), "2024-02-29", "2024-03-01", None),
    (dt.datetime(2024, 2, 29, 23, 0, tzinfo=UTC), "2024-02-29", "2024-03-01", None),
    (dt.datetime(2024, 3, 30, 22, 59, tzinfo=UTC), "2024-03-31", None, None),  # spring forward
    (dt.datetime(2024, 3, 30, 23, 0, tzinfo=UTC), "2024-03-31", None, None),
    (dt.datetime(2024, 3, 31, 1, 0, tzinfo=UTC), "2024-03-31", "2024-04-01", None),
    (dt.datetime(2024, 3, 31, 21, 59, tzinfo=UTC), "2024-03-31", "2024-04-01", None),
    (dt.datetime(2024, 3, 31, 22, 0, tzinfo=UTC), "2024-03-31", "2024-04-01", None),
    (dt.datetime(2024, 10, 26, 21, 59, tzinfo=UTC), "2024-10-27", None, None),  # fall back
    (dt.datetime(2024, 10, 26, 22, 0, tzinfo=UTC), "2024-10-27", None, None),
    (dt.datetime(2024, 10, 27, 1, 30, tzinfo=UTC), "2024-10-27", "2024-10-28", None),
    (dt.datetime(2024, 10, 27, 22, 59, tzinfo=UTC), "2024-10-27", "2024-10-28", None),
    (dt.datetime(2024, 10, 27, 23, 0, tzinfo=UTC), "2024-10-27", "2024-10-28", None),
    (dt.datetime(2024, 3, 10, 7, 30, tzinfo=UTC), "2024-03-10", None, None),  # New York's spring night
    (dt.datetime(2024, 11, 3, 4, 30, tzinfo=UTC), "2024-11-03", None, "2024-11-04"),
]
TIMEZONES = ["UTC", "Europe/Brussels", "America/New_York", "Asia/Tokyo", "Pacific/Honolulu", "Pacific/Kiritimati"]
# A settable clock for the page (no hook in the site): Date() and Date.now() read window.__now.
FAKE_CLOCK = """(function () {
  var Real = Date;
  function Fake() {
    var args = Array.prototype.slice.call(arguments);
    var now = window.__now === undefined ? Real.now() : window.__now;
    if (!(this instanceof Fake)) return new Real(now).toString();
    return args.length ? new (Function.prototype.bind.apply(Real, [null].concat(args)))() : new Real(now);
  }
  Fake.prototype = Real.prototype; Fake.UTC = Real.UTC; Fake.parse = Real.parse;
  Fake.now = function () { return window.__now === undefined ? Real.now() : window.__now; };
  window.Date = Fake;
})();"""


def _clock_at(driver, instant: dt.datetime) -> None:
    """The faked clock, set to `instant` before the page's script first runs (not the real day)."""
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": FAKE_CLOCK})
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument",
                           {"source": f"window.__now = {int(instant.timestamp() * 1000)};"})


def _load(driver, url: str) -> None:
    """Open `url` and wait for the page script (chromedriver may return while still loading)."""
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(url)
    WebDriverWait(driver, 30).until(lambda d: d.execute_script(
        "return document.readyState === 'complete' && !!window.regkbDates"))


def _expected(case) -> tuple[str, str]:
    instant, start, until, repealed = case
    day = legal_day(instant).isoformat()
    return day, status_of({"from": start, "until": until, "repealed": repealed}, day)


def test_python_and_the_page_script_agree_in_every_timezone(sample_site: Path) -> None:
    from browser import chromium, serve

    expected = [_expected(case) for case in CASES]
    rows = [[int(c[0].timestamp() * 1000), c[1], c[2], c[3]] for c in CASES]
    badge = "return document.querySelector(\"table.regkb-timeline [data-from='2027-01-01']\").textContent"
    with serve(sample_site) as base, chromium() as driver:
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": FAKE_CLOCK})
        for tz in TIMEZONES:
            driver.execute_cdp_cmd("Emulation.setTimezoneOverride", {"timezoneId": tz})
            _load(driver, base + DOC + "/")
            got = driver.execute_script("""
                var out = [], d = window.regkbDates;
                arguments[0].forEach(function (r) {
                  window.__now = r[0];
                  var day = d.today();
                  out.push([day, d.status(r[1], r[2], r[3], day)]);
                });
                return [Intl.DateTimeFormat().resolvedOptions().timeZone, out];""", rows)
            assert got[0] == tz
            mismatches = [(CASES[i][0].isoformat(), exp, tuple(g)) for i, (exp, g) in enumerate(zip(expected, got[1]))
                          if tuple(g) != exp]
            assert mismatches == [], tz
            # the page itself: at 00:30 in Brussels on 1 January 2027 the version of that day is
            # in force; at 23:30 the evening before, not yet, whatever the device's own day
            for instant, want in ((dt.datetime(2026, 12, 31, 23, 30, tzinfo=UTC), "En vigueur"),
                                  (dt.datetime(2026, 12, 31, 22, 30, tzinfo=UTC), "À venir")):
                driver.execute_script("window.__now = arguments[0]; window.regkbDates.refresh();",
                                      int(instant.timestamp() * 1000))
                assert driver.execute_script(badge) == want, (tz, instant)
        # ?today= still wins over the clock
        _load(driver, base + DOC + "/?today=2027-02-01")
        driver.execute_script("window.__now = arguments[0]; window.regkbDates.refresh();",
                              int(dt.datetime(2026, 12, 31, 22, 30, tzinfo=UTC).timestamp() * 1000))
        assert driver.execute_script(badge) == "En vigueur"


def test_as_in_force_on_says_why_there_is_no_version(sample_site: Path) -> None:
    from browser import chromium, serve
    from selenium.webdriver.support.ui import WebDriverWait

    html = (sample_site / DOC / "index.html").read_text(encoding="utf-8")
    assert " min=" not in html.split("data-regkb-asof", 1)[1].split("</form>", 1)[0]
    submit = ("var i = document.querySelector('form[data-regkb-asof] input'); i.value = arguments[0];"
              "document.querySelector('form[data-regkb-asof] button').click();"
              "return [document.querySelector('form[data-regkb-asof] output').textContent, i.getAttribute('aria-invalid'),"
              " i.getAttribute('aria-describedby').split(' ').indexOf(document.querySelector('form[data-regkb-asof] output').id) >= 0];")
    with serve(sample_site) as base, chromium() as driver:
        _load(driver, base + DOC + "/")
        text, invalid, described = driver.execute_script(submit, "2018-05-01")
        assert text == ("Ce texte n'est pas en vigueur le 1er mai 2018 : sa première version s'applique à partir "
                        "du 1er janvier 2019.")
        assert invalid == "true" and described
        assert driver.execute_script(submit, "")[0] == "Indiquez une date complète (jour, mois et année)."
        _load(driver, base + "nl/" + DOC + "/")
        assert driver.execute_script(submit, "2018-05-01")[0] == \
            "Deze tekst is op 1 mei 2018 niet van kracht: de eerste versie geldt vanaf 1 januari 2019."
        driver.execute_script(submit, "2019-01-01")  # the first day: its version
        WebDriverWait(driver, 20).until(lambda d: d.current_url.endswith("/2019-01-01/"))


def test_an_article_dropped_later_is_reported_while_the_citing_text_still_applies(tmp_path: Path) -> None:
    """The version of 2027 drops art. 7bis, which answers in force (open-ended) cite undated: the
    check says so now, at the merge request, not on the build day of 1 January 2027."""
    def edit(project: Path) -> None:
        for lang, heading in (("fr", "## Art. 7bis"), ("nl", "## Artikel 7bis")):
            path = project / "docs" / lang / DOC / "2027-01-01.md"
            # the version of 2027 written whole (the sample writes it as a partial version): the
            # text of 2024 under 2027's front matter, without art. 7bis
            front = path.read_text(encoding="utf-8").split("---\n", 2)[1].replace("partial: true\n", "")
            whole = (project / "docs" / lang / DOC / "2024-07-01.md").read_text(encoding="utf-8")
            text = "---\n" + front + "---\n" + whole.split("---\n", 2)[2]
            start = text.index(heading)
            path.write_text(text[:start] + text[text.index("## ", start + 3):], encoding="utf-8")
    messages = _messages(tmp_path, edit)
    hit = [m for m in messages if "has no article 'art-7bis' from 2027-01-01" in m]
    assert any(m.startswith("faq/physiotherapy/kine-liste-fa-fb.md:10: error:") for m in hit), messages
    assert all("ref:ar-1996-07-03@" in m for m in hit)
    # the circular of 2026 cites art. 7bis with its date (2024-07-01): still valid; the amending
    # decree cites it as it inserted it (its own entry into force): still valid
    assert not [m for m in messages if m.startswith(("circulars/2026/", "docs/fr/regulations/ar-2024-05-30/"))]
    assert not [m for m in messages if m.startswith("docs/nl/regulations/ar-2024-05-30/")]


def test_an_amending_act_cites_the_article_as_it_amended_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """After the version of 2027, the decree of 2024 still opens the version it brought."""
    from regkb.core.references import citing_days

    monkeypatch.setenv("REGKB_TODAY", "2028-03-01")
    corpus, _ = load_corpus(ROOT)
    amending = corpus.get("ar-2024-05-30")
    days = citing_days(corpus.references.acts, amending.id, amending.versions[0], dt.date(2028, 3, 1))
    assert days.of("ar-1996-07-03") == (dt.date(2024, 7, 1), False)
    assert days.of("ar-1984-09-14") == (dt.date(2028, 3, 1), None)


BUILT = dt.datetime(2026, 11, 22, 12, 0, tzinfo=UTC)  # the sample site's build day (conftest.TODAY)


def test_the_agenda_read_after_an_entry_into_force_lists_it_as_past(sample_site: Path) -> None:
    """Built on 22 November 2026 and read later: on 1 January 2027 the entry of that day is still
    'coming' (as the build of that day says), from 00:30 in Brussels on 2 January (23:30 UTC the
    evening before, 13:30 in Honolulu) it is under the recent ones, its month first."""
    from browser import chromium, serve

    where = """var li = document.getElementById('ar-1996-07-03-version-2027-01-01'), h2 = li, h3 = li;
        while (h2.tagName !== 'H2') h2 = h2.previousElementSibling || h2.parentNode;
        h3 = li.parentNode.previousElementSibling;
        var empty = document.querySelector('#coming + p.regkb-agenda-empty');
        return [h2.id, h3.id, h3.textContent, empty.hidden, li.querySelector('[data-regkb-status]').textContent,
                document.querySelectorAll('#recent ~ h3').length];"""
    with serve(sample_site) as base, chromium() as driver:
        _clock_at(driver, BUILT)
        driver.execute_cdp_cmd("Emulation.setTimezoneOverride", {"timezoneId": "Pacific/Honolulu"})
        _load(driver, base + "agenda/")
        months = driver.execute_script("return document.querySelectorAll('#recent ~ h3').length;")
        driver.execute_script("window.__now = arguments[0]; window.regkbDates.refresh();",
                              int(dt.datetime(2027, 1, 1, 22, 30, tzinfo=UTC).timestamp() * 1000))
        assert driver.execute_script(where) == ["coming", "coming-2027-01", "Janvier 2027", True, "En vigueur", months]
        for _ in range(2):  # and again, as when the reader comes back to the tab
            driver.execute_script("window.__now = arguments[0]; window.regkbDates.refresh();",
                                  int(dt.datetime(2027, 1, 1, 23, 30, tzinfo=UTC).timestamp() * 1000))
            assert driver.execute_script(where) == ["recent", "recent-2027-01", "Janvier 2027", False, "En vigueur",
                                                    months + 1]
        assert driver.execute_script("return document.querySelector('#recent ~ h3').id") == "recent-2027-01"
        assert driver.execute_script("return document.getElementById('coming-2027-01')") is None


def test_a_version_page_read_after_its_entry_into_force_says_it_is_in_force(sample_site: Path) -> None:
    """The version of 1 January 2027, built on 22 November 2026, read from Kiritimati (UTC+14): at
    00:30 there on 1 January (still 31 December in Brussels) it is to come; at 00:30 in Brussels,
    its badge, its banners and its schema.org legal force say in force."""
    from browser import chromium, serve

    state = """var ld = JSON.parse(Array.prototype.filter.call(document.querySelectorAll('script[type="application/ld+json"]'),
                 function (s) { return s.textContent.indexOf('legislationLegalForce') >= 0; })[0].textContent);
               var shown = Array.prototype.filter.call(document.querySelectorAll('[data-regkb-when]'),
                 function (e) { return !e.hidden; }).map(function (e) { return e.dataset.regkbWhen; });
               return [ld.legislationLegalForce.split('/').pop(), shown,
                       document.querySelector('.regkb-facts [data-regkb-status], [data-regkb-status]').textContent];"""
    with serve(sample_site) as base, chromium() as driver:
        _clock_at(driver, BUILT)
        driver.execute_cdp_cmd("Emulation.setTimezoneOverride", {"timezoneId": "Pacific/Kiritimati"})
        _load(driver, base + DOC + "/2027-01-01/")
        assert driver.execute_script(state) == ["NotInForce", ["upcoming"], "À venir"]  # as built
        for instant, want in ((dt.datetime(2026, 12, 31, 10, 30, tzinfo=UTC), ["NotInForce", ["upcoming"], "À venir"]),
                              (dt.datetime(2026, 12, 31, 23, 30, tzinfo=UTC), ["InForce", [], "En vigueur"])):
            driver.execute_script("window.__now = arguments[0]; window.regkbDates.refresh();",
                                  int(instant.timestamp() * 1000))
            assert driver.execute_script(state) == want, instant


def test_as_in_force_on_proposes_the_readers_day_and_explains_an_article_page(sample_site: Path) -> None:
    """Built on 22 November 2026, opened on 15 March 2027: the date field proposes 15 March 2027
    (submitting the build day would show the version of November); a day the reader typed is
    kept. On an article's page, a day before the article, or no full day, is explained in words
    (the browser's own check of `min` blocked the form, an empty day said nothing)."""
    from browser import chromium, serve

    submit = ("var f = document.querySelector('form[data-regkb-asof]'), i = f.querySelector('input');"
              "i.value = arguments[0]; f.querySelector('button').click(); return f.querySelector('output').textContent;")
    field = "return document.querySelector('form[data-regkb-asof] input[type=date]').value;"
    with serve(sample_site) as base, chromium() as driver:
        _clock_at(driver, dt.datetime(2027, 3, 15, 8, 0, tzinfo=UTC))
        for path in (DOC + "/", DOC + "/art-7bis/"):
            _load(driver, base + path)
            assert driver.execute_script(field) == "2027-03-15", path
            driver.execute_script("document.querySelector('form[data-regkb-asof] input').value = '2025-02-03';"
                                  "window.regkbDates.refresh();")
            assert driver.execute_script(field) == "2025-02-03", path
        assert driver.execute_script(submit, "2024-06-30") == \
            "L'article n'est pas en vigueur le 30 juin 2024 : il s'applique à partir du 1er juillet 2024."
        assert driver.execute_script(submit, "") == "Indiquez une date complète (jour, mois et année)."


def test_without_time_zone_data_the_script_still_uses_belgiums_day(sample_site: Path) -> None:
    """Browsers without time zone data fell back on the device's day (in UTC-10 a new version
    showed 11 hours late, in UTC+14 13 hours early): the script's own Belgian rule agrees with
    Europe/Brussels around every change of time from 2000 to 2040 and at each new year, and the
    page uses it when Intl cannot give Brussels' day."""
    from browser import chromium, serve

    instants = []
    for year in range(2000, 2041):
        for month in (3, 10):
            last = max(dt.date(year, month, day) for day in range(25, 32) if dt.date(year, month, day).weekday() == 6)
            switch = dt.datetime(last.year, last.month, last.day, 1, 0, tzinfo=UTC)
            instants += [switch + dt.timedelta(minutes=m) for m in range(-26 * 60, 26 * 60, 30)]
        instants += [dt.datetime(year, 12, 31, 22, 59, tzinfo=UTC), dt.datetime(year, 12, 31, 23, 0, tzinfo=UTC)]
    expected = [legal_day(i).isoformat() for i in instants]
    no_zones = """(function () { var Real = Intl.DateTimeFormat;
      Intl.DateTimeFormat = function (l, o) { if (o && o.timeZone) throw new RangeError('no data'); return Real(l, o); };
    })();"""
    with serve(sample_site) as base, chromium() as driver:
        _load(driver, base + DOC + "/")
        got = driver.execute_script("return arguments[0].map(function (t) { return window.regkbDates.belgianDay(new Date(t)); });",
                                    [int(i.timestamp() * 1000) for i in instants])
        assert [(i.isoformat(), e, g) for i, e, g in zip(instants, expected, got) if e != g] == []
        _clock_at(driver, dt.datetime(2026, 12, 31, 23, 30, tzinfo=UTC))  # 00:30 on 1 January in Brussels
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": no_zones})
        driver.execute_cdp_cmd("Emulation.setTimezoneOverride", {"timezoneId": "Pacific/Honolulu"})
        _load(driver, base + DOC + "/")
        assert driver.execute_script("try { new Intl.DateTimeFormat('en-US', {timeZone: 'Europe/Brussels'}); "
                                     "return 'zones'; } catch (e) { return 'none'; }") == "none"
        assert driver.execute_script("return window.regkbDates.today();") == "2027-01-01"


def test_an_announced_repeal_is_dated_by_the_act_that_announced_it(tmp_path: Path) -> None:
    """The agenda feed dated a repeal by the repealed act's own date (1984: feed readers sorting by
    `updated` buried the announcement), the text's feed by the build day (a new `updated` on every
    build until the repeal): both now give the repealing act's publication, whatever the build day."""
    from regkb.pages.context import SiteContext
    from regkb.pages.docfeed import document_feed
    from regkb.pages.feeds import atom_feed

    def edit(project: Path) -> None:
        for lang in ("fr", "nl"):
            for folder, old, new in (("ar-1984-09-14", "date: 1984-09-14", "date: 1984-09-14\nrepealed: 2027-06-01"),
                                     ("ar-2025-03-20", "date: 2025-03-20", "date: 2025-03-20\nrepeals: ar-1984-09-14")):
                index = project / "docs" / lang / "regulations" / folder / "index.md"
                index.write_text(index.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    project = copy_project(tmp_path / "project")
    edit(project)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("REGKB_TODAY", "2026-11-22")
        corpus, _ = load_corpus(project)
    feeds = []
    for day in (dt.date(2026, 11, 22), dt.date(2026, 12, 5)):
        ctx = SiteContext(corpus, day)
        [entry] = [e for e in ctx.agenda.entries if e.document.id == "ar-1984-09-14" and e.kind == "repeal"]
        assert entry.known_since == dt.date(2025, 4, 10)
        assert "<updated>2025-04-10T12:00:00+02:00</updated>" in atom_feed(ctx, ctx.agenda, "fr").split(
            "#ar-1984-09-14-repeal-2027-06-01</id>", 1)[1].split("</entry>", 1)[0]
        feed = document_feed(ctx, corpus.get("ar-1984-09-14"), "fr")
        assert "<updated>2025-04-10T12:00:00+02:00</updated>" in feed.split("#repeal</id>", 1)[1].split("</entry>", 1)[0]
        feeds.append(feed)
    assert feeds[0] == feeds[1]


def test_an_article_page_read_after_its_text_changed_says_so(sample_site: Path) -> None:
    """Art. 7's page, built on 22 November 2026, shows the text of 2024 as 'in force': read from
    1 January 2027 in Brussels it says a new text applies, with the link to it (it said nothing)."""
    from browser import chromium, serve

    state = ("var n = document.querySelector('[data-regkb-article-newer]'), a = n.querySelector('a');"
             "return [n.hidden, n.textContent.trim(), a ? a.getAttribute('href') : null];")
    with serve(sample_site) as base, chromium() as driver:
        _clock_at(driver, BUILT)
        driver.execute_cdp_cmd("Emulation.setTimezoneOverride", {"timezoneId": "America/New_York"})
        _load(driver, base + DOC + "/art-7/")
        assert driver.execute_script(state) == [True, "", None]
        for instant, want in (
                (dt.datetime(2026, 12, 31, 22, 59, tzinfo=UTC), [True, "", None]),
                (dt.datetime(2026, 12, 31, 23, 0, tzinfo=UTC),
                 [False, "Depuis le 1er janvier 2027, un nouveau texte de l'article est en vigueur : lire ce texte",
                  "#v-2027-01-01"])):
            driver.execute_script("window.__now = arguments[0]; window.regkbDates.refresh();",
                                  int(instant.timestamp() * 1000))
            assert driver.execute_script(state) == want, instant
        _load(driver, base + "nl/" + DOC + "/art-7/")
        driver.execute_script("window.__now = arguments[0]; window.regkbDates.refresh();",
                              int(dt.datetime(2027, 1, 5, tzinfo=UTC).timestamp() * 1000))
        assert driver.execute_script(state)[1] == \
            "Sinds 1 januari 2027 is een nieuwe tekst van het artikel van kracht: lees die tekst"


def test_a_circular_reviewed_before_its_own_date_is_reported(tmp_path: Path) -> None:
    def edit(project: Path) -> None:
        for lang in ("fr", "nl"):
            path = project / f"circulars/2024/circ-oa-2024-7.{lang}.md"
            text = path.read_text(encoding="utf-8")
            path.write_text(re.sub(r"(?m)^reviewed: .*$", "reviewed: 2023-01-15", text, count=1), encoding="utf-8")
    hit = [m for m in _messages(tmp_path, edit) if "reviewed (2023-01-15) is before" in m]
    assert len(hit) == 1 and hit[0].startswith("circulars/2024/circ-oa-2024-7.fr.md:"), hit
    assert "Fix: Correct one of the two dates" in hit[0]


@pytest.mark.parametrize("written", ['"true"', "oui", "1"])
def test_a_retroactive_flag_not_understood_is_reported(tmp_path: Path, written: str) -> None:
    """`retroactive: "true"` was read as false in silence: the warning it answered asked again
    for 'retroactive: true'."""
    folder = "docs/{lang}/regulations/ar-2024-05-30"

    def edit(project: Path) -> None:
        for lang in ("fr", "nl"):
            version = project / folder.format(lang=lang) / "2024-07-01.md"
            version.write_text(version.read_text(encoding="utf-8").replace("---\n", f"---\nretroactive: {written}\n", 1),
                               encoding="utf-8")
    hit = [m for m in _messages(tmp_path, edit) if "retroactive is" in m]
    value = written.strip('"')
    assert hit[0] == (f"docs/fr/regulations/ar-2024-05-30/2024-07-01.md:2: error: retroactive is '{value}', not true "
                      "or false. Fix: Write 'retroactive: true' (without quotes) when the version takes effect before "
                      "its act's date on purpose, or remove the line.")
    assert len(hit) == 2


def test_an_amendment_without_its_own_dates_is_dated_by_its_amending_act(tmp_path: Path) -> None:
    """A version with `amended_by` but no published or signed line was dated, in the agenda feed,
    by the amended act's own date (1996): now by the amending act's publication."""
    from regkb.pages.context import SiteContext

    def edit(project: Path) -> None:
        for lang in ("fr", "nl"):
            path = project / "docs" / lang / DOC / "2024-07-01.md"
            text = path.read_text(encoding="utf-8")
            path.write_text(re.sub(r"(?m)^(published|signed): .*\n", "", text), encoding="utf-8")
    project = copy_project(tmp_path / "project")
    edit(project)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("REGKB_TODAY", "2024-06-01")
        corpus, _ = load_corpus(project)
    ctx = SiteContext(corpus, dt.date(2024, 6, 1))
    [entry] = [e for e in ctx.agenda.entries if e.document.id == "ar-1996-07-03" and e.day == dt.date(2024, 7, 1)]
    amending = corpus.get("ar-2024-05-30")
    # its publication (2024-06-20) is still to come on the build day: its signature, the last date
    # that has come (test_feed_known.py); on the day of the publication, the publication
    assert entry.known_since == amending.versions[0].signed == dt.date(2024, 5, 30)
    later = SiteContext(corpus, dt.date(2024, 6, 20))
    [entry] = [e for e in later.agenda.entries if e.document.id == "ar-1996-07-03" and e.day == dt.date(2024, 7, 1)]
    assert entry.known_since == amending.versions[0].published == dt.date(2024, 6, 20)
