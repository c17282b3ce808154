"""Redaction markers and their extent."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cablegram.fields import find_redactions


@pytest.mark.parametrize(
    ("marker", "extent"),
    [
        ("[less than 1 line of source text not declassified]", "less than 1 line"),
        ("[2 paragraphs (14 lines) not declassified]", "2 paragraphs (14 lines)"),
        ("[1 paragraph (3 lines of source text) not declassified]", "1 paragraph (3 lines)"),
        ("[name not declassified]", "name"),
        ("[1½ lines not declassified]", "1½ lines"),
        ("[text not declassified]", "text"),
        ("[less than 1 line of 2-column source text not declassified]", "less than 1 line"),
        ("[dollar amount not declassified]", "dollar amount"),
        ("[place not\n declassified]", "place"),
    ],
)
def test_extent(marker: str, extent: str) -> None:
    found = find_redactions(f"Before {marker} after.")
    assert [(r.text, r.extent) for r in found] == [(" ".join(marker.split()), extent)]


def test_several_in_order_and_none_elsewhere() -> None:
    text = "A [name not declassified] met B [3 lines of source text not declassified]."
    assert [r.extent for r in find_redactions(text)] == ["name", "3 lines"]
    assert find_redactions("The text was declassified [in 1998].") == []


@given(st.text(max_size=200))
def test_any_text(text: str) -> None:
    for r in find_redactions(text):
        assert r.text.startswith("[") and r.text.endswith("]")
