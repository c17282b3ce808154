"""`cablegram copy`: an archive moved from one store to another (SQLite <-> PostgreSQL),
checked at the end by record counts and a hash over every stored record's JSON text."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from cablegram.errors import CablegramError
from cablegram.record import Batch
from cablegram.store.base import Store

AUTHORITY_KINDS: tuple[str, ...] = ("people", "pocom")


@dataclass(slots=True)
class CopyReport:
    collections: int
    documents: int
    sha256: str  # over every record's JSON text, by collection and order: equal on both


def content_hash(store: Store) -> tuple[int, str]:
    """(records, SHA-256 over their stored JSON texts in collection and printed order)."""
    h = hashlib.sha256()
    n = 0
    for text in store.iter_json():
        h.update(text.encode())
        h.update(b"\n")
        n += 1
    return n, h.hexdigest()


def copy_store(src: Store, dst: Store,
               on_progress: Callable[[int, int, str], None] | None = None) -> CopyReport:
    """Copy every collection (records as stored, persons and terms lists, every source file
    and the link stamp) and the authorities into `dst`, which must hold no collection yet."""
    if dst.collections():
        raise CablegramError(f"{dst.path}: the target archive is not empty")
    stored = src.authorities_data()
    if stored is not None:
        from cablegram.link.authorities import Authorities
        from cablegram.linking import authority_rows

        sources = {k: s for k in AUTHORITY_KINDS if (s := src.authority_source(k))}
        dst.put_authorities(authority_rows(Authorities.from_json(stored[1]), sources))
    stamp = src.authorities_stamp() if stored is not None else None
    linked = set(src.collections_to_link(stamp)) if stamp else None
    cols = src.collections()
    for i, col in enumerate(cols):
        full = src.collection(col.id) or col
        texts = list(src.iter_json(col.id))
        records = list(src.iter_records(col.id))
        files = src.sources_of(col.id)
        path, sha = (files[0].path, files[0].sha256) if files else (f"copy:{col.id}", "")
        was_linked = stamp if linked is not None and col.id not in linked else None
        dst.put_batches([Batch(full, records)], path=path, sha256=sha, shared=True,
                        json=[texts], linked=was_linked)
        # Every file it was read from (a volume and its pages), so that none is read again.
        dst.add_sources(col.id, files)
        if on_progress:
            on_progress(i + 1, len(cols), col.id)
    n_src, h_src = content_hash(src)
    n_dst, h_dst = content_hash(dst)
    if (n_src, h_src) != (n_dst, h_dst):
        raise CablegramError(f"{dst.path}: the copy differs from {src.path}: {n_dst} records "
                             f"(sha256 {h_dst[:12]}) for {n_src} ({h_src[:12]})")
    return CopyReport(len(cols), n_dst, h_dst)
