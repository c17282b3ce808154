"""The SQLite store's people tables (migration 004): authorities, links, lookups."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from cablegram.errors import CablegramError
from cablegram.people import fold_words, person_roles
from cablegram.record import Record
from cablegram.store.base import AuthorityRows

_PEOPLE_SCHEMA = 4
_INSERT_PERSON_DOC = (
    "INSERT OR IGNORE INTO person_docs (person_id, doc, collection, how, role) "
    "VALUES (?, ?, ?, ?, ?)"
)
# A collection's person links, through its documents (migration 005: no index of
# person_docs by collection).
DELETE_PERSON_DOCS = (
    "DELETE FROM person_docs WHERE doc IN (SELECT rowid FROM documents WHERE collection = ?)"
)
_MARK_SEARCH = (
    "INSERT OR REPLACE INTO search_queue (collection, seq) "
    "VALUES (?, (SELECT coalesce(max(seq), 0) + 1 FROM search_queue))"
)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class PeopleTables:
    """Methods of `SqliteStore` over the people tables; `conn` is the store's connection."""

    conn: sqlite3.Connection
    path: str

    @property
    def _has_people(self) -> bool:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0]) >= _PEOPLE_SCHEMA

    # -- authorities ----------------------------------------------------------------------

    def authority_source(self, kind: str) -> tuple[str, str] | None:
        """(path, signature) of the folder of this kind ('people', 'pocom') stored last."""
        row = self.conn.execute(
            "SELECT path, sha256 FROM authority_sources WHERE kind = ?", (kind,)).fetchone()
        return (str(row[0]), str(row[1])) if row else None

    def put_authorities(self, rows: AuthorityRows) -> None:
        """Replace the stored authorities with these, in one transaction."""
        conn = self.conn
        now = _now()
        try:
            conn.execute("BEGIN IMMEDIATE")
            for table in ("register_persons", "register_words", "appointments",
                          "authority_sources"):
                conn.execute(f"DELETE FROM {table}")  # fixed table names
            conn.execute("INSERT OR REPLACE INTO authorities (key, stamp, data) "
                         "VALUES ('current', ?, ?)", (rows.stamp, rows.data))
            for kind, (path, sha) in rows.sources.items():
                conn.execute("INSERT OR REPLACE INTO authority_sources "
                             "(kind, path, sha256, ingested_at) VALUES (?, ?, ?, ?)",
                             (kind, path, sha, now))
            conn.executemany(
                "INSERT OR IGNORE INTO register_persons (id, name, names, birth, death) "
                "VALUES (?, ?, ?, ?, ?)",
                ((i, n, json.dumps(ns, ensure_ascii=False), b, d)
                 for i, n, ns, b, d in rows.persons))
            conn.executemany(
                "INSERT OR IGNORE INTO register_words (word, person_id) VALUES (?, ?)",
                ((w, i) for i, n, ns, _, _ in rows.persons
                 for w in {w for name in (n, *ns) for w in fold_words(name)}))
            conn.executemany(
                "INSERT INTO appointments (person_id, pocom_id, name, role, post, start, end) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)", rows.appointments)
            conn.execute("COMMIT")
        except sqlite3.Error as e:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise CablegramError(f"{self.path}: cannot store the authorities: {e}") from None
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    def authorities_data(self) -> tuple[str, str] | None:
        """(stamp, `Authorities.to_json` text) of the stored authorities, or None."""
        if not self._has_people:
            return None
        row = self.conn.execute(
            "SELECT stamp, data FROM authorities WHERE key = 'current'").fetchone()
        return (str(row[0]), str(row[1])) if row else None

    def authorities_stamp(self) -> str | None:
        row = self.conn.execute(
            "SELECT stamp FROM authorities WHERE key = 'current'").fetchone()
        return str(row[0]) if row else None

    # -- links ----------------------------------------------------------------------------

    def _put_links(self, collection: str, links: list[tuple[int, str, str, str]],
                   first_rowid: int, linked: str | None) -> None:
        """The person_docs rows of a collection's records just inserted from `first_rowid`
        (`DocRows.links`), in the caller's transaction."""
        if not self._has_people:
            return
        self.conn.executemany(_INSERT_PERSON_DOC, [
            (pid, first_rowid + i, collection, how, role) for i, pid, how, role in links])
        self.conn.execute("UPDATE collections SET linked_with = ? WHERE id = ?",
                          (linked, collection))

    def collections_to_link(self, stamp: str, everything: bool = False) -> list[str]:
        """Collections linked with other authorities than `stamp` (or never), or all."""
        sql = "SELECT id FROM collections"
        args: tuple[Any, ...] = ()
        if not everything:
            sql += " WHERE linked_with IS NOT ?"
            args = (stamp,)
        return [c for (c,) in self.conn.execute(sql + " ORDER BY id", args)]

    def update_links(self, collection: str, records: list[tuple[str, Record]],
                     stamp: str) -> None:
        """Store each record's new persons and terms (its JSON text given), and the person
        index, in one transaction; marks the collection for the search index."""
        conn = self.conn
        try:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute(DELETE_PERSON_DOCS, (collection,))
            rowids = dict(conn.execute(
                "SELECT id, rowid FROM documents WHERE collection = ?", (collection,)))
            conn.executemany("UPDATE documents SET record = ? WHERE rowid = ?",
                             ((text, rowids[r.id]) for text, r in records if r.id in rowids))
            conn.executemany(_INSERT_PERSON_DOC, (
                (pid, rowids[r.id], collection, how, role)
                for _, r in records if r.id in rowids for pid, how, role in person_roles(r)))
            conn.execute("UPDATE collections SET linked_with = ? WHERE id = ?",
                         (stamp, collection))
            conn.execute(_MARK_SEARCH, (collection,))
            conn.execute("COMMIT")
        except sqlite3.Error as e:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise CablegramError(f"{self.path}: cannot store the links of {collection!r}: "
                                 f"{e}") from None
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    # -- lookups --------------------------------------------------------------------------

    def person_ids_by_name(self, name: str) -> list[str]:
        """Register ids whose names hold every word of `name` (any case, any accent)."""
        words = sorted(set(fold_words(name)))
        if not words or not self._has_people:
            return []
        sql = " INTERSECT ".join(
            "SELECT person_id FROM register_words WHERE word = ?" for _ in words)
        return sorted(i for (i,) in self.conn.execute(sql, words))

    def register_person(self, id: str) -> tuple[str, str, list[str], int | None,
                                                   int | None] | None:
        """(id, name, names, birth, death) of a register person."""
        if not self._has_people:
            return None
        row = self.conn.execute(
            "SELECT id, name, names, birth, death FROM register_persons WHERE id = ?",
            (id,)).fetchone()
        if row is None:
            return None
        return row[0], row[1], list(json.loads(row[2])), row[3], row[4]

    def person_names(self, ids: Iterable[str]) -> dict[str, str]:
        """Register name per id, for the ids known."""
        if not self._has_people:
            return {}
        return dict(self.conn.execute(
            "SELECT id, name FROM register_persons "
            "WHERE id IN (SELECT value FROM json_each(?))", (json.dumps(list(ids)),)))

    def appointments_of(self, person_id: str) -> list[dict[str, str | None]]:
        rows = self.conn.execute(
            "SELECT role, post, start, end FROM appointments WHERE person_id = ? "
            "ORDER BY coalesce(start, ''), role", (person_id,))
        return [{"role": r, "post": p, "start": s, "end": e} for r, p, s, e in rows]

    def person_documents(self, person_id: str) -> list[tuple[str, str | None, str, str]]:
        """(document id, date, title, role) of every document linked to the person."""
        return [tuple(r) for r in self.conn.execute(
            "SELECT d.id, coalesce(d.date, d.date_not_before), d.title, p.role "
            "FROM person_docs p JOIN documents d ON d.rowid = p.doc WHERE p.person_id = ? "
            "ORDER BY coalesce(d.date, d.date_not_before, '9999'), d.collection, d.seq",
            (person_id,))]

    def co_mentioned(self, person_id: str, limit: int = 20) -> list[tuple[str, str, int]]:
        """(register id, name, documents in common) of the persons most often linked in the
        same documents as `person_id`."""
        rows = self.conn.execute(
            "SELECT o.person_id, coalesce(r.name, o.person_id), count(DISTINCT o.doc) AS n "
            "FROM (SELECT DISTINCT doc FROM person_docs WHERE person_id = ?) mine "
            "JOIN person_docs o ON o.doc = mine.doc AND o.person_id != ? "
            "LEFT JOIN register_persons r ON r.id = o.person_id "
            "GROUP BY o.person_id ORDER BY n DESC, o.person_id LIMIT ?",
            (person_id, person_id, limit))
        return [(str(i), str(n), int(c)) for i, n, c in rows]

    def people_stats(self) -> dict[str, Any]:
        if not self._has_people:
            return {}
        q = self.conn.execute
        return {
            "register_persons": q("SELECT count(*) FROM register_persons").fetchone()[0],
            "appointments": q("SELECT count(*) FROM appointments").fetchone()[0],
            "authority_sources": {k: p for k, p in q(
                "SELECT kind, path FROM authority_sources ORDER BY kind")},
            "linked_persons": q("SELECT count(DISTINCT person_id) FROM person_docs"
                                ).fetchone()[0],
            "person_links": q("SELECT count(*) FROM (SELECT DISTINCT person_id, doc "
                              "FROM person_docs)").fetchone()[0],
            "collections_unlinked": q(
                "SELECT count(*) FROM collections WHERE linked_with IS NULL OR linked_with "
                "IS NOT (SELECT stamp FROM authorities WHERE key = 'current')").fetchone()[0],
        }
