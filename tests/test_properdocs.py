"""ProperDocs, the continuation of MkDocs 1.x, builds the very same site (issue 19).

MkDocs 1.x is unmaintained and MkDocs 2.0 drops plugins; ProperDocs is a drop-in replacement (it
answers every `mkdocs.*` import with its own module). `REGKB_GENERATOR=properdocs regkb build`
builds each language with ProperDocs' command line; the result must be the sample site that
`mkdocs build` makes, file for file, but for the generator named in each page's meta.
"""

from __future__ import annotations

import importlib.util
import os
import re
from pathlib import Path

import pytest

from conftest import ROOT
from test_parallel_build import all_files, regkb_build

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def test_properdocs_builds_the_same_site_as_mkdocs(tmp_path: Path, sample_site: Path, monkeypatch) -> None:
    if importlib.util.find_spec("properdocs") is None:
        pytest.skip("ProperDocs is not installed (pip install -e '.[test]' installs it)")
    monkeypatch.setenv("REGKB_GENERATOR", "properdocs")
    site = tmp_path / "site"
    result = regkb_build(ROOT, site)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    page = (site / "index.html").read_bytes()
    assert b'content="mkdocs-ProperDocs ' in page, "the site was not built by ProperDocs"
    assert all_files(site) == all_files(sample_site)
    different = []
    for name in sorted(all_files(site)):
        ours, theirs = (site / name).read_bytes(), (sample_site / name).read_bytes()
        if name.endswith(".html"):
            ours, theirs = GENERATOR.sub(b"", ours), GENERATOR.sub(b"", theirs)
        if ours != theirs:
            different.append(name)
    assert different == []


def test_an_unknown_generator_is_refused(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("REGKB_GENERATOR", "mkdocs2")
    result = regkb_build(ROOT, tmp_path / "site")
    assert result.returncode == 1 and "REGKB_GENERATOR='mkdocs2'" in result.stdout + result.stderr
    assert not os.path.exists(tmp_path / "site" / "index.html")
