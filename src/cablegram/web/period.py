"""The period a page of dates shows: `from` and `to`, checked, with a default."""

from __future__ import annotations

from datetime import date, timedelta

from cablegram.archive import Archive
from cablegram.errors import ParameterError
from cablegram.web.params import Params

MAX_DAYS = 366


def period(archive: Archive, params: Params, days: int = 7) -> tuple[str, str]:
    start, end = params.day("from"), params.day("to")
    if start is None and end is None:
        # No period asked for: the last week that has documents.
        spans = archive.collection_spans()
        last = max((s.date_to for s in spans if s.date_to and len(s.date_to) == 10),
                   default=date.today().isoformat())
        end = last
    if start is None:
        start = _shifted(date.fromisoformat(end or ""), -(days - 1))
    if end is None:
        end = _shifted(date.fromisoformat(start), days - 1)
    if end < start:
        raise ParameterError("to", f"{end} is before from={start}")
    if (date.fromisoformat(end) - date.fromisoformat(start)).days >= MAX_DAYS:
        raise ParameterError("to", f"a period is at most {MAX_DAYS} days")
    return start, end


def _shifted(day: date, days: int) -> str:
    """`day` moved by `days`, held within the calendar (to=0001-01-01 has no week before)."""
    try:
        return (day + timedelta(days=days)).isoformat()
    except OverflowError:
        return (date.min if days < 0 else date.max).isoformat()
