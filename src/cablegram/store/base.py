"""The protocol every store follows (SQLite now; others later)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any, NamedTuple, Protocol

from cablegram.record import Batch, Collection, Record


@dataclass(slots=True)
class Put:
    """What storing one batch did: its status, and other files whose documents it replaced."""

    status: str  # ingested | replaced
    replaced_paths: list[str]


class SearchRow(NamedTuple):
    """What the search index holds of one document (`cablegram.search.index`).

    date_lo/date_hi: the document's date, else its not-before/not-after range.
    """

    rowid: int
    title: str | None
    text: str | None
    collection: str
    doc_type: str | None
    classification: str | None
    number: str | None
    telegram_number: str | None
    sender: str | None
    recipient: str | None
    place: str | None
    year: int | None
    date_lo: str | None
    date_hi: str | None
    has_redaction: bool
    has_footnote: bool


class PageRow(NamedTuple):
    """What a page of search results shows of one document."""

    id: str
    title: str | None
    date: str | None
    text: str | None


class Store(Protocol):
    path: str

    def source_unchanged(self, path: str, sha256: str) -> bool:
        """Whether this exact content was ingested already (a re-ingest is a no-op)."""
        ...

    def source_known(self, path: str) -> bool:
        """Whether some content of this file was stored before."""
        ...

    def put_batches(self, batches: list[Batch], *, path: str, sha256: str,
                    shared: bool = False, json: list[list[str]] | None = None) -> list[Put]:
        """Store every batch of one file in one transaction: all of them, or none."""
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

    def iter_json(self, collection: str | None = None) -> Iterator[str]: ...

    def collections(self) -> list[Collection]: ...

    def collection(self, id: str) -> Collection | None: ...

    # The search index's feed: every change to a collection's documents marks the collection,
    # in the same transaction as the change, with a number that only grows.

    def archive_id(self) -> str:
        """A random id made with the archive: an index made for another archive is not used."""
        ...

    def last_search_mark(self) -> int: ...

    def search_marks(self, after: int) -> list[tuple[str, int]]:
        """(collection, mark) of every collection marked after `after`, in mark order."""
        ...

    def search_rows(self, collection: str) -> Iterator[SearchRow]: ...

    def snapshot(self) -> AbstractContextManager[None]:
        """One read transaction: what is read inside it is of one moment."""
        ...

    def page_rows(self, rowids: list[int]) -> dict[int, PageRow]: ...

    def stats(self) -> dict[str, Any]: ...

    def integrity_check(self) -> list[str]:
        """["ok"], or what the database found wrong."""
        ...

    def close(self) -> None: ...

    @property
    def history(self) -> HistoryStore:
        """The history tables (cablegram.history), made on first use."""
        ...


# -- the history tables (cablegram.history) ---------------------------------------------------


class HistoryDocRow(NamedTuple):
    """A document as the chronology and the network see it.

    day: the date, else the range start, else a neighbour's date (then `inferred` is 1).
    """

    rowid: int
    id: str
    collection: str
    seq: int
    day: str | None
    time: str | None
    inferred: int
    doc_type: str | None
    title: str
    sender_node: str | None
    recipient_node: str | None
    telegram_number: str | None


class PersonEdgeRow(NamedTuple):
    rowid: int
    day: str | None
    collection: str
    source: str
    target: str


class RefRow(NamedTuple):
    """A reference found in a document: resolved to `target_id`, or not and why."""

    src_id: str
    kind: str  # document | telegram
    text: str
    location: str  # text | footnote N | markup
    target_id: str | None
    status: str  # resolved | unresolved
    reason: str | None
    candidates: list[str]
    number: str | None = None
    sender_node: str | None = None
    recipient_node: str | None = None
    date_lo: str | None = None
    date_hi: str | None = None


class HistoryStore(Protocol):
    """The derived history tables: replaced whole, read by day range."""

    def built_mark(self) -> int | None: ...

    def replace(self, docs: Iterable[HistoryDocRow], edges: Iterable[PersonEdgeRow],
                refs: Iterable[RefRow], mark: int) -> None: ...

    def docs(self, lo: str, hi: str, collection: str | None = None,
             limit: int | None = None) -> list[HistoryDocRow]: ...

    def counts(self, lo: str, hi: str, collection: str | None,
               period: str) -> list[tuple[str, int, int]]: ...

    def post_edges(self, lo: str, hi: str, collection: str | None,
                   period: str) -> list[tuple[str, str, str, int]]: ...

    def person_edges(self, lo: str, hi: str, collection: str | None,
                     period: str) -> list[tuple[str, str, str, int]]: ...

    def refs(self, *, status: str | None = None, kind: str | None = None,
             src_id: str | None = None, target_id: str | None = None) -> Iterator[RefRow]: ...

    def telegrams(self) -> list[HistoryDocRow]: ...

    def day_bounds(self) -> tuple[str | None, str | None]: ...
