"""Reader "scan": scanned telegrams (PDF, PNG, TIFF, JPEG) into one record each.

Each page is read from its text layer when it has one, else by Tesseract (readers/
scan_ocr.py). The pages' text is the record's text; the header on the first page
(fields/cable_header.py) fills the fields. What is kept (docs/scans.md):
- `extra["pages"]`: per page its number, source (text-layer | ocr), confidence, size, dpi,
  skew and where its text starts and ends in `text`;
- `extra["words"]`: each word as `[page, start, end, left, top, width, height, conf]`,
  start/end its span in `text`, the box in pixels on the page image;
- `extra["scan"]`: the file, its SHA-256, mean confidence, and `fields`: the record
  fields the header gave (the catalog merge keeps them beside the catalog's values).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cablegram.errors import ReadError
from cablegram.fields.cable_header import CableHeader, HeaderError, parse_cable_header
from cablegram.readers.catalog import collection_of
from cablegram.readers.catalog_posts import load_glossary
from cablegram.readers.scan_pages import ScanFile, is_scan
from cablegram.record import Batch, Collection, Record, Reference

if TYPE_CHECKING:
    from cablegram.readers.scan_ocr import PageText

FORMAT = "scan"
SCANS_COLLECTION = "scans"
# Below this mean word confidence a record is flagged: its text needs a human eye.
LOW_CONFIDENCE = 70.0
_ITEM_NAME = re.compile(r"^([A-Z]{2,8})(\d{4,})$", re.I)
_ITEM_ON_PAGE = re.compile(r"\b([A-Z]{2,8}\d{4,})\b")
# The record fields a scan's header gives: what the catalog merge compares and keeps.
HEADER_FIELDS = ("sender", "recipient", "date", "time", "telegram_number", "classification",
                 "title")


def item_id(path: Path, first_page: str) -> str | None:
    """The catalog item id of a scan: its file name ("CDNW12467.pdf") or one typed on
    its first page; None when neither gives one."""
    m = _ITEM_NAME.match(path.stem)
    if m:
        return m.group(1).upper() + m.group(2)
    found = _ITEM_ON_PAGE.search(first_page)
    return found.group(1) if found else None


def build_record(path: Path, pages: list[PageText], sha: str,
                 glossary: dict[str, str]) -> tuple[Record, list[str]]:
    """The record of a scan read page by page, and its warnings."""
    warnings: list[str] = []
    parts: list[str] = []
    page_info: list[dict[str, Any]] = []
    words: list[list[Any]] = []
    pos = 0
    for p in pages:
        if parts:
            pos += 2  # the "\n\n" between pages
        start = pos
        offset = 0
        for w in p.words:
            at = p.text.find(w.text, offset)
            if at < 0:
                continue
            offset = at + len(w.text)
            words.append([p.page, start + at, start + offset, w.left, w.top, w.width, w.height,
                          round(w.conf, 1)])
        parts.append(p.text)
        pos += len(p.text)
        page_info.append({"page": p.page, "source": p.source, "confidence": p.confidence,
                          "width": p.width, "height": p.height, "dpi": p.dpi, "skew": p.skew,
                          "start": start, "end": pos})
    text = "\n\n".join(parts)
    try:
        header = parse_cable_header(pages[0].text if pages else "")
    except HeaderError as e:
        warnings.append(f"telegram header not read: {e}")
        header = CableHeader()
    rid = item_id(path, pages[0].text if pages else "")
    fields = header_fields(header, glossary)
    confidence = (sum(p.confidence for p in pages) / len(pages)) if pages else 0.0
    rec = Record(
        id=rid or f"{SCANS_COLLECTION}/{path.stem}",
        collection=collection_of(rid) if rid else SCANS_COLLECTION,
        doc_type="telegram",
        references=[Reference(text=r) for r in header.refs],
        text=text,
        format=FORMAT,
        origin=str(path),
    )
    for name in HEADER_FIELDS:
        setattr(rec, name, fields[name])
    rec.date_not_before = rec.date_not_after = rec.date
    rec.extra = {
        "pages": page_info,
        "words": words,
        "scan": {"file": str(path), "sha256": sha, "confidence": round(confidence, 2),
                 "fields": fields},
    }
    for code in (header.sender, header.recipient):
        if code and code.upper() not in glossary:
            rec.flags.append(f"unknown-post: {code}")
    if confidence < LOW_CONFIDENCE:
        rec.flags.append("low-ocr-confidence")
        warnings.append(f"OCR confidence is low ({confidence:.0f}%): the text needs checking")
    if header.bottom_classification:
        rec.flags.append(f"classification-differs-at-bottom: {header.bottom_classification}")
    if header.sender is None and header.recipient is None:
        warnings.append("no telegram header (FM/TO) found on the first page")
    return rec, warnings


def header_fields(header: CableHeader, glossary: dict[str, str]) -> dict[str, Any]:
    """The record fields, and the codes and extras, that a header gives."""
    def post(code: str | None) -> str | None:
        return glossary.get(code.upper(), code) if code else None

    title = header.subject or " ".join(
        f"Telegram {header.telegram_number or ''} from {header.sender or '?'} "
        f"to {header.recipient or '?'}".split())
    return {
        "sender": post(header.sender), "recipient": post(header.recipient),
        "date": header.date, "time": header.time, "telegram_number": header.telegram_number,
        "classification": header.classification, "title": title,
        "from_code": header.sender, "to_code": header.recipient, "info": header.info,
        "date_printed": header.date_printed, "precedence": header.precedence,
        "subject": header.subject, "refs": header.refs,
    }


def read_ahead(path: Path, on_page: Callable[[int, int], None] | None = None) -> None:
    """Read a scan's pages into the page cache, reporting each page; the reader then finds
    them there. A file that cannot be read is left for the reader to report."""
    from cablegram.readers.scan_ocr import read_pages

    try:
        with ScanFile(path) as scan:
            count = scan.page_count
        for _ in read_pages(path, count, on_page):
            pass
    except (ReadError, OSError):
        return


class ScanReader:
    """Reader "scan": one Batch of one record per scan file."""

    name = FORMAT

    def __init__(self, on_page: Callable[[int, int], None] | None = None) -> None:
        self.on_page = on_page
        self._glossary: dict[str, str] | None = None

    def detect(self, head: bytes, path: Path) -> bool:
        return is_scan(head)

    def read(self, path: Path) -> Iterator[Batch]:
        # The OCR stack (OpenCV, scikit-image, Tesseract: ~70 MB and 0.35 s to import) is
        # imported only when a scan is read: every reader process detects formats.
        from cablegram.readers.scan_ocr import file_sha, read_pages

        # Opening checks the file (empty, encrypted, corrupt) before any page is read.
        with ScanFile(path) as scan:
            count = scan.page_count
        sha = file_sha(path)
        pages = list(read_pages(path, count, self.on_page))
        if self._glossary is None:
            self._glossary = load_glossary()
        rec, warnings = build_record(path, pages, sha, self._glossary)
        title = "Scanned telegrams" if rec.collection == SCANS_COLLECTION else \
            f"{rec.collection.upper()} cable catalog"
        yield Batch(Collection(id=rec.collection, title=title, format=FORMAT), [rec], warnings)
