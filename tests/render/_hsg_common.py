"""What the hsg-text and hsg-html renderers share: a document's parts as history.state.gov
prints them (heading, dateline, body paragraphs with note marks and page breaks, notes).

Shaped after the markup rules of the HistoryAtState/hsg-shell repository
(`modules/ext-html.xql`: a note is `<a class="note" rel="footnote">N</a>` and a list item
`<li class="footnote" value="N">…<a class="fn-back">↩</a>`; `resources/odd/source/frus.odd`:
a page break is a link reading "[Page N]"), and after real pages such as
https://history.state.gov/historicaldocuments/frus1969-76v15/d164.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cablegram.export.frus_text import dateline
from cablegram.record import Collection, Record

SITE = "https://history.state.gov/historicaldocuments"


@dataclass
class Mark:
    """A note mark at `pos` of a paragraph (glued there in text; a link in HTML)."""

    pos: int
    n: str


@dataclass
class Para:
    text: str
    marks: list[Mark] = field(default_factory=list)
    # (position, page): a "[Page N]" marker inside the paragraph; position 0: before it.
    pages: list[tuple[int, str]] = field(default_factory=list)


@dataclass
class Doc:
    number: str
    title: str
    source_mark: str | None
    source: str | None
    dateline: str | None
    paras: list[Para]
    notes: list[tuple[str, str]]  # (n, text); the source note first when there is one
    url: str


def number_of(rec: Record) -> str:
    return rec.number or rec.id.rsplit("/", 1)[-1].lstrip("d")


def _mark_places(text: str) -> list[int]:
    """Where a note mark may be glued: after a sentence, after "1974," and at the end."""
    places = [m.end() for m in re.finditer(r"\b[a-z]{3,}[)”\"]?\.(?= [A-Z])", text)]
    places += [m.end() for m in re.finditer(r"\b1[89]\d\d,(?= [a-z])", text)]
    places += [m.end() for m in re.finditer(r"\b\d{3,5}\.(?= [A-Z])", text)]
    places.append(len(text.rstrip()))
    return sorted(set(places))


class PageCounter:
    """Printed page numbers running through a volume."""

    def __init__(self) -> None:
        self.page = 1


def build_doc(collection: Collection, rec: Record, pages: PageCounter) -> Doc:
    """The parts of one record as the site prints them; marks and page breaks placed."""
    n = number_of(rec)
    notes: list[tuple[str, str]] = []
    first = rec.footnotes[0].n if rec.footnotes else None
    source_mark = None
    if rec.source_note:
        source_mark = "0" if first == "1" else "1"
        notes.append((source_mark, _squash_note(rec.source_note)))
    for i, fn in enumerate(rec.footnotes, 1):
        notes.append((fn.n if fn.n.isdigit() else str(i + 1), fn.text.strip()))
    body = [Para(p.strip()) for p in rec.text.split("\n\n") if p.strip()]
    others = notes[1:] if rec.source_note else notes
    _place_marks(body, [k for k, _ in others])
    _place_pages(body, pages, int(n) if n.isdigit() else 0)
    # An untitled document is printed "N. Untitled", as the other renderers print it.
    return Doc(n, " ".join(rec.title.split()) or "Untitled", source_mark, rec.source_note,
               dateline(rec), body, notes, f"{SITE}/{collection.id}/{rec.id.rsplit('/', 1)[-1]}")


def _squash_note(text: str) -> str:
    text = text.strip()
    return text if text.startswith("Source:") else f"Source: {text}"


def _place_marks(body: list[Para], marks: list[str]) -> None:
    if not body:
        return
    # Spread the marks over the paragraphs in order, one place each.
    k = 0
    for i, para in enumerate(body):
        share = len(marks) - k if i == len(body) - 1 else (len(marks) + len(body) - 1) // len(body)
        places = _mark_places(para.text)
        for pos in places[:share]:
            if k >= len(marks):
                break
            para.marks.append(Mark(pos, marks[k]))
            k += 1


def _place_pages(body: list[Para], pages: PageCounter, seed: int) -> None:
    for i, para in enumerate(body):
        if (i + seed) % 3 != 1:
            continue
        pages.page += 1
        if (i + seed) % 2:
            # Mid-sentence: after the middle word.
            spaces = [m.start() for m in re.finditer(" ", para.text)]
            pos = spaces[len(spaces) // 2] if spaces else 0
            para.pages.append((pos, str(pages.page)))
        else:
            para.pages.append((0, str(pages.page)))


def volume_line(collection: Collection) -> str:
    meta = collection.meta
    years = str(meta.get("subseries") or "").strip()
    vol = str(meta.get("volumenumber") or "").strip()
    title = str(meta.get("volume") or collection.title or "").strip()
    parts = [p for p in ("Foreign Relations of the United States", years, vol, title) if p]
    return ", ".join(" ".join(p.split()) for p in parts)


def chapters(records: list[Record]) -> list[list[Record]]:
    """Runs of records of one chapter, in order."""
    runs: list[list[Record]] = []
    last: object = object()
    for rec in records:
        ch = rec.extra.get("chapter")
        if not runs or ch != last:
            runs.append([])
            last = ch
        runs[-1].append(rec)
    return runs


def chapter_run(records: list[Record]) -> list[Record]:
    """The run of records rendered as one chapter page: the second chapter of 2 to 12
    documents (else none), so that every volume has a few documents read that way."""
    runs = [r for r in chapters(records) if 2 <= len(r) <= 12]
    return runs[1] if len(runs) > 1 else (runs[0] if runs else [])
