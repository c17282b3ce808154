"""Printed-page markers "[Page N]" inline in history.state.gov text (hsg-shell renders a TEI
page break as a link reading "[Page N]": resources/odd/source/frus.odd in
https://github.com/HistoryAtState/hsg-shell)."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cablegram.fields.page_marks import PAGE_MARK, PageMarkError, drop_page_marks, page_before


@pytest.mark.parametrize(
    ("text", "out", "pages"),
    [
        ("the [Page 412] Soviet position", "the Soviet position", ["412"]),
        ("[Page 3] The Secretary said", "The Secretary said", ["3"]),
        ("he left. [Page 4]", "he left.", ["4"]),
        ("talks [Page 5], then", "talks, then", ["5"]),
        ("[Page 7]", "", ["7"]),
        ("front [Page xii] matter", "front matter", ["xii"]),
        ("two [Page 8] breaks [Page 9] here", "two breaks here", ["8", "9"]),
        ("no [Page] here, [page 3] low", "no [Page] here, [page 3] low", []),
    ],
)
def test_drop(text: str, out: str, pages: list[str]) -> None:
    got = drop_page_marks(text)
    assert (got.text, got.pages) == (out, pages)


def test_page_before() -> None:
    assert page_before("412") == "411"
    assert page_before("1") is None
    assert page_before("xii") is None
    with pytest.raises(PageMarkError):
        page_before("12a")


@given(st.text(max_size=200))
def test_any_text(text: str) -> None:
    got = drop_page_marks(text)
    assert len(got.pages) == len(PAGE_MARK.findall(text))


@given(st.lists(st.from_regex(r"[A-Za-z,.]{1,8}", fullmatch=True), min_size=2, max_size=15),
       st.integers(1, 9999), st.data())
def test_marker_round_trip(words: list[str], page: int, data: st.DataObject) -> None:
    at = data.draw(st.integers(1, len(words) - 1))
    text = " ".join(words)
    marked = " ".join([*words[:at], f"[Page {page}]", *words[at:]])
    got = drop_page_marks(marked)
    assert got.pages == [str(page)]
    if words[at][0] not in ",.":
        assert got.text == text


@given(st.text(max_size=12))
def test_page_before_value_or_own_error(page: str) -> None:
    with contextlib.suppress(PageMarkError):
        page_before(page)
