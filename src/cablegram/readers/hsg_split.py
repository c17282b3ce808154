"""Cutting a history.state.gov page, as lines, into its documents (hsg-text, hsg-html).

A heading starts a document; its notes list, or the site's footer, ends it. Chrome
around the documents (navigation, the sidebar's list of documents, the citation box, a
repost's own text) is left out. What each kind of line looks like is in `hsg_layout`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cablegram.errors import FieldError
from cablegram.fields import parse_heading
from cablegram.fields.note_list import list_paragraph, split_notes
from cablegram.fields.note_marks import consecutive_run, glued_marks, unglue_marks
from cablegram.fields.page_marks import drop_page_marks
from cablegram.readers.hsg_layout import (
    MAX_NOTE_PARAGRAPHS,
    SOURCE_NOTE,
    NoteItem,
    PageDoc,
    PageLine,
    closes_note,
    heading_candidate,
    is_chrome,
    is_footer,
    note_start,
    strip_back,
)
from cablegram.readers.text_layout import HEADING, MARKER, is_dateline

_NOTE_OPENING = re.compile(r"^\s*(?:\d{1,3}\.\s+|[-•*–]\s+)?Source:", re.I)
_ITEM_OPENING = re.compile(r"^\s*(?:\d{1,3}\.\s|[-•*–]\s|Source:)")
_BULLET = re.compile(r"^\s*[-•*–]\s")
_NUMBERED = re.compile(r"^\s*(\d{1,3})\.\s(?!\s*Source:)")


_BARE_HEADING = re.compile(r"^(\d{1,5}[A-Za-z]?)\.()\s*(?:/\d{1,3}/|\d{1,3})?\s*$")


# The largest step between two numbers of a list of documents (a volume skips a few).
_LIST_STEP = 20


@dataclass(slots=True)
class PageSplit:
    """A page cut into its documents, and what was around them."""

    preamble: list[PageLine] = field(default_factory=list)
    docs: list[PageDoc] = field(default_factory=list)
    # The page ends after a notes list or in the site's footer: nothing was cut off.
    complete: bool = False
    toc: list[str] = field(default_factory=list)  # heading-shaped lines of a list


def _notes_at(lines: list[PageLine], i: int, doc_number: str | None, text_before: str = ""
              ) -> tuple[list[NoteItem], int] | None:
    """The notes list that starts at line `i`, and the index after it; None if none does.

    `doc_number`: the document's, on a page of several (None: the page has only this one,
    so no later heading can end the list). `text_before`: the document's heading and body,
    whose glued marks give the note numbers to expect."""
    items: list[NoteItem] = []
    arrows = False  # the list's items end in "↩"
    j = i
    expect: int | None = None
    while j < len(lines):
        m = note_start(lines[j].text)
        if m is None or (items and heading_candidate(lines[j].text, _next_text(lines, j))
                         and not _note_number_next(m.group("n"), expect, lines[j].text,
                                                   doc_number)):
            break
        numbered = m.group("n")
        close = _note_end(lines, j, first=not items) if arrows or not items else (
            j if closes_note(lines[j].text) else None)
        if close is not None:
            parts = [m.group("text")] + [lines[k].text.strip() for k in range(j + 1, close + 1)]
            items.append(NoteItem(numbered, strip_back("\n\n".join(parts)), lines[j].lineno))
            arrows = arrows or not items[:-1]
            j = close + 1
            expect = int(numbered) + 1 if numbered else None
            continue
        if arrows:
            break
        # Without "↩": only a numbered list that opens with the source note, and its
        # next numbers ("1. Source: …", "2. …"); other lines go on the note before.
        if not items:
            if not (numbered and SOURCE_NOTE.match(m.group("text"))):
                return None
            end = _numbered_end(lines, i, doc_number)
            if not any(closes_note(ln.text) for ln in lines[i:end]):
                # Numbers alone tell the notes apart: the list is read as a whole, so that
                # a note's own numbered paragraphs are not taken for the next notes.
                return _split_list(lines[i:end], _marks(text_before))[0], end
        elif not _note_number_next(numbered, expect, lines[j].text, doc_number):
            if is_chrome(lines[j].text) or expect is None:
                break
            items[-1].text += "\n\n" + lines[j].text.strip()
            j += 1
            continue
        items.append(NoteItem(numbered, m.group("text").strip(), lines[j].lineno))
        expect = int(numbered) + 1 if numbered else None
        j += 1
    return (items, j) if items else None


def _numbered_end(lines: list[PageLine], i: int, doc_number: str | None) -> int:
    """The index after a numbered notes list without "↩" that starts at line `i`: the
    chrome or footer after it, or a heading that cannot be one of its paragraphs (numbered
    past the list's numbers, or the next document's on a page of several)."""
    first = note_start(lines[i].text)
    top = int(first.group("n") or 0) if first else 0
    j = i + 1
    while j < len(lines):
        text = lines[j].text
        if is_chrome(text):
            break
        m = note_start(text)
        n = m.group("n") if m else None
        if n and heading_candidate(text, _next_text(lines, j)) and not _in_list(
                n, top, text, doc_number):
            break
        if n and int(n) <= top + 1 + _LIST_SKIP:
            top = max(top, int(n))
        j += 1
    return j


# The largest step between two notes' numbers in a list (as `fields.note_list` allows).
_LIST_SKIP = 5


def _in_list(n: str, top: int, text: str, doc_number: str | None) -> bool:
    """A heading-shaped numbered line that may be a paragraph of a notes list whose
    largest number so far is `top` (a note, or a paragraph a note quotes)."""
    if not 1 <= int(n) <= top + 1 + _LIST_SKIP:
        return False
    if doc_number is None:
        return True
    return not (names_document(text) and _after(n, doc_number)
                and (int(n) != top + 1 or _is_next(n, doc_number)))


def _marks(text: str) -> set[int]:
    """The numbers that stand where a glued note mark would, in `text`."""
    return {int(n) for n in glued_marks(text)}


def _split_list(lines: list[PageLine], marks: set[int] | None) -> tuple[list[NoteItem], int]:
    """The notes of a numbered list (its first line numbered), told from the numbered
    paragraphs that a note quotes (`fields.note_list`), and the split's cost."""
    indent = lines[0].indent
    paras = [list_paragraph(ln.text.strip(), ln.indent, indent) for ln in lines]
    split = split_notes(paras, marks)
    items: list[NoteItem] = []
    for a, b in zip(split.starts, [*split.starts[1:], len(lines)], strict=True):
        parts = [_item_text(lines[a].text)] + [ln.text.strip() for ln in lines[a + 1 : b]]
        items.append(NoteItem(str(paras[a].n), "\n\n".join(parts), lines[a].lineno))
    return items, split.cost


def _note_number_next(numbered: str | None, expect: int | None, text: str,
                      doc_number: str | None) -> bool:
    """A numbered line that goes on the list: near the next number (notes may skip or
    repeat one), and not the next document's heading."""
    if not numbered or expect is None or not expect - 1 <= int(numbered) <= expect + 5:
        return False
    if doc_number is None or (int(numbered) == expect and not _is_next(numbered, doc_number)):
        return True  # the very next note, and no document could be numbered so
    return not (heading_candidate(text) and _after(numbered, doc_number)
                and names_document(text))


def _item_text(text: str) -> str:
    m = note_start(text)
    return m.group("text").strip() if m else text.strip()


def _next_text(lines: list[PageLine], i: int) -> str | None:
    return drop_page_marks(lines[i + 1].text).text if i + 1 < len(lines) else None


def _note_end(lines: list[PageLine], j: int, first: bool) -> int | None:
    """The line whose "↩" ends the note item starting at `j`. The first item's later lines
    start no item of their own (a numbered body paragraph is not a note running into the
    notes); inside the list, a note may quote numbered paragraphs."""
    limit = MAX_NOTE_PARAGRAPHS if first else 4 * MAX_NOTE_PARAGRAPHS
    # A bulleted first item ("- The draft read as follows: …") may quote paragraphs
    # numbered from 1 ("1. Resolution Adopted …", "2. …"): those start no item.
    bullet = first and _BULLET.match(lines[j].text) is not None
    run = 1
    for k in range(j, min(j + limit, len(lines))):
        text = lines[k].text
        numbered = _NUMBERED.match(text) if bullet and k > j else None
        if numbered and int(numbered.group(1)) == run:
            run += 1
        elif k > j and first and (_ITEM_OPENING.match(text) or heading_candidate(text)):
            return None
        if k > j and is_footer(text):
            return None
        if closes_note(text):
            return k
    return None


def _toc_lines(lines: list[PageLine]) -> set[int]:
    """Lines of a list of documents: runs of two or more heading-shaped lines in a row."""
    heads = [heading_candidate(ln.text, _next_text(lines, i)) for i, ln in enumerate(lines)]
    toc: set[int] = set()
    for i in range(len(heads) - 1):
        a, b = heads[i], heads[i + 1]
        # Listed documents go up and name their type: "344. Memorandum …" then "1. French
        # Military Effort…" is a heading and its body's first section; a note "4. These
        # two sentences…" then "268. National Security Council Report" is no list.
        # A telegram's first paragraph "6070. Joint Defense-State message." right after its
        # heading "265. Telegram …" is no list either: listed numbers go up by small steps.
        if a is not None and b is not None and _after(b[0], a[0]) and _num(b[0])[0] - _num(
                a[0])[0] <= _LIST_STEP and names_document(
                lines[i].text) and names_document(lines[i + 1].text):
            toc.update((i, i + 1))
    return toc


def split_page(lines: list[PageLine], number_hint: str | None = None, *,
               numbered_notes: bool = False) -> PageSplit:
    """The documents of a page: a heading starts one, its notes list (or the footer) ends it.

    A first heading that shows neither a type nor a dateline ("415. The Secretary of State
    to the Embassy…" then "[Page 1507] confidential") is known by the sequence: the next
    document found is numbered one after it. It then starts a document too.

    `numbered_notes`: an older volume's page, whose notes list (no "Source:" item to open
    it) is a numbered run from 1 at the end, whatever marks can be found in the text."""
    toc = _toc_lines(lines)
    forced: set[int] = set()
    while True:
        out = _split(lines, number_hint, toc, frozenset(forced), numbered_notes)
        before = _heading_before(lines, out, toc) if number_hint is None else None
        if before is None or before in forced:
            return out
        forced.add(before)


def _heading_before(lines: list[PageLine], out: PageSplit, toc: set[int]) -> int | None:
    """The index of the preamble's last heading when it is numbered just before the page's
    first document and has text of its own before that document's heading."""
    if not out.docs:
        return None
    index = {id(ln): i for i, ln in enumerate(lines)}
    first = out.docs[0]
    text_after = False
    for line in reversed(out.preamble):
        i = index[id(line)]
        if i > index[id(first.heading)]:
            continue
        cand = heading_candidate(line.text.strip(), _next_text(lines, i))
        if cand is not None and i not in toc:
            return i if text_after and _is_next(first.number, cand[0]) else None
        text_after = text_after or not is_chrome(line.text)
    return None


def _split(lines: list[PageLine], number_hint: str | None, toc: set[int],
           forced: frozenset[int], numbered_notes: bool) -> PageSplit:
    out = PageSplit()
    cur: PageDoc | None = None
    notes_done = False
    note_lines: set[int] = set()
    i = 0
    while i < len(lines):
        line = lines[i]
        text = line.text.strip()
        cand = heading_candidate(text, _next_text(lines, i))
        if cur is None:
            named = (HEADING.match(text) or _BARE_HEADING.match(text)
                     if number_hint is not None and not out.docs else None)
            if named and named.group(1).lower() == (number_hint or "").lower() and i not in toc:
                # The page's URL or file name names this heading: whatever its shape, even
                # a number without a title ("72A.").
                cand = (named.group(1), (named.group(2) or "").strip())
            if i in forced:
                cand = cand or heading_candidate(text)
            if cand and i in toc:
                out.toc.append(text)
            elif cand and (i in forced or cand[0].lower() == (number_hint or "").lower() or (
                    # Unnamed by the page, a first heading shows a type or a dateline.
                    (number_hint is None or out.docs)
                    and (names_document(text) or _dateline_next(lines, i)))):
                cur = PageDoc(line, cand[0], cand[1])
                notes_done = False
            else:
                out.preamble.append(line)
            i += 1
            continue
        if notes_done:
            # A page named for one document (its URL, its file name) holds only that one.
            # A heading right after a notes list pairs with no note to make a list.
            listed = i in toc and (i + 1 in toc or i - 1 not in note_lines)
            if cand and not listed and _after(cand[0], cur.number) and number_hint is None:
                out.docs.append(cur)
                cur = PageDoc(line, cand[0], cand[1])
                notes_done = False
                out.complete = False
            elif is_footer(text):
                out.complete = True
                break
            i += 1
            continue
        if is_footer(text) and not cur.body:
            i += 1
            continue
        notes = _notes_at(lines, i, None if number_hint is not None else cur.number,
                          _doc_text(cur))
        if notes is not None:
            note_lines.update(range(i, notes[1]))
            cur.notes, i = notes
            cur = _split_off_noteless(cur, out)
            notes_done = True
            out.complete = True
            continue
        if is_footer(text):
            out.complete = True
            break
        # The next document when this one has no notes to end it: its heading has a
        # dateline after it, or (on a page that names no one document) names a type.
        if cand and _is_next(cand[0], cur.number) and (
                _dateline_next(lines, i) or (number_hint is None and names_document(text))):
            out.docs.append(cur)
            cur = PageDoc(line, cand[0], cand[1])
            i += 1
            continue
        cur.body.append(line)
        i += 1
    if cur is not None:
        out.docs.append(cur)
    for doc in out.docs:
        if not doc.notes:
            _notes_from_tail(doc, numbered_notes)
        _renumber(doc)
    last = out.docs[-1].notes if out.docs else []
    if last and re.search(r"[.)\]”\"’]$", last[-1].text.rstrip()):
        # The page reaches the last document's notes and ends a sentence: not cut off.
        out.complete = True
    elif out.docs and _whole_without_notes(out.docs[-1]):
        out.complete = True
    return out


def _doc_text(doc: PageDoc) -> str:
    return "\n".join(drop_page_marks(ln.text).text for ln in [doc.heading, *doc.body])


def _whole_without_notes(doc: PageDoc) -> bool:
    """A document that has no notes and needs none: no mark glued anywhere in it, and its
    last paragraph ends a sentence (many documents of the older volumes have no notes)."""
    if doc.notes or not doc.body:
        return False
    last = drop_page_marks(doc.body[-1].text).text.rstrip()
    if not re.search(r"[.!?][)\]”\"’']*$", last):
        return False
    texts = [drop_page_marks(ln.text).text for ln in [doc.heading, *doc.body]]
    # A mark, glued ("Bonna21") or the HTML page's own ("/1/"), points to a missing note.
    return not any(glued_marks(t) or MARKER.search(t) for t in texts)


def _notes_from_tail(doc: PageDoc, from_one: bool = False) -> None:
    """A numbered notes list without "↩" or source note ("2. Short title for …") is the
    body's last numbered paragraphs whose numbers are glued, in order, in the text before
    them: numbered paragraphs of the text itself have no such marks. A note may run over
    several paragraphs, and quote numbered ones (`fields.note_list` tells them apart).

    `from_one`: an older volume's list, counted 1, 2, … to the end; one mark found glued
    is enough, as some cannot be told from the text ("NE2", "October 24.3")."""
    best = _tail_list(doc, from_one)
    if best is not None:
        doc.body, doc.notes = doc.body[: best.start], best.notes


@dataclass(slots=True)
class _TailList:
    start: int  # the index in the body of the list's first line
    notes: list[NoteItem]
    found: int  # how many of its numbers are marks of the text before it
    cost: int


def _tail_list(doc: PageDoc, from_one: bool) -> _TailList | None:
    """The best notes list at the end of the body: the one whose numbers the text before
    it carries as marks most, then the one that leaves least unexplained, then the last."""
    texts = [drop_page_marks(ln.text).text for ln in [doc.heading, *doc.body]]
    marks: set[int] = set()
    best: _TailList | None = None
    for k, line in enumerate(doc.body):
        marks |= _marks(texts[k])  # the marks of the heading and body before line k
        m = note_start(line.text)
        n = m.group("n") if m else None
        # A list opens with a note whose mark is there, or counted from 1 by the browser.
        if n is None or (int(n) not in marks and n != "1"):
            continue
        cand = _tail_at(doc.body[k:], k, "\n".join(texts[: k + 1]), marks, from_one)
        if cand is not None and (best is None or (cand.found, -cand.cost) >= (
                best.found, -best.cost)):
            best = cand
    return best


def _tail_at(lines: list[PageLine], k: int, text: str, marks: set[int],
             from_one: bool) -> _TailList | None:
    """The notes list that opens at body line `k`, if the marks of `text` (the heading and
    body before it) bear it out."""
    notes, cost = _split_list(lines, marks)
    if int(notes[0].n or 0) == 1 and 1 not in marks:
        notes, cost = _split_list(lines, None)  # counted from 1: the marks say other numbers
    numbers = [note.n or "" for note in notes]
    if len(set(numbers)) < len(numbers):
        return None
    # A mark glued to a number ("US/S/60822") cannot be seen: most marks are enough.
    found = sum(1 for n in numbers if unglue_marks(text, [n]).found)
    # A list renumbered from 1 by the browser is the notes when the volume's marks are all
    # there (`_volume_numbers`); its numbers are put back with the other lists'.
    if _volume_numbers(text, numbers, found) is not None:
        found = len(numbers)
    elif not found or (2 * found < len(numbers) and not from_one):
        return None
    return _TailList(k, notes, found, cost)


def _renumber(doc: PageDoc) -> None:
    """The volume's note numbers on a notes list that the browser numbered from 1, or
    listed with bullets ("- …↩", counted from 1 too)."""
    numbers = [note.n for note in doc.notes]
    if not numbers or SOURCE_NOTE.match(doc.notes[0].text):
        return  # a later volume: its notes are the document's own, from the source note
    listed = [n for n in numbers if n is not None]
    if not listed:
        listed = [str(k) for k in range(1, len(numbers) + 1)]
    elif len(listed) < len(numbers):
        return
    text = "\n".join(drop_page_marks(ln.text).text for ln in [doc.heading, *doc.body])
    found = sum(1 for n in listed if unglue_marks(text, [n]).found)
    renumbered = _volume_numbers(text, listed, found)
    for note, n in zip(doc.notes, renumbered or [], strict=False):
        note.n = n


def _volume_numbers(text: str, numbers: list[str], found: int) -> list[str] | None:
    """The volume's numbers of a list that the browser numbered 1 to n, of which `found`
    marks are glued in the text as listed: the text carries all n marks glued in order,
    k to k+n-1 ("Bonna21" … "concurrence.24")."""
    if found == len(numbers) or numbers != [str(i) for i in range(1, len(numbers) + 1)]:
        return None
    start = consecutive_run(text, len(numbers))
    if start is None or start == 1:
        return None
    return [str(start + i) for i in range(len(numbers))]


def _counted_run(body: list[PageLine]) -> list[tuple[str, list[PageLine]]] | None:
    """The body's last "1. …", "2. …", … "k. …" to its end, each with the paragraphs
    after it; None unless the numbers after that "1." are exactly 2 to k."""
    numbered = [(i, m.group("n")) for i, ln in enumerate(body)
                if (m := note_start(ln.text)) is not None and m.group("n")]
    for pos in range(len(numbered) - 1, -1, -1):
        if numbered[pos][1] != "1":
            continue
        tail = numbered[pos:]
        if [n for _, n in tail] != [str(k) for k in range(1, len(tail) + 1)]:
            return None
        bounds = [i for i, _ in tail] + [len(body)]
        return [(n, body[bounds[k] : bounds[k + 1]]) for k, (_, n) in enumerate(tail)]
    return None


def _is_next(number: str, prev: str) -> bool:
    a, b = _num(number), _num(prev)
    return a[0] == b[0] + 1 or (a[0] == b[0] and a[1] > b[1])


def _dateline_next(lines: list[PageLine], i: int) -> bool:
    nxt = lines[i + 1].text if i + 1 < len(lines) else ""
    # "1. Source: …, 1962, Folder 24." has a place and a year, but is a note, not a dateline.
    return not _NOTE_OPENING.match(nxt) and is_dateline(drop_page_marks(nxt).text)


def _after(number: str, prev: str) -> bool:
    a, b = _num(number), _num(prev)
    return a > b


def _num(n: str) -> tuple[int, str]:
    digits = "".join(c for c in n if c.isdigit())
    return (int(digits) if digits else -1, n[len(digits):])


def _split_off_noteless(cur: PageDoc, out: PageSplit) -> PageDoc:
    """Docs without notes before this one in the same stretch: the notes' source mark on a
    later heading shows where the noted document starts."""
    if not cur.notes or not SOURCE_NOTE.match(cur.notes[0].text):
        return cur
    mark = cur.notes[0].n or "1"
    for k in range(len(cur.body) - 1, -1, -1):
        cand = heading_candidate(cur.body[k].text)
        if cand is None or not _after(cand[0], cur.number) or not _ends_with_mark(cand[1], mark):
            continue
        out.docs.append(PageDoc(cur.heading, cur.number, cur.title, cur.body[:k]))
        return PageDoc(cur.body[k], cand[0], cand[1], cur.body[k + 1 :], cur.notes)
    return cur


def _ends_with_mark(title: str, mark: str) -> bool:
    return title.endswith(f"/{mark}/") or (title.endswith(mark) and not title.endswith(" " + mark)
                                           and not title[: -len(mark)][-1:].isdigit())


def names_document(line: str) -> bool:
    """A heading that names a document type ("164. Telegram From …"), not any numbered line."""
    try:
        return parse_heading(line).doc_type is not None
    except FieldError:
        return False
