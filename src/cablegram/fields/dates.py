"""Printed dates and clock times: "January 21, 1961", "2 November 1962", "20-Nov-62", "7 p.m.".

The finders return where they matched, so that a dateline can take the place before the
date and the time after it. Every finder is total: text in, a hit or None out.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

_MONTHS: dict[str, int] = {}
for _i, _name in enumerate(calendar.month_name):
    if _i:
        _MONTHS[_name.lower()] = _i
        _MONTHS[_name[:3].lower()] = _i
_MONTHS["sept"] = 9

# Full names first so that "March" is not read as "Mar" + "ch".
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
_DAY = r"(?:[0-3]?\d)"
_YEAR = r"(?:1[6-9]\d\d|20\d\d)"
# "1–5", "26-27", "26 and 27", "12 [13]" (the older volumes bracket an editor's correction).
_DAY_RANGE_SEP = r"\s*(?:-|–|—|and|to|through|or|/|\[)\s*"

_SEASONS: dict[str, tuple[int, int]] = {
    "winter": (1, 3),
    "spring": (3, 6),
    "summer": (6, 9),
    "fall": (9, 12),
    "autumn": (9, 12),
    "early": (1, 6),
    "mid": (4, 9),
    "middle": (4, 9),
    "late": (7, 12),
    "first half of": (1, 6),
    "second half of": (7, 12),
    "end of": (10, 12),
}

_CROSS_RANGE = re.compile(
    rf"\b(?P<m1>{_MONTH})\s+(?P<d1>{_DAY})(?:,?\s*(?P<y1>{_YEAR}))?"
    rf"\s*(?:-|–|—|to|through|and)\s*"
    rf"(?P<m2>{_MONTH})\s+(?P<d2>{_DAY}),?\s*(?P<y2>{_YEAR})\b",
    re.IGNORECASE,
)
# "June 28. 1963", "October, 27, 1970" and "December2, 1961" are misprints of the usual form.
_MDY = re.compile(
    rf"\b(?P<m>{_MONTH}),?\s*(?P<d1>{_DAY})(?:{_DAY_RANGE_SEP}(?P<d2>{_DAY})\]?)?"
    rf"(?:st|nd|rd|th)?\]?\s*[,.]?\s*(?P<y>{_YEAR})\b",
    re.IGNORECASE,
)
_DMY = re.compile(
    rf"\b(?P<d1>{_DAY})(?:{_DAY_RANGE_SEP}(?P<d2>{_DAY}))?(?:st|nd|rd|th)?\s+"
    rf"(?P<m>{_MONTH}),?\s+(?P<y>{_YEAR})\b",
    re.IGNORECASE,
)
# Catalog style: "20-Nov-62", "20 Nov 62" is not used (too ambiguous).
_MONTH_BARE = _MONTH.removesuffix(r"\.?")
_CATALOG = re.compile(
    rf"\b(?P<d>{_DAY})-(?P<m>{_MONTH_BARE})-(?P<y>\d{{4}}|\d{{2}})\b",
    re.IGNORECASE,
)
_ISO = re.compile(r"\b(?P<y>1[6-9]\d\d|20\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b")
_MONTH_YEAR = re.compile(
    rf"\b(?P<m>{_MONTH})(?:\s*(?:-|–|—|to|and)\s*(?P<m2>{_MONTH}))?,?\s+(?P<y>{_YEAR})\b",
    re.IGNORECASE,
)
_SEASON_YEAR = re.compile(
    r"\b(?P<s>winter|spring|summer|fall|autumn|early|mid|middle|late"
    rf"|first half of|second half of|end of)[\s-]+(?P<y>{_YEAR})\b",
    re.IGNORECASE,
)
# A bare year, but not a 24-hour time ("1830Z", "1830 hours") nor part of a file number.
_YEAR_ONLY = re.compile(rf"(?<![\d/.-])(?P<y>{_YEAR})(?![\d/]|\s*Z\b|\s*(?:hours|hrs)\b)")
_MD = re.compile(
    rf"\b(?P<m>{_MONTH}),?\s*(?P<d1>{_DAY})\b"
    # "February 8—5 p.m." is a day and a time, not a range of days.
    rf"(?:\s*(?:-|–|and)\s*(?P<d2>{_DAY})\b(?!:|\s?[ap]\.?\s?m\b))?",
    re.IGNORECASE,
)
_UNDATED = re.compile(r"\b(?:undated|no date|n\.\s?d\.)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class DateHit:
    """A date found in text: `date` when the day is known, else only the bounds."""

    start: int
    end: int
    date: str | None = None
    not_before: str | None = None
    not_after: str | None = None
    undated: bool = False


def month_number(name: str) -> int | None:
    """1..12 for a month name or abbreviation ("Sept.", "november"), else None."""
    return _MONTHS.get(name.rstrip(".").lower())


def _iso(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def _month_bounds(y: int, m1: int, m2: int | None = None) -> tuple[str, str]:
    m2 = m2 or m1
    last = calendar.monthrange(y, m2)[1]
    return f"{y:04d}-{m1:02d}-01", f"{y:04d}-{m2:02d}-{last:02d}"


def _day_hit(
    start: int, end: int, y: int, m: int, d1: int, d2: int | None = None
) -> DateHit | None:
    """A single day, or a range of days within one month."""
    first = _iso(y, m, d1)
    if first is None:
        return None
    if d2 is None or d2 == d1:
        return DateHit(start, end, first, first, first)
    last = _iso(y, m, d2)
    if last is None or last < first:
        return DateHit(start, end, first, first, first)
    # FRUS dates a document printed "November 17–18" by its first day (@when); keep both ends.
    return DateHit(start, end, first, first, last)


def _two_digit_year(text: str) -> int:
    # The corpus spans 1917-1980 and catalogs print "62": read 2-digit years as 19xx.
    return int(text) + 1900 if len(text) == 2 else int(text)


def _cross(m: re.Match[str]) -> DateHit | None:
    y2 = int(m["y2"])
    y1 = int(m["y1"]) if m["y1"] else y2
    m1, m2 = month_number(m["m1"]), month_number(m["m2"])
    if m1 is None or m2 is None:
        return None
    if not m["y1"] and m1 > m2:  # "December 30–January 2, 1962"
        y1 = y2 - 1
    first, last = _iso(y1, m1, int(m["d1"])), _iso(y2, m2, int(m["d2"]))
    if first is None or last is None or last < first:
        return None
    return DateHit(m.start(), m.end(), first, first, last)


def _mdy(m: re.Match[str]) -> DateHit | None:
    mon = month_number(m["m"])
    if mon is None:
        return None
    d2 = int(m["d2"]) if m["d2"] else None
    return _day_hit(m.start(), m.end(), int(m["y"]), mon, int(m["d1"]), d2)


def _catalog(m: re.Match[str]) -> DateHit | None:
    mon = month_number(m["m"])
    if mon is None:
        return None
    return _day_hit(m.start(), m.end(), _two_digit_year(m["y"]), mon, int(m["d"]))


def _iso_hit(m: re.Match[str]) -> DateHit | None:
    return _day_hit(m.start(), m.end(), int(m["y"]), int(m["m"]), int(m["d"]))


def _month_year(m: re.Match[str]) -> DateHit | None:
    m1 = month_number(m["m"])
    m2 = month_number(m["m2"]) if m["m2"] else None
    if m1 is None or (m2 is not None and m2 < m1):
        return None
    nb, na = _month_bounds(int(m["y"]), m1, m2)
    return DateHit(m.start(), m.end(), None, nb, na)


def _season(m: re.Match[str]) -> DateHit | None:
    first, last = _SEASONS[" ".join(m["s"].lower().split())]
    y = int(m["y"])
    return DateHit(m.start(), m.end(), None, *_span(y, first, last))


def _span(y: int, m1: int, m2: int) -> tuple[str, str]:
    return _month_bounds(y, m1, m2)


def _year(m: re.Match[str]) -> DateHit | None:
    y = int(m["y"])
    return DateHit(m.start(), m.end(), None, f"{y:04d}-01-01", f"{y:04d}-12-31")


_FINDERS = (
    (_CROSS_RANGE, _cross),
    (_MDY, _mdy),
    (_DMY, _mdy),
    (_CATALOG, _catalog),
    (_ISO, _iso_hit),
    (_MONTH_YEAR, _month_year),
    (_SEASON_YEAR, _season),
)


def find_date(text: str, *, default_year: int | None = None) -> DateHit | None:
    """The first date in `text`, trying the most specific forms first.

    "undated" gives a hit with `undated=True` and no date. A month and day without a
    year ("March 2") give a date only with `default_year`.
    """
    for pattern, build in _FINDERS:
        for m in pattern.finditer(text):
            hit = build(m)
            if hit is not None:
                return hit
    und = _UNDATED.search(text)
    if und:
        return DateHit(und.start(), und.end(), undated=True)
    for m in _MD.finditer(text):
        mon = month_number(m["m"])
        if mon is None:
            continue
        if default_year is None:
            # No year to give it: mark where the date is, so the place and time still split.
            return DateHit(m.start(), m.end())
        d2 = int(m["d2"]) if m["d2"] else None
        hit = _day_hit(m.start(), m.end(), default_year, mon, int(m["d1"]), d2)
        if hit is not None:
            return hit
    for m in _YEAR_ONLY.finditer(text):
        return _year(m)
    return None


# --- clock times -------------------------------------------------------------------------

_CLOCK = r"(?P<{p}h>[012]?\d)(?:[:.](?P<{p}m>[0-5]\d))?"
_MERIDIEM = r"\s?(?P<{p}ap>[ap])\.?\s?m\b\.?"
_T1 = _CLOCK.format(p="a") + "(?:" + _MERIDIEM.format(p="a") + ")?"
_T2 = _CLOCK.format(p="b") + _MERIDIEM.format(p="b")
_TIME_RANGE = re.compile(
    rf"(?<![\d:])(?:{_T1}|(?P<anoon>noon))\s*(?:-|–|—|to|until)\s*(?:{_T2}|(?P<bword>noon|midnight))",
    re.IGNORECASE,
)
_TIME_12 = re.compile(rf"(?<![\d:]){_CLOCK.format(p='a')}{_MERIDIEM.format(p='a')}", re.IGNORECASE)
_TIME_WORD = re.compile(r"\b(?P<w>noon|midnight|midday)\b", re.IGNORECASE)
# Military and zulu times: "2029Z", "1830 hours", "0210Z".
_TIME_24 = re.compile(
    r"(?<![\d:/-])(?P<h>[01]\d|2[0-3])(?P<m>[0-5]\d)\s*(?P<z>Z\b|zulu\b|hours\b|hrs\b|local\b)",
    re.IGNORECASE,
)
_TIME_COLON_24 = re.compile(
    r"(?<![\d:])(?P<h>[01]?\d|2[0-3]):(?P<m>[0-5]\d)(?![\d:]|\s?[ap]\.?\s?m)"
)


@dataclass(frozen=True, slots=True)
class TimeHit:
    start: int
    end: int
    time: str  # HH:MM, 24-hour


def _to24(hour: int, minute: int, ap: str | None) -> int | None:
    """Minutes after midnight, or None for an impossible clock reading."""
    if minute > 59:
        return None
    if ap is None:
        return hour * 60 + minute if hour < 24 else None
    if 12 < hour < 24:  # "20:19 p.m.": a 24-hour clock with a needless meridiem
        return hour * 60 + minute
    if not 1 <= hour <= 12:
        return None
    hour %= 12
    if ap.lower() == "p":
        hour += 12
    return hour * 60 + minute


def _fmt(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _range_start(m: re.Match[str]) -> int | None:
    """The start of "10:20-11:15 a.m.": it takes the end's meridiem unless then after the end."""
    if m["anoon"]:
        return 12 * 60
    h, mi = int(m["ah"]), int(m["am"] or 0)
    if m["aap"]:
        return _to24(h, mi, m["aap"])
    end_ap = m["bap"]
    if end_ap is None:  # "… to noon" / "… to midnight"
        end_ap = "a" if m["bword"].lower() == "noon" else "p"
        end = 12 * 60 if end_ap == "a" else 24 * 60
    else:
        end_min = _to24(int(m["bh"]), int(m["bm"] or 0), end_ap)
        if end_min is None:
            return None
        end = end_min
    start = _to24(h, mi, end_ap)
    if start is not None and start > end:
        other = "a" if end_ap.lower() == "p" else "p"
        start = _to24(h, mi, other)
    return start


def find_time(text: str) -> TimeHit | None:
    """The first clock time in `text`; a range gives its start."""
    best: TimeHit | None = None

    def consider(start: int, end: int, minutes: int | None) -> None:
        nonlocal best
        if minutes is not None and (best is None or start < best.start):
            best = TimeHit(start, end, _fmt(minutes % (24 * 60)))

    m = _TIME_RANGE.search(text)
    if m:
        consider(m.start(), m.end(), _range_start(m))
    m = _TIME_12.search(text)
    if m:
        consider(m.start(), m.end(), _to24(int(m["ah"]), int(m["am"] or 0), m["aap"]))
    m = _TIME_WORD.search(text)
    if m:
        consider(m.start(), m.end(), 0 if m["w"].lower() == "midnight" else 12 * 60)
    m = _TIME_24.search(text)
    if m:
        consider(m.start(), m.end(), int(m["h"]) * 60 + int(m["m"]))
    if best is None:
        m = _TIME_COLON_24.search(text)
        if m:
            consider(m.start(), m.end(), _to24(int(m["h"]), int(m["m"]), None))
    return best
