"""Facets: counts of a field's values over a whole result set, one small class per facet.

Facets are registered by name (as Datasette does); `search(..., facets=[...])` picks them.
Counts are exact and cover every matching document; only the list of values is cut to the
`size` most frequent (None: all values). Documents without a value count under None.
The counting itself is a tantivy terms aggregation over the field's column.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

FacetValues = list[list[object]]  # [[value, count], ...], most frequent first
# The bucket of documents without a value: a text no stored value can be (values are trimmed
# text, and a year is a year).
MISSING_TEXT = "\x00"
MISSING_NUMBER = -(2**62)
# Buckets kept per index segment before they are merged: above any field's number of
# distinct values, so that counts are exact, never estimates.
SEGMENT_BUCKETS = 1 << 24


def _order(item: tuple[object, int]) -> tuple[int, bool, str]:
    value, count = item
    # Most frequent first; ties by value, None last.
    return -count, value is None, "" if value is None else f"{value}"


@dataclass(frozen=True, slots=True)
class Facet:
    """Counts per value of one index field."""

    name: str
    field: str
    numeric: bool = False

    def aggregation(self, size: int | None) -> dict[str, Any]:
        # One more than asked, so that ties at the cut are settled by `_order`, not by tantivy.
        terms: dict[str, Any] = {
            "field": self.field, "segment_size": SEGMENT_BUCKETS,
            "size": SEGMENT_BUCKETS if size is None else size + 1,
            "missing": MISSING_NUMBER if self.numeric else MISSING_TEXT,
        }
        return {"terms": terms}

    def facet_results(self, buckets: Iterable[dict[str, Any]], size: int | None) -> FacetValues:
        """[[value, count], ...] from the aggregation's buckets."""
        counts: list[tuple[object, int]] = []
        for b in buckets:
            key = b["key"]
            if self.numeric:
                value: object = None if key == MISSING_NUMBER else int(key)
            else:
                value = None if key == MISSING_TEXT else key
            counts.append((value, int(b["doc_count"])))
        counts.sort(key=_order)
        return [[v, n] for v, n in counts[:size]]


FACETS: dict[str, Facet] = {}
# Facets whose values are register ids, given with their names.
PERSON_FACETS: frozenset[str] = frozenset({"persons"})


def register(facet: Facet) -> Facet:
    FACETS[facet.name] = facet
    return facet


for _facet in (
    Facet("year", "year", numeric=True),
    Facet("collection", "collection"),
    Facet("doc_type", "doc_type"),
    Facet("classification", "classification"),
    Facet("from", "sender_value"),
    Facet("to", "recipient_value"),
    Facet("place", "place_value"),
    # Register ids; the engine adds each one's name (`[id, count, name]`).
    Facet("persons", "person"),
):
    register(_facet)

ALL_FACETS: tuple[str, ...] = tuple(FACETS)
