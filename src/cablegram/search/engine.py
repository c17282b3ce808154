"""Run a query on an archive's SQLite connection and return plain data."""

from __future__ import annotations

import heapq
import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from cablegram.errors import CablegramError
from cablegram.search.facets import FACETS
from cablegram.search.query import Node, parse
from cablegram.search.sql import BM25, FTS_TABLE, Compiled, Params, compile_query

SORTS: tuple[str, ...] = ("relevance", "date")
MARK_OPEN, MARK_CLOSE, ELLIPSIS = "«", "»", "…"
SNIPPET_TOKENS = 16
PLAIN_SNIPPET_CHARS = 160
FACET_SIZE = 30
# Undated documents come last in date order; ties go by position in the archive.
_DATE_ORDER = "s.date_lo IS NULL, s.date_lo, s.rowid"
_JOIN = f"{FTS_TABLE} CROSS JOIN search_docs s ON s.rowid = {FTS_TABLE}.rowid"

Hit = tuple[int, float | None]  # rowid, bm25 (lower is better; None without words)


@dataclass(frozen=True, slots=True)
class _Plan:
    """The result set as `FROM {source} WHERE {where}`; search_docs is `s` when joined."""

    source: str
    where: str
    params: Params
    rowid: str
    score: str


def _plan(compiled: Compiled, *, need_docs: bool) -> _Plan:
    if compiled.match is None:
        return _Plan("search_docs s", compiled.where or "1", compiled.params, "s.rowid", "NULL")
    where = f"{FTS_TABLE} MATCH ?"
    if compiled.where:
        where += f" AND ({compiled.where})"
    # CROSS JOIN keeps the FTS5 index as the outer loop: the MATCH drives, filters follow.
    source = _JOIN if need_docs or compiled.where else FTS_TABLE
    return _Plan(source, where, (compiled.match, *compiled.params), f"{FTS_TABLE}.rowid", BM25)


def search(conn: sqlite3.Connection, query: str | Node, *,
           facets: Sequence[str] | None = None, sort: str = "relevance",
           limit: int = 20, offset: int = 0, facet_size: int | None = FACET_SIZE,
           ) -> dict[str, Any]:
    """`{"total", "results": [{"id", "title", "date", "snippet", "score"}], "facets"}`.

    Raises QueryError for a malformed query; any limit is honoured.
    """
    if sort not in SORTS:
        raise CablegramError(f"unknown sort {sort!r}: use " + " or ".join(SORTS))
    if limit < 0 or offset < 0:
        raise CablegramError("limit and offset must not be negative")
    unknown = [f for f in facets or () if f not in FACETS]
    if unknown:
        raise CablegramError(f"unknown facet {unknown[0]!r}: facets are " + ", ".join(FACETS))
    compiled = compile_query(parse(query) if isinstance(query, str) else query)
    by_date = sort == "date" or compiled.match is None
    if facets:
        total, page, counts = _one_pass(conn, compiled, facets, by_date, limit, offset,
                                        facet_size)
    else:
        (total, page), counts = _count_and_page(conn, compiled, by_date, limit, offset), {}
    return {"total": total, "results": _results(conn, compiled, page), "facets": counts}


def _count_and_page(conn: sqlite3.Connection, compiled: Compiled, by_date: bool,
                    limit: int, offset: int) -> tuple[int, list[Hit]]:
    """Without facets SQLite counts and picks the page itself: no row comes to Python."""
    plan = _plan(compiled, need_docs=by_date)
    (total,) = conn.execute(f"SELECT count(*) FROM {plan.source} WHERE {plan.where}",
                            plan.params).fetchone()
    if not limit or total <= offset:
        return total, []
    order = _DATE_ORDER if by_date else f"2, {plan.rowid}"
    sql = (f"SELECT {plan.rowid}, {plan.score} FROM {plan.source} WHERE {plan.where} "
           f"ORDER BY {order} LIMIT ? OFFSET ?")
    return total, [(r, s) for r, s in conn.execute(sql, (*plan.params, limit, offset))]


def _one_pass(conn: sqlite3.Connection, compiled: Compiled, facets: Sequence[str],
              by_date: bool, limit: int, offset: int, facet_size: int | None,
              ) -> tuple[int, list[Hit], dict[str, list[list[object]]]]:
    """With facets every matching row is read once: total, page and all counts from it."""
    plan = _plan(compiled, need_docs=True)
    columns = ", ".join(f"s.{FACETS[f].column}" for f in facets)
    rows = conn.execute(f"SELECT {plan.rowid}, {plan.score}, s.date_lo, {columns} "
                        f"FROM {plan.source} WHERE {plan.where}", plan.params).fetchall()
    # One transposition in C, then one C-level Counter per column.
    by_column = list(zip(*rows, strict=True)) if rows else [()] * (3 + len(facets))
    counts = {f: FACETS[f].facet_results(by_column[3 + i], facet_size)
              for i, f in enumerate(facets)}
    key = _date_key if by_date else _score_key
    best = heapq.nsmallest(offset + limit, rows, key=key) if limit else []
    return len(rows), [(row[0], row[1]) for row in best[offset:]], counts


def _date_key(row: tuple[Any, ...]) -> tuple[bool, str, int]:
    return row[2] is None, row[2] or "", row[0]  # as _DATE_ORDER


def _score_key(row: tuple[Any, ...]) -> tuple[float, int]:
    return row[1], row[0]


def _results(conn: sqlite3.Connection, compiled: Compiled,
             page: list[Hit]) -> list[dict[str, Any]]:
    if not page:
        return []
    rowids = json.dumps([r for r, _ in page])
    rows = {r: (i, t, d) for r, i, t, d in conn.execute(
        "SELECT rowid, id, title, date FROM documents "
        "WHERE rowid IN (SELECT value FROM json_each(?))", (rowids,))}
    snippets = _snippets(conn, compiled, rowids)
    out = []
    for rowid, rank in page:
        id_, title, date = rows[rowid]
        out.append({
            "id": id_, "title": title, "date": date, "snippet": snippets.get(rowid, ""),
            # bm25 in FTS5 is negative, lower being better: flip it so that higher is better.
            "score": None if rank is None else -rank,
        })
    return out


def _snippets(conn: sqlite3.Connection, compiled: Compiled, rowids: str) -> dict[int, str]:
    if compiled.match is None:
        sql = (f"SELECT rowid, substr(text, 1, {PLAIN_SNIPPET_CHARS}) FROM documents "
               "WHERE rowid IN (SELECT value FROM json_each(?))")
        return {r: _plain(t) for r, t in conn.execute(sql, (rowids,))}
    # Computed for the page only: snippet() re-reads and re-tokenizes each document's text.
    sql = (f"SELECT rowid, snippet({FTS_TABLE}, -1, ?, ?, ?, {SNIPPET_TOKENS}) FROM {FTS_TABLE} "
           f"WHERE {FTS_TABLE} MATCH ? AND rowid IN (SELECT value FROM json_each(?))")
    params = (MARK_OPEN, MARK_CLOSE, ELLIPSIS, compiled.match, rowids)
    return {r: s or "" for r, s in conn.execute(sql, params)}


def _plain(text: str | None) -> str:
    words = " ".join((text or "").split())
    return words if len(words) < PLAIN_SNIPPET_CHARS - 1 else words.rsplit(" ", 1)[0] + ELLIPSIS
