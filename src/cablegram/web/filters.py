"""Jinja filters: dates for people, snippets with their matches marked, the year chart, and
`kept`: a part of a page rendered once and kept."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from jinja2 import Environment
from markupsafe import Markup, escape

from cablegram.search.engine import MARK_CLOSE, MARK_OPEN
from cablegram.web.citation import human_date
from cablegram.web.segments import segments_html
from cablegram.web.urls import record_url


def marked(snippet: str | None) -> Markup:
    """A search snippet, escaped, its « » matches as <mark> (each sign opens or closes one)."""
    # Escaped whole, once: escaping leaves the mark signs as they are. (A Markup per part
    # was a third of a search page's rendering.)
    parts = str(escape(snippet or "")).replace(MARK_CLOSE, MARK_OPEN).split(MARK_OPEN)
    parts[1::2] = [f"<mark>{part}</mark>" for part in parts[1::2]]
    return Markup("".join(parts))


def kept(parts: dict[str, Markup] | None, name: str, make: Callable[..., Any],
         *args: Any) -> Markup:
    """`make(*args)` (a macro), made once and kept in `parts` under `name` (None: not kept)."""
    if parts is None:
        return Markup(make(*args))
    if name not in parts:
        parts[name] = Markup(make(*args))
    return parts[name]


@dataclass(frozen=True, slots=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    year: int
    documents: int


def bars(years: list[dict[str, Any]], width: float = 720, height: float = 140) -> list[Bar]:
    """One bar per year from the first year to the last (empty years too), scaled to fit."""
    counts = {int(y["year"]): int(y["documents"]) for y in years}
    if not counts:
        return []
    first, last = min(counts), max(counts)
    span = last - first + 1
    top = max(counts.values()) or 1
    # Bars no wider than 40 units: a few years are bars, not one block.
    w = min(width / span, 40.0)
    out = []
    for i, year in enumerate(range(first, last + 1)):
        n = counts.get(year, 0)
        h = height * n / top
        out.append(Bar(round(i * w, 2), round(height - h, 2), round(max(w - 1, 1), 2),
                       round(h, 2), year, n))
    return out


def register(env: Environment) -> None:
    env.filters["marked"] = marked
    env.filters["human_date"] = lambda d: human_date(d) or "undated"
    env.filters["record_url"] = record_url
    env.globals["bars"] = bars
    env.globals["segments"] = segments_html
    env.globals["kept"] = kept
