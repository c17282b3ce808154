"""The hard cases of issue 14, put into corpus records before they are rendered.

`harden(records)` returns copies in which
- every telegram followed by another document ends with numbered paragraphs in capitals,
  the last one carrying the next document's number, right before its heading (the
  "9. FACT THAT SMALLER AND POORER COUNTRIES …" failure);
- every fifth document has no dateline (place, date and time gone with it);
- every seventh document's first note cites another note;
- every third document's longest paragraph has a "[Page N]" marker in mid-sentence
  (`page_markers=False` leaves them out, for a layout whose reader does not drop them).
Editorial notes and microfiche catalog entries are in the corpus as they are.
"""

from __future__ import annotations

import copy

from cablegram.record import Record

_CAPITALS = ("{n}. FACT THAT SMALLER AND POORER COUNTRIES WOULD CARRY THE COST WAS RAISED BY "
             "SEVERAL SPEAKERS WHO ASKED FOR MORE TIME")


def _next_number(rec: Record) -> int | None:
    n = rec.number or ""
    return int(n) + 1 if n.isdigit() else None


def _page_marker(text: str, page: int) -> str:
    """`text` with "[Page N]" between two words in the middle of its longest paragraph."""
    paras = text.split("\n\n")
    k = max(range(len(paras)), key=lambda j: len(paras[j]))
    words = paras[k].split(" ")
    if len(words) < 6:
        return text
    mid = len(words) // 2
    paras[k] = " ".join([*words[:mid], f"[Page {page}]", *words[mid:]])
    return "\n\n".join(paras)


def harden(records: list[Record], page_markers: bool = True) -> list[Record]:
    out: list[Record] = []
    for i, original in enumerate(records):
        rec = copy.deepcopy(original)
        nxt = records[i + 1] if i + 1 < len(records) else None
        ahead = _next_number(rec)
        if (rec.doc_type == "telegram" and nxt is not None and ahead is not None
                and nxt.number == str(ahead) and rec.text):
            rec.text += "\n\n" + "\n\n".join(
                _CAPITALS.format(n=k) for k in range(max(1, ahead - 2), ahead + 1))
        if i % 5 == 4 and rec.date:
            rec.place = rec.date = rec.time = None
            rec.date_not_before = rec.date_not_after = None
            rec.extra.pop("dateline", None)
        if i % 7 == 6 and len(rec.footnotes) >= 2:
            rec.footnotes[0].text += f" See also footnote {rec.footnotes[1].n} below."
        if page_markers and i % 3 == 2 and rec.text:
            rec.text = _page_marker(rec.text, 100 + i)
        out.append(rec)
    return out
