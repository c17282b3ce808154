"""Note numbers glued to the text, as history.state.gov pages copied as text print them.

"…to President Nixon1", "…Soviet Union 0" (a heading's source note), "March 21, 1974,2",
"Embtel 2607.2" (a note after a number and its punctuation). Split off, they become the
"/n/" markers of the text layout. A real number, a year or a telegram number is never
touched: a mark is only taken where the expected note number stands right after a word or
after punctuation that follows a word or a long number, and is followed by a space,
punctuation or the end.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from cablegram.errors import FieldError


class NoteMarkError(FieldError):
    """A note number that is not one ("", "x", "1234")."""


# A word (letters, perhaps with a closing quote or bracket) right before the mark.
_AFTER_WORD = re.compile(r"[A-Za-z\u00C0-\u024F][)\]\"”’']*$")
# Sentence punctuation right before the mark, after a word or closing quote/bracket.
_AFTER_WORD_PUNCT = re.compile(r"[A-Za-z\u00C0-\u024F)\]\"”’'][.,;:!?][)\]\"”’']*$")
# Punctuation after a number: the number must be a year or a telegram number (3+ digits),
# so that "3.5", "1,2" and "12.5" stay numbers.
_AFTER_LONG_NUMBER = re.compile(r"(?<![\d.,])\d{3,}[.,;:][)\]\"”’']*$")
# One or two capitals glued to digits are a designation, not a mark: "B52", "SS20".
_DESIGNATION = re.compile(r"(?<![A-Za-z])[A-Z]{1,2}$")
# A day of a month and its punctuation: "as set forth in Department's 2366 of September 27.45"
# (the older volumes end a sentence on a date, and glue the note to it).
_AFTER_DATE = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec)\.? \d{1,2}[.,;:][)\]\"”’']*$")
_NEW_SENTENCE = re.compile(r"$|\s+[A-Z\"“(\[]")
_FOLLOW = re.compile(r"[\s,.;:!?)\]\"”’']|$")
_NUMBER = re.compile(r"\d{1,3}")


def _check(n: str) -> str:
    if not _NUMBER.fullmatch(n):
        raise NoteMarkError(f"not a note number: {n!r}")
    return n


def _mark_at(text: str, start: int, n: str) -> bool:
    """Whether the digits `n` at `start` of `text` are a glued note mark."""
    end = start + len(n)
    if not _FOLLOW.match(text, end):
        return False
    if end < len(text) and text[end] in ".," and end + 1 < len(text) and text[end + 1].isdigit():
        return False  # "2.5", "1,200"
    before = text[:start]
    if not before or before[-1].isdigit() or before[-1].isspace():
        return False
    if _AFTER_WORD.search(before):
        return not _DESIGNATION.search(before)
    if before[-1] in ")]”’\"":
        return True  # after a closing bracket or quote: "(NSC 5719/1)1", "1958)2"
    if _AFTER_WORD_PUNCT.search(before):
        return True
    if not (_AFTER_LONG_NUMBER.search(before) or _AFTER_DATE.search(before)):
        return False
    # "Embtel 2607.2 Secretary", "September 27.45 While": after a number's period a new
    # sentence (or the end) follows; "1000.5 million" is a decimal.
    return before.rstrip(")]\"”’'")[-1] != "." or _NEW_SENTENCE.match(text, end) is not None


@dataclass(slots=True)
class Unglued:
    """A paragraph with its marks written "/n/", and the note numbers found in order."""

    text: str
    found: list[str] = field(default_factory=list)


def unglue_marks(text: str, expected: Sequence[str]) -> Unglued:
    """Split the glued marks of `expected` (in order, a prefix of it) off `text`.

    Marks are looked for one after another, each after the previous one; the first
    expected number that is not found ends the search (it may be in a later paragraph).
    """
    out: list[str] = []
    found: list[str] = []
    pos = 0
    for n in expected:
        _check(n)
        at = -1
        i = text.find(n, pos)
        while i >= 0:
            if _mark_at(text, i, n):
                at = i
                break
            i = text.find(n, i + 1)
        if at < 0:
            break
        out.append(text[pos:at])
        out.append(f"/{n}/")
        pos = at + len(n)
        found.append(n)
    out.append(text[pos:])
    return Unglued("".join(out), found)


# Digits standing alone (not part of a longer number): the candidates for a glued mark.
# Not "007" nor the thousands of "100,000" (a mark after a year's comma, "1942,123", is one).
_DIGIT_RUN = re.compile(r"(?<!\d)(?!0\d)(?<!(?<!\d)\d,)(?<!(?<!\d)\d\d,)(?<!(?<!\d)\d\d\d,)"
                        r"\d{1,3}(?!\d)")


def glued_marks(text: str) -> list[str]:
    """Every number in `text` that stands where a glued note mark would, in order."""
    return [m.group() for m in _DIGIT_RUN.finditer(text) if _mark_at(text, m.start(), m.group())]


def consecutive_run(text: str, count: int) -> int | None:
    """The first number k of `count` marks k, k+1, … glued in that order in `text`.

    A browser numbers a notes list from 1 where the volume numbers its notes on ("Bonna21",
    "Golaz22" and a list "1.", "2."): the run gives the volume's numbers back. None unless
    exactly one run of the whole count is there (a chance number must not renumber notes).
    """
    if count < 1:
        raise NoteMarkError(f"not a count of notes: {count}")
    starts: set[int] = set()
    for mark in glued_marks(text):
        k = int(mark)
        if k in starts or k + count - 1 > 999:
            continue
        if len(unglue_marks(text, [str(k + i) for i in range(count)]).found) == count:
            starts.add(k)
    return starts.pop() if len(starts) == 1 else None


_TRAILING = re.compile(r"^(?P<title>.*?)(?P<space>\s?)(?P<digits>\d{1,6})$", re.S)


def split_heading_mark(heading: str, mark: str | None, *, sure: bool = False) -> Unglued:
    """A heading without the note number glued to its end: "…Nixon1" -> "…Nixon" + "1".

    `mark` is the number the page's first note carries (None: not known, then nothing is
    split). `sure`: the heading certainly carries it (its note is the source note, which
    history.state.gov always hangs on the heading), so a mark glued to a number is split
    too ("NSAM No. 12411" -> "NSAM No. 1241"). A mark after a space ("…Union 0") is split
    only when sure.
    """
    if mark is None:
        return Unglued(heading)
    _check(mark)
    stripped = heading.rstrip()
    m = _TRAILING.match(stripped)
    if m is None or not m.group("digits").endswith(mark):
        return Unglued(heading)
    digits = m.group("digits")
    title = m.group("title")
    if len(digits) > len(mark):
        if not sure:
            return Unglued(heading)
        return Unglued(stripped[: len(stripped) - len(mark)], [mark])
    if m.group("space"):
        if not sure or not title.strip():
            return Unglued(heading)
        return Unglued(title.rstrip(), [mark])
    if not title or not (sure or _mark_at(stripped, len(title), mark)):
        return Unglued(heading)
    return Unglued(title, [mark])
