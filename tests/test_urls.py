"""Relative links between built pages: the fast path agrees with posixpath.relpath."""

from __future__ import annotations

import posixpath

from hypothesis import given
from hypothesis import strategies as st

from regkb.core.urls import relative, url_link

SEGMENT = st.sampled_from(["a", "b", "regulations", "ar-1996-07-03", "2024-07-01", "diff", "", "."])
PATH = st.lists(SEGMENT, max_size=5).map(lambda parts: "/".join(parts) or ".")


@given(PATH, PATH)
def test_relative_is_relpath(path: str, start: str) -> None:
    assert relative(path, start) == posixpath.relpath(path, start)


def test_links_between_pages() -> None:
    assert url_link("regulations/ar-1/", "regulations/ar-2/", "art-7") == "../ar-2/#art-7"
    assert url_link("regulations/ar-1/2024-07-01/diff/", "regulations/ar-1/") == "../../"
    assert url_link("regulations/", "regulations/") == "./"
    assert url_link("", "faq/") == "faq/"
