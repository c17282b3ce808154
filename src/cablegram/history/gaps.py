"""Cited but not printed: telegrams and documents that the archive's documents cite and that
it does not hold, grouped by post and numbering year — a request list for the archives.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from cablegram.history.numbering import numbering_year
from cablegram.store.base import RefRow


@dataclass(slots=True)
class MissingItem:
    """One thing cited and absent: a telegram (number, sender, recipient) or a document."""

    kind: str  # telegram | document
    group: str  # the post (telegram: sender -> recipient) or the volume
    year: str  # the numbering year (telegram) or "" (document)
    number: str
    sender: str | None
    recipient: str | None
    date_lo: str | None  # the bounds the citations imply
    date_hi: str | None
    cited_by: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "group": self.group, "year": self.year,
                "number": self.number, "from": self.sender, "to": self.recipient,
                "date_not_before": self.date_lo, "date_not_after": self.date_hi,
                "cited_by": self.cited_by}


def _narrow(a: str | None, b: str | None, pick: Any) -> str | None:
    return b if a is None else a if b is None else pick(a, b)


def cited_not_printed(refs: Iterable[RefRow]) -> list[MissingItem]:
    """Each missing telegram or document once, with every document citing it.

    A telegram counts when its number and both posts are known and nothing in the archive has
    that number between those posts (reason "not in the archive"); its numbering year is that
    of the citations' window, so that "Embtel 974" of two different years are two items.
    """
    items: dict[tuple[str, ...], MissingItem] = {}
    for r in refs:
        if r.status != "unresolved" or r.reason != "not in the archive":
            continue
        if r.kind == "telegram":
            if not (r.number and r.sender_node and r.recipient_node):
                continue
            year = numbering_year(r.date_hi).label if r.date_hi else "?"
            key = ("telegram", r.sender_node, r.recipient_node, year, r.number)
            group = f"{r.sender_node} -> {r.recipient_node}"
            item = items.get(key)
            if item is None:
                item = items[key] = MissingItem("telegram", group, year, r.number,
                                                r.sender_node, r.recipient_node,
                                                r.date_lo, r.date_hi)
            else:
                # Each citation bounds the date; together they bound it more, unless they
                # disagree (a misprinted date), and then the widest bounds are kept.
                lo = _narrow(item.date_lo, r.date_lo, max)
                hi = _narrow(item.date_hi, r.date_hi, min)
                if lo and hi and lo > hi:
                    lo = _narrow(item.date_lo, r.date_lo, min)
                    hi = _narrow(item.date_hi, r.date_hi, max)
                item.date_lo, item.date_hi = lo, hi
        else:
            target = r.candidates[0] if r.candidates else None
            if target is None or "/" not in target:
                continue
            volume, _, doc = target.partition("/")
            key = ("document", target, "", "", "")
            item = items.get(key) or items.setdefault(key, MissingItem(
                "document", volume, "", doc, None, None, None, None))
        if r.src_id not in item.cited_by:
            item.cited_by.append(r.src_id)
    return sorted(items.values(), key=lambda i: (i.kind, i.group, i.year, _num(i.number)))


def _num(text: str) -> tuple[int, str]:
    digits = "".join(c for c in text if c.isdigit())
    return (int(digits) if digits else 0, text)
