"""The store's people tables: authorities kept whole, the person index made with the
documents, links replaced in one transaction, name lookups."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cablegram.errors import CablegramError
from cablegram.people import person_roles
from cablegram.record import Batch, Collection, Mention, PersonLink, Record, Signer
from cablegram.store.base import AuthorityRows
from cablegram.store.sqlite import doc_rows, record_json
from pg_server import open_any

ROWS = AuthorityRows(
    sources={"people": ("/x/people", "aa"), "pocom": ("/x/pocom", "bb")},
    stamp="s1", data='{"persons": {}}',
    persons=[("107327", "Kohler, Foy D.", ["Kohler, Foy D.", "Foy David Kohler"], 1908, 1990),
             ("100004", "Kuznetsov, Vasily Vasilyevich", ["Kuznetsov, Vasily Vasilyevich"],
              None, None),
             ("100005", "Kuznetsov, Nikolai", ["Kuznetsov, Nikolai"], None, None),
             ("100002", "Khrushchëv, Nikita", ["Khrushchëv, Nikita"], None, None)],
    appointments=[("107327", "kohler-foy-david", "Foy David Kohler", "ambassador", "russia",
                   "1962-09-27", "1966-11-14")],
)


def link(pid: str, name: str, how: str = "name") -> PersonLink:
    return PersonLink(pid, name, [Mention(name.split(",")[0], 0, 1)], how)


def record(n: int, persons: list[PersonLink], **kw: object) -> Record:
    fields: dict[str, object] = {
        "id": f"v/d{n}", "collection": "v", "number": str(n), "title": f"{n}. Telegram",
        "date": f"1962-10-{n:02d}", "text": "text", "persons": persons}
    fields.update(kw)
    return Record(**fields)  # type: ignore[arg-type]  # a test's mixed-type kwargs


@pytest.fixture
def store(archive_location: str) -> Iterator[Any]:
    """The people tables on each backend (SQLite, PostgreSQL)."""
    s = open_any(archive_location)
    s.put_authorities(ROWS)
    yield s
    s.close()


def test_authorities_round_trip(store: Any) -> None:
    assert store.authorities_data() == ("s1", '{"persons": {}}')
    assert store.authority_source("people") == ("/x/people", "aa")
    assert store.register_person("107327") == (
        "107327", "Kohler, Foy D.", ["Kohler, Foy D.", "Foy David Kohler"], 1908, 1990)
    assert store.appointments_of("107327") == [
        {"role": "ambassador", "post": "russia", "start": "1962-09-27", "end": "1966-11-14"}]
    store.put_authorities(AuthorityRows({"people": ("/y", "cc")}, "s2", "{}", [], []))
    assert store.authorities_stamp() == "s2"
    assert store.register_person("107327") is None  # replaced whole
    # The sources say what the stored authorities were loaded from: pocom no longer.
    assert store.authority_source("pocom") is None


def test_names_look_up_every_word_any_case_any_accent(store: Any) -> None:
    assert store.person_ids_by_name("Kuznetsov") == ["100004", "100005"]
    assert store.person_ids_by_name("vasily KUZNETSOV") == ["100004"]
    assert store.person_ids_by_name("Khrushchev") == ["100002"]
    assert store.person_ids_by_name("Foy Kohler") == ["107327"]
    assert store.person_ids_by_name("Nobody") == []
    assert store.person_ids_by_name("...") == []


def test_roles_sender_recipient_mentioned() -> None:
    r = record(1, [link("107327", "Kohler, Foy D."), link("100002", "Khrushchëv, Nikita"),
                   link("100004", "Kuznetsov, Vasily Vasilyevich"),
                   PersonLink(None, "Johnson", candidates=["1", "2"])],
               sender="Embassy in the Soviet Union", recipient="Chairman Khrushchev",
               signers=[Signer("Kohler")])
    assert person_roles(r) == [("107327", "name", "sender"), ("100002", "name", "recipient"),
                               ("100004", "name", "mentioned")]


def test_person_index_is_stored_with_the_documents(store: Any) -> None:
    kohler, kuz = link("107327", "Kohler, Foy D."), link("100004", "Kuznetsov, V.")
    batch = Batch(Collection("v", format="tei"), [
        record(1, [kohler, kuz], signers=[Signer("Kohler")]),
        record(2, [kuz]), record(3, [])])
    store.put_batches([batch], path="/v.xml", sha256="x", linked="s1")
    docs = store.person_documents("100004")
    assert [(d, role) for d, _, _, role in docs] == [("v/d1", "mentioned"),
                                                     ("v/d2", "mentioned")]
    assert [(d, role) for d, _, _, role in store.person_documents("107327")] == [
        ("v/d1", "sender")]
    assert store.co_mentioned("107327") == [("100004", "Kuznetsov, Vasily Vasilyevich", 1)]
    assert store.collections_to_link("s1") == []
    assert store.collections_to_link("s2") == ["v"]
    assert store.collections_to_link("s1", everything=True) == ["v"]
    rows = sorted(sorted((r.persons or "").split()) for r in store.search_rows("v"))
    assert rows == [[], ["100004"], ["100004", "107327"]]
    # Stored again: the old links go with the old documents.
    store.put_batches([Batch(batch.collection, [record(1, [])])], path="/v.xml", sha256="y")
    assert store.person_documents("100004") == []
    assert store.collections_to_link("s1") == ["v"]  # stored unlinked


def test_rows_made_by_a_reader_store_what_the_records_would(store: Any) -> None:
    # A reader process sends `doc_rows` instead of the records (cablegram.read_worker).
    kohler, kuz = link("107327", "Kohler, Foy D."), link("100004", "Kuznetsov, V.")
    records = [record(1, [kohler, kuz], signers=[Signer("Kohler")]), record(2, [kuz]),
               record(3, [])]
    rows = doc_rows(records)
    assert rows.links == [(0, "107327", "name", "sender"), (0, "100004", "name", "mentioned"),
                          (1, "100004", "name", "mentioned")]
    assert rows.records() == records
    assert [doc[-1] for doc in rows.docs] == [record_json(r) for r in records]
    store.put_batches([Batch(Collection("v", format="tei"), [])], path="/v.xml", sha256="x",
                      linked="s1", rows=[rows])
    assert [store.get(r.id) for r in records] == records
    assert [s.documents for s in store.collection_spans()] == [3]
    assert [(d, role) for d, _, _, role in store.person_documents("100004")] == [
        ("v/d1", "mentioned"), ("v/d2", "mentioned")]
    assert store.collections_to_link("s1") == []
    with pytest.raises(CablegramError, match="2 JSON texts for 3 records"):
        doc_rows(records, ["{}", "{}"])


def test_update_links_replaces_them_and_marks_the_index(store: Any) -> None:
    batch = Batch(Collection("v", format="tei"), [record(1, []), record(2, [])])
    store.put_batches([batch], path="/v.xml", sha256="x")
    mark = store.last_search_mark()
    linked = [record(1, [link("100005", "Kuznetsov, Nikolai")]), record(2, [])]
    store.update_links("v", [(record_json(r), r) for r in linked], "s1")
    assert store.get("v/d1") == linked[0]
    assert [d for d, *_ in store.person_documents("100005")] == ["v/d1"]
    assert store.collections_to_link("s1") == []
    assert store.last_search_mark() > mark
    assert store.integrity_check() == ["ok"]


def test_stats_count_the_people(store: Any) -> None:
    people = store.stats()["people"]
    assert people["register_persons"] == 4
    assert people["appointments"] == 1
    assert people["authority_sources"] == {"people": "/x/people", "pocom": "/x/pocom"}


_ids = st.sampled_from(["107327", "100004", "100005", "100002"])
_persons = st.lists(st.builds(link, _ids, st.sampled_from(["Kohler, Foy D.", "Kuznetsov, V."])),
                    max_size=4)


@given(st.lists(_persons, min_size=1, max_size=6),
       st.sampled_from([None, "Kohler", "Embassy in the Soviet Union"]))
@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_the_person_index_is_what_the_records_say(store: Any,
                                                  persons: list[list[PersonLink]],
                                                  sender: str | None) -> None:
    records = [record(i + 1, p, sender=sender) for i, p in enumerate(persons)]
    store.put_batches([Batch(Collection("v", format="tei"), records)], path="/v.xml",
                      sha256=str(len(records)), linked="s1")
    for pid in ("107327", "100004", "100005", "100002"):
        expected = sorted((r.id, role) for r in records
                          for p, _, role in person_roles(r) if p == pid)
        assert sorted((d, role) for d, _, _, role in store.person_documents(pid)) == expected
    assert [store.get(r.id) for r in records] == records
