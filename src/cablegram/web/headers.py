"""Collection headers (id, title, format, meta) kept per worker, for the document reader.

A document page names its collection and cites it; `Archive.collection` also reads the
volume's persons and terms lists (thousands of rows for some volumes), which was a fifth of
a document page's time. A worker reads every header at once (`Archive.collections`, no
lists) and reads them again when the archive's last search mark moves (an ingest).
"""

from __future__ import annotations

from weakref import WeakKeyDictionary

from cablegram.archive import Archive
from cablegram.errors import NotFound
from cablegram.record import Collection

_KEPT: WeakKeyDictionary[Archive, tuple[int, dict[str, Collection]]] = WeakKeyDictionary()


def collection_header(archive: Archive, id: str) -> Collection:
    """The collection `id` without its persons and terms lists; NotFound when unknown."""
    mark = archive.store.last_search_mark()
    kept = _KEPT.get(archive)
    if kept is None or kept[0] != mark:
        kept = _KEPT[archive] = (mark, {c.id: c for c in archive.collections()})
    header = kept[1].get(id)
    if header is None:
        raise NotFound("collection", id)
    return header
