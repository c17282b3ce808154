"""Search: the query language (query), its SQL (sql), facets and the engine that runs them."""

from __future__ import annotations

from cablegram.search.engine import search
from cablegram.search.facets import ALL_FACETS, FACETS, Facet
from cablegram.search.query import parse, to_text

__all__ = ["ALL_FACETS", "FACETS", "Facet", "parse", "search", "to_text"]
