"""Cable-catalog digest pages (the layout of the seeds `000_…` and `001_…`).

A page has a date-range title ("November 20 - November 21, 1962"), narrative paragraphs
(optionally under section titles) citing items by id ("(CDNW12467)"), and item tables
"Item | Date | From | To | Number" with pipes or with spaces.

Records made:
- one per listed item: id = item id ("CDNW12467"), collection = the id's letter prefix
  lowercased ("cdnw"), doc_type "telegram", from/to expanded through the post glossary
  (codes kept in extra["from_code"]/["to_code"]), extra["listed_in"], extra["cited_in"];
- one per item cited in a narrative but listed in no table of the batch: flags ["cited-only"];
- one for the page itself (doc_type "catalog-page", id "cdnw/page-1962-11-20_1962-11-21"):
  its narrative as text, sections in extra["sections"], its citations as references.
Several listings of one item (on one page or several) merge through `merge_records`.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cablegram.errors import FieldError, ReadError
from cablegram.fields import parse_date_text
from cablegram.readers.catalog_posts import load_glossary
from cablegram.readers.text_io import DecodeReport, iter_lines
from cablegram.record import Batch, Collection, Record, Reference

CITED_ONLY = "cited-only"
DUPLICATE = "possible-duplicate"
CONFLICT = "conflicting-listings"

_HEADER = re.compile(r"^Item\s*\|?\s*Date\s*\|?\s*From\s*\|?\s*To\s*\|?\s*Number\s*\|?\s*$", re.I)
_ITEM = re.compile(r"^([A-Z]{2,8})(\d{3,})(?:\.pdf)?$", re.I)
_CITE = re.compile(r"\b([A-Z]{2,8}\d{4,})\b")
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_RANGE = re.compile(
    rf"^((?:{_MONTHS})\s+\d{{1,2}}(?:,\s*\d{{4}})?)\s*[-–—]\s*((?:{_MONTHS})\s+\d{{1,2}},\s*\d{{4}})$"
)


@dataclass(slots=True)
class Listing:
    item: str
    file: str
    date: str
    sender: str
    recipient: str
    number: str
    section: str | None
    table: int
    lineno: int


@dataclass(slots=True)
class Citation:
    item: str
    section: str | None
    paragraph: int
    lineno: int


@dataclass(slots=True)
class Page:
    title: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    sections: list[dict[str, Any]] = field(default_factory=list)
    listings: list[Listing] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)


def collection_of(item_id: str) -> str:
    """ "CDNW12467" -> "cdnw": the letters before the digits name the collection."""
    m = _ITEM.match(item_id)
    return m.group(1).lower() if m else "catalog"


def _row(line: str) -> list[str] | None:
    cells = [c.strip() for c in line.split("|")] if "|" in line else line.split()
    while cells and not cells[-1]:
        cells.pop()
    if len(cells) != 5 or not _ITEM.match(cells[0]):
        return None
    return cells


def _is_section_title(line: str) -> bool:
    s = line.strip()
    return (
        0 < len(s) <= 80
        and s[0].isupper()
        and not s.endswith((".", "!", "?", ":", ";", ",", ")", '"', "”"))
        and not _CITE.search(s)
    )


def parse_page(lines: Iterable[tuple[int, str]]) -> Page:
    """The page's title, sections, table listings and citations (values not yet parsed)."""
    page = Page()
    section: dict[str, Any] = {"title": None, "paragraphs": []}
    page.sections.append(section)
    table = 0
    in_table = False
    paragraph = 0
    for lineno, raw in lines:
        line = raw.strip()
        if not line:
            continue
        if page.title is None and not page.listings and not paragraph:
            m = _RANGE.match(line)
            if m:
                page.title = line
                continue
        if _HEADER.match(line):
            table += 1
            in_table = True
            continue
        cells = _row(line) if in_table else None
        if cells is not None:
            item = _ITEM.match(cells[0])
            assert item is not None
            page.listings.append(
                Listing(
                    item=(item.group(1) + item.group(2)).upper(),
                    file=cells[0],
                    date=cells[1],
                    sender=cells[2],
                    recipient=cells[3],
                    number=cells[4],
                    section=section["title"],
                    table=table,
                    lineno=lineno,
                )
            )
            continue
        in_table = False
        if _is_section_title(line):
            section = {"title": line, "paragraphs": []}
            page.sections.append(section)
            continue
        paragraph += 1
        section["paragraphs"].append(line)
        for m in _CITE.finditer(line):
            page.citations.append(Citation(m.group(1), section["title"], paragraph, lineno))
    page.sections = [s for s in page.sections if s["title"] or s["paragraphs"]]
    return page


def _iso(text: str, default_year: int | None = None) -> str | None:
    try:
        return parse_date_text(text, default_year=default_year).date
    except FieldError:
        return None


def page_records(page: Page, origin: str, glossary: dict[str, str]) -> list[Record]:
    """The records of one page: listed items (merged), cited-only items, the page itself."""
    m = _RANGE.match(page.title or "")
    if m:
        page.date_to = _iso(m.group(2))
        year = int(page.date_to[:4]) if page.date_to else None
        page.date_from = _iso(m.group(1), default_year=year)
    where: dict[str, Any] = {"page": page.title, "origin": origin}
    by_id: dict[str, Record] = {}
    for lst in page.listings:
        rec = _listing_record(lst, origin, glossary, where)
        by_id[rec.id] = _combine(by_id[rec.id], rec) if rec.id in by_id else rec
    for cit in page.citations:
        entry = {**where, "section": cit.section, "paragraph": cit.paragraph, "line": cit.lineno}
        found = by_id.get(cit.item)
        if found is None:
            item = _ITEM.match(cit.item)
            found = Record(
                id=cit.item, collection=collection_of(cit.item), flags=[CITED_ONLY],
                number=item.group(2) if item else None, format="catalog", origin=origin,
            )
            by_id[cit.item] = found
        cited = found.extra.setdefault("cited_in", [])
        if entry not in cited:
            cited.append(entry)
    records = list(by_id.values())
    records.append(_page_record(page, origin, records))
    return records


def _listing_record(
    lst: Listing, origin: str, glossary: dict[str, str], where: dict[str, Any]
) -> Record:
    sender = glossary.get(lst.sender.upper())
    recipient = glossary.get(lst.recipient.upper())
    date = _iso(lst.date)
    rec = Record(
        id=lst.item,
        collection=collection_of(lst.item),
        number=_ITEM.match(lst.item).group(2),  # type: ignore[union-attr]
        title=f"Telegram {lst.number} from {lst.sender} to {lst.recipient}",
        doc_type="telegram",
        sender=sender or lst.sender,
        recipient=recipient or lst.recipient,
        date=date,
        # A full date bounds itself, as in every other reader.
        date_not_before=date,
        date_not_after=date,
        telegram_number=lst.number,
        format="catalog",
        origin=origin,
    )
    rec.extra = {
        "file": lst.file,
        "date_printed": lst.date,
        "from_code": lst.sender,
        "to_code": lst.recipient,
        "listed_in": [{**where, "section": lst.section, "table": lst.table, "line": lst.lineno}],
    }
    for code, name in ((lst.sender, sender), (lst.recipient, recipient)):
        if name is None:
            rec.flags.append(f"unknown-post: {code}")
    if rec.date is None:
        rec.flags.append(f"unreadable-date: {lst.date}")
    return rec


def _page_record(page: Page, origin: str, items: list[Record]) -> Record:
    coll = collection_of(items[0].id) if items else "catalog"
    if page.date_from and page.date_to:
        rid = f"{coll}/page-{page.date_from}_{page.date_to}"
    else:
        rid = f"{coll}/page-{Path(origin).stem}"
    parts: list[str] = []
    for s in page.sections:
        if s["title"]:
            parts.append(s["title"])
        parts.extend(s["paragraphs"])
    cited: list[str] = []
    for c in page.citations:
        if c.item not in cited:
            cited.append(c.item)
    return Record(
        id=rid,
        collection=coll,
        title=page.title or Path(origin).name,
        doc_type="catalog-page",
        date_not_before=page.date_from,
        date_not_after=page.date_to,
        text="\n\n".join(parts),
        references=[Reference(text=i, target=i) for i in cited],
        format="catalog",
        origin=origin,
        extra={
            "sections": page.sections,
            "items": list(dict.fromkeys(lst.item for lst in page.listings)),
        },
    )


def _union(a: list[Any], b: list[Any]) -> list[Any]:
    out = list(a)
    for x in b:
        if x not in out:
            out.append(x)
    return out


_MERGED_FIELDS = ("doc_type", "sender", "recipient", "date", "telegram_number", "title")


def merge_records(old: Record, new: Record) -> Record:
    """One record from two of the same id (listings on several pages, or cited and listed).

    Pure: neither argument changes. A listing's values win over a cited-only stub; when two
    listings disagree the older value stays and a "conflicting-listings" flag says so.
    """
    if old.id != new.id:
        raise ValueError(f"cannot merge {old.id!r} with {new.id!r}")
    # A page read again replaces what it said before: drop the old page's contributions.
    if new.origin and new.origin in _origins(old):
        if _origins(old) == [new.origin]:
            return copy.deepcopy(new)
        old = _without_origin(old, new.origin)
    return _combine(old, new)


def _combine(old: Record, new: Record) -> Record:
    """The union of two records of one id (merge_records without the re-read rule)."""
    old_listed, new_listed = CITED_ONLY not in old.flags, CITED_ONLY not in new.flags
    base, other = (new, old) if new_listed and not old_listed else (old, new)
    out = copy.deepcopy(base)
    flags = _union(out.flags, other.flags)
    if old_listed or new_listed:
        flags = [f for f in flags if f != CITED_ONLY]
        if old_listed and new_listed:
            for name in _MERGED_FIELDS:
                a, b = getattr(out, name), getattr(other, name)
                if a is None or a == "":
                    setattr(out, name, b)
                elif b not in (None, "") and a != b:
                    note = f"{CONFLICT}: {name} {a!r} vs {b!r}"
                    if note not in flags:
                        flags.append(note)
    out.flags = flags
    for key, value in other.extra.items():
        if isinstance(value, list) and isinstance(out.extra.get(key), list):
            out.extra[key] = _union(out.extra[key], value)
        elif key not in out.extra:
            out.extra[key] = copy.deepcopy(value)
    origins = _union(out.extra.get("origins", [out.origin]), [other.origin])
    out.extra["origins"] = [o for o in origins if o]
    out.references = _union(out.references, other.references)
    return out


def _origins(rec: Record) -> list[str]:
    found = rec.extra.get("origins")
    if isinstance(found, list) and found:
        return [str(o) for o in found]
    return [rec.origin] if rec.origin else []


def _without_origin(rec: Record, origin: str) -> Record:
    out = copy.deepcopy(rec)
    for key in ("listed_in", "cited_in"):
        if isinstance(out.extra.get(key), list):
            out.extra[key] = [e for e in out.extra[key] if e.get("origin") != origin]
            if not out.extra[key]:
                del out.extra[key]
    out.extra["origins"] = [o for o in _origins(rec) if o != origin]
    if out.origin == origin:
        out.origin = out.extra["origins"][0]
    if "listed_in" not in out.extra and CITED_ONLY not in out.flags:
        out.flags.append(CITED_ONLY)  # its only listing was on the page read again
    return out


def merge_batch(batch: Batch, existing: Iterable[Record],
                collection: Collection | None = None) -> Batch:
    """What a store should keep after one more page: `existing` (the collection's stored
    records) merged with the page's, duplicates flagged afresh, page lists joined."""
    by_id = {r.id: r for r in existing}
    for rec in batch.records:
        by_id[rec.id] = merge_records(by_id[rec.id], rec) if rec.id in by_id else rec
    records = list(by_id.values())
    flag_duplicates(records)
    coll = copy.deepcopy(batch.collection)
    if collection is not None:
        new_origins = {p.get("origin") for p in coll.meta.get("pages", [])}
        kept = [p for p in collection.meta.get("pages", []) if p.get("origin") not in new_origins]
        coll.meta["pages"] = kept + coll.meta.get("pages", [])
    return Batch(collection=coll, records=records, warnings=list(batch.warnings))


def flag_duplicates(records: list[Record]) -> None:
    """Flag listed items that share sender, date and number with another item, in place."""
    groups: dict[tuple[str, str, str], list[Record]] = {}
    for rec in records:
        rec.flags = [f for f in rec.flags if not f.startswith(DUPLICATE)]
        rec.extra.pop("possible_duplicates", None)
        if rec.doc_type != "telegram" or CITED_ONLY in rec.flags or not rec.telegram_number:
            continue
        key = (str(rec.extra.get("from_code", rec.sender)), rec.date or "", rec.telegram_number)
        groups.setdefault(key, []).append(rec)
    for group in groups.values():
        ids = sorted({r.id for r in group})
        if len(ids) < 2:
            continue
        for rec in group:
            others = [i for i in ids if i != rec.id]
            rec.flags.append(f"{DUPLICATE}: {', '.join(others)}")
            rec.extra["possible_duplicates"] = others


class CatalogReader:
    """Reader "catalog": one Batch per page, or per folder of pages (merged)."""

    name = "catalog"

    def __init__(self, glossary: Path | None = None) -> None:
        self.glossary_path = glossary
        self._glossary: dict[str, str] | None = None

    @property
    def glossary(self) -> dict[str, str]:
        if self._glossary is None:
            self._glossary = load_glossary(self.glossary_path)
        return self._glossary

    def detect(self, head: bytes, path: Path) -> bool:
        text = head.decode("utf-8", errors="replace")
        if text.lstrip().startswith("<"):
            return False
        lines = text.splitlines()
        if any(_HEADER.match(s.strip()) for s in lines):
            return True
        first = next((s.strip() for s in lines if s.strip()), "")
        return bool(_RANGE.match(first)) and bool(_CITE.search(text))

    def read(self, path: Path) -> Iterator[Batch]:
        if path.is_dir():
            pages = sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith("."))
            yield self.read_pages(pages)
        else:
            yield self.read_pages([path])

    def read_pages(self, paths: list[Path]) -> Batch:
        """Several pages into one Batch, items merged across pages."""
        by_id: dict[str, Record] = {}
        pages: list[dict[str, Any]] = []
        warnings: list[str] = []
        for path in paths:
            records, page, page_warnings = self._read_page(path)
            # The archive names the file it read; a folder's batch names each page.
            prefix = f"{path.name}: " if len(paths) > 1 else ""
            warnings.extend(prefix + w for w in page_warnings)
            pages.append({"title": page.title, "date_from": page.date_from,
                          "date_to": page.date_to, "origin": str(path)})
            for rec in records:
                by_id[rec.id] = merge_records(by_id[rec.id], rec) if rec.id in by_id else rec
        records = list(by_id.values())
        flag_duplicates(records)
        items = [r for r in records if r.doc_type != "catalog-page"]
        coll = items[0].collection if items else "catalog"
        collection = Collection(id=coll, title=f"{coll.upper()} cable catalog", format=self.name,
                                meta={"pages": pages})
        return Batch(collection=collection, records=records, warnings=warnings)

    def _read_page(self, path: Path) -> tuple[list[Record], Page, list[str]]:
        report = DecodeReport()
        try:
            with path.open("rb") as f:
                page = parse_page(iter_lines(f, path, report))
        except OSError as e:
            raise ReadError(path, f"cannot read: {e}") from None
        if not page.listings and not page.citations:
            raise ReadError(path, "no catalog items found (no 'Item | Date | From | To | Number' "
                                  "table and no item ids cited)")
        warnings = [w for w in [report.warning()] if w]
        if page.title is None:
            warnings.append("no date-range title on the first line")
        records = page_records(page, str(path), self.glossary)
        for rec in records:
            for flag in rec.flags:
                if flag.startswith(("unknown-post", "unreadable-date")):
                    warnings.append(f"{rec.id}: {flag}")
        return records, page, warnings
