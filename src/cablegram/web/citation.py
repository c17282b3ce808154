"""Citations of a record: Chicago (notes and bibliography), CSL-JSON, BibTeX and RIS.

Each is made from one `Cited` (what a citation needs), itself made from the record and its
collection. Layouts learned from https://www.chicagomanualofstyle.org/tools_citationguide.html,
https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html and
https://en.wikipedia.org/wiki/RIS_(file_format).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from cablegram.record import Collection, Record

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
# Where the documentary editions are printed (FRUS volumes are Government Printing Office).
FRUS_PUBLISHER = ("Government Printing Office", "Washington")
HSG = "https://history.state.gov/historicaldocuments/"


@dataclass(slots=True)
class Cited:
    """What every citation format is made from."""

    key: str
    title: str
    doc_type: str | None
    place: str | None
    date: str | None  # YYYY-MM-DD, or YYYY-MM or YYYY
    book: str  # the volume's full title
    editors: list[str] = field(default_factory=list)
    publisher: str | None = None
    publisher_place: str | None = None
    year: str | None = None  # of publication
    number: str | None = None  # the document number in the volume
    url: str = ""


def public_url(record: Record, collection: Collection, base: str) -> str:
    """The document's public address: history.state.gov for a FRUS document, else ours."""
    if collection.id.startswith("frus") and record.id.startswith(collection.id + "/d"):
        return HSG + record.id
    return base.rstrip("/") + "/items/" + record.id if "/" not in record.id \
        else base.rstrip("/") + "/documents/" + record.id


def book_title(collection: Collection) -> str:
    meta = collection.meta
    series, sub = meta.get("series"), meta.get("subseries")
    number, volume = meta.get("volumenumber"), meta.get("volume")
    if series and sub:
        return ", ".join(str(p) for p in (f"{series}, {sub}", number, volume) if p)
    return collection.title or collection.id


def cited(record: Record, collection: Collection, base: str) -> Cited:
    meta = collection.meta
    editors = [str(e.get("name")) for e in meta.get("editors") or []
               if isinstance(e, dict) and e.get("name") and e.get("role") == "primary"]
    frus = collection.id.startswith("frus")
    publisher, place = FRUS_PUBLISHER if frus else (None, None)
    year = meta.get("publication_year")
    return Cited(
        key=re.sub(r"[^A-Za-z0-9]+", "_", record.id).strip("_") or "record",
        title=record.title or record.id, doc_type=record.doc_type, place=record.place,
        date=record.date or record.date_not_before, book=book_title(collection),
        editors=editors, publisher=publisher, publisher_place=place,
        year=str(year) if year else None, number=record.number,
        url=public_url(record, collection, base))


def human_date(iso: str | None) -> str | None:
    """'1962-10-27' → 'October 27, 1962'; a month or a year alone as far as known."""
    if not iso:
        return None
    parts = iso.split("-")
    try:
        if len(parts) == 3:
            return f"{MONTHS[int(parts[1]) - 1]} {int(parts[2])}, {parts[0]}"
        if len(parts) == 2:
            return f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
    except (ValueError, IndexError):
        return iso
    return iso


def chicago(c: Cited) -> str:
    """A Chicago note: "Title," Place, Date, in Book, ed. X (Place: Publisher, Year), Doc N."""
    where = ", ".join(p for p in (c.place, human_date(c.date)) if p)
    out = f"\u201c{c.title},\u201d " + (f"{where}, " if where else "") + f"in {c.book}"
    if c.editors:
        out += ", ed. " + _and(c.editors)
    pub = ": ".join(p for p in (c.publisher_place, c.publisher) if p)
    pub = ", ".join(p for p in (pub, c.year) if p)
    if pub:
        out += f" ({pub})"
    if c.number:
        out += f", Document {c.number}"
    return out + f", {c.url}."


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _date_parts(iso: str | None) -> list[int] | None:
    if not iso:
        return None
    try:
        return [int(p) for p in iso.split("-")]
    except ValueError:
        return None


def csl_json(c: Cited) -> dict[str, Any]:
    item: dict[str, Any] = {"id": c.key, "type": "chapter", "title": c.title,
                            "container-title": c.book, "URL": c.url}
    if c.editors:
        item["editor"] = [{"literal": e} for e in c.editors]
    if c.publisher:
        item["publisher"] = c.publisher
    if c.publisher_place:
        item["publisher-place"] = c.publisher_place
    parts = _date_parts(c.date)
    if parts:
        item["original-date"] = {"date-parts": [parts]}
    if c.year and c.year.isdigit():
        item["issued"] = {"date-parts": [[int(c.year)]]}
    if c.number:
        item["number"] = c.number
    if c.place:
        item["event-place"] = c.place
    return item


_BIB_SPECIAL = re.compile(r"([\\{}%&$#_^~])")


def _bib(value: str) -> str:
    # Braces and TeX's special characters escaped: a title is text, never TeX.
    def esc(m: re.Match[str]) -> str:
        ch = m.group(1)
        return {"\\": r"\textbackslash{}", "^": r"\^{}", "~": r"\~{}"}.get(ch, "\\" + ch)

    return _BIB_SPECIAL.sub(esc, " ".join(value.split()))


def bibtex(c: Cited) -> str:
    fields = [("title", c.title), ("booktitle", c.book)]
    if c.editors:
        fields.append(("editor", " and ".join(c.editors)))
    fields += [(k, v) for k, v in (("publisher", c.publisher), ("address", c.publisher_place),
                                   ("year", c.year), ("number", c.number)) if v]
    when = ", ".join(p for p in (c.place, human_date(c.date)) if p)
    if when:
        fields.append(("note", when))
    fields.append(("url", c.url))
    body = ",\n".join(f"  {k} = {{{_bib(v)}}}" for k, v in fields)
    return f"@incollection{{{c.key},\n{body}\n}}\n"


def _ris(value: str) -> str:
    return " ".join(value.split())


def ris(c: Cited) -> str:
    lines = [("TY", "CHAP"), ("ID", c.key), ("TI", c.title), ("T2", c.book)]
    lines += [("A2", e) for e in c.editors]
    if c.date:
        lines.append(("DA", c.date.replace("-", "/")))
    lines += [(k, v) for k, v in (("PY", c.year), ("PB", c.publisher),
                                  ("CY", c.publisher_place),
                                  ("SE", f"Document {c.number}" if c.number else None)) if v]
    when = ", ".join(p for p in (c.place, human_date(c.date)) if p)
    if when:
        lines.append(("N1", when))
    lines += [("UR", c.url), ("ER", "")]
    return "".join(f"{tag}  - {_ris(v)}\n" for tag, v in lines)


def highwire(c: Cited) -> list[tuple[str, str]]:
    """(name, content) of the <meta> tags Zotero's connector reads: Highwire and Dublin Core."""
    tags = [("citation_title", c.title), ("citation_inbook_title", c.book),
            ("citation_book_title", c.book)]
    if c.date:
        tags.append(("citation_date", c.date.replace("-", "/")))
    if c.year:
        tags.append(("citation_publication_date", c.year))
    tags += [("citation_editor", e) for e in c.editors]
    if c.publisher:
        tags.append(("citation_publisher", c.publisher))
    tags.append(("citation_public_url", c.url))
    tags += [("DC.title", c.title), ("DC.type", "Text"), ("DC.source", c.book),
             ("DC.identifier", c.url)]
    if c.date:
        tags.append(("DC.date", c.date))
    if c.publisher:
        tags.append(("DC.publisher", c.publisher))
    tags += [("DC.contributor", e) for e in c.editors]
    return tags
