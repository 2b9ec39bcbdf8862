"""Two builds of the same sources give identical files (issue 9).

The one declared build timestamp is REGKB_TODAY (core/validate.py: build_date); the plugin derives
MkDocs' SOURCE_DATE_EPOCH from it, so even the gzip header of sitemap.xml.gz is fixed by it.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
from pathlib import Path

from conftest import ROOT, TODAY, build_site


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


def test_the_declared_build_date_is_the_only_timestamp(sample_site: Path) -> None:
    with gzip.open(sample_site / "sitemap.xml.gz") as stream:
        stream.read()
        mtime = stream.mtime
    declared = dt.datetime.combine(dt.date.fromisoformat(TODAY), dt.time(), tzinfo=dt.timezone.utc)
    assert mtime == int(declared.timestamp())
    assert (sample_site / "sitemap.xml").read_bytes() == gzip.decompress((sample_site / "sitemap.xml.gz").read_bytes())
