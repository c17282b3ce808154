"""The history tables on PostgreSQL: `SqliteHistory`'s queries, run through a thin adapter
that speaks PostgreSQL's dialect (placeholders, the week bucket, the upsert)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import psycopg

from cablegram.store.sqlite_history import SqliteHistory

_SCHEMA = Path(__file__).parent / "migrations" / "postgres" / "history.sql"
# The SQLite spellings SqliteHistory uses that PostgreSQL spells otherwise.
_REWRITES: tuple[tuple[str, str], ...] = (
    # strftime's %W: the week of the year, weeks starting on Monday, days before the first
    # Monday in week 00.
    ("strftime('%Y-W%W', day)",
     "(substr(day, 1, 4) || '-W' || lpad(((extract(doy FROM day::date)::int + 7 "
     "- extract(isodow FROM day::date)::int) / 7)::text, 2, '0'))"),
    ("INSERT OR REPLACE INTO history_state VALUES ('mark', ?)",
     "INSERT INTO history_state VALUES ('mark', ?) ON CONFLICT (key) DO UPDATE "
     "SET value = excluded.value"),
    ("BEGIN IMMEDIATE", "BEGIN"),
)


def _dialect(query: str) -> str:
    for old, new in _REWRITES:
        query = query.replace(old, new)
    return query.replace("%", "%%").replace("?", "%s")


class _Connection:
    """What SqliteHistory calls on its connection, on a psycopg connection. Server errors
    come back as sqlite3.DatabaseError, which SqliteHistory turns into one clear line."""

    def __init__(self, conn: Callable[[], psycopg.Connection[Any]]) -> None:
        self._current = conn  # the store's connection of the calling thread

    @property
    def _conn(self) -> psycopg.Connection[Any]:
        return self._current()

    @property
    def in_transaction(self) -> bool:
        return self._conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE

    def execute(self, query: str, args: Iterable[Any] = ()) -> psycopg.Cursor[Any]:
        try:
            return self._conn.execute(_dialect(query), tuple(args))
        except psycopg.Error as e:
            raise sqlite3.DatabaseError(str(e).splitlines()[0]) from None

    def executemany(self, query: str, rows: Iterable[Iterable[Any]]) -> None:
        try:
            with self._conn.cursor() as cur:
                cur.executemany(_dialect(query), [tuple(r) for r in rows])
        except psycopg.Error as e:
            raise sqlite3.DatabaseError(str(e).splitlines()[0]) from None

    def executescript(self, script: str) -> None:
        try:
            # Made already: a read-only role (the web's) may not even try to make them.
            found = self._conn.execute("SELECT to_regclass('history_state')").fetchone()
            if found and found[0] is not None:
                return
            self._conn.execute(_SCHEMA.read_text(encoding="utf-8"))
        except psycopg.Error as e:
            raise sqlite3.DatabaseError(str(e).splitlines()[0]) from None


class PostgresHistory(SqliteHistory):
    """Implements `cablegram.store.base.HistoryStore` on the archive's PostgreSQL database."""

    def __init__(self, conn: Callable[[], psycopg.Connection[Any]], path: str) -> None:
        super().__init__(_Connection(conn), path)  # type: ignore[arg-type]
