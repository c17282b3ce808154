"""Datelines and printed dates: examples from the FRUS volumes and the seed text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cablegram.fields import Dateline, parse_date_text, parse_dateline


@pytest.mark.parametrize(
    ("text", "place", "date", "time"),
    [
        ("Moscow, January 21, 1961, 7 p.m.", "Moscow", "1961-01-21", "19:00"),
        ("Washington, October 31, 1962, 6 p.m.", "Washington", "1962-10-31", "18:00"),
        ("Washington, May 1, 1961—11:15 a.m.", "Washington", "1961-05-01", "11:15"),
        ("Paris, March 2, 1962, noon", "Paris", "1962-03-02", "12:00"),
        ("Saigon, October 18, 1961, midnight.", "Saigon", "1961-10-18", "00:00"),
        ("Washington, March 5, 1968, 0210Z.", "Washington", "1968-03-05", "02:10"),
        ("Washington, August 2, 1962, 10:33-11 a.m.", "Washington", "1962-08-02", "10:33"),
        ("Beijing, February 25, 1972, 12:50-1:15 a.m.", "Beijing", "1972-02-25", "00:50"),
        ("Paris, December 13, 1965, 8:30 p.m.–12:30 a.m.", "Paris", "1965-12-13", "20:30"),
        ("Washington, October 22, 1969, 11:30 a.m.-12:30 p.m.", "Washington", "1969-10-22",
         "11:30"),
        ("November 10, 1960.", None, "1960-11-10", None),
        ("Camp David, Maryland, August 5, 1961.", "Camp David, Maryland", "1961-08-05", None),
        ("Paris , June 13, 1949—7 p. m.", "Paris", "1949-06-13", "19:00"),
        ("[ Washington ,] 12 May 1949.", "Washington", "1949-05-12", None),
        ("Washington, August 3,1965.", "Washington", "1965-08-03", None),
        ("Washington, June 28. 1963.", "Washington", "1963-06-28", None),
        ("Seoul, October, 23, 1964.", "Seoul", "1964-10-23", None),
        ("Tokyo , June 24, 1949. [Received July 8—10:07 a. m.]", "Tokyo", "1949-06-24", None),
        ("White House, 8:30 a.m., December 14, 1954", "White House", "1954-12-14", "08:30"),
        ("[place not declassified], May 20, 1954.", "[place not declassified]", "1954-05-20", None),
        ("Washington, January 9, 1963, 20:19p.m.", "Washington", "1963-01-09", "20:19"),
        # The seed's misprinted year stays as printed; the reader flags it.
        ("Washington, November 2, 1963, 11 a.m.", "Washington", "1963-11-02", "11:00"),
    ],
)
def test_full_datelines(text: str, place: str | None, date: str, time: str | None) -> None:
    d = parse_dateline(text)
    assert (d.place, d.date, d.time) == (place, date, time)
    assert d.not_before == d.not_after == date


def test_undated_keeps_the_place() -> None:
    assert parse_dateline("Moscow, undated.") == Dateline(place="Moscow")
    assert parse_dateline("undated") == Dateline()


@pytest.mark.parametrize(
    ("text", "place", "not_before", "not_after"),
    [
        ("New York, 1962", "New York", "1962-01-01", "1962-12-31"),
        ("Washington, April 1963.", "Washington", "1963-04-01", "1963-04-30"),
        ("Spring 1961", None, "1961-03-01", "1961-06-30"),
        ("Washington, February 1964", "Washington", "1964-02-01", "1964-02-29"),
    ],
)
def test_partial_dates_give_bounds(
    text: str, place: str | None, not_before: str, not_after: str
) -> None:
    d = parse_dateline(text)
    assert (d.place, d.date, d.not_before, d.not_after) == (place, None, not_before, not_after)


def test_day_ranges_keep_first_day_and_both_ends() -> None:
    d = parse_dateline("July 1–5, 1961")
    assert (d.date, d.not_before, d.not_after) == ("1961-07-01", "1961-07-01", "1961-07-05")
    d = parse_dateline("Hangchow, February 26-27, 1972, 10:20 p.m.-1:40 a.m.")
    assert (d.place, d.not_after, d.time) == ("Hangchow", "1972-02-27", "22:20")
    d = parse_dateline("Geneva , August 12 [13], 1955—1 p.m.")
    assert (d.date, d.not_after, d.time) == ("1955-08-12", "1955-08-13", "13:00")
    d = parse_dateline("December 30, 1961–January 2, 1962")
    assert (d.not_before, d.not_after) == ("1961-12-30", "1962-01-02")


def test_missing_year_uses_default_year() -> None:
    assert parse_dateline("March 2", default_year=1962).date == "1962-03-02"
    d = parse_dateline("Washington, October 16, 9:09 p.m.")
    assert (d.place, d.date, d.time) == ("Washington", None, "21:09")


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("20-Nov-62", "1962-11-20"),
        ("November 2, 1963", "1963-11-02"),
        ("2 November 1962", "1962-11-02"),
        ("Sept. 4, 1961", "1961-09-04"),
        ("1962-10-22", "1962-10-22"),
    ],
)
def test_date_text(text: str, date: str) -> None:
    assert parse_date_text(text).date == date
    assert parse_date_text(text).place is None


def test_impossible_dates_give_no_date() -> None:
    assert parse_date_text("February 30, 1962").date is None
    assert parse_dateline("Nowhere, 99 p.m.").time is None


@given(st.text(max_size=80), st.one_of(st.none(), st.integers(1, 9999)))
def test_any_text_gives_a_dateline(text: str, year: int | None) -> None:
    for d in (parse_dateline(text, default_year=year), parse_date_text(text, default_year=year)):
        assert isinstance(d, Dateline)
        if d.date is not None:
            assert d.not_before is not None and d.not_before <= d.date <= (d.not_after or "")
        if d.time is not None:
            assert len(d.time) == 5 and "00:00" <= d.time <= "23:59"


_MONTHS = st.sampled_from(["January", "March", "June", "September", "December"])


@given(_MONTHS, st.integers(1, 28), st.integers(1917, 1980), st.integers(1, 12))
def test_printed_dates_round_trip(month: str, day: int, year: int, hour: int) -> None:
    d = parse_dateline(f"Moscow, {month} {day}, {year}, {hour} p.m.")
    assert d.place == "Moscow"
    assert d.date is not None and d.date.startswith(str(year)) and d.date.endswith(f"{day:02d}")
    assert d.time == f"{hour % 12 + 12:02d}:00"
