"""Run a query on an archive's search index and return plain data."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import tantivy

from cablegram.errors import CablegramError
from cablegram.search.compile import Compiler
from cablegram.search.facets import FACETS
from cablegram.search.index import SearchIndex
from cablegram.search.query import And, Fuzzy, Near, Node, Or, Phrase, Prefix, Term, parse
from cablegram.store.base import Store

SORTS: tuple[str, ...] = ("relevance", "date")
MARK_OPEN, MARK_CLOSE, ELLIPSIS = "«", "»", "…"
SNIPPET_CHARS = 160
FACET_SIZE = 30


def search(index: SearchIndex, store: Store, query: str | Node, *,
           facets: Sequence[str] | None = None, sort: str = "relevance",
           limit: int = 20, offset: int = 0, facet_size: int | None = FACET_SIZE,
           ) -> dict[str, Any]:
    """`{"total", "results": [{"id", "title", "date", "snippet", "score"}], "facets"}`.

    `index` must be in step with `store` (`SearchIndex.sync`). Raises QueryError for a
    malformed query; any limit is honoured.
    """
    if sort not in SORTS:
        raise CablegramError(f"unknown sort {sort!r}: use " + " or ".join(SORTS))
    if limit < 0 or offset < 0:
        raise CablegramError("limit and offset must not be negative")
    unknown = [f for f in facets or () if f not in FACETS]
    if unknown:
        raise CablegramError(f"unknown facet {unknown[0]!r}: facets are " + ", ".join(FACETS))
    node = parse(query) if isinstance(query, str) else query
    searcher = index.searcher()
    q = Compiler(index, searcher).compile(node)
    ranked = _has_words(node)
    by_date = sort == "date" or not ranked
    order: dict[str, Any] = (
        {"order_by_field": "date_sort", "order": tantivy.Order.Asc} if by_date else {})
    found = searcher.search(q, max(limit, 1), count=True, offset=offset, **order)
    hits = found.hits[:limit]
    rowids = [int(r or 0) for r in
              searcher.fast_field_values("rowid", [addr for _, addr in hits])]
    # Ordered by date, a hit's key is its date_sort, not a score.
    scores = [None if by_date else float(s) for s, _ in hits]
    counts = {}
    if facets:
        spec = {f: FACETS[f].aggregation(facet_size) for f in facets}
        aggs = searcher.aggregate(q, spec)
        counts = {f: FACETS[f].facet_results(aggs[f]["buckets"], facet_size) for f in facets}
    results = _results(index, searcher, store, q if ranked else None,
                       list(zip(rowids, scores, strict=True)))
    if ranked:
        _add_scan_boxes(store, node, results)
    # SearchResult.count is missing from tantivy's type stubs.
    total: int = getattr(found, "count")  # noqa: B009
    return {"total": total, "results": results, "facets": counts}


def _add_scan_boxes(store: Store, node: Node, results: list[dict[str, Any]]) -> None:
    """A hit on a scan gets `"scan": [{"page", "box", "word"}]`: where its words matched."""
    from cablegram.search.scan_hits import locate, scan_words

    found = scan_words(store, [r["id"] for r in results])
    for r in results:
        if r["id"] in found:
            text, words = found[r["id"]]
            r["scan"] = locate(text, words, node)


def _has_words(node: Node) -> bool:
    """Whether anything in the query ranks: a word, phrase, prefix or NEAR not under NOT."""
    if isinstance(node, Term | Phrase | Prefix | Fuzzy | Near):
        return True
    if isinstance(node, And | Or):
        return any(_has_words(i) for i in node.items)
    return False


def _results(index: SearchIndex, searcher: tantivy.Searcher, store: Store,
             query: tantivy.Query | None,
             page: list[tuple[int, float | None]]) -> list[dict[str, Any]]:
    if not page:
        return []
    rows = store.page_rows([r for r, _ in page])
    snip = None
    if query is not None:
        snip = tantivy.SnippetGenerator.create(searcher, query, index.schema, "text")
        snip.set_max_num_chars(SNIPPET_CHARS)
    out = []
    for rowid, score in page:
        if rowid not in rows:
            continue  # deleted since the index was read
        id_, title, date, text = rows[rowid]
        out.append({"id": id_, "title": title, "date": date,
                    "snippet": _snippet(snip, text) if snip else _plain(text),
                    "score": score})
    return out


def _snippet(gen: tantivy.SnippetGenerator, text: str | None) -> str:
    if not text:
        return ""
    snippet = gen.snippet_from_doc(tantivy.Document(text=text))
    fragment = snippet.fragment()
    if not snippet.highlighted():
        return _plain(text)
    raw = fragment.encode()
    # Byte offsets into the fragment; the words of a phrase are marked as one.
    spans: list[list[int]] = []
    for h in snippet.highlighted():
        if spans and not raw[spans[-1][1]:h.start].strip():
            spans[-1][1] = h.end
        else:
            spans.append([h.start, h.end])
    parts, at = [], 0
    for start, end in spans:
        parts += [raw[at:start].decode(), MARK_OPEN, raw[start:end].decode(), MARK_CLOSE]
        at = end
    parts.append(raw[at:].decode())
    rng = snippet.fragment_range()
    body = " ".join("".join(parts).split())
    before = ELLIPSIS if rng.start > 0 else ""
    after = ELLIPSIS if rng.end < len(text.strip().encode()) else ""
    return before + body + after


def _plain(text: str | None) -> str:
    words = " ".join((text or "")[:2 * SNIPPET_CHARS].split())
    return words if len(words) < SNIPPET_CHARS - 1 else words.rsplit(" ", 1)[0] + ELLIPSIS
