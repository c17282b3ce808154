"""A history.state.gov page, as lines, read into records (layouts hsg-text and hsg-html).

The page is cut into documents (`hsg_split`); glued note numbers and "[Page N]" markers
come off through the shared parsers; then each document, as the text layout's raw
document (heading, dateline, source note, body with "/n/" marks, "/n/…" notes), is built
into a record by the frus-text pipeline's `build_record`.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from pathlib import Path

from cablegram.errors import ReadError
from cablegram.fields.doc_name import DocName, find_doc_url, parse_doc_url, parse_file_name
from cablegram.fields.note_marks import split_heading_mark, unglue_marks
from cablegram.fields.page_marks import drop_page_marks, page_before
from cablegram.readers.hsg_layout import SOURCE_NOTE, NoteItem, PageDoc, PageLine
from cablegram.readers.hsg_refusals import listing_reason, textless
from cablegram.readers.hsg_split import PageSplit, names_document, split_page
from cablegram.readers.hsg_unnumbered import find_unnumbered, number_unnumbered
from cablegram.readers.sequence import check_sequence
from cablegram.readers.text import build_record
from cablegram.readers.text_layout import is_dateline
from cablegram.readers.text_split import RawDoc, parse_title_block
from cablegram.record import Batch, Collection, Record

# How many unreadable marks in a row a later mark may pass over.
_MAX_SKIP = 3


@dataclass(slots=True)
class PageRaw:
    """One document as the text pipeline's RawDoc, and the printed pages of its paragraphs."""

    raw: RawDoc
    pages: list[tuple[str, list[str]]] = field(default_factory=list)


def raw_docs(split: PageSplit, *, explicit_marks: bool) -> list[PageRaw]:
    """Each document's heading, dateline, source note, body with "/n/" marks and notes."""
    out: list[PageRaw] = []
    page: str | None = None
    for doc in split.docs:
        notes = list(doc.notes)
        numbers = _note_numbers(doc, notes)
        source = None
        source_mark: str | None = None
        if notes and SOURCE_NOTE.match(notes[0].text):
            source = SOURCE_NOTE.sub("", notes[0].text, count=1).strip()
            source_mark = numbers[0]
            notes, numbers = notes[1:], numbers[1:]
        title = doc.title
        body_numbers = numbers
        if explicit_marks:
            title = _strip_explicit(title)
        elif source is not None:
            title = split_heading_mark(title, source_mark, sure=True).text
        else:
            # No source note: a note on the heading shows only glued to a word ("…State1").
            head = split_heading_mark(title, numbers[0] if numbers else "1")
            title = head.text
            body_numbers = numbers[len(head.found):]
        raw = RawDoc(lineno=doc.heading.lineno, number=doc.number, heading=title.strip(),
                     source=source)
        item = PageRaw(raw)
        expected = [] if explicit_marks else list(body_numbers)
        for line in doc.body:
            marks = drop_page_marks(line.text.strip())
            if marks.pages and page is None:
                # The page that the first marker ends is also that of the lines before it.
                page = page_before(marks.pages[0])
                for _, on in item.pages:
                    on[:0] = [page] if page is not None and not on else []
            text = marks.text
            if not text:
                page = marks.pages[-1] if marks.pages else page
                continue
            if expected:
                unglued = unglue_marks(text, expected)
                # The next marks may be unreadable ("US/S/60822"): when a later one is
                # here, those before it were before, and are passed over.
                for skip in range(1, min(len(expected), _MAX_SKIP + 1)):
                    if unglued.found:
                        break
                    later = unglue_marks(text, expected[skip:])
                    if later.found:
                        unglued, expected = later, expected[skip:]
                text = unglued.text
                expected = expected[len(unglued.found):]
            on = [page] if page is not None else []
            if marks.pages:
                starts_with_break = line.text.lstrip().startswith("[Page")
                on = marks.pages if starts_with_break or not on else on + marks.pages
                page = marks.pages[-1]
            # The dateline stands before the body (as the text layout's splitter takes it).
            if not raw.body and raw.dateline is None and is_dateline(_plain(text)):
                raw.dateline = text
                continue
            raw.body.append(text)
            item.pages.append((_plain(text), on))
        raw.body += [f"/{n}/{note.text}" for n, note in zip(numbers, notes, strict=False)]
        out.append(item)
    return out


def _note_numbers(doc: PageDoc, notes: list[NoteItem]) -> list[str]:
    """Each note's number: as printed, else counted on from the heading's mark (0 or 1)."""
    start = 1
    if notes and notes[0].n is None and SOURCE_NOTE.match(notes[0].text):
        trailing = doc.title.rstrip().rstrip("/")
        digit = trailing[-1:] if trailing[-1:].isdigit() else ""
        start = 0 if digit == "0" else 1
    numbers: list[str] = []
    for i, note in enumerate(notes):
        numbers.append(note.n if note.n is not None else str(start + i))
    return numbers


def _strip_explicit(title: str) -> str:
    while title.rstrip().endswith("/") and "/" in title.rstrip()[:-1]:
        head = title.rstrip()[:-1]
        cut = head.rfind("/")
        if not head[cut + 1 :].isdigit():
            break
        title = head[:cut]
    return title


def _plain(text: str) -> str:
    return re.sub(r"/\d{1,3}/", "", text).strip()


def name_document(url: str | None, path: Path, collection: str | None,
                  preamble: list[str]) -> tuple[str | None, str | None, str]:
    """(volume, number, how): the page's URL, then its file name, then the title block,
    then `--collection`."""
    by_url = parse_doc_url(url) if url else None
    by_file = parse_file_name(path.name) or DocName()
    number = (by_url.number if by_url else None) or by_file.number
    if by_url and by_url.collection:
        return by_url.collection, number, "url"
    if by_file.collection:
        return by_file.collection, number, "file name"
    title = parse_title_block(preamble).collection
    if title:
        return title, number, "title block"
    if collection:
        return collection, number, "--collection"
    return None, number, "none"


def read_page(lines: list[PageLine], path: Path, *, fmt: str, collection: str | None,
              url: str | None = None, explicit_marks: bool = False,
              whole: bool = False) -> Batch:
    """The Batch of one page: its documents, named from its URL, file name or `collection`.

    `whole`: the page is known to be complete (an HTML page that reaches `</html>`)."""
    if not any(ln.text.strip() for ln in lines):
        raise ReadError(path, "the file is empty")
    url = url or next((u for ln in lines if (u := find_doc_url(ln.text))), None)
    hint = ((parse_doc_url(url) if url else None) or DocName()).number
    hint = hint or (parse_file_name(path.name) or DocName()).number
    file_line: str | None = None
    old = find_unnumbered(lines)
    # The page's first heading wins: "2." above "The X to the Y" is a numbered document's.
    if old is not None and hint is not None and not _numbered(lines[: old.heading], hint):
        lines, file_line = number_unnumbered(lines, old, hint)
    split = split_page(lines, hint, numbered_notes=file_line is not None)
    if not split.docs and hint is not None:
        split = split_page(lines, None)
    if not split.docs and old is not None:
        raise ReadError(path, "a document of an older volume, whose heading has no number, "
                              "and neither the page's URL nor its file name gives it (name "
                              "the file after the document, e.g. frus1941v01_d848.txt)")
    if not split.docs:
        if any(names_document(t) for t in split.toc):
            raise ReadError(path, listing_reason(len(split.toc), lines, url, sources=False))
        raise ReadError(path, "no FRUS document in this page (no 'N. Heading' line followed "
                              "by its text and notes)")
    named = hint is not None and len(split.docs) == 1
    # A heading alone is a document only where the page names it: a catalog entry of a
    # microfiche supplement is all heading; a chapter page lists headings and source notes.
    if not named and all(textless(d) for d in split.docs):
        sources = any(not (not d.body and not d.notes) for d in split.docs)
        if len(split.docs) + len(split.toc) > 1 or sources:
            raise ReadError(path, listing_reason(len(split.docs) + len(split.toc), lines, url,
                                                 sources=sources))
        raise ReadError(path, "no document text in this page: only a heading")
    preamble = [ln.text.strip() for ln in split.preamble]
    coll, number, how = name_document(url, path, collection, preamble)
    docs = raw_docs(split, explicit_marks=explicit_marks)
    if file_line is not None and len(docs) == 1 and docs[0].raw.source is None:
        docs[0].raw.source = file_line  # as the TEI keeps it: the inline source note
    fallback = coll or _file_stem(path)
    title = parse_title_block(preamble)
    records: list[Record] = []
    year: int | None = None
    for item in docs:
        rec = build_record(item.raw, fallback, fmt=fmt, origin=str(path), default_year=year)
        if rec.date:
            year = int(rec.date[:4])
        # The id as the page's own URL or file name spells it (the TEI xml:id: "d302a" for
        # "302A" in some volumes, "d273A" in others), else as printed.
        if number and rec.number and number.lower() == rec.number.lower():
            rec.id = f"{fallback}/d{number}"
        rec.extra["paragraph_pages"] = _align_pages(rec.text, item.pages)
        records.append(rec)
    meta = {"series": "Foreign Relations of the United States" if title.years else None,
            "subseries": title.years, "volumenumber": title.volume, "volume": title.title}
    batch = Batch(Collection(id=fallback, title=title.title or "", format=fmt,
                             meta={k: v for k, v in meta.items() if v}), records)
    warnings = batch.warnings
    if coll is None:
        warnings.insert(0, f"nothing names the volume (no history.state.gov URL, no volume in "
                           f"the file name, no --collection): records filed under {fallback!r}")
    if number is not None and len(batch.records) == 1 and (
            (batch.records[0].number or "").lower() != number.lower()):
        warnings.append(f"the page's {'URL' if how == 'url' else 'file name'} names document "
                        f"{number}, its heading {batch.records[0].number}")
    if not split.complete and not whole:
        last = batch.records[-1]
        if "truncated" not in last.flags:
            last.flags.append("truncated")
            warnings.append(f"document {last.number} may be cut off: the page ends without "
                            "its notes list or the site's footer")
    warnings.extend(_skips(docs))
    for rec in batch.records if url and len(batch.records) == 1 else []:
        rec.extra["url"] = url
    warnings.extend(check_sequence(batch.records))
    return batch


def _numbered(lines: list[PageLine], number: str | None) -> bool:
    """A line is headed with the page's document number ("848. …", "848.")."""
    if number is None:
        return False
    head = re.compile(rf"^{re.escape(number)}\.(?:\s|$)", re.I)
    return any(head.match(ln.text.strip()) for ln in lines)


def _skips(docs: list[PageRaw]) -> list[str]:
    """A warning for every skip in the document numbers of a page (a chapter page that
    lost some), worded as the text splitter words it."""
    out: list[str] = []
    for a, b in itertools.pairwise(d.raw for d in docs):
        m, n = re.match(r"\d+", a.number), re.match(r"\d+", b.number)
        if m and n and int(n.group()) - int(m.group()) > 1:
            lost = int(m.group()) + 1, int(n.group()) - 1
            span = (f"document {lost[0]} is" if lost[0] == lost[1]
                    else f"documents {lost[0]}-{lost[1]} are")
            out.append(f"line {b.lineno}: document numbers skip from {a.number} to "
                       f"{b.number}: {span} not here")
    return out


def _align_pages(text: str, pages: list[tuple[str, list[str]]] | None) -> list[list[str]]:
    """The printed pages of each paragraph of `text`, matched to the page's body lines."""
    out: list[list[str]] = []
    pending = list(pages or [])
    for para in text.split("\n\n") if text else []:
        found: list[str] = []
        for k, (plain, on) in enumerate(pending):
            if plain == para.strip():
                found = on
                pending = pending[k + 1 :]
                break
        out.append(found)
    return out


def _file_stem(path: Path) -> str:
    name = path.name
    for suffix in (".gz", ".txt", ".html", ".htm"):
        name = name.removesuffix(suffix)
    return name or "page"
