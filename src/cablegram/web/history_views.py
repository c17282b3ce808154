"""The pages of a period, from `Archive.chronology`, `Archive.network` and `Archive.digest`.

Each page's data is the library's own dict (`as_dict()`) with a `url` added wherever it names
a document, a person or a search, so that the JSON twin is the library's answer, linked.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import networkx as nx

from cablegram.archive import Archive
from cablegram.web.params import Params
from cablegram.web.period import period
from cablegram.web.urls import person_url, quoted, record_url, search_url
from cablegram.web.views import Page

MAX_LISTED = 1000
NETWORK_NODES = 30
SVG_SIZE = 600
# On a phone the drawing is ~360 px wide: only the busiest names keep their label (the
# others keep their circle, its tooltip and link, and their row in the table below).
NETWORK_LABELS_NARROW = 12
_REGISTER_NODE = re.compile(r"\[(\d+)\]$")  # a linked person's node: "Rusk, Dean [107516]"


def chronology(archive: Archive, params: Params) -> Page:
    start, end = period(archive, params)
    found = archive.chronology(start, end, limit=MAX_LISTED).as_dict()
    days: list[dict[str, Any]] = []
    for d in found["documents"]:
        d["url"] = record_url(d["id"])
        if not days or days[-1]["date"] != d["day"]:
            days.append({"date": d["day"], "documents": []})
        days[-1]["documents"].append(d)
    data = {"from": start, "to": end, "total": found["total"], "counts": found["counts"],
            "days": days, "truncated": found["total"] > MAX_LISTED,
            "documents": len(found["documents"]),
            "more_url": search_url(f"date:{start}..{end}", sort="date")}
    return Page("chronology.html", f"Chronology {start} – {end}", data)


def _node_url(name: str) -> str:
    found = _REGISTER_NODE.search(name)
    return person_url(found.group(1)) if found else search_url(f"from:{quoted(name)}")


def network(archive: Archive, params: Params) -> Page:
    start, end = period(archive, params, days=31)
    by = params.choice("by", ("post", "person"), "post")
    found = archive.network(start, end, by=by).as_dict()
    degree: Counter[str] = Counter()
    for e in found["edges"]:
        degree[e["from"]] += e["documents"]
        degree[e["to"]] += e["documents"]
    top = [name for name, _ in degree.most_common(NETWORK_NODES)]
    keep = set(top)
    edges = [e for e in found["edges"] if e["from"] in keep and e["to"] in keep]
    data = {"from": start, "to": end, "by": by,
            "nodes": [{"name": n, "documents": degree[n], "url": _node_url(n)} for n in top],
            "edges": edges, "documents": sum(e["documents"] for e in found["edges"]),
            "correspondents": len(degree)}
    page = Page("network.html", f"Network {start} – {end}", data)
    page.extra = {"layout": layout(top, [(e["from"], e["to"], e["documents"]) for e in edges]),
                  "labels_narrow": NETWORK_LABELS_NARROW}
    return page


def layout(names: list[str], edges: list[tuple[str, str, int]],
           size: int = SVG_SIZE) -> dict[str, tuple[float, float]]:
    """Node positions by force (networkx's spring layout, seeded: the same graph is drawn
    the same way every time), spread over the drawing with a margin for the labels."""
    g: nx.Graph[str] = nx.Graph()
    g.add_nodes_from(names)
    for a, b, n in edges:
        g.add_edge(a, b, weight=n)
    if not names:
        return {}
    pos = nx.spring_layout(g, seed=17, weight=None)
    xs = _spread([float(x) for x, _ in pos.values()])
    ys = _spread([float(y) for _, y in pos.values()])
    margin = 40  # labels run toward the middle (network.html): a node needs little room
    return {n: (margin + x * (size - 2 * margin), margin + y * (size - 2 * margin))
            for n, x, y in zip(pos, xs, ys, strict=True)}


def _spread(values: list[float]) -> list[float]:
    """Coordinates into [0, 1]: half where force put them, half by their rank. A busy cluster
    opens up and a lone pair far away no longer squeezes the rest into the middle, while
    the order of the nodes along the axis stays as force found it."""
    lo, hi = min(values), max(values)
    order = sorted(range(len(values)), key=values.__getitem__)
    rank = [0.0] * len(values)
    for r, i in enumerate(order):
        rank[i] = r / (len(values) - 1) if len(values) > 1 else 0.5
    return [0.5 * ((v - lo) / (hi - lo) if hi > lo else 0.5) + 0.5 * rank[i]
            for i, v in enumerate(values)]


def digest(archive: Archive, params: Params) -> Page:
    start, end = period(archive, params)
    found = archive.digest(start, end).as_dict()
    for s in found["sections"]:
        for x in s["sentences"]:
            x["url"] = record_url(x["id"])
        s["documents"] = [{"id": d, "url": record_url(d)} for d in s["documents"]]
    for i in found["items"]:
        i["url"] = record_url(i["id"])
    found["pages"] = _catalog_pages(archive, start, end)
    return Page("digest.html", found["title"], found)


def _catalog_pages(archive: Archive, start: str, end: str) -> list[dict[str, Any]]:
    """The catalog pages (the seeds' digest pages) that overlap the period."""
    pages = []
    for c in archive.collections():
        if c.format != "catalog":
            continue
        for p in c.meta.get("pages") or []:
            lo, hi = p.get("date_from") or "", p.get("date_to") or ""
            if lo <= end and hi >= start:
                pages.append({"collection": c.id, "title": p.get("title"),
                              "date_from": lo, "date_to": hi})
    return pages
