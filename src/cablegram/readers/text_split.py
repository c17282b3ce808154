"""Splitting a text rendering into its title block and raw documents, as a stream."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from cablegram.readers.text_io import Paragraph
from cablegram.readers.text_layout import (
    CHROME,
    END_MARKER,
    HEADING,
    SOURCE,
    collection_id,
    is_dateline,
    is_heading_text,
    source_text,
    years_slug,
)

# Words that make "N. ..." a document heading even without a dateline after it.
_DOC_WORDS = re.compile(
    r"\b(Editorial Note|Telegram|Memorandum|Letter|Note|Record|Paper|Message|Report|Minutes"
    r"|Despatch|Dispatch|Airgram|Circular|Instruction|Summary|Notes|Conversation|Statement"
    r"|Draft|Diary|Transcript|Briefing|Aide-M[ée]moire|Estimate|Minute|Cable|Backchannel"
    r"|Communication|Study|Agreement|Intelligence|Untitled|Press Release|Aide-Memoire"
    r"|Oral Statement|Proclamation|Resolution|Editorial|Extract|Article|Essay|Speech|Address"
    r"|Remarks|Interview|Testimony|Talking Points|Chronology|Directive|Analysis)\b",
)
_ONE_LINE_TITLE = re.compile(
    r"^Foreign Relations of the United States,\s*(\d{4}(?:\s*[-–]\s*\d{4})?)"
    r"(?:,\s*(Volumes?\s+[^,]+(?:,\s*Part\s+\w+)?(?:,\s*Microfiche Supplement)?))?"
    r"(?:,\s*(.+?))?\.?$",
    re.I,
)
_ADDRESSED = re.compile(
    r"^(?:The |Mr\. |Mrs\. )?[A-Z][\w.,'’()-]*(?: [A-Z(][\w.,'’()-]*| of| the| for| and| in)*"
    r" to (?:the )?[A-Z]"
)
_PREAMBLE_KEEP = 400
# The largest step between two document numbers taken for a heading (pages skip a few).
MAX_GAP = 25  # lines of the preamble kept to find the title block in


@dataclass(slots=True)
class TitleBlock:
    years: str | None = None
    volume: str | None = None
    title: str | None = None

    @property
    def collection(self) -> str | None:
        return collection_id(self.years, self.volume, self.title) if self.years else None


@dataclass(slots=True)
class RawDoc:
    """One document's paragraphs as printed (footnote markers still in)."""

    lineno: int
    number: str
    heading: str
    dateline: str | None = None
    source: str | None = None
    body: list[str] = field(default_factory=list)
    truncated: bool = False


@dataclass(slots=True)
class SplitState:
    """What the splitter learnt besides the documents (read it after iterating)."""

    title: TitleBlock = field(default_factory=TitleBlock)
    preamble: list[str] = field(default_factory=list)
    end_marker: bool = False
    documents: int = 0


def parse_title_block(lines: list[str]) -> TitleBlock:
    """The years, volume and title lines that follow "FOREIGN RELATIONS OF THE UNITED STATES"."""
    block = TitleBlock()
    for line in lines:
        one = _ONE_LINE_TITLE.match(line.strip())
        if one:  # "Foreign Relations of the United States, 1961–1963, Volume XI, Title"
            block.years, block.volume, block.title = one.group(1), one.group(2), one.group(3)
            return block
    for i, line in enumerate(lines):
        if line.strip().upper() != "FOREIGN RELATIONS OF THE UNITED STATES":
            continue
        rest = [s.strip() for s in lines[i + 1 : i + 6] if s.strip()]
        if rest and years_slug(rest[0]):
            block.years = rest.pop(0)
        if rest and re.match(r"^(Volumes?\b|Retrospective Volume)", rest[0], re.I):
            block.volume = rest.pop(0)
            part = re.match(r"^(Part\s+\w+)\s*(?:,\s*(.*))?$", rest[0]) if rest else None
            if part:  # "Volume E-5" / "Part 2, Documents on North Africa"
                block.volume += f", {part.group(1)}"
                rest[0] = part.group(2) or ""
        if rest and rest[0] and rest[0].upper() != "DEPARTMENT OF STATE" and not CHROME.match(
            rest[0]
        ):
            block.title = rest[0]
        return block
    return block


Key = tuple[int, str]


def _heading_key(p: Paragraph, nxt: Paragraph | None, prev: Key | None) -> Key | None:
    """(number, letter) of a document heading ("72A." -> (72, "A")), or None."""
    m = HEADING.match(p.text)
    if m is None:
        return None
    num = re.match(r"(\d+)(.*)", m.group(1))
    assert num is not None
    key = (int(num.group(1)), num.group(2).upper())
    if prev is not None and key <= prev:
        return None
    title = m.group(2)
    follow = nxt.text if nxt is not None else ""
    # A dateline or source note next is strong evidence: catalog-entry headings of the
    # microfiche supplements are whole sentences ("… Secret. 3 pp. Kennedy Library, …").
    # A far jump is a telegram number ("997. Ref Embtel 1070 …") followed by a quoted
    # letter's dateline, not the next document.
    near = prev is None or key[0] - prev[0] <= MAX_GAP
    loose = title.rstrip(".,;:")
    loose = loose[:1].upper() + loose[1:]  # "special National Intelligence Estimate"
    if near and (is_dateline(follow) or SOURCE.match(follow)) and is_heading_text(loose):
        return key
    if title.strip().lower() == "editorial note" and near:
        return key  # unmistakable, even after a missed heading
    # Without a dateline, a heading names its type ("Telegram From…", "Summary Record of…")
    # or reads "The Secretary of State to the Embassy in…" (older volumes), and is the very
    # next number: "4. Memorandum of …" inside document 2 stays text.
    if prev is not None and key[0] - prev[0] not in (0, 1):  # 0: "72A" after "72"
        return None
    # "Telegram 3902 From the Embassy in Nigeria to the Department of State," (its dateline
    # printed in the heading) and "Paper Prepared in the Department of State, Undated."
    # Microfiche catalog entries with no dateline: "… Top Secret. 14 pp. WNRC, RG 330, …".
    if _DOC_WORDS.search(title[:50]) and re.search(r"\b\d+ pp?\.", title):
        return key
    cut = title.rstrip().endswith(",") or re.search(r",\s*undated\.?$", title, re.I)
    if cut and _DOC_WORDS.match(title) and is_heading_text(loose):
        return key
    named = _DOC_WORDS.search(title[:50]) or _ADDRESSED.match(title)
    return key if named and is_heading_text(title) else None


def split(paragraphs: Iterable[Paragraph], state: SplitState) -> Iterator[RawDoc]:
    """Yield each document as soon as the next one starts; fill `state` on the way."""
    it = iter(paragraphs)
    cur = next(it, None)
    doc: RawDoc | None = None
    prev: Key | None = None
    in_front = False
    while cur is not None:
        nxt = next(it, None)
        text = cur.text
        if END_MARKER.match(text):
            state.end_marker = True
            break
        key = _heading_key(cur, nxt, prev)
        if key is not None:
            if doc is None:
                state.title = parse_title_block(state.preamble)
            else:
                yield doc
            m = HEADING.match(text)
            assert m is not None
            doc = RawDoc(lineno=cur.lineno, number=m.group(1), heading=m.group(2))
            state.documents += 1
            prev = key
            in_front = True
        elif doc is None:
            if len(state.preamble) < _PREAMBLE_KEEP:
                state.preamble.extend(s.strip() for s in cur.lines)
        else:
            src = SOURCE.match(text) if in_front else None
            if src and doc.source is None:
                doc.source = source_text(src)
            elif in_front and doc.dateline is None and is_dateline(text):
                doc.dateline = text
            else:
                in_front = False
                doc.body.append(text)
        cur = nxt
    if doc is not None:
        if not state.end_marker:
            while doc.body and CHROME.match(doc.body[-1]):
                doc.body.pop()
            doc.truncated = _looks_truncated(doc)
        yield doc


def _looks_truncated(doc: RawDoc) -> bool:
    """The last document of a file without its end marker, cut off mid-text."""
    if not doc.body:
        return doc.dateline is None and doc.source is None
    last = doc.body[-1].rstrip()
    return not last.endswith((".", "!", "?", '"', "”", "'", "’", ")", "]")) and len(last) > 70
