"""Plain-text renderings of FRUS volumes (the layout of the seed `003_…txt`).

A page holds site chrome, a title block that names the volume, then documents:
"N. Heading", a dateline and a "//Source:" note in either order, the body with "/n/"
footnote markers and "/n/…" footnote paragraphs, signatures and attachments.
Every field value comes from the shared parsers in cablegram.fields.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from cablegram.errors import FieldError, ReadError
from cablegram.fields import (
    Dateline,
    Heading,
    SourceNote,
    find_redactions,
    find_references,
    parse_dateline,
    parse_heading,
    parse_signers,
    parse_source_note,
)
from cablegram.fields.heading import TELEGRAM_TYPES, doc_type_from_source_note
from cablegram.fields.telegram import OPENING_PARAGRAPHS, find_telegram_number
from cablegram.readers.base import fill_marking_from_body
from cablegram.readers.page_layouts import FRUS_TEXT, PageLayout, detect_layout
from cablegram.readers.sequence import check_sequence
from cablegram.readers.text_io import DecodeReport, Paragraph, iter_lines, iter_paragraphs
from cablegram.readers.text_layout import (
    ATTACHMENT,
    FOOTNOTE,
    SOURCE,
    VALEDICTION,
    clean_body,
    is_signature_line,
    source_text,
)
from cablegram.readers.text_split import RawDoc, SplitState, split
from cablegram.record import Batch, Collection, Footnote, Record, Signer, Source

T = TypeVar("T")
_QUOTES = ('"', "“", "'", "‘")


class TextReader:
    """Reader of a plain-text page layout ("frus-text", "frus-2001"): one Batch per file,
    documents parsed one at a time."""

    def __init__(self, collection: str | None = None, layout: PageLayout = FRUS_TEXT) -> None:
        # `collection` overrides the volume id when the title block does not give it.
        self.collection = collection
        self.layout = layout
        self.name = layout.name

    def detect(self, head: bytes, path: Path) -> bool:
        text = head.decode("utf-8", errors="replace")
        if text.lstrip().startswith("<"):
            return False
        found = detect_layout(text)
        if found is not None:
            return found is self.layout
        # A title block claims the file for the seed's layout even with no documents, so
        # that such a page gets "no documents found" rather than "format not recognised".
        return self.layout is FRUS_TEXT and (
            "FOREIGN RELATIONS OF THE UNITED STATES" in text.upper())

    def read(self, path: Path) -> Iterator[Batch]:
        report = DecodeReport()
        with _open_binary(path) as f:
            paragraphs = iter_paragraphs(iter_lines(f, path, report))
            batch = read_paragraphs(paragraphs, path, fmt=self.name,
                                    collection=self.collection, layout=self.layout)
        warning = report.warning()
        if warning:
            batch.warnings.insert(0, warning)
        yield batch


def _open_binary(path: Path) -> Any:
    try:
        with path.open("rb") as f:
            magic = f.read(2)
        return gzip.open(path, "rb") if magic == b"\x1f\x8b" else path.open("rb")
    except OSError as e:
        raise ReadError(path, f"cannot read: {e}") from None


def iter_records(
    paragraphs: Iterable[Paragraph],
    path: Path,
    state: SplitState,
    *,
    fmt: str = "frus-text",
    collection: str | None = None,
    layout: PageLayout = FRUS_TEXT,
) -> Iterator[Record]:
    """Records one at a time; `state` says afterwards what the title block and end showed."""
    year: int | None = None
    for raw in split(paragraphs, state, layout):
        coll = collection or state.title.collection or _fallback_collection(path)
        rec = build_record(raw, coll, fmt=fmt, origin=str(path), default_year=year)
        if rec.date:
            year = int(rec.date[:4])
        yield rec


def read_paragraphs(
    paragraphs: Iterable[Paragraph],
    path: Path,
    *,
    fmt: str = "frus-text",
    collection: str | None = None,
    layout: PageLayout = FRUS_TEXT,
) -> Batch:
    """The Batch of one rendering: records, the volume's Collection, and warnings."""
    state = SplitState()
    try:
        records = list(iter_records(paragraphs, path, state, fmt=fmt, collection=collection,
                                    layout=layout))
    except UnicodeError as e:  # pragma: no cover - the decoder falls back instead
        raise ReadError(path, f"cannot decode: {e}") from None
    if not records and not state.preamble:
        raise ReadError(path, "the file is empty")
    if not records and state.listed:
        raise ReadError(path, f"a list of {state.listed} documents (a table of contents or "
                        "a chapter's list of documents) holding none of them: nothing stored")
    if not records:
        raise ReadError(
            path, "no documents found (expected 'N. Heading' lines after a title block)"
        )
    if _only_headings(records):
        raise ReadError(path, f"{len(records)} document headings with no dateline, source "
                        "note or text under any of them (a table of contents or a chapter's "
                        "list of documents): nothing stored")
    warnings: list[str] = []
    coll_id = collection or state.title.collection
    if coll_id is None:
        coll_id = _fallback_collection(path)
        warnings.append(
            f"no FRUS title block naming the volume; records filed under {coll_id!r}"
        )
    last = records[-1]
    if "truncated" in last.flags:
        warnings.append(f"document {last.number} looks truncated (the file ends mid-text)")
    warnings.extend(state.notices)
    warnings.extend(check_sequence(records))
    title = state.title
    # The TEI reader's keys for the same things.
    meta: dict[str, Any] = {
        "series": "Foreign Relations of the United States" if title.years else None,
        "subseries": title.years,
        "volumenumber": title.volume,
        "volume": title.title,
    }
    meta = {k: v for k, v in meta.items() if v}
    collection_rec = Collection(id=coll_id, title=title.title or "", format=fmt, meta=meta)
    return Batch(collection=collection_rec, records=records, warnings=warnings)


def _only_headings(records: list[Record]) -> bool:
    """Headings one after another, nothing under them: a list of documents, not documents.

    Microfiche catalog entries are headings only too, but each carries its page count.
    """
    return len(records) >= 2 and not any(
        r.text or r.source_note or r.extra.get("dateline") or r.footnotes
        or re.search(r"\b\d+ pp?\.", r.title) for r in records)


def _fallback_collection(path: Path) -> str:
    name = path.name
    for suffix in (".gz", ".txt", ".html", ".htm"):
        name = name.removesuffix(suffix)
    return name or "text"


def _section_signers(paragraphs: list[str], rec: Record) -> list[Signer]:
    """Signers from the trailing name/title lines of a section, valediction excluded."""
    lines: list[str] = []
    for p in reversed(paragraphs):
        if VALEDICTION.match(p.strip()) or not is_signature_line(p):
            break
        lines.insert(0, clean_body(p))
    # A section of only short lines is a list, not a signature block.
    if not lines or len(lines) == len(paragraphs):
        return []
    return _safe(parse_signers, lines, rec) or []


def _safe(fn: Callable[..., T], arg: Any, rec: Record, **kw: Any) -> T | None:
    """A shared parser's value, or None when it refuses the input (noted in flags)."""
    try:
        return fn(arg, **kw)
    except FieldError:
        rec.flags.append(f"unparsed {fn.__name__.removeprefix('parse_').replace('_', ' ')}")
        return None



def build_record(
    raw: RawDoc,
    collection: str,
    *,
    fmt: str = "frus-text",
    origin: str | None = None,
    default_year: int | None = None,
) -> Record:
    """One Record from one raw document, every value through cablegram.fields."""
    rec = Record(
        id=f"{collection}/d{raw.number}",
        collection=collection,
        number=raw.number,
        format=fmt,
        origin=origin,
    )
    h = _safe(parse_heading, f"{raw.number}. {raw.heading}", rec) or Heading(title=raw.heading)
    title = h.title or raw.heading
    prefix = f"{raw.number}. "
    if title.startswith(prefix):
        rec.title = title[len(prefix) :]
    else:  # the parser read "72A. Untitled" as number 72, title "A. Untitled"
        rec.title = title if h.number in (None, raw.number) else " ".join(raw.heading.split())
    rec.sender, rec.recipient = h.sender, h.recipient
    if raw.dateline:
        d = _safe(parse_dateline, raw.dateline, rec, default_year=default_year) or Dateline()
        rec.place, rec.date, rec.time = d.place, d.date, d.time
        rec.date_not_before, rec.date_not_after = d.not_before, d.not_after
        rec.extra["dateline"] = raw.dateline
    source = raw.source
    if source is None:
        # Pages from history.state.gov print the source note among the footnotes.
        for i, para in enumerate(raw.body):
            m = SOURCE.match(para)
            if m and para.lstrip("/").startswith("Source:"):
                source = source_text(m)
                del raw.body[i]
                break
    rec.doc_type = h.doc_type or doc_type_from_source_note(source)
    if source:
        sn = _safe(parse_source_note, source, rec) or SourceNote()
        rec.source_note = source
        rec.classification = sn.classification
        rec.handling = list(sn.handling)
        rec.source = Source(
            repository=sn.repository,
            file=sn.file,
            drafted_by=sn.drafted_by,
            cleared_by=sn.cleared_by,
            approved_by=sn.approved_by,
        )
    _fill_body(rec, raw.body)
    fill_marking_from_body(rec)
    if rec.doc_type != "editorial-note":
        # The same notes as the TEI reader's, so that both paths can be compared.
        if raw.dateline is None:
            rec.flags.append("no dateline")
        elif rec.date is None and rec.date_not_before is None:
            rec.flags.append("undated")
        if not rec.source_note:
            rec.flags.append("no source note")
    if raw.truncated:
        rec.flags.append("truncated")
    return rec


def _fill_body(rec: Record, body: list[str]) -> None:
    """Text, footnotes, attachments, signers, telegram number, references, redactions."""
    sections: list[tuple[str | None, list[str]]] = [(None, [])]
    footnote: Footnote | None = None
    for para in body:
        fn = FOOTNOTE.match(para)
        if fn:
            footnote = Footnote(n=fn.group(1), text=fn.group(2).strip())
            rec.footnotes.append(footnote)
            continue
        # "It reads:" footnotes go on with quoted paragraphs (seed doc 139, note 2).
        if footnote is not None and footnote.text.endswith(":") and para.startswith(_QUOTES):
            footnote.text += "\n\n" + para
            continue
        footnote = None
        if ATTACHMENT.match(clean_body(para)):
            sections.append((clean_body(para), [para]))
            continue
        sections[-1][1].append(para)
    paragraphs = [clean_body(p) for _, ps in sections for p in ps]
    rec.text = "\n\n".join(p for p in paragraphs if p)
    main = sections[0][1]
    rec.signers = _section_signers(main, rec)
    attachments = []
    for heading, paras in sections[1:]:
        content = paras[1:]
        att: dict[str, Any] = {"heading": heading}
        if content and content[0].isupper():
            att["title"] = clean_body(content[0])
        signers = _section_signers(content, rec)
        if signers:
            att["signers"] = [{"name": s.name, "title": s.title} for s in signers]
        attachments.append(att)
    if attachments:
        rec.extra["attachments"] = attachments
    if rec.doc_type in TELEGRAM_TYPES:
        opening = [clean_body(p) for p in main[:OPENING_PARAGRAPHS]]
        rec.telegram_number = _safe(find_telegram_number, opening, rec)
    for text in (rec.text, *(f.text for f in rec.footnotes)):
        for ref in _safe(find_references, text, rec, collection=rec.collection) or []:
            if ref not in rec.references:
                rec.references.append(ref)
    rec.redactions = _safe(find_redactions, rec.text, rec) or []
