"""The record: one document, as every reader produces it and every store keeps it."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any


@dataclass(slots=True)
class Footnote:
    n: str
    text: str


@dataclass(slots=True)
class Reference:
    text: str
    target: str | None = None


@dataclass(slots=True)
class Redaction:
    text: str
    extent: str | None = None


@dataclass(slots=True)
class Signer:
    name: str
    title: str | None = None


@dataclass(slots=True)
class Mention:
    """A span of `Record.text`: `text == record.text[start:end]`."""

    text: str
    start: int
    end: int


@dataclass(slots=True)
class PersonLink:
    """A person named in a record, with every mention of them.

    `id` is the people register's id ("107516"); `volume_id` the id in the collection's own
    persons list ("p_KVV2"). `how`: markup | name | role-by-date | fuzzy. A mention whose
    candidates stay tied has `id` None and the tied register ids in `candidates`.
    """

    id: str | None
    name: str
    mentions: list[Mention] = field(default_factory=list)
    how: str = "name"
    volume_id: str | None = None
    candidates: list[str] = field(default_factory=list)


@dataclass(slots=True)
class TermLink:
    """A term ("Deptel", "Niact") and its expansion, with every mention of it."""

    term: str
    expansion: str
    mentions: list[Mention] = field(default_factory=list)


def _mentions(ms: list[Mention]) -> list[dict[str, Any]]:
    return [{"text": m.text, "start": m.start, "end": m.end} for m in ms]


@dataclass(slots=True)
class Source:
    """The archival citation of a source note."""

    repository: str | None = None
    file: str | None = None
    drafted_by: str | None = None
    cleared_by: str | None = None
    approved_by: str | None = None


@dataclass(slots=True)
class Record:
    """One document. `sender`/`recipient` are serialised as "from"/"to"."""

    id: str
    collection: str
    number: str | None = None
    title: str = ""
    doc_type: str | None = None
    sender: str | None = None
    recipient: str | None = None
    place: str | None = None
    date: str | None = None
    time: str | None = None
    date_not_before: str | None = None
    date_not_after: str | None = None
    classification: str | None = None
    handling: list[str] = field(default_factory=list)
    source_note: str | None = None
    source: Source = field(default_factory=Source)
    telegram_number: str | None = None
    signers: list[Signer] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    redactions: list[Redaction] = field(default_factory=list)
    persons: list[PersonLink] = field(default_factory=list)
    terms: list[TermLink] = field(default_factory=list)
    text: str = ""
    flags: list[str] = field(default_factory=list)
    # Where the record came from: reader name and input path.
    format: str | None = None
    origin: str | None = None
    # Reader-specific extras that have no field of their own (catalog pages, attachments).
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The record's JSON object, keys in RECORD_KEYS order.

        Built field by field, not with `dataclasses.asdict`: it runs once per document on
        every ingest, and this is about 4x faster.
        """
        s = self.source
        return {
            "id": self.id, "collection": self.collection, "number": self.number,
            "title": self.title, "doc_type": self.doc_type, "from": self.sender,
            "to": self.recipient, "place": self.place, "date": self.date, "time": self.time,
            "date_not_before": self.date_not_before, "date_not_after": self.date_not_after,
            "classification": self.classification, "handling": list(self.handling),
            "source_note": self.source_note,
            "source": {"repository": s.repository, "file": s.file, "drafted_by": s.drafted_by,
                       "cleared_by": s.cleared_by, "approved_by": s.approved_by},
            "telegram_number": self.telegram_number,
            "signers": [{"name": x.name, "title": x.title} for x in self.signers],
            "footnotes": [{"n": x.n, "text": x.text} for x in self.footnotes],
            "references": [{"text": x.text, "target": x.target} for x in self.references],
            "redactions": [{"text": x.text, "extent": x.extent} for x in self.redactions],
            "persons": [{"id": x.id, "volume_id": x.volume_id, "name": x.name,
                         "mentions": _mentions(x.mentions), "how": x.how,
                         "candidates": list(x.candidates)} for x in self.persons],
            "terms": [{"term": x.term, "expansion": x.expansion,
                       "mentions": _mentions(x.mentions)} for x in self.terms],
            "text": self.text, "flags": list(self.flags), "format": self.format,
            "origin": self.origin, "extra": self.extra,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Record:
        data = dict(d)
        data["sender"] = data.pop("from", None)
        data["recipient"] = data.pop("to", None)
        known = {f.name for f in fields(cls)}
        data = {k: v for k, v in data.items() if k in known}
        data["source"] = Source(**(data.get("source") or {}))
        data["signers"] = [Signer(**s) for s in data.get("signers") or []]
        data["footnotes"] = [Footnote(**f) for f in data.get("footnotes") or []]
        data["references"] = [Reference(**r) for r in data.get("references") or []]
        data["redactions"] = [Redaction(**r) for r in data.get("redactions") or []]
        data["persons"] = [
            PersonLink(**{**p, "mentions": [Mention(**m) for m in p.get("mentions") or []]})
            for p in data.get("persons") or []]
        data["terms"] = [
            TermLink(**{**t, "mentions": [Mention(**m) for m in t.get("mentions") or []]})
            for t in data.get("terms") or []]
        return cls(**data)


# The order of keys in JSON output; docs/record.md documents each.
RECORD_KEYS: tuple[str, ...] = (
    "id", "collection", "number", "title", "doc_type", "from", "to", "place",
    "date", "time", "date_not_before", "date_not_after", "classification", "handling",
    "source_note", "source", "telegram_number", "signers", "footnotes", "references",
    "redactions", "persons", "terms", "text", "flags", "format", "origin", "extra",
)


@dataclass(slots=True)
class Person:
    """An entry of a volume's persons list (front matter)."""

    xml_id: str
    name: str
    description: str | None = None


@dataclass(slots=True)
class Term:
    """An entry of a volume's terms (abbreviations) list."""

    xml_id: str
    term: str
    description: str | None = None


@dataclass(slots=True)
class Collection:
    """A volume, catalog or other published unit that records belong to."""

    id: str
    title: str = ""
    format: str = ""
    meta: dict[str, Any] = field(default_factory=dict)
    persons: list[Person] = field(default_factory=list)
    terms: list[Term] = field(default_factory=list)


@dataclass(slots=True)
class Batch:
    """What a reader makes of one input file: stored in one transaction."""

    collection: Collection
    records: list[Record]
    warnings: list[str] = field(default_factory=list)
