"""The protocol every store follows (SQLite now; others later)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any, NamedTuple, Protocol

from cablegram.record import Batch, Collection, Record


@dataclass(slots=True)
class Put:
    """What storing one batch did: its status, and other files whose documents it replaced."""

    status: str  # ingested | replaced
    replaced_paths: list[str]


@dataclass(slots=True)
class DocRows:
    """A batch's records as the store's rows (`cablegram.store.sqlite.doc_rows`), made where
    they were read: a reader process sends these rather than the records, which take ~20x
    longer to pickle and unpickle (measured on the corpus: 15 s against 0.7 s).

    `docs`: each document's column values, its JSON text last, in order (seq = place);
    `links`: (place in docs, register id, how, role) of each person link.
    """

    docs: list[tuple[Any, ...]]
    links: list[tuple[int, str, str, str]]

    def records(self) -> list[Record]:
        """The records again, from their JSON."""
        return [Record.from_dict(json.loads(doc[-1])) for doc in self.docs]


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
    persons: str | None = None  # the register ids linked in the document, space-separated


@dataclass(slots=True)
class AuthorityRows:
    """The authorities as the store keeps them (`Store.put_authorities`).

    `sources`: kind ('people', 'pocom') -> (folder, its signature); `stamp` names
    the content; `data` is `Authorities.to_json()`; `persons` are (id, name, names, birth,
    death); `appointments` (person_id, pocom_id, name, role, post, start, end).
    """

    sources: dict[str, tuple[str, str]]
    stamp: str
    data: str
    persons: list[tuple[str, str, list[str], int | None, int | None]]
    appointments: list[tuple[str | None, str | None, str, str, str | None, str | None,
                             str | None]]


class SourceRow(NamedTuple):
    """A file a collection was read from (the sources table): what `cablegram copy` moves."""

    path: str
    sha256: str
    format: str
    ingested_at: str


class PageRow(NamedTuple):
    """What a page of search results shows of one document."""

    id: str
    title: str | None
    date: str | None
    text: str | None


class ListRow(NamedTuple):
    """A document as a list shows it (a table of contents, a day of the chronology)."""

    id: str
    collection: str
    number: str | None
    title: str
    date: str | None
    doc_type: str | None
    sender: str | None
    recipient: str | None
    chapter: str | None
    compilation: str | None


class CollectionSpan(NamedTuple):
    """A collection's size and the dates its documents cover."""

    id: str
    title: str
    format: str
    documents: int
    date_from: str | None
    date_to: str | None


class Store(Protocol):
    path: str

    def source_unchanged(self, path: str, sha256: str) -> bool:
        """Whether this exact content was ingested already (a re-ingest is a no-op)."""
        ...

    def source_known(self, path: str) -> bool:
        """Whether some content of this file was stored before."""
        ...

    def put_batches(self, batches: list[Batch], *, path: str, sha256: str,
                    shared: bool = False, json: list[list[str]] | None = None,
                    linked: str | None = None,
                    rows: Sequence[DocRows | None] | None = None) -> list[Put]:
        """Store every batch of one file in one transaction: all of them, or none.

        `linked`: the authorities stamp the records were linked with (None: not linked).
        `rows`: a batch's rows made already (its records are then not looked at).
        """
        ...

    def put_batch(self, batch: Batch, *, path: str, sha256: str) -> str:
        """Store a batch in one transaction, replacing the collection's earlier documents.

        Returns "ingested" or "replaced".
        """
        ...

    def source_of(self, collection: str) -> tuple[str, str] | None:
        """(path, sha256) of the first source file of a collection (by path), or None."""
        ...

    def sources_of(self, collection: str) -> list[SourceRow]:
        """Every file a collection was read from (a volume and its pages), by path."""
        ...

    def add_sources(self, collection: str, rows: list[SourceRow]) -> None:
        """Record files as sources of a stored collection, as they are (a copy's)."""
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

    def session(self) -> AbstractContextManager[None]:
        """A block of short operations of one thread (a web request): on PostgreSQL, one
        connection borrowed from the pool for the block; on SQLite, nothing to do."""
        ...

    def page_rows(self, rowids: list[int]) -> dict[int, PageRow]: ...

    def stats(self) -> dict[str, Any]: ...

    # -- read views for the web (web helper) ---------------------------------------------

    def list_rows(self, collection: str) -> list[ListRow]:
        """A collection's documents in their printed order."""
        ...

    def day_rows(self, date_from: str, date_to: str, limit: int) -> list[ListRow]:
        """Dated documents with date_from <= date <= date_to, by date, at most `limit`."""
        ...

    def neighbour_ids(self, id: str) -> dict[str, str | None]:
        """prev/next in the collection and prev_date/next_date in date order (None: none)."""
        ...

    def year_counts(self) -> list[tuple[int, int]]: ...

    def collection_spans(self) -> list[CollectionSpan]: ...

    def reference_targets(self) -> Iterator[tuple[str, str, str]]:
        """(record id, reference text, target id) of every resolved reference."""
        ...

    # -- end read views -------------------------------------------------------------------

    def integrity_check(self) -> list[str]:
        """["ok"], or what the database found wrong."""
        ...

    # People (migration 004): the authorities, and the links of documents to persons.

    def authority_source(self, kind: str) -> tuple[str, str] | None:
        """(path, signature) of the authority folder of this kind stored last."""
        ...

    def put_authorities(self, rows: AuthorityRows) -> None:
        """Replace the stored authorities, in one transaction."""
        ...

    def authorities_data(self) -> tuple[str, str] | None:
        """(stamp, Authorities JSON) of the stored authorities, or None."""
        ...

    def authorities_stamp(self) -> str | None: ...

    def collections_to_link(self, stamp: str, everything: bool = False) -> list[str]:
        """Collections linked with other authorities than `stamp` (or never), or all."""
        ...

    def update_links(self, collection: str, records: list[tuple[str, Record]],
                     stamp: str) -> None:
        """Each record's new JSON text and person index, in one transaction."""
        ...

    def person_ids_by_name(self, name: str) -> list[str]: ...

    def register_person(self, id: str) -> tuple[str, str, list[str], int | None,
                                                   int | None] | None: ...

    def person_names(self, ids: Iterable[str]) -> dict[str, str]: ...

    def appointments_of(self, person_id: str) -> list[dict[str, str | None]]: ...

    def person_documents(self, person_id: str) -> list[tuple[str, str | None, str, str]]:
        """(document id, date, title, role) of every document linked to the person."""
        ...

    def co_mentioned(self, person_id: str, limit: int = 20) -> list[tuple[str, str, int]]: ...

    def people_stats(self) -> dict[str, Any]: ...

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
