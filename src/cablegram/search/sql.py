"""AST → SQL for SQLite: an FTS5 MATCH expression for the text, WHERE clauses for the fields.

User text reaches SQLite only as bound parameters. Inside the MATCH expression (itself a
parameter) every word, phrase and field value is a double-quoted FTS5 string built by
`fts_string`, so no user text is ever read as FTS5 syntax either.

The columns filtered are those of `search_docs` (alias `s`), the narrow copy of the
denormalised document columns kept by migration 002.
"""

from __future__ import annotations

from dataclasses import dataclass

from cablegram.search.query import (
    And,
    DateRange,
    Field,
    Has,
    Near,
    Node,
    Not,
    Or,
    Phrase,
    Prefix,
    Term,
)

FTS_TABLE = "documents_fts"  # columns: title, text
FIELDS_FTS_TABLE = "fields_fts"  # columns: sender, recipient, place
# BM25 weights of the columns of FTS_TABLE: a word in the title (heading) counts ten times.
BM25 = f"bm25({FTS_TABLE}, 10.0, 1.0)"
# Fields matched as a phrase within one column of FIELDS_FTS_TABLE.
FTS_COLUMNS: dict[str, str] = {"from": "sender", "to": "recipient", "place": "place"}
# Fields matched exactly (after `normalise_value`) on a search_docs column.
EXACT_COLUMNS: dict[str, str] = {"type": "doc_type", "class": "classification"}
HAS_COLUMNS: dict[str, str] = {"redaction": "has_redaction", "footnote": "has_footnote"}
# Sorts after every character of an ISO date: "1962-10~" bounds all of October 1962.
_DATE_END = "~"
_MAX_CHAR = "\U0010ffff"

Params = tuple[object, ...]


@dataclass(frozen=True, slots=True)
class Compiled:
    """`match`: the FTS5 expression that ranks (None: no text to rank by);
    `where`/`params`: the rest, a condition over search_docs `s`."""

    match: str | None
    where: str
    params: Params


def fts_string(text: str) -> str:
    """`text` as one FTS5 string: the tokenizer splits it, nothing in it is syntax."""
    # FTS5 reads the expression as a C string: a NUL would end it inside the quotes.
    return '"' + text.replace('"', '""').replace("\x00", " ") + '"'


def normalise_value(name: str, value: str) -> str:
    """type:"memorandum of conversation" → memorandum-of-conversation; class: lower case."""
    if name == "type":
        return "-".join(value.lower().split())
    if name == "class":
        return " ".join(value.lower().split())
    return value


def fts_expr(node: Node) -> str | None:
    """The FTS5 expression for `node` over FTS_TABLE, or None when it needs SQL (fields, a
    lone NOT)."""
    if isinstance(node, Term | Phrase):
        return fts_string(node.text)
    if isinstance(node, Prefix):
        return fts_string(node.stem) + "*"
    if isinstance(node, Near):
        inner = " ".join(fts_expr(i) or "" for i in node.items)
        return f"NEAR({inner}, {node.distance})"
    if isinstance(node, And):
        return _fts_and(node.items)
    if isinstance(node, Or):
        parts = [fts_expr(i) for i in node.items]
        if any(p is None for p in parts) or any(isinstance(i, Not) for i in node.items):
            return None
        return "(" + " OR ".join(p for p in parts if p) + ")"
    return None


def _fts_and(items: tuple[Node, ...]) -> str | None:
    # FTS5 has only a binary NOT ("a NOT b"): negations need at least one positive term.
    pos: list[str] = []
    neg: list[str] = []
    for item in items:
        inner = item.item if isinstance(item, Not) else item
        expr = fts_expr(inner)
        if expr is None:
            return None
        (neg if isinstance(item, Not) else pos).append(expr)
    if not pos:
        return None
    out = "(" + " AND ".join(pos) + ")"
    for n in neg:
        out = f"({out} NOT {n})"
    return out


def where(node: Node) -> tuple[str, Params]:
    """`node` as a condition over search_docs `s`."""
    expr = fts_expr(node)
    if expr is not None:
        return (f"s.rowid IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH ?)",
                (expr,))
    if isinstance(node, And | Or):
        parts = [where(i) for i in node.items]
        op = " AND " if isinstance(node, And) else " OR "
        sql = op.join(f"({p})" for p, _ in parts)
        return sql, tuple(x for _, ps in parts for x in ps)
    if isinstance(node, Not):
        sql, params = where(node.item)
        # Two-valued logic: a comparison with a missing value (NULL) counts as false, so
        # NOT type:telegram keeps the documents whose type is unknown.
        return f"NOT coalesce(({sql}), 0)", params
    if isinstance(node, Has):
        return f"s.{HAS_COLUMNS[node.what]} = 1", ()
    if isinstance(node, DateRange):
        return date_where(node)
    if isinstance(node, Field):
        return field_where(node)
    raise AssertionError(f"no SQL for {node!r}")  # every node kind is handled above


def date_where(node: DateRange) -> tuple[str, Params]:
    """Documents whose date, or whole not-before/not-after range, lies within the range."""
    conds: list[str] = []
    params: list[object] = []
    if node.start is not None:
        conds.append("s.date_lo >= ?")
        params.append(node.start)
    if node.end is not None:
        # date_lo <= date_hi, so the first condition is implied; it bounds the index scan
        # on (date_lo, date_hi), which would otherwise run on to the last date.
        conds.append("s.date_lo < ? AND s.date_hi < ?")
        params += [node.end + _DATE_END] * 2
    return " AND ".join(conds), tuple(params)


def field_where(node: Field) -> tuple[str, Params]:
    value = normalise_value(node.name, node.value)
    if node.name in FTS_COLUMNS:
        match = "{" + FTS_COLUMNS[node.name] + "} : " + fts_string(value)
        return (f"s.rowid IN (SELECT rowid FROM {FIELDS_FTS_TABLE} "
                f"WHERE {FIELDS_FTS_TABLE} MATCH ?)", (match,))
    if node.name in EXACT_COLUMNS:
        return f"s.{EXACT_COLUMNS[node.name]} = ?", (value,)
    if node.name == "number":
        return "(s.number = ? OR s.telegram_number = ?)", (value, value)
    if node.name == "collection":
        if value.endswith("*"):
            stem = value.rstrip("*")
            return "s.collection >= ? AND s.collection < ?", (stem, stem + _MAX_CHAR)
        return "s.collection = ?", (value,)
    raise AssertionError(f"no SQL for field {node.name!r}")


def compile_query(node: Node) -> Compiled:
    """Split the AST into the FTS5 expression that ranks and the SQL that filters."""
    expr = fts_expr(node)
    if expr is not None:
        return Compiled(expr, "", ())
    if isinstance(node, And):
        text = [i for i in node.items if _is_text(i)]
        rest = [i for i in node.items if not _is_text(i)]
        match = _fts_and(tuple(text)) if text else None
        if match is not None:
            sql, params = where(rest[0] if len(rest) == 1 else And(tuple(rest)))
            return Compiled(match, sql, params)
    sql, params = where(node)
    return Compiled(None, sql, params)


def _is_text(node: Node) -> bool:
    inner = node.item if isinstance(node, Not) else node
    return fts_expr(inner) is not None
