"""The Archive façade: what the CLI and every later layer use to ingest and read records."""

from __future__ import annotations

import hashlib
import os
import tempfile
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from cablegram.archive_people import PeopleMixin
from cablegram.authority_folders import split_paths
from cablegram.errors import CablegramError, NotFound, ReadError
from cablegram.history.build import HistoryBuild
from cablegram.history.build import rebuild as rebuild_history
from cablegram.history.chronology import PERIODS, Chronology, chronology, parse_range
from cablegram.history.gaps import MissingItem, cited_not_printed
from cablegram.history.sequences import Sequence as NumberSequence
from cablegram.history.sequences import sequences
from cablegram.read_worker import ReadWorkers
from cablegram.readers.base import Reader
from cablegram.readers.registry import detect_reader, get_reader
from cablegram.record import Batch, Collection, Record
from cablegram.search.index import SearchIndex
from cablegram.store.base import CollectionSpan, DocRows, ListRow, RefRow, Store
from cablegram.store.sqlite import SqliteStore
from cablegram.store.twins import FIELD_SOURCES, merge_twins, part_from, rank, twin_key

if TYPE_CHECKING:
    from cablegram.copying import CopyReport
    from cablegram.history.digest import Digest
    from cablegram.history.network import Network
    from cablegram.linking import Handoff, LinkSetup

# What a folder walk picks up; a file named explicitly is always taken.
INGEST_SUFFIXES: tuple[str, ...] = (".xml", ".xml.gz", ".txt", ".htm", ".html",
                                     ".pdf", ".png", ".tif", ".tiff", ".jpg", ".jpeg")
DEFAULT_DB = "cablegram.db"
READ_AHEAD: tuple[str, ...] = ("thread", "process", "off")
# Reader processes of read_ahead="process". Reading costs more than storing: with one reader
# the store waited for it; with two (and the store: three processes on two cores) the corpus
# ingest took 15.0-15.2 s of wall time instead of 17.4 s (measured under load 1.2-1.6).
READ_PROCESSES = 2


def default_db() -> Path | str:
    """`CABLEGRAM_DB` (a file, or a postgresql:// URL kept as text), else ./cablegram.db."""
    from cablegram.store.postgres_select import is_url

    value = os.environ.get("CABLEGRAM_DB") or DEFAULT_DB
    return value if is_url(value) else Path(value)


# How a file joins what is stored (docs/formats.md): a TEI file is a whole volume and
# replaces it; a text or HTML page is part of a volume and replaces only its own documents;
# a catalog page is merged into its catalog by the catalog reader's `merge_batch`.
PAGE_FORMATS = frozenset({"frus-text", "frus-2001", "frus-html", "hsg-text", "hsg-html"})
CATALOG_FORMATS = frozenset({"catalog"})
# A scan joins the collection holding its catalog entry (readers/scan_merge.py).
SCAN_FORMATS = frozenset({"scan"})


def _one_line(text: str) -> str:
    # Error and warning lines must stay one line each, whatever a parser's message holds.
    return " ".join(text.split())


@dataclass(slots=True)
class FileOutcome:
    """What came of one input file."""

    path: Path
    status: str  # ingested | replaced | unchanged | failed
    collections: list[str] = field(default_factory=list)
    documents: int = 0
    warnings: list[str] = field(default_factory=list)
    error: str | None = None
    # Seconds spent reading (parsing), linking (in the reader) and storing: the
    # benchmark's breakdown.
    read_seconds: float = 0.0
    store_seconds: float = 0.0
    link_seconds: float = 0.0


@dataclass(slots=True)
class IngestEvent:
    """Passed to `on_progress` before (outcome None) and after each file."""

    path: Path
    index: int
    total_files: int
    done_bytes: int
    total_bytes: int
    outcome: FileOutcome | None = None


@dataclass(slots=True)
class LinkReport:
    """What `Archive.link` did: collections and documents linked, data warnings."""

    collections: list[str] = field(default_factory=list)
    documents: int = 0
    warnings: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"collections": len(self.collections), "documents": self.documents,
                "warnings": list(self.warnings)}


@dataclass(slots=True)
class IngestReport:
    files: list[FileOutcome] = field(default_factory=list)
    # The authority folders (people register, pocom): their path is the folder.
    authorities: list[FileOutcome] = field(default_factory=list)
    # Collections stored earlier and linked at the end (the authorities changed since).
    linked: LinkReport | None = None
    # Why the search index could not catch up at the end (it does at the next search).
    index_warning: str | None = None

    def _count(self, status: str) -> int:
        return sum(1 for f in self.files if f.status == status)

    @property
    def ingested(self) -> int:
        return self._count("ingested")

    @property
    def replaced(self) -> int:
        return self._count("replaced")

    @property
    def unchanged(self) -> int:
        return self._count("unchanged")

    @property
    def failed(self) -> int:
        """Files and authority folders that failed."""
        return self._count("failed") + sum(1 for a in self.authorities if a.status == "failed")

    @property
    def documents(self) -> int:
        """Documents stored by this run (unchanged files not counted)."""
        return sum(f.documents for f in self.files)

    @property
    def warnings(self) -> list[str]:
        # Authority warnings name their file (and entry) already.
        found = [w for a in self.authorities for w in a.warnings]
        found += [f"{f.path}: {w}" for f in self.files for w in f.warnings]
        found += self.linked.warnings if self.linked else []
        return found + ([self.index_warning] if self.index_warning else [])

    @property
    def errors(self) -> list[tuple[str, str]]:
        return [(str(f.path), f.error) for f in (*self.authorities, *self.files)
                if f.error is not None]

    def as_dict(self) -> dict[str, Any]:
        return {
            "volumes": {"ingested": self.ingested, "replaced": self.replaced,
                        "unchanged": self.unchanged, "failed": self._count("failed")},
            "authorities": [{"path": str(a.path), "status": a.status}
                            for a in self.authorities],
            "documents": self.documents,
            "linked": self.linked.as_dict() if self.linked else None,
            "warnings": self.warnings,
            "errors": [{"path": p, "reason": r} for p, r in self.errors],
        }


def _wanted(p: Path) -> bool:
    name = p.name.lower()
    return not name.startswith(".") and name.endswith(INGEST_SUFFIXES)


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files named, and the wanted files under folders named (sorted), each once; authority
    folders (`cablegram.authority_folders`) are not walked."""
    return split_paths(paths, _wanted).files


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _size(p: Path) -> int:
    try:
        return p.stat().st_size
    except OSError:
        return 0


@dataclass(slots=True)
class _Prepared:
    """A file about to be ingested; `outcome` is set when it needs no reading."""

    path: Path
    key: str  # the absolute path, as the sources table knows it
    sha: str
    outcome: FileOutcome | None = None


@dataclass(slots=True)
class _Read:
    """A file read: its batches, or why it failed."""

    batches: list[Batch]
    error: str | None = None
    seconds: float = 0.0
    # Each batch's rows as stored (`store.sqlite.doc_rows`, the JSON included), made by a
    # reader process, which then sends them instead of the records (`batches` hold none);
    # None: the store makes them from the records.
    rows: list[DocRows] | None = None
    link_seconds: float = 0.0
    # The stamp of the authorities the records were linked with; None: not linked.
    linked_with: str | None = None


def read_file(path: Path, format: str = "auto",
              link: Callable[[], LinkSetup | None] | None = None,
              collection: str | None = None) -> _Read:
    """Choose the reader and read the whole file, then link its records with the setup that
    `link()` gives (asked for only then: it may wait for it); bad input comes back as
    `error`. `collection` names the volume of pages that name none themselves."""
    t0 = time.perf_counter()
    try:
        reader = (detect_reader(path, collection) if format == "auto"
                  else get_reader(format, collection))
        batches = _read_all(reader, path)
    except ReadError as e:
        return _Read([], _one_line(e.reason))
    except CablegramError as e:
        return _Read([], _one_line(str(e)))
    t1 = time.perf_counter()
    try:
        setup = link() if link is not None and batches else None
    except CablegramError as e:
        # The records are stored unlinked, as such: `cablegram link` links them later.
        setup = None
        for batch in batches:
            batch.warnings.append(_one_line(f"not linked: {e}"))
    t2 = time.perf_counter()  # the wait for the setup is neither reading nor linking
    if setup is not None:
        for batch in batches:
            setup.link_batch(batch)
    return _Read(batches, None, t1 - t0, link_seconds=time.perf_counter() - t2,
                 linked_with=setup.stamp if setup is not None else None)


def _read_all(reader: Reader, path: Path) -> list[Batch]:
    # The whole file is read before anything is stored: a file that fails halfway leaves
    # the archive as it was.
    try:
        return list(reader.read(path))
    except CablegramError:
        raise
    except Exception as e:
        # A reader bug must not end a whole batch of volumes: it becomes this file's error,
        # marked as a bug so that it is reported rather than taken for bad input.
        raise ReadError(
            path, f"internal error in reader {reader.name!r}: {type(e).__name__}: {e}"
        ) from e


def _parent_link(handoff: Handoff) -> Callable[[], LinkSetup | None]:
    """What forked readers link with: the setup made here once, or the reason there is
    none (each file's records are then stored unlinked, with a warning)."""
    try:
        setup = handoff.setup()
    except CablegramError as e:
        error = e

        def failed() -> LinkSetup | None:
            raise error

        return failed
    return lambda: setup


def _same_file(origin: str | None, here: Path) -> bool:
    return bool(origin) and Path(str(origin)).resolve() == here


def _number_order(record: Record) -> float:
    # Documents of a volume in their printed order; unnumbered ones keep their place last.
    n = record.number
    return int(n) if n and n.isdigit() else float("inf")


class Archive(PeopleMixin):
    """An archive of records: a store (one SQLite file) and its search index beside it."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._index: SearchIndex | None = None
        self._link_setup: LinkSetup | None = None
        self._cited_by: dict[str, list[tuple[str, str]]] | None = None

    @property
    def index(self) -> SearchIndex:
        """The search index beside the archive file (for PostgreSQL: in this machine's
        index folder, `index_folder`), opened on first use."""
        if self._index is None:
            from cablegram.store.postgres_select import index_folder

            self._index = SearchIndex(index_folder(self.store))
        return self._index

    def sync_index(self, on_progress: Callable[[int, int], None] | None = None) -> int:
        """Bring the search index in step with what is stored; the collections re-indexed."""
        return self.index.sync(self.store, on_progress)

    @classmethod
    def open(cls, path: str | Path | None = None, *, create: bool = True) -> Archive:
        """Open (or, with `create`, make) the archive at `path` (default: `default_db()`):
        a SQLite file, or a PostgreSQL database named by a `postgresql://` URL."""
        from cablegram.store.postgres_select import open_store

        store = open_store(path if path is not None else os.environ.get("CABLEGRAM_DB"))
        if store is not None:
            return cls(store)
        db = Path(path) if path is not None else Path(default_db())
        if not create and not db.exists():
            raise CablegramError(f"{db}: no archive here (run `cablegram ingest` first)")
        return cls(SqliteStore(db))

    def copy_to(self, target: Archive,
                on_progress: Callable[[int, int, str], None] | None = None) -> CopyReport:
        """Copy this archive into an empty one (SQLite <-> PostgreSQL); counts and a content
        hash are checked at the end (`cablegram.copying`)."""
        from cablegram.copying import copy_store

        return copy_store(self.store, target.store, on_progress)

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def session(self) -> AbstractContextManager[None]:
        """A block of short calls from one thread (a web request): on PostgreSQL they share
        one connection borrowed from the store's pool, given back at the end."""
        return self.store.session()

    def close(self) -> None:
        self.store.close()

    # -- ingest ---------------------------------------------------------------------------

    def ingest(self, paths: Iterable[str | Path], format: str = "auto",
               on_progress: Callable[[IngestEvent], None] | None = None,
               read_ahead: str = "thread",
               on_index: Callable[[int, int], None] | None = None,
               collection: str | None = None,
               on_page: Callable[[Path, int, int], None] | None = None,
               on_link: Callable[[int, int, str], None] | None = None) -> IngestReport:
        """Read and store every file; one file's failure is recorded and the rest go on.

        `collection`: the volume id for text and HTML pages that name none (no URL, no
        title block, no volume in the file name).

        `read_ahead`: where the next file is read while this one is stored: "thread" (one
        reader thread; SQLite works without the GIL meanwhile), "process" (READ_PROCESSES
        child processes, `cablegram.read_worker`: every core busy) or "off".
        Authority folders among the paths (the people register, pocom) are stored first,
        whatever their order; then every record read is linked to persons and terms
        (`cablegram.linking`), and collections stored before the authorities changed are
        linked again at the end (`link`; `on_link(done, total, collection)`). Then the
        search index catches up: `on_index(done, total)` per collection indexed.
        With `on_page`, the pages of scans are read first, `on_page(path, done, pages)`
        after each (docs/scans.md).
        """
        if format != "auto":
            get_reader(format)  # an unknown name fails now, not once per file
        if read_ahead not in READ_AHEAD:
            raise CablegramError(f"unknown read_ahead {read_ahead!r}: use "
                                 + ", ".join(READ_AHEAD))
        from cablegram.linking import Handoff

        split = split_paths(paths, _wanted)
        if on_page is not None and format in ("auto", "scan"):
            self._read_scans_ahead(split.files, on_page)
        report = IngestReport()
        with tempfile.TemporaryDirectory(prefix="cablegram-link-") as tmp:
            handoff = Handoff(Path(tmp) / "authorities")
            linked = self._ingest_files(
                split.files, format, on_progress, read_ahead, report, handoff,
                lambda: self._store_authorities(split, report.authorities, handoff),
                collection)
        if handoff.made is not None:
            self._link_setup = handoff.made  # made once: linking again at the end uses it
        if linked is not None and self.store.collections_to_link(linked):
            try:
                report.linked = self.link(on_progress=on_link)
            except CablegramError as e:
                # What is stored stays stored: `cablegram link` links it once it can.
                report.linked = LinkReport(warnings=[_one_line(f"not linked again: {e}")])
        try:
            self.sync_index(on_index)
        except CablegramError as e:
            # What is stored stays stored, and marked: the next search indexes it.
            report.index_warning = f"{e} (the index catches up at the next search)"
        return report

    def _ingest_files(self, files: list[Path], format: str,
                      on_progress: Callable[[IngestEvent], None] | None, read_ahead: str,
                      report: IngestReport, handoff: Handoff,
                      authorities: Callable[[], Callable[[], str | None]],
                      collection: str | None = None) -> str | None:
        """Read and store the files; `authorities()` loads them (once the first files are
        being read, or before reader processes are forked), and what it returns stores them
        and gives the stamp the files are linked with (returned)."""
        sizes = [_size(p) for p in files]
        total = sum(sizes)
        done = 0
        # The next files are read while this one is stored. In a thread, the reader runs
        # while SQLite writes and indexes without the GIL; a reader process is driven from
        # that thread too, which then waits on its pipe. Files are stored one by one, in order.
        n = READ_PROCESSES if read_ahead == "process" else 1
        linked: str | None = None
        forked = read_ahead == "process" and bool(files) and hasattr(os, "fork")
        store_authorities: Callable[[], str | None] | None = None
        if forked:
            # The authorities loaded and the linker built first, then the reader processes
            # forked: they share one linker instead of each loading and building its own.
            # The authorities are stored once the readers are reading.
            store_authorities = authorities()
        pool = ThreadPoolExecutor(max_workers=n, thread_name_prefix="cablegram-read")
        worker = (ReadWorkers(n, link=_parent_link(handoff)) if forked
                  else ReadWorkers(n, handoff.file) if read_ahead == "process" and files
                  else None)
        read: Callable[[Path, str], _Read] = (
            partial(worker.read, collection=collection) if worker is not None
            else lambda path, fmt: read_file(path, fmt, handoff.setup, collection))
        # Files hashed and being read ahead of the one stored: one per reader process and one
        # more, so that a small file's turn leaves no reader idle; a thread reads one ahead.
        depth = {"thread": 1, "process": 1 + n, "off": 0}[read_ahead]
        queue: deque[tuple[_Prepared, Future[_Read] | None]] = deque()
        try:
            for i, (path, size) in enumerate(zip(files, sizes, strict=True)):
                if on_progress:
                    on_progress(IngestEvent(path, i, len(files), done, total))
                for j in range(i + len(queue), min(i + 1 + depth, len(files))):
                    queue.append(self._look_ahead(pool, read, files[j], format,
                                                  start=read_ahead != "off"))
                if i == 0:
                    linked = (store_authorities or authorities())()
                prep, pending = queue.popleft()
                outcome = self._ingest_one(prep, pending, read, format)
                report.files.append(outcome)
                # The resolved path, as `sources` keys it: stats joins the two.
                self.store.log_ingest(
                    prep.key, outcome.status,
                    collection=outcome.collections[0] if outcome.collections else None,
                    documents=outcome.documents, warnings=outcome.warnings,
                    error=outcome.error,
                )
                done += size
                if on_progress:
                    on_progress(IngestEvent(path, i + 1, len(files), done, total, outcome))
            if not files:
                linked = authorities()()
        finally:
            # The readers must not wait for authorities that will never come.
            handoff.publish(None)
            # An interrupt or a failing callback does not wait for reads not yet begun.
            pool.shutdown(wait=True, cancel_futures=True)
            if worker is not None:
                worker.close()
        return linked

    def _read_scans_ahead(self, files: list[Path],
                          on_page: Callable[[Path, int, int], None]) -> None:
        """OCR the new or changed scans among `files` into the page cache, page by page."""
        from cablegram.readers.scan import read_ahead
        from cablegram.readers.scan_pages import is_scan

        for path in files:
            try:
                with path.open("rb") as f:
                    if not is_scan(f.read(16)):
                        continue
                if self.store.source_unchanged(str(path.resolve()), sha256_file(path)):
                    continue
            except OSError:
                continue  # the ingest reports it
            read_ahead(path, partial(on_page, path))

    def _look_ahead(self, pool: ThreadPoolExecutor, read: Callable[[Path, str], _Read],
                    path: Path, format: str, start: bool,
                    ) -> tuple[_Prepared, Future[_Read] | None]:
        """Hash a file and, unless it is failed or unchanged so far, start reading it."""
        prep = self._prepare(path)
        if prep.outcome is not None or not start:
            return prep, None
        return prep, pool.submit(read, prep.path, format)

    def _ingest_one(self, prep: _Prepared, pending: Future[_Read] | None,
                    read: Callable[[Path, str], _Read], format: str) -> FileOutcome:
        if prep.outcome is not None and prep.outcome.status != "unchanged":
            return prep.outcome
        # Decided again now that the files before it are stored: a file of the same
        # collection may have replaced this one's documents since it was hashed.
        if self.store.source_unchanged(prep.key, prep.sha):
            if pending is not None:
                pending.cancel()
            return FileOutcome(prep.path, "unchanged")
        done = pending.result() if pending is not None else read(prep.path, format)
        return self._store(prep, done)

    def _prepare(self, path: Path) -> _Prepared:
        """Hash the file; decide now when it is missing, unreadable or unchanged."""
        key = str(path.resolve())
        if not path.is_file():
            reason = "no such file" if not path.exists() else "not a file"
            return _Prepared(path, key, "", FileOutcome(path, "failed", error=reason))
        try:
            sha = sha256_file(path)
        except OSError as e:
            return _Prepared(path, key, "", FileOutcome(
                path, "failed", error=_one_line(f"cannot read: {e.strerror or e}")))
        if self.store.source_unchanged(key, sha):
            return _Prepared(path, key, sha, FileOutcome(path, "unchanged"))
        return _Prepared(path, key, sha)

    def _store(self, prep: _Prepared, read: _Read) -> FileOutcome:
        path = prep.path
        if read.error is not None:
            return FileOutcome(path, "failed", error=read.error)
        t0 = time.perf_counter()
        outcome = FileOutcome(path, "ingested", read_seconds=read.seconds,
                              link_seconds=read.link_seconds)
        try:
            joined: list[Batch] = []
            counts: list[int] = []
            shared = False
            ready = read.rows
            json: list[list[str]] | None = None
            if ready is not None and any(self._joins_stored(b) for b in read.batches):
                # Joined with what is stored: the records again, from their JSON.
                for batch, rows in zip(read.batches, ready, strict=True):
                    batch.records = rows.records()
                json = [[doc[-1] for doc in rows.docs] for rows in ready]
                ready = None
            for i, batch in enumerate(read.batches):
                if ready is not None:  # a new volume: stored as read
                    joined.append(batch)
                    counts.append(len(ready[i].docs))
                    continue
                to_store, count, with_others = self._join(batch, path, outcome.warnings)
                joined.append(to_store)
                counts.append(count)
                shared |= with_others
            seen_before = self.store.source_known(prep.key)
            # Batches joined with stored pages are new records: their JSON is made here.
            puts = self.store.put_batches(joined, path=prep.key, sha256=prep.sha,
                                          shared=shared, json=None if shared else json,
                                          linked=read.linked_with, rows=ready)
        except ReadError as e:
            return FileOutcome(path, "failed", error=_one_line(e.reason))
        except CablegramError as e:
            return FileOutcome(path, "failed", error=_one_line(str(e)))
        for batch, put, count in zip(read.batches, puts, counts, strict=True):
            # A page that joins a collection replaces nothing but its own earlier version.
            if (seen_before if shared else put.status == "replaced"):
                outcome.status = "replaced"
            for other in put.replaced_paths:
                # Usually the same volume moved or recompressed; but two files that
                # share a collection id replace each other, and that must be seen.
                outcome.warnings.append(
                    f"collection {batch.collection.id!r} came from {other}: "
                    "its documents are replaced by this file's")
            outcome.collections.append(batch.collection.id)
            outcome.documents += count
            outcome.warnings.extend(_one_line(w) for w in batch.warnings)
        outcome.store_seconds = time.perf_counter() - t0
        return outcome

    def _joins_stored(self, batch: Batch) -> bool:
        """Whether `_join` may join the batch with what is stored (else it stores it as is)."""
        fmt = batch.collection.format
        return (fmt in SCAN_FORMATS | PAGE_FORMATS | CATALOG_FORMATS
                or self.store.collection(batch.collection.id) is not None)

    def _join(self, batch: Batch, path: Path, warnings: list[str]) -> tuple[Batch, int, bool]:
        """What to store for one batch: itself, or its collection with this file's part;
        how many of the file's documents that stores; and whether other files' documents
        stay in the collection (the batch is then stored as a shared one)."""
        fmt = batch.collection.format
        if fmt in SCAN_FORMATS:
            return self._join_scan(batch, warnings), len(batch.records), True
        stored = self.store.collection(batch.collection.id)
        if stored is None:
            return batch, len(batch.records), fmt in PAGE_FORMATS | CATALOG_FORMATS
        existing = self.store.iter_records(stored.id)
        if fmt in CATALOG_FORMATS:
            from cablegram.readers.catalog import merge_batch
            from cablegram.readers.scan_merge import catalog_records, rejoin_catalog

            # Stored scans step aside while the page merges, then join their items again.
            before = list(existing)
            joined = merge_batch(batch, catalog_records(before), stored)
            return rejoin_catalog(joined, before), len(batch.records), True
        here = path.resolve()
        # A TEI volume read again replaces its own documents; a page, only its own part.
        # What other files brought stays, and twins (one document from two files) merge.
        if fmt in PAGE_FORMATS:
            others = [r for r in existing
                      if not _same_file(r.origin, here) or r.extra.get(FIELD_SOURCES)]
        else:  # a whole volume replaces what volumes gave; what pages gave stays
            others = [p for p in (part_from(r, PAGE_FORMATS) for r in existing) if p]
            if not others:
                return batch, len(batch.records), False
        twins = {twin_key(r.id): r for r in others}
        merged: list[str] = []
        records: list[Record] = []
        for rec in batch.records:
            twin = twins.pop(twin_key(rec.id), None)
            if twin is None:
                records.append(rec)
            else:
                records.append(merge_twins(twin, rec))
                if not _same_file(twin.origin, here):
                    merged.append(twin.id)
        # Documents of other files with no twin here stay as they were.
        records += [r for r in twins.values() if not _same_file(r.origin, here)]
        records.sort(key=_number_order)
        if merged:
            warnings.append(f"{len(merged)} of its documents were stored from another file "
                            f"already (first: {merged[0]}) and are merged: a field is taken "
                            "from the poorer file only where the richer leaves it empty")
        col = batch.collection if rank(fmt) <= rank(stored.format) else stored
        other = stored if col is batch.collection else batch.collection
        return Batch(
            Collection(id=col.id, title=col.title or other.title, format=col.format,
                       meta={**other.meta, **col.meta},
                       persons=col.persons or other.persons, terms=col.terms or other.terms),
            records, list(batch.warnings),
        ), len(batch.records) - len(merged), True

    def _join_scan(self, batch: Batch, warnings: list[str]) -> Batch:
        """A scan batch joined with the collection that holds its catalog entry (same id,
        or same post, date and number), else with its own collection."""
        from cablegram.readers.scan_merge import find_entry, flag_ties, join_scan

        own = self.store.collection(batch.collection.id)
        own_records = list(self.store.iter_records(own.id)) if own else []
        scans = list(batch.records)
        if not any(find_entry(scan, own_records)[0] for scan in scans):
            for col in self.store.collections():
                if col.id == batch.collection.id or col.format not in \
                        CATALOG_FORMATS | SCAN_FORMATS:
                    continue
                records = list(self.store.iter_records(col.id))
                found = [find_entry(scan, records) for scan in scans]
                if any(entry for entry, _ in found):
                    return join_scan(batch, col, records, warnings)
                # Several items match: the scan stays in its own collection, flagged.
                scans = [flag_ties(s, ties, warnings) if ties else s
                         for s, (_, ties) in zip(scans, found, strict=True)]
        own_batch = Batch(batch.collection, scans, batch.warnings)
        return join_scan(own_batch, own, own_records, warnings)

    # -- reading --------------------------------------------------------------------------

    def get(self, id: str) -> Record:
        record = self.store.get(id)
        if record is None:
            raise NotFound("record", id)
        return record

    def records(self, collection: str | None = None) -> Iterator[Record]:
        if collection is not None and self.store.collection(collection) is None:
            raise NotFound("collection", collection)
        return self.store.iter_records(collection)

    def records_json(self, collection: str | None = None) -> Iterator[str]:
        """Each record as its stored JSON text (no decoding: for export)."""
        if collection is not None and self.store.collection(collection) is None:
            raise NotFound("collection", collection)
        return self.store.iter_json(collection)

    def collections(self) -> list[Collection]:
        return self.store.collections()

    def collection(self, id: str) -> Collection:
        col = self.store.collection(id)
        if col is None:
            raise NotFound("collection", id)
        return col

    def stats(self) -> dict[str, Any]:
        """The store's counts, and the search index's (`search_index`)."""
        return {**self.store.stats(), "search_index": self.index.status(self.store)}

    # -- search (owned by the search helper: add `search(...)` between these markers) -----

    def search(self, query: str, facets: Iterable[str] | None = None, sort: str = "relevance",
               limit: int = 20, offset: int = 0,
               facet_size: int | Mapping[str, int | None] | None = 30,
               sync: bool = True) -> dict[str, Any]:
        """Run a query (see docs/search.md): `{"total", "results", "facets"}` as plain data.

        `facet_size`: the most frequent values listed per facet (None: all), or a size
        per facet name (`{"year": None}`: every year, other facets 30). `sync=False`: search
        the index as it is, never writing it (a read-only server; ingests keep it in step).

        Raises QueryError(pos, reason) for a malformed query.
        """
        from cablegram.search.engine import search

        if sync:
            self.sync_index()
        return search(self.index, self.store, query,
                      facets=None if facets is None else list(facets),
                      sort=sort, limit=limit, offset=offset, facet_size=facet_size)

    # -- end search -----------------------------------------------------------------------

    # -- history: chronology, network, references, gaps, sequences, digests ---------------
    # (cablegram.history; the tables are derived from the documents and made again whenever
    # the documents have changed since, on the first history call after an ingest.)

    def sync_history(self, on_progress: Callable[[int], None] | None = None,
                     force: bool = False) -> HistoryBuild | None:
        """Make the history tables again if the documents changed; what was made, or None."""
        history = self.store.history
        if not force and history.built_mark() == self.store.last_search_mark():
            return None
        return rebuild_history(self.store, on_progress)

    def _history_range(self, lo: str, hi: str, collection: str | None) -> tuple[str, str]:
        a, b = parse_range(lo, hi)
        if collection is not None and self.store.collection(collection) is None:
            raise NotFound("collection", collection)
        self.sync_history()
        return a, b

    def chronology(self, lo: str, hi: str, collection: str | None = None, period: str = "day",
                   limit: int | None = None) -> Chronology:
        """Documents of [lo, hi] in time order (the first `limit`), and counts per period.

        `lo`/`hi`: YYYY-MM-DD, YYYY-MM or YYYY. An empty range gives an empty chronology.
        """
        a, b = self._history_range(lo, hi, collection)
        return chronology(self.store.history, a, b, collection, period, limit)

    def network(self, lo: str, hi: str, by: str = "post", collection: str | None = None,
                period: str = "month") -> Network:
        """Who wrote to whom in [lo, hi]: edges by post (or person), counted per period."""
        if period not in PERIODS:
            raise CablegramError(f"unknown period {period!r}: use {', '.join(PERIODS)}")
        # networkx (and numpy for the digest) imported on use: reader processes import this
        # module and need neither.
        from cablegram.history.network import network

        a, b = self._history_range(lo, hi, collection)
        return network(self.store.history, a, b, by, collection, period)

    def refs(self, *, status: str | None = None, kind: str | None = None,
             src_id: str | None = None, target_id: str | None = None) -> list[RefRow]:
        """The references found in the documents (all, or those asked for)."""
        self.sync_history()
        return list(self.store.history.refs(status=status, kind=kind, src_id=src_id,
                                            target_id=target_id))

    def backlinks(self, id: str) -> list[RefRow]:
        """The resolved references that point to document `id`."""
        self.get(id)
        self.sync_history()
        return list(self.store.history.refs(status="resolved", target_id=id))

    def cited_not_printed(self) -> list[MissingItem]:
        """Telegrams and documents cited in the archive and absent from it."""
        self.sync_history()
        return cited_not_printed(self.store.history.refs(status="unresolved"))

    def number_sequences(self) -> list[NumberSequence]:
        """Each post's telegram numbers per recipient and numbering year, gaps, backwards."""
        self.sync_history()
        return sequences(self.store.history.telegrams())

    def digest(self, lo: str, hi: str, collection: str | None = None) -> Digest:
        """A digest page of [lo, hi]: themed sentences taken verbatim, and the item table."""
        from cablegram.history.digest import digest

        a, b = self._history_range(lo, hi, collection)
        return digest(self.store.history.docs(a, b, collection), self.get, a, b)

    # -- end history ----------------------------------------------------------------------

    # -- read views (web helper): what the pages list besides one record ------------------

    def toc(self, collection: str) -> list[ListRow]:
        """A collection's documents in printed order, with their chapter (for its contents)."""
        self.collection(collection)  # NotFound for an unknown id
        return self.store.list_rows(collection)

    def by_day(self, date_from: str, date_to: str, limit: int = 1000) -> list[ListRow]:
        """Dated documents from `date_from` to `date_to` (YYYY-MM-DD, both included)."""
        from cablegram.search.engine import check_paging

        limit, _ = check_paging(limit, 0)
        return self.store.day_rows(date_from, date_to, limit)

    def neighbours(self, id: str) -> dict[str, str | None]:
        """Ids of the previous and next documents: in the volume (prev, next) and in date
        order across the archive (prev_date, next_date)."""
        return self.store.neighbour_ids(id)

    def year_counts(self) -> list[tuple[int, int]]:
        """(year, documents) for every year with a dated document, in order."""
        return self.store.year_counts()

    def collection_spans(self) -> list[CollectionSpan]:
        return self.store.collection_spans()

    def cited_by(self, id: str) -> list[tuple[str, str]]:
        """(record id, reference text) of the records whose references resolve to `id`.

        The whole map is read once per Archive (about half a second on the corpus): an
        archive open for reading does not change under it.
        """
        if self._cited_by is None:
            found: dict[str, list[tuple[str, str]]] = {}
            for source, text, target in self.store.reference_targets():
                if source != target:
                    found.setdefault(target, []).append((source, text))
            self._cited_by = found
        return self._cited_by.get(id, [])

    # -- end read views -------------------------------------------------------------------
