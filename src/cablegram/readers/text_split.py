"""Splitting a text rendering into its title block and raw documents, as a stream."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from cablegram.readers.page_layouts import FRUS_TEXT, PageLayout
from cablegram.readers.text_io import Paragraph
from cablegram.readers.text_layout import (
    CHROME,
    END_MARKER,
    HEADING,
    SOURCE,
    SOURCE_NOTE,
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
    r"|Remarks|Interview|Testimony|Talking Points|Chronology|Directive|Analysis|Plan)\b",
)
_DOC_WORDS_ANY_CASE = re.compile(_DOC_WORDS.pattern, re.I)
# A heading that opens with its type, after a few capitalised words ("National Security
# Council Report", "Operations Plan Prepared by …").
_TYPED = re.compile(r"^(?:[A-Z][\w.’'-]*\s+){0,4}" + _DOC_WORDS.pattern)
_YEARS = r"(\d{4}(?:\s*[-–]\s*\d{4})?)"
_VOLUME = (r"(Retrospective Volume|Volumes?\s+[^,]+(?:,\s*Part\s+\w+)?"
           r"(?:,\s*Microfiche Supplement)?)")
# "Foreign Relations of the United States, 1961–1963, Volume XI, …" (HTML titles), the
# 2001–2009 site's "Foreign Relations of the United States 1964-1968, Volume XIV" and
# "Foreign Relations, 1964-1968, Volume VI, Vietnam, January-August 1968".
_ONE_LINE_TITLE = re.compile(
    rf"^Foreign Relations(?: of the United States)?,?\s*{_YEARS}(?:,\s*{_VOLUME})?"
    r"(?:,\s*(.+?))?\.?$",
    re.I,
)
# The older www.state.gov/www/about_state/history pages: "1964-1968, Volume XXXIV", then
# the title on the next line.
_YEARS_LINE = re.compile(rf"^{_YEARS}(?:,\s*{_VOLUME})?$", re.I)
_ADDRESSED = re.compile(
    r"^(?:The |Mr\. |Mrs\. )?[A-Z][\w.,'’()-]*(?: [A-Z(][\w.,'’()-]*| of| the| for| and| in)*"
    r" to (?:the )?[A-Z]"
)
# Headings of documents whose text opens with a telegram number.
_TELEGRAM = re.compile(r"\b(Telegram|Cable|Airgram|Circular|Backchannel|Tosec|Secto|Message)")
# A microfiche catalog entry's page count: "… Secret. 3 pp. Kennedy Library, …".
_PAGES = re.compile(r"\b\d+ pp?\.")
# The note markers a heading ends with ("…to President Johnson/1/"); "WH/4/PM" inside stays.
_NOTE_AT_END = re.compile(r"(?:/\d{1,3}/)+\s*$")
_PREAMBLE_KEEP = 400  # lines of the preamble kept to find the title block in


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
    # Numbered lines of lists before any document (a table of contents, a chapter's list).
    listed: int = 0
    # Lines the splitter doubted: skipped numbers, headings kept as text (for warnings).
    notices: list[str] = field(default_factory=list)


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
    return _years_first(lines)


def _years_first(lines: list[str]) -> TitleBlock:
    """A "1964-1968, Volume XXXIV" line (or the years alone) and the title line after it."""
    block = TitleBlock()
    kept = [s.strip() for s in lines if s.strip()]
    for i, line in enumerate(kept):
        m = _YEARS_LINE.match(line)
        if m is None:
            continue
        block.years, block.volume = m.group(1), m.group(2)
        after = kept[i + 1] if i + 1 < len(kept) else ""
        part = re.match(r"^(Part\s+\w+)\s*(?:,\s*(.*))?$", after)
        if part and block.volume:  # "Volume E-5" / "Part 2, Documents on North Africa"
            block.volume += f", {part.group(1)}"
            after = part.group(2) or ""
        if after and not CHROME.match(after) and after.upper() != "DEPARTMENT OF STATE":
            block.title = after
        if block.volume or block.title:
            return block
        block = TitleBlock()
    return block




Key = tuple[int, str]


def _shouting(title: str) -> bool:
    """Mostly capital letters: a cable's numbered paragraph ("9. FACT THAT SMALLER …"),
    never a FRUS heading."""
    letters = [c for c in title[:200] if c.isalpha()]
    return len(letters) >= 12 and sum(c.isupper() for c in letters) > 0.7 * len(letters)


def _is_front(text: str) -> bool:
    """What follows a heading: a dateline or a source note ("//Source:", "/1/Source:")."""
    return bool(is_dateline(text) or SOURCE.match(text) or SOURCE_NOTE.match(text))


def _is_list(p: Paragraph) -> bool:
    """Lines that each start "N. …": a list of documents (a table of contents), not one."""
    numbered = sum(1 for line in p.lines if HEADING.match(line.strip()))
    return numbered >= 2 and numbered * 2 > len(p.lines)


@dataclass(slots=True)
class _Candidate:
    """A numbered paragraph weighed as a heading: the verdict, and a doubt worth a warning."""

    key: Key | None
    doubt: str | None = None


def _heading_key(p: Paragraph, nxt: Paragraph | None, prev: Key | None,
                 run: int | None, opening: bool = False, has_body: bool = True,
                 ) -> _Candidate:
    """Whether "N. …" starts a document, judged by its shape and its place.

    Its place: its number follows the previous document's (`prev`) and does not continue
    the numbered paragraphs of the current document's body (`run`, the last of them); where
    a telegram's text opens (`opening`) a number is its telegram number.
    Its shape: it names a document type or reads "A to B", and does not end like a
    sentence or shout in capitals; a dateline or a source note after it confirms it.
    """
    m = HEADING.match(p.text)
    if m is None or _is_list(p):
        return _Candidate(None)
    num = re.match(r"(\d+)(.*)", m.group(1))
    assert num is not None
    key = (int(num.group(1)), num.group(2).upper())
    title = _NOTE_AT_END.sub("", m.group(2))
    follow = nxt.text if nxt is not None else ""
    front = _is_front(follow)
    loose = title.rstrip(".,;:")
    loose = loose[:1].upper() + loose[1:]  # "special National Intelligence Estimate"
    shaped = is_heading_text(loose) and not _shouting(title)
    named = bool(_DOC_WORDS.search(title[:50]) or _ADDRESSED.match(title))
    where = f"line {p.lineno}: {m.group(1)}. {title[:60]!r}"
    if prev is not None and key <= prev:
        if front and shaped and named:
            return _Candidate(None, f"{where} looks like a heading but its number does not "
                              f"follow document {prev[0]}{prev[1]}: kept as text")
        return _Candidate(None)
    if title.strip().lower() == "editorial note":
        return _Candidate(key)  # unmistakable, even after a missed heading
    following = prev is None or key[0] - prev[0] in (0, 1)  # 0: "72A" after "72"
    # A dateline or source note next is strong evidence: catalog-entry headings of the
    # microfiche supplements are whole sentences ("… Secret. 3 pp. Kennedy Library, …").
    # A number further on (a volume or page that skips documents) is taken when it names a
    # document or the previous document has no text (a catalog entry), but not where a
    # telegram's text opens with its number: "997. Ref Embtel 1070 …" before a quoted
    # letter's dateline is the first paragraph of a telegram, unless it is a whole heading.
    bare = not opening and not has_body  # the previous document is a catalog entry
    catalog = bool(_DOC_WORDS_ANY_CASE.search(title[:50]) and _PAGES.search(title))
    # Taken on its number and the dateline alone, a heading must not end like a sentence:
    # "5. The delegation reported at length." before a quoted letter's "Geneva, November
    # 30, 1966." is the body's paragraph 5, not document 5 ("aide-memoire From …" is one).
    placed = following and (named or is_heading_text(title[:1].upper() + title[1:]))
    if front and shaped and (placed or bare or catalog or (
            named and (not opening or is_heading_text(title)))):
        return _Candidate(key)
    if not following:
        return _Candidate(None)
    typed = bool(_TYPED.match(title)) and is_heading_text(title) and not _shouting(title)
    if run is not None and key[0] == run + 1 and not typed:
        # "9. …" after the body's own "8. …" goes on with the body's paragraphs, unless it
        # opens with a document type ("130. Operations Plan Prepared by …" after a report's
        # paragraph 129).
        doubt = f"{where} could be a heading, but goes on with the numbered paragraphs " \
                f"of document {prev[0] if prev else '?'}: kept as text"
        return _Candidate(None, doubt if shaped and named else None)
    if _shouting(title):
        return _Candidate(None)
    # Without a dateline, a heading names its type ("Telegram From…", "Summary Record of…")
    # or reads "The Secretary of State to the Embassy in…" (older volumes).
    # "Telegram 3902 From the Embassy in Nigeria to the Department of State," (its dateline
    # printed in the heading) and "Paper Prepared in the Department of State, Undated."
    # Microfiche catalog entries with no dateline: "… Top Secret. 14 pp. WNRC, RG 330, …".
    # In a run of catalog entries (no text of their own), the next number that names a
    # document is the next entry, even as a whole sentence without a page count.
    if catalog or (bare and named):
        return _Candidate(key)
    cut = title.rstrip().endswith(",") or re.search(r",\s*undated\.?$", title, re.I)
    if cut and _DOC_WORDS.match(title) and is_heading_text(loose):
        return _Candidate(key)
    return _Candidate(key if named and is_heading_text(title) else None)


def split(paragraphs: Iterable[Paragraph], state: SplitState,
          layout: PageLayout = FRUS_TEXT) -> Iterator[RawDoc]:
    """Yield each document as soon as the next one starts; fill `state` on the way.

    The splitter checks its own output: every skip in the numbers it produced, and every
    numbered paragraph that looked like a heading but was kept as text, is in
    `state.notices` (with its line), so that no span of documents is lost in silence.
    """
    it = iter(paragraphs)
    cur = next(it, None)
    doc: RawDoc | None = None
    prev: Key | None = None
    run: int | None = None  # the last numbered paragraph of the current body
    in_front = False
    ended = False  # after the end line: site chrome, unless a document follows after all
    while cur is not None:
        nxt = next(it, None)
        text = cur.text
        if doc is not None and (layout.end.match(text) or END_MARKER.match(text)):
            state.end_marker = ended = True
            cur = nxt
            continue
        if ended:
            # Two saved pages in one file: a heading confirmed by a dateline or a source
            # note after the end line starts the next document; anything else is chrome.
            again = _heading_key(cur, nxt, prev, None).key is not None and _is_front(
                nxt.text if nxt is not None else "")
            if not again:
                cur = nxt
                continue
            ended = False
        opening = doc is not None and not doc.body and bool(
            _TELEGRAM.search(doc.heading)) and not _PAGES.search(doc.heading)
        cand = _heading_key(cur, nxt, prev, run, opening, doc is not None and bool(doc.body))
        if cand.doubt:
            state.notices.append(cand.doubt)
        if cand.key is not None:
            if doc is None:
                state.title = parse_title_block(state.preamble)
            else:
                yield doc
            m = HEADING.match(text)
            assert m is not None
            if prev is not None and cand.key[0] - prev[0] > 1:
                lost = prev[0] + 1, cand.key[0] - 1
                span = f"document {lost[0]} is" if lost[0] == lost[1] else \
                    f"documents {lost[0]}-{lost[1]} are"
                state.notices.append(
                    f"line {cur.lineno}: document numbers skip from {prev[0]}{prev[1]} to "
                    f"{m.group(1)}: {span} not here")
            doc = RawDoc(lineno=cur.lineno, number=m.group(1),
                         heading=_NOTE_AT_END.sub("", m.group(2)))
            state.documents += 1
            prev, run = cand.key, None
            in_front = True
        elif doc is None:
            if _is_list(cur):
                state.listed += sum(1 for line in cur.lines if HEADING.match(line.strip()))
            if len(state.preamble) < _PREAMBLE_KEEP:
                state.preamble.extend(s.strip() for s in cur.lines)
        else:
            src = (SOURCE.match(text) or SOURCE_NOTE.match(text)) if in_front else None
            if src and doc.source is None:
                doc.source = source_text(src)
            elif in_front and doc.dateline is None and is_dateline(text):
                doc.dateline = text
            else:
                in_front = False
                doc.body.append(text)
                numbered = HEADING.match(text)
                if numbered and numbered.group(1).isdigit():
                    run = int(numbered.group(1))
        cur = nxt
    if doc is not None:
        if not ended:
            while doc.body and layout.trailing_chrome.match(doc.body[-1]):
                doc.body.pop()
            doc.truncated = _looks_truncated(doc)
        yield doc


def _looks_truncated(doc: RawDoc) -> bool:
    """The last document of a file without its end marker, cut off mid-text."""
    if not doc.body:
        return doc.dateline is None and doc.source is None
    last = doc.body[-1].rstrip()
    return not last.endswith((".", "!", "?", '"', "”", "'", "’", ")", "]")) and len(last) > 70
