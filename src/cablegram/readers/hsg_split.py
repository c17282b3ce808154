"""Cutting a history.state.gov page, as lines, into its documents (hsg-text, hsg-html).

A heading starts a document; its notes list, or the site's footer, ends it. Chrome
around the documents (navigation, the sidebar's list of documents, the citation box, a
repost's own text) is left out. What each kind of line looks like is in `hsg_layout`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import partial

from cablegram.fields.note_marks import glued_marks
from cablegram.fields.page_marks import drop_page_marks
from cablegram.readers.hsg_layout import (
    SOURCE_NOTE,
    PageDoc,
    PageLine,
    heading_candidate,
    is_chrome,
    is_footer,
    names_document,
    next_text,
    number_after,
    number_key,
    number_next,
)
from cablegram.readers.hsg_notes import notes_at, notes_from_tail, renumber
from cablegram.readers.text_layout import HEADING, MARKER, is_dateline

__all__ = ["PageSplit", "names_document", "split_page"]

_NOTE_OPENING = re.compile(r"^\s*(?:\d{1,3}\.\s+|[-•*–]\s+)?Source:", re.I)
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


def _toc_lines(lines: list[PageLine]) -> set[int]:
    """Lines of a list of documents: runs of two or more heading-shaped lines in a row."""
    heads = [heading_candidate(ln.text, next_text(lines, i)) for i, ln in enumerate(lines)]
    toc: set[int] = set()
    for i in range(len(heads) - 1):
        a, b = heads[i], heads[i + 1]
        # Listed documents go up and name their type: "344. Memorandum …" then "1. French
        # Military Effort…" is a heading and its body's first section; a note "4. These
        # two sentences…" then "268. National Security Council Report" is no list.
        # A telegram's first paragraph "6070. Joint Defense-State message." right after its
        # heading "265. Telegram …" is no list either: listed numbers go up by small steps.
        if a is not None and b is not None and number_after(b[0], a[0]) and (
                number_key(b[0])[0] - number_key(a[0])[0] <= _LIST_STEP) and names_document(
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
        cand = heading_candidate(line.text.strip(), next_text(lines, i))
        if cand is not None and i not in toc:
            return i if text_after and number_next(first.number, cand[0]) else None
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
        cand = heading_candidate(text, next_text(lines, i))
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
            if cand and not listed and number_after(cand[0], cur.number) and number_hint is None:
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
        # (The document's text so far, for its glued marks, made only if a list needs it:
        # made at every line, it cost time in the square of a long document's length.)
        notes = notes_at(lines, i, None if number_hint is not None else cur.number,
                         partial(_doc_text, cur))
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
        if cand and number_next(cand[0], cur.number) and (
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
            notes_from_tail(doc, numbered_notes)
        renumber(doc)
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


def _dateline_next(lines: list[PageLine], i: int) -> bool:
    nxt = lines[i + 1].text if i + 1 < len(lines) else ""
    # "1. Source: …, 1962, Folder 24." has a place and a year, but is a note, not a dateline.
    return not _NOTE_OPENING.match(nxt) and is_dateline(drop_page_marks(nxt).text)


def _split_off_noteless(cur: PageDoc, out: PageSplit) -> PageDoc:
    """Docs without notes before this one in the same stretch: the notes' source mark on a
    later heading shows where the noted document starts."""
    if not cur.notes or not SOURCE_NOTE.match(cur.notes[0].text):
        return cur
    mark = cur.notes[0].n or "1"
    for k in range(len(cur.body) - 1, -1, -1):
        cand = heading_candidate(cur.body[k].text)
        if cand is None or not number_after(cand[0], cur.number) or not _ends_with_mark(
                cand[1], mark):
            continue
        out.docs.append(PageDoc(cur.heading, cur.number, cur.title, cur.body[:k]))
        return PageDoc(cur.body[k], cand[0], cand[1], cur.body[k + 1 :], cur.notes)
    return cur


def _ends_with_mark(title: str, mark: str) -> bool:
    return title.endswith(f"/{mark}/") or (title.endswith(mark) and not title.endswith(" " + mark)
                                           and not title[: -len(mark)][-1:].isdigit())


