"""The people pages: the volumes' persons lists, a register person, a volume's entry.

`/people/107327` is a person of the register (`Archive.person`: names, appointments,
documents, correspondents, co-mentions); `/people/{collection}:{xml_id}` an entry of a
volume's persons list, with the documents of the volume that name them.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlencode
from weakref import WeakKeyDictionary

from cablegram.archive import Archive
from cablegram.errors import CablegramError, NotFound, QueryError
from cablegram.web.params import Params, check_id
from cablegram.web.urls import collection_url, person_url, quoted, record_url, search_url
from cablegram.web.views import Page

PEOPLE_PAGE = 100
DOCUMENTS_SHOWN = 200  # of each list (sent, received, mentioned); totals are exact
CORRESPONDENTS = 30
_REGISTER_NODE = re.compile(r"^(.*) \[(\d+)\]$")  # "Rusk, Dean [107516]"


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
    if id.isdigit():
        return register_person(archive, id)
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


# -- a person of the register ---------------------------------------------------------------


def register_person(archive: Archive, id: str) -> Page:
    """A register person: names, roles over time, documents, correspondents, co-mentions."""
    try:
        report = archive.person(id)
    except NotFound:
        raise
    except CablegramError:
        raise NotFound("person", id) from None  # an archive stored without a register
    data = report.to_dict()
    for key in ("sent", "received", "mentioned"):
        docs = data[key]
        data[key] = {"total": len(docs), "documents": [
            {**d, "url": record_url(d["id"])} for d in docs[:DOCUMENTS_SHOWN]],
            "more_url": search_url(f"person:{id}", sort="date") if key == "mentioned" else None}
    for c in data["co_mentioned"]:
        c["url"] = person_url(c["id"])
    days = sorted(d.date[:10] for d in (*report.sent, *report.received) if d.date)
    data["correspondents"] = _correspondents(archive, id, days[0], days[-1]) if days else []
    data["url"] = person_url(id)
    return Page("register_person.html", report.name, data)


def _correspondents(archive: Archive, id: str, lo: str, hi: str) -> list[dict[str, Any]]:
    """The persons this one wrote to or heard from (the network of linked persons)."""
    counts: dict[tuple[str, str], list[int]] = {}
    for e in archive.network(lo, hi, by="person", period="year").edges:
        for me, other, way in ((e.source, e.target, 0), (e.target, e.source, 1)):
            mine = _REGISTER_NODE.match(me)
            if mine and mine.group(2) == id:
                found = _REGISTER_NODE.match(other)
                key = (found.group(1), found.group(2)) if found else (other, "")
                counts.setdefault(key, [0, 0])[way] += e.documents
    ranked = sorted(counts.items(), key=lambda kv: (-sum(kv[1]), kv[0]))[:CORRESPONDENTS]
    return [{"name": name, "id": pid or None, "url": person_url(pid) if pid else None,
             "to": n[0], "from": n[1]} for (name, pid), n in ranked]
