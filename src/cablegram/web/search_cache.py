"""Facet counts kept per query string in the worker: paging or re-sorting a query counts
nothing again.

Facets do not depend on the sort, the offset or the limit, and counting them is most of a
search page's cost (all eight facets over every hit), with the sidebar's links made from
them. A worker keeps what `shape` made of the last `SIZE` queries' counts, keyed by the
query and the archive's last search mark, so that a change to the archive (an ingest by
another process) makes every kept sidebar stale at once.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Mapping
from typing import Any, TypeVar
from weakref import WeakKeyDictionary

from cablegram.archive import Archive
from cablegram.search.facets import ALL_FACETS

SIZE = 512
T = TypeVar("T")
_Key = tuple[str, int, tuple[tuple[str, int | None], ...]]
_KEPT: WeakKeyDictionary[Archive, OrderedDict[_Key, Any]] = WeakKeyDictionary()


def search_with_facets(archive: Archive, q: str, sort: str, limit: int, offset: int,
                       facet_size: Mapping[str, int | None],
                       shape: Callable[[str, dict[str, Any]], T]) -> tuple[dict[str, Any], T]:
    """`Archive.search` with every facet, and `shape(q, facets)`: taken from the worker's
    cache when this query was counted before (the answer is the same as without the cache).
    A worker's pages pass one `shape` (the search page's sidebar)."""
    kept = _KEPT.get(archive)
    if kept is None:
        kept = _KEPT[archive] = OrderedDict()
    key = (q, archive.store.last_search_mark(), tuple(sorted(facet_size.items())))
    if key in kept:
        kept.move_to_end(key)
        return archive.search(q, facets=None, sort=sort, limit=limit, offset=offset), kept[key]
    out = archive.search(q, facets=ALL_FACETS, sort=sort, limit=limit, offset=offset,
                         facet_size=facet_size)
    shaped = kept[key] = shape(q, out["facets"])
    while len(kept) > SIZE:
        kept.popitem(last=False)
    return out, shaped
