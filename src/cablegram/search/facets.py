"""Facets: counts of a column's values over a whole result set, one small class per facet.

Facets are registered by name (as Datasette does); `search(..., facets=[...])` picks them.
Counts are exact and cover every matching document; only the list of values is cut to the
`size` most frequent (None: all values). Documents without a value count under None.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

FacetValues = list[list[object]]  # [[value, count], ...], most frequent first


def _order(item: tuple[object, int]) -> tuple[int, bool, str]:
    value, count = item
    # Most frequent first; ties by value, None last.
    return -count, value is None, "" if value is None else f"{value}"


@dataclass(frozen=True, slots=True)
class Facet:
    """Counts per value of one search_docs column."""

    name: str
    column: str

    def facet_results(self, values: Iterable[object], size: int | None) -> FacetValues:
        """[[value, count], ...] for the values of this column over the result set."""
        counts = sorted(Counter(values).items(), key=_order)
        return [[v, n] for v, n in counts[:size]]


FACETS: dict[str, Facet] = {}


def register(facet: Facet) -> Facet:
    FACETS[facet.name] = facet
    return facet


for _name, _column in (
    ("year", "year"),
    ("collection", "collection"),
    ("doc_type", "doc_type"),
    ("classification", "classification"),
    ("from", "sender"),
    ("to", "recipient"),
    ("place", "place"),
):
    register(Facet(_name, _column))

ALL_FACETS: tuple[str, ...] = tuple(FACETS)
