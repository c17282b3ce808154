"""Telegram number sequences: for each sender, recipient and numbering year, the numbers the
archive holds in order, their gaps, and the numbers that run backwards against the dates.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from cablegram.history.numbering import numbering_year
from cablegram.store.base import HistoryDocRow


@dataclass(slots=True)
class Held:
    number: int
    id: str
    day: str


@dataclass(slots=True)
class Sequence:
    """One series: a sender's telegrams to one recipient in one numbering year."""

    sender: str
    recipient: str
    year: str
    held: list[Held] = field(default_factory=list)  # by number, then day
    gaps: list[tuple[int, int]] = field(default_factory=list)  # missing [first, last]
    # Documents whose number is above a later-dated one's: often a misdated document.
    backwards: list[str] = field(default_factory=list)

    @property
    def missing(self) -> int:
        return sum(b - a + 1 for a, b in self.gaps)

    def as_dict(self) -> dict[str, Any]:
        return {"from": self.sender, "to": self.recipient, "year": self.year,
                "numbers": [{"number": h.number, "id": h.id, "day": h.day} for h in self.held],
                "gaps": [list(g) for g in self.gaps], "missing": self.missing,
                "backwards": self.backwards}


def _backwards(held: list[Held]) -> list[str]:
    """Documents out of step: in number order, dated after both next numbers (or the only
    next one), or before both previous ones. Of two that swap, both are flagged: the numbers
    alone cannot tell which date is wrong."""
    flagged: list[str] = []
    for i, h in enumerate(held):
        after = held[i + 1:i + 3]
        before = held[max(0, i - 2):i]
        if (after and all(x.day < h.day for x in after)) or \
                (before and all(x.day > h.day for x in before)):
            flagged.append(h.id)
    return flagged


def sequences(telegrams: Iterable[HistoryDocRow]) -> list[Sequence]:
    """The series of the archive's numbered telegrams (numbers that are plain integers)."""
    series: dict[tuple[str, str, str], list[Held]] = defaultdict(list)
    for t in telegrams:
        if not (t.sender_node and t.recipient_node and t.day and t.telegram_number
                and t.telegram_number.isdigit()):
            continue
        key = (t.sender_node, t.recipient_node, numbering_year(t.day).label)
        series[key].append(Held(int(t.telegram_number), t.id, t.day))
    out: list[Sequence] = []
    for (s, r, y), held in sorted(series.items()):
        held.sort(key=lambda h: (h.number, h.day, h.id))
        seq = Sequence(s, r, y, held)
        for a, b in itertools.pairwise(held):
            if b.number > a.number + 1:
                seq.gaps.append((a.number + 1, b.number - 1))
        seq.backwards = _backwards(held)
        out.append(seq)
    return out
