"""Documents in time order across collections, and counts per day, week, month or year."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from cablegram.errors import CablegramError
from cablegram.store.base import HistoryDocRow, HistoryStore

PERIODS: tuple[str, ...] = ("day", "week", "month", "year")
_DAY = re.compile(r"^(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?$")


class RangeError(CablegramError):
    """A date range that cannot be read: says which end and why."""


def parse_day(text: str, *, end: bool = False) -> str:
    """"1962", "1962-10" or "1962-10-27" as an ISO day: the first day, or with `end` the last."""
    m = _DAY.match(text.strip())
    if not m:
        raise RangeError(f"{text!r} is not a date: use YYYY-MM-DD, YYYY-MM or YYYY")
    y = int(m["y"])
    mo = int(m["m"]) if m["m"] else (12 if end else 1)
    try:
        last = calendar.monthrange(y, mo)[1]
        d = int(m["d"]) if m["d"] else (last if end else 1)
        return date(y, mo, d).isoformat()
    except (ValueError, calendar.IllegalMonthError):
        raise RangeError(f"{text!r} is not a date: no such day") from None


def parse_range(lo: str, hi: str) -> tuple[str, str]:
    """[lo, hi] as ISO days; a range that ends before it starts is an error."""
    a, b = parse_day(lo), parse_day(hi, end=True)
    if a > b:
        raise RangeError(f"the range starts ({lo}) after it ends ({hi})")
    return a, b


@dataclass(slots=True)
class ChronologyEntry:
    id: str
    collection: str
    day: str | None
    time: str | None
    inferred: bool  # the day comes from the document's range or its neighbours
    doc_type: str | None
    title: str
    sender: str | None
    recipient: str | None

    @classmethod
    def of(cls, row: HistoryDocRow) -> ChronologyEntry:
        return cls(row.id, row.collection, row.day, row.time, bool(row.inferred),
                   row.doc_type, row.title, row.sender_node, row.recipient_node)


@dataclass(slots=True)
class Chronology:
    lo: str
    hi: str
    collection: str | None
    period: str
    counts: list[tuple[str, int, int]] = field(default_factory=list)  # bucket, docs, inferred
    entries: list[ChronologyEntry] = field(default_factory=list)
    total: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "from": self.lo, "to": self.hi, "collection": self.collection,
            "period": self.period, "total": self.total,
            "counts": [{"period": b, "documents": n, "inferred": i} for b, n, i in self.counts],
            "documents": [
                {"id": e.id, "collection": e.collection, "day": e.day, "time": e.time,
                 "inferred": e.inferred, "doc_type": e.doc_type, "title": e.title,
                 "from": e.sender, "to": e.recipient} for e in self.entries],
        }


def chronology(history: HistoryStore, lo: str, hi: str, collection: str | None = None,
               period: str = "day", limit: int | None = None) -> Chronology:
    """The documents of [lo, hi] (the first `limit`) in time order, and their counts."""
    if period not in PERIODS:
        raise RangeError(f"unknown period {period!r}: use {', '.join(PERIODS)}")
    counts = history.counts(lo, hi, collection, period)
    rows = history.docs(lo, hi, collection, limit)
    return Chronology(lo, hi, collection, period, counts, [ChronologyEntry.of(r) for r in rows],
                      sum(n for _, n, _ in counts))
