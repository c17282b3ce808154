"""The search index: a tantivy index beside the SQLite file, kept in step with it.

SQLite is the record of what is stored; the index is derived from it. Every change to a
collection's documents marks the collection in `search_queue` (migration 003) in the same
SQLite transaction as the change. `SearchIndex.sync` re-indexes the marked collections and
then records the last mark it applied, so a crash at any point leaves marks still to apply,
never a stale index that looks current. `Archive` syncs after an ingest and before every
search. Re-indexing a collection deletes its documents first, so applying a mark twice is
harmless.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import tantivy

from cablegram.errors import CablegramError
from cablegram.store.base import SearchRow, Store

# Bumped whenever the fields or the analyzer change: an index of another version is rebuilt.
SCHEMA_VERSION = 2
ANALYZER = "cablegram"
# Words: the title (the heading) and the text; from:/to:/place: match inside their own field.
TEXT_FIELDS: tuple[str, ...] = ("title", "text")
PARTY_FIELDS: dict[str, str] = {"from": "sender", "to": "recipient", "place": "place"}
# Whole values, for exact filters and facet counts.
RAW_FIELDS: tuple[str, ...] = ("collection", "doc_type", "classification", "number",
                               "telegram_number", "sender_value", "recipient_value",
                               "place_value", "person")
UNDATED = 99_999_999  # date_sort of an undated document: after every date
_APPLIED = "applied"
# Writer memory, split between its threads; tantivy needs at least 15 MB a thread.
_WRITER_HEAP = 64_000_000
_LOCK_WAIT_S = 30.0

def date_number(date: str, *, end: bool = False) -> int:
    """An ISO date at any precision as YYYYMMDD: missing parts are 00, or 99 for an `end`.

    The numbers order as the ISO strings do, and a range's `end` covers every date that
    begins with it ("1962-10" ends at 19621099).
    """
    parts = date[:10].split("-")
    fill = 99 if end else 0
    month = int(parts[1]) if len(parts) > 1 and parts[1] else fill
    day = int(parts[2]) if len(parts) > 2 and parts[2] else fill
    return int(parts[0]) * 10_000 + month * 100 + day


def analyzer() -> tantivy.TextAnalyzer:
    """Words as runs of letters and digits, lower case, accents folded ("Khrushchëv" =
    "khrushchev"); no stemming, since historians search for the word they typed."""
    return (tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
            .filter(tantivy.Filter.remove_long(255))
            .filter(tantivy.Filter.lowercase())
            .filter(tantivy.Filter.ascii_fold())
            .build())


def build_schema() -> tantivy.Schema:
    sb = tantivy.SchemaBuilder()
    sb.add_unsigned_field("rowid", indexed=False, fast=True)
    for name in (*TEXT_FIELDS, *PARTY_FIELDS.values()):
        sb.add_text_field(name, tokenizer_name=ANALYZER, index_option="position")
    for name in RAW_FIELDS:
        sb.add_text_field(name, tokenizer_name="raw", fast=True, index_option="basic")
    sb.add_integer_field("year", indexed=True, fast=True)
    sb.add_integer_field("date_lo", indexed=True, fast=True)
    sb.add_integer_field("date_hi", indexed=True, fast=True)
    # Date order without ties: the date's number, then the document's rowid.
    sb.add_integer_field("date_sort", fast=True)
    sb.add_boolean_field("has_redaction", indexed=True, fast=True)
    sb.add_boolean_field("has_footnote", indexed=True, fast=True)
    return sb.build()


def _document(row: SearchRow) -> tantivy.Document:
    (rowid, title, text, collection, doc_type, classification, number, telegram_number,
     sender, recipient, place, year, date_lo, date_hi, has_redaction, has_footnote,
     persons) = row
    doc = tantivy.Document()
    doc.add_unsigned("rowid", rowid)
    for name, value in (("title", title), ("text", text), ("sender", sender),
                        ("recipient", recipient), ("place", place),
                        ("collection", collection), ("doc_type", doc_type),
                        ("classification", classification), ("number", number),
                        ("telegram_number", telegram_number), ("sender_value", sender),
                        ("recipient_value", recipient), ("place_value", place)):
        if value:
            doc.add_text(name, value)
    for person in (persons or "").split():
        doc.add_text("person", person)  # a register id: `person:` and the persons facet
    if year is not None:
        doc.add_integer("year", year)
    lo = UNDATED
    if date_lo:
        lo = date_number(date_lo)
        doc.add_integer("date_lo", lo)
        doc.add_integer("date_hi", date_number(date_hi or date_lo))
    doc.add_integer("date_sort", (lo << 32) | rowid)
    doc.add_boolean("has_redaction", bool(has_redaction))
    doc.add_boolean("has_footnote", bool(has_footnote))
    return doc


def _parse_state(text: str) -> tuple[int, str, int]:
    try:
        version, archive, seq = text.split()
        return int(version), archive, int(seq)
    except ValueError:
        return 0, "", 0


class SearchIndex:
    """The tantivy index of one archive, in the folder `path` (`<archive>.search`)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.schema = build_schema()
        self.analyzer = analyzer()
        try:
            self._index = self._open()
        except OSError as e:
            raise CablegramError(f"{self.path}: cannot open the search index: "
                                 f"{e.strerror or e}") from None
        self._seen: str | None = None
        self._archive: tuple[Store, str] | None = None

    @classmethod
    def beside(cls, db: str | Path) -> SearchIndex:
        return cls(f"{db}.search")

    def _open(self) -> tantivy.Index:
        # Processes opening a new index at once (parallel ingests) take turns to make it.
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(f"{self.path}.lock", "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            return self._open_locked()

    def _open_locked(self) -> tantivy.Index:
        self.path.mkdir(parents=True, exist_ok=True)
        index = None
        # Another version's index (or none) is not opened at all: removing the files of an
        # index open in tantivy raced with its threads ("Directory not empty").
        if self._state()[0] == SCHEMA_VERSION:
            try:
                index = tantivy.Index(self.schema, path=str(self.path), reuse=True)
            except (ValueError, OSError):
                index = None  # damaged or foreign files: start again below
        if index is None:
            shutil.rmtree(self.path)
            self.path.mkdir(parents=True)
            index = tantivy.Index(self.schema, path=str(self.path), reuse=False)
            self._write_state("", 0)
        index.register_tokenizer(ANALYZER, self.analyzer)
        return index

    # -- the marks applied ----------------------------------------------------------------

    def _state(self) -> tuple[int, str, int]:
        """(schema version, archive id, last mark applied) as written after a commit."""
        return _parse_state(self._state_text())

    def _state_text(self) -> str:
        try:
            return (self.path / _APPLIED).read_text()
        except OSError:
            return ""

    def _write_state(self, archive: str, seq: int) -> None:
        tmp = self.path / f"{_APPLIED}.tmp"
        tmp.write_text(f"{SCHEMA_VERSION} {archive or '-'} {seq}\n")
        os.replace(tmp, self.path / _APPLIED)

    # -- keeping in step ------------------------------------------------------------------

    def sync(self, store: Store, on_progress: Callable[[int, int], None] | None = None) -> int:
        """Index every collection marked since the last sync; the number re-indexed."""
        stamp = self._state_text()
        archive_id = self._archive_id(store)
        applied = self._applied(stamp, archive_id)
        if applied and store.last_search_mark() <= applied:
            self._refresh(stamp)  # in step: the common case, before every search
            return 0
        # One read transaction: the marks and the documents read are of the same moment.
        with store.snapshot():
            marks = store.search_marks(applied)
            if not marks:
                self._refresh(stamp)
                return 0
            try:
                self._apply(store, [c for c, _ in marks], full=applied == 0,
                            on_progress=on_progress)
            except (OSError, ValueError) as e:
                raise CablegramError(f"{self.path}: cannot update the search index: {e}") \
                    from None
        self._write_state(archive_id, max(seq for _, seq in marks))
        self._refresh(self._state_text(), force=True)
        return len(marks)

    @staticmethod
    def _applied(stamp: str, archive_id: str) -> int:
        """The last mark applied, or 0 for an index made for another archive or never filled."""
        _, archive, applied = _parse_state(stamp)
        return applied if archive == archive_id else 0

    def _archive_id(self, store: Store) -> str:
        # Read once per store: a store stays on one file.
        if self._archive is None or self._archive[0] is not store:
            self._archive = (store, store.archive_id())
        return self._archive[1]

    def _apply(self, store: Store, collections: Iterable[str], *, full: bool,
               on_progress: Callable[[int, int], None] | None) -> None:
        writer = self._writer()
        try:
            if full:
                writer.delete_all_documents()
            cols = list(collections)
            for i, col in enumerate(cols):
                if not full:
                    writer.delete_documents_by_term("collection", col)
                for row in store.search_rows(col):
                    writer.add_document(_document(row))
                if on_progress:
                    on_progress(i + 1, len(cols))
            writer.commit()
            writer.wait_merging_threads()
        except BaseException:
            writer.rollback()
            raise
        finally:
            del writer  # releases the index's writer lock

    def _writer(self) -> tantivy.IndexWriter:
        deadline = time.monotonic() + _LOCK_WAIT_S
        threads = max(1, min(2, os.cpu_count() or 1))
        while True:
            try:
                return self._index.writer(heap_size=_WRITER_HEAP, num_threads=threads)
            except ValueError as e:  # another process is writing the index: wait for it
                if time.monotonic() > deadline:
                    raise CablegramError(f"{self.path}: the search index is busy: {e}") from None
                time.sleep(0.1)

    def _refresh(self, stamp: str, *, force: bool = False) -> None:
        # Another process may have committed since: reload when the marks file changed.
        if force or stamp != self._seen:
            self._index.reload()
            self._seen = stamp

    def status(self, store: Store) -> dict[str, Any]:
        """Where the index is, what it holds, and how many collections wait to be indexed."""
        stamp = self._state_text()
        self._refresh(stamp)
        waiting = store.search_marks(self._applied(stamp, self._archive_id(store)))
        return {"path": str(self.path), "documents": self.searcher().num_docs,
                "collections_waiting": len(waiting)}

    # -- reading --------------------------------------------------------------------------

    def searcher(self) -> tantivy.Searcher:
        return self._index.searcher()

    def words(self, text: str) -> list[str]:
        """`text` as the index's words."""
        return list(self.analyzer.analyze(text))
