"""A small archive built in code, for the search tests (records and a builder)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cablegram.record import Batch, Collection, Footnote, PersonLink, Record, Redaction
from cablegram.search.engine import search as engine_search
from cablegram.search.index import SearchIndex
from cablegram.search.query import date_bounds
from cablegram.store.base import AuthorityRows, Store
from cablegram.store.postgres_select import index_folder, open_store
from cablegram.store.sqlite import SqliteStore


def _rec(col: str, n: int, **kw: object) -> Record:
    return Record(id=f"{col}/d{n}", collection=col, number=str(n), **kw)  # type: ignore[arg-type]


# The register persons linked in the records below (`person:`, the persons facet).
PERSONS: dict[str, str] = {
    "100002": "Khrushchev, Nikita Sergeyevich", "107327": "Kohler, Foy D.",
    "107516": "Kuznetsov, Vasily Vasilyevich", "100005": "Kuznetsov, Nikolai"}


def _people(*ids: str) -> list[PersonLink]:
    return [PersonLink(i, PERSONS[i]) for i in ids]


V06 = "frus1961-63v06"
V11 = "frus1961-63v11"
V58 = "frus1958-60v10p1"

RECORDS: list[Record] = [
    _rec(V06, 1, title="Letter From Chairman Khrushchev to President Kennedy",
         doc_type="letter", sender="Chairman Khrushchev", recipient="President Kennedy",
         place="Moscow", date="1962-10-26", classification="unclassified",
         text="Dear Mr. President, the missiles in Cuba are defensive. Khrushchev writes again.",
         persons=_people("100002"),
         footnotes=[Footnote("1", "Printed from a translation.")]),
    _rec(V06, 2, title="Letter From President Kennedy to Chairman Khrushchev",
         doc_type="letter", sender="President Kennedy", recipient="Chairman Khrushchev",
         place="Washington", date="1962-10-27", classification="unclassified",
         text="Dear Mr. Chairman, I have read your letter about Cuba with great care."),
    _rec(V11, 3, title="Telegram From the Embassy in the Soviet Union to the Department of State",
         doc_type="telegram", sender="Embassy in the Soviet Union",
         recipient="Department of State", place="Moscow", date="1962-10-27",
         classification="secret", telegram_number="1070", persons=_people("107327", "107516"),
         text="Khrushchev letter received. Soviet missile crisis statement follows. [1 line "
              "of source text not declassified]",
         redactions=[Redaction("[1 line of source text not declassified]", "1 line")]),
    _rec(V11, 4, title="Telegram From the Embassy in the Soviet Union to the Department of State",
         doc_type="telegram", sender="Embassy in the Soviet Union's Counselor",
         recipient="Department of State", place="Moscow", date="1962-10-28",
         classification="top secret", telegram_number="1080", persons=_people("100005"),
         text="Radio Moscow broadcast the Chairman's message on the crisis."),
    _rec(V11, 5, title="Memorandum for the Record",
         doc_type="memorandum-for-the-record", date_not_before="1962-10-01",
         date_not_after="1962-10-31", classification="top secret",
         text="Meeting on Berlin contingency planning; Cuba was also discussed."),
    _rec(V11, 6, title="Editorial Note", doc_type="editorial-note",
         text="No date is known for this note about Berlin."),
    _rec(V58, 7, title="Memorandum of Conversation", doc_type="memorandum-of-conversation",
         sender=None, recipient=None, place="Washington", date="1959-05-14",
         classification="confidential",
         text="Berlin Berlin Berlin: the Secretary discussed Berlin access with the Ambassador."),
    _rec(V58, 8, title="Berlin", doc_type="paper", date="1960-01-02",
         classification="secret", text="A paper on access to the city.",
         footnotes=[Footnote("1", "Attached.")]),
    _rec(V58, 9, title="Despatch From the Embassy in Germany", doc_type="despatch",
         sender="Embassy in Germany", recipient="Department of State", place="Bonn",
         date_not_before="1958-01-01", date_not_after="1960-12-31",
         classification="limited official use", text="Économie allemande; Khrushchëv visit."),
]


def build(path: Path | str, records: list[Record] = RECORDS) -> Store:
    """The records stored at `path`: a SQLite file or a postgresql:// URL."""
    store = open_store(path) or SqliteStore(path)
    store.put_authorities(AuthorityRows(
        {}, "test", "{}", [(i, n, [n], None, None) for i, n in PERSONS.items()], []))
    by_col: dict[str, list[Record]] = {}
    for r in records:
        by_col.setdefault(r.collection, []).append(r)
    for col, recs in by_col.items():
        store.put_batch(Batch(Collection(col, title=col), recs), path=col, sha256=col)
    return store


def within(r: Record, lo: str | None, hi: str | None) -> bool:
    """The documented date rule, in Python: the document's date, or its whole range, lies
    within the query's range."""
    start = r.date or r.date_not_before or r.date_not_after
    end = r.date or r.date_not_after or r.date_not_before
    if start is None or end is None:
        return False
    return (lo is None or start >= date_bounds(lo)[0]) and (
        hi is None or end <= date_bounds(hi)[1])


_INDEXES: dict[str, SearchIndex] = {}


def search(store: Store, query: str, **kw: Any) -> dict[str, Any]:
    """As Archive.search: the index catches up with the store, then answers."""
    index = _INDEXES.setdefault(store.path, SearchIndex(index_folder(store)))
    index.sync(store)
    return engine_search(index, store, query, **kw)
