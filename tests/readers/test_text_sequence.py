"""The data-quality checks on a run of documents (readers/sequence.py)."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from cablegram.readers.sequence import OUT_OF_SEQUENCE, check_sequence, text_dates
from cablegram.record import Record


def _recs(*dates: str | None, texts: dict[int, str] | None = None) -> list[Record]:
    texts = texts or {}
    return [Record(id=f"v/d{i}", collection="v", number=str(i), date=d, text=texts.get(i, ""))
            for i, d in enumerate(dates)]


def _flagged(recs: list[Record]) -> list[str]:
    return [r.number or "" for r in recs if any(f.startswith(OUT_OF_SEQUENCE) for f in r.flags)]


def test_wrong_year_between_agreeing_neighbours() -> None:
    recs = _recs("1962-11-01", "1962-11-02", "1963-11-02", "1962-11-02", "1962-11-03")
    warnings = check_sequence(recs)
    assert _flagged(recs) == ["2"]
    assert recs[2].date == "1963-11-02"  # kept as printed
    assert "misprint for 1962" in recs[2].flags[0]
    assert len(warnings) == 1 and "document 2" in warnings[0]


def test_chapter_boundary_is_not_flagged() -> None:
    # A new chapter starts over in time: the neighbours disagree, so nothing is proven.
    recs = _recs("1963-12-20", "1963-12-30", "1961-01-05", "1961-01-09")
    check_sequence(recs)
    assert _flagged(recs) == []


def test_edges_are_not_flagged() -> None:
    recs = _recs("1970-01-01", "1962-11-02", "1962-11-03")
    check_sequence(recs)
    assert _flagged(recs) == []


def test_undated_between_neighbours() -> None:
    recs = _recs("1962-11-03", None, "1962-11-05")
    check_sequence(recs)
    assert (recs[1].date_not_before, recs[1].date_not_after) == ("1962-11-03", "1962-11-05")
    assert recs[1].date is None


def test_undated_range_widened_by_its_text() -> None:
    recs = _recs("1962-11-05", None, "1962-11-05",
                 texts={1: "The text was transmitted on November 4; earlier, on October 1."})
    check_sequence(recs)
    # November 4 lies within two weeks before the neighbours; October 1 does not count.
    assert (recs[1].date_not_before, recs[1].date_not_after) == ("1962-11-04", "1962-11-05")


def test_undated_skips_a_flagged_neighbour() -> None:
    recs = _recs("1962-11-01", "1962-11-02", "1963-11-02", None, "1962-11-02", "1962-11-03")
    check_sequence(recs)
    assert (recs[3].date_not_before, recs[3].date_not_after) == ("1962-11-02", "1962-11-02")


def test_undated_at_the_edge_or_between_disordered_neighbours() -> None:
    recs = _recs(None, "1962-11-02", "1963-01-10", None, "1962-01-01")
    check_sequence(recs)
    assert recs[0].date_not_before is None and recs[0].date_not_after is None
    assert recs[3].date_not_before is None and recs[3].date_not_after is None


def test_existing_ranges_are_kept() -> None:
    recs = _recs("1962-11-01", None, "1962-11-30")
    recs[1].date_not_before, recs[1].date_not_after = "1962-11-10", "1962-11-12"
    check_sequence(recs)
    assert (recs[1].date_not_before, recs[1].date_not_after) == ("1962-11-10", "1962-11-12")


def test_text_dates() -> None:
    found = text_dates("On November 3, 1962 and November 4th, then December 1, 1963.", 1962)
    assert found == [date(1962, 11, 3), date(1962, 11, 4), date(1963, 12, 1)]


_DAYS = st.one_of(st.none(), st.integers(min_value=0, max_value=20000).map(
    lambda n: (date(1917, 1, 1) + timedelta(days=n)).isoformat()))


@given(st.lists(_DAYS, max_size=30), st.text(max_size=80))
def test_any_run_of_dates_is_checked_without_error(dates: list[str | None], text: str) -> None:
    recs = _recs(*dates, texts={0: text})
    check_sequence(recs)
    for r in recs:
        if r.date_not_before and r.date_not_after:
            assert r.date_not_before <= r.date_not_after
        if any(f.startswith(OUT_OF_SEQUENCE) for f in r.flags):
            assert r.date is not None
