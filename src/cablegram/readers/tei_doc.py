"""One FRUS document (div type="document") into a Record.

Every field is first parsed from the printed text with the shared parsers in cablegram.fields;
then, unless markup is off, values the TEI states in markup replace the parsed ones.

In two steps: `build_record` takes from the tree what it gives (texts, notes, markup) while
the volume streams, before the document's subtree is cleared; `finish_records`, at the end
of the volume, parses the fields, one parser at a time over every document (for speed).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from cablegram.errors import FieldError
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
from cablegram.fields.source_note import bracketed_source
from cablegram.fields.telegram import OPENING_PARAGRAPHS, find_telegram_number, opening_paragraphs
from cablegram.readers import tei_markup as mk
from cablegram.readers import tei_persons
from cablegram.readers.base import fill_marking_from_body
from cablegram.readers.tei_catalog import parse_catalog_entry
from cablegram.readers.tei_text import (
    ATTACHMENTS,
    CLOSER,
    DATELINE,
    HEAD,
    NOTE,
    OPENER,
    REF,
    TEI,
    P,
    blank,
    laid_out,
    lines_of,
    mark_layout,
    raw_text,
    text_of,
)
from cablegram.record import Footnote, Record, Reference, Source

_XMLID = "{http://www.w3.org/XML/1998/namespace}id"
# Children that make a document more than a catalog entry.
_PRINTED = frozenset({P, TEI + "list", TEI + "table", TEI + "quote", CLOSER, DATELINE, OPENER,
                      *ATTACHMENTS})


@dataclass(slots=True)
class VolumeContext:
    """What a document needs to know about its volume while the volume is read."""

    volume: str
    origin: str
    markup: bool
    years: tuple[int, int] | None = None
    last_year: int | None = None  # the year of the latest dated document: a default for the next
    extra: dict[str, Any] = field(default_factory=dict)
    # Documents read whose fields are parsed at the end of the volume (`finish_records`).
    pending: list[_Printed] = field(default_factory=list)


@dataclass(slots=True)
class _Notes:
    source: str | None = None
    footnotes: list[Footnote] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)


def build_record(doc: etree._Element, ctx: VolumeContext, sections: list[dict[str, Any]]) -> Record:
    """The record of one document element; mutates the element (notes removed, lb marked)."""
    xml_id = doc.get(_XMLID) or ""
    rec = Record(id=f"{ctx.volume}/{xml_id}", collection=ctx.volume, format="tei",
                 origin=ctx.origin)
    extra = rec.extra
    if sections:
        extra["sections"] = sections
        for s in reversed(sections):
            if s["type"] != "compilation":
                extra.setdefault("chapter", s["title"])
            else:
                extra.setdefault("compilation", s["title"])

    mark_layout(doc)
    ref_marks = [(text_of(r), r.get("target")) for r in doc.iter(REF)]
    notes = _take_notes(doc)
    rec.footnotes = notes.footnotes
    rec.source_note = notes.source
    if notes.summary:
        extra["summary"] = " ".join(notes.summary)

    parts = _scan(doc)
    head, dateline, closer = parts.head, parts.dateline, parts.closer
    heading_text = text_of(head) if head is not None else ""
    if parts.foreign:
        remarks = [text_of(c) for c in parts.foreign
                   if str(c.tag).rsplit("}", 1)[-1] in ("problem", "uh-oh")]
        if remarks:
            extra["editorial_remarks"] = remarks
        if parts.catalog:
            _catalog(rec, doc, heading_text, ctx, sections)
            return rec

    marked = mk.collect(doc, head, dateline, closer) if ctx.markup else None
    first_ps = parts.first_ps
    # Read before the tree is blanked below: a cable's number opens one of them.
    opening = opening_paragraphs(text_of(p) for p in first_ps) if first_ps else []
    if notes.source is None and opening:
        # No source note, but a first paragraph "[Source: ...]" (a document not declassified):
        # that is its source note. The paragraph stays in the text, as printed.
        rec.source_note = bracketed_source(opening[0])
    attachments = [{"head": text_of(ah) if (ah := a.find(HEAD)) is not None else ""}
                   for a in doc.iter(*ATTACHMENTS)]
    if attachments:
        extra["attachments"] = attachments
    printed = _Printed(
        rec, heading_text, text_of(dateline) if dateline is not None else "",
        dateline is not None, lines_of(closer) if closer is not None else [], opening, marked,
        ref_marks)
    for el in (head, dateline, *parts.foreign):
        if el is not None:
            blank(el)  # read already, or not printed text (frus:file, frus:pdf, remarks)
    printed.fenced = tei_persons.fence(doc) if ctx.markup else []
    # The remaining printed text, notes, heading and dateline blanked: laid out later.
    printed.text = raw_text(doc)
    ctx.pending.append(printed)
    return rec


@dataclass(slots=True)
class _Printed:
    """What the tree gives of a document for the fields parsed later (`finish_records`)."""

    rec: Record
    heading: str
    dateline: str
    has_dateline: bool
    lines: list[str]  # the closer's
    opening: list[str]  # the first paragraphs, as far as a telegram number is looked for
    marked: mk.Markup | None
    refs: list[tuple[str, str | None]]  # ref elements: text, target
    text: str = ""  # the body's `raw_text`, persons fenced
    fenced: list[str] = field(default_factory=list)  # the fenced persons' volume ids


def finish_records(ctx: VolumeContext) -> None:
    """The fields of the records read so far, parsed from their printed text, then the
    markup's values over them.

    Each parser runs over the volume in one loop, its code and tables kept in the CPU caches:
    run per document between parses of the XML they cost ~1.6x more (measured). Documents
    stay in order: a dateline without a year takes the year of the document before.
    """
    pending, ctx.pending = ctx.pending, []
    for p in pending:
        rec = p.rec
        rec.text = laid_out(p.text)
        if p.fenced:
            rec.text, rec.persons = tei_persons.unfence(rec.text, p.fenced)
    for p in pending:
        rec = p.rec
        h = _heading(p.heading, rec)
        rec.title = h.title or p.heading
        rec.number = h.number
        rec.doc_type = h.doc_type or doc_type_from_source_note(rec.source_note)
        if rec.doc_type is None and p.heading.lower().strip(" .") == "editorial note":
            rec.doc_type = "editorial-note"
        rec.sender, rec.recipient = h.sender, h.recipient
    for p in pending:
        _set_source(p.rec, _source_note(p.rec.source_note, p.rec))
    for p in pending:
        fill_marking_from_body(p.rec)
    for p in pending:
        if p.rec.doc_type in TELEGRAM_TYPES and p.opening:
            p.rec.telegram_number = _safe(find_telegram_number, p.opening, p.rec)
    for p in pending:
        p.rec.signers = (_safe(parse_signers, p.lines, p.rec) or []) if p.lines else []
    for p in pending:
        p.rec.redactions = _safe(find_redactions, p.rec.text, p.rec) or []
    for p in pending:
        p.rec.references = _references(p.rec, p.refs, ctx)
    for p in pending:
        rec, marked = p.rec, p.marked
        if marked is None or not (marked.date and marked.time and marked.place):
            _set_date(rec, _dateline(p.dateline, ctx, rec))
        # (else the markup replaces every value the dateline parse gives: skipped for speed)
        if marked is not None:
            mk.overlay(rec, marked)
        _flags(rec, p.has_dateline)
        if rec.date:
            ctx.last_year = int(rec.date[:4])


def _take_notes(doc: etree._Element) -> _Notes:
    """Notes out of the tree: the source note, footnotes {n, text}, editors' summaries."""
    found = list(doc.iter(NOTE))
    kinds = [(el.get("type"), el.get("n")) for el in found]  # blanking drops attributes
    texts = [""] * len(found)
    # Innermost first, so that a note's text leaves out the notes nested in it.
    for i in range(len(found) - 1, -1, -1):
        texts[i] = text_of(found[i])
        blank(found[i])
    notes = _Notes()
    for (kind, n), text in zip(kinds, texts, strict=True):
        if kind == "source" or (kind is None and n == "0"):
            notes.source = text if notes.source is None else f"{notes.source} {text}"
        elif kind == "summary":
            notes.summary.append(text)
        else:
            notes.footnotes.append(Footnote(n=n or "", text=text))
    return notes


@dataclass(slots=True)
class _Parts:
    head: etree._Element | None = None
    dateline: etree._Element | None = None
    closer: etree._Element | None = None  # the last one
    first_ps: list[etree._Element] = field(default_factory=list)  # the first few p children
    foreign: list[etree._Element] = field(default_factory=list)  # children in other namespaces
    catalog: bool = False


def _scan(doc: etree._Element) -> _Parts:
    """One pass over the document's children.

    The dateline is the document's own: a child of the div or of its opener, else of its
    closer. A catalog entry has a heading and microfiche files, nothing printed besides.
    """
    parts = _Parts()
    late = None
    printed = False
    for ch in doc:
        tag = ch.tag
        if not isinstance(tag, str):
            continue
        if tag == HEAD:
            if parts.head is None:
                parts.head = ch
            continue
        if tag == P:
            if len(parts.first_ps) < OPENING_PARAGRAPHS:
                parts.first_ps.append(ch)
        elif tag == DATELINE:
            if parts.dateline is None:
                parts.dateline = ch
        elif tag == OPENER:
            if parts.dateline is None:
                parts.dateline = ch.find(DATELINE)
        elif tag == CLOSER:
            parts.closer = ch
            if late is None:
                late = ch.find(DATELINE)
        elif not tag.startswith(TEI) and tag not in ATTACHMENTS:
            parts.foreign.append(ch)
            continue
        if tag in _PRINTED:
            printed = True
    if parts.dateline is None:
        parts.dateline = late
    parts.catalog = not printed and bool(parts.foreign)
    return parts


def _catalog(rec: Record, doc: etree._Element, heading: str, ctx: VolumeContext,
             sections: list[dict[str, Any]]) -> None:
    from cablegram.readers.tei_catalog import year_of

    year = next((y for s in reversed(sections) if (y := year_of(s["title"])) is not None), None)
    e = parse_catalog_entry(heading, default_year=year, years=ctx.years)
    rec.flags.append("catalog-entry")
    rec.number = e.number
    rec.title = heading[len(e.number) + 1 :].strip() if e.number else heading
    rec.doc_type = e.heading.doc_type
    rec.sender, rec.recipient = e.heading.sender, e.heading.recipient
    _set_date(rec, e.dateline)
    _set_source(rec, e.source)
    if e.classification_text or e.archive:
        rec.source_note = " ".join(x for x in (e.classification_text, e.archive) if x)
    if e.summary:
        rec.extra["summary"] = e.summary
    pages = e.pages
    if ctx.markup:
        pages = mk.catalog_pages(doc, pages)
        if doc.get("n"):
            rec.number = doc.get("n")
    if pages is not None:
        rec.extra["pages"] = pages


def _heading(text: str, rec: Record) -> Heading:
    return _safe(parse_heading, text, rec) or Heading(title=text)


def _dateline(text: str, ctx: VolumeContext, rec: Record) -> Dateline:
    if not text:
        return Dateline()
    try:
        return parse_dateline(text, default_year=ctx.last_year)
    except FieldError:
        rec.flags.append("unparsed dateline")
        return Dateline()


def _source_note(text: str | None, rec: Record) -> SourceNote:
    if not text:
        return SourceNote()
    return _safe(parse_source_note, text, rec) or SourceNote()



def _set_date(rec: Record, dl: Dateline) -> None:
    rec.place, rec.date, rec.time = dl.place, dl.date, dl.time
    rec.date_not_before, rec.date_not_after = dl.not_before, dl.not_after


def _set_source(rec: Record, sn: SourceNote) -> None:
    rec.classification = sn.classification
    rec.handling = list(sn.handling)
    rec.source = Source(repository=sn.repository, file=sn.file, drafted_by=sn.drafted_by,
                        cleared_by=sn.cleared_by, approved_by=sn.approved_by)


def _references(rec: Record, marks: list[tuple[str, str | None]],
                ctx: VolumeContext) -> list[Reference]:
    """ref elements first, then what the printed-text finder adds that no ref element covers."""
    refs = [Reference(text=t, target=mk.ref_target(target, ctx.volume)) for t, target in marks]
    free = list(range(len(refs)))  # ref elements not yet matched by a found reference
    here = ctx.volume + "/"
    # One call over the body and the footnotes (a blank line apart) instead of one per note.
    text = "\n\n".join([rec.text, *(f.text for f in rec.footnotes)])
    if text.strip():
        for r in _safe(find_references, text, rec, collection=ctx.volume) or []:
            i = next((i for i in free if refs[i].text and refs[i].text in r.text), None)
            if i is None:
                refs.append(r)
                continue
            free.remove(i)
            m = refs[i]
            # "vol. XI, <ref target="#d59">Document 59</ref>": the printed volume beats a
            # target that the markup left inside this volume.
            if (r.text != m.text and r.target and not r.target.startswith(here)
                    and (m.target is None or m.target.startswith(here))):
                refs[i] = r
    return refs


def _flags(rec: Record, has_dateline: bool) -> None:
    if rec.doc_type == "editorial-note":
        return
    if not has_dateline:
        rec.flags.append("no dateline")
    elif rec.date is None and rec.date_not_before is None:
        rec.flags.append("undated")
    if not rec.source_note:
        rec.flags.append("no source note")


def _safe(fn: Any, arg: Any, rec: Record, **kw: Any) -> Any:
    """A shared parser's value, or None when it refuses the input (FieldError), noted in flags."""
    try:
        return fn(arg, **kw)
    except FieldError:
        rec.flags.append(f"unparsed {fn.__name__.removeprefix('parse_').replace('_', ' ')}")
        return None

