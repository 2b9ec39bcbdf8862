"""Two builds of the same sources give identical files (issue 9), with or without the build-speed
machinery (issue 19).

The one declared build timestamp is REGKB_TODAY (core/validate.py: build_date); the plugin derives
MkDocs' SOURCE_DATE_EPOCH from it, so even the gzip header of sitemap.xml.gz is fixed by it.
`REGKB_FAST=0` turns off what site/speed.py does to make a build faster; the site must not change.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
from pathlib import Path

from conftest import ROOT, TODAY, build_site
from test_parallel_build import regkb_build


def _digests(site: Path) -> dict[str, str]:
    return {path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(site.rglob("*")) if path.is_file()}


def test_two_builds_are_byte_identical(sample_site: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    result = build_site(ROOT, again)
    assert result.returncode == 0, result.stderr[-3000:]
    first, second = _digests(sample_site), _digests(again)
    assert sorted(set(first) ^ set(second)) == [], "files present in one build only"
    different = [name for name in first if first[name] != second[name]]
    assert different == [], different[:30]


def test_the_speed_machinery_changes_no_byte(sample_site: Path, tmp_path: Path, monkeypatch) -> None:
    """`regkb build` with REGKB_FAST=0 (no cached template fragments, Material's own lang.t and
    toc-item.html, no Markdown memo, no GC thresholds, fast exit or lower priority in the language
    processes) writes the very site `mkdocs build` writes with all of them (the session's)."""
    monkeypatch.setenv("REGKB_FAST", "0")
    plain = tmp_path / "plain"
    result = regkb_build(ROOT, plain)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    fast, slow = _digests(sample_site), _digests(plain)
    assert sorted(set(fast) ^ set(slow)) == [], "files present in one build only"
    different = [name for name in fast if fast[name] != slow[name]]
    assert different == [], different[:30]


def test_the_switch_turns_the_template_machinery_off(monkeypatch) -> None:
    """So that the test above compares two different builds: off, fragments are rendered on every
    page and `lang.t` is Material's, imported for each page."""
    from mkdocs.config import load_config

    from regkb.site import speed

    config = load_config(str(ROOT / "mkdocs.yml"))
    seen = {}
    for value in ("1", "0"):
        monkeypatch.setenv(speed.FAST_ENV, value)
        env = config.theme.get_env()
        speed.install(env, config)
        fragment = env.from_string('{% regkb_cache "x" %}{{ n }}{% endregkb_cache %}')
        translator = env.globals["regkb_translator"]
        seen[value] = ([fragment.render(n=n) for n in (1, 2)], translator("fr") is translator("fr"),
                       translator("fr")("toc"))
    assert seen["1"] == (["1", "1"], True, "Table des matières")
    assert seen["0"] == (["1", "2"], False, "Table des matières")
    monkeypatch.setenv(speed.FAST_ENV, "off")
    assert not speed.enabled()
    monkeypatch.delenv(speed.FAST_ENV)
    assert speed.enabled()


def test_the_declared_build_date_is_the_only_timestamp(sample_site: Path) -> None:
    with gzip.open(sample_site / "sitemap.xml.gz") as stream:
        stream.read()
        mtime = stream.mtime
    declared = dt.datetime.combine(dt.date.fromisoformat(TODAY), dt.time(), tzinfo=dt.timezone.utc)
    assert mtime == int(declared.timestamp())
    assert (sample_site / "sitemap.xml").read_bytes() == gzip.decompress((sample_site / "sitemap.xml.gz").read_bytes())
