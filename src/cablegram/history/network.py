"""Who wrote to whom: edges from sender to recipient (posts, or linked persons) per period."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from cablegram.errors import CablegramError
from cablegram.store.base import HistoryStore

BY: tuple[str, ...] = ("post", "person")


@dataclass(slots=True)
class Edge:
    source: str
    target: str
    documents: int
    by_period: dict[str, int] = field(default_factory=dict)


@dataclass(slots=True)
class Network:
    lo: str
    hi: str
    by: str
    period: str
    edges: list[Edge] = field(default_factory=list)

    @property
    def nodes(self) -> list[str]:
        return sorted({n for e in self.edges for n in (e.source, e.target)})

    def as_dict(self) -> dict[str, Any]:
        return {
            "from": self.lo, "to": self.hi, "by": self.by, "period": self.period,
            "nodes": self.nodes,
            "edges": [{"from": e.source, "to": e.target, "documents": e.documents,
                       "by_period": e.by_period} for e in self.edges],
        }

    def graph(self) -> nx.DiGraph[str]:
        g: nx.DiGraph[str] = nx.DiGraph()
        for n in self.nodes:
            g.add_node(n, label=n)
        for e in self.edges:
            periods = ";".join(f"{p}:{n}" for p, n in e.by_period.items())
            g.add_edge(e.source, e.target, weight=e.documents, periods=periods)
        return g

    def graphml(self) -> str:
        """The network as GraphML (nodes labelled, edges weighted: opens in Gephi)."""
        out = io.BytesIO()
        nx.write_graphml(self.graph(), out, encoding="utf-8")
        return out.getvalue().decode("utf-8")


def network(history: HistoryStore, lo: str, hi: str, by: str = "post",
            collection: str | None = None, period: str = "month") -> Network:
    """The correspondence of [lo, hi]: one edge per (sender, recipient), counted per period."""
    if by not in BY:
        raise CablegramError(f"unknown network kind {by!r}: use {', '.join(BY)}")
    rows = (history.post_edges if by == "post" else history.person_edges)(
        lo, hi, collection, period)
    # One dict per edge, filled in bucket order (the rows come by bucket): a 30-year range by
    # month is ~13,000 rows, so nothing here is made per row but the sums.
    per: dict[tuple[str, str], dict[str, int]] = {}
    for bucket, s, t, n in rows:
        counts = per.get((s, t))
        if counts is None:
            counts = per[(s, t)] = {}
        counts[bucket] = counts.get(bucket, 0) + n
    edges = [Edge(s, t, sum(c.values()), c) for (s, t), c in per.items()]
    edges.sort(key=lambda e: (-e.documents, e.source, e.target))
    return Network(lo, hi, by, period, edges)
