"""Which paragraphs of a notes list start a note, when only their numbers tell.

A page copied as text without the site's "↩" prints its notes as numbered paragraphs
("2. On January 10, …", "3. For text of the resolution …"), and a note may quote numbered
paragraphs of its own ("… It read as follows: “1. Consider …", then "2. Consideration …",
"3. …"). Those are not the next notes. The list is read as a whole, and the split that
costs least wins (ties go to the split with more notes):
  - notes rise: each is numbered one more than the note before (a skip of up to five or
    a repeat is allowed, at a cost);
  - a note's own numbered paragraphs restart at 1 (below the note's number), open with a
    quotation mark or stand indented deeper than the list, or carry on such a run ("2."
    after an inline "“1.");
    a numbered paragraph inside a note that none of this explains costs more;
  - the marks in the text (`marks`, the numbers glued where a note mark stands) say
    which numbers to expect: a note whose number no mark carries costs, and so does a
    mark numbered after the last note.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from cablegram.errors import FieldError


class NoteListError(FieldError):
    """A notes list that does not open with a numbered item."""


@dataclass(frozen=True, slots=True)
class ListParagraph:
    """One paragraph of a notes list, as far as the split needs it."""

    n: int | None  # the number it opens with ("3. …" -> 3), None when it has none
    quoted: bool = False  # opens with a quotation mark, or is indented deeper than the list
    opens_run: bool = False  # an inline "“1. …" that the next numbered paragraphs carry on


# "3. …", "“3. …", "(3. …" (a quotation or bracket may open the paragraph).
_OPENING = re.compile(r"^(?P<quote>[“\"‘'(\[]?)\s*(?P<n>\d{1,3})\.\s+\S")
# An inline numbered quotation: "… read as follows: “1. Consider …", "…: 1. To continue".
_INLINE_RUN = re.compile(r"(?:[“\"‘:]\s*)1\.\s+\S")

_SKIP = 5  # the largest step between two notes' numbers (a volume skips a few)
_COST_SKIP = 1  # a note numbered other than one more than the note before
_COST_STRAY = 2  # a numbered paragraph inside a note that nothing explains
_COST_RESTART = 1  # an unquoted "1." inside a note (a repeated note number looks the same)
_COST_QUOTED_NOTE = 2  # a quoted or indented paragraph taken for a note
_COST_MARK = 1  # a note without a mark, or a mark without a note


def list_paragraph(text: str, indent: int = 0, list_indent: int = 0) -> ListParagraph:
    """A paragraph of a notes list: its number, whether it is quoted, whether it opens a run.

    `indent`: its leading spaces on the page; `list_indent`: those of the list's items."""
    m = _OPENING.match(text)
    n = int(m.group("n")) if m else None
    quoted = bool(m and m.group("quote")) or indent > list_indent
    # The inline run is looked for after the paragraph's own number.
    inline = _INLINE_RUN.search(text, m.end("n") if m else 0)
    return ListParagraph(n, quoted, inline is not None)


@dataclass(frozen=True, slots=True)
class _Path:
    cost: int
    starts: tuple[int, ...]


def _better(a: _Path, b: _Path | None) -> bool:
    return b is None or (a.cost, -len(a.starts)) < (b.cost, -len(b.starts))


def _offer(states: dict[tuple[int, int | None], _Path], key: tuple[int, int | None],
           path: _Path) -> None:
    if _better(path, states.get(key)):
        states[key] = path


@dataclass(frozen=True, slots=True)
class NoteSplit:
    """Where the notes of a list start, and what the split cost (0: nothing unexplained)."""

    starts: list[int]
    cost: int


def note_starts(paras: Sequence[ListParagraph],
                marks: Collection[int] | None = None) -> list[int]:
    """The indices of the paragraphs that start a note (0, the list's first item, first).

    `marks`: the note numbers glued in the text before the list (None: not known)."""
    return split_notes(paras, marks).starts


def split_notes(paras: Sequence[ListParagraph],
                marks: Collection[int] | None = None) -> NoteSplit:
    """The split of a notes list that costs least (see the module's docstring)."""
    if not paras or paras[0].n is None:
        raise NoteListError("a notes list opens with a numbered item")
    first = paras[0]
    # State: (the last note's number, the number that carries on a quoted run, or None).
    states: dict[tuple[int, int | None], _Path] = {
        (paras[0].n, 2 if first.opens_run else None): _Path(0, (0,))}
    for i in range(1, len(paras)):
        p = paras[i]
        step: dict[tuple[int, int | None], _Path] = {}
        for (last, run), path in states.items():
            if p.n is None:
                _offer(step, (last, 2 if p.opens_run else run), path)
                continue
            if last <= p.n <= last + 1 + _SKIP:
                cost = (0 if p.n == last + 1 else _COST_SKIP) + (
                    _COST_QUOTED_NOTE if p.quoted else 0)
                _offer(step, (p.n, 2 if p.opens_run else None),
                       _Path(path.cost + cost, (*path.starts, i)))
            # A quoted paragraph explains itself (and the next must be quoted too); an
            # unquoted one carries on a run, or restarts one at 1 below the note's own
            # number ("1." after note 0 is note 1), which a repeated note may also be.
            if p.quoted or p.n == run:
                cost = 0
            elif p.n == 1 <= last:
                cost = _COST_RESTART
            else:
                cost = _COST_STRAY
            # A stray number starts no run: the next one must explain itself too.
            runs_on = not p.quoted and cost != _COST_STRAY
            after = 2 if p.opens_run else (p.n + 1 if runs_on else None)
            _offer(step, (last, after), _Path(path.cost + cost, path.starts))
        states = step
    best: _Path | None = None
    for (last, _), path in states.items():
        total = _Path(path.cost + _mark_cost(paras, path.starts, last, marks), path.starts)
        if _better(total, best):
            best = total
    assert best is not None  # every step offers at least one state
    return NoteSplit(list(best.starts), best.cost)


def _mark_cost(paras: Sequence[ListParagraph], starts: tuple[int, ...], last: int,
               marks: Collection[int] | None) -> int:
    if not marks:
        return 0
    unmarked = sum(1 for s in starts[1:] if paras[s].n not in marks)
    missing = sum(1 for m in marks if m > last)
    return _COST_MARK * (unmarked + missing)
