"""A digest page for a date range: themed sections of sentences taken verbatim from the
documents, each citing its document, and the item table of every document of the range.

Extractive only (docs/history.md): documents are grouped into themes by k-means over their
TF-IDF vectors; in each theme, sentences are chosen by maximal marginal relevance (MMR) — close
to the theme's centroid, unlike the sentences already chosen — and printed in time order.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np

from cablegram.record import Record
from cablegram.store.base import HistoryDocRow

# MMR's balance of relevance against redundancy (1: relevance only).
MMR_LAMBDA = 0.7
MAX_THEMES = 6
SENTENCE_MIN, SENTENCE_MAX = 40, 400
_SENTENCE_END = re.compile(r"(?<=[.!?])(?P<close>[\"”’)]?)\s+(?=[A-Z“\"(])")
_LINE = re.compile(r"[^\n]+")  # a paragraph, or a line of a list or table
EXCLUDED_TYPES = frozenset({"catalog-page"})


@dataclass(slots=True)
class Sentence:
    """A sentence of a document, as printed: `text` is a slice of its text or a footnote."""

    text: str
    doc_id: str
    where: str  # text | footnote N
    order: tuple[str, str, int, int]  # day, time, document position, offset


@dataclass(slots=True)
class Section:
    title: str
    sentences: list[Sentence] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Item:
    """A row of the item table: Item | Date | From | To | Number."""

    item: str
    date: str
    sender: str
    recipient: str
    number: str
    id: str

    def cells(self) -> list[str]:
        return [self.item, self.date, self.sender, self.recipient, self.number]


@dataclass(slots=True)
class Digest:
    lo: str
    hi: str
    title: str
    sections: list[Section] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "from": self.lo, "to": self.hi, "title": self.title,
            "sections": [{"title": s.title, "documents": s.documents,
                          "sentences": [{"text": x.text, "id": x.doc_id, "where": x.where}
                                        for x in s.sentences]} for s in self.sections],
            "items": [dict(zip(("item", "date", "from", "to", "number"), i.cells(),
                               strict=True)) | {"id": i.id} for i in self.items],
        }

    def markdown(self) -> str:
        out = [f"# {self.title}", ""]
        for s in self.sections:
            out += [f"## {s.title}", ""]
            out.append(" ".join(f"{x.text} ({x.doc_id})" for x in s.sentences))
            out.append("")
        out.append("Item | Date | From | To | Number |")
        out += [" | ".join(i.cells()) + " |" for i in self.items]
        return "\n".join(out) + "\n"

    def html(self) -> str:
        e = html.escape
        out = ["<!doctype html>", f"<html><head><meta charset=\"utf-8\"><title>{e(self.title)}"
               "</title></head><body>", f"<h1>{e(self.title)}</h1>"]
        for s in self.sections:
            out.append(f"<h2>{e(s.title)}</h2>")
            out.append("<p>" + " ".join(f"{e(x.text)} ({e(x.doc_id)})" for x in s.sentences)
                       + "</p>")
        out.append("<table><thead><tr><th>Item</th><th>Date</th><th>From</th><th>To</th>"
                   "<th>Number</th></tr></thead><tbody>")
        for i in self.items:
            out.append("<tr>" + "".join(f"<td>{e(c)}</td>" for c in i.cells()) + "</tr>")
        out.append("</tbody></table></body></html>")
        return "\n".join(out) + "\n"


def range_title(lo: str, hi: str) -> str:
    """"November 20 - November 21, 1962", as the seed pages title their range."""
    a, b = date.fromisoformat(lo), date.fromisoformat(hi)
    if a == b:
        return f"{a:%B} {a.day}, {a.year}"
    if a.year == b.year:
        return f"{a:%B} {a.day} - {b:%B} {b.day}, {b.year}"
    return f"{a:%B} {a.day}, {a.year} - {b:%B} {b.day}, {b.year}"


def item_row(rec: Record, day: str | None) -> Item:
    """A catalog entry's row as its page prints it; any other record's from its fields."""
    x = rec.extra
    return Item(str(x.get("file") or rec.id), str(x.get("date_printed") or rec.date or day or ""),
                str(x.get("from_code") or rec.sender or ""),
                str(x.get("to_code") or rec.recipient or ""), rec.telegram_number or "", rec.id)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of `text`: slices, so that each is verbatim."""
    spans: list[tuple[int, int]] = []
    for line in _LINE.finditer(text):
        start, s = line.start(), 0
        for m in _SENTENCE_END.finditer(line[0]):
            spans.append((start + s, start + m.start() + len(m["close"])))
            s = m.end()
        spans.append((start + s, line.end()))
    return [(a, b) for a, b in ((a, _rstrip(text, a, b)) for a, b in spans) if b > a]


def _rstrip(text: str, a: int, b: int) -> int:
    while b > a and text[b - 1].isspace():
        b -= 1
    return b


def _sentences(rec: Record, row: HistoryDocRow, pos: int) -> list[Sentence]:
    out: list[Sentence] = []
    day, time = row.day or "", row.time or ""
    parts = [("text", rec.text)] + [(f"footnote {f.n}", f.text) for f in rec.footnotes]
    for k, (where, text) in enumerate(parts):
        for a, b in split_sentences(text):
            s = text[a:b]
            if SENTENCE_MIN <= len(s) <= SENTENCE_MAX and any(c.islower() for c in s):
                out.append(Sentence(s, rec.id, where, (day, time, pos, k * 1_000_000 + a)))
    return out


def _mmr(vectors: Any, centroid: Any, k: int) -> list[int]:
    """Indices of `k` rows chosen by maximal marginal relevance to `centroid`."""
    relevance = (vectors @ centroid).ravel()
    sims = (vectors @ vectors.T).toarray() if hasattr(vectors, "toarray") else vectors @ vectors.T
    chosen: list[int] = []
    left = set(range(vectors.shape[0]))
    while left and len(chosen) < k:
        def score(i: int) -> float:
            redundancy = max((sims[i, j] for j in chosen), default=0.0)
            return float(MMR_LAMBDA * relevance[i] - (1 - MMR_LAMBDA) * redundancy)
        best = max(sorted(left), key=score)
        chosen.append(best)
        left.remove(best)
    return chosen


def digest(rows: list[HistoryDocRow], get: Callable[[str], Record], lo: str,
           hi: str) -> Digest:
    """The digest of the documents `rows` of [lo, hi] (chronology order)."""
    rows = [r for r in rows if r.doc_type not in EXCLUDED_TYPES]
    records = [get(r.id) for r in rows]
    page = Digest(lo, hi, range_title(lo, hi))
    day = {r.id: r.day or "" for r in rows}
    page.items = sorted((item_row(rec, r.day) for rec, r in zip(records, rows, strict=True)),
                        key=lambda i: (day[i.id], i.item))
    texts = [(i, rec) for i, rec in enumerate(records) if rec.text.strip()]
    if texts:
        page.sections = _themes(texts, rows)
    return page


def _themes(texts: list[tuple[int, Record]], rows: list[HistoryDocRow]) -> list[Section]:
    from sklearn.cluster import KMeans
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(stop_words="english", sublinear_tf=True, min_df=1,
                                 token_pattern=r"(?u)\b[A-Za-z][A-Za-z]{2,}\b")
    try:
        doc_vectors = vectorizer.fit_transform([rec.text for _, rec in texts])
    except ValueError:  # no word in any document (only numbers and stop words)
        return []
    n = len(texts)
    k = min(MAX_THEMES, max(1, round(math.sqrt(n / 2))), n)
    if k > 1:
        labels = KMeans(n_clusters=k, n_init=4, random_state=0).fit_predict(doc_vectors)
    else:
        labels = np.zeros(n, dtype=int)
    terms = vectorizer.get_feature_names_out()
    sections: list[tuple[tuple[str, str, int], Section]] = []
    for label in sorted(set(int(x) for x in labels)):
        members = [texts[i] for i in range(n) if labels[i] == label]
        centroid = np.asarray(doc_vectors[[i for i in range(n) if labels[i] == label]]
                              .mean(axis=0)).ravel()
        top = [str(terms[j]) for j in np.argsort(-centroid)[:3] if centroid[j] > 0]
        cands = [s for pos, rec in members for s in _sentences(rec, rows[pos], pos)]
        section = Section(", ".join(top).capitalize() or "Documents",
                          documents=[rec.id for _, rec in members])
        if cands:
            vecs = vectorizer.transform([s.text for s in cands])
            want = min(len(cands), 2 + len(members))
            chosen = _mmr(vecs, centroid, want)
            section.sentences = sorted((cands[i] for i in chosen), key=lambda s: s.order)
        first = min(((rows[pos].day or "", rows[pos].time or "", pos) for pos, _ in members))
        sections.append((first, section))
    return [s for _, s in sorted(sections, key=lambda t: t[0])]
