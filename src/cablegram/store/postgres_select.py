"""Which store a `--db` value names, and where a PostgreSQL archive's search index lives."""

from __future__ import annotations

import os
from pathlib import Path

from cablegram.store.base import Store

# The tantivy index of a PostgreSQL archive is kept by each machine (each reader process
# syncs it from the database): here, or in CABLEGRAM_INDEX_DIR.
INDEX_DIR_ENV = "CABLEGRAM_INDEX_DIR"


def is_url(db: str | Path | None) -> bool:
    """Whether `db` names a PostgreSQL database rather than a SQLite file."""
    return db is not None and str(db).startswith(("postgresql://", "postgres://"))


def open_store(db: str | Path | None) -> Store | None:
    """A PostgresStore for a `postgresql://` URL; None for anything else (a SQLite file)."""
    if not is_url(db):
        return None
    from cablegram.store.postgres import PostgresStore

    return PostgresStore(str(db))


def index_folder(store: Store) -> Path:
    """`<file>.search` beside a SQLite archive; for PostgreSQL, one folder per archive id
    under CABLEGRAM_INDEX_DIR (default: ~/.cache/cablegram)."""
    if not is_url(store.path):
        return Path(f"{store.path}.search")
    base = os.environ.get(INDEX_DIR_ENV) or Path.home() / ".cache" / "cablegram"
    return Path(base) / f"{store.archive_id()}.search"
