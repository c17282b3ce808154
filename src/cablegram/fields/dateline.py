"""Datelines ("Moscow, January 21, 1961, 7 p.m.") and printed dates."""

from __future__ import annotations

import re
from dataclasses import dataclass

from cablegram.fields.dates import DateHit, find_date, find_time
from cablegram.fields.text import tidy


@dataclass(frozen=True, slots=True)
class Dateline:
    place: str | None = None
    date: str | None = None  # YYYY-MM-DD when the day is known
    time: str | None = None  # HH:MM, 24-hour
    not_before: str | None = None  # YYYY-MM-DD bounds for partial dates
    not_after: str | None = None


# "[Received March 25.]": when a cable arrived, not when it was sent.
_RECEIVED = re.compile(r"\[?\s*Received\b[^\]]*\]?", re.IGNORECASE)
# "August 12 [13], 1955": an editor's correction of the day, read as a range.
_DAY_CORRECTION = re.compile(r"\b(\d{1,2})\s*\[(\d{1,2})\]")
# "June 14 [15?]", "July 10(?)", "August 27?": a doubtful day; the printed one stands.
_DOUBT = re.compile(r"\s*\[\d{0,2}\?\]|\s*\(\?\)|(?<=\d)\?")
# Editorial brackets go, except a redaction such as "[place not declassified]".
_BRACKETS = re.compile(r"\[[^\[\]]*not declassified\]|[\[\]]")
_PLACE_STRIP = " ,;:.-–—"
_PLACE_MAX = 80


def _clean(text: str) -> str:
    text = tidy(text)
    # The substitutions below are rarely needed: test cheaply first (30,000 calls a corpus).
    if "?" in text:
        text = _DOUBT.sub("", text)
    if "[" in text or "]" in text:
        text = _RECEIVED.sub(" ", text)
        text = _DAY_CORRECTION.sub(r"\1-\2", text)
        text = tidy(_BRACKETS.sub(_keep_redaction, text))
    return text


def _keep_redaction(m: re.Match[str]) -> str:
    return m[0] if len(m[0]) > 1 else " "


def _from_hit(hit: DateHit | None) -> dict[str, str | None]:
    if hit is None:
        return {}
    return {"date": hit.date, "not_before": hit.not_before, "not_after": hit.not_after}


def parse_date_text(text: str, *, default_year: int | None = None) -> Dateline:
    """A printed date ("November 9, 1960", "March 2", "1961", "20-Nov-62") alone.

    A full date sets `date` and `not_before` = `not_after` = `date`; a partial one
    ("March 1962", "1962", "July 1–5, 1961") only the bounds. A time after the date is kept.
    """
    clean = _clean(text)
    hit = find_date(clean, default_year=default_year)
    t = find_time(clean[hit.end :] if hit else clean)
    return Dateline(time=t.time if t else None, **_from_hit(hit))


def parse_dateline(text: str, *, default_year: int | None = None) -> Dateline:
    """A whole dateline: place, date, time. "undated" gives a null date; the place stays.

    The place is what is printed before the date ("Camp David, Maryland"); the time is the
    first clock time after it (the start of a range such as "10:20–11:15 a.m.").
    """
    clean = _clean(text)
    hit = find_date(clean, default_year=default_year)
    if hit is None:
        # No date at all: a bare place ("Washington") is still a place.
        t = find_time(clean)
        head = clean[: t.start] if t else clean
        place = head.strip(_PLACE_STRIP)
        if any(c.isdigit() for c in place) or len(place) > _PLACE_MAX:
            place = ""
        return Dateline(place=place or None, time=t.time if t else None)
    place = clean[: hit.start]
    t = find_time(clean[hit.end :])
    before = find_time(place)
    if before is not None:  # "White House, 8:30 a.m., December 14, 1954"
        place = place[: before.start]
        t = t or before
    place = place.strip(_PLACE_STRIP)
    return Dateline(place=place or None, time=t.time if t else None, **_from_hit(hit))
