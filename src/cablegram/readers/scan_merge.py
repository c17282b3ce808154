"""A scan and its catalog entry as one document (docs/scans.md, "Merging").

A merged record is the catalog's record with the scan's text, pages and words, and
`extra["scan"]` holding what the scan's header said. Fields the catalog leaves empty
(classification, time, references) are filled from the header and named in
`extra["scan"]["filled"]`; fields where the two disagree keep the catalog's value and get a
`scan-disagrees: FIELD 'catalog' vs 'scan'` flag. Because a merged record can be split back
into its catalog part and its scan part (`split`), either ingest order gives the same result.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from typing import Any

from cablegram.record import Batch, Collection, Record, Reference

DISAGREES = "scan-disagrees"
SCAN_FLAGS = (DISAGREES, "low-ocr-confidence", "classification-differs-at-bottom",
              "possible-scan-of")
# Compared between catalog and header; the codes, not the names, for the posts.
_COMPARED = (("from_code", "from_code"), ("to_code", "to_code"), ("date", "date"),
             ("telegram_number", "telegram_number"))
_FILLABLE = ("classification", "time")


def _scan(rec: Record) -> dict[str, Any] | None:
    s = rec.extra.get("scan")
    return s if isinstance(s, dict) else None


def is_scan_only(rec: Record) -> bool:
    return rec.format == "scan"


def scan_part(rec: Record) -> Record | None:
    """The scan-only record within `rec` (itself when it is one), or None."""
    s = _scan(rec)
    if s is None:
        return None
    if is_scan_only(rec):
        return copy.deepcopy(rec)
    f = s.get("fields", {})
    out = Record(id=rec.id, collection=rec.collection, doc_type="telegram", text=rec.text,
                 format="scan", origin=s.get("file"),
                 references=[Reference(text=r) for r in f.get("refs", [])])
    for name in ("sender", "recipient", "date", "time", "telegram_number", "classification",
                 "title"):
        setattr(out, name, f.get(name))
    out.date_not_before = out.date_not_after = out.date
    out.flags = [x for x in rec.flags if x.startswith(SCAN_FLAGS) and not x.startswith(DISAGREES)]
    scan = {k: v for k, v in s.items() if k != "filled"}
    out.extra = {"pages": rec.extra.get("pages", []), "words": rec.extra.get("words", []),
                 "scan": scan}
    return out


def catalog_part(rec: Record) -> Record | None:
    """`rec` without its scan: the catalog's record as it was, or None for a scan-only one."""
    s = _scan(rec)
    if s is None:
        return rec
    if is_scan_only(rec):
        return None
    out = copy.deepcopy(rec)
    for name in s.get("filled", []):
        setattr(out, name, [] if name == "references" else None)
    out.text = ""
    out.flags = [x for x in out.flags if not x.startswith(SCAN_FLAGS)]
    for key in ("pages", "words", "scan"):
        out.extra.pop(key, None)
    return out


def apply_scan(base: Record | None, scan: Record) -> Record:
    """The catalog record `base` with the scan's text (or the scan alone). Pure."""
    if base is None:
        return copy.deepcopy(scan)
    s = copy.deepcopy(_scan(scan) or {})
    f = s.get("fields", {})
    out = copy.deepcopy(base)
    out.text = scan.text
    filled = []
    for name in _FILLABLE:
        if getattr(out, name) is None and f.get(name) is not None:
            setattr(out, name, f[name])
            filled.append(name)
    if not out.references and scan.references:
        out.references = copy.deepcopy(scan.references)
        filled.append("references")
    for mine, theirs in _COMPARED:
        a = out.extra.get(mine) if mine.endswith("_code") else getattr(out, mine)
        b = f.get(theirs)
        if a and b and str(a).upper() != str(b).upper():
            out.flags.append(f"{DISAGREES}: {mine} {a!r} vs {b!r}")
    out.flags += [x for x in scan.flags if x not in out.flags]
    s["filled"] = filled
    out.extra["pages"] = scan.extra.get("pages", [])
    out.extra["words"] = scan.extra.get("words", [])
    out.extra["scan"] = s
    return out


def _key(rec: Record) -> tuple[str, str, str] | None:
    code = rec.extra.get("from_code")
    if rec.date and rec.telegram_number and code:
        return (str(code).upper(), rec.date, rec.telegram_number)
    return None


def _scan_key(scan: Record) -> tuple[str, str, str] | None:
    f = (_scan(scan) or {}).get("fields", {})
    if f.get("from_code") and f.get("date") and f.get("telegram_number"):
        return (str(f["from_code"]).upper(), f["date"], f["telegram_number"])
    return None


def find_entry(scan: Record, records: Iterable[Record]) -> tuple[Record | None, list[str]]:
    """The catalog record a scan belongs to: same id, else the one of the same post, date
    and number. Returns (record or None, the ids that tie when several match)."""
    key = _scan_key(scan)
    by_key = []
    for rec in records:
        if rec.id == scan.id:
            return rec, []
        if key is not None and catalog_part(rec) is not None and _key(rec) == key:
            by_key.append(rec)
    if len(by_key) == 1:
        return by_key[0], []
    return None, sorted(r.id for r in by_key)


def better(new: Record, old: Record) -> bool:
    """Whether a scan should replace another of the same item: a surer reading (or the same
    file read again)."""
    a, b = _scan(new) or {}, _scan(old) or {}
    if a.get("file") == b.get("file"):
        return True
    return float(a.get("confidence", 0)) >= float(b.get("confidence", 0))


def join_scan(batch: Batch, stored: Collection | None, existing: list[Record],
              warnings: list[str]) -> Batch:
    """What to store for a scan batch given its target collection's stored records.

    `existing` is the collection the scan merges into (the one holding its entry, found by
    `find_entry`, or its own); the result is that whole collection.
    """
    records = list(existing)
    for scan in batch.records:
        entry, ties = find_entry(scan, records)
        if ties:
            scan = flag_ties(scan, ties, warnings)
        if entry is None:
            records = [r for r in records if r.id != scan.id] + [scan]
            continue
        old = scan_part(entry)
        if old is not None and not better(scan, old):
            warnings.append(f"{entry.id}: a scan read with more confidence is stored already "
                            f"({(_scan(old) or {}).get('file')}): kept")
            continue
        merged = apply_scan(catalog_part(entry), _renamed(scan, entry))
        records = [merged if r.id == entry.id else r for r in records]
    col = stored or batch.collection
    return Batch(Collection(id=col.id, title=col.title, format=col.format,
                            meta=copy.deepcopy(col.meta)), records, list(batch.warnings))


def flag_ties(scan: Record, ties: list[str], warnings: list[str]) -> Record:
    """A scan whose post, date and number match several items: not guessed, but flagged."""
    out = copy.deepcopy(scan)
    note = f"possible-scan-of: {', '.join(ties)}"
    if note not in out.flags:
        out.flags.append(note)
        warnings.append(f"{scan.id}: its post, date and number match {len(ties)} catalog "
                        f"items ({', '.join(ties)}): kept as its own document")
    return out


def _renamed(scan: Record, entry: Record) -> Record:
    if scan.id == entry.id:
        return scan
    out = copy.deepcopy(scan)
    out.id, out.collection = entry.id, entry.collection
    return out


def rejoin_catalog(merged: Batch, before: Iterable[Record]) -> Batch:
    """After a catalog page is merged: put back the scans the stored records had."""
    scans = {r.id: p for r in before if (p := scan_part(r)) is not None}
    out: list[Record] = []
    for rec in merged.records:
        scan = scans.pop(rec.id, None)
        out.append(apply_scan(rec, scan) if scan is not None else rec)
    # Scans of items the catalog does not list stay documents of their own.
    for scan in scans.values():
        entry, _ = find_entry(scan, out)
        if entry is not None and scan_part(entry) is None:
            out = [apply_scan(r, _renamed(scan, r)) if r is entry else r for r in out]
        else:
            out.append(scan)
    return Batch(merged.collection, out, list(merged.warnings))


def catalog_records(existing: Iterable[Record]) -> list[Record]:
    """The stored records as the catalog merge must see them: without their scans."""
    return [c for r in existing if (c := catalog_part(r)) is not None]
