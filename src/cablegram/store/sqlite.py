"""The SQLite store: one file in WAL mode, schema under numbered migrations."""

from __future__ import annotations

import json
import re
import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cablegram.errors import CablegramError, ReadError
from cablegram.people import person_roles
from cablegram.record import Batch, Collection, Person, Record, Term
from cablegram.store.base import (
    CollectionSpan,
    DocRows,
    ListRow,
    PageRow,
    Put,
    SearchRow,
    SourceRow,
)
from cablegram.store.sqlite_history import SqliteHistory
from cablegram.store.sqlite_people import DELETE_PERSON_DOCS, PeopleTables

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
# Several ingest processes on one machine take turns: storing the largest volume takes a few
# seconds, so a writer waits well beyond that before it gives up.
BUSY_TIMEOUT_MS = 120_000
_MIGRATION_NAME = re.compile(r"^(\d{3})_[A-Za-z0-9_]+\.sql$")

_DOC_COLUMNS = (
    "id", "collection", "seq", "number", "title", "doc_type", "sender", "recipient", "place",
    "date", "time", "date_not_before", "date_not_after", "year", "classification",
    "telegram_number", "source_note", "text", "has_redaction", "has_footnote", "record",
)
_INSERT_DOC = (
    f"INSERT INTO documents ({', '.join(_DOC_COLUMNS)}) "
    f"VALUES ({', '.join('?' for _ in _DOC_COLUMNS)})"
)

# Migration 003's search rows and marks, made per collection (`SqliteStore.index_collection`).
_SEARCH_SCHEMA = 3
_INDEX_COLLECTION = (
    "INSERT INTO search_docs SELECT * FROM search_docs_rows WHERE collection = ?",
    "INSERT OR REPLACE INTO search_queue (collection, seq) "
    "VALUES (?, (SELECT coalesce(max(seq), 0) + 1 FROM search_queue))",
)

_LIST_ROWS = (
    "SELECT id, collection, number, title, date, doc_type, sender, recipient, "
    "json_extract(record, '$.extra.chapter'), json_extract(record, '$.extra.compilation') "
    "FROM documents "
)
_SEARCH_ROWS = (
    "SELECT s.rowid, d.title, d.text, s.collection, s.doc_type, s.classification, s.number, "
    "s.telegram_number, s.sender, s.recipient, s.place, s.year, s.date_lo, s.date_hi, "
    "s.has_redaction, s.has_footnote{persons} FROM search_docs s "
    "JOIN documents d ON d.rowid = s.rowid WHERE s.collection = ?"
)
# The register ids linked in each document (migration 004), for `person:` and its facet.
_SEARCH_PERSONS = (
    ", (SELECT group_concat(person_id, ' ') FROM (SELECT DISTINCT person_id "
    "FROM person_docs WHERE doc = s.rowid))"
)


def migrations(directory: Path = MIGRATIONS_DIR) -> list[tuple[int, Path]]:
    """The numbered migration files, in order; a gap or a repeated number is an error."""
    found: list[tuple[int, Path]] = []
    for p in directory.iterdir():
        m = _MIGRATION_NAME.match(p.name)
        if m:
            found.append((int(m.group(1)), p))
    found.sort()
    for expected, (n, p) in enumerate(found, start=1):
        if n != expected:
            raise CablegramError(f"migration {p.name}: expected number {expected:03d}")
    return found


def sql_statements(script: str) -> list[str]:
    """A migration's statements, one by one (a trigger's BEGIN ... END stays whole)."""
    out: list[str] = []
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            if pending.strip():
                out.append(pending)
            pending = ""
    if pending.strip() and not all(
            ln.strip().startswith("--") or not ln.strip() for ln in pending.splitlines()):
        out.append(pending)
    return out


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _year(record: Record) -> int | None:
    # The year column serves range facets: the exact date when known, else the range start.
    d = record.date or record.date_not_before
    if d and len(d) >= 4 and d[:4].isdigit():
        return int(d[:4])
    return None


# json.dumps(obj, ensure_ascii=False), without building an encoder per call and without the
# check for cycles (a record's dict has none): the same text, ~8% less time (measured).
_encode = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode


def record_json(record: Record) -> str:
    """The JSON text stored for a record (`Record.to_dict`)."""
    return _encode(record.to_dict())


def _doc_row(record: Record, seq: int, json_text: str | None = None) -> tuple[Any, ...]:
    return (
        record.id, record.collection, seq, record.number, record.title, record.doc_type,
        record.sender, record.recipient, record.place, record.date, record.time,
        record.date_not_before, record.date_not_after, _year(record), record.classification,
        record.telegram_number, record.source_note, record.text,
        int(bool(record.redactions)), int(bool(record.footnotes)),
        record_json(record) if json_text is None else json_text,
    )


def doc_rows(records: list[Record], texts: list[str] | None = None) -> DocRows:
    """The rows stored for these records, in order (`texts`: their JSON, made already)."""
    if texts is not None and len(texts) != len(records):
        raise CablegramError(f"{len(texts)} JSON texts for {len(records)} records")
    return DocRows(
        [_doc_row(r, i, texts[i] if texts is not None else None)
         for i, r in enumerate(records)],
        [(i, pid, how, role) for i, r in enumerate(records) if r.persons
         for pid, how, role in person_roles(r)])


class SqliteStore(PeopleTables):
    """Implements `cablegram.store.base.Store` on one SQLite file."""

    def __init__(self, path: str | Path, *, migrations_dir: Path = MIGRATIONS_DIR) -> None:
        self.path = str(path)
        self._history: SqliteHistory | None = None
        try:
            # Autocommit mode: every transaction below is an explicit BEGIN ... COMMIT.
            self.conn = sqlite3.connect(self.path, isolation_level=None)
            # 8 KiB pages (default 4 KiB) for a new file; no effect on an existing one. Measured
            # on the corpus: ~5-8% less CPU to store, search as fast, the file ~6% larger.
            # A writer waits for another process's transaction (a whole volume) to end.
            self.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            self.conn.execute("PRAGMA page_size = 8192")
            self._set_wal()
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.conn.execute("PRAGMA synchronous = NORMAL")
            # 64 MiB of page cache (default 2 MiB): the indexes of a growing archive stay in
            # memory during an ingest; measured ~8% less CPU per volume stored.
            self.conn.execute("PRAGMA cache_size = -65536")
            # The WAL copied into the file (and both synced) once it holds 10,000 pages (80 MiB)
            # rather than 1,000: once per ~15 volumes stored, not once per one or two. Measured
            # on the corpus (load 7): storing 6.0 s of wall time instead of 6.8-8.4, same CPU.
            self.conn.execute("PRAGMA wal_autocheckpoint = 10000")
        except sqlite3.Error as e:
            raise CablegramError(f"{self.path}: cannot open the database: {e}") from None
        try:
            self.migrate(migrations_dir)
        except BaseException:
            self.conn.close()
            raise

    def _set_wal(self) -> None:
        # Switching a new file to WAL takes an exclusive lock without waiting in the busy
        # handler: processes opening a new archive at once try again (measured: 1 in 36).
        deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
        while True:
            try:
                self.conn.execute("PRAGMA journal_mode = WAL")
                return
            except sqlite3.OperationalError as e:
                if "locked" not in str(e) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    # -- schema ---------------------------------------------------------------------------

    @property
    def schema_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def migrate(self, directory: Path = MIGRATIONS_DIR) -> int:
        """Apply every migration newer than `PRAGMA user_version`, each in its own write
        transaction. The version is read again under the write lock (BEGIN IMMEDIATE): two
        processes opening a new archive at once apply each migration once."""
        steps = migrations(directory)
        while self._migrate_one(steps):
            pass
        return self.schema_version

    def _migrate_one(self, steps: list[tuple[int, Path]]) -> bool:
        """Apply the next migration, if any; whether one was applied."""
        conn = self.conn
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as e:
            raise CablegramError(f"{self.path}: cannot open the database: {e}") from None
        name = "?"
        try:
            current = self.schema_version
            if current > len(steps):
                raise CablegramError(
                    f"{self.path}: schema version {current} is newer than this cablegram "
                    f"knows ({len(steps)})")
            if current == len(steps):
                conn.execute("COMMIT")
                return False
            n, p = steps[current]
            name = p.name
            for statement in sql_statements(p.read_text(encoding="utf-8")):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {n}")
            conn.execute("COMMIT")
            return True
        except sqlite3.Error as e:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise CablegramError(f"{self.path}: migration {name} failed: {e}") from None
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    # -- writing --------------------------------------------------------------------------

    def source_known(self, path: str) -> bool:
        """Whether some content of this file was stored before."""
        row = self.conn.execute("SELECT 1 FROM sources WHERE path = ?", (path,))
        return row.fetchone() is not None

    def source_of(self, collection: str) -> tuple[str, str] | None:
        row = self.conn.execute("SELECT path, sha256 FROM sources WHERE collection = ? "
                                "ORDER BY path LIMIT 1", (collection,)).fetchone()
        return (str(row[0]), str(row[1])) if row else None

    def sources_of(self, collection: str) -> list[SourceRow]:
        return [SourceRow._make(r) for r in self.conn.execute(
            "SELECT path, sha256, format, ingested_at FROM sources WHERE collection = ? "
            "ORDER BY path", (collection,))]

    def add_sources(self, collection: str, rows: list[SourceRow]) -> None:
        with self.conn:
            self.conn.executemany(
                "INSERT OR REPLACE INTO sources (path, sha256, collection, format, ingested_at) "
                "VALUES (?, ?, ?, ?, ?)",
                [(r.path, r.sha256, collection, r.format, r.ingested_at) for r in rows])

    def source_unchanged(self, path: str, sha256: str) -> bool:
        # The path counts too: the same bytes under another name may be a page that adds
        # to a collection differently (text extracts), so they are read again.
        row = self.conn.execute(
            "SELECT 1 FROM sources WHERE path = ? AND sha256 = ?", (path, sha256))
        return row.fetchone() is not None

    def put_batch(self, batch: Batch, *, path: str, sha256: str) -> str:
        return self.put_batches([batch], path=path, sha256=sha256)[0].status

    def put_batches(self, batches: list[Batch], *, path: str, sha256: str,
                    shared: bool = False, json: list[list[str]] | None = None,
                    linked: str | None = None,
                    rows: Sequence[DocRows | None] | None = None) -> list[Put]:
        """Store every batch of one file in ONE transaction: all of them, or none.

        Each batch replaces its collection's documents. `shared`: the collection is made of
        several files (text pages, catalog pages), so the other files' sources rows stay.
        `json`: each batch's `record_json` texts, when the caller has them already.
        `linked`: the authorities stamp the records were linked with (None: not linked).
        `rows`: a batch's `doc_rows`, when the caller has them already (its records are
        then not looked at).
        """
        now = _now()
        conn = self.conn
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as e:
            raise CablegramError(f"{self.path}: cannot write: {e}") from None
        col_id = "?"
        try:
            statuses = []
            for i, batch in enumerate(batches):
                col_id = batch.collection.id
                ready = rows[i] if rows is not None else None
                prepared = ready if ready is not None else doc_rows(
                    batch.records, json[i] if json is not None else None)
                statuses.append(self._put(batch, path, sha256, now, shared, prepared, linked))
            conn.execute("COMMIT")
        except sqlite3.IntegrityError as e:
            conn.execute("ROLLBACK")
            raise ReadError(path, f"cannot store collection {col_id!r}: {e}") from None
        except sqlite3.Error as e:
            # Locked, full or damaged database: this file is not stored, the archive is as it was.
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise CablegramError(f"{self.path}: cannot store collection {col_id!r}: {e}") \
                from None
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        return statuses

    def _put(self, batch: Batch, path: str, sha256: str, now: str, shared: bool,
             rows: DocRows, linked: str | None = None) -> Put:
        """One batch's rows, inside the caller's transaction."""
        col = batch.collection
        conn = self.conn
        existed = conn.execute(
            "SELECT 1 FROM collections WHERE id = ?", (col.id,)
        ).fetchone() is not None
        others = [] if shared else [p for (p,) in conn.execute(
            "SELECT path FROM sources WHERE collection = ? AND path != ? ORDER BY path",
            (col.id, path))]
        if existed:
            # Explicit deletes (not the cascade) so that triggers on documents always fire.
            if self._has_people:
                conn.execute(DELETE_PERSON_DOCS, (col.id,))
            conn.execute("DELETE FROM documents WHERE collection = ?", (col.id,))
            conn.execute("DELETE FROM persons WHERE collection = ?", (col.id,))
            conn.execute("DELETE FROM terms WHERE collection = ?", (col.id,))
        conn.execute(
            "INSERT INTO collections (id, title, format, meta, doc_count, ingested_at) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET title = excluded.title, "
            "format = excluded.format, meta = excluded.meta, doc_count = excluded.doc_count, "
            "ingested_at = excluded.ingested_at",
            (col.id, col.title, col.format, json.dumps(col.meta, ensure_ascii=False),
             len(rows.docs), now),
        )
        # New rowids follow the largest one, in order: the person index refers to them.
        (last,) = conn.execute("SELECT coalesce(max(rowid), 0) FROM documents").fetchone()
        conn.executemany(_INSERT_DOC, rows.docs)
        self._put_links(col.id, rows.links, last + 1, linked)
        self.index_collection(col.id)
        # A list that repeats an xml:id keeps its first entry (the TEI allows no repeat).
        conn.executemany(
            "INSERT OR IGNORE INTO persons (collection, xml_id, name, description) "
            "VALUES (?, ?, ?, ?)",
            ((col.id, p.xml_id, p.name, p.description) for p in col.persons),
        )
        conn.executemany(
            "INSERT OR IGNORE INTO terms (collection, xml_id, term, description) "
            "VALUES (?, ?, ?, ?)",
            ((col.id, t.xml_id, t.term, t.description) for t in col.terms),
        )
        if not shared:
            # Older files of this collection no longer describe what is stored.
            conn.execute("DELETE FROM sources WHERE collection = ? AND path != ?", (col.id, path))
        conn.execute(
            "INSERT INTO sources (path, sha256, collection, format, ingested_at) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT(path) DO UPDATE SET sha256 = excluded.sha256, "
            "collection = excluded.collection, format = excluded.format, "
            "ingested_at = excluded.ingested_at",
            (path, sha256, col.id, col.format, now),
        )
        return Put("replaced" if existed else "ingested", others)

    def index_collection(self, collection: str) -> None:
        """Make a collection's search rows and mark it for the search index (migration 003),
        inside the caller's transaction: call it once, after inserting all its documents.

        Statements per collection, not an AFTER INSERT trigger: see 002_fts.sql for why.
        """
        if self.schema_version < _SEARCH_SCHEMA:
            return  # opened with fewer migrations (tests of the migrations themselves)
        conn = self.conn
        for sql in _INDEX_COLLECTION:
            conn.execute(sql, (collection,))

    def log_ingest(self, path: str, status: str, *, collection: str | None = None,
                   documents: int = 0, warnings: list[str] | None = None,
                   error: str | None = None) -> None:
        self.conn.execute(
            "INSERT INTO ingest_log (at, path, status, collection, documents, warnings, error) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (_now(), path, status, collection, documents,
             json.dumps(warnings or [], ensure_ascii=False), error),
        )

    # -- reading --------------------------------------------------------------------------

    def get(self, id: str) -> Record | None:
        row = self.conn.execute("SELECT record FROM documents WHERE id = ?", (id,)).fetchone()
        return Record.from_dict(json.loads(row[0])) if row else None

    def iter_records(self, collection: str | None = None) -> Iterator[Record]:
        for raw in self.iter_json(collection):
            yield Record.from_dict(json.loads(raw))

    def iter_json(self, collection: str | None = None) -> Iterator[str]:
        """The stored JSON of each record (`Record.to_dict`), by collection and order."""
        if collection is None:
            cur = self.conn.execute("SELECT record FROM documents ORDER BY collection, seq")
        else:
            cur = self.conn.execute(
                "SELECT record FROM documents WHERE collection = ? ORDER BY seq", (collection,)
            )
        for (raw,) in cur:
            yield raw

    def collections(self) -> list[Collection]:
        """Every collection, without its persons and terms (see `collection`)."""
        rows = self.conn.execute("SELECT id, title, format, meta FROM collections ORDER BY id")
        return [Collection(id=i, title=t, format=f, meta=json.loads(m)) for i, t, f, m in rows]

    def collection(self, id: str) -> Collection | None:
        """One collection with its persons and terms lists."""
        row = self.conn.execute(
            "SELECT id, title, format, meta FROM collections WHERE id = ?", (id,)
        ).fetchone()
        if row is None:
            return None
        persons = [Person(*r) for r in self.conn.execute(
            "SELECT xml_id, name, description FROM persons WHERE collection = ? ORDER BY rowid",
            (id,))]
        terms = [Term(*r) for r in self.conn.execute(
            "SELECT xml_id, term, description FROM terms WHERE collection = ? ORDER BY rowid",
            (id,))]
        return Collection(id=row[0], title=row[1], format=row[2], meta=json.loads(row[3]),
                          persons=persons, terms=terms)

    def stats(self) -> dict[str, Any]:
        q = self.conn.execute
        by_collection = [
            {"id": i, "title": t, "documents": n}
            for i, t, n in q("SELECT id, title, doc_count FROM collections ORDER BY id")
        ]
        by_doc_type = {
            (t if t is not None else "unknown"): n
            for t, n in q("SELECT doc_type, count(*) FROM documents GROUP BY doc_type "
                          "ORDER BY count(*) DESC, doc_type")
        }
        ymin, ymax, dated = q(
            "SELECT min(year), max(year), count(year) FROM documents"
        ).fetchone()
        # Warnings of the ingest that produced each stored file's current contents.
        (warnings,) = q(
            "SELECT coalesce(sum(json_array_length(l.warnings)), 0) FROM sources s "
            "JOIN ingest_log l ON l.id = (SELECT max(id) FROM ingest_log "
            "WHERE path = s.path AND status IN ('ingested', 'replaced'))"
        ).fetchone()
        return {
            "collections": len(by_collection),
            "documents": q("SELECT count(*) FROM documents").fetchone()[0],
            "by_collection": by_collection,
            "by_doc_type": by_doc_type,
            "years": {"min": ymin, "max": ymax, "dated": dated},
            "warnings": warnings,
            "schema_version": self.schema_version,
            "people": self.people_stats(),
        }

    # -- the search index's feed ------------------------------------------------------------

    def archive_id(self) -> str:
        (value,) = self.conn.execute(
            "SELECT value FROM search_state WHERE key = 'archive'").fetchone()
        return str(value)

    def last_search_mark(self) -> int:
        return int(self.conn.execute("SELECT max(seq) FROM search_queue").fetchone()[0] or 0)

    def search_marks(self, after: int) -> list[tuple[str, int]]:
        return [(c, n) for c, n in self.conn.execute(
            "SELECT collection, seq FROM search_queue WHERE seq > ? ORDER BY seq", (after,))]

    def search_rows(self, collection: str) -> Iterator[SearchRow]:
        sql = _SEARCH_ROWS.format(persons=_SEARCH_PERSONS if self._has_people else "")
        for row in self.conn.execute(sql, (collection,)):
            yield SearchRow._make(row)

    @contextmanager
    def session(self) -> Iterator[None]:
        yield  # one connection for the store's life: nothing to borrow

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        if self.conn.in_transaction:
            yield
            return
        self.conn.execute("BEGIN")
        try:
            yield
        finally:
            self.conn.execute("COMMIT")

    def page_rows(self, rowids: list[int]) -> dict[int, PageRow]:
        return {r: PageRow(i, t, d, x) for r, i, t, d, x in self.conn.execute(
            "SELECT rowid, id, title, date, text FROM documents "
            "WHERE rowid IN (SELECT value FROM json_each(?))", (json.dumps(rowids),))}

    # -- read views for the web (web helper) ---------------------------------------------

    def list_rows(self, collection: str) -> list[ListRow]:
        return [ListRow._make(r) for r in self.conn.execute(
            _LIST_ROWS + "WHERE collection = ? ORDER BY seq", (collection,))]

    def day_rows(self, date_from: str, date_to: str, limit: int) -> list[ListRow]:
        return [ListRow._make(r) for r in self.conn.execute(
            _LIST_ROWS + "WHERE date BETWEEN ? AND ? ORDER BY date, time, id LIMIT ?",
            (date_from, date_to, limit))]

    def neighbour_ids(self, id: str) -> dict[str, str | None]:
        row = self.conn.execute(
            "SELECT collection, seq, date FROM documents WHERE id = ?", (id,)).fetchone()
        out: dict[str, str | None] = dict.fromkeys(("prev", "next", "prev_date", "next_date"))
        if row is None:
            return out
        col, seq, date = row
        one = self._first_id
        out["prev"] = one("WHERE collection = ? AND seq < ? ORDER BY seq DESC", col, seq)
        out["next"] = one("WHERE collection = ? AND seq > ? ORDER BY seq", col, seq)
        if date is not None:
            # Date order is (date, id). Each step is one lookup in the date index: within the
            # same day first, else the nearest other day.
            out["prev_date"] = one(
                "WHERE date = ? AND id < ? ORDER BY id DESC", date, id) or one(
                "WHERE date = (SELECT max(date) FROM documents WHERE date < ?) "
                "ORDER BY id DESC", date)
            out["next_date"] = one("WHERE date = ? AND id > ? ORDER BY id", date, id) or one(
                "WHERE date = (SELECT min(date) FROM documents WHERE date > ?) ORDER BY id",
                date)
        return out

    def _first_id(self, where: str, *args: object) -> str | None:
        found = self.conn.execute(f"SELECT id FROM documents {where} LIMIT 1", args).fetchone()
        return str(found[0]) if found else None

    def year_counts(self) -> list[tuple[int, int]]:
        return [(y, n) for y, n in self.conn.execute(
            "SELECT year, count(*) FROM documents WHERE year IS NOT NULL "
            "GROUP BY year ORDER BY year")]

    def collection_spans(self) -> list[CollectionSpan]:
        return [CollectionSpan._make(r) for r in self.conn.execute(
            "SELECT c.id, c.title, c.format, c.doc_count, "
            "(SELECT min(coalesce(date, date_not_before)) FROM documents "
            " WHERE collection = c.id), "
            "(SELECT max(coalesce(date, date_not_after)) FROM documents "
            " WHERE collection = c.id) FROM collections c ORDER BY c.id")]

    def reference_targets(self) -> Iterator[tuple[str, str, str]]:
        yield from self.conn.execute(
            "SELECT d.id, json_extract(j.value, '$.text'), json_extract(j.value, '$.target') "
            "FROM documents d, json_each(d.record, '$.references') j "
            "WHERE json_extract(j.value, '$.target') IS NOT NULL")

    # -- end read views -------------------------------------------------------------------

    def integrity_check(self) -> list[str]:
        """`PRAGMA integrity_check` plus foreign keys: ["ok"] when all is well."""
        result = [r[0] for r in self.conn.execute("PRAGMA integrity_check")]
        fk = list(self.conn.execute("PRAGMA foreign_key_check"))
        return result + [f"foreign key: {row!r}" for row in fk]

    @property
    def history(self) -> SqliteHistory:
        """The history tables (store/history.sql) on this connection."""
        if self._history is None:
            self._history = SqliteHistory(self.conn, self.path)
        return self._history

    def close(self) -> None:
        self.conn.close()

