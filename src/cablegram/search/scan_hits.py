"""Where a search hit on a scan is: the page and box of each word that matched.

A scanned record keeps its words' boxes (`extra["words"]`, readers/scan.py). For the hits
of a search, the query's words are looked up among them: exactly, by prefix (`khrush*`) or
within the edits of a fuzzy word (`khrushchev~1`), letters compared as the index compares
them (lower case, accents folded).
"""

from __future__ import annotations

import json
import sqlite3
import unicodedata
from typing import Any

from rapidfuzz.distance import Levenshtein

from cablegram.search.query import And, Fuzzy, Near, Node, Not, Or, Phrase, Prefix, Term
from cablegram.store.base import Store

MAX_BOXES = 20  # per hit


def fold(word: str) -> str:
    """A word as the index sees it: letters and digits, lower case, accents folded."""
    plain = unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode()
    return "".join(c for c in plain.lower() if c.isalnum())


def query_words(node: Node) -> list[tuple[str, str, int]]:
    """(kind, folded word, edits) for each word the query looks for, outside NOT."""
    if isinstance(node, Term | Phrase):
        return [("word", fold(w), 0) for w in node.text.split() if fold(w)]
    if isinstance(node, Prefix):
        return [("prefix", fold(node.stem), 0)]
    if isinstance(node, Fuzzy):
        return [("word", fold(node.text), node.distance)]
    if isinstance(node, Near):
        return [w for item in node.items for w in query_words(item)]
    if isinstance(node, And | Or):
        return [w for item in node.items for w in query_words(item)]
    if isinstance(node, Not):
        return []
    return []


def _matches(word: str, wanted: list[tuple[str, str, int]]) -> bool:
    w = fold(word)
    for kind, q, edits in wanted:
        if kind == "prefix" and w.startswith(q):
            return True
        if kind == "word" and (w == q or (edits and Levenshtein.distance(
                w, q, score_cutoff=edits) <= edits)):
            return True
    return False


def locate(text: str, words: list[list[Any]], node: Node) -> list[dict[str, Any]]:
    """The page and box of each of a record's words that the query matches."""
    wanted = query_words(node)
    out: list[dict[str, Any]] = []
    for page, start, end, left, top, width, height, _conf in words:
        if _matches(text[start:end], wanted):
            out.append({"page": page, "box": [left, top, width, height],
                        "word": text[start:end]})
            if len(out) >= MAX_BOXES:
                break
    return out


def scan_words(store: Store, ids: list[str]) -> dict[str, tuple[str, list[list[Any]]]]:
    """The text and word boxes of those of `ids` that are scans (SQLite reads only them)."""
    conn = getattr(store, "conn", None)
    own = getattr(store, "scan_words", None)
    if ids and callable(own):  # a store with its own query (PostgresStore)
        found: dict[str, tuple[str, list[list[Any]]]] = own(ids)
        return found
    if not ids or not isinstance(conn, sqlite3.Connection):
        return {}
    rows = conn.execute(
        "SELECT id, text, json_extract(record, '$.extra.words') FROM documents "
        "WHERE id IN (SELECT value FROM json_each(?)) "
        "AND json_type(record, '$.extra.words') = 'array'", (json.dumps(ids),))
    return {i: (t, json.loads(w)) for i, t, w in rows if w}
