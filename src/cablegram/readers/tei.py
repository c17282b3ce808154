"""FRUS TEI volumes (both frus: namespace generations), read as a stream.

One Batch per volume: the Collection (teiHeader metadata, persons and terms of the front
matter) and one Record per div[@type="document"], wherever it is nested.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import Any, cast

from lxml import etree

from cablegram.collector import collector_paused
from cablegram.errors import ReadError
from cablegram.readers.tei_doc import VolumeContext, build_record, finish_records
from cablegram.readers.tei_input import (
    TEI_NS,
    check_head,
    chunks,
    open_volume,
    syntax_reason,
)
from cablegram.readers.tei_text import HEAD, ITEM, NOTE, PERSNAME, blank, text_of
from cablegram.record import Batch, Collection, Person, Record, Term

_T = f"{{{TEI_NS}}}"
DIV, TEI_HEADER, FRONT, TERM = _T + "div", _T + "teiHeader", _T + "front", _T + "term"
XMLID = "{http://www.w3.org/XML/1998/namespace}id"
# Compiled once: every xml:id in a subtree (to find repeats, which libxml2 is told to allow).
_IDS = etree.XPath("descendant-or-self::*/@xml:id", smart_strings=False, regexp=False)
_HEAD_TEXT = etree.XPath(
    "descendant::text()[not(ancestor::t:note)]", namespaces={"t": TEI_NS}, smart_strings=False,
    regexp=False,
)
_YEARS = re.compile(r"(\d{4})(?:\s*[–-]\s*(\d{2,4}))?")


@dataclass(slots=True)
class _State:
    ctx: VolumeContext
    collection: Collection
    records: list[Record] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)  # every xml:id, in the order read
    doc_ids: set[str] = field(default_factory=set)
    titles: dict[str, str] = field(default_factory=dict)  # section xml:id -> title


class TeiReader:
    """Reads FRUS TEI; `markup=False` ignores markup values so fields come from printed text."""

    name = "tei"

    def __init__(self, markup: bool = True) -> None:
        self.markup = markup

    def detect(self, head: bytes, path: Path) -> bool:
        return b"http://www.tei-c.org/ns/1.0" in head

    def read(self, path: Path) -> Iterator[Batch]:
        with collector_paused():
            batch = self._read(Path(path))
        yield batch

    def _read(self, path: Path) -> Batch:
        volume = volume_id(path)
        ctx = VolumeContext(volume=volume, origin=str(path), markup=self.markup)
        state = _State(ctx=ctx, collection=Collection(id=volume, format="tei"))
        parser = etree.XMLPullParser(
            events=("end",),
            tag=(DIV, TEI_HEADER, FRONT),
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            collect_ids=False,  # three volumes repeat an xml:id; found and reported below
            remove_comments=True,
            remove_pis=True,
        )
        etree.clear_error_log()  # so that a parse error's log starts with this file's errors
        with open_volume(path) as stream:
            parts = chunks(path, stream)
            first = next(parts, b"")
            check_head(path, first)
            try:
                for chunk in chain((first,), parts):
                    parser.feed(chunk)
                    self._events(parser, state)
                root = parser.close()
                self._events(parser, state)
            except etree.XMLSyntaxError as e:
                raise ReadError(path, syntax_reason(e)) from None
        if root.tag != _T + "TEI":
            name = etree.QName(root).localname
            raise ReadError(path, f"not a TEI document (root element <{name}>)")
        self._note_ids(root, state)
        finish_records(state.ctx)
        self._resolve_refs(state)
        warnings = [
            f"xml:id {i!r} is repeated in the volume (ingested anyway; references to it are "
            "ambiguous)"
            for i in _repeats(state.ids)
        ]
        return Batch(collection=state.collection, records=state.records, warnings=warnings)

    def _events(self, parser: etree.XMLPullParser, state: _State) -> None:
        for _event, item in parser.read_events():
            el = cast(etree._Element, item)
            tag = el.tag
            if tag == DIV:
                if el.get("type") == "document":
                    self._document(el, state)
                elif not _in_document(el):
                    if el.get(XMLID) in ("persons", "terms"):
                        _front_list(el, state.collection)
                    self._done(el, state)
            elif tag == TEI_HEADER:
                _header(el, state)
                self._done(el, state)
            elif tag == FRONT:
                self._done(el, state)

    def _document(self, el: etree._Element, state: _State) -> None:
        xml_id = el.get(XMLID)
        if not xml_id:
            raise ReadError(state.ctx.origin, f"a document without xml:id (line {el.sourceline})")
        self._note_ids(el, state)  # before build_record takes the notes out
        rec = build_record(el, state.ctx, _sections(el, state))
        if xml_id in state.doc_ids:
            rec.id = f"{rec.id}~{len(state.records)}"  # keep ids distinct; the repeat is warned
        state.doc_ids.add(xml_id)
        state.records.append(rec)
        el.clear()

    def _done(self, el: etree._Element, state: _State) -> None:
        """Forget a finished subtree (its ids noted first): memory stays at one document."""
        self._note_ids(el, state)
        el.clear()

    @staticmethod
    def _note_ids(el: etree._Element, state: _State) -> None:
        state.ids.extend(cast(list[str], _IDS(el)))

    @staticmethod
    def _resolve_refs(state: _State) -> None:
        """In-volume targets that name no document of the volume are not record ids."""
        prefix = state.ctx.volume + "/"
        for rec in state.records:
            for r in rec.references:
                t = r.target
                if t and t.startswith(prefix) and t[len(prefix) :] not in state.doc_ids:
                    r.target = None


def volume_id(path: Path) -> str:
    name = path.name
    for suffix in (".xml.gz", ".xml", ".gz"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def _repeats(ids: list[str]) -> list[str]:
    """The ids that occur more than once, in the order their first repeat was read."""
    if len(set(ids)) == len(ids):
        return []  # (a test in C: only three volumes repeat an id)
    seen: set[str] = set()
    repeated: dict[str, None] = {}
    for i in ids:
        if i in seen:
            repeated[i] = None
        seen.add(i)
    return list(repeated)


def _in_document(el: etree._Element) -> bool:
    return any(a.get("type") == "document" for a in el.iterancestors(DIV))


def _sections(doc: etree._Element, state: _State) -> list[dict[str, Any]]:
    """The chapters, compilations, ... around a document, outermost first."""
    out: list[dict[str, Any]] = []
    for a in doc.iterancestors(DIV):
        xml_id = a.get(XMLID) or ""
        title = state.titles.get(xml_id) if xml_id else None
        if title is None:
            head = a.find(HEAD)
            title = _head_text(head) if head is not None else ""
            if xml_id:
                state.titles[xml_id] = title
        out.append({"type": a.get("type") or "", "id": xml_id, "title": title})
    out.reverse()
    return out


def _head_text(head: etree._Element) -> str:
    return " ".join("".join(str(t) for t in _HEAD_TEXT(head)).split())  # type: ignore[union-attr]


def _header(header: etree._Element, state: _State) -> None:
    meta: dict[str, Any] = {}
    col = state.collection
    for t in header.iter(_T + "title"):
        kind = t.get("type")
        if kind:
            value = text_of(t)
            if kind == "complete":
                col.title = value
            else:
                meta.setdefault(kind, value)  # series, subseries, volumenumber, volume
    editors = [{"name": text_of(e), "role": e.get("role")} for e in header.iter(_T + "editor")]
    if editors:
        meta["editors"] = editors
    pub = header.find(f"{_T}fileDesc/{_T}publicationStmt")
    if pub is not None:
        d = pub.find(_T + "date")
        if d is not None and text_of(d):
            meta["publication_year"] = text_of(d)
        idnos = {i.get("type") or "": text_of(i) for i in pub.iter(_T + "idno") if text_of(i)}
        if idnos:
            meta["idno"] = idnos
    root = header.getparent()
    if root is not None:
        meta["frus_namespace"] = root.nsmap.get("frus")
    years = _years(str(meta.get("subseries", ""))) or _years(col.id)
    if years:
        meta["years"] = list(years)
        state.ctx.years = years
    col.meta = meta
    if not col.title:
        col.title = " ".join(str(meta[k]) for k in ("subseries", "volumenumber", "volume")
                             if meta.get(k))


def _years(text: str) -> tuple[int, int] | None:
    m = _YEARS.search(text)
    if m is None:
        return None
    first = int(m.group(1))
    last = m.group(2)
    if last is None:
        return first, first
    end = int(last) if len(last) == 4 else int(m.group(1)[: 4 - len(last)] + last)
    return (first, end) if end >= first else (first, first)


def _front_list(div: etree._Element, col: Collection) -> None:
    """The front matter's list of names (persName/@xml:id) or abbreviations (term/@xml:id)."""
    want = PERSNAME if div.get(XMLID) == "persons" else TERM
    for item in div.iter(ITEM):
        key = next((e for e in item.iter(want) if e.get(XMLID)), None)
        if key is None:
            continue
        for n in item.iter(NOTE):
            blank(n)
        name = text_of(key)
        full = text_of(item)
        at = full.find(name)
        desc = full[at + len(name) :].lstrip(" ,;:") if at >= 0 else full
        xml_id = key.get(XMLID) or ""
        if want == PERSNAME:
            col.persons.append(Person(xml_id=xml_id, name=name, description=desc or None))
        else:
            col.terms.append(Term(xml_id=xml_id, term=name, description=desc or None))
