"""The PostgreSQL store: the same records, marks and migrations as `SqliteStore`, for many
readers and writers sharing one server (docs/deploy.md)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql
from psycopg_pool import PoolTimeout

from cablegram.errors import CablegramError, ReadError
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
from cablegram.store.postgres_conn import connect, open_pool, pool_size, safe_url
from cablegram.store.postgres_history import PostgresHistory
from cablegram.store.postgres_people import PostgresPeople
from cablegram.store.sqlite import _DOC_COLUMNS, _now, doc_rows, migrations

MIGRATIONS_DIR = Path(__file__).parent / "migrations" / "postgres"
# Advisory lock keys (pg_advisory_xact_lock): one for migrations, one for search marks; a
# collection's key is hashtext of its id in the second key space.
_MIGRATION_LOCK = 0x6361_0001
_MARK_LOCK = 0x6361_0002  # spelt out in postgres/003_search_queue.sql
_COLLECTION_SPACE = 0x6361

_INSERT_DOC = sql.SQL("INSERT INTO documents (rowid, {}) VALUES ({})").format(
    sql.SQL(", ").join(map(sql.Identifier, _DOC_COLUMNS)),
    sql.SQL(", ").join(sql.Placeholder() * (len(_DOC_COLUMNS) + 1)))
_LIST_ROWS = (
    "SELECT id, collection, number, title, date, doc_type, sender, recipient, "
    "record::jsonb #>> '{extra,chapter}', record::jsonb #>> '{extra,compilation}' "
    "FROM documents "
)
_SEARCH_ROWS = (
    "SELECT s.rowid, d.title, d.text, s.collection, s.doc_type, s.classification, s.number, "
    "s.telegram_number, s.sender, s.recipient, s.place, s.year, s.date_lo, s.date_hi, "
    "s.has_redaction, s.has_footnote, (SELECT string_agg(person_id, ' ' ORDER BY person_id "
    "COLLATE \"C\") FROM (SELECT DISTINCT person_id FROM person_docs WHERE doc = s.rowid) p) "
    "FROM search_docs s JOIN documents d ON d.rowid = s.rowid WHERE s.collection = %s "
    "ORDER BY s.rowid"
)
C = 'COLLATE "C"'


class PostgresStore(PostgresPeople):
    """Implements `cablegram.store.base.Store` on one PostgreSQL database.

    Connections come from a pool (`pool_size`, or CABLEGRAM_PG_POOL). Inside `connection()`
    a thread borrows one and gives it back at the end (the web: one per request); a thread
    that uses the store outside it keeps one until `close()` (a CLI command, an ingest).
    """

    def __init__(self, url: str, *, migrations_dir: Path = MIGRATIONS_DIR,
                 pool: tuple[int, int] | None = None) -> None:
        self.url = url
        self.path = safe_url(url)  # what messages show: never the password
        self._history: PostgresHistory | None = None
        self._borrowed = threading.local()
        self._kept: dict[int, psycopg.Connection[Any]] = {}
        size = pool_size() if pool is None else pool
        # The first connection checks the URL (one clear line) and runs the migrations.
        first = connect(url)
        self._borrowed.conn = first
        try:
            self.migrate(migrations_dir)
        finally:
            self._borrowed.conn = None
            first.close()
        self.pool = open_pool(url, size)

    @property
    def conn(self) -> psycopg.Connection[Any]:
        """This thread's connection: the one it borrowed, or one it keeps until `close()`."""
        borrowed: psycopg.Connection[Any] | None = getattr(self._borrowed, "conn", None)
        if borrowed is not None:
            return borrowed
        thread = threading.get_ident()
        kept = self._kept.get(thread)
        if kept is None or kept.closed:
            self._give_back_dead()
            kept = self._kept[thread] = self._take()
        return kept

    def _give_back_dead(self) -> None:
        """Give back the connections kept by threads that have ended."""
        alive = {t.ident for t in threading.enumerate()}
        for thread in [t for t in self._kept if t not in alive]:
            self.pool.putconn(self._kept.pop(thread))

    @contextmanager
    def connection(self) -> Iterator[psycopg.Connection[Any]]:
        """A connection borrowed from the pool for the block (this thread's own, if it
        holds one already), given back at its end."""
        held: psycopg.Connection[Any] | None = (
            getattr(self._borrowed, "conn", None) or self._kept.get(threading.get_ident()))
        if held is not None:
            yield held
            return
        conn = self._borrowed.conn = self._take()
        try:
            yield conn
        finally:
            self._borrowed.conn = None
            self.pool.putconn(conn)

    @contextmanager
    def session(self) -> Iterator[None]:
        with self.connection():
            yield

    def _take(self) -> psycopg.Connection[Any]:
        try:
            return self.pool.getconn()
        except PoolTimeout:
            raise CablegramError(
                f"{self.path}: no connection within {self.pool.timeout:g} s (the server is down, "
                f"or all {self.pool.max_size} of the pool are busy)") from None

    # -- schema ---------------------------------------------------------------------------

    @property
    def schema_version(self) -> int:
        row = self._one("SELECT to_regclass('cablegram_schema') IS NOT NULL")
        if not row[0]:
            return 0
        return int(self._one("SELECT version FROM cablegram_schema")[0])

    def _one(self, query: str, args: tuple[Any, ...] = ()) -> Any:
        return self.conn.execute(query, args).fetchone()

    def migrate(self, directory: Path = MIGRATIONS_DIR) -> int:
        """Apply every migration newer than the stored version, all under one advisory lock:
        processes opening a new archive at once wait, and the second applies none."""
        steps = migrations(directory)
        name = "?"
        try:
            with self.conn.transaction():
                self.conn.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
                current = self.schema_version
                if current > len(steps):
                    raise CablegramError(
                        f"{self.path}: schema version {current} is newer than this cablegram "
                        f"knows ({len(steps)})")
                if current < len(steps):
                    self.conn.execute("CREATE TABLE IF NOT EXISTS cablegram_schema "
                                      "(version INTEGER NOT NULL)")
                for n, p in steps[current:]:
                    name = p.name
                    self.conn.execute(p.read_text(encoding="utf-8"))
                    self.conn.execute("DELETE FROM cablegram_schema")
                    self.conn.execute("INSERT INTO cablegram_schema VALUES (%s)", (n,))
        except psycopg.errors.InsufficientPrivilege as e:
            raise CablegramError(f"{self.path}: this role cannot make the archive's tables "
                                 f"(migration {name}): {_first_line(e)}") from None
        except psycopg.Error as e:
            raise CablegramError(f"{self.path}: migration {name} failed: {_first_line(e)}") \
                from None
        return self.schema_version

    # -- writing --------------------------------------------------------------------------

    def source_known(self, path: str) -> bool:
        return self._one("SELECT 1 FROM sources WHERE path = %s", (path,)) is not None

    def source_of(self, collection: str) -> tuple[str, str] | None:
        row = self._one(f"SELECT path, sha256 FROM sources WHERE collection = %s "
                        f"ORDER BY path {C} LIMIT 1", (collection,))
        return (str(row[0]), str(row[1])) if row else None

    def sources_of(self, collection: str) -> list[SourceRow]:
        return [SourceRow._make(r) for r in self.conn.execute(
            f"SELECT path, sha256, format, ingested_at FROM sources WHERE collection = %s "
            f"ORDER BY path {C}", (collection,))]

    def add_sources(self, collection: str, rows: list[SourceRow]) -> None:
        try:
            with self.conn.transaction(), self.conn.cursor() as cur:
                cur.executemany(
                    "INSERT INTO sources (path, sha256, collection, format, ingested_at) "
                    "VALUES (%s, %s, %s, %s, %s) ON CONFLICT (path) DO UPDATE SET "
                    "sha256 = excluded.sha256, collection = excluded.collection, "
                    "format = excluded.format, ingested_at = excluded.ingested_at",
                    [(r.path, r.sha256, collection, r.format, r.ingested_at) for r in rows])
        except psycopg.Error as e:
            raise CablegramError(f"{self.path}: cannot record the sources of {collection!r}: "
                                 f"{_first_line(e)}") from None

    def source_unchanged(self, path: str, sha256: str) -> bool:
        return self._one("SELECT 1 FROM sources WHERE path = %s AND sha256 = %s",
                         (path, sha256)) is not None

    def put_batch(self, batch: Batch, *, path: str, sha256: str) -> str:
        return self.put_batches([batch], path=path, sha256=sha256)[0].status

    def put_batches(self, batches: list[Batch], *, path: str, sha256: str,
                    shared: bool = False, json: list[list[str]] | None = None,
                    linked: str | None = None,
                    rows: Sequence[DocRows | None] | None = None) -> list[Put]:
        """Store every batch of one file in ONE transaction: all of them, or none.
        `rows`: as for the SQLite store (`SqliteStore.put_batches`).

        Each collection is locked (an advisory lock to the commit) before it is read or
        replaced: two processes storing the same volume take turns, the second replaces the
        first, and nothing is stored twice.
        """
        now = _now()
        col_id = "?"
        try:
            with self.conn.transaction():
                self.store_marks()
                for batch in sorted(batches, key=lambda b: b.collection.id):
                    self._lock_collection(batch.collection.id)
                statuses = []
                for i, batch in enumerate(batches):
                    col_id = batch.collection.id
                    ready = rows[i] if rows is not None else None
                    prepared = ready if ready is not None else doc_rows(
                        batch.records, json[i] if json is not None else None)
                    statuses.append(self._put(batch, path, sha256, now, shared, prepared,
                                              linked))
                self.mark_search([b.collection.id for b in batches])
        except psycopg.errors.InsufficientPrivilege as e:
            raise CablegramError(f"{self.path}: this role cannot write to the archive: "
                                 f"{_first_line(e)}") from None
        except psycopg.errors.IntegrityError as e:
            raise ReadError(path, f"cannot store collection {col_id!r}: {_first_line(e)}") \
                from None
        except psycopg.Error as e:
            raise CablegramError(f"{self.path}: cannot store collection {col_id!r}: "
                                 f"{_first_line(e)}") from None
        return statuses

    def store_marks(self) -> None:
        """This transaction marks its collections itself, at its end (the triggers don't)."""
        self.conn.execute("SELECT set_config('cablegram.store_marks', 'on', true)")

    def _lock_collection(self, collection: str) -> None:
        self.conn.execute("SELECT pg_advisory_xact_lock(%s, hashtext(%s))",
                          (_COLLECTION_SPACE, collection))

    def mark_search(self, collections: list[str]) -> None:
        """Mark collections for the search index, inside the caller's transaction, last:
        the mark lock is held to the commit so that marks appear in number order."""
        self.conn.execute("SELECT cablegram_mark(%s)", (collections,))

    def _put(self, batch: Batch, path: str, sha256: str, now: str, shared: bool,
             prepared: DocRows, linked: str | None) -> Put:
        col = batch.collection
        q = self.conn.execute
        existed = q("SELECT 1 FROM collections WHERE id = %s", (col.id,)).fetchone() is not None
        others = [] if shared else [p for (p,) in q(
            f"SELECT path FROM sources WHERE collection = %s AND path != %s ORDER BY path {C}",
            (col.id, path))]
        if existed:
            for table in ("person_docs", "documents", "persons", "terms"):
                q(sql.SQL("DELETE FROM {} WHERE collection = %s").format(sql.Identifier(table)),
                  (col.id,))
        q("INSERT INTO collections (id, title, format, meta, doc_count, ingested_at) "
          "VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT (id) DO UPDATE SET "
          "title = excluded.title, format = excluded.format, meta = excluded.meta, "
          "doc_count = excluded.doc_count, ingested_at = excluded.ingested_at",
          (col.id, col.title, col.format, json.dumps(col.meta, ensure_ascii=False),
           len(prepared.docs), now))
        # Rowids drawn from the identity in one statement, in order: the person index and
        # the search index's date ties refer to them.
        rowids = [r for (r,) in q(
            "SELECT nextval(pg_get_serial_sequence('documents', 'rowid')) "
            "FROM generate_series(1, %s)", (len(prepared.docs),))]
        rows = [(rowids[i], *doc) for i, doc in enumerate(prepared.docs)]
        with self.conn.cursor() as cur:
            cur.executemany(_INSERT_DOC, rows)
        self._put_links(col.id, prepared.links, rowids, linked)
        q("INSERT INTO search_docs SELECT * FROM search_docs_rows WHERE collection = %s",
          (col.id,))
        with self.conn.cursor() as cur:
            cur.executemany(
                "INSERT INTO persons (collection, xml_id, name, description) "
                "VALUES (%s, %s, %s, %s) ON CONFLICT DO NOTHING",
                [(col.id, p.xml_id, p.name, p.description) for p in col.persons])
            cur.executemany(
                "INSERT INTO terms (collection, xml_id, term, description) "
                "VALUES (%s, %s, %s, %s) ON CONFLICT DO NOTHING",
                [(col.id, t.xml_id, t.term, t.description) for t in col.terms])
        if not shared:
            q("DELETE FROM sources WHERE collection = %s AND path != %s", (col.id, path))
        q("INSERT INTO sources (path, sha256, collection, format, ingested_at) "
          "VALUES (%s, %s, %s, %s, %s) ON CONFLICT (path) DO UPDATE SET "
          "sha256 = excluded.sha256, collection = excluded.collection, "
          "format = excluded.format, ingested_at = excluded.ingested_at",
          (path, sha256, col.id, col.format, now))
        return Put("replaced" if existed else "ingested", others)

    def log_ingest(self, path: str, status: str, *, collection: str | None = None,
                   documents: int = 0, warnings: list[str] | None = None,
                   error: str | None = None) -> None:
        try:
            self.conn.execute(
                "INSERT INTO ingest_log (at, path, status, collection, documents, warnings, "
                "error) VALUES (%s, %s, %s, %s, %s, %s, %s)",
                (_now(), path, status, collection, documents,
                 json.dumps(warnings or [], ensure_ascii=False), error))
        except psycopg.errors.InsufficientPrivilege as e:
            raise CablegramError(f"{self.path}: this role cannot write to the archive: "
                                 f"{_first_line(e)}") from None

    # -- reading --------------------------------------------------------------------------

    def get(self, id: str) -> Record | None:
        row = self._one("SELECT record FROM documents WHERE id = %s", (id,))
        return Record.from_dict(json.loads(row[0])) if row else None

    def iter_records(self, collection: str | None = None) -> Iterator[Record]:
        for raw in self.iter_json(collection):
            yield Record.from_dict(json.loads(raw))

    def iter_json(self, collection: str | None = None) -> Iterator[str]:
        if collection is None:
            rows = self.conn.execute(
                f"SELECT record FROM documents ORDER BY collection {C}, seq").fetchall()
        else:
            rows = self.conn.execute(
                "SELECT record FROM documents WHERE collection = %s ORDER BY seq",
                (collection,)).fetchall()
        for (raw,) in rows:
            yield raw

    def collections(self) -> list[Collection]:
        rows = self.conn.execute(
            f"SELECT id, title, format, meta FROM collections ORDER BY id {C}").fetchall()
        return [Collection(id=i, title=t, format=f, meta=json.loads(m)) for i, t, f, m in rows]

    def collection(self, id: str) -> Collection | None:
        row = self._one("SELECT id, title, format, meta FROM collections WHERE id = %s", (id,))
        if row is None:
            return None
        persons = [Person(*r) for r in self.conn.execute(
            "SELECT xml_id, name, description FROM persons WHERE collection = %s "
            "ORDER BY rowid", (id,))]
        terms = [Term(*r) for r in self.conn.execute(
            "SELECT xml_id, term, description FROM terms WHERE collection = %s ORDER BY rowid",
            (id,))]
        return Collection(id=row[0], title=row[1], format=row[2], meta=json.loads(row[3]),
                          persons=persons, terms=terms)

    def stats(self) -> dict[str, Any]:
        q = self.conn.execute
        by_collection = [{"id": i, "title": t, "documents": n} for i, t, n in q(
            f"SELECT id, title, doc_count FROM collections ORDER BY id {C}")]
        by_doc_type = {(t if t is not None else "unknown"): n for t, n in q(
            f"SELECT doc_type, count(*) FROM documents GROUP BY doc_type "
            f"ORDER BY count(*) DESC, doc_type {C} NULLS FIRST")}
        ymin, ymax, dated = self._one("SELECT min(year), max(year), count(year) FROM documents")
        (warnings,) = self._one(
            "SELECT coalesce(sum(json_array_length(l.warnings::json)), 0) FROM sources s "
            "JOIN ingest_log l ON l.id = (SELECT max(id) FROM ingest_log "
            "WHERE path = s.path AND status IN ('ingested', 'replaced'))")
        return {
            "collections": len(by_collection),
            "documents": self._one("SELECT count(*) FROM documents")[0],
            "by_collection": by_collection,
            "by_doc_type": by_doc_type,
            "years": {"min": ymin, "max": ymax, "dated": dated},
            "warnings": int(warnings),
            "schema_version": self.schema_version,
            "people": self.people_stats(),
        }

    # -- the search index's feed ----------------------------------------------------------

    def archive_id(self) -> str:
        return str(self._one("SELECT value FROM search_state WHERE key = 'archive'")[0])

    def last_search_mark(self) -> int:
        return int(self._one("SELECT coalesce(max(seq), 0) FROM search_queue")[0])

    def search_marks(self, after: int) -> list[tuple[str, int]]:
        return [(c, int(n)) for c, n in self.conn.execute(
            "SELECT collection, seq FROM search_queue WHERE seq > %s ORDER BY seq", (after,))]

    def search_rows(self, collection: str) -> Iterator[SearchRow]:
        with self.conn.cursor() as cur:
            cur.execute(_SEARCH_ROWS, (collection,))
            for row in cur:
                yield SearchRow._make(row)

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        if self.conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
            yield
            return
        self.conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        try:
            yield
        finally:
            self.conn.execute("COMMIT")

    def page_rows(self, rowids: list[int]) -> dict[int, PageRow]:
        return {int(r): PageRow(i, t, d, x) for r, i, t, d, x in self.conn.execute(
            "SELECT rowid, id, title, date, text FROM documents WHERE rowid = ANY(%s)",
            (rowids,))}

    # -- read views -----------------------------------------------------------------------

    def list_rows(self, collection: str) -> list[ListRow]:
        return [ListRow._make(r) for r in self.conn.execute(
            _LIST_ROWS + "WHERE collection = %s ORDER BY seq", (collection,))]

    def day_rows(self, date_from: str, date_to: str, limit: int) -> list[ListRow]:
        return [ListRow._make(r) for r in self.conn.execute(
            _LIST_ROWS + f"WHERE date {C} BETWEEN %s AND %s "
            f"ORDER BY date {C}, time {C} NULLS FIRST, id {C} LIMIT %s",
            (date_from, date_to, limit))]

    def neighbour_ids(self, id: str) -> dict[str, str | None]:
        row = self._one("SELECT collection, seq, date FROM documents WHERE id = %s", (id,))
        out: dict[str, str | None] = dict.fromkeys(("prev", "next", "prev_date", "next_date"))
        if row is None:
            return out
        col, seq, date = row
        one = self._first_id
        out["prev"] = one("WHERE collection = %s AND seq < %s ORDER BY seq DESC", col, seq)
        out["next"] = one("WHERE collection = %s AND seq > %s ORDER BY seq", col, seq)
        if date is not None:
            out["prev_date"] = one(
                f"WHERE date {C} <= %s AND (date {C} < %s OR id {C} < %s) "
                f"ORDER BY date {C} DESC, id {C} DESC", date, date, id)
            out["next_date"] = one(
                f"WHERE date {C} >= %s AND (date {C} > %s OR id {C} > %s) "
                f"ORDER BY date {C}, id {C}", date, date, id)
        return out

    def _first_id(self, where: str, *args: object) -> str | None:
        found = self._one(f"SELECT id FROM documents {where} LIMIT 1", args)
        return str(found[0]) if found else None

    def year_counts(self) -> list[tuple[int, int]]:
        return [(y, n) for y, n in self.conn.execute(
            "SELECT year, count(*) FROM documents WHERE year IS NOT NULL "
            "GROUP BY year ORDER BY year")]

    def collection_spans(self) -> list[CollectionSpan]:
        return [CollectionSpan._make(r) for r in self.conn.execute(
            f"SELECT c.id, c.title, c.format, c.doc_count, "
            f"(SELECT min(coalesce(date, date_not_before) {C}) FROM documents "
            f" WHERE collection = c.id), "
            f"(SELECT max(coalesce(date, date_not_after) {C}) FROM documents "
            f" WHERE collection = c.id) FROM collections c ORDER BY c.id {C}")]

    def reference_targets(self) -> Iterator[tuple[str, str, str]]:
        yield from self.conn.execute(
            "SELECT d.id, j.value ->> 'text', j.value ->> 'target' FROM documents d, "
            "jsonb_array_elements(coalesce(d.record::jsonb -> 'references', '[]'::jsonb)) j "
            "WHERE j.value ->> 'target' IS NOT NULL ORDER BY d.rowid")

    def scan_words(self, ids: list[str]) -> dict[str, tuple[str, list[list[Any]]]]:
        """The text and word boxes of those of `ids` that are scans. Only a record whose
        text holds the key is parsed as JSON (every hit of a search passes here)."""
        rows = self.conn.execute(
            "SELECT id, text, record::jsonb #> '{extra,words}' FROM documents "
            "WHERE id = ANY(%s) AND strpos(record, '\"words\"') > 0 "
            "AND jsonb_typeof(record::jsonb #> '{extra,words}') = 'array'",
            (ids,))
        return {i: (t, w) for i, t, w in rows if w}

    def integrity_check(self) -> list[str]:
        """["ok"] when every search row and person link has its document (the server keeps
        its own pages sound)."""
        (orphans,) = self._one(
            "SELECT count(*) FROM documents d LEFT JOIN search_docs s ON s.rowid = d.rowid "
            "WHERE s.rowid IS NULL")
        return ["ok"] if not orphans else [f"{orphans} documents without a search row"]

    @property
    def history(self) -> PostgresHistory:
        if self._history is None:
            self._history = PostgresHistory(lambda: self.conn, self.path)
        return self._history

    def close(self) -> None:
        for conn in self._kept.values():
            self.pool.putconn(conn)
        self._kept.clear()
        self.pool.close()


def _first_line(e: BaseException) -> str:
    return " ".join(str(e).split("\n", 1)[0].split())
