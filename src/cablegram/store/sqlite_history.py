"""The history tables on SQLite (store/history.sql): written whole, read by range."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from operator import itemgetter
from pathlib import Path

from cablegram.errors import CablegramError
from cablegram.store.base import HistoryDocRow, PersonEdgeRow, RefRow

_SCHEMA = Path(__file__).parent / "history.sql"
# Periods of the counts: the SQL expression that names a day's bucket.
PERIOD_SQL = {
    "day": "day",
    "week": "strftime('%Y-W%W', day)",
    "month": "substr(day, 1, 7)",
    "year": "substr(day, 1, 4)",
}
_DOC_COLS = ("rowid, id, collection, seq, day, time, inferred, doc_type, title, sender_node, "
             "recipient_node, telegram_number")
_REF_COLS = ("src_id, kind, text, location, target_id, status, reason, candidates, number, "
             "sender_node, recipient_node, date_lo, date_hi")


def _where(collection: str | None) -> str:
    """The WHERE clause of a day range, and of a collection when one is asked for."""
    if collection is None:
        return "day BETWEEN ? AND ?"
    return "collection = ? AND day BETWEEN ? AND ?"


def _args(lo: str, hi: str, collection: str | None) -> tuple[str, ...]:
    return (lo, hi) if collection is None else (collection, lo, hi)


def _next_month(month: str) -> str:
    """"1962-12" -> "1963-01-01"."""
    y, m = int(month[:4]), int(month[5:7])
    return f"{y + m // 12:04d}-{m % 12 + 1:02d}-01"


def _day_before(day: str) -> str:
    return (date.fromisoformat(day) - timedelta(days=1)).isoformat()


def _whole_months(lo: str, hi: str) -> tuple[str, str] | None:
    """The first and last month wholly inside [lo, hi] (YYYY-MM); None if there is none.
    A month is whole when its first day is >= lo and its last day <= hi."""
    first = lo[:7] if lo[8:] == "01" else _next_month(lo[:7])[:7]
    last = hi[:7] if _next_month(hi[:7]) <= _next_day(hi) else _prev_month(hi[:7])
    return (first, last) if first <= last else None


def _next_day(day: str) -> str:
    if day == date.max.isoformat():
        return "10000-01-01"  # past the calendar, and still after every day as text
    return (date.fromisoformat(day) + timedelta(days=1)).isoformat()


def _prev_month(month: str) -> str:
    y, m = int(month[:4]), int(month[5:7])
    return f"{y - (m == 1):04d}-{(m - 2) % 12 + 1:02d}"


def _ref(row: tuple[object, ...]) -> RefRow:
    values = list(row)
    values[7] = json.loads(str(values[7]))
    return RefRow._make(values)


class SqliteHistory:
    """Implements `cablegram.store.base.HistoryStore` on the archive's connection."""

    def __init__(self, conn: sqlite3.Connection, path: str) -> None:
        self.conn = conn
        self.path = path
        self._ready = False

    def _schema(self) -> None:
        if not self._ready:
            try:
                self.conn.executescript(_SCHEMA.read_text(encoding="utf-8"))
            except sqlite3.Error as e:
                raise CablegramError(f"{self.path}: cannot make the history tables: {e}") \
                    from None
            self._ready = True

    def built_mark(self) -> int | None:
        """The documents' mark when the tables were made; None if never."""
        self._schema()
        row = self.conn.execute(
            "SELECT value FROM history_state WHERE key = 'mark'").fetchone()
        return int(row[0]) if row else None

    def replace(self, docs: Iterable[HistoryDocRow], edges: Iterable[PersonEdgeRow],
                refs: Iterable[RefRow], mark: int) -> None:
        """Replace every history row in one transaction."""
        self._schema()
        conn = self.conn
        try:
            conn.execute("BEGIN IMMEDIATE")
            for table in ("history_docs", "history_person_edges", "history_refs",
                          "history_edges_month", "history_edges_month_all"):
                conn.execute(f"DELETE FROM {table}")
            conn.executemany(f"INSERT INTO history_docs ({_DOC_COLS}) VALUES "
                             f"({', '.join('?' * 12)})", docs)
            conn.executemany("INSERT INTO history_person_edges (rowid, day, collection, source, "
                             "target) VALUES (?, ?, ?, ?, ?)", edges)
            conn.executemany(
                f"INSERT INTO history_refs ({_REF_COLS}) VALUES ({', '.join('?' * 13)})",
                ((*r[:7], json.dumps(r.candidates), *r[8:]) for r in refs))
            conn.execute(
                "INSERT INTO history_edges_month SELECT substr(day, 1, 7), collection, "
                "sender_node, recipient_node, count(*) FROM history_docs WHERE day IS NOT NULL "
                "AND sender_node IS NOT NULL AND recipient_node IS NOT NULL GROUP BY 1, 2, 3, 4")
            conn.execute(
                "INSERT INTO history_edges_month_all SELECT month, sender_node, recipient_node, "
                "sum(documents) FROM history_edges_month GROUP BY 1, 2, 3")
            conn.execute("INSERT OR REPLACE INTO history_state VALUES ('mark', ?)", (str(mark),))
            conn.execute("COMMIT")
        except sqlite3.Error as e:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise CablegramError(f"{self.path}: cannot store the history tables: {e}") from None
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    # -- reading ----------------------------------------------------------------------------

    def docs(self, lo: str, hi: str, collection: str | None = None,
             limit: int | None = None) -> list[HistoryDocRow]:
        """Documents placed on a day of [lo, hi], in time order."""
        self._schema()
        where = _where(collection)
        sql = (f"SELECT {_DOC_COLS} FROM history_docs WHERE {where} "
               "ORDER BY day, time IS NULL, time, collection, seq")
        args: tuple[object, ...] = _args(lo, hi, collection)
        if limit is not None:
            sql += " LIMIT ?"
            args = (*args, limit)
        return [HistoryDocRow._make(r) for r in self.conn.execute(sql, args)]

    def counts(self, lo: str, hi: str, collection: str | None, period: str) -> list[
            tuple[str, int, int]]:
        """(bucket, documents, of which inferred) per period of [lo, hi]."""
        self._schema()
        where = _where(collection)
        bucket = PERIOD_SQL[period]
        sql = (f"SELECT {bucket} AS b, count(*), sum(inferred) FROM history_docs "
               f"WHERE {where} GROUP BY b ORDER BY b")
        return [(b, n, int(i)) for b, n, i in self.conn.execute(sql, _args(lo, hi, collection))]

    def post_edges(self, lo: str, hi: str, collection: str | None, period: str) -> list[
            tuple[str, str, str, int]]:
        """(bucket, sender, recipient, documents) of [lo, hi], by bucket: whole months come
        from the monthly tables, the partial months at either end from the documents."""
        self._schema()
        months = _whole_months(lo, hi) if period in ("month", "year") else None
        if months is None:
            return self._day_edges(lo, hi, collection, PERIOD_SQL[period])
        first, last = months
        if collection is None and period == "month":
            rows = self.conn.execute(
                "SELECT month, sender_node, recipient_node, documents FROM "
                "history_edges_month_all WHERE month BETWEEN ? AND ?", (first, last)).fetchall()
        else:
            bucket = "month" if period == "month" else "substr(month, 1, 4)"
            table, where = ("history_edges_month", "collection = ? AND ") if collection else (
                "history_edges_month_all", "")
            args = (collection, first, last) if collection else (first, last)
            rows = self.conn.execute(
                f"SELECT {bucket} AS b, sender_node, recipient_node, sum(documents) FROM {table} "
                f"WHERE {where}month BETWEEN ? AND ? GROUP BY b, sender_node, recipient_node",
                args).fetchall()
        # The partial months at either end, from the documents themselves.
        if lo < f"{first}-01":
            rows += self._day_edges(lo, _day_before(f"{first}-01"), collection,
                                    PERIOD_SQL[period])
        if hi > f"{last}-31":
            rows += self._day_edges(_next_month(last), hi, collection, PERIOD_SQL[period])
        if len(rows) and (lo < f"{first}-01" or hi > f"{last}-31"):
            rows.sort(key=itemgetter(0))  # stable: only the partial months move
        return rows

    def _day_edges(self, lo: str, hi: str, collection: str | None, bucket: str) -> list[
            tuple[str, str, str, int]]:
        where = _where(collection)
        sql = (f"SELECT {bucket} AS b, sender_node, recipient_node, count(*) "
               f"FROM history_docs WHERE {where} AND sender_node IS NOT NULL AND "
               "recipient_node IS NOT NULL GROUP BY b, sender_node, recipient_node "
               "ORDER BY b, count(*) DESC, sender_node, recipient_node")
        return list(self.conn.execute(sql, _args(lo, hi, collection)))

    def person_edges(self, lo: str, hi: str, collection: str | None, period: str) -> list[
            tuple[str, str, str, int]]:
        self._schema()
        where = _where(collection)
        sql = (f"SELECT {PERIOD_SQL[period]} AS b, source, target, count(*) "
               f"FROM history_person_edges WHERE {where} GROUP BY b, source, target "
               "ORDER BY b, count(*) DESC, source, target")
        return list(self.conn.execute(sql, _args(lo, hi, collection)))

    def refs(self, *, status: str | None = None, kind: str | None = None,
             src_id: str | None = None, target_id: str | None = None) -> Iterator[RefRow]:
        """References, filtered by what is given, in citing-document order."""
        self._schema()
        conds: list[str] = []
        args: list[str] = []
        for col, value in (("status", status), ("kind", kind), ("src_id", src_id),
                           ("target_id", target_id)):
            if value is not None:
                conds.append(f"{col} = ?")
                args.append(value)
        where = f"WHERE {' AND '.join(conds)}" if conds else ""
        sql = f"SELECT {_REF_COLS} FROM history_refs {where} ORDER BY rowid"
        for row in self.conn.execute(sql, args):
            yield _ref(row)

    def telegrams(self) -> list[HistoryDocRow]:
        """Every document with a telegram number, by sender, recipient, day."""
        self._schema()
        sql = (f"SELECT {_DOC_COLS} FROM history_docs WHERE telegram_number IS NOT NULL "
               "ORDER BY sender_node, recipient_node, day, time, collection, seq")
        return [HistoryDocRow._make(r) for r in self.conn.execute(sql)]

    def day_bounds(self) -> tuple[str | None, str | None]:
        self._schema()
        lo, hi = self.conn.execute("SELECT min(day), max(day) FROM history_docs").fetchone()
        return lo, hi
