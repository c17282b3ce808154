"""Pages that later work fills in: people, chronology, network, digest.

Each shows what the archive holds now (the volumes' persons lists, documents by day, the
senders and recipients of a period, the catalog's digest pages) in the shape the later work
will keep, so that its data only adds to what these pages show.
"""

from __future__ import annotations

import math
from collections import Counter
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlencode
from weakref import WeakKeyDictionary

from cablegram.archive import Archive
from cablegram.errors import NotFound, ParameterError, QueryError
from cablegram.web.params import Params, check_id
from cablegram.web.urls import collection_url, person_url, quoted, record_url, search_url
from cablegram.web.views import Page

PEOPLE_PAGE = 100
MAX_DAYS = 366
MAX_LISTED = 1000
NETWORK_NODES = 30


# -- people ---------------------------------------------------------------------------------


# Every volume's persons list, read once per archive: it does not change under a read-only
# server. Weak keys: an archive closed and dropped takes its list with it.
_PEOPLE: WeakKeyDictionary[Archive, list[dict[str, Any]]] = WeakKeyDictionary()


def _people(archive: Archive) -> list[dict[str, Any]]:
    found = _PEOPLE.get(archive)
    if found is None:
        found = []
        for c in archive.collections():
            for p in archive.collection(c.id).persons:
                id = f"{c.id}:{p.xml_id}"
                found.append({"id": id, "name": p.name, "description": p.description,
                              "collection": c.id, "url": person_url(id)})
        found.sort(key=lambda p: (p["name"].casefold(), p["id"]))
        _PEOPLE[archive] = found
    return found


def people(archive: Archive, params: Params) -> Page:
    q = params.text("q", max_chars=200).strip()
    offset = params.number("offset", 0)
    everyone = _people(archive)
    found = [p for p in everyone if q.casefold() in p["name"].casefold()] if q else everyone
    shown = found[offset:offset + PEOPLE_PAGE]
    nxt = offset + PEOPLE_PAGE
    data = {"q": q, "total": len(found), "offset": offset, "people": shown,
            "next_url": "/people?" + urlencode({"q": q, "offset": nxt})
            if nxt < len(found) else None}
    return Page("people.html", "People", data)


def _surname(name: str) -> str:
    return name.split(",")[0].strip()


def person(archive: Archive, params: Params, id: str) -> Page:
    check_id("person", id)
    col_id, _, xml_id = id.partition(":")
    col = archive.collection(col_id) if xml_id else None
    entry = next((p for p in col.persons if p.xml_id == xml_id), None) if col else None
    if col is None or entry is None:
        raise NotFound("person", id)
    same = [p for p in _people(archive) if p["name"] == entry.name and p["id"] != id]
    surname = _surname(entry.name)
    phrase = '"' + surname.replace('"', " ") + '"'
    query = f"collection:{quoted(col.id)} {phrase}" if surname.strip('" ') else ""
    mentions: dict[str, Any] = {"query": query, "url": search_url(query), "total": 0,
                                "documents": [], "error": None}
    if query:
        try:
            out = archive.search(query, limit=20, sort="date", sync=False)
            mentions["total"] = out["total"]
            mentions["documents"] = [{"id": r["id"], "title": r["title"], "date": r["date"],
                                      "url": record_url(r["id"])} for r in out["results"]]
        except QueryError as e:
            # A name the query language cannot say: the entry is shown all the same.
            mentions["error"] = str(e)
    data = {"id": id, "name": entry.name, "description": entry.description,
            "collection": {"id": col.id, "title": col.title, "url": collection_url(col.id)},
            "same_name": same, "mentions": mentions,
            # Filled once people are linked (issue: linker): roles by date, correspondents.
            "roles": [], "correspondents": []}
    return Page("person.html", entry.name, data)


# -- a period -------------------------------------------------------------------------------


def _period(archive: Archive, params: Params, days: int = 7) -> tuple[str, str]:
    start, end = params.day("from"), params.day("to")
    if start is None and end is None:
        # No period asked for: the last week that has documents.
        spans = archive.collection_spans()
        last = max((s.date_to for s in spans if s.date_to and len(s.date_to) == 10),
                   default=date.today().isoformat())
        end = last
    if start is None:
        start = (date.fromisoformat(end or "") - timedelta(days=days - 1)).isoformat()
    if end is None:
        end = (date.fromisoformat(start) + timedelta(days=days - 1)).isoformat()
    if end < start:
        raise ParameterError("to", f"{end} is before from={start}")
    if (date.fromisoformat(end) - date.fromisoformat(start)).days >= MAX_DAYS:
        raise ParameterError("to", f"a period is at most {MAX_DAYS} days")
    return start, end


def _listed(r: Any) -> dict[str, Any]:
    return {"id": r.id, "collection": r.collection, "title": r.title, "date": r.date,
            "doc_type": r.doc_type, "from": r.sender, "to": r.recipient,
            "url": record_url(r.id)}


def chronology(archive: Archive, params: Params) -> Page:
    start, end = _period(archive, params)
    rows = archive.by_day(start, end, MAX_LISTED + 1)
    days: list[dict[str, Any]] = []
    for r in rows[:MAX_LISTED]:
        if not days or days[-1]["date"] != r.date:
            days.append({"date": r.date, "documents": []})
        days[-1]["documents"].append(_listed(r))
    data = {"from": start, "to": end, "days": days, "truncated": len(rows) > MAX_LISTED,
            "documents": min(len(rows), MAX_LISTED),
            "more_url": search_url(f"date:{start}..{end}", sort="date")}
    return Page("chronology.html", f"Chronology {start} – {end}", data)


def network(archive: Archive, params: Params) -> Page:
    start, end = _period(archive, params, days=31)
    rows = archive.by_day(start, end, 20_000)
    pairs = Counter((r.sender, r.recipient) for r in rows if r.sender and r.recipient)
    degree: Counter[str] = Counter()
    for (a, b), n in pairs.items():
        degree[a] += n
        degree[b] += n
    top = [name for name, _ in degree.most_common(NETWORK_NODES)]
    nodes = [{"name": n, "documents": degree[n], "url": search_url(f"from:{quoted(n)}")}
             for n in top]
    keep = set(top)
    edges = [{"from": a, "to": b, "documents": n} for (a, b), n in pairs.most_common()
             if a in keep and b in keep]
    data = {"from": start, "to": end, "nodes": nodes, "edges": edges,
            "documents": len(rows)}
    page = Page("network.html", f"Network {start} – {end}", data)
    page.extra = {"layout": _circle(top)}
    return page


def _circle(names: list[str], size: int = 600) -> dict[str, tuple[float, float]]:
    """Node positions on a circle (the drawing library of the network work replaces it)."""
    r = size / 2 - 110
    n = max(len(names), 1)
    return {name: (size / 2 + r * math.cos(2 * math.pi * i / n),
                   size / 2 + r * math.sin(2 * math.pi * i / n))
            for i, name in enumerate(names)}


def digest(archive: Archive, params: Params) -> Page:
    start, end = _period(archive, params)
    pages = []
    for c in archive.collections():
        if c.format != "catalog":
            continue
        for p in c.meta.get("pages") or []:
            lo, hi = p.get("date_from") or "", p.get("date_to") or ""
            if lo <= end and hi >= start:
                pages.append({"collection": c.id, "title": p.get("title"),
                              "date_from": lo, "date_to": hi})
    rows = archive.by_day(start, end, MAX_LISTED)
    catalogs = {p["collection"] for p in pages}
    items = [_listed(r) for r in rows if r.collection in catalogs]
    counts = Counter(r.collection for r in rows)
    data = {"from": start, "to": end, "pages": pages, "items": items,
            "by_collection": [{"id": c, "documents": n, "url": collection_url(c)}
                              for c, n in counts.most_common()],
            # Filled by the digest work: a written summary of the period.
            "summary": None}
    return Page("digest.html", f"Digest {start} – {end}", data)
