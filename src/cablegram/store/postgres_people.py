"""The PostgreSQL store's people tables (postgres/004_people.sql): authorities, links."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import psycopg

from cablegram.errors import CablegramError
from cablegram.people import fold_words, person_roles
from cablegram.record import Record
from cablegram.store.base import AuthorityRows
from cablegram.store.sqlite import _now

_INSERT_PERSON_DOC = (
    "INSERT INTO person_docs (person_id, doc, collection, how, role) "
    "VALUES (%s, %s, %s, %s, %s) ON CONFLICT DO NOTHING"
)
C = 'COLLATE "C"'


class PostgresPeople:
    """Methods of `PostgresStore` over the people tables; `conn` is the store's connection."""

    path: str
    if TYPE_CHECKING:
        @property
        def conn(self) -> psycopg.Connection[Any]: ...

    def mark_search(self, collections: list[str]) -> None:
        """Mark collections for the search index (PostgresStore's)."""
        self.conn.execute("SELECT cablegram_mark(%s)", (collections,))

    def store_marks(self) -> None:
        self.conn.execute("SELECT set_config('cablegram.store_marks', 'on', true)")

    # -- authorities ----------------------------------------------------------------------

    def authority_source(self, kind: str) -> tuple[str, str] | None:
        row = self.conn.execute(
            "SELECT path, sha256 FROM authority_sources WHERE kind = %s", (kind,)).fetchone()
        return (str(row[0]), str(row[1])) if row else None

    def put_authorities(self, rows: AuthorityRows) -> None:
        """Replace the stored authorities with these, in one transaction."""
        now = _now()
        try:
            with self.conn.transaction(), self.conn.cursor() as cur:
                cur.execute("LOCK TABLE authorities IN EXCLUSIVE MODE")
                for table in ("register_persons", "register_words", "appointments",
                              "authority_sources"):
                    cur.execute(f"DELETE FROM {table}")  # fixed table names
                cur.execute("INSERT INTO authorities (key, stamp, data) VALUES "
                            "('current', %s, %s) ON CONFLICT (key) DO UPDATE SET "
                            "stamp = excluded.stamp, data = excluded.data",
                            (rows.stamp, rows.data))
                for kind, (path, sha) in rows.sources.items():
                    cur.execute("INSERT INTO authority_sources (kind, path, sha256, ingested_at) "
                                "VALUES (%s, %s, %s, %s) ON CONFLICT (kind) DO UPDATE SET "
                                "path = excluded.path, sha256 = excluded.sha256, "
                                "ingested_at = excluded.ingested_at", (kind, path, sha, now))
                cur.executemany(
                    "INSERT INTO register_persons (id, name, names, birth, death) "
                    "VALUES (%s, %s, %s, %s, %s) ON CONFLICT DO NOTHING",
                    [(i, n, json.dumps(ns, ensure_ascii=False), b, d)
                     for i, n, ns, b, d in rows.persons])
                cur.executemany(
                    "INSERT INTO register_words (word, person_id) VALUES (%s, %s) "
                    "ON CONFLICT DO NOTHING",
                    [(w, i) for i, n, ns, _, _ in rows.persons
                     for w in sorted({w for name in (n, *ns) for w in fold_words(name)})])
                cur.executemany(
                    'INSERT INTO appointments (person_id, pocom_id, name, role, post, start, '
                    '"end") VALUES (%s, %s, %s, %s, %s, %s, %s)', rows.appointments)
        except psycopg.Error as e:
            raise CablegramError(f"{self.path}: cannot store the authorities: "
                                 f"{str(e).splitlines()[0]}") from None

    def authorities_data(self) -> tuple[str, str] | None:
        row = self.conn.execute(
            "SELECT stamp, data FROM authorities WHERE key = 'current'").fetchone()
        return (str(row[0]), str(row[1])) if row else None

    def authorities_stamp(self) -> str | None:
        row = self.conn.execute(
            "SELECT stamp FROM authorities WHERE key = 'current'").fetchone()
        return str(row[0]) if row else None

    # -- links ----------------------------------------------------------------------------

    def _put_links(self, collection: str, links: list[tuple[int, str, str, str]],
                   rowids: list[int], linked: str | None) -> None:
        rows = [(pid, rowids[i], collection, how, role) for i, pid, how, role in links]
        with self.conn.cursor() as cur:
            cur.executemany(_INSERT_PERSON_DOC, rows)
        self.conn.execute("UPDATE collections SET linked_with = %s WHERE id = %s",
                          (linked, collection))

    def collections_to_link(self, stamp: str, everything: bool = False) -> list[str]:
        where = "" if everything else "WHERE linked_with IS DISTINCT FROM %s "
        args: tuple[Any, ...] = () if everything else (stamp,)
        return [c for (c,) in self.conn.execute(
            f"SELECT id FROM collections {where}ORDER BY id {C}", args)]

    def update_links(self, collection: str, records: list[tuple[str, Record]],
                     stamp: str) -> None:
        """Each record's new JSON text and the person index, in one transaction; marks the
        collection for the search index."""
        try:
            with self.conn.transaction(), self.conn.cursor() as cur:
                self.store_marks()
                cur.execute("SELECT pg_advisory_xact_lock(%s, hashtext(%s))",
                            (0x6361, collection))
                cur.execute("DELETE FROM person_docs WHERE collection = %s", (collection,))
                rowids = dict(cur.execute(
                    "SELECT id, rowid FROM documents WHERE collection = %s", (collection,)))
                cur.executemany("UPDATE documents SET record = %s WHERE rowid = %s",
                                [(text, rowids[r.id]) for text, r in records if r.id in rowids])
                cur.executemany(_INSERT_PERSON_DOC, [
                    (pid, rowids[r.id], collection, how, role)
                    for _, r in records if r.id in rowids for pid, how, role in person_roles(r)])
                cur.execute("UPDATE collections SET linked_with = %s WHERE id = %s",
                            (stamp, collection))
                self.mark_search([collection])
        except psycopg.Error as e:
            raise CablegramError(f"{self.path}: cannot store the links of {collection!r}: "
                                 f"{str(e).splitlines()[0]}") from None

    # -- lookups --------------------------------------------------------------------------

    def person_ids_by_name(self, name: str) -> list[str]:
        words = sorted(set(fold_words(name)))
        if not words:
            return []
        query = " INTERSECT ".join(
            "SELECT person_id FROM register_words WHERE word = %s" for _ in words)
        return sorted(i for (i,) in self.conn.execute(query, words))

    def register_person(self, id: str) -> tuple[str, str, list[str], int | None,
                                                   int | None] | None:
        row = self.conn.execute(
            "SELECT id, name, names, birth, death FROM register_persons WHERE id = %s",
            (id,)).fetchone()
        if row is None:
            return None
        return row[0], row[1], list(json.loads(row[2])), row[3], row[4]

    def person_names(self, ids: Iterable[str]) -> dict[str, str]:
        return dict(self.conn.execute(
            "SELECT id, name FROM register_persons WHERE id = ANY(%s)", (list(ids),)))

    def appointments_of(self, person_id: str) -> list[dict[str, str | None]]:
        rows = self.conn.execute(
            f'SELECT role, post, start, "end" FROM appointments WHERE person_id = %s '
            f"ORDER BY coalesce(start, '') {C}, role {C}, rowid", (person_id,))
        return [{"role": r, "post": p, "start": s, "end": e} for r, p, s, e in rows]

    def person_documents(self, person_id: str) -> list[tuple[str, str | None, str, str]]:
        return [tuple(r) for r in self.conn.execute(
            "SELECT d.id, coalesce(d.date, d.date_not_before), d.title, p.role "
            "FROM person_docs p JOIN documents d ON d.rowid = p.doc WHERE p.person_id = %s "
            f"ORDER BY coalesce(d.date, d.date_not_before, '9999') {C}, d.collection {C}, "
            f"d.seq, p.role {C}", (person_id,))]

    def co_mentioned(self, person_id: str, limit: int = 20) -> list[tuple[str, str, int]]:
        rows = self.conn.execute(
            "SELECT o.person_id, coalesce(r.name, o.person_id), count(DISTINCT o.doc) AS n "
            "FROM (SELECT DISTINCT doc FROM person_docs WHERE person_id = %s) mine "
            "JOIN person_docs o ON o.doc = mine.doc AND o.person_id != %s "
            "LEFT JOIN register_persons r ON r.id = o.person_id "
            f"GROUP BY o.person_id, r.name ORDER BY n DESC, o.person_id {C} LIMIT %s",
            (person_id, person_id, limit))
        return [(str(i), str(n), int(c)) for i, n, c in rows]

    def people_stats(self) -> dict[str, Any]:
        def one(query: str) -> Any:
            row = self.conn.execute(query).fetchone()
            return row[0] if row else None

        return {
            "register_persons": one("SELECT count(*) FROM register_persons"),
            "appointments": one("SELECT count(*) FROM appointments"),
            "authority_sources": {k: p for k, p in self.conn.execute(
                f"SELECT kind, path FROM authority_sources ORDER BY kind {C}")},
            "linked_persons": one("SELECT count(DISTINCT person_id) FROM person_docs"),
            "person_links": one("SELECT count(*) FROM (SELECT DISTINCT person_id, doc "
                                "FROM person_docs) x"),
            "collections_unlinked": one(
                "SELECT count(*) FROM collections WHERE linked_with IS NULL OR linked_with "
                "IS DISTINCT FROM (SELECT stamp FROM authorities WHERE key = 'current')"),
        }
