"""Data-quality checks on a run of documents in print order: any reader may call these.

- A dated document whose date lies far outside its two neighbours' (which agree with each
  other) gets a flag; the printed date is kept (seed doc 134: "November 2, 1963" among
  November 2, 1962 documents).
- An undated document gets `date_not_before`/`date_not_after`: the dates of the nearest
  dated documents before and after it, the lower bound widened to the earliest date its own
  text or source note mentions within two weeks before that (seed doc 145, written
  November 4 and placed by its receipt on November 5).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from cablegram.errors import FieldError
from cablegram.fields import parse_date_text
from cablegram.record import Record

# Neighbours closer than this agree with each other; a date further than this from both is
# out of sequence. Volumes run by chapter, so neighbours that disagree prove nothing.
AGREE = timedelta(days=31)
# How far before the previous document a date in an undated text may widen its range.
LOOKBACK = timedelta(days=14)

OUT_OF_SEQUENCE = "date-out-of-sequence"

_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
)
_TEXT_DATE = re.compile(rf"\b(?:{_MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s+\d{{4}})?")


_ORDINAL = re.compile(r"(\d)(?:st|nd|rd|th)\b")


def _day(iso: str | None) -> date | None:
    if not iso:
        return None
    try:
        return date.fromisoformat(iso[:10])
    except ValueError:
        return None


def check_sequence(records: list[Record]) -> list[str]:
    """Flag out-of-sequence dates and give undated records a range, in place.

    Returns one warning per flagged record.
    """
    days = [_day(r.date) for r in records]
    warnings: list[str] = []
    for i, rec in enumerate(records):
        d = days[i]
        if d is None:
            continue
        prev = _nearest(days, i, -1)
        nxt = _nearest(days, i, +1)
        if prev is None or nxt is None or abs(prev - nxt) > AGREE:
            continue
        lo, hi = min(prev, nxt), max(prev, nxt)
        if lo - AGREE <= d <= hi + AGREE:
            continue
        note = f"{OUT_OF_SEQUENCE}: printed {d.isoformat()}, neighbours {prev.isoformat()}"
        if nxt != prev:
            note += f" and {nxt.isoformat()}"
        guess = _same_day_in(d, lo.year)
        if guess is not None and lo - AGREE <= guess <= hi + AGREE:
            note += f"; the year may be a misprint for {lo.year}"
        rec.flags.append(note)
        warnings.append(f"document {rec.number or rec.id}: {note}")
        days[i] = None  # a suspect date is no evidence for its neighbours
    for i, rec in enumerate(records):
        if rec.date is None and rec.date_not_before is None and rec.date_not_after is None:
            _bound_undated(rec, _nearest(days, i, -1), _nearest(days, i, +1))
    return warnings


def _same_day_in(d: date, year: int) -> date | None:
    try:
        return d.replace(year=year)
    except ValueError:
        return None


def _nearest(days: list[date | None], i: int, step: int) -> date | None:
    j = i + step
    while 0 <= j < len(days):
        if days[j] is not None:
            return days[j]
        j += step
    return None


def text_dates(text: str, default_year: int | None) -> list[date]:
    """Dates printed in running text ("November 4", "October 28, 1962")."""
    found: list[date] = []
    for m in _TEXT_DATE.finditer(text):
        try:
            plain = _ORDINAL.sub(r"\1", m.group())
            parsed = parse_date_text(plain, default_year=default_year)
        except FieldError:
            continue
        d = _day(parsed.date)
        if d is not None:
            found.append(d)
    return found


def _bound_undated(rec: Record, prev: date | None, nxt: date | None) -> None:
    if prev is None or nxt is None or prev > nxt:
        return  # at an edge or a chapter boundary the neighbours bound nothing
    text = "\n".join(filter(None, [rec.source_note, rec.text]))
    cands = [d for d in text_dates(text, prev.year) if prev - LOOKBACK <= d <= nxt]
    lo = min([prev, *cands])
    rec.date_not_before = lo.isoformat()
    rec.date_not_after = nxt.isoformat()
