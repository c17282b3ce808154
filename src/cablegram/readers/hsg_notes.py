"""The notes list of a history.state.gov document page, as lines (hsg-text, hsg-html).

Items ending in "↩", or a numbered list without it ("1. Source: …", "2. …"), or, on an
older volume's page, the body's last numbered paragraphs whose numbers the text carries
as glued marks. Without "↩" a note may quote numbered paragraphs: the list is split as a
whole by `fields.note_list`. A browser's renumbering from 1 is undone from the marks.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

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
    names_document,
    next_text,
    note_start,
    number_after,
    number_next,
    strip_back,
)

_ITEM_OPENING = re.compile(r"^\s*(?:\d{1,3}\.\s|[-•*–]\s|Source:)")
_BULLET = re.compile(r"^\s*[-•*–]\s")
_NUMBERED = re.compile(r"^\s*(\d{1,3})\.\s(?!\s*Source:)")


def notes_at(lines: list[PageLine], i: int, doc_number: str | None,
             text_before: Callable[[], str] = str) -> tuple[list[NoteItem], int] | None:
    """The notes list that starts at line `i`, and the index after it; None if none does.

    `doc_number`: the document's, on a page of several (None: the page has only this one,
    so no later heading can end the list). `text_before()`: the document's heading and body,
    whose glued marks give the note numbers to expect (made only when a list needs them)."""
    items: list[NoteItem] = []
    arrows = False  # the list's items end in "↩"
    j = i
    expect: int | None = None
    while j < len(lines):
        m = note_start(lines[j].text)
        if m is None or (items and heading_candidate(lines[j].text, next_text(lines, j))
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
                return _split_list(lines[i:end], _marks(text_before()))[0], end
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
        if n and heading_candidate(text, next_text(lines, j)) and not _in_list(
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
    return not (names_document(text) and number_after(n, doc_number)
                and (int(n) != top + 1 or number_next(n, doc_number)))


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
    if doc_number is None or (int(numbered) == expect and not number_next(numbered, doc_number)):
        return True  # the very next note, and no document could be numbered so
    return not (heading_candidate(text) and number_after(numbered, doc_number)
                and names_document(text))


def _item_text(text: str) -> str:
    m = note_start(text)
    return m.group("text").strip() if m else text.strip()


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


def notes_from_tail(doc: PageDoc, from_one: bool = False) -> None:
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


def renumber(doc: PageDoc) -> None:
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


