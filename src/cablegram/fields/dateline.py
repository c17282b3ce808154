"""Datelines ("Moscow, January 21, 1961, 7 p.m.") and printed dates."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Dateline:
    place: str | None = None
    date: str | None = None  # YYYY-MM-DD when the day is known
    time: str | None = None  # HH:MM, 24-hour
    not_before: str | None = None  # YYYY-MM-DD bounds for partial dates
    not_after: str | None = None


def parse_date_text(text: str, *, default_year: int | None = None) -> Dateline:
    """A printed date ("November 9, 1960", "March 2", "1961", "20-Nov-62") alone."""
    return Dateline()


def parse_dateline(text: str, *, default_year: int | None = None) -> Dateline:
    """A whole dateline: place, date, time. "undated" gives a null date."""
    return Dateline()
