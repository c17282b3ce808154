"""Records written back in the layout of a plain-text FRUS rendering (the seed `003_…txt`).

Used to measure the text reader against the TEI reader (scripts/text_accuracy.py), and by
`cablegram export --format frus-text --collection ID`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import date as _date
from typing import Protocol, TextIO

from cablegram.record import Collection, Record

_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"]
_WS = re.compile(r"\s+")


def _squash(text: str) -> str:
    return _WS.sub(" ", text).strip()


def volume_lines(collection: Collection) -> tuple[str, str, str]:
    """The years ("1961-1963"), volume ("Volume XI") and title lines of a volume."""
    meta = collection.meta
    years = _squash(str(meta.get("subseries") or meta.get("years") or ""))
    if isinstance(meta.get("years"), list) and not meta.get("subseries"):
        first, last = meta["years"][0], meta["years"][-1]
        years = str(first) if first == last else f"{first}-{last}"
    years = years.replace("–", "-")
    found = re.search(r"\d{4}(?:-\d{4})?", years)  # some volumes' subseries repeat the series
    years = found.group() if found else years
    volume = _squash(str(meta.get("volumenumber") or meta.get("volume_number") or ""))
    title = _squash(str(meta.get("volume") or collection.title or ""))
    return years, volume.replace("–", "-"), title


def title_block(collection: Collection) -> str:
    """Chrome, "FOREIGN RELATIONS OF THE UNITED STATES", years, volume, title, as the seed."""
    years, volume, title = volume_lines(collection)
    lines = ["Department Seal", "", "FOREIGN RELATIONS OF THE UNITED STATES"]
    lines += [s for s in (years, volume, title) if s]
    lines += ["", "DEPARTMENT OF STATE", "Washington", "", "flag", "bar", ""]
    return "\n".join(lines) + "\n"


def _clock(hhmm: str) -> str | None:
    m = re.fullmatch(r"(\d{1,2}):(\d{2})", hhmm)
    if m is None:
        return None
    h, mi = int(m.group(1)), int(m.group(2))
    if (h, mi) == (12, 0):
        return "noon"
    if (h, mi) == (0, 0):
        return "midnight"
    suffix = "a.m." if h < 12 else "p.m."
    h12 = h % 12 or 12
    return f"{h12} {suffix}" if mi == 0 else f"{h12}:{mi:02d} {suffix}"


def dateline(rec: Record) -> str | None:
    """The printed dateline kept by the reader, else one made from place, date and time."""
    kept = rec.extra.get("dateline")
    if isinstance(kept, str) and kept.strip():
        return _squash(kept)
    parts: list[str] = []
    if rec.place:
        parts.append(_squash(rec.place))
    if rec.date:
        try:
            d = _date.fromisoformat(rec.date)
        except ValueError:
            return None
        parts.append(f"{_MONTHS[d.month - 1]} {d.day}, {d.year}")
        clock = _clock(rec.time) if rec.time else None
        if clock:
            parts.append(clock)
    elif rec.place:
        parts.append("undated")
    if not parts:
        return None
    line = ", ".join(parts)
    return line if line.endswith(".") else line + "."


def _source(rec: Record) -> str | None:
    if not rec.source_note:
        return None
    note = _squash(rec.source_note)
    note = re.sub(r"^Source:\s*", "", note)
    return f"//Source: {note}"


def render_record(rec: Record, number: str | None = None) -> str:
    """One document: "N. Title", dateline, source note, body, "/n/" footnote paragraphs."""
    n = number or rec.number or rec.id.rsplit("/", 1)[-1].lstrip("d")
    out = [f"{n}. {_squash(rec.title) or 'Untitled'}"]
    line = dateline(rec)
    if line:
        out.append(line)
    src = _source(rec)
    if src:
        out.append(src)
    out += [p.strip() for p in rec.text.split("\n\n") if p.strip()]
    for i, note in enumerate(rec.footnotes, 1):
        mark = note.n if note.n.isdigit() else str(i)
        out.append(f"/{mark}/{_squash(note.text)}")
    return "\n\n".join(_squash(p) for p in out) + "\n\n"


class _Source(Protocol):
    """What `export_collection` needs of an Archive."""

    def collection(self, id: str) -> Collection: ...

    def records(self, collection: str | None = None) -> Iterator[Record]: ...


def export_collection(archive: _Source, collection_id: str, out: TextIO) -> int:
    """`cablegram export --format frus-text --collection ID`: one volume in the seed layout."""
    return write_frus_text(archive.collection(collection_id), archive.records(collection_id), out)


def write_frus_text(collection: Collection, records: Iterable[Record], out: TextIO) -> int:
    """The title block, every record, the end marker and closing chrome; returns the count."""
    out.write(title_block(collection))
    out.write("\n")
    n = 0
    for rec in records:
        out.write(render_record(rec))
        n += 1
    out.write("[end of document]\n\nflag\nbar\n")
    return n
