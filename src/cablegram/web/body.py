"""A record's text as paragraphs of marked segments: persons, terms, redactions, references.

Pure data for the template: `paragraphs(text, marks)` cuts the text at the marks and returns
paragraphs of `Segment`s; the template only prints them (autoescaped).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from cablegram.record import Record


@dataclass(frozen=True, slots=True)
class Mark:
    """A span of the text to show specially. kind: person | term | redaction | reference."""

    start: int
    end: int
    kind: str
    note: str | None = None  # the hover text: a term's expansion, a redaction's extent
    target: str | None = None  # a record id (reference) or person id


@dataclass(frozen=True, slots=True)
class Segment:
    text: str
    kind: str = "text"  # text | br | person | term | redaction | reference
    note: str | None = None
    target: str | None = None


def _occurrences(text: str, needle: str) -> Iterable[int]:
    if not needle:
        return
    at = text.find(needle)
    while at >= 0:
        yield at
        at = text.find(needle, at + len(needle))


def record_marks(record: Record, text: str | None = None,
                 resolved: Iterable[tuple[str, str]] | None = None) -> list[Mark]:
    """The marks of `text` (default: the record's body): mentions by offset (body only),
    redactions, and references wherever their text occurs.

    `resolved`: (reference text, target id) of the references that resolve to a document of
    the archive (`Archive.refs`), telegrams included; without it, the record's own
    references that name a target.
    """
    body = text is None
    text = record.text if text is None else text
    marks: list[Mark] = []
    if body:
        for p in record.persons:
            # The register's id once linked; else the entry of the volume's persons list.
            target = p.id or (f"{record.collection}:{p.volume_id}" if p.volume_id else None)
            for m in p.mentions:
                if text[m.start:m.end] == m.text and m.start < m.end:
                    marks.append(Mark(m.start, m.end, "person", p.name, target))
        for t in record.terms:
            for m in t.mentions:
                if text[m.start:m.end] == m.text and m.start < m.end:
                    marks.append(Mark(m.start, m.end, "term", t.expansion))
    for r in record.redactions:
        for at in _occurrences(text, r.text):
            marks.append(Mark(at, at + len(r.text), "redaction", r.extent))
    targets = resolved if resolved is not None else (
        (ref.text, ref.target) for ref in record.references if ref.target)
    for ref_text, target in targets:
        for at in _occurrences(text, ref_text):
            marks.append(Mark(at, at + len(ref_text), "reference", ref_text, target))
    return marks


def _lines(text: str) -> list[Segment]:
    out: list[Segment] = []
    for i, line in enumerate(text.split("\n")):
        if i:
            out.append(Segment("", "br"))
        if line:
            out.append(Segment(line))
    return out


def paragraphs(text: str, marks: Iterable[Mark]) -> list[list[Segment]]:
    """The text's paragraphs (split at blank lines), each a list of segments.

    Marks that overlap an earlier-starting (or, at one start, longer) mark are dropped, and
    so are marks that cross a paragraph break or lie outside the text.
    """
    chosen: list[Mark] = []
    for m in sorted(marks, key=lambda m: (m.start, -m.end)):
        fits = 0 <= m.start < m.end <= len(text) and "\n\n" not in text[m.start:m.end]
        if fits and (not chosen or m.start >= chosen[-1].end):
            chosen.append(m)
    out: list[list[Segment]] = []
    at, i = 0, 0
    for para in text.split("\n\n"):
        end = at + len(para)
        segs: list[Segment] = []
        pos = at
        while i < len(chosen) and chosen[i].start < end:
            m = chosen[i]
            i += 1
            if m.start < pos or m.end > end:
                continue  # (it runs into the break after this paragraph, or began in it)
            segs += _lines(text[pos:m.start])
            segs.append(Segment(text[m.start:m.end], m.kind, m.note, m.target))
            pos = m.end
        segs += _lines(text[pos:end])
        if segs:
            out.append(segs)
        at = end + 2
    return out
