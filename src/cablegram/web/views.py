"""The pages: each view reads the archive once and returns the data its page shows.

The same `Page.data` is the JSON twin and the template's context, so the two cannot differ.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote_plus

from cablegram.archive import Archive
from cablegram.errors import ParameterError, QueryError
from cablegram.record import Record
from cablegram.search.facets import ALL_FACETS
from cablegram.store.base import ListRow
from cablegram.web import citation
from cablegram.web.body import paragraphs, record_marks
from cablegram.web.headers import collection_header
from cablegram.web.params import Params, check_id
from cablegram.web.search_cache import search_with_facets
from cablegram.web.urls import collection_url, quoted, record_url, search_url

PAGE_SIZE = 20
SEARCH_PARAMS = ("q", "sort", "offset", "limit")
FACET_SHOWN = 12  # values listed per facet in the sidebar (counts are over every hit)
FACET_SIZES: dict[str, int | None] = {**dict.fromkeys(ALL_FACETS, FACET_SHOWN), "year": None}
MAX_PAGE_SIZE = 200
# A facet's value becomes this clause of the query (the language's field for it).
FACET_FIELDS = {"collection": "collection", "doc_type": "type", "classification": "class",
                "from": "from", "to": "to", "place": "place", "year": "date",
                "persons": "person"}


@dataclass(slots=True)
class Page:
    """What a view returns: a template, its data (also the JSON twin) and an HTTP status."""

    template: str
    title: str
    data: dict[str, Any]
    status: int = 200
    extra: dict[str, Any] = field(default_factory=dict)  # for the HTML only: derived views


def _row(r: ListRow) -> dict[str, Any]:
    return {"id": r.id, "number": r.number, "title": r.title, "date": r.date,
            "doc_type": r.doc_type, "from": r.sender, "to": r.recipient,
            "url": record_url(r.id)}


# -- home ---------------------------------------------------------------------------------


def home(archive: Archive, params: Params) -> Page:
    spans = archive.collection_spans()
    years = archive.year_counts()
    starts = [s.date_from for s in spans if s.date_from]
    ends = [s.date_to for s in spans if s.date_to]
    data = {
        "documents": sum(s.documents for s in spans),
        "date_from": min(starts, default=None), "date_to": max(ends, default=None),
        "collections": [{"id": s.id, "title": s.title, "format": s.format,
                         "documents": s.documents, "date_from": s.date_from,
                         "date_to": s.date_to, "url": collection_url(s.id)} for s in spans],
        "years": [{"year": y, "documents": n, "url": search_url(f"date:{y}", sort="date")}
                  for y, n in years],
    }
    return Page("home.html", "Archive", data)


# -- a collection ---------------------------------------------------------------------------


def collection(archive: Archive, params: Params, id: str) -> Page:
    col = archive.collection(check_id("collection", id))
    chapters: list[dict[str, Any]] = []
    for r in archive.toc(col.id):
        heading = [h for h in (r.compilation, r.chapter) if h]
        if not chapters or chapters[-1]["heading"] != heading:
            chapters.append({"heading": heading, "documents": []})
        chapters[-1]["documents"].append(_row(r))
    data = {"id": col.id, "title": col.title, "format": col.format, "meta": col.meta,
            "documents": sum(len(c["documents"]) for c in chapters),
            "url": collection_url(col.id), "chapters": chapters}
    return Page("collection.html", col.title or col.id, data)


# -- a document -----------------------------------------------------------------------------


def _record(archive: Archive, id: str) -> Record:
    return archive.get(id)


def _source_parts(record: Record) -> list[dict[str, str]]:
    s = record.source
    parts = [("Repository", s.repository), ("File", s.file), ("Drafted by", s.drafted_by),
             ("Cleared by", s.cleared_by), ("Approved by", s.approved_by),
             ("Classification", record.classification),
             ("Handling", ", ".join(record.handling) or None),
             ("Telegram", record.telegram_number)]
    return [{"label": k, "value": v} for k, v in parts if v]


def _link(id: str | None) -> dict[str, Any] | None:
    return None if id is None else {"id": id, "url": record_url(id)}


def document(archive: Archive, params: Params, collection_id: str, doc: str,
             base: str) -> Page:
    check_id("collection", collection_id)
    check_id("document", doc)
    record = _record(archive, f"{collection_id}/{doc}")
    return _reader(archive, record, base)


def _reader(archive: Archive, record: Record, base: str) -> Page:
    col = collection_header(archive, record.collection)
    cited = citation.cited(record, col, base)
    url = record_url(record.id)
    neighbours = archive.neighbours(record.id)
    data = {
        "record": record.to_dict(),
        "url": url,
        "collection": {"id": col.id, "title": col.title, "url": collection_url(col.id)},
        "chapter": [h for h in (record.extra.get("compilation"), record.extra.get("chapter"))
                    if isinstance(h, str) and h],
        "source_parts": _source_parts(record),
        "neighbours": {k: _link(v) for k, v in neighbours.items()},
        "cited_by": _backlinks(archive, record.id),
        "citation": {"chicago": citation.chicago(cited), "csl": citation.csl_json(cited),
                     "bibtex_url": url + ".bib", "ris_url": url + ".ris",
                     "csl_url": url + ".csl.json"},
    }
    page = Page("document.html", record.title or record.id, data)
    # References linked where the archive resolved them (telegrams too), wherever their
    # text stands: a reference taken from markup is not told apart from one in a note.
    resolved = [(ref.text, ref.target_id)
                for ref in archive.refs(src_id=record.id, status="resolved")
                if ref.target_id and ref.target_id != record.id]
    notes = [(fn.n, paragraphs(fn.text, record_marks(record, fn.text, resolved)))
             for fn in record.footnotes]
    page.extra = {"cited": cited, "meta": citation.highwire(cited),
                  "body": paragraphs(record.text, record_marks(record, None, resolved)),
                  "notes": notes,
                  "margin": margin_pages(record)}
    return page


def _backlinks(archive: Archive, id: str) -> list[dict[str, Any]]:
    """The documents whose resolved references point here, each once, in citing order."""
    seen: dict[str, dict[str, Any]] = {}
    # `refs`, not `backlinks`: the record is read already (backlinks reads it to know it).
    for ref in archive.refs(status="resolved", target_id=id):
        if ref.src_id != id and ref.src_id not in seen:
            seen[ref.src_id] = {"id": ref.src_id, "text": ref.text, "where": ref.location,
                                "url": record_url(ref.src_id)}
    return list(seen.values())


def margin_pages(record: Record) -> list[list[str]]:
    """For each paragraph the reader shows, the printed pages that begin beside it.

    From `extra["paragraph_pages"]` (one list per paragraph of the text, blank ones
    included); a page is shown once, where it first appears. Empty when the record does not
    know its pages or they do not match its paragraphs.
    """
    known = record.extra.get("paragraph_pages")
    raw = record.text.split("\n\n")
    if not isinstance(known, list) or len(known) != len(raw):
        return []
    shown: set[str] = set()
    out: list[list[str]] = []
    for para, pages in zip(raw, known, strict=True):
        fresh = [str(n) for n in pages if str(n) not in shown] \
            if isinstance(pages, list) else []
        shown.update(fresh)
        if para:  # `paragraphs` drops an empty paragraph: so does the margin
            out.append(fresh)
    return out


def citation_file(archive: Archive, collection_id: str, doc: str, fmt: str,
                  base: str) -> tuple[str, str]:
    """(media type, text) of a citation download: bib, ris or csl.json."""
    import json

    check_id("collection", collection_id)
    check_id("document", doc)
    record = _record(archive, f"{collection_id}/{doc}")
    cited = citation.cited(record, collection_header(archive, record.collection), base)
    if fmt == "bib":
        return "application/x-bibtex; charset=utf-8", citation.bibtex(cited)
    if fmt == "ris":
        return "application/x-research-info-systems; charset=utf-8", citation.ris(cited)
    return ("application/vnd.citationstyles.csl+json; charset=utf-8",
            json.dumps([citation.csl_json(cited)], ensure_ascii=False, indent=2) + "\n")


# -- a catalog item -------------------------------------------------------------------------


def item(archive: Archive, params: Params, id: str, base: str) -> Page:
    record = _record(archive, check_id("item", id))
    page = _reader(archive, record, base)
    extra = record.extra
    page.data["cited_in"] = [c for c in extra.get("cited_in") or [] if isinstance(c, dict)]
    page.data["listed_in"] = [c for c in extra.get("listed_in") or [] if isinstance(c, dict)]
    page.template = "item.html"
    return page


# -- search ---------------------------------------------------------------------------------


def _facet_links(q: str, name: str, values: list[list[object]]) -> list[dict[str, Any]]:
    # Percent-encoding works character by character: the query's part is encoded once for
    # every value of every facet (a page has up to 180 such links).
    prefix = "/search?q=" + quote_plus(q.strip() + " ")
    field = FACET_FIELDS[name]
    out = []
    # A value, its count, and for persons the register's name (None when unknown).
    for value, count, *named in values:
        clause = None if value is None else f"{field}:{quoted(str(value))}"
        out.append({"value": value, "count": count,
                    "label": named[0] if named and named[0] else value,
                    "url": prefix + quote_plus(clause) if clause else None,
                    "selected": clause is not None and clause in q})
    return out


@dataclass(slots=True)
class Sidebar:
    """What a query's counts show: facet links, years, and their HTML once rendered."""

    facets: dict[str, list[dict[str, Any]]]
    years: list[dict[str, Any]]
    html: dict[str, Any] = field(default_factory=dict)  # part name -> Markup (filters.kept)


def _sidebar(q: str, facets: dict[str, Any]) -> Sidebar:
    """The facet links and the year histogram of a query's counts (kept per query)."""
    links = {name: _facet_links(q, name, values)
             for name, values in facets.items() if name != "year"}
    prefix = "/search?q=" + quote_plus(q.strip() + " date:")
    years = sorted(({"year": v[0], "documents": v[1], "url": f"{prefix}{v[0]}"}
                    for v in facets["year"] if v[0] is not None), key=lambda y: y["year"])
    return Sidebar(links, years)


def search(archive: Archive, params: Params) -> Page:
    q = params.text("q", max_chars=1 << 20)  # the library says what is too long
    sort = params.choice("sort", ("relevance", "date"), "relevance")
    offset = params.number("offset", 0)
    limit = params.number("limit", PAGE_SIZE)
    data: dict[str, Any] = {"q": q, "sort": sort, "offset": offset, "limit": limit,
                            "total": 0, "results": [], "facets": {}, "years": [],
                            "error": None}
    if limit > MAX_PAGE_SIZE:
        # A page is what one screen shows; beyond it, paging (which has no cap) goes on.
        raise ParameterError("limit", f"at most {MAX_PAGE_SIZE} results a page (got {limit})")
    if not q.strip():
        return Page("search.html", "Search", data)
    try:
        # Every year for the histogram; the sidebar's facets list their top values.
        out, sidebar = search_with_facets(archive, q, sort, limit, offset, FACET_SIZES,
                                          _sidebar)
    except QueryError as e:
        data["error"] = {"status": 400, "kind": "query", "message": str(e),
                         "position": e.pos, "reason": e.reason,
                         "before": q[:e.pos], "after": q[e.pos:]}
        return Page("search.html", "Search", data, status=400)
    data["total"] = out["total"]
    data["results"] = [{**r, "url": record_url(r["id"])} for r in out["results"]]
    data["facets"], data["years"] = sidebar.facets, sidebar.years
    nxt = offset + limit
    keep = {"sort": None if sort == "relevance" else sort,
            "limit": None if limit == PAGE_SIZE else limit}
    data["next_url"] = search_url(q, **keep, offset=nxt) if nxt < out["total"] else None
    data["prev_url"] = (search_url(q, **keep, offset=max(0, offset - limit))
                        if offset > 0 else None)
    page = Page("search.html", f"Search: {q}", data)
    page.extra = {"sidebar": sidebar.html}
    return page
