"""The history tables made from the stored records, in one pass (`Archive.sync_history`)."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from cablegram.fields.telegram_cites import find_telegram_citations
from cablegram.history.posts import local_posts, normalize_correspondent
from cablegram.history.references import document_refs
from cablegram.history.telegram_refs import Citing, Telegram, resolve, resolve_reftel
from cablegram.store.base import HistoryDocRow, PersonEdgeRow, RefRow, Store


@dataclass(slots=True)
class _Doc:
    row: HistoryDocRow
    record: dict[str, Any]


@dataclass(slots=True)
class HistoryBuild:
    """What a rebuild made."""

    documents: int = 0
    person_edges: int = 0
    refs: dict[str, int] = field(default_factory=dict)  # "telegram resolved" -> n


def _place_days(docs: list[_Doc]) -> None:
    """Undated documents take the day of the nearest dated one before them in their
    collection (else after), marked inferred. Not in a catalog: its entries are in no order
    of time, and an entry only cited has no date to infer."""
    last: dict[str, str] = {}
    waiting: dict[str, list[int]] = defaultdict(list)
    for i, d in enumerate(docs):
        col = d.row.collection
        if d.record.get("format") == "catalog":
            continue
        if d.row.day is not None:
            for j in waiting.pop(col, []):
                docs[j].row = docs[j].row._replace(day=d.row.day)
            last[col] = d.row.day
        elif col in last:
            d.row = d.row._replace(day=last[col])
        else:
            waiting[col].append(i)


def _doc(n: int, rec: dict[str, Any], seq: int) -> _Doc:
    day = rec.get("date")
    inferred = 0
    if day is None:
        day = rec.get("date_not_before") or rec.get("date_not_after")
        inferred = 1
    tn = rec.get("telegram_number")
    row = HistoryDocRow(
        n, rec["id"], rec["collection"], seq, day, rec.get("time"), inferred,
        rec.get("doc_type"), rec.get("title") or "",
        normalize_correspondent(rec.get("from")), normalize_correspondent(rec.get("to")),
        tn.strip() if tn else None)
    return _Doc(row, rec)


def _surname(name: str) -> str:
    words = [w for w in name.replace(",", " ").split() if w[:1].isupper()]
    return words[-1] if words else name


def person_edges(n: int, rec: dict[str, Any], day: str | None) -> Iterator[PersonEdgeRow]:
    """Persons who wrote (named in the sender, or signing) to persons named in the recipient."""
    sender = rec.get("from") or ""
    recipient = rec.get("to") or ""
    signers = " ".join(s.get("name") or "" for s in rec.get("signers") or [])
    senders: list[str] = []
    recipients: list[str] = []
    for p in rec.get("persons") or []:
        name = p.get("name") or ""
        if not name:
            continue
        sn = _surname(name)
        node = f"{name} [{p['id']}]" if p.get("id") else name
        if sn in sender or sn in signers:
            senders.append(node)
        if sn in recipient:
            recipients.append(node)
    for s in dict.fromkeys(senders):
        for r in dict.fromkeys(recipients):
            if s != r:
                yield PersonEdgeRow(n, day, rec["collection"], s, r)


def build_rows(store: Store, on_progress: Callable[[int], None] | None = None) -> tuple[
        list[HistoryDocRow], list[PersonEdgeRow], list[RefRow]]:
    """Every history row of what `store` holds."""
    docs: list[_Doc] = []
    seqs: dict[str, int] = defaultdict(int)
    for n, raw in enumerate(store.iter_json()):
        rec = json.loads(raw)
        col = rec["collection"]
        docs.append(_doc(n, rec, seqs[col]))
        seqs[col] += 1
        if on_progress and n % 1000 == 0:
            on_progress(n)
    _place_days(docs)
    known = {d.row.id for d in docs}
    by_number: dict[str, list[Telegram]] = defaultdict(list)
    for d in docs:
        r = d.row
        if r.telegram_number:
            by_number[r.telegram_number].append(
                Telegram(r.id, r.telegram_number, r.day, r.sender_node, r.recipient_node))
    local = local_posts({n for d in docs for n in (d.row.sender_node, d.row.recipient_node)
                         if n is not None})
    edges: list[PersonEdgeRow] = []
    refs: list[RefRow] = []
    for d in docs:
        r, rec = d.row, d.record
        edges.extend(person_edges(r.rowid, rec, r.day))
        refs.extend(document_refs(r.id, rec.get("references") or [], known))
        src = Citing(r.id, r.day, r.sender_node, r.recipient_node)
        text = rec.get("text") or ""
        before: list[RefRow] = []
        for c in find_telegram_citations(text):
            if c.kind == "reftel" and c.text.lower() == "reftel":
                refs.append(resolve_reftel(c, src, before, text[:c.start]))
                continue
            ref = resolve(c, src, "text", by_number, local)
            if c.kind != "reftel":
                before.append(ref)
            refs.append(ref)
        for fn in rec.get("footnotes") or []:
            for c in find_telegram_citations(fn.get("text") or ""):
                refs.append(resolve(c, src, f"footnote {fn.get('n')}", by_number, local))
    return [d.row for d in docs], edges, refs


def rebuild(store: Store, on_progress: Callable[[int], None] | None = None) -> HistoryBuild:
    """Make the history tables again from the stored records."""
    mark = store.last_search_mark()
    docs, edges, refs = build_rows(store, on_progress)
    store.history.replace(docs, edges, refs, mark)
    counts: dict[str, int] = defaultdict(int)
    for ref in refs:
        counts[f"{ref.kind} {ref.status}"] += 1
    return HistoryBuild(len(docs), len(edges), dict(sorted(counts.items())))
