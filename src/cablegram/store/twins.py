"""Merging a document read from a page into its twin from another file (a TEI volume).

The same document may come from a TEI volume and from saved pages (frus-text, frus-2001,
frus-html). Stored once, under one id, it keeps the richest file's values: a field is
taken from a poorer file only when the richer one leaves it empty. Where each field came
from is kept in `extra["field_sources"]` ({field: {"format", "origin"}}), so that a file
read again replaces its own earlier contribution, and either order of ingest ends with
the same record.
"""

from __future__ import annotations

import copy
from typing import Any

from cablegram.record import Record, Source

# Lower is richer: the TEI volume's markup over a page's printed text.
_RANK = {"tei": 0, "frus-html": 1, "hsg-html": 1, "frus-2001": 2, "frus-text": 2, "hsg-text": 2}
FIELD_SOURCES = "field_sources"

# The fields a twin may fill; `source` counts as one field (its parts come together).
MERGED_FIELDS: tuple[str, ...] = (
    "title", "doc_type", "sender", "recipient", "place", "date", "time", "date_not_before",
    "date_not_after", "classification", "handling", "source_note", "source",
    "telegram_number", "signers", "footnotes", "references", "redactions", "persons",
    "terms", "text",
)


def rank(fmt: str | None) -> int:
    """How rich a format is (lower: richer); unknown formats rank last."""
    return _RANK.get(fmt or "", 9)


def _empty(value: Any) -> bool:
    if isinstance(value, Source):
        return not any((value.repository, value.file, value.drafted_by, value.cleared_by,
                        value.approved_by))
    return value is None or value == "" or value == []


def _sources(rec: Record) -> dict[str, dict[str, str | None]]:
    """Where each non-empty field of a record came from (its own file unless recorded)."""
    recorded = rec.extra.get(FIELD_SOURCES)
    known = recorded if isinstance(recorded, dict) else {}
    own = {"format": rec.format, "origin": rec.origin}
    return {name: dict(known.get(name) or own) for name in MERGED_FIELDS
            if not _empty(getattr(rec, name))}


def twin_key(record_id: str) -> str:
    """The id twins share: a page prints "72A" where the TEI's xml:id may be "d72a"."""
    return record_id.lower()


def merge_twins(stored: Record, new: Record) -> Record:
    """The one record of a document stored from one file and read again from another.

    `new`'s file replaces what it contributed to `stored` before. The richer of the two
    (by format; on a tie, the one stored first) gives the record; the other fills only
    its empty fields. Pure: neither argument is changed.
    """
    old_sources = _sources(stored)
    # What `stored` holds from files other than `new`'s.
    kept = {f: s for f, s in old_sources.items() if s.get("origin") != new.origin}
    if stored.origin == new.origin or rank(new.format) < rank(stored.format):
        base, base_sources = copy.deepcopy(new), _sources(new)
        other, other_sources = stored, kept
    else:
        base = copy.deepcopy(stored)
        base_sources = kept
        for name in set(old_sources) - set(kept):  # `new`'s old values are gone
            setattr(base, name, Source() if name == "source" else
                    [] if isinstance(getattr(base, name), list) else None)
        other, other_sources = new, _sources(new)
    sources = dict(base_sources)
    for name, where in other_sources.items():
        if _empty(getattr(base, name)):
            setattr(base, name, copy.deepcopy(getattr(other, name)))
            sources[name] = where
    for key, value in other.extra.items():
        if key != FIELD_SOURCES and key not in base.extra:
            base.extra[key] = copy.deepcopy(value)
    own = {"format": base.format, "origin": base.origin}
    if all(where == own for where in sources.values()):
        base.extra.pop(FIELD_SOURCES, None)  # one file gave everything: nothing to record
    else:
        base.extra[FIELD_SOURCES] = {name: sources[name] for name in MERGED_FIELDS
                                     if name in sources}
    return base


def part_from(rec: Record, formats: frozenset[str]) -> Record | None:
    """The part of a record that files of `formats` gave (the other fields empty), or None.

    A volume read again (or from another file) replaces what volumes gave; the pages' part
    stays, to fill what the volume leaves empty.
    """
    sources = {f: s for f, s in _sources(rec).items() if s.get("format") in formats}
    if not sources:
        return None
    part = copy.deepcopy(rec)
    for name in set(MERGED_FIELDS) - set(sources):
        setattr(part, name, Source() if name == "source" else
                [] if isinstance(getattr(part, name), list) else None)
    first = next(iter(sources.values()))
    part.format, part.origin = first.get("format"), first.get("origin")
    part.extra[FIELD_SOURCES] = sources
    return part
