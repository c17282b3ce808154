"""Run a query on an archive's search index and return plain data."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import tantivy

from cablegram.errors import ParameterError, QueryError
from cablegram.search.compile import Compiler
from cablegram.search.facets import FACETS, PERSON_FACETS, FacetValues
from cablegram.search.index import SearchIndex
from cablegram.search.query import And, Fuzzy, Near, Node, Or, Phrase, Prefix, Term, parse
from cablegram.store.base import Store

SORTS: tuple[str, ...] = ("relevance", "date")
MARK_OPEN, MARK_CLOSE, ELLIPSIS = "«", "»", "…"
SNIPPET_CHARS = 160
FACET_SIZE = 30
# A query is typed by a person: a page of text is far beyond any real one, and a longer text
# only costs the server time (every word becomes a clause).
MAX_QUERY_CHARS = 4096


def check_paging(limit: object, offset: object) -> tuple[int, int]:
    """`limit` and `offset` as whole numbers ≥ 0, or ParameterError. There is no upper cap:
    the search clamps both to the index's size before tantivy allocates for them."""
    out = []
    for name, value in (("limit", limit), ("offset", offset)):
        if isinstance(value, bool) or not isinstance(value, int):
            raise ParameterError(name, f"must be a whole number, not {value!r}")
        if value < 0:
            raise ParameterError(name, f"must not be negative (got {value})")
        out.append(value)
    return out[0], out[1]


def check_query(query: str) -> str:
    """The query text, or QueryError when it is longer than MAX_QUERY_CHARS."""
    if len(query) > MAX_QUERY_CHARS:
        raise QueryError(MAX_QUERY_CHARS, f"the query is longer than {MAX_QUERY_CHARS} "
                         f"characters ({len(query)})")
    return query


def search(index: SearchIndex, store: Store, query: str | Node, *,
           facets: Sequence[str] | None = None, sort: str = "relevance",
           limit: int = 20, offset: int = 0,
           facet_size: int | Mapping[str, int | None] | None = FACET_SIZE,
           ) -> dict[str, Any]:
    """`{"total", "results": [{"id", "title", "date", "snippet", "score"}], "facets"}`.

    `index` must be in step with `store` (`SearchIndex.sync`). Raises QueryError for a
    malformed query, ParameterError for bad paging, sort or facets; any limit is honoured.
    """
    if sort not in SORTS:
        raise ParameterError("sort", f"unknown sort {sort!r}: use " + " or ".join(SORTS))
    limit, offset = check_paging(limit, offset)
    unknown = [f for f in facets or () if f not in FACETS]
    if unknown:
        raise ParameterError("facets", f"unknown facet {unknown[0]!r}: facets are "
                             + ", ".join(FACETS))
    node = parse(check_query(query)) if isinstance(query, str) else query
    searcher = index.searcher()
    # tantivy reserves room for offset + limit hits up front: a huge offset aborted the
    # process. No page lies beyond the index's size, so both are clamped to it.
    size = searcher.num_docs
    limit = min(limit, size)
    offset = min(offset, size)
    q = Compiler(index, searcher, store.person_ids_by_name).compile(node)
    ranked = _has_words(node)
    by_date = sort == "date" or not ranked
    order: dict[str, Any] = (
        {"order_by_field": "date_sort", "order": tantivy.Order.Asc} if by_date else {})
    found = searcher.search(q, max(limit, 1), count=True, offset=offset, **order)
    hits = found.hits[:limit]
    if not by_date and hits:
        hits = _ties_by_id(searcher, q, store, offset, limit)
    rowids = [int(r or 0) for r in
              searcher.fast_field_values("rowid", [addr for _, addr in hits])]
    # Ordered by date, a hit's key is its date_sort, not a score.
    scores = [None if by_date else float(s) for s, _ in hits]
    counts = {}
    if facets:
        # One size for every facet, or a size per facet (absent: FACET_SIZE).
        sizes = {f: facet_size.get(f, FACET_SIZE) if isinstance(facet_size, Mapping)
                 else facet_size for f in facets}
        spec = {f: FACETS[f].aggregation(sizes[f]) for f in facets}
        aggs = searcher.aggregate(q, spec)
        counts = {f: FACETS[f].facet_results(aggs[f]["buckets"], sizes[f]) for f in facets}
        for f in PERSON_FACETS.intersection(counts):
            counts[f] = _with_names(store, counts[f])
    results = _results(index, searcher, store, q if ranked else None,
                       list(zip(rowids, scores, strict=True)))
    if ranked:
        _add_scan_boxes(store, node, results)
    # SearchResult.count is missing from tantivy's type stubs.
    total: int = getattr(found, "count")  # noqa: B009
    return {"total": total, "results": results, "facets": counts}


def _ties_by_id(searcher: tantivy.Searcher, q: tantivy.Query, store: Store, offset: int,
                limit: int) -> list[tuple[float, Any]]:
    """The page of hits by score, equal scores by document id (the ties rule, docs/search.md).

    tantivy orders equal scores by where a document sits in the index, which differs
    between two indexes of the same documents (another backend, a rebuild). Every hit that
    ties with the page's last one is fetched, so that the rule holds across pages too.
    """
    want = offset + limit
    n = want + 1
    while True:
        hits = searcher.search(q, n).hits
        if len(hits) < n or hits[-1][0] < hits[want - 1][0]:
            break
        n *= 2
    rowids = [int(r or 0) for r in searcher.fast_field_values("rowid", [a for _, a in hits])]
    scores = [s for s, _ in hits]
    tied = [r for i, r in enumerate(rowids)
            if (i and scores[i - 1] == scores[i]) or (i + 1 < len(hits)
                                                      and scores[i + 1] == scores[i])]
    ids = {r: row.id for r, row in store.page_rows(tied).items()} if tied else {}
    order = sorted(range(len(hits)), key=lambda i: (-scores[i], ids.get(rowids[i], ""), i))
    return [hits[i] for i in order[offset:want]]


def _with_names(store: Store, values: FacetValues) -> FacetValues:
    """[id, count] -> [id, count, name] (None for an id the register does not know)."""
    names = store.person_names(str(v) for v, _ in values if v is not None)
    return [[v, n, names.get(str(v)) if v is not None else None] for v, n in values]


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
