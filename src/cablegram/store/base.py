"""The protocol every store follows (SQLite now; others later)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Protocol

from cablegram.record import Batch, Collection, Record


class Store(Protocol):
    def source_unchanged(self, path: str, sha256: str) -> bool:
        """Whether this exact content was ingested already (a re-ingest is a no-op)."""
        ...

    def put_batch(self, batch: Batch, *, path: str, sha256: str) -> str:
        """Store a batch in one transaction, replacing the collection's earlier documents.

        Returns "ingested" or "replaced".
        """
        ...

    def log_ingest(self, path: str, status: str, *, collection: str | None = None,
                   documents: int = 0, warnings: list[str] | None = None,
                   error: str | None = None) -> None: ...

    def get(self, id: str) -> Record | None: ...

    def iter_records(self, collection: str | None = None) -> Iterator[Record]: ...

    def collections(self) -> list[Collection]: ...

    def stats(self) -> dict[str, Any]: ...

    def close(self) -> None: ...
